import type { ComponentExample } from './shared.js';
import { Tabs } from './Tabs.js';

export const tabsExamples: ComponentExample[] = [
  {
    title: 'Onglets d’un dossier',
    render: () => (
      <Tabs
        id="onglets-dossier"
        label="Informations du dossier FI-2025-0042"
        tabs={[
          {
            label: 'Projet',
            icon: 'fr-icon-lightbulb-line',
            content: (
              <p>
                La ressourcerie mobile collecte les objets dans 14 communes rurales et emploie 6 personnes en
                insertion.
              </p>
            ),
          },
          {
            label: 'Budget',
            content: (
              <ul>
                <li>Montant demandé : 25 000 €</li>
                <li>Cofinancements : 40 000 €</li>
              </ul>
            ),
          },
          {
            label: 'Pièces jointes',
            content: <p>3 pièces jointes : statuts, comptes 2024, budget prévisionnel.</p>,
          },
        ]}
      />
    ),
  },
  {
    title: 'Onglets avec le deuxième sélectionné',
    render: () => (
      <Tabs
        id="onglets-instruction"
        label="Avis d’instruction"
        selected={1}
        tabs={[
          {
            label: 'Avis de la région',
            content: <p>Avis favorable, sous réserve du cofinancement départemental.</p>,
          },
          { label: 'Avis du comité', content: <p>Le comité de sélection se réunira le 10 juillet 2025.</p> },
        ]}
      />
    ),
  },
];
