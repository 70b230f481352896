import { assetUrl } from '../../http/assets.js';
import type { ComponentExample } from './shared.js';
import { Tile } from './Tile.js';

const pictogram = (path: string) => assetUrl('dsfr', `artwork/pictograms/${path}`);

export const tileExamples: ComponentExample[] = [
  {
    title: 'Grille de tuiles avec pictogramme',
    render: () => (
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-4">
          <Tile
            title="Déposer un dossier"
            href="/dossiers/nouveau"
            description="Candidater à un appel à projets ouvert."
            pictogram={pictogram('document/document-add.svg')}
            headingLevel={4}
          />
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <Tile
            title="Signaler un frein"
            href="/freins/nouveau"
            description="Une règle ou une démarche qui bloque votre projet."
            pictogram={pictogram('system/warning.svg')}
            headingLevel={4}
          />
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <Tile
            title="Rejoindre la communauté"
            href="/communaute"
            description="Échanger avec les porteurs de projets de votre région."
            pictogram={pictogram('environment/human-cooperation.svg')}
            headingLevel={4}
          />
        </div>
      </div>
    ),
  },
  {
    title: 'Tuile horizontale avec détail et badge',
    render: () => (
      <Tile
        title="Programme d’accélération 2025"
        href="/programmes/acceleration-2025"
        detail="Candidatures jusqu’au 15 septembre 2025"
        badge={{ label: 'Nouveau', type: 'new' }}
        horizontal
        headingLevel={4}
      />
    ),
  },
  {
    title: 'Tuile de téléchargement',
    render: () => (
      <Tile
        title="Télécharger le rapport d’impact 2024"
        href="/documents/rapport-impact-2024.pdf"
        download
        detail="PDF - 2,4 Mo"
        size="sm"
        headingLevel={4}
      />
    ),
  },
];
