import { Accordion, AccordionsGroup } from './Accordion.js';
import type { ComponentExample } from './shared.js';

export const accordionExamples: ComponentExample[] = [
  {
    title: 'Accordéon seul',
    render: () => (
      <Accordion id="accordeon-eligibilite" title="Qui peut candidater ?" headingLevel={4}>
        <p>
          Les associations, coopératives et entreprises agréées ESUS dont le siège est en France, créées
          depuis au moins un an.
        </p>
      </Accordion>
    ),
  },
  {
    title: 'Groupe d’accordéons (foire aux questions), le premier ouvert',
    render: () => (
      <AccordionsGroup
        headingLevel={4}
        items={[
          {
            id: 'faq-delai',
            title: 'Quand la décision est-elle rendue ?',
            expanded: true,
            content: <p>Dans les trois mois suivant la clôture de l’appel à projets.</p>,
          },
          {
            id: 'faq-versement',
            title: 'Comment la subvention est-elle versée ?',
            content: (
              <ul>
                <li>70 % à la signature de la convention ;</li>
                <li>30 % à la remise du bilan.</li>
              </ul>
            ),
          },
          {
            id: 'faq-modification',
            title: 'Puis-je modifier un dossier déposé ?',
            content: <p>Non, mais l’instructeur peut vous demander des compléments.</p>,
          },
        ]}
      />
    ),
  },
];
