import Html from '@kitajs/html';
import { assetUrl } from '../../http/assets.js';
import { formatNumber, type Locale } from '../../i18n/index.js';
import { Accordion } from './Accordion.js';
import {
  DEPARTEMENTS,
  departementPath,
  departementsOfRegion,
  MAP_SOURCE,
  METROPOLE_VIEWBOX,
  OVERSEAS,
  SPRITE_FILE,
  spriteId,
} from './france-map.data.js';
import { type ComponentLabels, componentsFr, type HeadingLevel, safeUrl } from './shared.js';
import { Table } from './Table.js';

export type FranceMapLevel = 'region' | 'departement';

export interface FranceMapProps {
  /** Unique in the page: prefix of the ids of the title, description and data table. */
  id: string;
  level: FranceMapLevel;
  /** Count per INSEE code (région `'84'`, département `'2A'`, `'971'`); a missing code counts 0. */
  counts: Readonly<Record<string, number>>;
  /** Name per INSEE code, from the geo reference tables (user text, escaped). */
  names: Readonly<Record<string, string>>;
  /** Link of each area, e.g. the directory filtered on that territory. */
  href: (code: string) => string;
  /** Title of the map and of its data table (figure caption). */
  caption: string;
  /** INSEE code of the current territory: outlined and marked `aria-current`. */
  selected?: string;
  /** Overrides the catalogue's « 1 234 organisations » (count already formatted). */
  countLabel?: (formatted: string, count: number) => string;
  /** Level of the data table accordion's heading. */
  headingLevel?: HeadingLevel;
  locale?: Locale;
  labels?: ComponentLabels;
}

/** One class of the legend: counts from `from` to `to` (inclusive) get the shade `shade` (0: none). */
export interface MapBucket {
  shade: 0 | 1 | 2 | 3 | 4 | 5;
  from: number;
  to: number;
}

/**
 * The legend's classes for a set of counts: « 0 », then up to five classes of equal width between 1 and
 * the largest count (fewer when the largest count is under 5: no empty or repeated class).
 */
export function mapBuckets(values: readonly number[]): MapBucket[] {
  const max = Math.max(0, ...values.map((v) => Math.floor(v)));
  const buckets: MapBucket[] = [{ shade: 0, from: 0, to: 0 }];
  let from = 1;
  for (let i = 1; i <= 5 && from <= max; i++) {
    const to = Math.max(from, Math.ceil((max * i) / 5));
    buckets.push({ shade: i as MapBucket['shade'], from, to });
    from = to + 1;
  }
  return buckets;
}

function shadeOf(count: number, buckets: readonly MapBucket[]): MapBucket['shade'] {
  return buckets.find((b) => count >= b.from && count <= b.to)?.shade ?? 0;
}

/** INSEE codes drawn at a level: the 101 départements, or the 18 régions (each once). */
export function mapCodes(level: FranceMapLevel): string[] {
  if (level === 'departement') return Object.keys(DEPARTEMENTS);
  return [...new Set(Object.values(DEPARTEMENTS).map((d) => d.region))].sort();
}

// Overseas insets: a column of boxes left of metropolitan France, in the map's own units.
const INSET = { x: -125, width: 105, top: 10, height: 82, gap: 31, label: 14 } as const;
const VIEWBOX = `${INSET.x - 5} ${METROPOLE_VIEWBOX.y} ${METROPOLE_VIEWBOX.width - INSET.x + 5} ${METROPOLE_VIEWBOX.height}`;

interface Area {
  code: string;
  name: string;
  count: number;
  label: string;
  shade: MapBucket['shade'];
  href: string;
  selected: boolean;
}

function AreaLink(props: { area: Area; children: Html.Children }): JSX.Element {
  const { area, children } = props;
  return (
    <a
      href={safeUrl(area.href)}
      aria-label={area.label}
      aria-current={area.selected ? 'true' : undefined}
      class={[
        'fi-france-map__area',
        `fi-france-map__area--${area.shade}`,
        area.selected && 'fi-france-map__area--selected',
      ]}
      data-code={area.code}
    >
      {children}
    </a>
  );
}

/**
 * Choropleth map of France by région or by département, rendered on the server as inline SVG (no script,
 * no inline style: classes of `public/app.css`). The shapes are not inlined: each one is a `<use>` of a
 * path of the fingerprinted, long-cached sprite `france-map.svg` (see `france-map.data.ts`): the page no
 * longer carries some 110 KB of shapes. Each territory is a link whose accessible name carries its
 * count (« Bretagne : 1 234 organisations »); the shade follows five classes of DSFR blues shown in a
 * legend; the overseas départements (absent from the base map) are labelled boxes on the left. A DSFR
 * table with the same data follows in an accordion (kept open without JavaScript).
 */
