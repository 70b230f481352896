import Html from '@kitajs/html';
import { accordionExamples } from './Accordion.examples.js';
import { alertExamples } from './Alert.examples.js';
import { badgeExamples } from './Badge.examples.js';
import { breadcrumbExamples } from './Breadcrumb.examples.js';
import { buttonExamples } from './Button.examples.js';
import { cardExamples } from './Card.examples.js';
import { checkboxExamples } from './Checkbox.examples.js';
import { errorSummaryExamples } from './ErrorSummary.examples.js';
import { franceMapExamples } from './FranceMap.examples.js';
import { inputExamples, textareaExamples } from './Input.examples.js';
import { modalExamples } from './Modal.examples.js';
import { noticeExamples } from './Notice.examples.js';
import { paginationExamples } from './Pagination.examples.js';
import { radioExamples } from './Radio.examples.js';
import { searchBarExamples } from './SearchBar.examples.js';
import { selectExamples } from './Select.examples.js';
import { stepperExamples } from './Stepper.examples.js';
import type { ComponentExample } from './shared.js';
import { tableExamples } from './Table.examples.js';
import { tabsExamples } from './Tabs.examples.js';
import { tagExamples } from './Tag.examples.js';
import { tileExamples } from './Tile.examples.js';
import { toggleExamples } from './Toggle.examples.js';
import { uploadExamples } from './Upload.examples.js';

export interface CatalogueEntry {
  /** Anchor of the section. */
  slug: string;
  /** DSFR name of the component, in French (section title). */
  name: string;
  /** Exported wrapper(s) to use in code. */
  code: string;
  examples: ComponentExample[];
}

/** Every component with its examples, in the order of the catalogue page. */
export const catalogue: CatalogueEntry[] = [
  { slug: 'bouton', name: 'Bouton', code: 'Button, ButtonsGroup', examples: buttonExamples },
  { slug: 'champ-de-saisie', name: 'Champ de saisie', code: 'Input', examples: inputExamples },
  { slug: 'zone-de-texte', name: 'Zone de texte', code: 'Textarea', examples: textareaExamples },
  { slug: 'liste-deroulante', name: 'Liste déroulante', code: 'Select', examples: selectExamples },
  {
    slug: 'case-a-cocher',
    name: 'Case à cocher',
    code: 'Checkbox, CheckboxGroup',
    examples: checkboxExamples,
  },
  { slug: 'bouton-radio', name: 'Bouton radio', code: 'RadioGroup', examples: radioExamples },
  { slug: 'interrupteur', name: 'Interrupteur', code: 'Toggle', examples: toggleExamples },
  { slug: 'ajout-de-fichier', name: 'Ajout de fichier', code: 'Upload', examples: uploadExamples },
  { slug: 'alerte', name: 'Alerte', code: 'Alert', examples: alertExamples },
  { slug: 'bandeau', name: 'Bandeau d’information importante', code: 'Notice', examples: noticeExamples },
  { slug: 'badge', name: 'Badge', code: 'Badge, BadgesGroup', examples: badgeExamples },
  { slug: 'tag', name: 'Tag', code: 'Tag, TagsGroup', examples: tagExamples },
  { slug: 'carte', name: 'Carte', code: 'Card', examples: cardExamples },
  { slug: 'tuile', name: 'Tuile', code: 'Tile', examples: tileExamples },
  { slug: 'tableau', name: 'Tableau', code: 'Table', examples: tableExamples },
  { slug: 'pagination', name: 'Pagination', code: 'Pagination', examples: paginationExamples },
  { slug: 'fil-d-ariane', name: 'Fil d’Ariane', code: 'Breadcrumb', examples: breadcrumbExamples },
  { slug: 'onglets', name: 'Onglets', code: 'Tabs', examples: tabsExamples },
  { slug: 'accordeon', name: 'Accordéon', code: 'Accordion, AccordionsGroup', examples: accordionExamples },
  { slug: 'modale', name: 'Modale', code: 'Modal, ModalButton', examples: modalExamples },
  { slug: 'indicateur-d-etapes', name: 'Indicateur d’étapes', code: 'Stepper', examples: stepperExamples },
  {
    slug: 'resume-des-erreurs',
    name: 'Résumé des erreurs',
    code: 'ErrorSummary',
    examples: errorSummaryExamples,
  },
  { slug: 'barre-de-recherche', name: 'Barre de recherche', code: 'SearchBar', examples: searchBarExamples },
  { slug: 'carte-de-france', name: 'Carte de France', code: 'FranceMap', examples: franceMapExamples },
];

/**
 * Body of the `/_composants` page: a table of contents, then one section per component (`h2`)
 * and one block per example (`h3`). The page layout provides the `h1`.
 */
export function ComponentCatalogue(): JSX.Element {
  return (
    <>
      <nav class="fr-summary fr-mb-6w" aria-labelledby="catalogue-sommaire-titre">
        <p class="fr-summary__title" id="catalogue-sommaire-titre">
          Sommaire
        </p>
        <ol>
          {catalogue.map((entry) => (
            <li>
              <a class="fr-summary__link" href={`#${entry.slug}`} safe>
                {entry.name}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      {catalogue.map((entry) => (
        <section class="fr-mb-8w" aria-labelledby={entry.slug}>
          <h2 id={entry.slug}>
            {Html.escapeHtml(entry.name)}{' '}
            <code class="fr-text--sm" lang="en" safe>
              {entry.code}
            </code>
          </h2>
          {entry.examples.map((example) => (
            <div class="fr-mb-6w">
              <h3 class="fr-h6" safe>
                {example.title}
              </h3>
              <div class="fr-mb-2w">{example.render()}</div>
            </div>
          ))}
        </section>
      ))}
    </>
  );
}
