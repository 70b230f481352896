/**
 * `npm run bench:directory` — the directory's search at scale: the in-memory index against the naive
 * baseline (GIN index + ts_rank over every match, facet counts by count(*) … GROUP BY), measured in the
 * same run, on generated organisations: 200,000 on the embedded database (PGlite) and 2,000,000 on
 * PostgreSQL.
 *
 * For each engine: a fresh database (PGlite: a temporary folder; PostgreSQL: DATABASE_URL, or the
 * database `french_impact_bench` it creates on postgres://postgres@127.0.0.1:5432 and drops at the end),
 * migrated, with the geography and the generated organisations (batched upserts, GIN indexes dropped
 * during the load and rebuilt after). Then:
 * 1. the index: load time, heap and RSS growth;
 * 2. server time of each query of the mix (the `search` call of the service: catch-up, analysis, engine,
 *    display fields of the page), p50/p95/p99, index then baseline (`searchWithSql`);
 * 3. page throughput: the real app (`src/server.ts`) on the same database, `GET /annuaire?…` per query
 *    of the mix with autocannon (skipped with --no-http).
 * Results go to docs/PERFORMANCE.md between `<!-- bench:directory -->` markers.
 *
 * Options (after `--`): --pglite-only, --pg-only, --count N (both engines), --pglite-count N,
 * --pg-count N, --runs N (index runs per query, default 200), --baseline-runs N (default 30),
 * --baseline-budget S (seconds per query for the baseline, default 60), --keep (keep the PostgreSQL
 * bench database and reuse it when it holds the same rows), --no-http, --no-write (do not touch
 * docs/PERFORMANCE.md).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { generateOrganisations } from '../src/demo/generator/index.js';
import { demoOrganisationRow, isDemoMovementMember, NOTABLE_ORGANISATIONS } from '../src/demo/seed.js';
import { createDirectory } from '../src/modules/directory/directory.service.js';
import type { DirectoryQuery } from '../src/modules/directory/directory.types.js';
import {
  type BulkOrganisation,
  upsertOrganisations,
} from '../src/modules/organisations/organisations.bulk.js';
import { type Database, migrate, openDatabase } from '../src/platform/db/index.js';
import { seedGeography } from '../src/platform/geo/index.js';
import { machineDescription, writePerformanceSection } from './report.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const COUNT = option('count', 0);
const PGLITE_COUNT = option('pglite-count', COUNT || 200_000);
const PG_COUNT = option('pg-count', COUNT || 2_000_000);
const RUNS = option('runs', 200);
const BASELINE_RUNS = option('baseline-runs', 30);
const BASELINE_BUDGET_MS = option('baseline-budget', 60) * 1000;
const HTTP = !flag('no-http');
const HTTP_SECONDS = option('http-seconds', 5);
const SEED = 2018;
const COMMAND = `npm run bench:directory${argv.length ? ` -- ${argv.join(' ')}` : ''}`;

const TARGET_P95_MS = 50;
const TARGET_P99_RATIO = 4;

// --- the query mix ----------------------------------------------------------------------------------

const all: DirectoryQuery = {
  q: '',
  legalForms: [],
  domains: [],
  regions: [],
  departements: [],
  movementOnly: false,
  sort: 'relevance',
  page: 1,
};
const MIX: { label: string; query: DirectoryQuery; path: string }[] = [
  { label: 'a common word: « association »', query: { ...all, q: 'association' }, path: '?q=association' },
  {
    label: 'two words: « jardins partagés »',
    query: { ...all, q: 'jardins partagés' },
    path: `?q=${encodeURIComponent('jardins partagés')}`,
  },
  { label: 'a name with a typo: « Wimov »', query: { ...all, q: 'Wimov' }, path: '?q=Wimov' },
  { label: 'a commune: « Marseille »', query: { ...all, q: 'Marseille' }, path: '?q=Marseille' },
  {
    label: 'a facet alone: région Auvergne-Rhône-Alpes',
    query: { ...all, regions: ['84'] },
    path: '?region=84',
  },
  {
    label: 'a facet with words: « insertion », associations, Île-de-France',
    query: { ...all, q: 'insertion', legalForms: ['association'], regions: ['11'] },
    path: '?q=insertion&forme=association&region=11',
  },
  { label: 'page 50: « culture »', query: { ...all, q: 'culture', page: 50 }, path: '?q=culture&page=50' },
];

// --- helpers ----------------------------------------------------------------------------------------

const fmt = (n: number) => n.toLocaleString('en-US');
const ms = (n: number) => (n >= 100 ? fmt(Math.round(n)) : n.toFixed(1));
const mib = (bytes: number) => `${fmt(Math.round(bytes / 1_048_576))} MiB`;
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
function log(message: string) {
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
function gc() {
  (globalThis as { gc?: () => void }).gc?.();
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

// --- loading ----------------------------------------------------------------------------------------

const HEAVY_INDEXES = ['organisations_search_vector_idx', 'organisations_name_key_trgm_idx'];

async function indexDefinitions(database: Database): Promise<string[]> {
  const { rows } = await sql<{ indexdef: string }>`
    SELECT indexdef FROM pg_indexes WHERE tablename = 'organisations'
      AND indexname = ANY(${HEAVY_INDEXES}::text[])`.execute(database.db);
  return rows.map((r) => r.indexdef);
}

async function loadOrganisations(database: Database, count: number, batchSize: number): Promise<number> {
  const { db } = database;
  const started = performance.now();
  await seedGeography(db);
  const communes = await db
    .selectFrom('geo_communes')
    .select(['code', 'name', 'departement_code', 'region_code', 'population', 'postal_codes'])
    .execute();
  const definitions = await indexDefinitions(database);
  for (const name of HEAVY_INDEXES) await sql`DROP INDEX IF EXISTS ${sql.id(name)}`.execute(db);
  let batch: BulkOrganisation[] = [...NOTABLE_ORGANISATIONS];
  let done = 0;
  let pending: Promise<unknown> = Promise.resolve();
  for (const o of generateOrganisations({ seed: SEED, count, communes })) {
    // About 2 % closed: they must stay out of the results.
    batch.push({ ...demoOrganisationRow(o), closed: o.index % 50 === 7 });
    if (batch.length >= batchSize) {
      const rows = batch;
      batch = [];
      await pending;
      pending = upsertOrganisations(db, 'demo', rows);
      done += rows.length;
      if (done % (batchSize * 20) < batchSize) {
        const seconds = (performance.now() - started) / 1000;
        log(`  ${fmt(done)} / ${fmt(count)} rows, ${fmt(Math.round(done / seconds))} rows/s`);
      }
    }
  }
  await pending;
  await upsertOrganisations(db, 'demo', batch);
  const members: string[] = [];
  for (let i = 0; i < count; i++) if (isDemoMovementMember(i)) members.push(String(i));
  members.push('wimoov');
  await sql`UPDATE organisations SET movement_joined_at = now(), change_seq = nextval('organisations_change_seq')
    WHERE source = 'demo' AND source_key = ANY(${members}::text[])`.execute(db);
  log('  rebuilding the GIN indexes');
  for (const definition of definitions) await sql.raw(definition).execute(db);
  await sql`ANALYZE organisations`.execute(db);
  return performance.now() - started;
}

// --- HTTP -------------------------------------------------------------------------------------------

interface AutocannonResult {
  statusCodeStats?: Record<string, { count: number }>;
  errors: number;
  timeouts: number;
  non2xx: number;
  latency: { p50: number; p99: number };
  requests: { average: number };
}
const autocannon = createRequire(import.meta.url)('autocannon') as (o: {
  url: string;
  connections: number;
  duration: number;
}) => Promise<AutocannonResult>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function status(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = get(url, { agent: false, timeout: 60_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', () => resolve(0));
    request.on('timeout', () => request.destroy());
  });
}

let child: ChildProcess | null = null;
process.on('exit', () => {
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

interface HttpRow {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  /** Answers other than 2xx, by status. */
  statuses: string;
}

