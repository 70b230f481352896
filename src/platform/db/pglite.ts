import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

/** PGlite's contrib extensions that the migrations create. */
export const pgliteExtensions = { unaccent, pg_trgm };

export interface PgliteOptions {
  /** A folder, or 'memory://'. */
  dataDir: string;
  /** A dump to start from (skips initdb). */
  loadDataDir?: Blob;
}

/** Starts the embedded engine on a folder (created when missing) with the extensions the migrations need. */
export function createPglite(options: PgliteOptions): Promise<PGlite> {
  if (!options.dataDir.startsWith('memory://')) mkdirSync(options.dataDir, { recursive: true });
  return PGlite.create(options.dataDir, {
    extensions: pgliteExtensions,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
}
