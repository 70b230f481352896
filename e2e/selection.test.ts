import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { createTestUser, enableTestTotp } from '../src/modules/accounts/testing.js';
import { createTestCall, createTestDossier } from '../src/modules/dossiers/testing.js';
import type { ImpactDomain } from '../src/modules/organisations/index.js';
import { createTestOrganisation } from '../src/modules/organisations/testing.js';
import { migrate, openDatabase } from '../src/platform/db/index.js';
import { seedGeography } from '../src/platform/geo/index.js';
import { type ReceivedMail, startTestSmtpServer, type TestSmtpServer } from '../src/platform/mail/testing.js';
import type { RunningServer } from '../src/platform/testing/server.js';
import { assertNoAxeViolations } from './support/axe.js';
import { newContext, startServerAndBrowser } from './support/browser.js';
import { submit } from './support/forms.js';
import { clickAndWait, pollUntil, signIn, visit } from './support/journey.js';
import { textOf } from './support/layout.js';

/**
 * The acceptance journey of the jury and the selection in Debian's Chromium, against the real server and a
 * real SMTP server: an administrator appoints a jury of three (one of them president), sets the grid,
 * computes and publishes the assignment (two évaluateurs per dossier); two évaluateurs score; one declares
 * a conflict of interest and the third, e-mailed, replaces them and scores; the president deliberates and
 * publishes the results. The laureate then appears in the showcase and, with its badge, in the directory;
 * the other applicant's member receives the motivation by e-mail. Every page visited passes axe.
 */

const PASSWORD = 'une phrase de passe assez longue';
/** Fixed, so that the TOTP secrets written before the server starts are encrypted with its key. */
const SESSION_SECRET = 'secret-de-session-fixe-du-parcours-de-selection-0123456789';
const STAMP = String(Date.now()).slice(-6);

const CALL_TITLE = `Tremplin solidaire ${STAMP}`;
const CALL_SLUG = `tremplin-solidaire-${STAMP}`;
const LAUREATE_NAME = 'Ressourcerie des Quatre Vents';
const LAUREATE_SLUG = 'ressourcerie-des-quatre-vents';
const OTHER_NAME = 'Jardins partagés de la Colline';
const CONFLICT_REASON = 'J’ai siégé au conseil d’administration de cette association jusqu’en 2025.';
const LAUREATE_MOTIVATION = 'Un modèle de réemploi solide, déjà ancré dans trois quartiers.';
const REJECT_MOTIVATION = 'Le projet reste à consolider : le budget ne couvre pas la deuxième année.';

const CRITERIA = [
  {
    label: 'Impact social',
    min: '1',
    max: '4',
    weight: '2',
    levels: '1 : Insuffisant\n2 : Moyen\n3 : Bon\n4 : Excellent',
  },
  {
    label: 'Solidité du modèle économique',
    min: '1',
    max: '3',
    weight: '1',
    levels: '1 : Fragile\n2 : Correcte\n3 : Solide',
  },
];

interface Account {
  id: string;
  email: string;
  name: string;
  password: string;
  totpSecret?: string;
}

interface Reviewer extends Account {
  domains: ImpactDomain[];
  capacity: string;
}

interface Applicant {
  organisationId: string;
  name: string;
  dossierId: string;
  reference: string;
  member: Account;
}

