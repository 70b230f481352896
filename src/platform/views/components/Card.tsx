import { type BadgeProps, BadgesGroup } from './Badge.js';
import {
  type ComponentLabels,
  componentsFr,
  Heading,
  type HeadingLevel,
  newWindowTitle,
  safeUrl,
} from './shared.js';
import { type TagProps, TagsGroup } from './Tag.js';

export interface CardProps {
  title: string;
  /** The title's link. With no `footer`, the whole card is clickable (`fr-enlarge-link`). */
  href?: string;
  newWindow?: boolean;
  /** Download card: `download` attribute; `detailEnd` must give format and size ("PDF - 48 ko"). */
  download?: boolean;
  description?: string;
  /** Detail above the title (a date, a territory); with an optional DSFR icon class. */
  detailStart?: string;
  detailStartIcon?: string;
  /** Detail below the description. */
  detailEnd?: string;
  detailEndIcon?: string;
  badges?: BadgeProps[];
  tags?: TagProps[];
  /** Image of the header; `alt` is empty when it is decorative. */
  image?: { src: string; alt: string; ratio?: '32x9' | '16x9' | '3x2' | '4x3' | '1x1' };
  /** Action area (buttons or links, e.g. `<ButtonsGroup …/>`); the card is then not clickable as a whole. */
  footer?: JSX.Element;
  headingLevel?: HeadingLevel;
  size?: 'sm' | 'md' | 'lg';
  horizontal?: boolean;
  variant?: 'grey' | 'no-border' | 'no-background' | 'shadow';
  noIcon?: boolean;
  id?: string;
  labels?: ComponentLabels;
}

/** DSFR "Carte" (`fr-card`): the preview of a page (an appel à projets, an association…). */
export function Card(props: CardProps): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const { footer } = props;
  const enlarge = props.href !== undefined && footer === undefined;
  const hasStart =
    Boolean(props.detailStart) || (props.tags?.length ?? 0) > 0 || (props.badges?.length ?? 0) > 0;
  return (
    <div
      id={props.id}
      class={[
        'fr-card',
        enlarge && 'fr-enlarge-link',
        props.download === true && 'fr-card--download',
        props.size === 'sm' && 'fr-card--sm',
        props.size === 'lg' && 'fr-card--lg',
        props.horizontal === true && 'fr-card--horizontal',
        props.variant && `fr-card--${props.variant}`,
        props.noIcon === true && 'fr-card--no-icon',
      ]}
    >
      <div class="fr-card__body">
        <div class="fr-card__content">
          <Heading level={props.headingLevel ?? 3} class="fr-card__title">
            {props.href === undefined ? (
              <span safe>{props.title}</span>
            ) : (
              <a
                href={safeUrl(props.href)}
                download={props.download === true ? '' : undefined}
                title={props.newWindow ? newWindowTitle(props.title, labels) : undefined}
                target={props.newWindow ? '_blank' : undefined}
                rel={props.newWindow ? 'noopener' : undefined}
                safe
              >
                {props.title}
              </a>
            )}
          </Heading>
          {props.description ? (
            <p class="fr-card__desc" safe>
              {props.description}
            </p>
          ) : (
            ''
          )}
          {hasStart ? (
            <div class="fr-card__start">
              {props.tags && props.tags.length > 0 ? <TagsGroup tags={props.tags} size="sm" /> : ''}
              {props.badges && props.badges.length > 0 ? <BadgesGroup badges={props.badges} size="sm" /> : ''}
              {props.detailStart ? (
                <p class={['fr-card__detail', props.detailStartIcon]} safe>
                  {props.detailStart}
                </p>
              ) : (
                ''
              )}
            </div>
          ) : (
            ''
          )}
          {props.detailEnd ? (
            <div class="fr-card__end">
              <p class={['fr-card__detail', props.detailEndIcon]} safe>
                {props.detailEnd}
              </p>
            </div>
          ) : (
            ''
          )}
        </div>
        {footer === undefined ? '' : <div class="fr-card__footer">{footer}</div>}
      </div>
      {props.image ? (
        <div class="fr-card__header">
          <div class="fr-card__img">
            <img
              class={['fr-responsive-img', props.image.ratio && `fr-ratio-${props.image.ratio}`]}
              src={safeUrl(props.image.src)}
              alt={props.image.alt}
            />
          </div>
        </div>
      ) : (
        ''
      )}
    </div>
  );
}
