import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import { createTestApp, pageText, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { createTestUser, openTestSession, type TestUser } from '../accounts/testing.js';
import { createTestCall, createTestDossier } from '../dossiers/testing.js';
import { createTestOrganisation } from '../organisations/testing.js';
import type { Grid } from './selection.grid.js';
import { assignTestDossier, createTestReviewer, setTestSelectionSettings } from './testing.js';

const GRID: Grid = {
  criteria: [
    {
      id: 'impact',
      label: 'Impact social',
      description: 'Ampleur et profondeur du changement visé.',
      weight: 2,
      scale: { min: 0, max: 5 },
      levels: [
        { value: 0, label: 'Insuffisant' },
        { value: 1, label: 'Faible' },
        { value: 2, label: 'Moyen' },
        { value: 3, label: 'Bon' },
        { value: 4, label: 'Très bon' },
        { value: 5, label: 'Exceptionnel' },
      ],
      commentRequired: true,
    },
    {
      id: 'modele',
      label: 'Modèle économique',
      description: '',
      weight: 1,
      scale: { min: 0, max: 5 },
      levels: [],
      commentRequired: false,
    },
  ],
  overallCommentRequired: true,
};

const ANSWERS = { nom_projet: 'Jardins solidaires', deja_finance: false, siege_en_france: true, salaries: 4 };

describe('selection: reviews by évaluateurs', () => {
  let t: TestApp;
  let db: Db;
  let call: { id: string; title: string };
  let otherCall: { id: string; title: string };
  let alice: TestUser;
  let bruno: TestUser;
  let instructor: TestUser;
  let applicant: TestUser;
  let aliceClient: TestClient;
  let brunoClient: TestClient;
  let instructorClient: TestClient;
  let applicantClient: TestClient;
  let dA: { id: string; reference: string };
  let dB: { id: string; reference: string };
  let dProposed: { id: string; reference: string };
  let dOther: { id: string; reference: string };
  let fileId: string;

  async function client(user: TestUser, secondFactor = true): Promise<TestClient> {
    const c = t.client();
    c.cookies.set(t.app.sessionCookieName, await openTestSession(db, user.id, { secondFactor }));
    await c.get('/');
    return c;
  }

  async function review(dossierId: string, userId: string) {
    return db
      .selectFrom('reviews')
      .selectAll()
      .where('dossier_id', '=', dossierId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  /** The lock_version the page's form carries. */
  function lockOf(html: string): string {
    return /name="lock_version" value="(\d+)"/.exec(html)?.[1] ?? 'absent';
  }

  before(async () => {
    t = await createTestApp();
    db = t.database.db;
    call = await createTestCall(db, { title: 'Appel des jardins' });
    otherCall = await createTestCall(db, { title: 'Appel des mobilités' });
    alice = await createTestReviewer(db, call.id, { name: 'Alice Évaluatrice' });
    bruno = await createTestReviewer(db, call.id, { name: 'Bruno Évaluateur' });
    instructor = await createTestUser(db, {
      name: 'Inès Instructrice',
      roles: [{ role: 'instructor', scope: { type: 'call', id: call.id } }],
    });
    applicant = await createTestUser(db, { name: 'Paul Porteur' });
    const org = await createTestOrganisation(db, {
      name: 'Association Les Jardins Partagés',
      members: [{ userId: applicant.id }],
    });
    const orgB = await createTestOrganisation(db, { name: 'Coopérative Solaire' });
    const orgC = await createTestOrganisation(db, { name: 'Régie de quartier' });
    const dossier = (callId: string, organisationId: string) =>
      createTestDossier(db, { callId, organisationId, status: 'en_evaluation', answers: ANSWERS });
    dA = await dossier(call.id, org.id);
    dB = await dossier(call.id, orgB.id);
    dProposed = await dossier(call.id, orgC.id);
    dOther = await dossier(otherCall.id, orgB.id);
    await setTestSelectionSettings(db, call.id, { grid: GRID, showOtherReviews: true });
    for (const userId of [alice.id, bruno.id]) {
      await assignTestDossier(db, { callId: call.id, dossierId: dA.id, userId });
    }
    await assignTestDossier(db, { callId: call.id, dossierId: dB.id, userId: alice.id });
    await assignTestDossier(db, {
      callId: call.id,
      dossierId: dProposed.id,
      userId: alice.id,
      state: 'propose',
    });

    // A private annotation and a message: never shown to évaluateurs.
    await db
      .insertInto('dossier_annotations')
      .values({ dossier_id: dA.id, author_id: instructor.id, body: 'NOTE-PRIVEE-INSTRUCTION' })
      .execute();

    // An attachment of the frozen version, and another file of the dossier that the version does not name.
    const stored = await t.files.put(Buffer.from('%PDF-1.4 statuts'), { maxBytes: 1000 });
    const row = await db
      .insertInto('dossier_files')
      .values({
        dossier_id: dA.id,
        field_id: 'statuts',
        name: 'statuts-association.pdf',
        content_type: 'application/pdf',
        size: stored.size,
        sha256: stored.sha256,
        storage_key: stored.key,
        uploaded_by: applicant.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    fileId = row.id;
    // The frozen version names the file (versions are never updated by the application: a test shortcut).
    const answers = JSON.stringify({ ...ANSWERS, statuts: { fileId, name: 'statuts-association.pdf' } });
    await sql`UPDATE dossier_versions SET answers = ${answers}::jsonb WHERE dossier_id = ${dA.id}`.execute(
      db,
    );

    aliceClient = await client(alice);
    brunoClient = await client(bruno);
    instructorClient = await client(instructor);
    applicantClient = await client(applicant, false);
  });
  after(() => t.close());

  test('« Mes évaluations » lists only the published assignments, with their state; the header links to it', async () => {
    const res = await aliceClient.get('/evaluations');
    assert.equal(res.statusCode, 200);
    const body = pageText(res.body);
    assert.match(body, /Mes évaluations/);
    assert.match(res.body, new RegExp(dA.reference));
    assert.match(res.body, new RegExp(dB.reference));
    assert.doesNotMatch(res.body, new RegExp(dProposed.reference), 'a proposed assignment is not shown');
    assert.doesNotMatch(res.body, new RegExp(dOther.reference));
    assert.match(body, /À faire : 2 · Brouillon : 0 · Soumis : 0/);
    assert.match(res.body, new RegExp(`href="/evaluations/appels/${call.id}/conflits"`));
    assert.match(res.body, /href="\/evaluations"[^>]*>Évaluations</, 'the header links to « Évaluations »');

    assert.equal((await instructorClient.get('/evaluations')).statusCode, 403);
    assert.doesNotMatch((await instructorClient.get('/')).body, /href="\/evaluations"/);
  });

  test('who may read a dossier: only its évaluateurs, once the assignment is published', async () => {
    assert.equal((await aliceClient.get(`/evaluations/dossiers/${dA.id}`)).statusCode, 200);
    assert.equal((await aliceClient.get(`/evaluations/dossiers/${dProposed.id}`)).statusCode, 403);
    assert.equal((await aliceClient.get(`/evaluations/dossiers/${dOther.id}`)).statusCode, 403);
    assert.equal((await brunoClient.get(`/evaluations/dossiers/${dB.id}`)).statusCode, 403);
    assert.equal((await instructorClient.get(`/evaluations/dossiers/${dA.id}`)).statusCode, 403);
    assert.equal((await applicantClient.get(`/evaluations/dossiers/${dA.id}`)).statusCode, 403);
    const refused = await aliceClient.post(`/evaluations/dossiers/${dProposed.id}/evaluation`, {
      action: 'brouillon',
      lock_version: '0',
    });
    assert.equal(refused.statusCode, 403);
    assert.equal(await review(dProposed.id, alice.id), undefined);
  });

  test('the frozen version by section, its files downloadable, never annotations nor messages', async () => {
    const res = await aliceClient.get(`/evaluations/dossiers/${dA.id}`);
    const body = pageText(res.body);
    assert.match(body, /Dossier déposé \(version 1\)/);
    assert.match(body, /Nom du projet Jardins solidaires/);
    assert.doesNotMatch(res.body, /NOTE-PRIVEE-INSTRUCTION/);
    assert.doesNotMatch(res.body, /annotations/i);
    assert.doesNotMatch(res.body, /\/messages/);
    assert.match(res.body, new RegExp(`/evaluations/dossiers/${dA.id}/pieces/${fileId}`));

    const file = await aliceClient.get(`/evaluations/dossiers/${dA.id}/pieces/${fileId}`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.body, '%PDF-1.4 statuts');
    assert.match(
      String(file.headers['content-disposition']),
      /^attachment; filename="statuts-association.pdf"/,
    );
    assert.equal(file.headers['x-content-type-options'], 'nosniff');
    assert.match(String(file.headers['content-security-policy']), /sandbox/);

    // Not a file of that dossier (its id under another dossier), nor through a dossier not assigned.
    assert.equal((await aliceClient.get(`/evaluations/dossiers/${dB.id}/pieces/${fileId}`)).statusCode, 404);
    assert.equal((await brunoClient.get(`/evaluations/dossiers/${dB.id}/pieces/${fileId}`)).statusCode, 403);
  });

  test('the scoring form: a fieldset per criterion with labelled levels, comments, recommendation', async () => {
    const res = await aliceClient.get(`/evaluations/dossiers/${dB.id}`);
    assert.match(res.body, /<legend[^>]*>[\s\S]*?Impact social/);
    assert.match(res.body, /name="score_impact" value="4"/);
    assert.match(pageText(res.body), /4 — Très bon/);
    assert.match(res.body, /name="comment_impact"/);
    assert.match(res.body, /name="overall_comment"/);
    assert.match(res.body, /name="recommendation" value="a_retenir"/);
    assert.match(pageText(res.body), /Enregistrer le brouillon/);
    assert.match(pageText(res.body), /Soumettre l’évaluation/);
  });

  test('a draft, a submission with missing scores (400, nothing lost), then a submission', async () => {
    const page = await aliceClient.get(`/evaluations/dossiers/${dA.id}`);
    const draft = await aliceClient.post(`/evaluations/dossiers/${dA.id}/evaluation`, {
      action: 'brouillon',
      lock_version: lockOf(page.body),
      score_impact: '4',
      comment_impact: 'Ancrage local très fort.',
      overall_comment: '',
      recommendation: '',
    });
    assert.equal(draft.statusCode, 303);
    const saved = await review(dA.id, alice.id);
    assert.equal(saved?.submitted_at, null);
    assert.equal(saved?.lock_version, 1);
    const again = await aliceClient.get(`/evaluations/dossiers/${dA.id}?enregistre=1`);
    assert.match(pageText(again.body), /Votre brouillon a été enregistré/);
    assert.match(again.body, /name="score_impact" value="4" checked/);
    assert.match(again.body, /Ancrage local très fort\./);
    assert.match(
      pageText((await aliceClient.get('/evaluations')).body),
      /À faire : 1 · Brouillon : 1 · Soumis : 0/,
    );

    const incomplete = await aliceClient.post(`/evaluations/dossiers/${dA.id}/evaluation`, {
      action: 'soumettre',
      lock_version: lockOf(again.body),
      score_impact: '4',
      comment_impact: 'Ancrage local très fort, texte retouché.',
      overall_comment: '',
      recommendation: 'a_retenir',
    });
    assert.equal(incomplete.statusCode, 400);
    const body = pageText(incomplete.body);
    assert.match(body, /Notez le critère « Modèle économique »/);
    assert.match(body, /L’appréciation générale est obligatoire/);
    assert.match(incomplete.body, /texte retouché/, 'what was typed is kept');
    assert.match(incomplete.body, /name="recommendation" value="a_retenir" checked/);
    assert.match(incomplete.body, /aria-describedby|aria-labelledby/);
    const unchanged = await review(dA.id, alice.id);
    assert.equal(unchanged?.submitted_at, null);
    assert.equal(unchanged?.lock_version, 1, 'nothing saved');

    const submit = await aliceClient.post(`/evaluations/dossiers/${dA.id}/evaluation`, {
      action: 'soumettre',
      lock_version: '1',
      score_impact: '4',
      score_modele: '2',
      comment_impact: 'Ancrage local très fort.',
      overall_comment: 'Un projet solide et utile.',
      recommendation: 'a_retenir',
    });
    assert.equal(submit.statusCode, 303);
    const done = await review(dA.id, alice.id);
    assert.ok(done?.submitted_at);
    assert.equal(done?.recommendation, 'a_retenir');
    // (4/5 × 2 + 2/5 × 1) / 3 on the 0–5 scale = 3.333…
    assert.ok(Math.abs(Number(done?.weighted_score) - 10 / 3) < 1e-5);
    const audit = await db
      .selectFrom('audit_events')
      .select('action')
      .where('object_type', '=', 'dossier')
      .where('object_id', '=', dA.id)
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action).filter((a) => a.startsWith('selection.')),
      ['selection.review.save_draft', 'selection.review.submit'],
    );

    // After submission: read-only, and a new post is refused.
    const readOnly = await aliceClient.get(`/evaluations/dossiers/${dA.id}`);
    assert.match(pageText(readOnly.body), /Évaluation soumise le/);
    assert.doesNotMatch(readOnly.body, /name="score_impact"/);
    assert.match(pageText(readOnly.body), /4 \/ 5 — Très bon/);
    const late = await aliceClient.post(`/evaluations/dossiers/${dA.id}/evaluation`, {
      action: 'brouillon',
      lock_version: '2',
      score_impact: '0',
    });
    assert.equal(late.statusCode, 409);
    assert.equal((await review(dA.id, alice.id))?.recommendation, 'a_retenir');
  });

  test('others’ reviews: hidden before one’s own submission, shown after when the call allows it', async () => {
    // Alice submitted hers (previous test); Bruno has not.
    const before = await brunoClient.get(`/evaluations/dossiers/${dA.id}`);
    assert.doesNotMatch(before.body, /Un projet solide et utile/);
    assert.doesNotMatch(before.body, /Alice Évaluatrice/);

    const page = await brunoClient.get(`/evaluations/dossiers/${dA.id}`);
    const submit = await brunoClient.post(`/evaluations/dossiers/${dA.id}/evaluation`, {
      action: 'soumettre',
      lock_version: lockOf(page.body),
      score_impact: '2',
      score_modele: '3',
      comment_impact: 'Impact encore à démontrer.',
      overall_comment: 'À approfondir.',
      recommendation: 'a_discuter',
    });
    assert.equal(submit.statusCode, 303);
    const shown = await brunoClient.get(`/evaluations/dossiers/${dA.id}`);
    const body = pageText(shown.body);
    assert.match(body, /Évaluations des autres membres du jury/);
    assert.match(body, /Évaluation de Alice Évaluatrice/);
    assert.match(body, /Un projet solide et utile/);
    assert.match(body, /À retenir/);

    await setTestSelectionSettings(db, call.id, { showOtherReviews: false });
    const hidden = await brunoClient.get(`/evaluations/dossiers/${dA.id}`);
    assert.doesNotMatch(hidden.body, /Un projet solide et utile/);
    assert.doesNotMatch(hidden.body, /Alice Évaluatrice/);
    await setTestSelectionSettings(db, call.id, { showOtherReviews: true });
  });

  test('a stale lock: 409, the typed answers kept, nothing overwritten', async () => {
    const page = await aliceClient.get(`/evaluations/dossiers/${dB.id}`);
    const lock = lockOf(page.body);
    const first = await aliceClient.post(`/evaluations/dossiers/${dB.id}/evaluation`, {
      action: 'brouillon',
      lock_version: lock,
      score_impact: '3',
      comment_impact: 'Premier onglet.',
    });
    assert.equal(first.statusCode, 303);
    const stale = await aliceClient.post(`/evaluations/dossiers/${dB.id}/evaluation`, {
      action: 'brouillon',
      lock_version: lock,
      score_impact: '1',
      comment_impact: 'Second onglet.',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(pageText(stale.body), /a été modifiée depuis l’ouverture de cette page/);
    assert.match(stale.body, /Second onglet\./, 'the typed answers are kept');
    assert.equal(lockOf(stale.body), String(Number(lock) + 1), 'the form now carries the current lock');
    const stored = await review(dB.id, alice.id);
    assert.deepEqual(stored?.scores, { impact: { score: 3, comment: 'Premier onglet.' } });
  });
});