let dataDir: string;
let smtp: TestSmtpServer;
let server: RunningServer;
let browser: Browser;
let callId: string;
let admin: Account;
/** A (the president) and B score; B declares a conflict; C replaces B. */
let reviewerA: Reviewer;
let reviewerB: Reviewer;
let reviewerC: Reviewer;
let laureate: Applicant;
let other: Applicant;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'fi-selection-e2e-'));
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
      const created: Account = { id: user.id, email, name, password: PASSWORD };
      if (options.totp) created.totpSecret = await enableTestTotp(db, user.id, config);
      return created;
    };
    admin = await account(`admin.${STAMP}@exemple.gouv.fr`, 'Dominique Admin', { admin: true, totp: true });
    // Évaluateur accounts only: the administrator appoints them in the browser. With capacities 10, 10 and 1
    // and matching domains, the exact assignment gives both dossiers to A and B and nothing to C.
    reviewerA = {
      ...(await account(`evaluatrice.a.${STAMP}@exemple.fr`, 'Aurore Présidente', { totp: true })),
      domains: ['transition_ecologique', 'alimentation'],
      capacity: '10',
    };
    reviewerB = {
      ...(await account(`evaluateur.b.${STAMP}@exemple.fr`, 'Bastien Évaluateur', { totp: true })),
      domains: ['transition_ecologique', 'alimentation'],
      capacity: '10',
    };
    reviewerC = {
      ...(await account(`evaluatrice.c.${STAMP}@exemple.fr`, 'Camille Suppléante', { totp: true })),
      domains: ['culture'],
      capacity: '1',
    };

    const call = await createTestCall(db, {
      title: CALL_TITLE,
      slug: CALL_SLUG,
      opensAt: new Date(Date.now() - 40 * 86_400_000),
      closesAt: new Date(Date.now() - 10 * 86_400_000),
    });
    callId = call.id;
    const applicant = async (name: string, domain: ImpactDomain, memberEmail: string, memberName: string) => {
      const member = await account(memberEmail, memberName);
      const organisation = await createTestOrganisation(db, {
        name,
        description: `${name} agit pour son quartier.`,
        members: [{ userId: member.id }],
      });
      await db
        .updateTable('organisations')
        .set({ domains: [domain] })
        .where('id', '=', organisation.id)
        .execute();
      const dossier = await createTestDossier(db, {
        callId,
        organisationId: organisation.id,
        status: 'recevable',
        createdBy: member.id,
        title: `Projet de ${name}`,
        answers: { nom_projet: `Projet de ${name}`, salaries: 4 },
      });
      return {
        organisationId: organisation.id,
        name,
        dossierId: dossier.id,
        reference: dossier.reference,
        member,
      };
    };
    laureate = await applicant(
      LAUREATE_NAME,
      'transition_ecologique',
      `membre.ressourcerie.${STAMP}@exemple.fr`,
      'Alix Porteuse',
    );
    other = await applicant(
      OTHER_NAME,
      'alimentation',
      `membre.jardins.${STAMP}@exemple.fr`,
      'Noa Jardinier',
    );
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

function param(page: Page, name: string): string | null {
  return new URL(page.url()).searchParams.get(name);
}

/** The page's main text and the end of the server's output, for failure messages. */
async function explain(page: Page): Promise<string> {
  return `at ${page.url()}: ${await textOf(page.locator('main'))}\n--- server ---\n${server.output().slice(-3000)}`;
}

/** The first message to `to` whose subject starts with `subject` and whose text has `has`, waited for. */
function mailTo(to: string, subject: string, has = ''): Promise<ReceivedMail> {
  return pollUntil(
    `an e-mail « ${subject} » to ${to}`,
    async () =>
      smtp.messages.find(
        (m) =>
          m.envelope.to.includes(to) &&
          m.subject.startsWith(subject) &&
          (m.text ?? '').replace(/\s+/g, ' ').includes(has),
      ),
    20_000,
  );
}

