import { Notice } from './Notice.js';
import type { ComponentExample } from './shared.js';

export const noticeExamples: ComponentExample[] = [
  {
    title: 'Bandeau d’information',
    render: () => (
      <Notice
        title="Appel à projets « Fabriques à initiatives » : dépôt des dossiers jusqu’au 30 juin 2025."
        description="Les structures de l’économie sociale et solidaire de toute la France peuvent candidater."
        link={{ href: '/appels-a-projets/fabriques-a-initiatives-2025', label: 'Voir l’appel à projets' }}
      />
    ),
  },
  {
    title: 'Bandeau d’avertissement avec lien vers une nouvelle fenêtre',
    render: () => (
      <Notice
        type="warning"
        title="Maintenance de la plateforme le 12 juin de 20 h à 22 h."
        link={{ href: 'https://status.example.gouv.fr/', label: 'Suivre l’état du service', newWindow: true }}
      />
    ),
  },
  {
    title: 'Bandeau d’alerte',
    render: () => (
      <Notice
        type="alert"
        title="Les versements de subvention sont suspendus jusqu’à nouvel ordre."
        description="Aucune action n’est requise de votre part."
      />
    ),
  },
];
