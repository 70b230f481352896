import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../db/database.js';
import { createTestDatabase, testDatabaseUrl } from '../db/testing.js';
import { startServer } from '../testing/server.js';
import { waitFor } from './testing.js';

describe('durability: a job acknowledged before kill -9 runs after the restart, once', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fi-durability-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('enqueue through the app, SIGKILL, restart with the worker, the mail is delivered exactly once', async () => {
    // On PostgreSQL runs, the servers use a fresh database; otherwise the embedded one in a data folder.
    let env: Record<string, string> = {};
    let pgDatabase: Database | undefined;
    const url = testDatabaseUrl();
    if (url) {
      pgDatabase = await createTestDatabase();
      const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(pgDatabase.db);
      const own = new URL(url);
      own.pathname = `/${rows[0]!.name}`;
      env = { DATABASE_URL: own.toString() };
    }

    // 1. A server without worker acknowledges the request (303) and is killed at once.
    const first = await startServer({
      dataDir,
      env: { ...env, JOBS_WORKER: 'false', SEED_ON_START: 'false' },
    });
    const page = await fetch(`${first.url}/dev/boite-mail`);
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
    assert.ok(token, 'the outbox page has a form');
    const sent = await fetch(`${first.url}/dev/boite-mail/essai`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ _csrf: token, email: 'camille.durand@exemple.fr' }).toString(),
    });
    assert.equal(sent.status, 303, 'the request was acknowledged');
    await first.kill();

    // 2. A new server with its worker picks the job up.
    const second = await startServer({
      dataDir,
      env: { ...env, JOBS_WORKER: 'true', SEED_ON_START: 'false' },
    });
    try {
      await waitFor(
        async () =>
          (await (await fetch(`${second.url}/dev/boite-mail`)).text()).includes('camille.durand@exemple.fr'),
        { timeoutMs: 30_000, intervalMs: 200 },
      );
    } finally {
      await second.stop();
    }

    // 3. Read what the servers left: one mail job, done on its first attempt; one mail. (The hourly
    // purge a server schedules at start is another job, not the one acknowledged.)
    const database = pgDatabase ?? (await openDatabase({ dataDir }));
    try {
      const jobs = await database.db
        .selectFrom('jobs')
        .select(['type', 'state', 'attempts'])
        .where('type', '=', 'mail.send')
        .execute();
      assert.deepEqual(jobs, [{ type: 'mail.send', state: 'done', attempts: 1 }]);
      const mails = await database.db.selectFrom('mail_outbox').select(['to_address']).execute();
      assert.equal(mails.length, 1);
    } finally {
      await database.close();
    }
  });
});
