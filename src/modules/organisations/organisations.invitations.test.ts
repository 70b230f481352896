import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { JobWorker } from '../../platform/jobs/index.js';
import { memoryLogger } from '../../platform/jobs/testing.js';
import type { TestApp, TestClient } from '../../platform/testing/app.js';
import { createTestUser, openTestSession } from '../accounts/testing.js';
import { createTestOrganisation, startApp } from './testing.js';

describe('invitations: e-mailed link, acceptance, expired/used/revoked links', () => {
  let t: TestApp;
  let worker: JobWorker;

  before(async () => {
    t = await startApp();
    worker = new JobWorker({ db: t.database.db, logger: memoryLogger(), handlers: { ...t.mailer.handlers } });
  });
  after(() => t.close());

  async function signedIn(userId: string): Promise<TestClient> {
    const client = t.client();
    client.cookies.set(t.app.sessionCookieName, await openTestSession(t.database.db, userId));
    return client;
  }

  /** Delivers the queued mails and returns the path of the last invitation link sent to `to`. */
  async function invitationLink(to: string): Promise<{ path: string; subject: string }> {
    await worker.drain();
    const mails = await t.database.db
      .selectFrom('mail_outbox')
      .select(['text_body', 'subject'])
      .where('to_address', '=', to)
      .orderBy('id', 'desc')
      .execute();
    for (const mail of mails) {
      const match = /https?:\/\/\S+(\/invitations\/[A-Za-z0-9_-]{43})/.exec(mail.text_body);
      if (match?.[1]) return { path: match[1], subject: mail.subject };
    }
    throw new Error(`no invitation mail to ${to}`);
  }

  async function ownerWithOrganisation(name: string) {
    const owner = await createTestUser(t.database.db, { name: 'Awa Diallo' });
    const organisation = await createTestOrganisation(t.database.db, {
      name,
      members: [{ userId: owner.id, role: 'owner' }],
    });
    return { owner, organisation, client: await signedIn(owner.id) };
  }

  test('invite → e-mail → accept as a new account with another address → listed as member', async () => {
    const { organisation, client } = await ownerWithOrganisation('Les Jardins Partagés');
    await client.get(`/organisations/${organisation.id}/membres`);
    const sent = await client.post(`/organisations/${organisation.id}/invitations`, {
      email: '  Lea.Martin@Exemple.fr ',
      role: 'editor',
    });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 500));
    assert.equal(sent.headers.location, `/organisations/${organisation.id}/membres?fait=invited`);
    const page = await client.get(sent.headers.location as string);
    assert.match(page.body, /L’invitation a été envoyée\./);
    assert.match(page.body, /lea\.martin@exemple\.fr/, 'the pending invitation is listed');

    const link = await invitationLink('lea.martin@exemple.fr');
    assert.equal(link.subject, 'Invitation à rejoindre Les Jardins Partagés sur French Impact');
    const stored = await t.database.db
      .selectFrom('organisation_invitations')
      .select(['token_hash', 'expires_at', 'role'])
      .where('organisation_id', '=', organisation.id)
      .executeTakeFirstOrThrow();
    assert.match(stored.token_hash, /^[0-9a-f]{64}$/);
    assert.ok(!link.path.includes(stored.token_hash), 'only the hash is stored');
    const days = (stored.expires_at.getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 6.9 && days <= 7, `valid 7 days (${days})`);

    // Anonymous: the page offers to sign in and come back; nothing happens on GET.
    const anonymous = t.client();
    const view = await anonymous.get(link.path);
    assert.equal(view.statusCode, 200);
    assert.match(view.body, /Invitation à rejoindre Les Jardins Partagés/);
    assert.ok(view.body.includes(`href="/connexion?retour=${encodeURIComponent(link.path)}"`));
    assert.match(view.body, /href="\/inscription"/);
    const refused = await anonymous.post(link.path, {});
    assert.equal(refused.statusCode, 303);
    assert.match(String(refused.headers.location), /^\/connexion/);

    // A new account with another address accepts: told which address was invited.
    const lea = await createTestUser(t.database.db, { email: 'lea.perso@exemple.fr', name: 'Léa Martin' });
    const leaClient = await signedIn(lea.id);
    const shown = await leaClient.get(link.path);
    assert.match(shown.body, /L’invitation a été envoyée à l’adresse lea\.martin@exemple\.fr\./);
    assert.match(shown.body, /Vous êtes connecté avec l’adresse lea\.perso@exemple\.fr/);
    assert.equal(
      await t.database.db
        .selectFrom('organisation_members')
        .select('user_id')
        .where('user_id', '=', lea.id)
        .executeTakeFirst(),
      undefined,
      'GET changed nothing',
    );
    const accepted = await leaClient.post(link.path, {});
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, `/organisations/${organisation.id}/membres`);
    const members = await leaClient.get(`/organisations/${organisation.id}/membres`);
    assert.equal(members.statusCode, 200);
    assert.match(members.body, /Léa Martin \(vous\)/);
    assert.match(members.body, /Éditeur/);
    assert.doesNotMatch(members.body, /Envoyer l’invitation/, 'an editor sees no owner action');

    const actions = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('object_id', '=', organisation.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['organisations.member.invite', 'organisations.member.join'],
    );

    // The link works once.
    const again = await leaClient.post(link.path, {});
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /Cette invitation a déjà été utilisée\./);
    const replay = await t.client().get(link.path);
    assert.equal(replay.statusCode, 410);
  });

  test('one open invitation per address; a member is not invited again', async () => {
    const { owner, organisation, client } = await ownerWithOrganisation('Recyclerie du Val');
    await client.get(`/organisations/${organisation.id}/membres`);
    const first = await client.post(`/organisations/${organisation.id}/invitations`, {
      email: 'double@exemple.fr',
      role: 'owner',
    });
    assert.equal(first.statusCode, 303);
    const second = await client.post(`/organisations/${organisation.id}/invitations`, {
      email: 'double@exemple.fr',
      role: 'editor',
    });
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /Une invitation est déjà en attente pour cette adresse/);
    assert.match(second.body, /value="double@exemple\.fr"/, 'the address is kept');
    const self = await client.post(`/organisations/${organisation.id}/invitations`, {
      email: owner.email,
      role: 'editor',
    });
    assert.equal(self.statusCode, 409);
    assert.match(self.body, /déjà membre/);
    const bad = await client.post(`/organisations/${organisation.id}/invitations`, {
      email: 'pas-une-adresse',
      role: 'chef',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Saisissez une adresse e-mail valide/);
    assert.match(bad.body, /Choisissez le rôle/);
  });

  test('revoked, expired and unknown links get a clear page, never a 500', async () => {
    const { organisation, client } = await ownerWithOrganisation('Épicerie Solidaire');
    await client.get(`/organisations/${organisation.id}/membres`);
    await client.post(`/organisations/${organisation.id}/invitations`, {
      email: 'annulee@exemple.fr',
      role: 'editor',
    });
    await client.post(`/organisations/${organisation.id}/invitations`, {
      email: 'expiree@exemple.fr',
      role: 'editor',
    });
    const revokedLink = await invitationLink('annulee@exemple.fr');
    const expiredLink = await invitationLink('expiree@exemple.fr');
    const invitation = await t.database.db
      .selectFrom('organisation_invitations')
      .select('id')
      .where('email', '=', 'annulee@exemple.fr')
      .executeTakeFirstOrThrow();
    const revoke = await client.post(
      `/organisations/${organisation.id}/invitations/${invitation.id}/annulation`,
      {},
    );
    assert.equal(revoke.statusCode, 303);
    await t.database.db
      .updateTable('organisation_invitations')
      .set({ expires_at: sql<Date>`now() - interval '1 minute'` })
      .where('email', '=', 'expiree@exemple.fr')
      .execute();

    const person = await createTestUser(t.database.db);
    const visitor = await signedIn(person.id);
    const revoked = await visitor.get(revokedLink.path);
    assert.equal(revoked.statusCode, 410);
    assert.match(revoked.body, /Cette invitation a été annulée par l’organisation\./);
    const expired = await visitor.get(expiredLink.path);
    assert.equal(expired.statusCode, 410);
    assert.match(expired.body, /Cette invitation a expiré/);
    const postExpired = await visitor.post(expiredLink.path, {});
    assert.equal(postExpired.statusCode, 410);
    const unknown = await visitor.get(`/invitations/${'A'.repeat(43)}`);
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /Ce lien d’invitation est introuvable/);
    const malformed = await visitor.post('/invitations/court', {});
    assert.equal(malformed.statusCode, 404);
    assert.equal(
      await t.database.db
        .selectFrom('organisation_members')
        .select('user_id')
        .where('user_id', '=', person.id)
        .executeTakeFirst(),
      undefined,
    );

    // An expired invitation does not block a new one to the same address.
    const renewed = await client.post(`/organisations/${organisation.id}/invitations`, {
      email: 'expiree@exemple.fr',
      role: 'editor',
    });
    assert.equal(renewed.statusCode, 303);
  });

  test('an editor cannot invite nor revoke (403); a member of another organisation is refused', async () => {
    const { organisation } = await ownerWithOrganisation('Atelier Vélo');
    const editor = await createTestUser(t.database.db);
    await t.database.db
      .insertInto('organisation_members')
      .values({ organisation_id: organisation.id, user_id: editor.id, role: 'editor' })
      .execute();
    const client = await signedIn(editor.id);
    const page = await client.get(`/organisations/${organisation.id}/membres`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Envoyer l’invitation/);
    const invite = await client.post(`/organisations/${organisation.id}/invitations`, {
      email: 'quelquun@exemple.fr',
      role: 'editor',
    });
    assert.equal(invite.statusCode, 403);
    assert.match(invite.body, /Seuls les propriétaires/);

    const other = await ownerWithOrganisation('Autre Organisation');
    const outsider = await other.client.post(`/organisations/${organisation.id}/invitations`, {
      email: 'quelquun@exemple.fr',
      role: 'editor',
    });
    assert.equal(outsider.statusCode, 403);
    assert.equal(
      await t.database.db
        .selectFrom('organisation_invitations')
        .select('id')
        .where('organisation_id', '=', organisation.id)
        .executeTakeFirst(),
      undefined,
    );
  });

  test('invitations are rate limited per person (429 with the wait)', async () => {
    const { organisation, client } = await ownerWithOrganisation('Ressourcerie Limitée');
    await client.get(`/organisations/${organisation.id}/membres`);
    for (let i = 0; i < 20; i++) {
      const ok = await client.post(`/organisations/${organisation.id}/invitations`, {
        email: `personne${i}@limite.fr`,
        role: 'editor',
      });
      assert.equal(ok.statusCode, 303);
    }
    const refused = await client.post(`/organisations/${organisation.id}/invitations`, {
      email: 'une-de-trop@limite.fr',
      role: 'editor',
    });
    assert.equal(refused.statusCode, 429);
    assert.match(refused.body, /Trop de tentatives\. Réessayez dans/);
    assert.ok(Number(refused.headers['retry-after']) > 0);
  });
});
