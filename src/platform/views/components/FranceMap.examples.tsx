import { readCogDepartements, readCogRegions } from '../../geo/geo.data.js';
import { FranceMap } from './FranceMap.js';
import type { ComponentExample } from './shared.js';

/** Names from the geo reference (the same COG files as the `geo_*` tables), read once on first use. */
let names: { regions: Record<string, string>; departements: Record<string, string> } | undefined;
function geoNames() {
  names ??= {
    regions: Object.fromEntries(readCogRegions().map((r) => [r.code, r.name])),
    departements: Object.fromEntries(readCogDepartements().map((d) => [d.code, d.name])),
  };
  return names;
}

/** Made-up counts, stable from one render to the next. */
function sampleCounts(codes: string[], scale: number): Record<string, number> {
  return Object.fromEntries(
    codes.map((code, index) => [code, index % 7 === 3 ? 0 : ((index * 37 + 11) % 29) * scale]),
  );
}

export const franceMapExamples: ComponentExample[] = [
  {
    title: 'Carte par région, Bretagne sélectionnée',
    render: () => {
      const { regions } = geoNames();
      return (
        <FranceMap
          id="exemple-carte-regions"
          level="region"
          caption="Organisations de l’annuaire par région"
          names={regions}
          counts={{ ...sampleCounts(Object.keys(regions), 53), '53': 1234 }}
          href={(code) => `/annuaire?region=${code}`}
          selected="53"
          headingLevel={4}
        />
      );
    },
  },
  {
    title: 'Carte par département',
    render: () => {
      const { departements } = geoNames();
      return (
        <FranceMap
          id="exemple-carte-departements"
          level="departement"
          caption="Organisations de l’annuaire par département"
          names={departements}
          counts={sampleCounts(Object.keys(departements), 4)}
          href={(code) => `/annuaire?departement=${code}`}
          headingLevel={4}
        />
      );
    },
  },
];
