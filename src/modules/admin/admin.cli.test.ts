import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../../platform/db/index.js';
import { runScript, scriptDatabase } from '../../platform/testing/script.js';
import { createTestUser } from '../accounts/testing.js';

/** `npm run admin:grant -- <args>`, as an operator runs it, with the given environment. */
const adminGrant = (args: string[], env: Record<string, string>) => runScript('admin-grant', args, env);

describe('npm run admin:grant (the first administrator)', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  let env: Record<string, string>;
  /** Opens the script's database between runs (PGlite allows one process at a time). */
  let withDatabase: <T>(use: (db: Db) => Promise<T>) => Promise<T>;

  before(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fi-admin-grant-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const database = await scriptDatabase(dataDir);
    cleanups.push(() => database.close());
    env = database.env;
    withDatabase = database.withDatabase;
  });
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  test('grants administrateur to an existing account, audited as « ligne de commande »; twice changes nothing', async () => {
    const user = await withDatabase((db) => createTestUser(db, { email: 'premiere.admin@exemple.fr' }));

    const run = await adminGrant(['Premiere.Admin@exemple.fr'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Le compte premiere\.admin@exemple\.fr est maintenant administrateur\.$/m);

    const again = await adminGrant(['premiere.admin@exemple.fr'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /est déjà administrateur : rien n’a changé\./);

    await withDatabase(async (db) => {
      const roles = await db
        .selectFrom('role_assignments')
        .select(['role', 'scope_type', 'granted_by'])
        .where('user_id', '=', user.id)
        .execute();
      assert.deepEqual(roles, [{ role: 'administrator', scope_type: null, granted_by: null }]);
      const events = await db
        .selectFrom('audit_events')
        .select(['action', 'actor_id', 'actor_label', 'object_id', 'summary'])
        .where('action', '=', 'roles.grant')
        .execute();
      assert.deepEqual(events, [
        {
          action: 'roles.grant',
          actor_id: null,
          actor_label: 'ligne de commande',
          object_id: user.id,
          summary: { role: 'administrator', scope: null, email: 'premiere.admin@exemple.fr' },
        },
      ]);
    });
  });

  test('a clear French error when the account does not exist, or no address is given', async () => {
    const unknown = await adminGrant(['personne@exemple.fr'], env);
    assert.equal(unknown.code, 1, unknown.stdout);
    assert.match(
      unknown.stderr,
      /^Aucun compte n’existe avec l’adresse personne@exemple\.fr : créez d’abord le compte/m,
    );

    const none = await adminGrant([], env);
    assert.equal(none.code, 1);
    assert.match(
      none.stderr,
      /Indiquez l’adresse e-mail du compte : npm run admin:grant -- adresse@exemple\.fr/,
    );
  });
});
