import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { JobWorker } from '../../platform/jobs/index.js';
import { memoryLogger } from '../../platform/jobs/testing.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../platform/mail/testing.js';
import { createTestApp, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { createTestUser, openTestSession, type TestUser } from '../accounts/testing.js';
import { createTestOrganisation } from '../organisations/testing.js';
import { submissionDigest } from './dossiers.submission.service.js';
import { submissionJobHandlers } from './index.js';
import { createTestCall, createTestDossier, TEST_ELIGIBILITY_REASON } from './testing.js';

const HOUR = 3600_000;

describe('dossiers: submission, frozen versions, receipts, withdrawal', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let worker: JobWorker;
  /** The server's clock; each test may replace it. */
  let clock: () => Date = () => new Date();
  let owner: TestUser;
  let editor: TestUser;
  let organisation: { id: string; name: string };

  before(async () => {
    smtp = await startTestSmtpServer();
    t = await createTestApp({ env: { SMTP_URL: smtp.url }, clock: () => clock() });
    worker = new JobWorker({
      db: t.database.db,
      logger: memoryLogger(),
      handlers: {
        ...t.mailer.handlers,
        ...submissionJobHandlers({ db: t.database.db, mailer: t.mailer, baseUrl: 'https://exemple.gouv.fr' }),
      },
    });
    owner = await createTestUser(t.database.db, { name: 'Camille Martin' });
    editor = await createTestUser(t.database.db, { name: 'Paul Girard' });
    organisation = await createTestOrganisation(t.database.db, {
      name: 'Cantine des Quatre Vents',
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: editor.id, role: 'editor' },
      ],
    });
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });
  beforeEach(() => {
    clock = () => new Date();
  });

  async function signedIn(user: TestUser, secondFactor = false): Promise<TestClient> {
    const client = t.client();
    client.cookies.set(
      t.app.sessionCookieName,
      await openTestSession(t.database.db, user.id, { secondFactor }),
    );
    await client.get('/');
    return client;
  }

  /** A draft whose answers are complete and eligible, with its attachment (a dossier_files row). */
  async function readyDossier(options: { callId?: string; organisationId?: string } = {}) {
    const db = t.database.db;
    const call = options.callId ? { id: options.callId } : await createTestCall(db);
    const dossier = await createTestDossier(db, {
      callId: call.id,
      organisationId: options.organisationId ?? organisation.id,
      createdBy: owner.id,
    });
    const content = Buffer.from(`%PDF-1.4 statuts ${randomUUID()}`);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const file = await db
      .insertInto('dossier_files')
      .values({
        dossier_id: dossier.id,
        field_id: 'statuts',
        name: 'statuts.pdf',
        content_type: 'application/pdf',
        size: content.length,
        sha256,
        storage_key: `essai-${randomUUID()}`,
        uploaded_by: owner.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const answers = {
      nom_projet: 'Cantine solidaire',
      deja_finance: false,
      siege_en_france: true,
      salaries: 4,
      statuts: { fileId: file.id, name: 'statuts.pdf', size: content.length, type: 'application/pdf' },
    };
    await setAnswers(dossier.id, answers);
    return { ...dossier, callId: call.id, fileId: file.id, sha256, answers };
  }

  async function setAnswers(dossierId: string, answers: Record<string, unknown>) {
    await t.database.db
      .updateTable('dossiers')
      .set({ answers: JSON.stringify(answers) })
      .where('id', '=', dossierId)
      .execute();
  }

  async function dossierRow(id: string) {
    return t.database.db
      .selectFrom('dossiers')
      .select(['status', 'lock_version', 'first_submitted_at', 'last_submitted_at', 'answers'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  async function versions(id: string) {
    return t.database.db
      .selectFrom('dossier_versions')
      .selectAll()
      .where('dossier_id', '=', id)
      .orderBy('version')
      .execute();
  }

  function submit(client: TestClient, dossierId: string, lockVersion: number, key: string = randomUUID()) {
    return client.post(`/dossiers/${dossierId}/depot`, {
      submission_key: key,
      lock_version: String(lockVersion),
    });
  }

  /** Runs the queued jobs (receipt → mails → SMTP) and returns the receipts received since `from`. */
  async function receiptsSince(from: number, receipt: string) {
    await worker.drain();
    return smtp.messages.slice(from).filter((m) => m.text?.includes(receipt));
  }

  test('submitting freezes version 1 with its receipt; the page, the audit and the receipt e-mail to every member', async () => {
    const dossier = await readyDossier();
    const client = await signedIn(owner);
    const before = smtp.messages.length;

    // The summary page gives the submission form its key and lock version.
    const summary = await client.get(`/dossiers/${dossier.id}/recapitulatif`);
    assert.equal(summary.statusCode, 200);
    const key = /name="submission_key" value="([^"]+)"/.exec(summary.body)?.[1];
    const lock = /action="\/dossiers\/[^"]+\/depot"[\s\S]*?name="lock_version" value="(\d+)"/.exec(
      summary.body,
    )?.[1];
    assert.ok(key && lock, `the summary has the submit form: ${summary.body.slice(-6000)}`);

    const res = await submit(client, dossier.id, Number(lock), key);
    assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
    assert.equal(res.headers.location, `/dossiers/${dossier.id}/versions/1?depose=1`);

    const [v1, ...others] = await versions(dossier.id);
    assert.ok(v1);
    assert.equal(others.length, 0);
    assert.match(v1.receipt_number, /^AR-\d{4}-\d{6}$/);
    assert.equal(v1.submitted_by, owner.id);
    assert.equal(v1.submission_key, key);
    // The digest is the SHA-256 of the canonical content: anyone can recompute it.
    assert.equal(
      v1.digest,
      submissionDigest({
        reference: dossier.reference,
        version: 1,
        formVersion: 1,
        answers: v1.answers,
        files: [{ fileId: dossier.fileId, sha256: dossier.sha256 }],
      }),
    );
    assert.deepEqual(v1.answers, dossier.answers);
    const row = await dossierRow(dossier.id);
    assert.equal(row.status, 'depose');
    assert.equal(row.first_submitted_at?.getTime(), v1.submitted_at.getTime());
    const transitions = await t.database.db
      .selectFrom('dossier_transitions')
      .select(['from_status', 'to_status', 'actor_id'])
      .where('dossier_id', '=', dossier.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(transitions.at(-1), {
      from_status: 'brouillon',
      to_status: 'depose',
      actor_id: owner.id,
    });
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['actor_id', 'summary'])
      .where('action', '=', 'dossiers.submit')
      .where('object_id', '=', dossier.id)
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor_id, owner.id);
    assert.ok(JSON.stringify(audit[0]?.summary).includes(v1.receipt_number));
    assert.ok(JSON.stringify(audit[0]?.summary).includes(v1.digest));

    const page = await client.get(String(res.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Votre dossier a été déposé/);
    assert.ok(page.body.includes(v1.receipt_number));
    assert.ok(page.body.includes(v1.digest));
    assert.match(page.body, /Télécharger l’accusé de réception \(PDF\)/);
    assert.match(page.body, /\(heure de Paris\)/);
    assert.match(page.body, /Cantine solidaire/);
    assert.match(page.body, /Nom du projet/);
    assert.ok(page.body.includes(`/dossiers/${dossier.id}/fichiers/${dossier.fileId}`));

    const mails = await receiptsSince(before, v1.receipt_number);
    assert.deepEqual(mails.flatMap((m) => m.envelope.to).sort(), [owner.email, editor.email].sort());
    const mail = mails[0];
    assert.ok(mail);
    const call = await t.database.db
      .selectFrom('calls')
      .select('title')
      .where('id', '=', dossier.callId)
      .executeTakeFirstOrThrow();
    assert.equal(mail.subject, `Accusé de réception — ${call.title}`);
    assert.ok(mail.text?.includes(v1.digest));
    assert.match(mail.text ?? '', /heure de Paris/);
    assert.ok(mail.text?.includes(`https://exemple.gouv.fr/dossiers/${dossier.id}/versions/1`));
    assert.ok(mail.raw.includes(`accuse-de-reception-${v1.receipt_number}.pdf`), 'the PDF is attached');
    assert.match(mail.raw, /Content-Type: application\/pdf/i);
  });

  test('the same submission twice gives one version and one e-mail; another key afterwards shows the version', async () => {
    const dossier = await readyDossier();
    const client = await signedIn(owner);
    const before = smtp.messages.length;
    const { lock_version } = await dossierRow(dossier.id);
    const key = randomUUID();
    const first = await submit(client, dossier.id, lock_version, key);
    const second = await submit(client, dossier.id, lock_version, key);
    assert.equal(first.statusCode, 303);
    assert.equal(second.statusCode, 303);
    assert.equal(second.headers.location, first.headers.location);
    const frozen = await versions(dossier.id);
    assert.equal(frozen.length, 1);
    const mails = await receiptsSince(before, frozen[0]?.receipt_number ?? '');
    assert.equal(mails.filter((m) => m.envelope.to.includes(owner.email)).length, 1);

    // A second click from another page view (another key): not an error, the version with a message.
    const other = await submit(client, dossier.id, lock_version);
    assert.equal(other.statusCode, 303);
    assert.equal(other.headers.location, `/dossiers/${dossier.id}/versions/1?deja=1`);
    const page = await client.get(String(other.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Ce dossier est déjà déposé/);
    assert.equal((await versions(dossier.id)).length, 1);
  });

  test('a submission received one second after the closing is refused with the closing time; nothing is frozen', async () => {
    const closesAt = new Date(Date.UTC(2031, 2, 15, 11, 0, 0)); // 12:00 in Paris
    const call = await createTestCall(t.database.db, {
      opensAt: new Date(closesAt.getTime() - 30 * 24 * HOUR),
      closesAt,
    });
    const dossier = await readyDossier({ callId: call.id });
    const before = await dossierRow(dossier.id);
    clock = () => new Date(closesAt.getTime() + 1000);
    const client = await signedIn(owner);
    const res = await submit(client, dossier.id, before.lock_version);
    assert.equal(res.statusCode, 409);
    assert.ok(
      res.body.includes(
        'L’appel a fermé le 15 mars 2031 à 12:00 (heure de Paris) : le dépôt n’est plus possible.',
      ),
    );
    assert.ok(res.body.includes(`/dossiers/${dossier.id}/recapitulatif`));
    assert.equal((await versions(dossier.id)).length, 0);
    assert.deepEqual(await dossierRow(dossier.id), before);

    // At the closing second itself: refused too.
    clock = () => closesAt;
    assert.equal((await submit(client, dossier.id, before.lock_version)).statusCode, 409);
    // Before the opening: refused, with the opening time.
    clock = () => new Date(closesAt.getTime() - 31 * 24 * HOUR);
    const early = await submit(client, dossier.id, before.lock_version);
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /L’appel n’ouvre que le/);
    assert.equal((await versions(dossier.id)).length, 0);
  });

  test('a submission received 1 ms before the closing is accepted even when processed after it', async () => {
    const closesAt = new Date(Date.UTC(2031, 5, 30, 15, 0, 0));
    const call = await createTestCall(t.database.db, {
      opensAt: new Date(closesAt.getTime() - 30 * 24 * HOUR),
      closesAt,
    });
    const dossier = await readyDossier({ callId: call.id });
    const { lock_version } = await dossierRow(dossier.id);
    const client = await signedIn(owner);
    // The request reaches the server 1 ms before the closing; by the time it is processed and committed the
    // clock has moved past the closing.
    let current = new Date(closesAt.getTime() - 1);
    clock = () => {
      const seen = current;
      current = new Date(closesAt.getTime() + 5000);
      return seen;
    };
    const res = await submit(client, dossier.id, lock_version);
    assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
    assert.ok(clock().getTime() > closesAt.getTime(), 'the clock is past the closing');
    const frozen = await versions(dossier.id);
    assert.equal(frozen.length, 1);
    assert.equal(frozen[0]?.submitted_at.getTime(), closesAt.getTime() - 1);
    const page = await client.get(`/dossiers/${dossier.id}/versions/1`);
    assert.match(page.body, /30 juin 2031 à 16:59:59 \(heure de Paris\)/);
  });

  test('an eligibility reason or a missing answer blocks the submission with links to the steps', async () => {
    const dossier = await readyDossier();
    await setAnswers(dossier.id, { ...dossier.answers, siege_en_france: false, nom_projet: '' });
    const before = await dossierRow(dossier.id);
    const client = await signedIn(owner);
    const res = await submit(client, dossier.id, before.lock_version);
    assert.equal(res.statusCode, 400);
    assert.ok(res.body.includes(TEST_ELIGIBILITY_REASON));
    assert.match(res.body, /Nom du projet : /);
    assert.ok(res.body.includes(`/dossiers/${dossier.id}/etapes/projet#`));
    assert.equal((await versions(dossier.id)).length, 0);
    assert.deepEqual(await dossierRow(dossier.id), before);

    // An attachment whose file is not one of the dossier's: refused too.
    await setAnswers(dossier.id, {
      ...dossier.answers,
      statuts: { fileId: randomUUID(), name: 'autre.pdf', size: 10, type: 'application/pdf' },
    });
    const missing = await submit(client, dossier.id, before.lock_version);
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Statuts de la structure : la pièce jointe est introuvable/);
    assert.equal((await versions(dossier.id)).length, 0);
  });

  test('a summary shown before a change (older lock version) is refused with 409; a bad form with 400', async () => {
    const dossier = await readyDossier();
    const { lock_version } = await dossierRow(dossier.id);
    const client = await signedIn(owner);
    const stale = await submit(client, dossier.id, lock_version + 1);
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Le dossier a été modifié depuis l’affichage du récapitulatif/);
    assert.ok(stale.body.includes(`/dossiers/${dossier.id}/recapitulatif`));
    const bad = await client.post(`/dossiers/${dossier.id}/depot`, {
      submission_key: '<x>',
      lock_version: 'a',
    });
    assert.equal(bad.statusCode, 400);
    // An empty lock version is not 0 (the lock version of this fresh draft).
    assert.equal(lock_version, 0);
    const empty = await client.post(`/dossiers/${dossier.id}/depot`, {
      submission_key: randomUUID(),
      lock_version: '',
    });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Le formulaire de dépôt est incomplet/);
    assert.equal((await versions(dossier.id)).length, 0);
    assert.equal((await dossierRow(dossier.id)).status, 'brouillon');
  });

  test('versions and receipts: the members and the call’s instructeurs read them, no one else', async () => {
    const dossier = await readyDossier();
    const client = await signedIn(owner);
    const { lock_version } = await dossierRow(dossier.id);
    assert.equal((await submit(client, dossier.id, lock_version)).statusCode, 303);
    const [v1] = await versions(dossier.id);
    assert.ok(v1);
    const page = `/dossiers/${dossier.id}/versions/1`;
    const pdf = `${page}/accuse-de-reception.pdf`;

    const member = await signedIn(editor);
    const memberPdf = await member.get(pdf);
    assert.equal(memberPdf.statusCode, 200);
    assert.equal(memberPdf.headers['content-type'], 'application/pdf');
    assert.equal(
      memberPdf.headers['content-disposition'],
      `attachment; filename="accuse-de-reception-${v1.receipt_number}.pdf"`,
    );
    assert.equal(memberPdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    // Built from the frozen version only: the same bytes every time.
    assert.ok(memberPdf.rawPayload.equals((await member.get(pdf)).rawPayload));
    // The names printed are those of the moment of submission: renaming the organisation and the
    // submitter afterwards changes neither the page nor the PDF.
    const before = await member.get(page);
    await t.database.db
      .updateTable('organisations')
      .set({ name: 'Nom changé après le dépôt' })
      .where('id', '=', organisation.id)
      .execute();
    await t.database.db
      .updateTable('users')
      .set({ display_name: 'Personne renommée' })
      .where('id', '=', owner.id)
      .execute();
    assert.ok(memberPdf.rawPayload.equals((await member.get(pdf)).rawPayload), 'same PDF after renaming');
    const after = await member.get(page);
    assert.doesNotMatch(after.body, /Nom changé après le dépôt|Personne renommée/);
    assert.ok(after.body.includes(owner.name), 'the submitter as they were named');
    assert.equal(before.statusCode, 200);
    const names = await t.database.db
      .selectFrom('dossier_versions')
      .select(['organisation_name', 'submitted_by_label'])
      .where('dossier_id', '=', dossier.id)
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('organisations')
      .set({ name: names.organisation_name })
      .where('id', '=', organisation.id)
      .execute();
    await t.database.db
      .updateTable('users')
      .set({ display_name: owner.name })
      .where('id', '=', owner.id)
      .execute();

    const instructor = await createTestUser(t.database.db, {
      roles: [{ role: 'instructor', scope: { type: 'call', id: dossier.callId } }],
    });
    const staff = await signedIn(instructor, true);
    const staffPage = await staff.get(page);
    assert.equal(staffPage.statusCode, 200);
    assert.ok(staffPage.body.includes(v1.receipt_number));
    assert.ok(staffPage.body.includes(`/instruction/dossiers/${dossier.id}`));
    assert.equal((await staff.get(pdf)).statusCode, 200);

    const stranger = await createTestUser(t.database.db);
    await createTestOrganisation(t.database.db, { members: [{ userId: stranger.id }] });
    const otherCall = await createTestCall(t.database.db);
    const otherInstructor = await createTestUser(t.database.db, {
      roles: [{ role: 'instructor', scope: { type: 'call', id: otherCall.id } }],
    });
    for (const [who, c] of [
      ['member of another organisation', await signedIn(stranger)],
      ['instructeur of another call', await signedIn(otherInstructor, true)],
      ['instructeur without second factor', await signedIn(instructor, false)],
    ] as const) {
      for (const url of [page, pdf]) {
        const res = await c.get(url);
        assert.equal(res.statusCode, 403, `${who} ${url}`);
        assert.ok(!res.body.includes(v1.receipt_number), `${who} ${url}`);
      }
    }
    for (const url of [page, pdf]) {
      const anonymous = await t.client().get(url);
      assert.equal(anonymous.statusCode, 303);
      assert.match(String(anonymous.headers.location), /^\/connexion/);
    }
    assert.equal((await member.get(`/dossiers/${dossier.id}/versions/2`)).statusCode, 404);
  });

  test('withdrawal before a decision; refused once a decision is taken', async () => {
    const dossier = await readyDossier();
    const client = await signedIn(owner);
    const { lock_version } = await dossierRow(dossier.id);
    assert.equal((await submit(client, dossier.id, lock_version)).statusCode, 303);

    const page = await client.get(`/dossiers/${dossier.id}/retrait`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Le retrait est définitif/);
    const shownLock = /name="lock_version" value="(\d+)"/.exec(page.body)?.[1];
    assert.ok(shownLock);
    const incomplete = await client.post(`/dossiers/${dossier.id}/retrait`, { lock_version: '' });
    assert.equal(incomplete.statusCode, 400);
    assert.match(incomplete.body, /Le formulaire de retrait est incomplet/);
    assert.equal((await dossierRow(dossier.id)).status, 'depose');
    const done = await client.post(`/dossiers/${dossier.id}/retrait`, {
      lock_version: shownLock,
      motif: 'Projet abandonné faute de local.',
    });
    assert.equal(done.statusCode, 303);
    const after = await client.get(String(done.headers.location));
    assert.match(after.body, /Votre dossier a été retiré/);
    assert.equal((await dossierRow(dossier.id)).status, 'sans_suite');
    const last = await t.database.db
      .selectFrom('dossier_transitions')
      .select(['from_status', 'to_status', 'reason', 'actor_id'])
      .where('dossier_id', '=', dossier.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(last, {
      from_status: 'depose',
      to_status: 'sans_suite',
      reason: 'Projet abandonné faute de local.',
      actor_id: owner.id,
    });
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'dossiers.withdraw')
      .where('object_id', '=', dossier.id)
      .execute();
    assert.equal(audit.length, 1);
    // The submitted version stays readable.
    assert.equal((await client.get(`/dossiers/${dossier.id}/versions/1`)).statusCode, 200);

    // A dossier declared inadmissible cannot be withdrawn.
    const otherOrganisation = await createTestOrganisation(t.database.db, {
      members: [{ userId: owner.id }],
    });
    const decided = await createTestDossier(t.database.db, {
      callId: dossier.callId,
      organisationId: otherOrganisation.id,
      status: 'irrecevable',
    });
    const refusedPage = await client.get(`/dossiers/${decided.id}/retrait`);
    assert.equal(refusedPage.statusCode, 200);
    assert.match(refusedPage.body, /Ce dossier ne peut plus être retiré : une décision a déjà été prise/);
    assert.doesNotMatch(refusedPage.body, /name="motif"/);
    const { lock_version: decidedLock } = await dossierRow(decided.id);
    const refused = await client.post(`/dossiers/${decided.id}/retrait`, {
      lock_version: String(decidedLock),
    });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /une décision a déjà été prise/);
    assert.equal((await dossierRow(decided.id)).status, 'irrecevable');
  });

  test('a correction after the call’s closing creates version 2 and leaves version 1 unchanged; not after its deadline', async () => {
    const db = t.database.db;
    const dossier = await readyDossier();
    const client = await signedIn(owner);
    assert.equal(
      (await submit(client, dossier.id, (await dossierRow(dossier.id)).lock_version)).statusCode,
      303,
    );
    const [v1] = await versions(dossier.id);
    assert.ok(v1);

    // The staff ask for a correction, due in two days; the call closes meanwhile.
    const dueAt = new Date(Date.now() + 48 * HOUR);
    await db.updateTable('dossiers').set({ status: 'a_corriger' }).where('id', '=', dossier.id).execute();
    const correction = await db
      .insertInto('dossier_corrections')
      .values({ dossier_id: dossier.id, message: 'Précisez le nom du projet.', due_at: dueAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('calls')
      .set({ closes_at: new Date(Date.now() - HOUR) })
      .where('id', '=', dossier.callId)
      .execute();
    await setAnswers(dossier.id, { ...dossier.answers, nom_projet: 'Cantine solidaire des Quatre Vents' });

    // After the deadline of the correction: refused.
    clock = () => new Date(dueAt.getTime() + 1000);
    const late = await submit(client, dossier.id, (await dossierRow(dossier.id)).lock_version);
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /Le délai de correction a expiré le .* \(heure de Paris\)/);

    clock = () => new Date();
    const res = await submit(client, dossier.id, (await dossierRow(dossier.id)).lock_version);
    assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
    assert.equal(res.headers.location, `/dossiers/${dossier.id}/versions/2?depose=1`);
    const [again1, v2] = await versions(dossier.id);
    assert.deepEqual(again1, v1);
    assert.ok(v2);
    assert.notEqual(v2.receipt_number, v1.receipt_number);
    assert.notEqual(v2.digest, v1.digest);
    assert.equal((v2.answers as { nom_projet: string }).nom_projet, 'Cantine solidaire des Quatre Vents');
    const answered = await db
      .selectFrom('dossier_corrections')
      .select(['answered_version', 'answered_at'])
      .where('id', '=', correction.id)
      .executeTakeFirstOrThrow();
    assert.equal(answered.answered_version, 2);
    assert.equal(answered.answered_at?.getTime(), v2.submitted_at.getTime());
    const row = await dossierRow(dossier.id);
    assert.equal(row.status, 'depose');
    assert.equal(row.first_submitted_at?.getTime(), v1.submitted_at.getTime());
    assert.equal(row.last_submitted_at?.getTime(), v2.submitted_at.getTime());

    const page1 = await client.get(`/dossiers/${dossier.id}/versions/1`);
    assert.match(page1.body, /Cantine solidaire</);
    assert.doesNotMatch(page1.body, /Cantine solidaire des Quatre Vents/);
    assert.ok(page1.body.includes(`/dossiers/${dossier.id}/versions/2`));
  });

  test('five concurrent submissions with different keys freeze exactly one version', async () => {
    const dossier = await readyDossier();
    const client = await signedIn(owner);
    const { lock_version } = await dossierRow(dossier.id);
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => submit(client, dossier.id, lock_version)),
    );
    assert.deepEqual(
      responses.map((r) => r.statusCode),
      [303, 303, 303, 303, 303],
    );
    assert.equal((await versions(dossier.id)).length, 1);
    const locations = responses.map((r) => String(r.headers.location)).sort();
    assert.deepEqual(
      locations,
      [
        `/dossiers/${dossier.id}/versions/1?depose=1`,
        ...Array(4).fill(`/dossiers/${dossier.id}/versions/1?deja=1`),
      ].sort(),
    );
  });
});