export function FranceMap(props: FranceMapProps): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const locale = props.locale ?? 'fr';
  const codes = mapCodes(props.level);
  const buckets = mapBuckets(codes.map((code) => props.counts[code] ?? 0));
  const countText = (count: number) =>
    (props.countLabel ?? labels.mapCount)(formatNumber(count, locale), count);
  const areas = new Map<string, Area>(
    codes.map((code) => {
      const count = props.counts[code] ?? 0;
      const name = props.names[code] ?? code;
      const selected = props.selected === code;
      const label = labels.mapArea(name, countText(count)) + (selected ? ` (${labels.mapSelected})` : '');
      return [
        code,
        { code, name, count, label, shade: shadeOf(count, buckets), href: props.href(code), selected },
      ];
    }),
  );
  const overseasCodes = new Set(OVERSEAS.map((o) => (props.level === 'region' ? o.region : o.departement)));
  const metropole = [...areas.values()].filter((area) => !overseasCodes.has(area.code));
  const overseas = OVERSEAS.map((o) => areas.get(props.level === 'region' ? o.region : o.departement)!);
  const sprite = assetUrl('app', SPRITE_FILE);
  const shapesOf = (code: string) =>
    (props.level === 'region' ? departementsOfRegion(code) : [code])
      .filter((departement) => departementPath(departement) !== null)
      .map((departement) => `${sprite}#${spriteId(departement)}`);
  const titleId = `${props.id}-titre`;
  const descId = `${props.id}-description`;
  const rows = [...areas.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));

  return (
    <figure class="fi-france-map">
      <figcaption class="fi-france-map__caption" id={titleId} safe>
        {props.caption}
      </figcaption>
      <svg
        class="fi-france-map__svg"
        viewBox={VIEWBOX}
        role="group"
        aria-labelledby={titleId}
        aria-describedby={descId}
        focusable="false"
      >
        <desc id={descId} safe>
          {labels.mapDescription(props.level)}
        </desc>
        {metropole.map((area) => (
          <AreaLink area={area}>
            {shapesOf(area.code).map((href) => (
              <use href={href} />
            ))}
          </AreaLink>
        ))}
        {overseas.map((area, index) => {
          const y = INSET.top + index * (INSET.height + INSET.gap);
          return (
            <AreaLink area={area}>
              <rect
                class="fi-france-map__inset"
                x={INSET.x}
                y={y}
                width={INSET.width}
                height={INSET.height}
                rx={4}
              />
              <text
                class="fi-france-map__label"
                x={INSET.x + INSET.width / 2}
                y={y + INSET.height + INSET.label + 2}
                text-anchor="middle"
              >
                {Html.escapeHtml(area.name)}
              </text>
            </AreaLink>
          );
        })}
      </svg>
      <div class="fi-france-map__legend">
        <p class="fr-text--sm fr-text--bold fr-mb-1w" safe>
          {labels.mapLegend}
        </p>
        <ul class="fi-france-map__legend-list">
          {buckets.map((bucket) => (
            <li class="fr-text--sm fr-mb-0">
              <span
                class={['fi-france-map__swatch', `fi-france-map__area--${bucket.shade}`]}
                aria-hidden="true"
              />{' '}
              {Html.escapeHtml(
                labels.mapBucket(formatNumber(bucket.from, locale), formatNumber(bucket.to, locale)),
              )}
            </li>
          ))}
        </ul>
      </div>
      <p class="fr-text--xs fr-mb-2w" safe>
        {labels.mapCredit(MAP_SOURCE.name, MAP_SOURCE.licence)}
      </p>
      <Accordion id={`${props.id}-tableau`} title={labels.mapTable} headingLevel={props.headingLevel}>
        <Table<Area>
          caption={props.caption}
          captionPosition="hidden"
          rows={rows}
          columns={[
            {
              header: labels.mapTableName(props.level),
              rowHeader: true,
              render: (area) => (
                <a href={safeUrl(area.href)} aria-current={area.selected ? 'true' : undefined} safe>
                  {area.name}
                </a>
              ),
            },
            {
              header: labels.mapTableCount,
              value: (area) => formatNumber(area.count, locale),
              align: 'right',
            },
          ]}
        />
      </Accordion>
    </figure>
  );
}
