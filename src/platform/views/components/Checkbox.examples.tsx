import { Checkbox, CheckboxGroup } from './Checkbox.js';
import type { ComponentExample } from './shared.js';

const publics = [
  { value: 'jeunes', label: 'Jeunes de 16 à 25 ans' },
  { value: 'seniors', label: 'Personnes âgées' },
  { value: 'handicap', label: 'Personnes en situation de handicap' },
  {
    value: 'qpv',
    label: 'Habitants des quartiers prioritaires',
    hint: 'Quartiers prioritaires de la politique de la ville',
  },
];

export const checkboxExamples: ComponentExample[] = [
  {
    title: 'Case à cocher seule, obligatoire',
    render: () => (
      <Checkbox
        name="attestation_honneur"
        value="oui"
        label="J’atteste sur l’honneur l’exactitude des informations fournies"
        required
      />
    ),
  },
  {
    title: 'Ensemble de cases à cocher, valeurs conservées',
    render: () => (
      <CheckboxGroup
        name="publics_cibles"
        label="Publics bénéficiaires du projet"
        hint="Plusieurs réponses possibles."
        options={publics}
        values={['jeunes', 'qpv']}
      />
    ),
  },
  {
    title: 'Ensemble de cases à cocher en erreur, en ligne',
    render: () => (
      <CheckboxGroup
        name="financements_obtenus"
        label="Financements déjà obtenus"
        options={[
          { value: 'etat', label: 'État' },
          { value: 'region', label: 'Région' },
          { value: 'fondation', label: 'Fondation' },
        ]}
        inline
        required
        error="Cochez au moins un financement, ou « Aucun »."
      />
    ),
  },
];
