import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestUser, enableTestTotp } from '../src/modules/accounts/testing.js';
import { utcToParisFields } from '../src/modules/calls/calls.schemas.js';
import { createTestOrganisation } from '../src/modules/organisations/testing.js';
import { migrate, openDatabase } from '../src/platform/db/index.js';
import { seedGeography } from '../src/platform/geo/index.js';
import { startTestSmtpServer, type TestSmtpServer } from '../src/platform/mail/testing.js';
import type { RunningServer } from '../src/platform/testing/server.js';
import { assertNoAxeViolations } from './support/axe.js';
import { newContext, startServerAndBrowser } from './support/browser.js';
import { submit } from './support/forms.js';
import { clickAndWait, pollUntil, signIn, signOut, tinyPdf, visit } from './support/journey.js';
import { textOf } from './support/layout.js';

/**
 * The acceptance journey of calls and dossiers in Debian's Chromium, against the real server and a real
 * SMTP server: an administrator builds and publishes a call and appoints an instructeur; a member of an
 * organisation prepares a dossier over two sessions, meets an eligibility rule, fixes it, attaches a PDF
 * and submits; the instructeur asks for a correction, compares the versions and declares the dossier
 * admissible, then exports the call's dossiers as CSV; the receipt arrives by e-mail with its PDF. A member
 * of another organisation is refused the dossier and its files. Every page visited passes axe.
 */

const PASSWORD = 'une phrase de passe assez longue';
/** Fixed, so that the TOTP secrets written before the server starts are encrypted with its key. */
const SESSION_SECRET = 'secret-de-session-fixe-du-parcours-des-dossiers-0123456789';
const STAMP = String(Date.now()).slice(-6);

const CALL_TITLE = `Fabriques de territoire ${STAMP}`;
const CALL_SLUG = `fabriques-de-territoire-${STAMP}`;
const SECTION = 'structure';
const FIELDS = {
  siege: { id: 'siege_france', label: 'La structure a-t-elle son siège en France ?' },
  finance: { id: 'deja_finance', label: 'Le projet est-il déjà financé ?' },
  montant: { id: 'montant_recu', label: 'Montant déjà reçu' },
  beneficiaires: { id: 'beneficiaires', label: 'Nombre de bénéficiaires' },
  budget: { id: 'budget', label: 'Budget prévisionnel' },
};
const REASON = 'Seules les structures dont le siège est en France peuvent candidater.';
const CORRECTION = 'Merci de préciser le nombre de bénéficiaires : 120 semble trop faible.';

interface Account {
  id: string;
  email: string;
  password: string;
  totpSecret?: string;
}

let dataDir: string;
let smtp: TestSmtpServer;
let server: RunningServer;
let browser: Browser;
let admin: Account;
let instructor: Account;
let member: Account;
let outsider: Account;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'fi-dossiers-e2e-'));
  const database = await openDatabase({ dataDir });
  try {
    const db = database.db;
    await migrate(db);
    await seedGeography(db);
    const config = { SESSION_SECRET };
    const account = async (
      email: string,
      name: string,
      options: { admin?: boolean; totp?: boolean } = {},
    ): Promise<Account> => {
      const user = await createTestUser(db, {
        email,
        name,
        password: PASSWORD,
        roles: options.admin ? [{ role: 'administrator', scope: null }] : [],
      });
      const created: Account = { id: user.id, email, password: PASSWORD };
      if (options.totp) created.totpSecret = await enableTestTotp(db, user.id, config);
      return created;
    };
    admin = await account(`admin.${STAMP}@exemple.gouv.fr`, 'Dominique Admin', { admin: true, totp: true });
    instructor = await account(`instructeur.${STAMP}@exemple.gouv.fr`, 'Sacha Instructeur', { totp: true });
    member = await account(`membre.${STAMP}@exemple.fr`, 'Alix Porteuse');
    outsider = await account(`autre.${STAMP}@exemple.fr`, 'Dominique Voisine');
    await createTestOrganisation(db, {
      name: `Atelier des Possibles ${STAMP}`,
      members: [{ userId: member.id }],
    });
    await createTestOrganisation(db, {
      name: `Collectif Voisin ${STAMP}`,
      members: [{ userId: outsider.id }],
    });
  } finally {
    await database.close();
  }
  smtp = await startTestSmtpServer();
  ({ server, browser } = await startServerAndBrowser({
    dataDir,
    env: { SEED_ON_START: 'false', SMTP_URL: smtp.url, SESSION_SECRET },
  }));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A new signed-out context (axe is injected inline: the context bypasses the CSP, see support/axe.ts). */
