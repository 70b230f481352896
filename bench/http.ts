/**
 * `npm run bench:http` — what the platform costs over raw node:http, and how long it takes to start.
 *
 * 1. Start-up: spawns the real server (`node --import tsx src/server.ts`, what `npm start` runs) on an empty
 *    PGlite folder (cold: creates the database, migrates, seeds) and then again on the same folder (warm),
 *    timing spawn → first 200 on `/`, and reads the server's RSS (VmRSS) once it answers.
 * 2. Where a warm start goes: a child runs the boot sequence of src/server.ts step by step and times each one.
 * 3. Throughput: the app (warm, seeded) and a raw `node:http` server that answers the very bytes and
 *    content-type of the app's home page, loaded in turn by autocannon with the same connections and
 *    duration, alternating (A B B A …) after a warm-up, each server in its own process.
 * Results go to docs/PERFORMANCE.md between `<!-- bench:http -->` and `<!-- /bench:http -->`.
 *
 * Settings (environment): BENCH_CONNECTIONS (20), BENCH_DURATION (10 s per target, split over the rounds),
 * BENCH_ROUNDS (2), BENCH_WARMUP (3 s), BENCH_WARM_STARTS (3), BENCH_LOG_LEVEL (warn), BENCH_TIMEOUT (300 s:
 * the whole run is stopped, and everything it started, past that).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineDescription, PERFORMANCE_DOC, writePerformanceSection } from './report.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const COMMAND = 'npm run bench:http';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const WARM_STARTS = Math.max(1, Number(process.env.BENCH_WARM_STARTS ?? 3));
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'warn';
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT ?? 300);

/** Acceptance targets. */
const TARGET_RATIO = 0.3;
const TARGET_WARM_START_MS = 3000;

// --- autocannon (v8 ships no types; @types/autocannon is not a dependency: the part used here) ---------

interface Histogram {
  average: number;
  p50: number;
  p99: number;
  total: number;
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  latency: Histogram;
  requests: Histogram;
  throughput: Histogram;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  o: AutocannonOptions,
) => Promise<AutocannonResult>;

// --- processes: every child is a process group of its own, ended on every way out ---------------------

const children = new Set<ChildProcess>();
const tempDirs: string[] = [];

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // gone
  }
}

function killAll(signal: NodeJS.Signals) {
  for (const child of children) signalGroup(child, signal);
}

function cleanUp() {
  killAll('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}

process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    process.stderr.write(`\nbench: ${signal}, stopping what it started\n`);
    process.exit(130);
  });
}
const watchdog = setTimeout(() => {
  process.stderr.write(`\nbench: over ${TIMEOUT_S} s, stopping everything it started\n`);
  process.exit(2);
}, TIMEOUT_S * 1000);

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function delay(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

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

interface Child {
  process: ChildProcess;
  pid: number;
  url: string;
  output(): string;
  stop(): Promise<void>;
}

function startChild(args: string[], env: NodeJS.ProcessEnv, port: number): Child {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-10_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        signalGroup(child, 'SIGTERM');
        const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      children.delete(child);
    },
  };
}

/** One GET without `accept-encoding` (as autocannon sends it): status, content-type, body bytes. */
function fetchRaw(url: string): Promise<{ status: number; type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, timeout: 2000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          type: String(response.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks),
        }),
      );
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}

