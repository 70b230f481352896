import { Alert } from './Alert.js';
import type { ComponentExample } from './shared.js';

export const alertExamples: ComponentExample[] = [
  {
    title: 'Succès après dépôt d’un dossier',
    render: () => (
      <Alert
        type="success"
        title="Votre dossier a été déposé"
        description="Un accusé de réception a été envoyé à contact@jardins-solidaires.fr. Numéro de dossier : FI-2025-0042."
        headingLevel={4}
        role="status"
      />
    ),
  },
  {
    title: 'Information avec contenu enrichi',
    render: () => (
      <Alert type="info" title="Instruction en cours" headingLevel={4}>
        <p>
          Votre dossier est en cours d’instruction par la direction régionale.{' '}
          <a href="/dossiers/2025-0042">Suivre l’avancement du dossier</a>
        </p>
      </Alert>
    ),
  },
  {
    title: 'Avertissement',
    render: () => (
      <Alert
        type="warning"
        title="Clôture de l’appel à projets dans 3 jours"
        description="Les dossiers incomplets au 30 juin 2025 à 23 h 59 ne seront pas instruits."
        headingLevel={4}
      />
    ),
  },
  {
    title: 'Erreur',
    render: () => (
      <Alert
        type="error"
        title="Le dossier n’a pas pu être transmis"
        description="Le service est momentanément indisponible. Vos réponses sont enregistrées : réessayez dans quelques minutes."
        headingLevel={4}
      />
    ),
  },
  {
    title: 'Petite alerte sans titre',
    render: () => (
      <Alert type="info" size="sm" description="Brouillon enregistré automatiquement à 14 h 32." />
    ),
  },
];
