import { ButtonsGroup } from './Button.js';
import { Card } from './Card.js';
import type { ComponentExample } from './shared.js';

export const cardExamples: ComponentExample[] = [
  {
    title: 'Carte d’appel à projets, entièrement cliquable',
    render: () => (
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-6">
          <Card
            title="Fabriques à initiatives 2025"
            href="/appels-a-projets/fabriques-a-initiatives-2025"
            description="Soutenir les structures qui détectent les besoins sociaux non couverts d’un territoire et y font naître des entreprises sociales."
            detailStart="Ouvert jusqu’au 30 juin 2025"
            detailStartIcon="fr-icon-calendar-line"
            badges={[{ label: 'Ouvert', type: 'success', noIcon: true, size: 'sm' }]}
            detailEnd="Enveloppe : 2 000 000 €"
            headingLevel={4}
          />
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <Card
            title="Jardins solidaires du Trégor"
            href="/organisations/jardins-solidaires-tregor"
            description="Association d’insertion par le maraîchage biologique, lauréate du programme d’accélération 2024."
            tags={[{ label: 'Bretagne' }, { label: 'Insertion' }]}
            headingLevel={4}
            variant="grey"
          />
        </div>
      </div>
    ),
  },
  {
    title: 'Carte avec zone d’action',
    render: () => (
      <Card
        title="Dossier FI-2025-0042 : Ressourcerie mobile"
        description="Dernière modification le 3 juin 2025 par Camille Martin."
        badges={[{ label: 'Brouillon', size: 'sm' }]}
        headingLevel={4}
        horizontal
        footer={
          <ButtonsGroup
            inline="lg"
            reverse
            buttons={[
              { label: 'Reprendre le dossier', href: '/dossiers/2025-0042/modifier' },
              {
                label: 'Télécharger en PDF',
                kind: 'secondary',
                href: '/dossiers/2025-0042.pdf',
                download: true,
              },
            ]}
          />
        }
      />
    ),
  },
  {
    title: 'Carte dont le lien ouvre une nouvelle fenêtre',
    render: () => (
      <Card
        title="Guide de l’essaimage des projets d’innovation sociale"
        href="https://www.avise.org/"
        newWindow
        description="Méthodes et retours d’expérience pour dupliquer un projet sur un nouveau territoire."
        size="sm"
        headingLevel={4}
      />
    ),
  },
  {
    title: 'Carte de téléchargement',
    render: () => (
      <Card
        title="Télécharger le cahier des charges « Fabriques à initiatives 2025 »"
        href="/documents/cahier-des-charges-fabriques-2025.pdf"
        download
        description="Critères d’éligibilité, calendrier et modalités de sélection."
        detailEnd="PDF - 480 ko"
        headingLevel={4}
      />
    ),
  },
];