/** Polls `url` until it answers 200; returns the milliseconds since `since`. */
async function untilOk(child: Child, path: string, since: number, timeoutMs = 120_000): Promise<number> {
  const deadline = since + timeoutMs;
  for (;;) {
    if (child.process.exitCode !== null)
      throw new Error(`exited before answering ${path}:\n${child.output()}`);
    if (performance.now() > deadline)
      throw new Error(`no 200 on ${path} within ${timeoutMs} ms:\n${child.output()}`);
    try {
      if ((await fetchRaw(child.url + path)).status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await delay(10);
  }
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

function serverEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    SEED_ON_START: 'true',
    LOG_LEVEL,
  };
  delete env.DATABASE_URL;
  return env;
}

/** Spawns the real server and times spawn → first 200 on `/`. */
async function startApp(dataDir: string): Promise<{ app: Child; ms: number; rss: number }> {
  const port = await freePort();
  const since = performance.now();
  const app = startChild(['--import', 'tsx', 'src/server.ts'], serverEnv(dataDir, port), port);
  const ms = await untilOk(app, '/', since);
  return { app, ms, rss: rssMiB(app.pid) };
}

// --- where a warm start goes -----------------------------------------------------------------------------

/**
 * The boot sequence of src/server.ts, step by step, timed inside the child: a mirror of its `main()`, to be
 * kept in step with it (when it drifts and fails, the bench says so in the report and goes on). The first
 * step, measured from the parent's spawn, is Node's own start plus tsx's registration.
 */
const PHASES_SCRIPT = `
const marks = [];
const mark = (name) => marks.push([name, performance.timeOrigin + performance.now()]);
mark('node + tsx loaded, first line of user code');
const { loadConfig } = await import('./src/config.ts');
const { migrate, openConfiguredDatabase } = await import('./src/platform/db/index.ts');
mark('import config + db modules (zod, PGlite, Kysely, pg; tsx)');
const { buildApp } = await import('./src/app.ts');
const { JobWorker } = await import('./src/platform/jobs/index.ts');
const { createMailer } = await import('./src/platform/mail/index.ts');
mark('import app modules (Fastify, plugins, pages, jobs, mail; tsx)');
const { seedDemoData, isDatabaseEmpty } = await import('./src/demo/seed.ts');
mark('import demo seed');
const config = loadConfig();
const database = await openConfiguredDatabase(config);
mark('open database (PGlite data folder)');
await migrate(database.db);
mark('migrations check');
const mailer = createMailer(config, database.db);
mark('createMailer');
const app = await buildApp({ config, database, mailer });
mark('buildApp (Fastify, plugins, routes)');
if (config.SEED_ON_START && (await isDatabaseEmpty(database.db))) await seedDemoData(database.db, { logger: app.log });
mark('seeding check');
const worker = new JobWorker({ db: database.db, logger: app.log, handlers: { ...mailer.handlers } });
await app.listen({ host: config.HOST, port: config.PORT });
mark('listen');
const response = await app.inject({ method: 'GET', url: '/' });
if (response.statusCode !== 200) throw new Error('home page: ' + response.statusCode);
mark('first render of / (inject)');
process.stdout.write('PHASES ' + JSON.stringify(marks) + '\\n');
await app.close();
await worker.stop();
mailer.close();
await database.close();
process.exit(0);
`;

interface Phase {
  name: string;
  ms: number;
}

async function profileWarmStart(dataDir: string): Promise<{ phases: Phase[]; total: number }> {
  const port = await freePort();
  const spawnedAt = performance.timeOrigin + performance.now();
  const child = startChild(
    ['--import', 'tsx', '--input-type=module', '-e', PHASES_SCRIPT],
    serverEnv(dataDir, port),
    port,
  );
  await new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
  children.delete(child.process);
  const line = /^PHASES (.*)$/m.exec(child.output())?.[1];
  if (!line) throw new Error(`phase profile failed:\n${child.output()}`);
  const marks = JSON.parse(line) as [string, number][];
  const phases: Phase[] = [];
  let previous = spawnedAt;
  for (const [name, at] of marks) {
    phases.push({ name, ms: at - previous });
    previous = at;
  }
  return { phases, total: previous - spawnedAt };
}

/** The packages src/server.ts loads at start, imported with and without tsx: what tsx's hooks cost. */
const DEPENDENCIES = [
  'zod',
  '@electric-sql/pglite',
  'pg',
  'kysely',
  'fastify',
  '@fastify/cookie',
  '@fastify/formbody',
  '@kitajs/html',
  'nodemailer',
];

async function timeCommand(args: string[]): Promise<number> {
  const since = performance.now();
  const child = startChild(args, process.env, 0);
  const code = await new Promise<number | null>((resolve) => child.process.once('exit', (c) => resolve(c)));
  children.delete(child.process);
  if (code !== 0) throw new Error(`${args.join(' ')} failed:\n${child.output()}`);
  return performance.now() - since;
}

async function tsxOverhead(runs = 3): Promise<{ bare: number; plain: number; tsx: number }> {
  const script = `${DEPENDENCIES.map((d) => `await import('${d}');`).join(' ')}`;
  const bare: number[] = [];
  const plain: number[] = [];
  const tsx: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await timeCommand(['--input-type=module', '-e', '0']));
    plain.push(await timeCommand(['--input-type=module', '-e', script]));
    tsx.push(await timeCommand(['--import', 'tsx', '--input-type=module', '-e', script]));
  }
  return { bare: median(bare), plain: median(plain), tsx: median(tsx) };
}

// --- load -------------------------------------------------------------------------------------------------

