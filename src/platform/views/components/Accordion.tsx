import Html from '@kitajs/html';
import { Heading, type HeadingLevel } from './shared.js';

export interface AccordionProps {
  /** Id of the collapsible content; unique in the page. */
  id: string;
  title: string;
  /** Content, already rendered (use paragraphs or lists, not bare text). */
  children?: Html.Children;
  /** Open on load. */
  expanded?: boolean;
  headingLevel?: HeadingLevel;
}

/**
 * DSFR "Accordéon". The content follows its button in the page, linked by `aria-controls`;
 * without JavaScript the no-JavaScript rules of `public/app.css` keep it visible.
 */
export function Accordion(props: AccordionProps): JSX.Element {
  const { children } = props;
  return (
    <section class="fr-accordion">
      <Heading level={props.headingLevel ?? 3} class="fr-accordion__title">
        <button
          type="button"
          class="fr-accordion__btn"
          aria-expanded={props.expanded ? 'true' : 'false'}
          aria-controls={props.id}
        >
          {Html.escapeHtml(props.title)}
        </button>
      </Heading>
      <div id={props.id} class={['fr-collapse', props.expanded === true && 'fr-collapse--expanded']}>
        {children ?? ''}
      </div>
    </section>
  );
}

export interface AccordionItem extends Omit<AccordionProps, 'children' | 'headingLevel'> {
  content: JSX.Element;
}

/** DSFR "Groupe d'accordéons". `exclusive` (default) closes the others when one opens. */
export function AccordionsGroup(props: {
  items: AccordionItem[];
  exclusive?: boolean;
  headingLevel?: HeadingLevel;
}): JSX.Element {
  return (
    <div class="fr-accordions-group" data-fr-group={props.exclusive === false ? 'false' : undefined}>
      {props.items.map((item) => {
        const { content } = item;
        return (
          <Accordion
            id={item.id}
            title={item.title}
            expanded={item.expanded}
            headingLevel={props.headingLevel}
          >
            {content}
          </Accordion>
        );
      })}
    </div>
  );
}