/** Scores every criterion of the grid with `level`, comments, recommends and submits; the review is then read-only. */
async function scoreDossier(
  page: Page,
  dossierId: string,
  level: number,
  recommendation: 'a_retenir' | 'a_discuter' | 'a_ecarter',
  label: string,
): Promise<void> {
  const href = `/evaluations/dossiers/${dossierId}`;
  await visit(page, '/evaluations');
  await clickAndWait(page, page.locator(`main a[href="${href}"]`).first());
  assert.equal(path(page), href);
  await assertNoAxeViolations(page, `évaluation à faire (${label})`);
  const action = `${href}/evaluation`;
  const form = page.locator(`main form[action="${action}"]`);
  const scoreNames = await form
    .locator('input[type="radio"][name^="score_"]')
    .evaluateAll((inputs) => [
      ...new Set(
        inputs.map((i) => (i as unknown as { getAttribute(n: string): string }).getAttribute('name')),
      ),
    ]);
  assert.equal(scoreNames.length, CRITERIA.length, 'one group of levels per criterion of the grid');
  for (const name of scoreNames) {
    const levels = form.locator(`input[type="radio"][name="${name}"]`);
    // The level asked for, or the highest of a shorter scale.
    const wanted = form.locator(`input[type="radio"][name="${name}"][value="${level}"]`);
    await ((await wanted.count()) > 0 ? wanted : levels.last()).check({ force: true });
  }
  const comments = form.locator('textarea[name^="comment_"]');
  for (let i = 0; i < (await comments.count()); i++)
    await comments.nth(i).fill(`Appréciation ${i + 1} de l’évaluateur sur ce critère.`);
  await form.locator('textarea[name="overall_comment"]').fill('Un dossier clair et bien documenté.');
  await form.locator(`input[name="recommendation"][value="${recommendation}"]`).check({ force: true });
  await clickAndWait(page, form.locator('button[name="action"][value="soumettre"]'));
  assert.equal(param(page, 'soumis'), '1', `the review is submitted (${label}) ${await explain(page)}`);
  assert.equal(await page.locator(`main form[action="${action}"]`).count(), 0, 'no form once submitted');
  assert.equal(await page.locator('main input[name^="score_"]').count(), 0, 'the review is read-only');
  await assertNoAxeViolations(page, `évaluation soumise (${label})`);
}

/** The links of /evaluations to dossier pages. */
async function assignedOn(page: Page): Promise<string[]> {
  await visit(page, '/evaluations');
  return page
    .locator('main a[href^="/evaluations/dossiers/"]')
    .evaluateAll((links) =>
      links.map((a) => (a as unknown as { getAttribute(n: string): string }).getAttribute('href')),
    );
}

function rowOf(page: Page, reference: string): Locator {
  return page.locator('main table tr', { hasText: reference });
}