/** The real server on this database; waits for its index (twice the load time measured, at least 10 s). */
async function measureHttp(env: NodeJS.ProcessEnv, waitMs: number): Promise<HttpRow[] | string> {
  const port = await freePort();
  child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      SEED_ON_START: 'false',
      JOBS_WORKER: 'false',
    },
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString('utf8')).slice(-4000);
  });
  const base = `http://127.0.0.1:${port}/annuaire`;
  try {
    const deadline = performance.now() + 180_000;
    let answer = 0;
    while (answer !== 200 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      answer = await status(`${base}?q=association`);
      if (answer === 404) return 'the app has no /annuaire page';
    }
    if (answer !== 200) return `the app did not answer 200 on /annuaire (${answer}): ${errors}`;
    await new Promise((resolve) => setTimeout(resolve, Math.max(10_000, waitMs)));
    const rows: HttpRow[] = [];
    for (const { label, path } of MIX) {
      await autocannon({ url: base + path, connections: 10, duration: 1 });
      const r = await autocannon({ url: base + path, connections: 10, duration: HTTP_SECONDS });
      rows.push({
        label,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        failures: r.errors + r.timeouts + r.non2xx,
        statuses: Object.entries(r.statusCodeStats ?? {})
          .filter(([code]) => !code.startsWith('2'))
          .map(([code, stat]) => `${stat.count}× ${code}`)
          .join(', '),
      });
      log(`  http ${label}: ${fmt(Math.round(r.requests.average))} req/s`);
    }
    return rows;
  } finally {
    if (child.pid && child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((resolve) => child?.once('exit', resolve));
    }
    child = null;
  }
}

