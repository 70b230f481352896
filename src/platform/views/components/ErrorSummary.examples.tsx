import { Button } from './Button.js';
import { CheckboxGroup } from './Checkbox.js';
import { ErrorSummary } from './ErrorSummary.js';
import { Input } from './Input.js';
import { RadioGroup } from './Radio.js';
import type { ComponentExample } from './shared.js';

export const errorSummaryExamples: ComponentExample[] = [
  {
    title: 'Formulaire renvoyé avec ses erreurs (les liens mènent aux champs)',
    render: () => (
      <form method="post" action="/dossiers/nouveau" novalidate>
        <ErrorSummary
          id="resume-erreurs-exemple"
          headingLevel={4}
          autofocus={false}
          errors={[
            { field: 'depot_titre', message: 'Saisissez le titre du projet.' },
            {
              field: 'depot_courriel',
              message: 'Saisissez une adresse électronique valide, comme nom@domaine.fr.',
            },
            { field: 'depot_duree', message: 'Choisissez la durée du projet.' },
            { field: 'depot_territoires', message: 'Cochez au moins un territoire d’intervention.' },
          ]}
        />
        <Input name="depot_titre" label="Titre du projet" required error="Saisissez le titre du projet." />
        <Input
          name="depot_courriel"
          type="email"
          label="Adresse électronique du porteur de projet"
          value="camille.martin@"
          required
          error="Saisissez une adresse électronique valide, comme nom@domaine.fr."
        />
        <RadioGroup
          name="depot_duree"
          label="Durée du projet"
          required
          error="Choisissez la durée du projet."
          options={[
            { value: '12', label: '12 mois' },
            { value: '24', label: '24 mois' },
            { value: '36', label: '36 mois' },
          ]}
        />
        <CheckboxGroup
          name="depot_territoires"
          label="Territoires d’intervention"
          required
          error="Cochez au moins un territoire d’intervention."
          options={[
            { value: 'urbain', label: 'Urbain' },
            { value: 'periurbain', label: 'Périurbain' },
            { value: 'rural', label: 'Rural' },
          ]}
        />
        <Button label="Déposer le dossier" type="submit" />
      </form>
    ),
  },
];