describe('the selection journey in the browser', () => {
  const contexts: BrowserContext[] = [];
  const pages = new Map<string, Page>();
  const base = () => `/admin/appels/${callId}/selection`;
  const pageOf = (who: string) => {
    const page = pages.get(who);
    assert.ok(page, `the page of ${who}`);
    return page;
  };

  before(async () => {
    for (const who of ['admin', 'A', 'B', 'C']) {
      const { context, page } = await freshPage();
      contexts.push(context);
      pages.set(who, page);
    }
  });
  after(async () => {
    for (const context of contexts) await context.close();
  });

  test('1. the administrator appoints the jury, names the president and builds the grid', async () => {
    const page = pageOf('admin');
    await signIn(page, admin);
    await visit(page, base());
    await assertNoAxeViolations(page, 'sélection, accueil');

    const jury = `${base()}/jury`;
    await clickAndWait(page, page.locator(`main a[href="${jury}"]`).first());
    assert.equal(path(page), jury);
    await assertNoAxeViolations(page, 'jury (vide)');
    for (const reviewer of [reviewerA, reviewerB, reviewerC]) {
      const form = page.locator(`main form[action="${jury}"]`);
      await form.locator('input[name="email"]').fill(reviewer.email);
      for (const domain of reviewer.domains)
        await form.locator(`input[name="domaines"][value="${domain}"]`).check({ force: true });
      await form.locator('input[name="capacite"]').fill(reviewer.capacity);
      await submit(page, jury);
      assert.equal(param(page, 'nomme'), '1', `${reviewer.email} is appointed ${await explain(page)}`);
      assert.match(await textOf(rowOf(page, reviewer.email)), new RegExp(reviewer.name));
    }
    await assertNoAxeViolations(page, 'jury (trois membres)');
    // Each one is told by e-mail, with how to declare a conflict of interest.
    for (const reviewer of [reviewerA, reviewerB, reviewerC])
      await mailTo(reviewer.email, 'Vous faites partie du jury', 'conflit d’intérêts');

    // The presidency, on the member's own page.
    const memberPath = `${jury}/${reviewerA.id}`;
    await clickAndWait(page, page.locator(`main a[href="${memberPath}"]`));
    assert.equal(path(page), memberPath);
    await assertNoAxeViolations(page, 'membre du jury');
    await page.locator(`main form[action="${memberPath}"] input[name="president"]`).check({ force: true });
    await submit(page, memberPath);
    assert.equal(param(page, 'modifie'), '1', `the president is named ${await explain(page)}`);
    assert.match(await textOf(rowOf(page, reviewerA.email)), /Président du jury/);
    assert.doesNotMatch(await textOf(rowOf(page, reviewerB.email)), /Président du jury/);
    await assertNoAxeViolations(page, 'jury (présidente nommée)');

    // Settings (two évaluateurs per dossier) and two criteria with labelled levels.
    const grid = `${base()}/grille`;
    await visit(page, base());
    await clickAndWait(page, page.locator(`main a[href="${grid}"]`).first());
    assert.equal(path(page), grid);
    await assertNoAxeViolations(page, 'grille (vide)');
    await page
      .locator(`main form[action="${grid}/parametres"] input[name="evaluateurs_par_dossier"]`)
      .fill('2');
    await submit(page, `${grid}/parametres`);
    assert.equal(param(page, 'parametres'), '1', `the settings are saved ${await explain(page)}`);
    assert.equal(
      await page.locator('main input[name="evaluateurs_par_dossier"]').inputValue(),
      '2',
      'k = 2 is kept',
    );
    for (const criterion of CRITERIA) {
      const form = page.locator(`main form[action="${grid}/criteres"]`);
      await form.locator('input[name="libelle"]').fill(criterion.label);
      await form.locator('input[name="poids"]').fill(criterion.weight);
      await form.locator('input[name="note_min"]').fill(criterion.min);
      await form.locator('input[name="note_max"]').fill(criterion.max);
      await form.locator('textarea[name="niveaux"]').fill(criterion.levels);
      await submit(page, `${grid}/criteres`);
      assert.equal(param(page, 'enregistre'), '1', `${criterion.label} is added ${await explain(page)}`);
    }
    const gridText = await textOf(page.locator('main'));
    for (const criterion of CRITERIA) assert.ok(gridText.includes(criterion.label), criterion.label);
    assert.match(gridText, /4 : Excellent/, 'the labelled levels are listed');
    await assertNoAxeViolations(page, 'grille (deux critères)');
  });

  test('2. the administrator computes the assignment (2 évaluateurs per dossier) and publishes it', async () => {
    const page = pageOf('admin');
    const assignment = `${base()}/affectation`;
    await visit(page, base());
    await clickAndWait(page, page.locator(`main a[href="${assignment}"]`).first());
    assert.equal(path(page), assignment);
    await assertNoAxeViolations(page, 'affectation (avant le calcul)');

    await submit(page, `${assignment}/calcul`);
    assert.equal(path(page), assignment, `the assignment is computed ${await explain(page)}`);
    await assertNoAxeViolations(page, 'affectation (proposée)');
    for (const applicant of [laureate, other]) {
      const row = await textOf(rowOf(page, applicant.reference).filter({ hasText: '2 / 2' }));
      assert.ok(row, `${applicant.reference} has 2 évaluateurs out of 2 ${await explain(page)}`);
      assert.match(row, new RegExp(reviewerA.name));
      assert.match(row, new RegExp(reviewerB.name));
      assert.doesNotMatch(row, new RegExp(reviewerC.name));
      assert.match(row, /proposée/);
    }

    await submit(page, `${assignment}/publication`);
    assert.equal(path(page), assignment, `the assignment is published ${await explain(page)}`);
    for (const applicant of [laureate, other]) {
      const row = await textOf(rowOf(page, applicant.reference).filter({ hasText: '2 / 2' }));
      assert.match(row, /publiée/, `${applicant.reference} is published`);
      assert.doesNotMatch(row, /proposée/);
    }
    await assertNoAxeViolations(page, 'affectation (publiée)');

    // Each évaluateur with dossiers is told so, once.
    const notice = await mailTo(reviewerA.email, 'Dossiers à évaluer', laureate.reference);
    assert.ok((notice.text ?? '').includes(other.reference), 'the notice lists both dossiers');
  });

  test('3. évaluateurs A and B find their dossiers and score them; the review is then read-only', async () => {
    const pageA = pageOf('A');
    await signIn(pageA, reviewerA);
    await visit(pageA, '/evaluations');
    await assertNoAxeViolations(pageA, 'mes évaluations (A)');
    const listA = await assignedOn(pageA);
    for (const applicant of [laureate, other])
      assert.ok(
        listA.includes(`/evaluations/dossiers/${applicant.dossierId}`),
        `A has ${applicant.reference}`,
      );
    await scoreDossier(pageA, laureate.dossierId, 4, 'a_retenir', 'A, lauréat');
    await scoreDossier(pageA, other.dossierId, 2, 'a_discuter', 'A, autre');
    await visit(pageA, '/evaluations');
    assert.match(await textOf(pageA.locator('main')), /Soumis/i, 'the list shows the submitted reviews');
    await assertNoAxeViolations(pageA, 'mes évaluations (A, tout soumis)');

    const pageB = pageOf('B');
    await signIn(pageB, reviewerB);
    await visit(pageB, '/evaluations');
    await assertNoAxeViolations(pageB, 'mes évaluations (B)');
    const listB = await assignedOn(pageB);
    for (const applicant of [laureate, other])
      assert.ok(
        listB.includes(`/evaluations/dossiers/${applicant.dossierId}`),
        `B has ${applicant.reference}`,
      );
    await scoreDossier(pageB, laureate.dossierId, 3, 'a_retenir', 'B, lauréat');
  });

  test('4. B declares a conflict on the other dossier; C replaces B, is e-mailed and scores it', async () => {
    const pageB = pageOf('B');
    const conflicts = `/evaluations/appels/${callId}/conflits`;
    await visit(pageB, '/evaluations');
    await clickAndWait(pageB, pageB.locator(`main a[href="${conflicts}"]`).first());
    assert.equal(path(pageB), conflicts);
    await assertNoAxeViolations(pageB, 'conflits d’intérêts (B)');
    const form = pageB.locator(`main form[action="${conflicts}"]`);
    await form.locator('select[name="dossier"]').selectOption(other.dossierId);
    await form.locator('textarea[name="raison"]').fill(CONFLICT_REASON);
    await submit(pageB, conflicts);
    assert.equal(param(pageB, 'fait'), 'declare', `the conflict is declared ${await explain(pageB)}`);
    assert.ok(
      (await textOf(rowOf(pageB, other.reference))).includes(CONFLICT_REASON),
      'the declaration is listed with its reason',
    );
    await assertNoAxeViolations(pageB, 'conflits d’intérêts (déclaré)');

    const listB = await assignedOn(pageB);
    assert.ok(!listB.includes(`/evaluations/dossiers/${other.dossierId}`), 'B no longer has the dossier');
    assert.ok(listB.includes(`/evaluations/dossiers/${laureate.dossierId}`), 'B keeps the other one');
    await assertNoAxeViolations(pageB, 'mes évaluations (B, après le conflit)');
    await visit(pageB, `/evaluations/dossiers/${other.dossierId}`, 403);
    await assertNoAxeViolations(pageB, 'dossier retiré (403)');

    const replacement = await mailTo(reviewerC.email, 'Dossiers à évaluer', other.reference);
    assert.ok(!(replacement.text ?? '').includes(laureate.reference), 'only the new dossier');

    const pageC = pageOf('C');
    await signIn(pageC, reviewerC);
    await visit(pageC, '/evaluations');
    await assertNoAxeViolations(pageC, 'mes évaluations (C)');
    const listC = await assignedOn(pageC);
    assert.deepEqual(
      listC,
      [`/evaluations/dossiers/${other.dossierId}`],
      'C has exactly the replaced dossier',
    );
    await scoreDossier(pageC, other.dossierId, 1, 'a_ecarter', 'C, remplaçante');

    // The staff's view of the assignment: C now on the dossier, the declaration shown.
    const staff = pageOf('admin');
    await visit(staff, `${base()}/affectation`);
    const row = await textOf(rowOf(staff, other.reference).filter({ hasText: '2 / 2' }));
    assert.match(row, new RegExp(reviewerC.name), `C is on ${other.reference}`);
    assert.doesNotMatch(row, new RegExp(reviewerB.name));
    await assertNoAxeViolations(staff, 'affectation (après le remplacement)');
  });

  test('5. the staff read the ranking; the president deliberates and publishes the results', async () => {
    const staff = pageOf('admin');
    const ranking = `${base()}/classement`;
    await visit(staff, base());
    await clickAndWait(staff, staff.locator(`main a[href="${ranking}"]`).first());
    assert.equal(path(staff), ranking);
    await assertNoAxeViolations(staff, 'classement');
    const rankingText = await textOf(staff.locator('main'));
    for (const applicant of [laureate, other])
      assert.ok(rankingText.includes(applicant.reference), `the ranking lists ${applicant.reference}`);

    const page = pageOf('A');
    const deliberation = `/evaluations/appels/${callId}/deliberation`;
    await visit(page, deliberation);
    await assertNoAxeViolations(page, 'délibération');
    const decide = async (applicant: Applicant, decision: 'laureat' | 'non_retenu', motivation: string) => {
      const form = page.locator(
        `main section[aria-labelledby="deliberation-${applicant.dossierId}-titre"] form[action="${deliberation}/decisions"]`,
      );
      await form.locator(`input[name="decision"][value="${decision}"]`).check({ force: true });
      await form.locator('textarea[name="motivation"]').fill(motivation);
      await clickAndWait(page, form.locator('button[type="submit"]'));
      assert.equal(param(page, 'fait'), 'decision', `the decision is prepared ${await explain(page)}`);
    };
    await decide(laureate, 'laureat', LAUREATE_MOTIVATION);
    await decide(other, 'non_retenu', REJECT_MOTIVATION);
    await assertNoAxeViolations(page, 'délibération (décisions préparées)');

    await submit(page, `${deliberation}/publication`);
    assert.equal(param(page, 'fait'), 'publication', `the results are published ${await explain(page)}`);
    const published = await textOf(page.locator('main'));
    assert.match(published, /Résultats publiés/);
    assert.equal(await page.locator(`main form[action="${deliberation}/publication"]`).count(), 0);
    await assertNoAxeViolations(page, 'délibération (résultats publiés)');
  });

  test('6. the laureate is in the showcase and the directory; the other applicant gets the motivation', async () => {
    const { context, page } = await freshPage();
    contexts.push(context);
    await visit(page, '/vitrine');
    await assertNoAxeViolations(page, 'vitrine');
    const cohort = `/vitrine/${CALL_SLUG}`;
    await clickAndWait(page, page.locator(`main a[href="${cohort}"]`).first());
    assert.equal(path(page), cohort);
    await assertNoAxeViolations(page, 'vitrine, promotion');
    const cohortText = await textOf(page.locator('main'));
    assert.ok(cohortText.includes(LAUREATE_NAME), `the cohort lists the laureate ${await explain(page)}`);
    assert.ok(!cohortText.includes(OTHER_NAME), 'and not the other applicant');

    const laureatePage = `${cohort}/${LAUREATE_SLUG}`;
    await clickAndWait(page, page.locator(`main a[href="${laureatePage}"]`).first());
    assert.equal(path(page), laureatePage);
    assert.equal(await textOf(page.locator('main h1')), LAUREATE_NAME);
    await assertNoAxeViolations(page, 'vitrine, page du lauréat');

    await visit(page, `/annuaire?q=${encodeURIComponent('Ressourcerie Quatre Vents')}`);
    const card = page.locator('main .fr-card', { hasText: LAUREATE_NAME });
    assert.equal(await card.count(), 1, `the directory finds the laureate ${await explain(page)}`);
    assert.match(await textOf(card), new RegExp(`Lauréat ${CALL_TITLE}`), 'its card has the laureate badge');
    await assertNoAxeViolations(page, 'annuaire, recherche du lauréat');

    const rejected = await mailTo(other.member.email, 'Résultat de l’appel', REJECT_MOTIVATION);
    assert.ok(rejected.subject.includes(CALL_TITLE), `subject: ${rejected.subject}`);
    await mailTo(laureate.member.email, 'Résultat de l’appel', LAUREATE_MOTIVATION);
  });
});
