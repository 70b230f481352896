import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { JobWorker } from '../../platform/jobs/index.js';
import { memoryLogger } from '../../platform/jobs/testing.js';
import type { TestApp, TestClient } from '../../platform/testing/app.js';
import { createTestUser, openTestSession } from '../accounts/testing.js';
import { createTestOrganisation, startApp } from './testing.js';

const MESSAGE = 'Je suis la présidente de l’association depuis 2016, élue en assemblée générale.';

describe('claims: asking to manage an existing profile, decided by its owners or an administrator', () => {
  let t: TestApp;
  let worker: JobWorker;

  before(async () => {
    t = await startApp();
    worker = new JobWorker({ db: t.database.db, logger: memoryLogger(), handlers: { ...t.mailer.handlers } });
  });
  after(() => t.close());

  async function signedIn(userId: string, secondFactor = false): Promise<TestClient> {
    const client = t.client();
    client.cookies.set(
      t.app.sessionCookieName,
      await openTestSession(t.database.db, userId, { secondFactor }),
    );
    await client.get('/compte/organisations');
    return client;
  }

  async function lastMail(to: string) {
    await worker.drain();
    return t.database.db
      .selectFrom('mail_outbox')
      .select(['subject', 'text_body'])
      .where('to_address', '=', to)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  async function roleOf(organisationId: string, userId: string) {
    const row = await t.database.db
      .selectFrom('organisation_members')
      .select('role')
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.role ?? null;
  }

  test('claim → duplicate refused kindly → the owner approves → the claimant is an editor, and mailed', async () => {
    const owner = await createTestUser(t.database.db);
    const organisation = await createTestOrganisation(t.database.db, {
      name: 'Maison des Familles',
      members: [{ userId: owner.id, role: 'owner' }],
    });
    const claimant = await createTestUser(t.database.db, { name: 'Inès Roche' });
    const client = await signedIn(claimant.id);
    const form = await client.get(`/organisations/${organisation.id}/revendication`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Gérer le profil de Maison des Familles/);

    const short = await client.post(`/organisations/${organisation.id}/revendication`, { message: 'moi' });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /10 caractères au moins/);
    assert.match(short.body, />moi<\/textarea>/, 'what was typed is kept');

    const sent = await client.post(`/organisations/${organisation.id}/revendication`, { message: MESSAGE });
    assert.equal(sent.statusCode, 303);
    const confirmation = await client.get(String(sent.headers.location));
    assert.match(confirmation.body, /Votre demande a été envoyée/);
    assert.match(confirmation.body, /Retirer ma demande/);
    const twice = await client.post(`/organisations/${organisation.id}/revendication`, { message: MESSAGE });
    assert.ok(twice.statusCode === 409, `status ${twice.statusCode}`);
    assert.match(twice.body, /déjà une demande en attente/);

    const notified = await lastMail(owner.email);
    assert.equal(notified?.subject, 'Nouvelle demande de gestion du profil de Maison des Familles');
    assert.match(notified?.text_body ?? '', /Inès Roche demande à gérer le profil/);
    const ownerClient = await signedIn(owner.id);
    const members = await ownerClient.get(`/organisations/${organisation.id}/membres`);
    assert.match(members.body, /Inès Roche/);
    assert.ok(members.body.includes(MESSAGE), 'the owners read why');
    const claim = await t.database.db
      .selectFrom('organisation_claims')
      .select('id')
      .where('user_id', '=', claimant.id)
      .executeTakeFirstOrThrow();
    const approved = await ownerClient.post(
      `/organisations/${organisation.id}/revendications/${claim.id}/acceptation`,
      { note: 'Bienvenue !', retour: `/organisations/${organisation.id}/membres` },
    );
    assert.equal(approved.statusCode, 303);
    assert.equal(approved.headers.location, `/organisations/${organisation.id}/membres?fait=approved`);
    assert.equal(await roleOf(organisation.id, claimant.id), 'editor');
    const mail = await lastMail(claimant.email);
    assert.equal(mail?.subject, 'Votre demande pour Maison des Familles est acceptée');
    assert.match(mail?.text_body ?? '', /rôle « Éditeur »/);
    assert.match(mail?.text_body ?? '', /Note : Bienvenue !/);
    const replay = await ownerClient.post(
      `/organisations/${organisation.id}/revendications/${claim.id}/acceptation`,
      {},
    );
    assert.equal(replay.statusCode, 409);
    const actions = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('object_id', '=', organisation.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['organisations.claim.request', 'organisations.claim.approve'],
    );
  });

  test('an administrator approves a claim on an organisation without members: the claimant is owner', async () => {
    const organisation = await createTestOrganisation(t.database.db, { name: 'Association importée' });
    const claimant = await createTestUser(t.database.db);
    await (await signedIn(claimant.id)).post(`/organisations/${organisation.id}/revendication`, {
      message: MESSAGE,
    });
    const admin = await createTestUser(t.database.db, { roles: [{ role: 'administrator', scope: null }] });
    const adminClient = await signedIn(admin.id, true);
    const list = await adminClient.get('/admin/revendications');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Association importée/);
    const claim = await t.database.db
      .selectFrom('organisation_claims')
      .select('id')
      .where('organisation_id', '=', organisation.id)
      .executeTakeFirstOrThrow();
    const approved = await adminClient.post(
      `/organisations/${organisation.id}/revendications/${claim.id}/acceptation`,
      { retour: '/admin/revendications' },
    );
    assert.equal(approved.statusCode, 303);
    assert.equal(approved.headers.location, '/admin/revendications?fait=approved');
    assert.equal(await roleOf(organisation.id, claimant.id), 'owner');
    assert.doesNotMatch((await adminClient.get('/admin/revendications')).body, /Association importée/);
    assert.match((await lastMail(claimant.email))?.text_body ?? '', /rôle « Propriétaire »/);

    // A user who is not an administrator does not see the list.
    assert.equal((await (await signedIn(claimant.id)).get('/admin/revendications')).statusCode, 403);
  });

  test('rejection with a note, withdrawal, and an editor cannot decide', async () => {
    const owner = await createTestUser(t.database.db);
    const editor = await createTestUser(t.database.db);
    const organisation = await createTestOrganisation(t.database.db, {
      name: 'Régie de Quartier',
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: editor.id, role: 'editor' },
      ],
    });
    const claimant = await createTestUser(t.database.db);
    const client = await signedIn(claimant.id);
    await client.post(`/organisations/${organisation.id}/revendication`, { message: MESSAGE });
    const claim = await t.database.db
      .selectFrom('organisation_claims')
      .select('id')
      .where('user_id', '=', claimant.id)
      .executeTakeFirstOrThrow();
    const byEditor = await (await signedIn(editor.id)).post(
      `/organisations/${organisation.id}/revendications/${claim.id}/acceptation`,
      {},
    );
    assert.equal(byEditor.statusCode, 403);
    const rejected = await (await signedIn(owner.id)).post(
      `/organisations/${organisation.id}/revendications/${claim.id}/refus`,
      { note: 'Nous ne vous connaissons pas.' },
    );
    assert.equal(rejected.statusCode, 303);
    assert.equal(await roleOf(organisation.id, claimant.id), null);
    const mail = await lastMail(claimant.email);
    assert.equal(mail?.subject, 'Votre demande pour Régie de Quartier n’a pas été acceptée');
    assert.match(mail?.text_body ?? '', /Nous ne vous connaissons pas\./);

    // A new claim, withdrawn by its author; someone else cannot withdraw it.
    await client.post(`/organisations/${organisation.id}/revendication`, { message: MESSAGE });
    const second = await t.database.db
      .selectFrom('organisation_claims')
      .select('id')
      .where('user_id', '=', claimant.id)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    const notYours = await (await signedIn(editor.id)).post(
      `/organisations/${organisation.id}/revendications/${second.id}/retrait`,
      {},
    );
    assert.equal(notYours.statusCode, 404);
    const withdrawn = await client.post(
      `/organisations/${organisation.id}/revendications/${second.id}/retrait`,
      {},
    );
    assert.equal(withdrawn.statusCode, 303);
    assert.match((await client.get(String(withdrawn.headers.location))).body, /Votre demande a été retirée/);
    const status = await t.database.db
      .selectFrom('organisation_claims')
      .select('status')
      .where('id', '=', second.id)
      .executeTakeFirstOrThrow();
    assert.equal(status.status, 'withdrawn');

    // A member does not claim their own organisation; an unknown organisation is a 404.
    const own = await (await signedIn(editor.id)).post(`/organisations/${organisation.id}/revendication`, {
      message: MESSAGE,
    });
    assert.equal(own.statusCode, 409);
    assert.equal(
      (await client.get('/organisations/00000000-0000-4000-8000-000000000123/revendication')).statusCode,
      404,
    );
  });
});
