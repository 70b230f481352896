import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the server is started from there, as `npm start` would be. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  pid: number;
  /** What the server printed (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGTERM (graceful), then SIGKILL after a grace period; deletes a data folder it created. */
  stop(): Promise<void>;
  /** SIGKILL at once, as a crash would (a data folder given by the caller stays). */
  kill(): Promise<void>;
}

export interface StartOptions {
  /** Extra environment for the server (DATABASE_URL here runs it on PostgreSQL; PORT here is the port used). */
  env?: Record<string, string>;
  /** A PGlite folder that outlives this server (restarts on the same data); by default a new temp one, deleted by stop(). */
  dataDir?: string;
  /** How long to wait for `/sante` (a fresh PGlite folder plus the demo seed takes several seconds). */
  timeoutMs?: number;
}

/** A port the OS says is free right now (there is a small window before the server takes it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Servers still running. Each has a process group of its own (so that stopping it ends its children too),
 * which also means that a signal to this process's group would not reach it: end them (and delete their
 * data folders) when this process exits or is interrupted.
 */
const running = new Map<ChildProcess, string>();
let guarded = false;

function guardExit() {
  if (guarded) return;
  guarded = true;
  process.once('exit', () => {
    for (const [child, dataDir] of running) {
      signalGroup(child, 'SIGKILL');
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => process.exit(130));
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Kills a child's whole process group: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function killGroup(
  child: ChildProcess,
  graceMs = 5000,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child, signal);
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts the real server (`node --import tsx src/server.ts`, what `npm start` runs) as a child process in
 * its own process group, on a free port, with a new PGlite folder and the demo seed, and waits until
 * `/sante` answers 200. `stop()` ends the group and deletes the folder.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'fi-server-data-'));
  // A port given by the caller (who needed it beforehand, e.g. for an OIDC redirect URI) is used as is.
  const port = options.env?.PORT ? Number(options.env.PORT) : await freePort();
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  delete inherited.DATABASE_URL;
  delete inherited.PUBLIC_URL;
  delete inherited.SMTP_URL;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    SEED_ON_START: 'true',
    LOG_LEVEL: 'warn',
    JOBS_WORKER: 'true',
    // As `npm start` sets it (package.json): file writes and fsyncs of uploads do not queue behind 4 threads.
    UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '16',
    ...options.env,
  };

  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env,
    detached: true, // its own process group, so that stop() also ends anything it spawned
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  guardExit();
  running.set(child, ownsDataDir ? dataDir : '');
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exit: string | undefined;
  child.once('exit', (code, signal) => {
    exit = `exited (code ${code}, signal ${signal})`;
  });

  const url = `http://127.0.0.1:${port}`;
  const end = async (graceMs: number, signal: NodeJS.Signals) => {
    await killGroup(child, graceMs, signal);
    running.delete(child);
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const stop = () => end(5000, 'SIGTERM');

  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    if (exit) {
      await stop();
      throw new Error(`The server ${exit} before answering /sante:\n${output}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `The server did not answer /sante within ${options.timeoutMs ?? 90_000} ms:\n${output}`,
      );
    }
    try {
      const response = await fetch(`${url}/sante`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // Not listening yet.
    }
    await delay(100);
  }
  return { url, pid: child.pid!, output: () => output, stop, kill: () => end(0, 'SIGKILL') };
}
