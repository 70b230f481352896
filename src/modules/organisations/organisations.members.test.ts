import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestApp, TestClient } from '../../platform/testing/app.js';
import { hashSecret } from '../accounts/accounts.service.js';
import { createTestUser, openTestSession } from '../accounts/testing.js';
import { currentOrganisationOf } from './organisations.members.service.js';
import { createTestOrganisation, startApp } from './testing.js';

describe('members: roles, removal, the last owner, switching organisation', () => {
  let t: TestApp;

  before(async () => {
    t = await startApp();
  });
  after(() => t.close());

  async function signedIn(userId: string): Promise<TestClient & { token: string }> {
    const client = t.client();
    const token = await openTestSession(t.database.db, userId);
    client.cookies.set(t.app.sessionCookieName, token);
    await client.get('/compte/organisations');
    return Object.assign(client, { token });
  }

  async function owners(organisationId: string): Promise<string[]> {
    const rows = await t.database.db
      .selectFrom('organisation_members')
      .select('user_id')
      .where('organisation_id', '=', organisationId)
      .where('role', '=', 'owner')
      .execute();
    return rows.map((r) => r.user_id).sort();
  }

  test('the members page: names, addresses, roles; owners get the actions, editors do not', async () => {
    const owner = await createTestUser(t.database.db, { name: 'Nadia Benali' });
    const editor = await createTestUser(t.database.db, { name: 'Paul Girard' });
    const organisation = await createTestOrganisation(t.database.db, {
      name: 'Tiers-Lieu des Quatre Vents',
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: editor.id, role: 'editor' },
      ],
    });
    const ownerPage = await (await signedIn(owner.id)).get(`/organisations/${organisation.id}/membres`);
    assert.equal(ownerPage.statusCode, 200);
    assert.match(ownerPage.body, /<h1[^>]*>Membres de Tiers-Lieu des Quatre Vents<\/h1>/);
    assert.ok(ownerPage.body.includes(editor.email));
    assert.match(ownerPage.body, /Propriétaire/);
    assert.match(ownerPage.body, /Envoyer l’invitation/);
    assert.ok(ownerPage.body.includes(`/organisations/${organisation.id}/membres/${editor.id}/retrait`));

    const editorPage = await (await signedIn(editor.id)).get(`/organisations/${organisation.id}/membres`);
    assert.equal(editorPage.statusCode, 200);
    assert.ok(editorPage.body.includes(owner.email), 'members see each other’s addresses');
    assert.doesNotMatch(editorPage.body, /Envoyer l’invitation/);
    assert.ok(!editorPage.body.includes('/retrait'));
    assert.match(editorPage.body, /Seuls les propriétaires peuvent inviter/);

    const stranger = await createTestUser(t.database.db);
    const refused = await (await signedIn(stranger.id)).get(`/organisations/${organisation.id}/membres`);
    assert.equal(refused.statusCode, 403);
    assert.ok(!refused.body.includes(owner.email));
  });

  test('an owner promotes, demotes and removes; an editor may not (403)', async () => {
    const owner = await createTestUser(t.database.db);
    const editor = await createTestUser(t.database.db);
    const organisation = await createTestOrganisation(t.database.db, {
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: editor.id, role: 'editor' },
      ],
    });
    const editorClient = await signedIn(editor.id);
    const selfPromotion = await editorClient.post(
      `/organisations/${organisation.id}/membres/${editor.id}/role`,
      { role: 'owner' },
    );
    assert.equal(selfPromotion.statusCode, 403);
    const removal = await editorClient.post(
      `/organisations/${organisation.id}/membres/${owner.id}/retrait`,
      {},
    );
    assert.equal(removal.statusCode, 403);
    assert.deepEqual(await owners(organisation.id), [owner.id]);

    const client = await signedIn(owner.id);
    const promote = await client.post(`/organisations/${organisation.id}/membres/${editor.id}/role`, {
      role: 'owner',
    });
    assert.equal(promote.statusCode, 303);
    assert.deepEqual(await owners(organisation.id), [owner.id, editor.id].sort());
    const demote = await client.post(`/organisations/${organisation.id}/membres/${editor.id}/role`, {
      role: 'editor',
    });
    assert.equal(demote.statusCode, 303);
    const bad = await client.post(`/organisations/${organisation.id}/membres/${editor.id}/role`, {
      role: 'roi',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Choisissez le rôle/);
    const remove = await client.post(`/organisations/${organisation.id}/membres/${editor.id}/retrait`, {});
    assert.equal(remove.statusCode, 303);
    const page = await client.get(String(remove.headers.location));
    assert.match(page.body, /Le membre a été retiré\./);
    assert.ok(!page.body.includes(editor.email));
    const actions = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'summary'])
      .where('object_id', '=', organisation.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['organisations.member.role', 'organisations.member.role', 'organisations.member.remove'],
    );
  });

  test('the last owner can be neither removed, demoted, nor leave (French message)', async () => {
    const owner = await createTestUser(t.database.db);
    const editor = await createTestUser(t.database.db);
    const organisation = await createTestOrganisation(t.database.db, {
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: editor.id, role: 'editor' },
      ],
    });
    const client = await signedIn(owner.id);
    for (const response of [
      await client.post(`/organisations/${organisation.id}/membres/depart`, {}),
      await client.post(`/organisations/${organisation.id}/membres/${owner.id}/retrait`, {}),
      await client.post(`/organisations/${organisation.id}/membres/${owner.id}/role`, { role: 'editor' }),
    ]) {
      assert.equal(response.statusCode, 409);
      assert.match(response.body, /L’organisation doit garder au moins un propriétaire/);
    }
    assert.deepEqual(await owners(organisation.id), [owner.id]);

    // An editor may leave.
    const leave = await (await signedIn(editor.id)).post(
      `/organisations/${organisation.id}/membres/depart`,
      {},
    );
    assert.equal(leave.statusCode, 303);
    assert.equal(leave.headers.location, '/compte/organisations');
  });

  test('two owners removing each other at the same time: one stays', async () => {
    const first = await createTestUser(t.database.db);
    const second = await createTestUser(t.database.db);
    const organisation = await createTestOrganisation(t.database.db, {
      members: [
        { userId: first.id, role: 'owner' },
        { userId: second.id, role: 'owner' },
      ],
    });
    const [a, b] = [await signedIn(first.id), await signedIn(second.id)];
    const [csrfA, csrfB] = [await a.csrfToken(), await b.csrfToken()];
    const responses = await Promise.all([
      a.post(`/organisations/${organisation.id}/membres/${second.id}/retrait`, { _csrf: csrfA }),
      b.post(`/organisations/${organisation.id}/membres/${first.id}/retrait`, { _csrf: csrfB }),
    ]);
    const statuses = responses.map((r) => r.statusCode).sort();
    // Whoever went first removed the other; the second found themselves no longer owner (403) or the
    // other as the last owner (409).
    assert.equal(statuses[0], 303, `statuses ${statuses}`);
    assert.ok(statuses[1] === 403 || statuses[1] === 409, `statuses ${statuses}`);
    assert.equal((await owners(organisation.id)).length, 1);

    // Both leaving at once: the same.
    const third = await createTestUser(t.database.db);
    const fourth = await createTestUser(t.database.db);
    const other = await createTestOrganisation(t.database.db, {
      members: [
        { userId: third.id, role: 'owner' },
        { userId: fourth.id, role: 'owner' },
      ],
    });
    const [c, d] = [await signedIn(third.id), await signedIn(fourth.id)];
    const [csrfC, csrfD] = [await c.csrfToken(), await d.csrfToken()];
    const leaving = await Promise.all([
      c.post(`/organisations/${other.id}/membres/depart`, { _csrf: csrfC }),
      d.post(`/organisations/${other.id}/membres/depart`, { _csrf: csrfD }),
    ]);
    assert.deepEqual(leaving.map((r) => r.statusCode).sort(), [303, 409]);
    assert.equal((await owners(other.id)).length, 1);
  });

  test('mon compte › organisations: roles, banner, working as one of them, never as another', async () => {
    const person = await createTestUser(t.database.db);
    const first = await createTestOrganisation(t.database.db, {
      name: 'Alpha Coopérative',
      members: [{ userId: person.id, role: 'owner' }],
    });
    const second = await createTestOrganisation(t.database.db, {
      name: 'Bêta Association',
      members: [{ userId: person.id, role: 'editor' }],
    });
    const foreign = await createTestOrganisation(t.database.db, { name: 'Gamma Fondation' });
    const client = await signedIn(person.id);
    assert.match(
      (await client.get('/compte')).body,
      /href="\/compte\/organisations"[^>]*>Mes organisations</,
    );
    const page = await client.get('/compte/organisations');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Alpha Coopérative/);
    assert.match(page.body, /Bêta Association/);
    assert.doesNotMatch(page.body, /Gamma Fondation/);
    assert.match(page.body, /href="\/organisations\/nouvelle"/);
    assert.ok(page.body.includes(`href="/organisations/${second.id}/membres"`));
    assert.match(page.body, /Vous travaillez en tant que cette organisation/);

    const sessionId = hashSecret(client.token);
    assert.deepEqual(await currentOrganisationOf(t.database.db, { sessionId, userId: person.id }), {
      id: first.id,
      name: 'Alpha Coopérative',
      role: 'owner',
    });
    const switched = await client.post('/compte/organisation-courante', { organisation_id: second.id });
    assert.equal(switched.statusCode, 303);
    const after = await client.get(String(switched.headers.location));
    assert.match(after.body, /Vous travaillez maintenant en tant que Bêta Association\./);
    const session = await t.database.db
      .selectFrom('sessions')
      .select('organisation_id')
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    assert.equal(session.organisation_id, second.id);
    assert.equal(
      (await currentOrganisationOf(t.database.db, { sessionId, userId: person.id }))?.id,
      second.id,
    );

    const refused = await client.post('/compte/organisation-courante', { organisation_id: foreign.id });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Vous n’êtes pas membre de cette organisation/);
    const bad = await client.post('/compte/organisation-courante', { organisation_id: 'nimporte' });
    assert.equal(bad.statusCode, 400);
    const unchanged = await t.database.db
      .selectFrom('sessions')
      .select('organisation_id')
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    assert.equal(unchanged.organisation_id, second.id);

    // Leaving the organisation the session works as: back to another one.
    await client.post(`/organisations/${second.id}/membres/depart`, {});
    assert.equal(
      (await currentOrganisationOf(t.database.db, { sessionId, userId: person.id }))?.id,
      first.id,
    );
  });
});
