import { Badge, BadgesGroup } from './Badge.js';
import type { ComponentExample } from './shared.js';

export const badgeExamples: ComponentExample[] = [
  {
    title: 'Statuts d’un dossier',
    render: () => (
      <BadgesGroup
        badges={[
          { label: 'Brouillon' },
          { label: 'Déposé', type: 'info' },
          { label: 'Incomplet', type: 'warning' },
          { label: 'Lauréat', type: 'success' },
          { label: 'Non retenu', type: 'error' },
          { label: 'Nouveau', type: 'new' },
        ]}
      />
    ),
  },
  {
    title: 'Petits badges de couleur, sans icône',
    render: () => (
      <BadgesGroup
        size="sm"
        badges={[
          { label: 'Économie circulaire', color: 'green-menthe', size: 'sm' },
          { label: 'Inclusion', color: 'purple-glycine', size: 'sm' },
          { label: 'Ruralité', color: 'orange-terre-battue', size: 'sm' },
        ]}
      />
    ),
  },
  {
    title: 'Badge seul',
    render: () => <Badge label="Programme d’accélération 2025" type="info" noIcon />,
  },
];
