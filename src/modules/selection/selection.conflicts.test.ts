import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../../platform/db/index.js';
import { createTestApp, pageText, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { createTestUser, openTestSession, type TestUser } from '../accounts/testing.js';
import { createTestCall, createTestDossier } from '../dossiers/testing.js';
import type { ImpactDomain } from '../organisations/index.js';
import { createTestOrganisation } from '../organisations/testing.js';
import { conflictsIn, pairKey } from './selection.conflicts.service.js';
import { assignTestDossier, createTestReviewer } from './testing.js';

describe('selection: conflicts of interest', () => {
  let t: TestApp;
  let db: Db;
  let call: { id: string; title: string };
  let otherCall: { id: string; title: string };
  let main: { id: string; reference: string };
  let plain: { id: string; reference: string };
  let elsewhere: { id: string; reference: string };
  let member: TestUser;
  let sameSiren: TestUser;
  let partnerMember: TestUser;
  let free: TestUser;
  let expert: TestUser;
  let other: TestUser;

  async function client(user: TestUser): Promise<TestClient> {
    const c = t.client();
    c.cookies.set(t.app.sessionCookieName, await openTestSession(db, user.id, { secondFactor: true }));
    await c.get('/');
    return c;
  }

  async function organisation(
    name: string,
    extra: { siren?: string; siret?: string; domains?: ImpactDomain[] },
  ) {
    const org = await createTestOrganisation(db, { name, ...(extra.siren ? { siren: extra.siren } : {}) });
    if (extra.siret || extra.domains)
      await db
        .updateTable('organisations')
        .set({
          ...(extra.siret ? { siret: extra.siret } : {}),
          ...(extra.domains ? { domains: extra.domains } : {}),
        })
        .where('id', '=', org.id)
        .execute();
    return org;
  }

  async function jobs(): Promise<{ userId: string; dossierIds: string[] }[]> {
    const rows = await db
      .selectFrom('jobs')
      .select('payload')
      .where('type', '=', 'selection.assignment_notice')
      .execute();
    return rows.map((r) => r.payload as { userId: string; dossierIds: string[] });
  }

  before(async () => {
    t = await createTestApp();
    db = t.database.db;
    call = await createTestCall(db, { title: 'Appel des solidarités' });
    otherCall = await createTestCall(db, { title: 'Appel des mobilités' });
    // The applicant, registered twice: under its name with a SIREN, and under an acronym with its SIRET.
    const applicant = await organisation('Les Jardins de Cocagne', {
      siren: '123456789',
      domains: ['alimentation'],
    });
    const acronym = await organisation('JdC', { siret: '12345678900017' });
    const partner = await organisation('Réseau partenaire', {});
    const unrelated = await organisation('Atelier vélo', { domains: ['culture'] });
    main = await createTestDossier(db, {
      callId: call.id,
      organisationId: applicant.id,
      status: 'recevable',
      answers: { nom_projet: 'Réponse confidentielle' },
    });
    await db
      .insertInto('dossier_partners')
      .values({ dossier_id: main.id, organisation_id: partner.id })
      .execute();
    plain = await createTestDossier(db, {
      callId: call.id,
      organisationId: unrelated.id,
      status: 'en_evaluation',
    });
    elsewhere = await createTestDossier(db, {
      callId: otherCall.id,
      organisationId: unrelated.id,
      status: 'recevable',
    });

    member = await createTestReviewer(db, call.id, { name: 'Marie Membre' });
    await db
      .insertInto('organisation_members')
      .values({ organisation_id: applicant.id, user_id: member.id, role: 'editor' })
      .execute();
    sameSiren = await createTestReviewer(db, call.id, { name: 'Sami Siren' });
    await db
      .insertInto('organisation_members')
      .values({ organisation_id: acronym.id, user_id: sameSiren.id, role: 'owner' })
      .execute();
    partnerMember = await createTestReviewer(db, call.id, { name: 'Paul Partenaire' });
    await db
      .insertInto('role_assignments')
      .values({ user_id: partnerMember.id, role: 'member', scope_type: 'organisation', scope_id: partner.id })
      .execute();
    free = await createTestReviewer(db, call.id, { name: 'Fanny Libre', domains: ['sante'] });
    expert = await createTestReviewer(db, call.id, {
      name: 'Éric Expert',
      domains: ['culture', 'alimentation'],
    });
    other = await createTestUser(db, {
      roles: [{ role: 'reviewer', scope: { type: 'call', id: otherCall.id } }],
    });
  });

  after(async () => {
    await t.close();
  });

  test('detects members of the organisation, of a partner, and of the same organisation under another name', async () => {
    const found = await conflictsIn(db, { callId: call.id });
    assert.deepEqual(found.get(pairKey(main.id, member.id)), ['membre']);
    assert.deepEqual(found.get(pairKey(main.id, partnerMember.id)), ['membre']);
    // « JdC » shares the SIREN of « Les Jardins de Cocagne » (read from its SIRET).
    assert.deepEqual(found.get(pairKey(main.id, sameSiren.id)), ['siren']);
    for (const user of [free, expert]) assert.equal(found.has(pairKey(main.id, user.id)), false);
    for (const user of [member, sameSiren, partnerMember, free, expert])
      assert.equal(found.has(pairKey(plain.id, user.id)), false);
  });

  test('an évaluateur sees the call’s dossiers without their answers, and the form', async () => {
    const c = await client(free);
    const page = await c.get(`/evaluations/appels/${call.id}/conflits`);
    assert.equal(page.statusCode, 200);
    const body = pageText(page.body);
    assert.match(body, new RegExp(main.reference));
    assert.match(body, /Les Jardins de Cocagne/);
    assert.match(body, new RegExp(plain.reference));
    assert.doesNotMatch(body, /Réponse confidentielle/);
    assert.doesNotMatch(body, new RegExp(elsewhere.reference));
    // An évaluateur of another call is refused.
    const outsider = await client(other);
    assert.equal((await outsider.get(`/evaluations/appels/${call.id}/conflits`)).statusCode, 403);
  });

  test('a declaration needs a reason and a dossier of this call (400, nothing saved)', async () => {
    const c = await client(free);
    await c.get(`/evaluations/appels/${call.id}/conflits`);
    const empty = await c.post(`/evaluations/appels/${call.id}/conflits`, {
      dossier: main.id,
      raison: '   ',
    });
    assert.equal(empty.statusCode, 400);
    assert.match(pageText(empty.body), /Indiquez la nature du lien/);
    const long = await c.post(`/evaluations/appels/${call.id}/conflits`, {
      dossier: main.id,
      raison: 'x'.repeat(2001),
    });
    assert.equal(long.statusCode, 400);
    assert.match(pageText(long.body), /2 000 caractères au plus/);
    const foreign = await c.post(`/evaluations/appels/${call.id}/conflits`, {
      dossier: elsewhere.id,
      raison: 'Lien',
    });
    assert.equal(foreign.statusCode, 400);
    assert.match(pageText(foreign.body), /Choisissez un dossier de cet appel/);
    const junk = await c.post(`/evaluations/appels/${call.id}/conflits`, {
      dossier: 'pas-un-id',
      raison: 'Lien',
    });
    assert.equal(junk.statusCode, 400);
    const rows = await db.selectFrom('declared_conflicts').selectAll().execute();
    assert.equal(rows.length, 0);
  });

  test('declaring a published assignment removes it with its draft review, and a replacement is published and e-mailed', async () => {
    await assignTestDossier(db, { callId: call.id, dossierId: plain.id, userId: free.id, state: 'publie' });
    await db
      .insertInto('reviews')
      .values({ dossier_id: plain.id, user_id: free.id, call_id: call.id, overall_comment: 'Brouillon' })
      .execute();
    const c = await client(free);
    await c.get(`/evaluations/appels/${call.id}/conflits`);
    const declared = await c.post(`/evaluations/appels/${call.id}/conflits`, {
      dossier: plain.id,
      raison: 'Je siège au conseil d’administration.',
    });
    assert.equal(declared.statusCode, 303);
    // Idempotent: declaring again changes nothing.
    const again = await c.post(`/evaluations/appels/${call.id}/conflits`, {
      dossier: plain.id,
      raison: 'Encore',
    });
    assert.equal(again.statusCode, 303);
    const conflicts = await db
      .selectFrom('declared_conflicts')
      .selectAll()
      .where('dossier_id', '=', plain.id)
      .execute();
    assert.equal(conflicts.length, 1);
    assert.equal(conflicts[0]?.reason, 'Je siège au conseil d’administration.');
    const reviews = await db.selectFrom('reviews').selectAll().where('dossier_id', '=', plain.id).execute();
    assert.equal(reviews.length, 0);
    const assignments = await db
      .selectFrom('review_assignments')
      .select(['user_id', 'state', 'source'])
      .where('dossier_id', '=', plain.id)
      .execute();
    // The culture dossier goes to the culture expert.
    assert.deepEqual(assignments, [{ user_id: expert.id, state: 'publie', source: 'remplacement' }]);
    assert.deepEqual(await jobs(), [{ callId: call.id, userId: expert.id, dossierIds: [plain.id] }]);
    const page = await c.get(`/evaluations/appels/${call.id}/conflits?fait=declare`);
    assert.match(pageText(page.body), /Je siège au conseil d’administration\./);
    const audit = await db
      .selectFrom('audit_events')
      .select('action')
      .where('object_id', '=', plain.id)
      .where('action', 'like', 'selection.%')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['selection.conflict_declared', 'selection.assignment_removed', 'selection.assignment_replaced'],
    );
  });

  test('a proposed assignment is replaced by a proposal, never by an évaluateur in conflict', async () => {
    await assignTestDossier(db, {
      callId: call.id,
      dossierId: main.id,
      userId: expert.id,
      state: 'propose',
      source: 'calcul',
    });
    const before = (await jobs()).length;
    const c = await client(expert);
    await c.get(`/evaluations/appels/${call.id}/conflits`);
    const declared = await c.post(`/evaluations/appels/${call.id}/conflits`, {
      dossier: main.id,
      raison: 'Ancien salarié.',
    });
    assert.equal(declared.statusCode, 303);
    const assignments = await db
      .selectFrom('review_assignments')
      .select(['user_id', 'state', 'source'])
      .where('dossier_id', '=', main.id)
      .execute();
    // The members of the organisation, of its partner and of « JdC » are left out: only Fanny remains.
    assert.deepEqual(assignments, [{ user_id: free.id, state: 'propose', source: 'remplacement' }]);
    assert.equal((await jobs()).length, before);
  });

  test('when nobody can replace, the dossier is left short and staff see why', async () => {
    const c = await client(free);
    await c.get(`/evaluations/appels/${call.id}/conflits`);
    assert.equal(
      (await c.post(`/evaluations/appels/${call.id}/conflits`, { dossier: main.id, raison: 'Voisine.' }))
        .statusCode,
      303,
    );
    const left = await db
      .selectFrom('review_assignments')
      .select('user_id')
      .where('dossier_id', '=', main.id)
      .execute();
    assert.deepEqual(left, []);
    const instructor = await createTestUser(db, {
      roles: [{ role: 'instructor', scope: { type: 'call', id: call.id } }],
    });
    const staff = await client(instructor);
    // Staff read the conflicts page, but declare nothing (they are not évaluateurs).
    await staff.get(`/evaluations/appels/${call.id}/conflits`);
    const refused = await staff.post(`/evaluations/appels/${call.id}/conflits`, {
      dossier: plain.id,
      raison: 'Essai',
    });
    assert.equal(refused.statusCode, 409);
    assert.match(
      pageText(refused.body),
      /Seuls les évaluateurs de l’appel déclarent des conflits d’intérêts/,
    );
    const page = await staff.get(`/admin/appels/${call.id}/selection/affectation`);
    assert.equal(page.statusCode, 200);
    assert.match(
      pageText(page.body),
      /Seulement 0 évaluateur sans conflit d’intérêts avec ce dossier \(il en faut 3\)/,
    );
  });
});
