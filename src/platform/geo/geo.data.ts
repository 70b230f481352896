import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { GeoCommune, GeoDepartement, GeoRegion } from './geo.tables.js';

/**
 * Reads the official geography (COG) from the JSON files of `@etalab/decoupage-administratif`.
 * The package's own index.js reads a path relative to the working directory, so the files are read
 * directly, and only when asked (never at module import: communes.json is 8.6 MB).
 *
 * Kept: the 18 régions and 101 départements of metropolitan France and the five overseas départements
 * (zones `metro` and `drom`), and their current communes (type `commune-actuelle`). Left out: the
 * overseas collectivities (zone `com`: Saint-Pierre-et-Miquelon, Polynésie française…, which are neither
 * régions nor départements), delegated and associated communes, and municipal arrondissements.
 */

const zone = z.enum(['metro', 'drom', 'com']);
const rawRegion = z.object({ code: z.string(), nom: z.string().min(1), zone });
const rawDepartement = z.object({ code: z.string(), nom: z.string().min(1), region: z.string(), zone });
const rawCommune = z.object({
  code: z.string(),
  nom: z.string().min(1),
  type: z.string(),
  zone,
  departement: z.string().optional(),
  region: z.string().optional(),
  population: z.number().int().nonnegative().optional(),
  codesPostaux: z.array(z.string()).optional(),
});

export interface CogReference {
  regions: GeoRegion[];
  departements: GeoDepartement[];
  communes: GeoCommune[];
}

const require = createRequire(import.meta.url);

/** The folder holding régions.json, departements.json, communes.json… of the installed package. */
export function cogDataDir(): string {
  return join(dirname(require.resolve('@etalab/decoupage-administratif/package.json')), 'data');
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(join(cogDataDir(), file), 'utf8'));
}

/** The version of `@etalab/decoupage-administratif` whose data is read (for logs). */
export function cogDataVersion(): string {
  const pkg = JSON.parse(
    readFileSync(require.resolve('@etalab/decoupage-administratif/package.json'), 'utf8'),
  );
  return String(pkg.version);
}

export function readCogRegions(): GeoRegion[] {
  return z
    .array(rawRegion)
    .parse(readJson('regions.json'))
    .filter((r) => r.zone !== 'com')
    .map((r) => ({ code: r.code, name: r.nom }));
}

export function readCogDepartements(): GeoDepartement[] {
  return z
    .array(rawDepartement)
    .parse(readJson('departements.json'))
    .filter((d) => d.zone !== 'com')
    .map((d) => ({ code: d.code, name: d.nom, region_code: d.region }));
}

export function readCogCommunes(): GeoCommune[] {
  const communes: GeoCommune[] = [];
  for (const c of z.array(rawCommune).parse(readJson('communes.json'))) {
    if (c.type !== 'commune-actuelle' || c.zone === 'com') continue;
    if (!c.departement || !c.region)
      throw new Error(`Commune ${c.code} sans département ni région dans le COG`);
    communes.push({
      code: c.code,
      name: c.nom,
      departement_code: c.departement,
      region_code: c.region,
      population: c.population ?? null,
      postal_codes: c.codesPostaux ?? [],
    });
  }
  return communes;
}

/** Régions, départements and current communes, each list in the package's order (by code). */
export function readCogReference(): CogReference {
  return { regions: readCogRegions(), departements: readCogDepartements(), communes: readCogCommunes() };
}