const RAW_SERVER = `
const { createServer } = require('node:http');
const { readFileSync } = require('node:fs');
const body = readFileSync(process.env.BODY_FILE);
const type = process.env.BODY_TYPE;
createServer((req, res) => {
  res.writeHead(200, { 'content-type': type, 'content-length': body.length });
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

interface Run {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  bad: number;
}

async function load(url: string, seconds: number): Promise<Run> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  return {
    requests: r.requests.total,
    seconds: r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    bad: r.errors + r.timeouts + r.non2xx,
  };
}

interface Summary {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
  rounds: Run[];
}

function summarise(rounds: Run[]): Summary {
  const requests = rounds.reduce((n, r) => n + r.requests, 0);
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  const mean = (pick: (r: Run) => number) => rounds.reduce((n, r) => n + pick(r), 0) / rounds.length;
  return {
    rps: requests / seconds,
    p50: mean((r) => r.p50),
    p99: mean((r) => r.p99),
    bad: rounds.reduce((n, r) => n + r.bad, 0),
    rounds,
  };
}

// --- report -----------------------------------------------------------------------------------------------

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main() {
  const machine = machineDescription();
  console.log(`bench:http on ${machine}`);
  const loadBefore = loadavg();
  const dataDir = tempDir('fi-bench-data-');

  // 1. Start-up, cold then warm.
  const cold = await startApp(dataDir);
  console.log(`cold start (new data folder, migrations, seed): ${fmt(cold.ms)} ms, RSS ${fmt(cold.rss)} MiB`);
  await cold.app.stop();
  const warmStarts: { ms: number; rss: number }[] = [];
  let app: Child | undefined;
  for (let i = 0; i < WARM_STARTS; i++) {
    const warm = await startApp(dataDir);
    console.log(`warm start ${i + 1}/${WARM_STARTS}: ${fmt(warm.ms)} ms, RSS ${fmt(warm.rss)} MiB`);
    warmStarts.push({ ms: warm.ms, rss: warm.rss });
    if (i < WARM_STARTS - 1) await warm.app.stop();
    else app = warm.app;
  }
  if (!app) throw new Error('no app');
  const warmMs = median(warmStarts.map((w) => w.ms));
  const warmRss = median(warmStarts.map((w) => w.rss));

  // 3. Throughput: the app against raw node:http serving the same bytes.
  const home = await fetchRaw(`${app.url}/`);
  if (home.status !== 200) throw new Error(`home page answered ${home.status}`);
  const bodyDir = tempDir('fi-bench-body-');
  const bodyFile = join(bodyDir, 'home.html');
  writeFileSync(bodyFile, home.body);
  const rawPort = await freePort();
  const raw = startChild(
    ['-e', RAW_SERVER],
    { ...process.env, BODY_FILE: bodyFile, BODY_TYPE: home.type, PORT: String(rawPort) },
    rawPort,
  );
  await untilOk(raw, '/', performance.now(), 10_000);
  const rawHome = await fetchRaw(`${raw.url}/`);
  if (!rawHome.body.equals(home.body) || rawHome.type !== home.type) throw new Error('raw server differs');

  console.log(`home page: ${fmt(home.body.length)} bytes, ${home.type}`);
  console.log(`warm-up: ${WARMUP} s each, ${CONNECTIONS} connections`);
  await load(`${app.url}/`, WARMUP);
  await load(`${raw.url}/`, WARMUP);
  const appRuns: Run[] = [];
  const rawRuns: Run[] = [];
  const slice = DURATION / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    // A B, then B A: whatever drifts (heat, other work) weighs on both alike.
    const order = round % 2 === 0 ? (['app', 'raw'] as const) : (['raw', 'app'] as const);
    for (const which of order) {
      const run = await load(`${which === 'app' ? app.url : raw.url}/`, slice);
      (which === 'app' ? appRuns : rawRuns).push(run);
      console.log(
        `  round ${round + 1} ${which}: ${fmt(run.requests / run.seconds)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms`,
      );
    }
  }
  const rssAfterLoad = rssMiB(app.pid);
  await raw.stop();
  await app.stop();

  // 2. Where a warm start goes (after the load, on the same folder; the server is stopped).
  const profile = await profileWarmStart(dataDir).catch((error: unknown) => ({
    phases: [] as Phase[],
    total: 0,
    error: error instanceof Error ? error.message.split('\n').slice(0, 6).join(' ') : String(error),
  }));
  const overhead = await tsxOverhead();
  const loadAfter = loadavg();

  const a = summarise(appRuns);
  const r = summarise(rawRuns);
  const ratio = a.rps / r.rps;
  const ratioOk = ratio >= TARGET_RATIO;
  const warmOk = warmMs <= TARGET_WARM_START_MS;
  const valid = a.bad === 0 && r.bad === 0;
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');

  const section = `
## HTTP: home page against raw node:http, start-up time, memory

Run on ${date} UTC with \`${COMMAND}\` (source: \`bench/http.ts\`).
Machine: ${machine}. Load average (1 min): ${fmt(loadBefore[0] ?? 0, 1)} at the start, ${fmt(loadAfter[0] ?? 0, 1)} at the end${
    Math.max(loadBefore[0] ?? 0, loadAfter[0] ?? 0) > cpus().length
      ? ' — above the core count: other work shared the machine, read the numbers with that in mind'
      : ''
  }.

Both servers run in their own process; autocannon runs in the bench's process, ${CONNECTIONS} connections,
${WARMUP} s warm-up each, then ${DURATION} s each in ${ROUNDS} alternating rounds (A B, B A…). The app is the real
server (\`node --import tsx src/server.ts\`, \`NODE_ENV=development\`, \`LOG_LEVEL=${LOG_LEVEL}\`, embedded PGlite,
demo data); \`/\` renders the home page for a first-time visitor each time (new CSP nonce, new CSRF cookie),
uncompressed (autocannon sends no \`accept-encoding\`). The raw server answers the very bytes of one such page
(${fmt(home.body.length)} bytes, \`${home.type}\`) with \`node:http\` and nothing else.

| server | req/s | p50 latency | p99 latency | errors / non-2xx |
|---|---:|---:|---:|---:|
| app, \`GET /\` | ${fmt(a.rps)} | ${fmt(a.p50, 1)} ms | ${fmt(a.p99, 1)} ms | ${a.bad} |
| raw \`node:http\`, same bytes | ${fmt(r.rps)} | ${fmt(r.p50, 1)} ms | ${fmt(r.p99, 1)} ms | ${r.bad} |
| **ratio app / raw** | **${fmt(ratio * 100, 1)} %** | | | |

Latencies: mean over the rounds of autocannon's percentiles, which it records in whole milliseconds.

Rounds (req/s): app ${appRuns.map((x) => fmt(x.requests / x.seconds)).join(', ')}; raw ${rawRuns.map((x) => fmt(x.requests / x.seconds)).join(', ')}.

| start-up (spawn → first 200 on \`/\`) | time | server RSS once it answers |
|---|---:|---:|
| cold: empty data folder (creates the database, migrates, seeds) | ${fmt(cold.ms)} ms | ${fmt(cold.rss)} MiB |
| warm: same folder, median of ${WARM_STARTS} (${warmStarts.map((w) => fmt(w.ms)).join(', ')} ms) | ${fmt(warmMs)} ms | ${fmt(warmRss)} MiB |

RSS of the app after the load test: ${fmt(rssAfterLoad)} MiB.

Where a warm start goes (one run of the boot sequence of \`src/server.ts\`, step by step, timed in the process):

${
  'error' in profile
    ? `The step-by-step run failed (bench/http.ts PHASES_SCRIPT no longer matches src/server.ts?): ${profile.error}`
    : `| step | ms |
|---|---:|
${profile.phases.map((p) => `| ${p.name} | ${fmt(p.ms)} |`).join('\n')}
| **total, spawn → first render** | **${fmt(profile.total)}** |`
}

What tsx costs at start (median of 3, spawn → exit): \`node\` alone ${fmt(overhead.bare)} ms; importing the server's
dependencies (${DEPENDENCIES.map((d) => `\`${d}\``).join(', ')}) ${fmt(overhead.plain)} ms with plain Node, ${fmt(overhead.tsx)} ms
under \`--import tsx\`: **${fmt(overhead.tsx - overhead.plain)} ms** of tsx hooks before any of our own files is compiled.

Acceptance targets:

- ${ratioOk ? 'PASS' : 'FAIL'} — home page ≥ ${TARGET_RATIO * 100} % of raw node:http req/s: ${fmt(ratio * 100, 1)} %
- ${warmOk ? 'PASS' : 'FAIL'} — warm start to first page ≤ ${fmt(TARGET_WARM_START_MS)} ms: ${fmt(warmMs)} ms
${valid ? '' : `- INVALID RUN — errors or non-2xx answers during the load (app ${a.bad}, raw ${r.bad})\n`}`;

  writePerformanceSection('http', section);
  console.log(section);
  console.log(`written to ${PERFORMANCE_DOC}`);
  clearTimeout(watchdog);
  if (!valid) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1); // the 'exit' handler stops every child still running
});
