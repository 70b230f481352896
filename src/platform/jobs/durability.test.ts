import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openDatabase } from '../db/database.js';
import { createTestDatabase, testDatabaseUrl } from '../db/testing.js';
import { waitFor } from './testing.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The real server, as `npm start` runs it, in its own process. */
async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      SEED_ON_START: 'false',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      return (await fetch(`${base}/sante`).catch(() => undefined))?.ok;
    },
    { timeoutMs: 60_000, intervalMs: 100 },
  );
  return { child, base };
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
}

describe('durability: a job acknowledged before kill -9 runs after the restart, once', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fi-durability-'));
  const children: ChildProcess[] = [];
  after(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('enqueue through the app, SIGKILL, restart with the worker, the mail is delivered exactly once', async () => {
    // On PostgreSQL runs, the servers use a fresh database; otherwise the embedded one in a data folder.
    let env: Record<string, string> = { DATA_DIR: dataDir };
    let pgDatabase: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
    const url = testDatabaseUrl();
    if (url) {
      pgDatabase = await createTestDatabase();
      const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(pgDatabase.db);
      const own = new URL(url);
      own.pathname = `/${rows[0]!.name}`;
      env = { DATABASE_URL: own.toString() };
    }

    // 1. A server without worker acknowledges the request (303) and is killed at once.
    const first = await startServer({ ...env, JOBS_WORKER: 'false' });
    children.push(first.child);
    const page = await fetch(`${first.base}/dev/boite-mail`);
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
    assert.ok(token, 'the outbox page has a form');
    const sent = await fetch(`${first.base}/dev/boite-mail/essai`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ _csrf: token, email: 'camille.durand@exemple.fr' }).toString(),
    });
    assert.equal(sent.status, 303, 'the request was acknowledged');
    first.child.kill('SIGKILL');
    await stopped(first.child);

    // 2. A new server with its worker picks the job up.
    const second = await startServer({ ...env, JOBS_WORKER: 'true' });
    children.push(second.child);
    await waitFor(
      async () =>
        (await (await fetch(`${second.base}/dev/boite-mail`)).text()).includes('camille.durand@exemple.fr'),
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    second.child.kill('SIGTERM');
    await stopped(second.child);

    // 3. Read what the servers left: one job, done on its first attempt; one mail.
    const database = pgDatabase ?? (await openDatabase({ dataDir }));
    try {
      const jobs = await database.db.selectFrom('jobs').select(['type', 'state', 'attempts']).execute();
      assert.deepEqual(jobs, [{ type: 'mail.send', state: 'done', attempts: 1 }]);
      const mails = await database.db.selectFrom('mail_outbox').select(['to_address']).execute();
      assert.equal(mails.length, 1);
    } finally {
      await database.close();
    }
  });
});