async function freshPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, server.url, { bypassCSP: true });
  return { context, page: await context.newPage() };
}

function path(page: Page): string {
  return new URL(page.url()).pathname;
}

/** The Paris calendar day `days` from now, `aaaa-mm-jj`. */
function parisDay(days: number): string {
  return utcToParisFields(new Date(Date.now() + days * 86_400_000)).date;
}

describe('the dossier journey in the browser', () => {
  const contexts: BrowserContext[] = [];
  let adminPage: Page;
  let memberPage: Page;
  let instructorPage: Page;
  let callId = '';
  let dossierId = '';
  let reference = '';
  let fileHref = '';
  let receiptNumber = '';

  before(async () => {
    for (const which of ['admin', 'member', 'instructor'] as const) {
      const { context, page } = await freshPage();
      contexts.push(context);
      if (which === 'admin') adminPage = page;
      else if (which === 'member') memberPage = page;
      else instructorPage = page;
    }
  });
  after(async () => {
    for (const context of contexts) await context.close();
  });

  test('1. an administrator builds a call, appoints an instructeur and publishes it', async () => {
    const page = adminPage;
    await signIn(page, admin);

    // The call, open for an hour already and closing in five days.
    await visit(page, '/admin/appels/nouveau');
    await assertNoAxeViolations(page, 'nouvel appel');
    const opens = utcToParisFields(new Date(Date.now() - 3_600_000));
    const closes = utcToParisFields(new Date(Date.now() + 5 * 86_400_000));
    const callForm = page.locator('main form[action="/admin/appels/nouveau"]');
    await callForm.locator('input[name="title"]').fill(CALL_TITLE);
    await callForm.locator('input[name="slug"]').fill(CALL_SLUG);
    await callForm
      .locator('textarea[name="summary"]')
      .fill('Soutenir les tiers-lieux qui font vivre les territoires.');
    await callForm
      .locator('textarea[name="presentation"]')
      .fill('Cet appel accompagne les structures qui ouvrent des lieux partagés en France.');
    await callForm.locator('input[name="opens_date"]').fill(opens.date);
    await callForm.locator('input[name="opens_time"]').fill(opens.time);
    await callForm.locator('input[name="closes_date"]').fill(closes.date);
    await callForm.locator('input[name="closes_time"]').fill(closes.time);
    await submit(page, '/admin/appels/nouveau');
    const created = /^\/admin\/appels\/([0-9a-f-]{36})\/apercu$/.exec(path(page));
    assert.ok(created, `the call is created and its preview shown (at ${page.url()})`);
    callId = created[1] ?? '';
    await assertNoAxeViolations(page, 'aperçu de l’appel');

    // The builder: one section, five fields, one eligibility rule.
    const builder = `/admin/appels/${callId}/formulaire`;
    await clickAndWait(page, page.locator(`main a[href="${builder}"]`).first());
    assert.equal(path(page), builder);
    await assertNoAxeViolations(page, 'constructeur de formulaire (vide)');

    await clickAndWait(page, page.locator(`main a[href="${builder}/sections/nouvelle"]`));
    await assertNoAxeViolations(page, 'nouvelle section');
    const sectionForm = page.locator(`main form[action="${builder}/sections/nouvelle"]`);
    await sectionForm.locator('input[name="title"]').fill('Votre structure');
    await sectionForm.locator('input[name="id"]').fill(SECTION);
    await submit(page, `${builder}/sections/nouvelle`);
    assert.equal(path(page), builder, `the section is saved: ${await textOf(page.locator('main'))}`);

    const fieldAction = `${builder}/sections/${SECTION}/champs/nouveau`;
    const addField = async (
      type: string,
      field: { id: string; label: string },
      options: {
        required?: boolean;
        shownIf?: { field: string; op: string };
        inputs?: Record<string, string>;
      } = {},
    ) => {
      await clickAndWait(page, page.locator(`main a[href="${fieldAction}"]`));
      await assertNoAxeViolations(page, 'type du nouveau champ');
      await page.locator(`main form[action="${fieldAction}"] select[name="type"]`).selectOption(type);
      await submit(page, fieldAction);
      assert.equal(new URL(page.url()).searchParams.get('type'), type);
      await assertNoAxeViolations(page, `nouveau champ (${type})`);
      const form = page.locator(`main form[action="${fieldAction}"][method="post"]`);
      await form.locator('input[name="label"]').fill(field.label);
      await form.locator('input[name="id"]').fill(field.id);
      if (options.required) await form.locator('input[name="required"]').check({ force: true });
      for (const [name, value] of Object.entries(options.inputs ?? {}))
        await form.locator(`[name="${name}"]`).fill(value);
      if (options.shownIf) {
        await form.locator('select[name="cond_field"]').selectOption(options.shownIf.field);
        await form.locator('select[name="cond_op"]').selectOption(options.shownIf.op);
      }
      await submit(page, fieldAction);
      assert.equal(
        path(page),
        builder,
        `the field ${field.id} is saved: ${await textOf(page.locator('main'))}`,
      );
    };
    await addField('yes_no', FIELDS.siege, { required: true });
    await addField('yes_no', FIELDS.finance);
    await addField('number', FIELDS.montant, { shownIf: { field: FIELDS.finance.id, op: 'is_yes' } });
    await addField('number', FIELDS.beneficiaires, { required: true });
    await addField('attachment', FIELDS.budget, {
      required: true,
      inputs: { allowed_types: 'application/pdf', max_size_mb: '5' },
    });

    await clickAndWait(page, page.locator(`main a[href="${builder}/regles/nouvelle"]`));
    await assertNoAxeViolations(page, 'nouvelle règle d’éligibilité');
    const ruleForm = page.locator(`main form[action="${builder}/regles/nouvelle"]`);
    await ruleForm.locator('select[name="cond_field"]').selectOption(FIELDS.siege.id);
    await ruleForm.locator('select[name="cond_op"]').selectOption('is_yes');
    await ruleForm.locator('textarea[name="reason"]').fill(REASON);
    await submit(page, `${builder}/regles/nouvelle`);
    assert.equal(path(page), builder, `the rule is saved: ${await textOf(page.locator('main'))}`);
    const overview = await textOf(page.locator('main'));
    for (const field of Object.values(FIELDS)) assert.match(overview, new RegExp(field.label.slice(0, 20)));
    assert.ok(overview.includes(REASON), 'the builder lists the eligibility rule and its reason');
    await assertNoAxeViolations(page, 'constructeur de formulaire (rempli)');

    // The instructeur, by the e-mail address of an existing account.
    const instructors = `/admin/appels/${callId}/instructeurs`;
    await visit(page, instructors);
    await assertNoAxeViolations(page, 'instructeurs de l’appel');
    await page.locator(`main form[action="${instructors}"] input[name="email"]`).fill(instructor.email);
    await submit(page, instructors);
    assert.equal(
      path(page),
      instructors,
      `the instructeur is appointed: ${await textOf(page.locator('main'))}`,
    );
    assert.match(await textOf(page.locator('main')), new RegExp(instructor.email.replace(/\./g, '\\.')));
    await assertNoAxeViolations(page, 'instructeurs de l’appel (ajouté)');

    // Publication, then the public page.
    await visit(page, `/admin/appels/${callId}/apercu`);
    await submit(page, `/admin/appels/${callId}/publication`);
    assert.equal(
      new URL(page.url()).searchParams.get('publie'),
      '1',
      `the call is published: ${await textOf(page.locator('main'))}`,
    );
    await assertNoAxeViolations(page, 'appel publié');
    await visit(page, `/appels/${CALL_SLUG}`);
    assert.match(await textOf(page.locator('main h1')), new RegExp(CALL_TITLE));
  });

  test('2a. a member starts a dossier, answers part of the first step, saves and signs out', async () => {
    assert.ok(callId, 'the call of step 1');
    const page = memberPage;
    await signIn(page, member);
    await visit(page, `/appels/${CALL_SLUG}`);
    await assertNoAxeViolations(page, 'page publique de l’appel (connecté)');
    await submit(page, `/appels/${CALL_SLUG}/candidature`);
    const started = /^\/dossiers\/([0-9a-f-]{36})$/.exec(path(page));
    assert.ok(started, `the dossier is started (at ${page.url()}: ${await textOf(page.locator('main'))})`);
    dossierId = started[1] ?? '';
    await assertNoAxeViolations(page, 'aperçu du dossier (brouillon)');
    reference = await textOf(page.locator('main dl dd').first());
    assert.ok(reference.length > 0, 'the dossier shows its reference');

    const step = `/dossiers/${dossierId}/etapes/${SECTION}`;
    await clickAndWait(page, page.locator(`main a[href="${step}"]`).first());
    assert.equal(path(page), step);
    await assertNoAxeViolations(page, 'étape « Votre structure »');
    const form = page.locator('main form#dossier-form');
    await form.locator(`input[name="${FIELDS.beneficiaires.id}"]`).fill('120');
    await clickAndWait(page, form.locator('button[name="brouillon"]'));
    assert.equal(path(page), step);
    assert.equal(new URL(page.url()).searchParams.get('enregistre'), '1', 'the draft is saved');
    await assertNoAxeViolations(page, 'étape enregistrée');
    await signOut(page);
  });

  test('2b. in a second session the answers are there; « non » to the head office blocks the submission', async () => {
    assert.ok(dossierId, 'the dossier of step 2a');
    const page = memberPage;
    await signIn(page, member);
    await visit(page, '/dossiers');
    await assertNoAxeViolations(page, 'mes dossiers');
    await clickAndWait(page, page.locator(`main a[href="/dossiers/${dossierId}"]`).first());
    const step = `/dossiers/${dossierId}/etapes/${SECTION}`;
    await visit(page, step);
    const form = page.locator('main form#dossier-form');
    assert.equal(
      await form.locator(`input[name="${FIELDS.beneficiaires.id}"]`).inputValue(),
      '120',
      'the answer saved in the first session',
    );
    await form.locator(`input[name="${FIELDS.siege.id}"][value="non"]`).check({ force: true });
    await clickAndWait(page, form.locator('button[name="brouillon"]'));
    assert.equal(new URL(page.url()).searchParams.get('enregistre'), '1', 'the draft is saved');

    await visit(page, `/dossiers/${dossierId}/recapitulatif`);
    await assertNoAxeViolations(page, 'récapitulatif (non éligible)');
    assert.ok(
      (await textOf(page.locator('main'))).includes(REASON),
      'the summary gives the reason of the eligibility rule',
    );
    assert.equal(
      await page.locator(`main form[action="/dossiers/${dossierId}/depot"]`).count(),
      0,
      'no submit button while the dossier is not eligible',
    );
  });

  test('2c. fixed, the conditional field appears; with the PDF the dossier is submitted and receipted', async () => {
    assert.ok(dossierId, 'the dossier of step 2a');
    const page = memberPage;
    const step = `/dossiers/${dossierId}/etapes/${SECTION}`;
    await visit(page, step);
    const form = page.locator('main form#dossier-form');
    const montant = page.locator(`main [data-field="${FIELDS.montant.id}"]`);
    assert.equal(await montant.isVisible(), false, 'the amount is hidden while « déjà financé » is not yes');
    await form.locator(`input[name="${FIELDS.siege.id}"][value="oui"]`).check({ force: true });
    await form.locator(`input[name="${FIELDS.finance.id}"][value="oui"]`).check({ force: true });
    // The page's script shows it at once; without it, it shows after saving (checked below as well).
    await montant.waitFor({ state: 'visible', timeout: 5_000 });
    await form.locator(`input[name="${FIELDS.montant.id}"]`).fill('5000');
    // The script also saves the draft a moment after the change, and says so; the page's lock version
    // follows, so that saving by the button afterwards is not taken for another tab's change.
    await page
      .locator('#dossier-autosave')
      .filter({ hasText: /Brouillon enregistré à \d/ })
      .waitFor({ timeout: 10_000 });
    await clickAndWait(page, form.locator('button[name="brouillon"]'));
    assert.equal(new URL(page.url()).searchParams.get('enregistre'), '1', 'the draft is saved');
    assert.equal(await montant.isVisible(), true, 'the amount stays shown once « oui » is saved');
    assert.equal(await form.locator(`input[name="${FIELDS.montant.id}"]`).inputValue(), '5000');
    await assertNoAxeViolations(page, 'étape avec le champ conditionnel');

    // The attachment, in its own form.
    const input = page.locator('main input[type="file"][name="fichier"]');
    const inputId = await input.getAttribute('id');
    assert.ok(inputId, 'the file input has an id');
    await input.setInputFiles({ name: 'budget.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await clickAndWait(page, page.locator(`main button[form="upload-${inputId}"]`));
    assert.equal(
      new URL(page.url()).searchParams.get('piece'),
      'ajoutee',
      `the file is received (at ${page.url()}: ${await textOf(page.locator('main'))})`,
    );
    assert.match(await textOf(page.locator('main')), /budget\.pdf/);
    await assertNoAxeViolations(page, 'étape avec la pièce jointe');

    // Save and continue: the summary (the only step), then the submission.
    await clickAndWait(page, page.locator('main form#dossier-form button[name="suite"]'));
    assert.equal(path(page), `/dossiers/${dossierId}/recapitulatif`);
    await assertNoAxeViolations(page, 'récapitulatif (prêt)');
    assert.ok(!(await textOf(page.locator('main'))).includes(REASON), 'no eligibility reason any more');
    await submit(page, `/dossiers/${dossierId}/depot`);
    assert.equal(
      path(page),
      `/dossiers/${dossierId}/versions/1`,
      `the dossier is submitted: ${await textOf(page.locator('main'))}`,
    );
    await assertNoAxeViolations(page, 'accusé de réception (version 1)');
    receiptNumber = await textOf(page.locator('#numero-accuse'));
    assert.ok(receiptNumber.length > 0, 'the receipt page shows a receipt number');

    // The receipt as a PDF, with the page's cookies.
    const pdfHref = await page.locator('main a[href$="/accuse-de-reception.pdf"]').getAttribute('href');
    assert.ok(pdfHref, 'a link to the receipt PDF');
    const pdf = await page.context().request.get(pdfHref);
    assert.equal(pdf.status(), 200, `GET ${pdfHref}\n${server.output().slice(-3000)}`);
    assert.match(pdf.headers()['content-type'] ?? '', /^application\/pdf/);
    assert.equal((await pdf.body()).subarray(0, 4).toString('latin1'), '%PDF');

    // The attachment, downloadable by the applicant.
    fileHref =
      (await page.locator(`main a[href^="/dossiers/${dossierId}/fichiers/"]`).first().getAttribute('href')) ??
      '';
    assert.ok(fileHref, 'the submitted version links to its attachment');
    const file = await page.context().request.get(fileHref);
    assert.equal(file.status(), 200, `GET ${fileHref}`);
    assert.equal((await file.body()).subarray(0, 4).toString('latin1'), '%PDF');
  });

  test('2d. a member of another organisation is refused the dossier and its attachment (403)', async () => {
    assert.ok(dossierId && fileHref, 'the dossier and attachment of step 2c');
    const { context, page } = await freshPage();
    try {
      await signIn(page, outsider);
      await visit(page, `/dossiers/${dossierId}`, 403);
      await assertNoAxeViolations(page, 'dossier d’une autre structure (403)');
      const file = await context.request.get(fileHref);
      assert.equal(file.status(), 403, `GET ${fileHref} by a member of another organisation`);
      assert.notEqual((await file.body()).subarray(0, 4).toString('latin1'), '%PDF');
      const receipt = await context.request.get(`/dossiers/${dossierId}/versions/1/accuse-de-reception.pdf`);
      assert.equal(receipt.status(), 403, 'the receipt PDF of another organisation');
    } finally {
      await context.close();
    }
  });

  test('3a. the instructeur finds the dossier and asks for a correction', async () => {
    assert.ok(dossierId, 'the dossier of step 2');
    const page = instructorPage;
    await signIn(page, instructor);
    await visit(page, '/instruction');
    await assertNoAxeViolations(page, 'instruction, mes appels');
    await clickAndWait(page, page.locator(`main a[href="/instruction/appels/${callId}"]`).first());
    await assertNoAxeViolations(page, 'instruction, dossiers de l’appel');
    assert.ok((await textOf(page.locator('main'))).includes(reference), 'the list shows the dossier');
    await clickAndWait(page, page.locator(`main a[href="/instruction/dossiers/${dossierId}"]`).first());
    assert.equal(path(page), `/instruction/dossiers/${dossierId}`);
    await assertNoAxeViolations(page, 'instruction, dossier (déposé)');
    assert.match(await textOf(page.locator('main h1')), new RegExp(reference));

    const action = `/instruction/dossiers/${dossierId}/demande-de-correction`;
    const form = page.locator(`main form[action="${action}"]`);
    await form.locator('textarea[name="message"]').fill(CORRECTION);
    await form.locator('input[name="echeance"]').fill(parisDay(7));
    await submit(page, action);
    assert.equal(
      new URL(page.url()).searchParams.get('fait'),
      'statut',
      `the correction is asked for: ${await textOf(page.locator('main'))}`,
    );
    assert.match(await textOf(page.locator('main')), /À corriger/);
    await assertNoAxeViolations(page, 'instruction, dossier (à corriger)');
  });

  test('3b. the member sees « à corriger », edits an answer and submits version 2', async () => {
    const { context, page } = await freshPage();
    contexts.push(context);
    memberPage = page;
    await signIn(page, member);
    await visit(page, '/dossiers');
    await assertNoAxeViolations(page, 'mes dossiers (à corriger)');
    assert.match(await textOf(page.locator('main')), /À corriger/);
    await clickAndWait(page, page.locator(`main a[href="/dossiers/${dossierId}"]`).first());
    await assertNoAxeViolations(page, 'aperçu du dossier (à corriger)');
    assert.match(await textOf(page.locator('main')), /À corriger/);

    const step = `/dossiers/${dossierId}/etapes/${SECTION}`;
    await clickAndWait(page, page.locator(`main a[href="${step}"]`).first());
    await assertNoAxeViolations(page, 'étape (correction)');
    const form = page.locator('main form#dossier-form');
    await form.locator(`input[name="${FIELDS.beneficiaires.id}"]`).fill('4217');
    await clickAndWait(page, form.locator('button[name="suite"]'));
    assert.equal(path(page), `/dossiers/${dossierId}/recapitulatif`);
    await assertNoAxeViolations(page, 'récapitulatif (correction)');
    await submit(page, `/dossiers/${dossierId}/depot`);
    assert.equal(
      path(page),
      `/dossiers/${dossierId}/versions/2`,
      `version 2 is submitted: ${await textOf(page.locator('main'))}`,
    );
    assert.ok((await textOf(page.locator('#numero-accuse'))).length > 0, 'version 2 has its receipt number');
    await assertNoAxeViolations(page, 'accusé de réception (version 2)');
  });

  test('3c. the instructeur sees version 2 and what changed, then declares the dossier admissible', async () => {
    const page = instructorPage;
    const base = `/instruction/dossiers/${dossierId}`;
    await visit(page, base);
    await assertNoAxeViolations(page, 'instruction, dossier (version 2)');
    const main = await textOf(page.locator('main'));
    assert.match(main, /Réponses \(version 2\)/);
    assert.match(main, /4217/);

    await submit(page, `${base}/versions`);
    assert.equal(path(page), `${base}/versions`);
    await assertNoAxeViolations(page, 'instruction, comparaison des versions');
    const row = page.locator('main table tr', { hasText: FIELDS.beneficiaires.label });
    assert.equal(
      await row.count(),
      1,
      `the diff names the edited field: ${await textOf(page.locator('main'))}`,
    );
    const changed = await textOf(row);
    assert.match(changed, /120/, 'the old answer');
    assert.match(changed, /4217/, 'the new answer');

    await visit(page, base);
    const action = `${base}/recevabilite`;
    const form = page.locator(`main form[action="${action}"]`);
    await form.locator('input[name="decision"][value="recevable"]').check({ force: true });
    await submit(page, action);
    assert.equal(
      new URL(page.url()).searchParams.get('fait'),
      'statut',
      `the dossier is declared admissible: ${await textOf(page.locator('main'))}`,
    );
    assert.match(await textOf(page.locator('main')), /Statut du dossier : Recevable/);
    await assertNoAxeViolations(page, 'instruction, dossier (recevable)');
  });

  test('4. the instructeur exports the call as CSV: the file has the dossier and the edited answer', async () => {
    const page = instructorPage;
    const exportsPath = `/instruction/appels/${callId}/exports`;
    await visit(page, exportsPath);
    await assertNoAxeViolations(page, 'exports de l’appel');
    await page
      .locator(`main form[action="${exportsPath}"] input[name="format"][value="csv"]`)
      .check({ force: true });
    await submit(page, exportsPath);
    const progress = path(page);
    assert.match(
      progress,
      new RegExp(`^${exportsPath}/[0-9a-f-]{36}$`),
      `the export is queued (at ${page.url()})`,
    );
    await assertNoAxeViolations(page, 'export en cours');

    // No reload by hand: while the export runs, the page's script follows it and shows the result.
    const download = page.locator(`main a[href="${progress}/fichier"]`);
    await download.waitFor({ timeout: 60_000 });
    await assertNoAxeViolations(page, 'export prêt');
    const response = await page.context().request.get(`${progress}/fichier`);
    assert.equal(response.status(), 200, `GET ${progress}/fichier`);
    assert.match(response.headers()['content-type'] ?? '', /text\/csv/);
    const csv = (await response.body()).toString('utf8');
    const line = csv.split(/\r?\n/).find((l) => l.includes(reference));
    assert.ok(line, `the CSV has a row for ${reference}:\n${csv.slice(0, 2000)}`);
    assert.match(line, /4217/, `the row has the edited answer: ${line}`);
  });

  test('5. the member received the receipt by e-mail, with the PDF attached', async () => {
    const mail = await pollUntil(
      `a receipt e-mail to ${member.email}`,
      async () =>
        smtp.messages.find(
          (m) =>
            m.envelope.to.includes(member.email) &&
            m.subject.startsWith('Accusé de réception') &&
            (m.text ?? '').includes(receiptNumber),
        ),
      20_000,
    );
    assert.ok(mail.subject.includes(CALL_TITLE), `subject: ${mail.subject}`);
    assert.match(mail.raw, /Content-Type: application\/pdf/i, 'a PDF part');
    // « %PDF- » in base64.
    assert.match(mail.raw, /JVBERi0/, 'the attached PDF starts with %PDF-');
  });
});
