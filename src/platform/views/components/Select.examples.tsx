import { Select } from './Select.js';
import type { ComponentExample } from './shared.js';

const regions = [
  { value: '84', label: 'Auvergne-Rhône-Alpes' },
  { value: '27', label: 'Bourgogne-Franche-Comté' },
  { value: '53', label: 'Bretagne' },
  { value: '11', label: 'Île-de-France' },
  { value: '75', label: 'Nouvelle-Aquitaine' },
  { value: '93', label: 'Provence-Alpes-Côte d’Azur' },
];

export const selectExamples: ComponentExample[] = [
  {
    title: 'Liste déroulante obligatoire',
    render: () => (
      <Select name="projet_region" label="Région principale du projet" options={regions} required />
    ),
  },
  {
    title: 'Liste déroulante en erreur',
    render: () => (
      <Select
        name="porteur_region"
        label="Région du siège de la structure"
        options={regions}
        error="Sélectionnez la région du siège de la structure."
        required
      />
    ),
  },
  {
    title: 'Groupes d’options, valeur conservée, texte d’aide',
    render: () => (
      <Select
        name="projet_thematique"
        label="Thématique principale"
        hint="Celle qui décrit le mieux l’activité financée."
        value="insertion"
        options={[
          {
            label: 'Emploi',
            options: [
              { value: 'insertion', label: 'Insertion par l’activité économique' },
              { value: 'handicap', label: 'Emploi des personnes handicapées' },
            ],
          },
          {
            label: 'Transition écologique',
            options: [
              { value: 'reemploi', label: 'Réemploi et économie circulaire' },
              { value: 'alimentation', label: 'Alimentation durable' },
            ],
          },
        ]}
      />
    ),
  },
];
