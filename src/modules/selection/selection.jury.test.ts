import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../../platform/db/index.js';
import { JobWorker } from '../../platform/jobs/index.js';
import { memoryLogger } from '../../platform/jobs/testing.js';
import { createTestApp, pageText, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { createTestUser, openTestSession, type TestUser } from '../accounts/testing.js';
import { createTestCall, createTestDossier } from '../dossiers/testing.js';
import { createTestOrganisation } from '../organisations/testing.js';
import { readGrid } from './selection.grid.js';
import { selectionJuryJobHandlers } from './selection.jury.notify.js';
import { assignTestDossier, createTestReviewer } from './testing.js';

describe('selection: jury, settings and scoring grid', () => {
  let t: TestApp;
  let db: Db;
  let call: { id: string; title: string };
  let otherCall: { id: string; title: string };
  let staff: TestClient;
  let admin: TestClient;
  let otherStaff: TestClient;
  let reviewerClient: TestClient;
  let candidate: TestUser;
  let seated: TestUser;
  let base: string;

  async function client(user: TestUser): Promise<TestClient> {
    const c = t.client();
    c.cookies.set(t.app.sessionCookieName, await openTestSession(db, user.id, { secondFactor: true }));
    await c.get('/');
    return c;
  }

  async function grid() {
    const row = await db
      .selectFrom('selection_settings')
      .select('grid')
      .where('call_id', '=', call.id)
      .executeTakeFirst();
    return readGrid(row?.grid);
  }

  async function auditActions(): Promise<string[]> {
    const rows = await db
      .selectFrom('audit_events')
      .select('action')
      .where('object_type', '=', 'call')
      .where('object_id', '=', call.id)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.action);
  }

  before(async () => {
    t = await createTestApp();
    db = t.database.db;
    call = await createTestCall(db, { title: 'Appel des jardins' });
    otherCall = await createTestCall(db, { title: 'Appel des mobilités' });
    base = `/admin/appels/${call.id}/selection`;
    const instructor = await createTestUser(db, {
      roles: [{ role: 'instructor', scope: { type: 'call', id: call.id } }],
    });
    const other = await createTestUser(db, {
      roles: [{ role: 'instructor', scope: { type: 'call', id: otherCall.id } }],
    });
    const administrator = await createTestUser(db, { roles: [{ role: 'administrator', scope: null }] });
    candidate = await createTestUser(db, { name: 'Claire Candidate', email: 'claire@example.org' });
    seated = await createTestReviewer(db, call.id, {
      name: 'Sami Siégeant',
      domains: ['sante'],
      capacity: 4,
    });
    staff = await client(instructor);
    admin = await client(administrator);
    otherStaff = await client(other);
    reviewerClient = await client(seated);
  });
  after(() => t.close());

  test('the selection hub links the jury, the grid and the other steps', async () => {
    const res = await staff.get(base);
    assert.equal(res.statusCode, 200);
    for (const href of [
      `${base}/jury`,
      `${base}/grille`,
      `${base}/affectation`,
      `${base}/classement`,
      `${base}/auditions`,
      `/evaluations/appels/${call.id}/deliberation`,
    ])
      assert.match(res.body, new RegExp(`href="${href}"`));
    assert.equal((await admin.get(base)).statusCode, 200);
    assert.equal((await otherStaff.get(base)).statusCode, 403);
    assert.equal((await reviewerClient.get(base)).statusCode, 403);
    assert.equal((await otherStaff.get(`${base}/jury`)).statusCode, 403);
    assert.equal((await reviewerClient.get(`${base}/grille`)).statusCode, 403);
  });

  test('appointing an évaluateur: unknown address refused in French, then role, seat and audit', async () => {
    const unknown = await staff.post(`${base}/jury`, {
      email: 'personne@example.org',
      domaines: ['culture'],
      capacite: '5',
    });
    assert.equal(unknown.statusCode, 400);
    assert.match(pageText(unknown.body), /Aucun compte n’utilise cette adresse électronique/);
    assert.match(unknown.body, /value="personne@example.org"/, 'the input is kept');

    const badCapacity = await staff.post(`${base}/jury`, {
      email: 'claire@example.org',
      capacite: 'beaucoup',
    });
    assert.equal(badCapacity.statusCode, 400);
    assert.match(pageText(badCapacity.body), /La capacité est un nombre entier/);

    const ok = await staff.post(`${base}/jury`, {
      email: 'claire@example.org',
      domaines: ['culture', 'sante'],
      capacite: '7',
    });
    assert.equal(ok.statusCode, 303);
    const role = await db
      .selectFrom('role_assignments')
      .select('id')
      .where('user_id', '=', candidate.id)
      .where('role', '=', 'reviewer')
      .where('scope_type', '=', 'call')
      .where('scope_id', '=', call.id)
      .executeTakeFirst();
    assert.ok(role, 'the reviewer role is granted on the call');
    const list = await staff.get(`${base}/jury?nomme=1`);
    const body = pageText(list.body);
    assert.match(body, /L’évaluateur a été nommé/);
    assert.match(body, /Claire Candidate claire@example\.org Santé, Culture 7/);
    assert.match(body, /Sami Siégeant/);
    assert.ok((await auditActions()).includes('selection.jury.appoint'));

    // The new évaluateur is told by e-mail: the call, their domains and capacity, what comes next.
    const worker = new JobWorker({
      db,
      logger: memoryLogger(),
      handlers: {
        ...t.mailer.handlers,
        ...selectionJuryJobHandlers({ db, mailer: t.mailer, baseUrl: 'https://exemple.test/' }),
      },
    });
    await worker.drain();
    const mails = await db
      .selectFrom('mail_outbox')
      .select(['to_address', 'subject', 'text_body'])
      .where('template', '=', 'selection.appointment')
      .execute();
    assert.equal(mails.length, 1);
    assert.equal(mails[0]?.to_address, 'claire@example.org');
    assert.match(mails[0]?.subject ?? '', /Vous faites partie du jury – /);
    const text = mails[0]?.text_body ?? '';
    assert.match(text, /Vos domaines d’expertise : (Culture, Santé|Santé, Culture)\./);
    assert.match(text, /Nombre de dossiers au plus : 7\./);
    assert.match(text, /déclarez le conflit d’intérêts/);
    assert.match(text, /https:\/\/exemple\.test\/evaluations(\s|$)/);

    const twice = await staff.post(`${base}/jury`, { email: 'claire@example.org', capacite: '7' });
    assert.equal(twice.statusCode, 409);
    assert.match(pageText(twice.body), /fait déjà partie du jury/);
  });

  test('editing a member: domains, capacity, and a single president', async () => {
    const page = await staff.get(`${base}/jury/${candidate.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="domaines" value="culture" checked/);
    const first = await staff.post(`${base}/jury/${seated.id}`, {
      domaines: ['sante'],
      capacite: '4',
      president: '1',
    });
    assert.equal(first.statusCode, 303);
    const second = await staff.post(`${base}/jury/${candidate.id}`, {
      domaines: ['alimentation'],
      capacite: '12',
      president: '1',
    });
    assert.equal(second.statusCode, 303);
    const rows = await db
      .selectFrom('jury_members')
      .select(['user_id', 'is_president', 'capacity', 'domains'])
      .where('call_id', '=', call.id)
      .execute();
    const presidents = rows.filter((r) => r.is_president).map((r) => r.user_id);
    assert.deepEqual(presidents, [candidate.id], 'at most one president');
    const claire = rows.find((r) => r.user_id === candidate.id);
    assert.equal(claire?.capacity, 12);
    assert.deepEqual(claire?.domains, ['alimentation']);
    const bad = await staff.post(`${base}/jury/${candidate.id}`, {
      domaines: ['astrologie'],
      capacite: '-1',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(pageText(bad.body), /Choisissez des domaines parmi ceux proposés/);
  });

  test('settings: k, quota and threshold checked and saved', async () => {
    const bad = await staff.post(`${base}/grille/parametres`, {
      evaluateurs_par_dossier: '0',
      quota_min: '15',
      quota_max: '10',
      seuil_desaccord: 'zéro',
    });
    assert.equal(bad.statusCode, 400);
    const body = pageText(bad.body);
    assert.match(body, /nombre d’évaluateurs par dossier est un entier entre 1 et 20/);
    assert.match(body, /Le quota minimal ne peut pas dépasser le quota maximal/);
    assert.match(body, /seuil de désaccord est un nombre strictement positif/);
    const ok = await staff.post(`${base}/grille/parametres`, {
      evaluateurs_par_dossier: '2',
      voir_autres: '1',
      quota_min: '10',
      quota_max: '15',
      seuil_desaccord: '1,25',
    });
    assert.equal(ok.statusCode, 303);
    const row = await db
      .selectFrom('selection_settings')
      .selectAll()
      .where('call_id', '=', call.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.reviewers_per_dossier, 2);
    assert.equal(row.show_other_reviews, true);
    assert.equal(row.quota_min, 10);
    assert.equal(row.quota_max, 15);
    assert.equal(Number(row.disagreement_threshold), 1.25);
  });

  test('the grid builder: add, edit, move and remove criteria without JavaScript', async () => {
    const invalid = await staff.post(`${base}/grille/criteres`, {
      libelle: '',
      poids: '0',
      note_min: '5',
      note_max: '2',
      niveaux: 'pas un niveau',
    });
    assert.equal(invalid.statusCode, 400);
    const errors = pageText(invalid.body);
    assert.match(errors, /Le libellé du critère est obligatoire/);
    assert.match(errors, /Le poids est un nombre strictement positif/);
    assert.match(errors, /La note minimale doit être inférieure à la note maximale/);

    const outOfScale = await staff.post(`${base}/grille/criteres`, {
      libelle: 'Impact',
      poids: '2',
      note_min: '0',
      note_max: '5',
      niveaux: '7 : Trop haut',
    });
    assert.equal(outOfScale.statusCode, 400);
    assert.match(pageText(outOfScale.body), /Chaque ligne doit avoir la forme « note : libellé »/);

    for (const [libelle, poids] of [
      ['Impact social', '2'],
      ['Modèle économique', '1,5'],
    ] as const) {
      const res = await staff.post(`${base}/grille/criteres`, {
        libelle,
        poids,
        note_min: '0',
        note_max: '5',
        niveaux: '0 : Insuffisant\n5 : Exceptionnel',
        commentaire_obligatoire: '1',
      });
      assert.equal(res.statusCode, 303);
    }
    let g = await grid();
    assert.deepEqual(
      g.criteria.map((c) => [c.id, c.weight]),
      [
        ['impact-social', 2],
        ['modele-economique', 1.5],
      ],
    );
    assert.deepEqual(g.criteria[0]?.levels, [
      { value: 0, label: 'Insuffisant' },
      { value: 5, label: 'Exceptionnel' },
    ]);

    const edit = await staff.get(`${base}/grille/criteres/impact-social`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /0 : Insuffisant/);
    const edited = await staff.post(`${base}/grille/criteres/impact-social`, {
      libelle: 'Impact social et territorial',
      poids: '3',
      note_min: '1',
      note_max: '4',
      niveaux: '',
    });
    assert.equal(edited.statusCode, 303);
    const moved = await staff.post(`${base}/grille/criteres/modele-economique/deplacement`, { sens: 'haut' });
    assert.equal(moved.statusCode, 303);
    g = await grid();
    assert.deepEqual(
      g.criteria.map((c) => c.id),
      ['modele-economique', 'impact-social'],
    );
    assert.equal(g.criteria[1]?.label, 'Impact social et territorial');
    assert.deepEqual(g.criteria[1]?.scale, { min: 1, max: 4 });
    assert.equal(g.criteria[1]?.commentRequired, false);

    const overall = await staff.post(`${base}/grille/commentaire-general`, {});
    assert.equal(overall.statusCode, 303);
    assert.equal((await grid()).overallCommentRequired, false);

    const removed = await staff.post(`${base}/grille/criteres/modele-economique/suppression`, {});
    assert.equal(removed.statusCode, 303);
    assert.deepEqual(
      (await grid()).criteria.map((c) => c.id),
      ['impact-social'],
    );
    const gone = await staff.post(`${base}/grille/criteres/modele-economique/suppression`, {});
    assert.equal(gone.statusCode, 409);
    const page = pageText((await staff.get(`${base}/grille`)).body);
    assert.match(page, /Impact social et territorial 3 1 à 4/);
    assert.ok((await auditActions()).includes('selection.grid.update'));
  });

  test('once a review is submitted: the grid is frozen (409) and its author cannot be removed (409)', async () => {
    const org = await createTestOrganisation(db, { name: 'Régie de quartier' });
    const org2 = await createTestOrganisation(db, { name: 'Coopérative Solaire' });
    const d1 = await createTestDossier(db, {
      callId: call.id,
      organisationId: org.id,
      status: 'en_evaluation',
    });
    const d2 = await createTestDossier(db, {
      callId: call.id,
      organisationId: org2.id,
      status: 'en_evaluation',
    });
    await assignTestDossier(db, { callId: call.id, dossierId: d1.id, userId: seated.id });
    await assignTestDossier(db, {
      callId: call.id,
      dossierId: d2.id,
      userId: candidate.id,
      state: 'propose',
    });

    // Claire has only a proposed assignment and no review: she can be removed, with it.
    const removed = await staff.post(`${base}/jury/${candidate.id}/retrait`, {});
    assert.equal(removed.statusCode, 303);
    assert.equal(
      (await db.selectFrom('jury_members').select('user_id').where('user_id', '=', candidate.id).execute())
        .length,
      0,
    );
    assert.equal(
      (
        await db
          .selectFrom('review_assignments')
          .select('user_id')
          .where('user_id', '=', candidate.id)
          .execute()
      ).length,
      0,
    );
    const roles = await db
      .selectFrom('role_assignments')
      .select('id')
      .where('user_id', '=', candidate.id)
      .where('role', '=', 'reviewer')
      .execute();
    assert.equal(roles.length, 0);
    assert.ok((await auditActions()).includes('selection.jury.remove'));

    await db
      .insertInto('reviews')
      .values({
        dossier_id: d1.id,
        user_id: seated.id,
        call_id: call.id,
        scores: JSON.stringify({ 'impact-social': { score: 3, comment: '' } }),
        recommendation: 'a_retenir',
        weighted_score: 3,
        submitted_at: new Date(),
      })
      .execute();
    const refused = await staff.post(`${base}/jury/${seated.id}/retrait`, {});
    assert.equal(refused.statusCode, 409);
    assert.match(
      pageText(refused.body),
      /a déjà soumis des évaluations : il ne peut plus être retiré du jury/,
    );

    const frozen = await staff.post(`${base}/grille/criteres`, {
      libelle: 'Nouveau critère',
      poids: '1',
      note_min: '0',
      note_max: '5',
    });
    assert.equal(frozen.statusCode, 409);
    assert.match(pageText(frozen.body), /la grille ne peut plus être modifiée/);
    assert.deepEqual(
      (await grid()).criteria.map((c) => c.id),
      ['impact-social'],
    );
    const page = await staff.get(`${base}/grille`);
    assert.doesNotMatch(page.body, /action="[^"]*\/grille\/criteres"/, 'no more builder forms');
  });
});
