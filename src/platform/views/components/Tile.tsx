import { Badge, type BadgeProps } from './Badge.js';
import {
  type ComponentLabels,
  componentsFr,
  Heading,
  type HeadingLevel,
  newWindowTitle,
  safeUrl,
} from './shared.js';
import { Tag, type TagProps } from './Tag.js';

export interface TileProps {
  title: string;
  /** The title's link; the whole tile is then clickable (`fr-enlarge-link`). */
  href?: string;
  newWindow?: boolean;
  /** Download tile: `detail` must give format and size ("PDF - 1,2 Mo"). */
  download?: boolean;
  description?: string;
  detail?: string;
  badge?: BadgeProps;
  tag?: TagProps;
  /** URL of a DSFR pictogram SVG (`assetUrl('dsfr', 'artwork/pictograms/buildings/city-hall.svg')`); decorative. */
  pictogram?: string;
  headingLevel?: HeadingLevel;
  size?: 'sm' | 'md';
  horizontal?: boolean;
  variant?: 'grey' | 'no-border' | 'no-background' | 'shadow';
  id?: string;
  labels?: ComponentLabels;
}

/** DSFR "Tuile" (`fr-tile`): a short entry point, usually in a grid. */
export function Tile(props: TileProps): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const pictogram = props.pictogram ? safeUrl(props.pictogram) : undefined;
  return (
    <div
      id={props.id}
      class={[
        'fr-tile',
        props.href !== undefined && 'fr-enlarge-link',
        props.download === true && 'fr-tile--download',
        props.size === 'sm' && 'fr-tile--sm',
        props.horizontal === true && 'fr-tile--horizontal',
        props.variant && `fr-tile--${props.variant}`,
      ]}
    >
      <div class="fr-tile__body">
        <div class="fr-tile__content">
          <Heading level={props.headingLevel ?? 3} class="fr-tile__title">
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
            <p class="fr-tile__desc" safe>
              {props.description}
            </p>
          ) : (
            ''
          )}
          {props.detail ? (
            <p class="fr-tile__detail" safe>
              {props.detail}
            </p>
          ) : (
            ''
          )}
          {props.badge || props.tag ? (
            <div class="fr-tile__start">
              {props.badge ? <Badge {...props.badge} size="sm" /> : ''}
              {props.tag ? <Tag {...props.tag} size="sm" /> : ''}
            </div>
          ) : (
            ''
          )}
        </div>
      </div>
      {pictogram ? (
        <div class="fr-tile__header">
          <div class="fr-tile__pictogram">
            <svg aria-hidden="true" class="fr-artwork" viewBox="0 0 80 80" width="80px" height="80px">
              <use class="fr-artwork-decorative" href={`${pictogram}#artwork-decorative`} />
              <use class="fr-artwork-minor" href={`${pictogram}#artwork-minor`} />
              <use class="fr-artwork-major" href={`${pictogram}#artwork-major`} />
            </svg>
          </div>
        </div>
      ) : (
        ''
      )}
    </div>
  );
}