// --- one engine -------------------------------------------------------------------------------------

interface QueryRow {
  label: string;
  total: number;
  index: number[];
  baseline: number[];
}

interface EngineReport {
  engine: string;
  count: number;
  loadDataMs: number | null;
  indexLoadMs: number;
  heapBytes: number;
  arrayBytes: number;
  rssBytes: number;
  stats: ReturnType<ReturnType<typeof createDirectory>['stats']>;
  queries: QueryRow[];
  http: HttpRow[] | string;
  postgresVersion: string;
}

async function measure(database: Database, engine: string, count: number, httpEnv: NodeJS.ProcessEnv | null) {
  const { rows: version } = await sql<{ v: string }>`SELECT version() AS v`.execute(database.db);
  gc();
  const before = process.memoryUsage();
  const directory = createDirectory({ db: database.db, batchSize: engine === 'PGlite' ? 5_000 : 20_000 });
  const [, indexLoadMs] = await time(() => directory.ready());
  gc();
  const memory = process.memoryUsage();
  const heapBytes = memory.heapUsed - before.heapUsed;
  const arrayBytes = memory.arrayBuffers - before.arrayBuffers;
  const rssBytes = memory.rss - before.rss;
  log(
    `  index loaded in ${fmt(Math.round(indexLoadMs))} ms, heap +${mib(heapBytes)}, typed arrays +${mib(arrayBytes)}, RSS +${mib(rssBytes)}`,
  );

  const queries: QueryRow[] = [];
  for (const { label, query } of MIX) {
    const index: number[] = [];
    const baseline: number[] = [];
    let total = 0;
    let corrected = false;
    for (let i = 0; i < 5; i++) {
      const result = await directory.search(query);
      total = result.total;
      corrected = result.corrections.length > 0;
    }
    for (let i = 0; i < RUNS; i++) index.push((await time(() => directory.search(query)))[1]);
    const [fallback, first] = await time(() => directory.searchWithSql(query));
    // The baseline has no typo tolerance: a corrected word finds nothing there.
    if (!corrected && fallback.total !== total)
      throw new Error(`${label}: baseline total ${fallback.total} ≠ index ${total}`);
    const started = performance.now();
    baseline.push(first);
    while (baseline.length < BASELINE_RUNS && performance.now() - started < BASELINE_BUDGET_MS) {
      baseline.push((await time(() => directory.searchWithSql(query)))[1]);
    }
    index.sort((a, b) => a - b);
    baseline.sort((a, b) => a - b);
    queries.push({ label, total, index, baseline });
    log(
      `  ${label}: ${fmt(total)} results; index p95 ${ms(percentile(index, 95))} ms, baseline p95 ${ms(percentile(baseline, 95))} ms (${baseline.length} runs)`,
    );
  }
  const stats = directory.stats();
  await directory.close();
  return {
    engine,
    count,
    indexLoadMs,
    heapBytes,
    arrayBytes,
    rssBytes,
    stats,
    queries,
    postgresVersion: version[0]?.v.split(' ').slice(0, 2).join(' ') ?? '',
    httpEnv,
  };
}

