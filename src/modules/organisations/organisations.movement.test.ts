import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestApp, TestClient } from '../../platform/testing/app.js';
import { createTestUser, openTestSession } from '../accounts/testing.js';
import { createTestOrganisation, startApp } from './testing.js';

const ACCEPT = 'J’ai lu la charte et l’organisation s’engage à la respecter';

describe('the movement: the charter, joining (the banner), leaving', () => {
  let t: TestApp;

  before(async () => {
    t = await startApp();
  });
  after(() => t.close());

  async function signedIn(userId: string): Promise<TestClient> {
    const client = t.client();
    client.cookies.set(t.app.sessionCookieName, await openTestSession(t.database.db, userId));
    await client.get('/compte/organisations');
    return client;
  }

  async function organisationRow(id: string) {
    return t.database.db
      .selectFrom('organisations')
      .select(['movement_joined_at', 'change_seq', 'updated_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  async function ownedOrganisation(name: string) {
    const owner = await createTestUser(t.database.db, { name: 'Hugo Lambert' });
    const organisation = await createTestOrganisation(t.database.db, {
      name,
      members: [{ userId: owner.id, role: 'owner' }],
    });
    return { owner, organisation, client: await signedIn(owner.id) };
  }

  test('GET /charte shows the current version, its number and date, to anyone', async () => {
    const page = await t.client().get('/charte');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1[^>]*>Charte du mouvement French Impact<\/h1>/);
    assert.match(page.body, /Version 1, publiée le/);
    assert.match(page.body, /Mesurer et partager notre impact/);
    assert.match(page.body, /Essaimer ce qui marche/);
    assert.doesNotMatch(page.body, /Versions précédentes/);
    const english = t.client();
    english.cookies.set('lang', 'en');
    assert.match((await english.get('/charte')).body, /Version 1, published on/);
  });

  test('joining with version 1: banner, movement_joined_at, change_seq, audit; then leaving', async () => {
    const { owner, organisation, client } = await ownedOrganisation('Coopérative du Lien');
    const page = await client.get(`/organisations/${organisation.id}/mouvement`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Cette organisation n’a pas rejoint le mouvement\./);
    assert.ok(page.body.includes(ACCEPT));
    assert.match(page.body, /name="charter_version" value="1"/);

    const unticked = await client.post(`/organisations/${organisation.id}/mouvement/adhesion`, {
      charter_version: '1',
    });
    assert.equal(unticked.statusCode, 400);
    assert.match(unticked.body, /Cochez la case pour confirmer que vous avez lu la charte/);

    const before = await organisationRow(organisation.id);
    const joined = await client.post(`/organisations/${organisation.id}/mouvement/adhesion`, {
      charter_version: '1',
      accept: 'oui',
    });
    assert.equal(joined.statusCode, 303, joined.body.slice(0, 400));
    const after = await organisationRow(organisation.id);
    assert.ok(after.movement_joined_at instanceof Date);
    assert.ok(BigInt(after.change_seq) > BigInt(before.change_seq), 'the directory sees the change');
    const membership = await t.database.db
      .selectFrom('movement_memberships')
      .selectAll()
      .where('organisation_id', '=', organisation.id)
      .executeTakeFirstOrThrow();
    assert.equal(membership.charter_version, 1);
    assert.equal(membership.accepted_by, owner.id);
    assert.equal(membership.left_at, null);
    const status = await client.get(String(joined.headers.location));
    assert.match(status.body, /L’organisation a rejoint le mouvement French Impact\./);
    assert.match(status.body, /Membre du mouvement French Impact/);
    assert.match(status.body, /Charte acceptée : version 1, par Hugo Lambert\./);

    const twice = await client.post(`/organisations/${organisation.id}/mouvement/adhesion`, {
      charter_version: '1',
      accept: 'oui',
    });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /déjà membre du mouvement/);

    const list = await client.get('/compte/organisations');
    assert.match(list.body, /Membre du mouvement French Impact/);

    const unconfirmed = await client.post(`/organisations/${organisation.id}/mouvement/depart`, {});
    assert.equal(unconfirmed.statusCode, 400);
    assert.match(unconfirmed.body, /Cochez la case pour confirmer le départ/);
    const left = await client.post(`/organisations/${organisation.id}/mouvement/depart`, {
      confirmation: 'oui',
    });
    assert.equal(left.statusCode, 303);
    const gone = await organisationRow(organisation.id);
    assert.equal(gone.movement_joined_at, null);
    assert.ok(BigInt(gone.change_seq) > BigInt(after.change_seq));
    const ended = await t.database.db
      .selectFrom('movement_memberships')
      .select(['left_at', 'left_by'])
      .where('id', '=', membership.id)
      .executeTakeFirstOrThrow();
    assert.ok(ended.left_at instanceof Date);
    assert.equal(ended.left_by, owner.id);
    const afterLeaving = await client.get(`/organisations/${organisation.id}/mouvement`);
    assert.doesNotMatch(afterLeaving.body, /Membre du mouvement French Impact/, 'the banner is gone');
    assert.match(afterLeaving.body, /Cette organisation n’a pas rejoint le mouvement\./);
    assert.doesNotMatch(
      (await client.get('/compte/organisations')).body,
      /Membre du mouvement French Impact/,
    );

    // Joining again is a new row.
    await client.post(`/organisations/${organisation.id}/mouvement/adhesion`, {
      charter_version: '1',
      accept: 'oui',
    });
    const rows = await t.database.db
      .selectFrom('movement_memberships')
      .select('id')
      .where('organisation_id', '=', organisation.id)
      .execute();
    assert.equal(rows.length, 2);

    const actions = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('object_id', '=', organisation.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['organisations.movement.join', 'organisations.movement.leave', 'organisations.movement.join'],
    );
  });

  test('an editor cannot join (403); a closed organisation cannot join', async () => {
    const { organisation } = await ownedOrganisation('Fondation des Possibles');
    const editor = await createTestUser(t.database.db);
    await t.database.db
      .insertInto('organisation_members')
      .values({ organisation_id: organisation.id, user_id: editor.id, role: 'editor' })
      .execute();
    const editorClient = await signedIn(editor.id);
    const page = await editorClient.get(`/organisations/${organisation.id}/mouvement`);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes(ACCEPT));
    const refused = await editorClient.post(`/organisations/${organisation.id}/mouvement/adhesion`, {
      charter_version: '1',
      accept: 'oui',
    });
    assert.equal(refused.statusCode, 403);
    assert.equal((await organisationRow(organisation.id)).movement_joined_at, null);

    const closed = await ownedOrganisation('Association dissoute');
    await t.database.db
      .updateTable('organisations')
      .set({ closed_at: new Date() })
      .where('id', '=', closed.organisation.id)
      .execute();
    const closedJoin = await closed.client.post(
      `/organisations/${closed.organisation.id}/mouvement/adhesion`,
      {
        charter_version: '1',
        accept: 'oui',
      },
    );
    assert.equal(closedJoin.statusCode, 409);
    assert.match(closedJoin.body, /Cette organisation est fermée/);
  });

  // Last: it publishes version 2 for the rest of this database.
  test('a charter published meanwhile: the stale version is refused and the new one shown', async () => {
    const { organisation, client } = await ownedOrganisation('Mutuelle Solidaire');
    await client.get(`/organisations/${organisation.id}/mouvement`);
    await t.database.db
      .insertInto('charter_versions')
      .values({
        version: 2,
        title: 'Charte du mouvement French Impact',
        body: 'Nouvel engagement de la version 2.',
      })
      .execute();
    const stale = await client.post(`/organisations/${organisation.id}/mouvement/adhesion`, {
      charter_version: '1',
      accept: 'oui',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Une nouvelle version de la charte \(version 2\) a été publiée entre-temps/);
    assert.match(stale.body, /Nouvel engagement de la version 2\./);
    assert.match(stale.body, /name="charter_version" value="2"/);
    assert.equal((await organisationRow(organisation.id)).movement_joined_at, null);

    const charter = await t.client().get('/charte');
    assert.match(charter.body, /Version 2, publiée le/);
    assert.match(charter.body, /Versions précédentes/);
    assert.match(charter.body, /Version 1 du/);

    const fresh = await client.post(`/organisations/${organisation.id}/mouvement/adhesion`, {
      charter_version: '2',
      accept: 'oui',
    });
    assert.equal(fresh.statusCode, 303);
  });
});
