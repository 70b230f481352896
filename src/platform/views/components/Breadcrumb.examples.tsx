import { Breadcrumb } from './Breadcrumb.js';
import type { ComponentExample } from './shared.js';

export const breadcrumbExamples: ComponentExample[] = [
  {
    title: 'Fil d’Ariane d’une page d’appel à projets',
    render: () => (
      <Breadcrumb
        id="breadcrumb-exemple-appel"
        items={[
          { label: 'Accueil', href: '/' },
          { label: 'Appels à projets', href: '/appels-a-projets' },
        ]}
        current="Fabriques à initiatives 2025"
      />
    ),
  },
  {
    title: 'Fil d’Ariane d’un dossier en instruction',
    render: () => (
      <Breadcrumb
        id="breadcrumb-exemple-dossier"
        items={[
          { label: 'Accueil', href: '/' },
          { label: 'Instruction', href: '/instruction' },
          { label: 'Fabriques à initiatives 2025', href: '/instruction/fabriques-a-initiatives-2025' },
        ]}
        current="Dossier FI-2025-0042"
      />
    ),
  },
];
