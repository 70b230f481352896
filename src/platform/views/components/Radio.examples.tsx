import { RadioGroup } from './Radio.js';
import type { ComponentExample } from './shared.js';

export const radioExamples: ComponentExample[] = [
  {
    title: 'Boutons radio obligatoires avec textes d’aide',
    render: () => (
      <RadioGroup
        name="structure_forme"
        label="Forme juridique de la structure"
        required
        options={[
          { value: 'association', label: 'Association loi 1901' },
          { value: 'scic', label: 'Société coopérative d’intérêt collectif', hint: 'SCIC' },
          { value: 'esus', label: 'Entreprise agréée ESUS', hint: 'Entreprise solidaire d’utilité sociale' },
        ]}
      />
    ),
  },
  {
    title: 'Boutons radio en ligne, valeur conservée',
    render: () => (
      <RadioGroup
        name="projet_essaimage"
        label="Le projet a-t-il déjà essaimé sur un autre territoire ?"
        inline
        value="non"
        options={[
          { value: 'oui', label: 'Oui' },
          { value: 'non', label: 'Non' },
        ]}
      />
    ),
  },
  {
    title: 'Boutons radio en erreur',
    render: () => (
      <RadioGroup
        name="accompagnement_type"
        label="Accompagnement souhaité"
        required
        error="Choisissez un type d’accompagnement."
        options={[
          { value: 'amorcage', label: 'Amorçage' },
          { value: 'acceleration', label: 'Accélération' },
          { value: 'changement_echelle', label: 'Changement d’échelle' },
        ]}
      />
    ),
  },
];