async function runPglite(count: number): Promise<EngineReport> {
  log(`PGlite, ${fmt(count)} organisations`);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-directory-'));
  try {
    let database = await openDatabase({ dataDir });
    await migrate(database.db);
    const loadDataMs = await loadOrganisations(database, count, 2_000);
    log(`  data loaded in ${fmt(Math.round(loadDataMs / 1000))} s`);
    const { httpEnv, ...report } = await measure(database, 'PGlite', count, { DATA_DIR: dataDir });
    await database.close();
    let http: HttpRow[] | string = 'skipped (--no-http)';
    if (HTTP) http = await measureHttp(httpEnv!, report.indexLoadMs * 2);
    database = null as unknown as Database;
    return { ...report, loadDataMs, http };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runPostgres(count: number): Promise<EngineReport> {
  const given = process.env.DATABASE_URL;
  const server = new URL(given ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const benchUrl = new URL(server);
  benchUrl.pathname = '/french_impact_bench';
  const url = given ?? benchUrl.toString();
  log(
    `PostgreSQL (${server.host}${given ? server.pathname : '/french_impact_bench'}), ${fmt(count)} organisations`,
  );
  const admin = new pg.Client({ connectionString: server.toString() });
  let reuse = false;
  if (!given) {
    await admin.connect();
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'french_impact_bench'`);
    if (exists.rowCount && flag('keep')) {
      const probe = new pg.Client({ connectionString: url });
      await probe.connect();
      const n = await probe
        .query(`SELECT count(*)::int AS n FROM organisations WHERE source = 'demo'`)
        .catch(() => ({ rows: [{ n: -1 }] }));
      await probe.end();
      reuse = n.rows[0]?.n === count + NOTABLE_ORGANISATIONS.length;
    }
    if (!reuse) {
      await admin.query('DROP DATABASE IF EXISTS french_impact_bench WITH (FORCE)');
      await admin.query('CREATE DATABASE french_impact_bench');
    }
  }
  let database = await openDatabase({ databaseUrl: url, poolSize: 10 });
  try {
    let loadDataMs: number | null = null;
    if (reuse) log('  reusing the bench database (--keep)');
    else {
      await migrate(database.db);
      loadDataMs = await loadOrganisations(database, count, 5_000);
      log(`  data loaded in ${fmt(Math.round(loadDataMs / 1000))} s`);
    }
    const { httpEnv, ...report } = await measure(database, 'PostgreSQL', count, { DATABASE_URL: url });
    await database.close();
    database = null as unknown as Database;
    let http: HttpRow[] | string = 'skipped (--no-http)';
    if (HTTP) http = await measureHttp(httpEnv!, report.indexLoadMs * 2);
    return { ...report, loadDataMs, http };
  } finally {
    await database?.close();
    if (!given) {
      if (!flag('keep')) await admin.query('DROP DATABASE IF EXISTS french_impact_bench WITH (FORCE)');
      await admin.end();
    }
  }
}

// --- report -----------------------------------------------------------------------------------------

function section(reports: EngineReport[], startedAt: Date, load: [number, number]): string {
  const lines: string[] = [];
  lines.push('## Directory search: in-memory index against the naive baseline');
  lines.push('');
  lines.push(
    `Run on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC with \`${COMMAND}\` (source: \`bench/directory.ts\`).`,
  );
  lines.push(
    `Machine: ${machineDescription()}, ${fmt(Math.round(totalmem() / 1_073_741_824))} GiB RAM (${fmt(Math.round(freemem() / 1_073_741_824))} GiB free at the end). ` +
      `Load average (1 min): ${load[0].toFixed(1)} at the start, ${load[1].toFixed(1)} at the end${load[1] > 2 || load[0] > 2 ? ' — other work shared the machine' : ''}.`,
  );
  lines.push('');
  lines.push(
    'Server time = the `search` call of `src/modules/directory/directory.service.ts` (catch-up of changes, query analysis, ' +
      'engine, display fields of the page read from the database), measured in the process, one query at a time. ' +
      '**Index**: the in-memory search index (ADR 0012). **Baseline**: `searchWithSql`, the same service with SQL only — ' +
      'GIN index + `ts_rank` over every match, each facet counted by `count(*) … GROUP BY` under the other filters, ' +
      'queries in parallel on PostgreSQL (one connection on PGlite). Both give the same totals and facet counts ' +
      '(the bench checks the totals; the tests check the counts).',
  );
  for (const r of reports) {
    lines.push('');
    lines.push(`### ${r.engine} (${r.postgresVersion}), ${fmt(r.count)} organisations`);
    lines.push('');
    lines.push(
      `Index: ${fmt(r.stats.alive)} organisations (closed ones left out), ${fmt(r.stats.terms)} lexemes (${fmt(r.stats.nameTerms)} in names), ` +
        `${fmt(r.stats.postings)} postings. Loaded in **${fmt(Math.round(r.indexLoadMs / 100) / 10)} s** ` +
        `(search answered by SQL meanwhile); memory after loading: JS heap +${mib(r.heapBytes)}, typed arrays **+${mib(r.arrayBytes)}**, ` +
        `process RSS +${mib(r.rssBytes)}${r.engine === 'PGlite' ? ' (PGlite lives in the same process)' : ''}.` +
        (r.loadDataMs !== null
          ? ` Generating and storing the rows took ${fmt(Math.round(r.loadDataMs / 1000))} s.`
          : ''),
    );
    lines.push('');
    lines.push(
      '| query | results | index p50 | index p95 | index p99 | baseline p50 | baseline p95 | baseline p99 | p99 baseline / index |',
    );
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const q of r.queries) {
      const p = (values: number[], n: number) => ms(percentile(values, n));
      const ratio = percentile(q.baseline, 99) / percentile(q.index, 99);
      lines.push(
        `| ${q.label} | ${fmt(q.total)} | ${p(q.index, 50)} ms | **${p(q.index, 95)} ms** | ${p(q.index, 99)} ms | ` +
          `${p(q.baseline, 50)} ms | ${p(q.baseline, 95)} ms | ${p(q.baseline, 99)} ms | **${ratio.toFixed(1)}×** |`,
      );
    }
    const runs = r.queries.map((q) => q.baseline.length);
    lines.push('');
    lines.push(
      `Runs per query: index ${RUNS} (after 5 warm-up runs); baseline ${Math.min(...runs)}–${Math.max(...runs)} ` +
        `(at most ${BASELINE_RUNS}, or ${BASELINE_BUDGET_MS / 1000} s per query) — with few runs the baseline's p99 is its slowest run.`,
    );
    const worst = Math.max(...r.queries.map((q) => percentile(q.index, 95)));
    const minRatio = Math.min(...r.queries.map((q) => percentile(q.baseline, 99) / percentile(q.index, 99)));
    lines.push('');
    lines.push(
      `- ${worst <= TARGET_P95_MS ? 'PASS' : 'FAIL'} — p95 ≤ ${TARGET_P95_MS} ms for every query: worst ${ms(worst)} ms`,
    );
    lines.push(
      `- ${minRatio >= TARGET_P99_RATIO ? 'PASS' : 'FAIL'} — p99 at least ${TARGET_P99_RATIO}× better than the baseline for every query: smallest ratio ${minRatio.toFixed(1)}×`,
    );
    lines.push('');
    if (typeof r.http === 'string') lines.push(`Page throughput: ${r.http}.`);
    else {
      lines.push(
        `Page throughput: the real app (\`src/server.ts\`, development mode, \`LOG_LEVEL=warn\`) on the same database, ` +
          `its index loaded; autocannon, 10 connections, ${HTTP_SECONDS} s per page after 1 s of warm-up; the whole HTML page ` +
          '(results, facets, map).',
      );
      lines.push('');
      lines.push('| page `GET /annuaire…` | req/s | p50 latency | p99 latency | errors / non-2xx |');
      lines.push('|---|---:|---:|---:|---:|');
      MIX.forEach((m, i) => {
        const h = (r.http as HttpRow[])[i]!;
        lines.push(
          `| \`${m.path}\` | ${fmt(Math.round(h.rps))} | ${h.p50} ms | ${h.p99} ms | ${h.failures}${h.statuses ? ` (${h.statuses})` : ''} |`,
        );
      });
    }
  }
  return lines.join('\n');
}

const startedAt = new Date();
const loadStart = loadavg()[0]!;
const reports: EngineReport[] = [];
if (!flag('pg-only')) reports.push(await runPglite(PGLITE_COUNT));
if (!flag('pglite-only')) reports.push(await runPostgres(PG_COUNT));
const text = section(reports, startedAt, [loadStart, loadavg()[0]!]);
if (!flag('no-write')) writePerformanceSection('directory', text);
console.log(`\n${text}`);
process.exit(0);
