import { Stepper } from './Stepper.js';
import type { ComponentExample } from './shared.js';

export const stepperExamples: ComponentExample[] = [
  {
    title: 'Première étape d’un dépôt de dossier',
    render: () => (
      <Stepper title="Votre structure" current={1} total={4} nextTitle="Votre projet" headingLevel={4} />
    ),
  },
  {
    title: 'Dernière étape',
    render: () => <Stepper title="Récapitulatif et dépôt" current={4} total={4} headingLevel={4} />,
  },
];
