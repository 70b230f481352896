import type { ComponentExample } from './shared.js';
import { Tag, TagsGroup } from './Tag.js';

export const tagExamples: ComponentExample[] = [
  {
    title: 'Tags non cliquables',
    render: () => (
      <TagsGroup
        tags={[
          { label: 'Insertion professionnelle' },
          { label: 'Alimentation durable', icon: 'fr-icon-leaf-line' },
          { label: 'Hauts-de-France' },
        ]}
      />
    ),
  },
  {
    title: 'Tags cliquables (liens)',
    render: () => (
      <TagsGroup
        tags={[
          { label: 'Économie circulaire', href: '/appels-a-projets?thematique=economie-circulaire' },
          { label: 'Mobilité solidaire', href: '/appels-a-projets?thematique=mobilite', color: 'blue-ecume' },
        ]}
      />
    ),
  },
  {
    title: 'Tags sélectionnables d’un formulaire de filtre',
    render: () => (
      <TagsGroup
        tags={[
          { label: 'Ouverts', pressed: true, type: 'submit', name: 'statut', value: 'ouvert' },
          { label: 'À venir', pressed: false, type: 'submit', name: 'statut', value: 'a-venir' },
          { label: 'Clôturés', pressed: false, type: 'submit', name: 'statut', value: 'cloture' },
        ]}
      />
    ),
  },
  {
    title: 'Tags supprimables (filtres actifs)',
    render: () => (
      <TagsGroup
        tags={[
          { label: 'Bretagne', dismissHref: '/appels-a-projets?thematique=insertion' },
          { label: 'Insertion', dismissHref: '/appels-a-projets?region=53' },
        ]}
      />
    ),
  },
  {
    title: 'Petit tag seul',
    render: () => <Tag label="Lauréat 2024" size="sm" />,
  },
];
