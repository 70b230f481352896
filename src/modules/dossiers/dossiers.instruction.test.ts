import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../../platform/db/index.js';
import { createTestApp, pageText, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { createTestUser, openTestSession, type TestUser } from '../accounts/testing.js';
import { parseDay, utcToParisFields } from '../calls/calls.schemas.js';
import { createTestOrganisation } from '../organisations/testing.js';
import { endOfParisDay } from './dossiers.instruction.service.js';
import type { DossierStatus } from './dossiers.tables.js';
import { createTestCall, createTestDossier } from './testing.js';

const DAY = 24 * 3600_000;
const ANSWERS = { nom_projet: 'Jardins solidaires', deja_finance: false, siege_en_france: true, salaries: 4 };

/** A multipart/form-data body: text fields and one file. */
function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const boundary = `----essai${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  chunks.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="piece"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('dossiers: instruction', () => {
  let t: TestApp;
  let db: Db;
  let call1: { id: string; title: string };
  let call2: { id: string; title: string };
  let instructor: TestUser;
  let applicant: TestUser;
  let staff: TestClient;
  let otherStaff: TestClient;
  let admin: TestClient;
  let member: TestClient;
  let outsider: TestClient;
  let orgA: { id: string; name: string };
  let dA: { id: string; reference: string };
  let dB: { id: string; reference: string };
  let dC: { id: string; reference: string };
  let draft: { id: string; reference: string };
  let orgSeq = 0;

  async function client(user: TestUser, secondFactor: boolean): Promise<TestClient> {
    const c = t.client();
    c.cookies.set(t.app.sessionCookieName, await openTestSession(db, user.id, { secondFactor }));
    await c.get('/');
    return c;
  }

  async function dossier(callId: string, status: DossierStatus, name?: string, answers: object = ANSWERS) {
    const org = await createTestOrganisation(db, { name: name ?? `Structure ${++orgSeq}` });
    return createTestDossier(db, { callId, organisationId: org.id, status, answers: { ...answers } });
  }

  async function statusOf(id: string): Promise<DossierStatus> {
    const row = await db
      .selectFrom('dossiers')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row.status;
  }

  async function auditActions(id: string): Promise<string[]> {
    const rows = await db
      .selectFrom('audit_events')
      .select('action')
      .where('object_type', '=', 'dossier')
      .where('object_id', '=', id)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.action);
  }

  async function jobs(type: string): Promise<unknown[]> {
    const rows = await db.selectFrom('jobs').select('payload').where('type', '=', type).execute();
    return rows.map((r) => r.payload);
  }

  before(async () => {
    t = await createTestApp();
    db = t.database.db;
    call1 = await createTestCall(db, { title: 'Appel des jardins' });
    call2 = await createTestCall(db, { title: 'Appel des mobilités' });
    instructor = await createTestUser(db, {
      name: 'Inès Instructrice',
      roles: [{ role: 'instructor', scope: { type: 'call', id: call1.id } }],
    });
    const other = await createTestUser(db, {
      roles: [{ role: 'instructor', scope: { type: 'call', id: call2.id } }],
    });
    const administrator = await createTestUser(db, { roles: [{ role: 'administrator', scope: null }] });
    applicant = await createTestUser(db, { name: 'Paul Porteur' });
    const stranger = await createTestUser(db);
    orgA = await createTestOrganisation(db, {
      name: 'Association Les Jardins Partagés',
      siren: '123456789',
      members: [{ userId: applicant.id }],
    });
    await createTestOrganisation(db, { name: 'Autre structure', members: [{ userId: stranger.id }] });
    dA = await createTestDossier(db, {
      callId: call1.id,
      organisationId: orgA.id,
      status: 'depose',
      answers: ANSWERS,
    });
    dB = await dossier(call1.id, 'en_instruction', 'Coopérative Solaire');
    dC = await dossier(call1.id, 'recevable', 'Régie de quartier');
    draft = await dossier(call1.id, 'brouillon', 'Brouillon discret');
    await dossier(call2.id, 'depose');
    staff = await client(instructor, true);
    otherStaff = await client(other, true);
    admin = await client(administrator, true);
    member = await client(applicant, false);
    outsider = await client(stranger, false);
  });
  after(() => t.close());

  test('GET /instruction: the calls I instruct with their counts, drafts never counted', async () => {
    const res = await staff.get('/instruction');
    assert.equal(res.statusCode, 200);
    const body = pageText(res.body);
    assert.match(body, /Appel des jardins 3 Déposé : 1 En instruction : 1 Recevable : 1/);
    assert.doesNotMatch(body, /Appel des mobilités/);
    assert.doesNotMatch(body, /Brouillon : /);
    const all = pageText((await admin.get('/instruction')).body);
    assert.match(all, /Appel des jardins/);
    assert.match(all, /Appel des mobilités 1 Déposé : 1/);
    assert.equal((await member.get('/instruction')).statusCode, 403);
  });

  test('the list of a call: counts, status filters, search by reference, organisation and SIREN', async () => {
    const res = await staff.get(`/instruction/appels/${call1.id}`);
    assert.equal(res.statusCode, 200);
    for (const d of [dA, dB, dC]) assert.match(res.body, new RegExp(d.reference));
    assert.doesNotMatch(res.body, new RegExp(draft.reference), 'drafts are never shown to staff');
    assert.doesNotMatch(res.body, /Brouillon discret/);
    const body = pageText(res.body);
    assert.match(body, /Déposé \(1\)/);
    assert.match(body, /En instruction \(1\)/);
    assert.match(body, /3 dossiers/);

    const filtered = await staff.get(`/instruction/appels/${call1.id}?statut=depose&statut=recevable`);
    assert.match(filtered.body, new RegExp(dA.reference));
    assert.match(filtered.body, new RegExp(dC.reference));
    assert.doesNotMatch(filtered.body, new RegExp(dB.reference));
    assert.match(filtered.body, /value="depose" checked/, 'the filters stay ticked (shareable URL)');

    const byReference = await staff.get(`/instruction/appels/${call1.id}?q=${dB.reference}`);
    assert.match(byReference.body, new RegExp(dB.reference));
    assert.doesNotMatch(byReference.body, new RegExp(dA.reference));

    const byName = await staff.get(
      `/instruction/appels/${call1.id}?q=${encodeURIComponent('jardins partag')}`,
    );
    assert.match(byName.body, new RegExp(dA.reference));
    assert.doesNotMatch(byName.body, new RegExp(dB.reference));
    assert.match(pageText(byName.body), /1 dossier /);

    const bySiren = await staff.get(`/instruction/appels/${call1.id}?q=123+456+789`);
    assert.match(bySiren.body, new RegExp(dA.reference));
    assert.doesNotMatch(bySiren.body, new RegExp(dC.reference));

    const odd = await staff.get(`/instruction/appels/${call1.id}?q=${encodeURIComponent('100%_\\')}`);
    assert.equal(odd.statusCode, 200);
    assert.match(odd.body, /Aucun dossier ne correspond/);
  });

  test('who may use the staff routes', async () => {
    assert.equal((await otherStaff.get(`/instruction/appels/${call1.id}`)).statusCode, 403);
    assert.equal((await otherStaff.get(`/instruction/dossiers/${dA.id}`)).statusCode, 403);
    const refused = await otherStaff.post(`/instruction/dossiers/${dA.id}/mise-en-instruction`, {
      statut: 'depose',
    });
    assert.equal(refused.statusCode, 403);
    assert.equal(await statusOf(dA.id), 'depose');
    assert.equal((await member.get(`/instruction/dossiers/${dA.id}`)).statusCode, 403);
    assert.equal((await member.get(`/instruction/appels/${call1.id}`)).statusCode, 403);
    assert.equal(
      (await member.post(`/instruction/dossiers/${dA.id}/annotations`, { annotation: 'x' })).statusCode,
      403,
    );
    assert.equal(
      (await staff.get(`/instruction/dossiers/${draft.id}`)).statusCode,
      403,
      'drafts are not staff’s',
    );
    assert.equal((await admin.get(`/instruction/dossiers/${draft.id}`)).statusCode, 403);
    const noSecondFactor = await client(instructor, false);
    const res = await noSecondFactor.get(`/instruction/dossiers/${dA.id}`);
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/compte\/double-authentification/);
    assert.equal((await outsider.get(`/dossiers/${dA.id}/messages`)).statusCode, 403);
    assert.equal(
      (await staff.get(`/dossiers/${dA.id}/messages`)).statusCode,
      403,
      'the applicant page is theirs',
    );
  });

  test('the staff page: header, latest version by section, history', async () => {
    const res = await staff.get(`/instruction/dossiers/${dA.id}`);
    assert.equal(res.statusCode, 200);
    const body = pageText(res.body);
    assert.match(body, /Association Les Jardins Partagés/);
    assert.match(res.body, new RegExp(`href="/organisations/${orgA.id}"`));
    assert.match(body, /Réponses \(version 1\)/);
    assert.match(body, /Le projet Nom du projet Jardins solidaires/);
    assert.match(body, /Nombre de salariés 4/);
    assert.match(body, /Brouillon → Déposé/);
    assert.match(res.body, /action="\/instruction\/dossiers\/[^"]+\/mise-en-instruction"/);
  });

  test('mise en instruction: allowed from déposé, then refused with 409 naming the status', async () => {
    const d = await dossier(call1.id, 'depose');
    const ok = await staff.post(`/instruction/dossiers/${d.id}/mise-en-instruction`, { statut: 'depose' });
    assert.equal(ok.statusCode, 303);
    assert.equal(await statusOf(d.id), 'en_instruction');
    const history = await db
      .selectFrom('dossier_transitions')
      .select(['from_status', 'to_status', 'actor_id'])
      .where('dossier_id', '=', d.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(history, {
      from_status: 'depose',
      to_status: 'en_instruction',
      actor_id: instructor.id,
    });
    assert.deepEqual(await auditActions(d.id), ['dossiers.start_instruction']);
    assert.ok(
      (await jobs('dossiers.notify_event')).some(
        (p) =>
          (p as { dossierId: string; event: string }).dossierId === d.id &&
          (p as { event: string }).event === 'instruction_started',
      ),
    );
    const page = await staff.get(String(ok.headers.location));
    assert.match(pageText(page.body), /Statut du dossier : En instruction\./);
    assert.match(pageText(page.body), /Déposé → En instruction Inès Instructrice/);

    const again = await staff.post(`/instruction/dossiers/${d.id}/mise-en-instruction`, {
      statut: 'en_instruction',
    });
    assert.equal(again.statusCode, 409);
    assert.match(pageText(again.body), /le dossier est au statut « En instruction »/);
    const stale = await staff.post(`/instruction/dossiers/${d.id}/mise-en-instruction`, { statut: 'depose' });
    assert.equal(stale.statusCode, 409, 'a page read before the change');
    assert.match(pageText(stale.body), /il est maintenant au statut « En instruction »/);
    const bare = await staff.post(`/instruction/dossiers/${d.id}/mise-en-instruction`, {});
    assert.equal(bare.statusCode, 400);
    assert.deepEqual(await auditActions(d.id), ['dossiers.start_instruction']);
  });

  test('correction request: message and future deadline required; à corriger, answers reset from the version', async () => {
    const d = await dossier(call1.id, 'en_instruction');
    // The applicant's working copy drifted from the submitted version (it must be reset).
    await db
      .updateTable('dossiers')
      .set({ answers: JSON.stringify({ nom_projet: 'Autre chose' }), lock_version: 7 })
      .where('id', '=', d.id)
      .execute();
    const url = `/instruction/dossiers/${d.id}/demande-de-correction`;

    const empty = await staff.post(url, { statut: 'en_instruction', message: '  ', echeance: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(pageText(empty.body), /Saisissez le message au porteur\./);
    assert.match(pageText(empty.body), /Saisissez la date limite de correction\./);

    const yesterday = utcToParisFields(new Date(Date.now() - DAY)).date;
    const past = await staff.post(url, {
      statut: 'en_instruction',
      message: 'Le budget manque.',
      echeance: yesterday,
    });
    assert.equal(past.statusCode, 400);
    assert.match(pageText(past.body), /La date limite doit être dans le futur\./);
    assert.match(past.body, /Le budget manque\./, 'the message is kept');
    assert.equal(await statusOf(d.id), 'en_instruction');

    const due = utcToParisFields(new Date(Date.now() + 10 * DAY)).date;
    const ok = await staff.post(url, {
      statut: 'en_instruction',
      message: 'Le budget manque.',
      echeance: due,
    });
    assert.equal(ok.statusCode, 303);
    const row = await db
      .selectFrom('dossiers')
      .select(['status', 'answers', 'lock_version'])
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'a_corriger');
    assert.deepEqual(row.answers, ANSWERS);
    assert.equal(row.lock_version, 8);
    const correction = await db
      .selectFrom('dossier_corrections')
      .select(['message', 'due_at', 'requested_by'])
      .where('dossier_id', '=', d.id)
      .executeTakeFirstOrThrow();
    assert.equal(correction.message, 'Le budget manque.');
    assert.equal(correction.requested_by, instructor.id);
    const expected = endOfParisDay(parseDay(due) as { y: number; m: number; d: number });
    assert.equal(correction.due_at.getTime(), expected.getTime());
    // 23:59:59 in Paris: 21:59:59Z or 22:59:59Z depending on the season.
    assert.match(expected.toISOString(), /T2[12]:59:59\.000Z$/);
    assert.deepEqual(await auditActions(d.id), ['dossiers.request_correction']);
    const reason = await db
      .selectFrom('dossier_transitions')
      .select('reason')
      .where('dossier_id', '=', d.id)
      .where('to_status', '=', 'a_corriger')
      .executeTakeFirstOrThrow();
    assert.equal(reason.reason, 'Le budget manque.');

    const refused = await staff.post(url, { statut: 'a_corriger', message: 'Encore.', echeance: due });
    assert.equal(refused.statusCode, 409);
    assert.match(pageText(refused.body), /« À corriger »/);
  });

  test('admissibility: irrecevable needs a motivation; recevable does not', async () => {
    const url = `/instruction/dossiers/${dB.id}/recevabilite`;
    const missing = await staff.post(url, {
      statut: 'en_instruction',
      decision: 'irrecevable',
      motivation: '',
    });
    assert.equal(missing.statusCode, 400);
    assert.match(
      pageText(missing.body),
      /Saisissez la motivation : elle est obligatoire pour un dossier irrecevable\./,
    );
    assert.equal(await statusOf(dB.id), 'en_instruction');
    const noDecision = await staff.post(url, { statut: 'en_instruction', motivation: 'x' });
    assert.equal(noDecision.statusCode, 400);
    assert.match(pageText(noDecision.body), /Choisissez la décision/);

    const ok = await staff.post(url, {
      statut: 'en_instruction',
      decision: 'irrecevable',
      motivation: 'La structure n’a pas son siège en France.',
    });
    assert.equal(ok.statusCode, 303);
    const row = await db
      .selectFrom('dossiers')
      .select(['status', 'decision_reason', 'decided_at'])
      .where('id', '=', dB.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'irrecevable');
    assert.equal(row.decision_reason, 'La structure n’a pas son siège en France.');
    assert.ok(row.decided_at);
    assert.deepEqual(await auditActions(dB.id), ['dossiers.declare_inadmissible']);

    const d = await dossier(call1.id, 'depose');
    const admissible = await staff.post(`/instruction/dossiers/${d.id}/recevabilite`, {
      statut: 'depose',
      decision: 'recevable',
      motivation: '',
    });
    assert.equal(admissible.statusCode, 303);
    assert.equal(await statusOf(d.id), 'recevable');
    assert.deepEqual(await auditActions(d.id), ['dossiers.declare_admissible']);
    const again = await staff.post(`/instruction/dossiers/${d.id}/recevabilite`, {
      statut: 'recevable',
      decision: 'irrecevable',
      motivation: 'Non.',
    });
    assert.equal(again.statusCode, 409);
    assert.match(pageText(again.body), /« Recevable »/);
  });

  test('diff between two versions: changed, added, removed fields; attachments by content', async () => {
    const d = await dossier(call1.id, 'depose');
    const file = async (name: string, content: string) =>
      db
        .insertInto('dossier_files')
        .values({
          dossier_id: d.id,
          field_id: 'statuts',
          name,
          content_type: 'application/pdf',
          size: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
          storage_key: randomUUID(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const same1 = await file('statuts.pdf', 'contenu 1');
    const same2 = await file('statuts-copie.pdf', 'contenu 1');
    const other = await file('statuts-2026.pdf', 'contenu 2');
    const ref = (f: { id: string }, name: string) => ({
      fileId: f.id,
      name,
      size: 9,
      type: 'application/pdf',
    });
    const version = async (n: number, answers: object) =>
      db
        .insertInto('dossier_versions')
        .values({
          dossier_id: d.id,
          version: n,
          form_version: 1,
          answers: JSON.stringify(answers),
          submitted_at: new Date(),
          submission_key: randomUUID(),
          receipt_number: `AR-DIFF-${randomUUID().slice(0, 13)}`,
          digest: createHash('sha256').update(JSON.stringify(answers)).digest('hex'),
        })
        .execute();
    await db.deleteFrom('dossier_versions').where('dossier_id', '=', d.id).execute();
    await version(1, { ...ANSWERS, statuts: ref(same1, 'statuts.pdf') });
    await version(2, {
      ...ANSWERS,
      nom_projet: 'Jardins solidaires et nourriciers',
      salaries: undefined,
      deja_finance: true,
      montant_finance: 150000,
      statuts: ref(same2, 'statuts-copie.pdf'),
    });
    await version(3, { ...ANSWERS, statuts: ref(other, 'statuts-2026.pdf') });

    const res = await staff.get(`/instruction/dossiers/${d.id}/versions?de=1&a=2`);
    assert.equal(res.statusCode, 200);
    const body = pageText(res.body);
    assert.match(body, /Différences entre la version 1 et la version 2/);
    assert.match(body, /Nom du projet Modifié Jardins solidaires Jardins solidaires et nourriciers/);
    assert.match(body, /Le projet a-t-il déjà reçu un financement \? Modifié Non Oui/);
    assert.match(body, /Montant déjà reçu Ajouté 1500,00 Nombre/);
    assert.match(body, /Nombre de salariés Retiré 4/);
    assert.doesNotMatch(body, /Statuts de la structure/, 'same content under another name is no change');

    const files = pageText((await staff.get(`/instruction/dossiers/${d.id}/versions?de=1&a=3`)).body);
    assert.match(files, /Statuts de la structure Modifié statuts\.pdf statuts-2026\.pdf/);
    assert.doesNotMatch(files, /Nom du projet/);

    const page = pageText((await staff.get(`/instruction/dossiers/${d.id}`)).body);
    assert.match(page, /Réponses \(version 3\)/);
    assert.match(page, /statuts-2026\.pdf/);

    const bad = await staff.get(`/instruction/dossiers/${d.id}/versions?de=1&a=9`);
    assert.equal(bad.statusCode, 400);
    assert.match(pageText(bad.body), /Choisissez deux versions déposées de ce dossier\./);
  });

  test('batch: applies to the selected dossiers of this call, skips the others with a report', async () => {
    const one = await dossier(call1.id, 'depose');
    const two = await dossier(call1.id, 'depose');
    const done = await dossier(call1.id, 'recevable');
    const elsewhere = await dossier(call2.id, 'depose');
    const res = await staff.post(`/instruction/appels/${call1.id}/lot`, {
      action: 'start_instruction',
      dossiers: [one.id, two.id, done.id, elsewhere.id],
    });
    assert.equal(res.statusCode, 303);
    const page = await staff.get(String(res.headers.location));
    assert.match(
      pageText(page.body),
      /2 dossiers passés en instruction ; 2 ignorés \(statut ne le permettant pas\)\./,
    );
    assert.equal(await statusOf(one.id), 'en_instruction');
    assert.equal(await statusOf(two.id), 'en_instruction');
    assert.equal(await statusOf(done.id), 'recevable');
    assert.equal(await statusOf(elsewhere.id), 'depose', 'another call’s dossier is untouched');
    assert.deepEqual(await auditActions(one.id), ['dossiers.start_instruction']);
    assert.deepEqual(await auditActions(done.id), []);

    const admissible = await staff.post(`/instruction/appels/${call1.id}/lot`, {
      action: 'declare_admissible',
      dossiers: one.id,
    });
    assert.match(
      pageText((await staff.get(String(admissible.headers.location))).body),
      /1 dossier déclaré recevable\./,
    );
    assert.equal(await statusOf(one.id), 'recevable');

    const nothing = await staff.post(`/instruction/appels/${call1.id}/lot`, { action: 'start_instruction' });
    assert.equal(nothing.statusCode, 400);
    assert.match(pageText(nothing.body), /Cochez au moins un dossier\./);
  });

  test('messages both ways; annotations never reach the applicant', async () => {
    const staffPost = await staff.post(`/instruction/dossiers/${dA.id}/messages`, {
      corps: 'Bonjour,\nmerci de préciser le budget.',
    });
    assert.equal(staffPost.statusCode, 303);
    const empty = await staff.post(`/instruction/dossiers/${dA.id}/messages`, { corps: ' ' });
    assert.equal(empty.statusCode, 400);
    assert.match(pageText(empty.body), /Saisissez le texte du message\./);

    const note = await staff.post(`/instruction/dossiers/${dA.id}/annotations`, {
      annotation: 'Note confidentielle : porteur à rappeler.',
    });
    assert.equal(note.statusCode, 303);

    const seen = await member.get(`/dossiers/${dA.id}/messages`);
    assert.equal(seen.statusCode, 200);
    const mine = pageText(seen.body);
    assert.match(mine, /Inès Instructrice \(Équipe d’instruction\)/);
    assert.match(seen.body, /merci de préciser le budget\./);
    assert.doesNotMatch(seen.body, /Note confidentielle/);

    const reply = await member.post(`/dossiers/${dA.id}/messages`, { corps: 'Le budget est joint.' });
    assert.equal(reply.statusCode, 303);
    const thread = pageText((await member.get(String(reply.headers.location))).body);
    assert.match(thread, /Message envoyé\./);
    assert.ok(thread.indexOf('merci de préciser') < thread.indexOf('Le budget est joint'), 'oldest first');
    const emptyReply = await member.post(`/dossiers/${dA.id}/messages`, { corps: '' });
    assert.equal(emptyReply.statusCode, 400);

    const staffPage = pageText((await staff.get(`/instruction/dossiers/${dA.id}`)).body);
    assert.match(staffPage, /Paul Porteur \(Association Les Jardins Partagés\)/);
    assert.match(staffPage, /Note confidentielle : porteur à rappeler\./);

    const overview = await member.get(`/dossiers/${dA.id}`);
    assert.equal(overview.statusCode, 200);
    assert.doesNotMatch(overview.body, /Note confidentielle/);

    const sides = await db
      .selectFrom('dossier_messages')
      .select('side')
      .where('dossier_id', '=', dA.id)
      .orderBy('created_at')
      .execute();
    assert.deepEqual(
      sides.map((s) => s.side),
      ['staff', 'applicant'],
    );
    // Each side is told (grouped e-mails): the applicant of the staff's message, the instructeur of the reply.
    const told = await db
      .selectFrom('dossier_message_digests')
      .select('user_id')
      .where('dossier_id', '=', dA.id)
      .execute();
    assert.deepEqual(new Set(told.map((r) => r.user_id)), new Set([applicant.id, instructor.id]));
    assert.deepEqual(
      (await auditActions(dA.id)).filter((a) => a !== 'dossiers.start_instruction'),
      ['dossiers.message', 'dossiers.annotate', 'dossiers.message'],
    );
  });

  test('a message from a partner organisation is shown with that organisation, not the lead one', async () => {
    // Paul Porteur also leads this one (one dossier per organisation and call).
    const lead = await createTestOrganisation(db, {
      name: 'Régie des Voisins',
      members: [{ userId: applicant.id }],
    });
    const d = await createTestDossier(db, { callId: call1.id, organisationId: lead.id, status: 'depose' });
    const pat = await createTestUser(db, { name: 'Pat Partenaire' });
    const partner = await createTestOrganisation(db, {
      name: 'Coopérative Voisine',
      members: [{ userId: pat.id }],
    });
    await db
      .insertInto('dossier_partners')
      .values({ dossier_id: d.id, organisation_id: partner.id, added_by: applicant.id })
      .execute();
    const fromPartner = await (await client(pat, false)).post(`/dossiers/${d.id}/messages`, {
      corps: 'Nous apportons le local.',
    });
    assert.equal(fromPartner.statusCode, 303);
    const fromLead = await member.post(`/dossiers/${d.id}/messages`, { corps: 'Et nous, les bénévoles.' });
    assert.equal(fromLead.statusCode, 303);

    const staffPage = pageText((await staff.get(`/instruction/dossiers/${d.id}`)).body);
    assert.match(staffPage, /Pat Partenaire \(Coopérative Voisine\)/);
    assert.match(staffPage, /Paul Porteur \(Régie des Voisins\)/);
    const applicantPage = pageText((await member.get(`/dossiers/${d.id}/messages`)).body);
    assert.match(applicantPage, /Pat Partenaire \(Coopérative Voisine\)/);
    const stored = await db
      .selectFrom('dossier_messages')
      .select(['author_id', 'organisation_id'])
      .where('dossier_id', '=', d.id)
      .orderBy('created_at')
      .execute();
    assert.deepEqual(stored, [
      { author_id: pat.id, organisation_id: partner.id },
      { author_id: applicant.id, organisation_id: lead.id },
    ]);
  });

  test('a message may carry one attachment, its type read from its content (markup refused)', async () => {
    const d = await createTestDossier(db, {
      callId: call2.id,
      organisationId: orgA.id,
      status: 'depose',
      answers: ANSWERS,
    });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const url = `/dossiers/${d.id}/messages`;
    await member.get(url);
    const sent = await member.inject({
      method: 'POST',
      url,
      ...multipart(
        { _csrf: await member.csrfToken(), corps: 'Voici le budget.' },
        { name: 'budget 2026.pdf', content: pdf },
      ),
    });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 500));
    const file = await db
      .selectFrom('dossier_files')
      .select(['id', 'name', 'content_type', 'sha256', 'message_id', 'storage_key'])
      .where('dossier_id', '=', d.id)
      .executeTakeFirstOrThrow();
    assert.equal(file.name, 'budget 2026.pdf');
    assert.equal(file.content_type, 'application/pdf');
    assert.equal(file.sha256, createHash('sha256').update(pdf).digest('hex'));
    assert.ok(file.message_id);
    assert.deepEqual(await t.files.read(file.storage_key), pdf);
    const page = await member.get(url);
    assert.match(page.body, new RegExp(`href="/dossiers/${d.id}/fichiers/${file.id}"`));
    assert.match(pageText(page.body), /budget 2026\.pdf/);

    const markup = await member.inject({
      method: 'POST',
      url,
      ...multipart(
        { _csrf: await member.csrfToken(), corps: 'Une page.' },
        { name: 'page.pdf', content: Buffer.from('<!doctype html><script>alert(1)</script>') },
      ),
    });
    assert.equal(markup.statusCode, 400);
    assert.match(pageText(markup.body), /Ce type de fichier n’est pas accepté/);
    assert.match(markup.body, /Une page\./, 'the text is kept');
    const count = await db
      .selectFrom('dossier_messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('dossier_id', '=', d.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1, 'nothing recorded for the refused message');
  });
});
