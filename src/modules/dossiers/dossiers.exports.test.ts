import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { JobWorker } from '../../platform/jobs/index.js';
import { memoryLogger } from '../../platform/jobs/testing.js';
import type { TestApp, TestClient } from '../../platform/testing/app.js';
import { createTestUser, openTestSession, type TestUser } from '../accounts/testing.js';
import { createTestOrganisation, startApp } from '../organisations/testing.js';
import { exportsJobHandlers, runExport } from './dossiers.exports.service.js';
import { createTestCall, createTestDossier } from './testing.js';

const BASE = 'http://localhost:3000';

describe('exports of the dossiers of a call: CSV and XLSX, progress, expiry, access', () => {
  let t: TestApp;
  let worker: JobWorker;
  let instructor: TestUser;
  let member: TestUser;
  let otherInstructor: TestUser;
  let callId: string;
  const fileId = randomUUID();
  const dossiers: { id: string; reference: string; status: string }[] = [];
  let draftReference: string;

  before(async () => {
    t = await startApp();
    const db = t.database.db;
    worker = new JobWorker({
      db,
      logger: memoryLogger(),
      handlers: exportsJobHandlers({ db, files: t.files, baseUrl: BASE }),
    });
    const call = await createTestCall(db, { title: 'Pionniers 2027' });
    const otherCall = await createTestCall(db);
    callId = call.id;
    instructor = await createTestUser(db, {
      roles: [{ role: 'instructor', scope: { type: 'call', id: callId } }],
    });
    otherInstructor = await createTestUser(db, {
      roles: [{ role: 'instructor', scope: { type: 'call', id: otherCall.id } }],
    });
    member = await createTestUser(db);
    const answers = (n: number) => ({
      nom_projet: `Projet ${n}`,
      deja_finance: true,
      montant_finance: 1234550 + n,
      siege_en_france: true,
      salaries: 12,
      statuts: { fileId, name: 'statuts.pdf', size: 1000, type: 'application/pdf' },
    });
    const statuses = ['depose', 'en_instruction', 'irrecevable'] as const;
    for (const [i, status] of statuses.entries()) {
      const organisation = await createTestOrganisation(db, {
        name: `Structure ${i + 1}`,
        siren: `55208131${i}`,
        members: i === 0 ? [{ userId: member.id }] : [],
      });
      const dossier = await createTestDossier(db, {
        callId,
        organisationId: organisation.id,
        status,
        answers: answers(i + 1),
      });
      dossiers.push({ id: dossier.id, reference: dossier.reference, status });
    }
    const draftOrganisation = await createTestOrganisation(db, { name: 'Brouillon SA' });
    draftReference = (
      await createTestDossier(db, { callId, organisationId: draftOrganisation.id, answers: answers(9) })
    ).reference;
  });
  after(() => t.close());

  async function signedIn(userId: string): Promise<TestClient> {
    const client = t.client();
    client.cookies.set(
      t.app.sessionCookieName,
      await openTestSession(t.database.db, userId, { secondFactor: true }),
    );
    return client;
  }

  /** Requests an export, runs its job, and returns its page's path. */
  async function exportOf(client: TestClient, form: Record<string, string | string[]>): Promise<string> {
    await client.get(`/instruction/appels/${callId}/exports`);
    const requested = await client.post(`/instruction/appels/${callId}/exports`, form);
    assert.equal(requested.statusCode, 303, requested.body.slice(0, 300));
    const path = requested.headers.location as string;
    assert.match(path, new RegExp(`^/instruction/appels/${callId}/exports/[0-9a-f-]{36}$`));
    const waiting = await client.get(path);
    assert.equal(waiting.statusCode, 200);
    assert.match(waiting.body, /L’export va commencer|En attente/);
    // While it runs, the page follows it by itself (the script reads it again), the link stays.
    assert.match(waiting.body, /<script type="module" src="\/assets\/app-[0-9a-f]{10}\/export-progress\.js"/);
    await worker.drain();
    return path;
  }

  test('CSV: a header with the form’s labels, one row per submitted dossier, money in euros, links', async () => {
    const client = await signedIn(instructor.id);
    const path = await exportOf(client, { format: 'csv' });
    const page = await client.get(path);
    assert.match(page.body, /3 \/ 3 dossiers/);
    assert.match(page.body, /Votre fichier est prêt/);
    assert.ok(page.body.includes(`href="${path}/fichier"`));
    assert.doesNotMatch(page.body, /export-progress\.js/, 'nothing left to follow');

    const file = await client.get(`${path}/fichier`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(String(file.headers['content-disposition']), /^attachment; filename="dossiers-.+\.csv"$/);
    const records = parse(file.rawPayload, { delimiter: ';', bom: true }) as string[][];
    const [header, ...rows] = records;
    assert.deepEqual(header, [
      'Référence',
      'Organisation',
      'SIREN',
      'Statut',
      'Déposé le (heure de Paris)',
      'Version',
      'Numéro d’accusé de réception',
      'Empreinte',
      'Nom du projet',
      'Le projet a-t-il déjà reçu un financement ?',
      'Montant déjà reçu',
      'La structure a-t-elle son siège en France ?',
      'Nombre de salariés',
      'Statuts de la structure',
    ]);
    assert.equal(rows.length, 3);
    assert.deepEqual(rows.map((r) => r[0]).sort(), dossiers.map((d) => d.reference).sort());
    assert.ok(!rows.some((r) => r[0] === draftReference), 'drafts are never exported');
    const first = rows.find((r) => r[0] === dossiers[0]?.reference);
    assert.ok(first);
    assert.equal(first[1], 'Structure 1');
    assert.equal(first[2], '552081310');
    assert.equal(first[3], 'Déposé');
    assert.match(first[4] ?? '', /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    assert.equal(first[5], '1');
    assert.match(first[6] ?? '', /^AR-TEST-/);
    assert.match(first[7] ?? '', /^[0-9a-f]{64}$/);
    assert.equal(first[8], 'Projet 1');
    assert.equal(first[9], 'Oui');
    assert.equal(first[10], '12345,51');
    assert.equal(first[13], `${BASE}/dossiers/${dossiers[0]?.id}/fichiers/${fileId}`);
    assert.deepEqual(rows.map((r) => r[3]).sort(), ['Déposé', 'En instruction', 'Irrecevable']);

    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('actor_id', '=', instructor.id)
      .where('action', 'in', ['dossiers.export.request', 'dossiers.export.download'])
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), [
      'dossiers.export.download',
      'dossiers.export.request',
    ]);

    const list = await client.get(`/instruction/appels/${callId}/exports`);
    assert.ok(list.body.includes(`href="${path}"`), 'listed among the recent exports');
  });

  test('XLSX read back with exceljs; a status filter keeps only those statuses', async () => {
    const client = await signedIn(instructor.id);
    const path = await exportOf(client, { format: 'xlsx', statuses: ['irrecevable', 'en_instruction'] });
    const file = await client.get(`${path}/fichier`);
    assert.equal(file.statusCode, 200);
    assert.equal(
      file.headers['content-type'],
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    assert.ok(sheet);
    const values: string[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    assert.equal(values[0]?.[8], 'Nom du projet');
    assert.equal(values.length, 3, 'a header and two dossiers');
    assert.deepEqual(
      values
        .slice(1)
        .map((r) => r[3])
        .sort(),
      ['En instruction', 'Irrecevable'],
    );
    assert.ok(values.slice(1).every((r) => r[10]?.match(/^12345,5\d$/)));
  });

  test('the filter of the dossiers list (`statut`) is the export’s status filter', async () => {
    const client = await signedIn(instructor.id);
    const path = await exportOf(client, { format: 'csv', statut: 'irrecevable' });
    const file = await client.get(`${path}/fichier`);
    const rows = (parse(file.rawPayload, { delimiter: ';', bom: true }) as string[][]).slice(1);
    assert.deepEqual(
      rows.map((r) => r[3]),
      ['Irrecevable'],
    );
  });

  test('dossiers are read by pages (keyset on the reference): none lost nor repeated, progress kept', async () => {
    const db = t.database.db;
    const client = await signedIn(instructor.id);
    await client.get(`/instruction/appels/${callId}/exports`);
    const requested = await client.post(`/instruction/appels/${callId}/exports`, { format: 'csv' });
    const path = requested.headers.location as string;
    const exportId = path.split('/').pop() as string;
    // The job, run here with pages of two dossiers instead of 500.
    await runExport({ db, files: t.files, baseUrl: BASE, pageSize: 2 }, exportId);
    const row = await db
      .selectFrom('dossier_exports')
      .select(['state', 'done', 'total'])
      .where('id', '=', exportId)
      .executeTakeFirstOrThrow();
    assert.deepEqual({ ...row, total: Number(row.total) }, { state: 'done', done: 3, total: 3 });
    const file = await client.get(`${path}/fichier`);
    const rows = (parse(file.rawPayload, { delimiter: ';', bom: true }) as string[][]).slice(1);
    assert.deepEqual(rows.map((r) => r[0]).sort(), dossiers.map((d) => d.reference).sort());
    await worker.drain(); // its queued job finds the export done and does nothing
  });

  test('an expired link answers 410 with its French message', async () => {
    const client = await signedIn(instructor.id);
    const path = await exportOf(client, { format: 'csv' });
    const exportId = path.split('/').pop() as string;
    await sql`UPDATE dossier_exports SET expires_at = now() - interval '1 minute' WHERE id = ${exportId}`.execute(
      t.database.db,
    );
    const file = await client.get(`${path}/fichier`);
    assert.equal(file.statusCode, 410);
    assert.match(file.body, /Ce lien a expiré : relancez l’export\./);
    const page = await client.get(path);
    assert.match(page.body, /Ce lien a expiré/);
    assert.doesNotMatch(page.body, /\/fichier"/);
  });

  test('a bad request is a 400 with the message; nothing is queued', async () => {
    const client = await signedIn(instructor.id);
    await client.get(`/instruction/appels/${callId}/exports`);
    const before = await t.database.db.selectFrom('dossier_exports').select('id').execute();
    const bad = await client.post(`/instruction/appels/${callId}/exports`, {
      format: 'pdf',
      statuses: 'brouillon',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Choisissez le format du fichier/);
    assert.match(bad.body, /Un statut choisi est inconnu/);
    const after = await t.database.db.selectFrom('dossier_exports').select('id').execute();
    assert.equal(after.length, before.length);
  });

  test('a member of an organisation and an instructeur of another call are refused (403)', async () => {
    const staff = await signedIn(instructor.id);
    const path = await exportOf(staff, { format: 'csv' });
    for (const userId of [member.id, otherInstructor.id]) {
      const client = await signedIn(userId);
      for (const url of [`/instruction/appels/${callId}/exports`, path, `${path}/fichier`]) {
        const response = await client.get(url);
        assert.equal(response.statusCode, 403, `${url} for ${userId}`);
      }
    }
  });
});
