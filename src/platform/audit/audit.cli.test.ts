import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { DbOrTx } from '../db/index.js';
import { runScript, scriptDatabase } from '../testing/script.js';
import { recordAudit } from './audit.service.js';

/** `npm run audit:verify`, as an operator runs it, with the given environment. */
const auditVerify = (env: Record<string, string>) => runScript('audit-verify', [], env);

async function recordThree(db: DbOrTx): Promise<string[]> {
  const ids: string[] = [];
  for (const action of ['auth.sign_in', 'roles.grant', 'auth.sign_out']) {
    const event = {
      action,
      objectType: 'account',
      objectId: 'u-1',
      actorId: 'u-1',
      summary: { role: 'membre' },
    };
    ids.push((await recordAudit(db, event)).id);
  }
  return ids;
}

/** Edits a stored event as someone with SQL access could: trigger disabled, summary changed, trigger back. */
async function alter(db: DbOrTx, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(trx);
    await sql`UPDATE audit_events SET summary = '{"role": "administrateur"}'::jsonb WHERE id = ${id}`.execute(
      trx,
    );
    await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(trx);
  });
}

describe('npm run audit:verify', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  test('exits 0 on an intact trail, then 1, naming the event, once a row was altered in SQL', async () => {
    let ids: string[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'fi-audit-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const { env, withDatabase, close } = await scriptDatabase(dataDir);
    cleanups.push(close);
    await withDatabase(async (db) => {
      ids = await recordThree(db);
    });

    const intact = await auditVerify(env);
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /^Journal d'audit intègre : 3 évènements vérifiés\.$/m);
    assert.match(intact.stdout, new RegExp(`Dernier évènement : n° ${ids[2]}, empreinte [0-9a-f]{64}`));

    await withDatabase((db) => alter(db, ids[1]!));
    const altered = await auditVerify(env);
    assert.equal(altered.code, 1, altered.stdout);
    assert.match(
      altered.stderr,
      new RegExp(`^Journal d'audit altéré : le contenu de l'évènement n° ${ids[1]} `, 'm'),
    );
    assert.match(altered.stderr, new RegExp(`^Premier évènement en cause : n° ${ids[1]}$`, 'm'));
    assert.doesNotMatch(altered.stdout, /intègre :/);
  });

  test('exits 2 when the database cannot be reached', async () => {
    const run = await auditVerify({ DATABASE_URL: 'postgres://audit@127.0.0.1:1/absent' });
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /^Vérification du journal d'audit impossible : /m);
  });
});
