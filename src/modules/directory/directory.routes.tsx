import type { FastifyInstance } from 'fastify';
import { publicAccess } from '../../platform/access/index.js';
import type { Db } from '../../platform/db/index.js';
import { listDepartements, listRegions } from '../../platform/geo/index.js';
import { localised } from '../../platform/i18n/index.js';
import { cardBadgesOf } from './directory.badges.js';
import { directoryEn } from './directory.en.js';
import { directoryFr } from './directory.fr.js';
import {
  DIRECTORY_PARAMS,
  type DirectoryGeo,
  engineQuery,
  geoCodes,
  parseDirectoryQuery,
} from './directory.schemas.js';
import { createDirectory, type Directory } from './directory.service.js';
import type { DirectoryQuery, DirectoryResult } from './directory.types.js';
import { DirectoryErrorPage, DirectoryPage, directoryTitle } from './views/DirectoryPage.js';

const words = localised({ fr: directoryFr, en: directoryEn });

/** What the pages need of the search engine (directory.service.ts); tests may give another. */
export interface DirectorySearch {
  search(query: DirectoryQuery): Promise<DirectoryResult>;
}

export interface DirectoryRoutesOptions {
  db: Db;
  /** The engine to use instead of creating one (it is then not closed with the app). */
  directory?: DirectorySearch;
}

/** The public directory: `/annuaire` (search, facets, results, pagination, map). */
export async function directoryRoutes(app: FastifyInstance, options: DirectoryRoutesOptions) {
  const { db } = options;
  let directory: DirectorySearch | undefined = options.directory;
  if (!directory) {
    // Created once the app is ready (its index starts loading then), never for an app that fails to start.
    let created: Directory | undefined;
    app.addHook('onReady', async () => {
      created = createDirectory({ db, logger: app.log });
      directory = created;
    });
    app.addHook('onClose', async () => {
      await created?.close();
    });
  }

  // Reference data, read once it exists (a database is seeded after the app is built, in tests).
  let geo: DirectoryGeo | undefined;
  async function loadGeo(): Promise<DirectoryGeo> {
    if (geo) return geo;
    const regions = await listRegions(db);
    const departements = await listDepartements(db);
    const loaded: DirectoryGeo = { regions, departements };
    if (regions.length > 0 && departements.length > 0) geo = loaded;
    return loaded;
  }

  app.get('/annuaire', { config: { access: publicAccess } }, async (request, reply) => {
    const { ctx } = request;
    const w = words(ctx.locale);
    const g = await loadGeo();
    const parsed = parseDirectoryQuery(request.query, w, geoCodes(g));
    if (!parsed.ok) {
      const raw = (request.query as Record<string, unknown> | undefined)?.[DIRECTORY_PARAMS.q];
      const typed = typeof raw === 'string' ? raw.slice(0, 1000) : '';
      return reply.page(
        w.errorTitle,
        <DirectoryErrorPage
          ctx={ctx}
          w={w}
          geo={g}
          params={parsed.params}
          typed={typed}
          problems={parsed.problems}
        />,
        { status: 400 },
      );
    }
    const { params } = parsed;
    if (!directory) throw new Error('directory search used before the app is ready');
    const result = await directory.search(engineQuery(params));
    // A page beyond the last one: 404, with the filters and a link to the last page.
    const pageMissing = params.page > Math.max(result.pageCount, 1);
    // Badges other modules give the cards of this page (directory.badges.ts).
    const badges = await cardBadgesOf(
      db,
      result.hits.map((h) => h.id),
      ctx.locale,
    );
    return reply.page(
      directoryTitle(w, params),
      <DirectoryPage
        ctx={ctx}
        w={w}
        geo={g}
        params={params}
        result={result}
        pageMissing={pageMissing}
        badges={badges}
      />,
      { status: pageMissing ? 404 : 200 },
    );
  });
}
