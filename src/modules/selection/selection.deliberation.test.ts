import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../../platform/db/index.js';
import type { MailJobPayload } from '../../platform/mail/index.js';
import { pageText, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { createTestUser, openTestSession, type TestUser } from '../accounts/testing.js';
import type { DossierStatus } from '../dossiers/index.js';
import { createTestCall, createTestDossier } from '../dossiers/testing.js';
import type { ImpactDomain } from '../organisations/index.js';
import { createTestOrganisation, startApp } from '../organisations/testing.js';
import { deliberationFr } from './selection.deliberation.fr.js';
import { quotaMessage, slugify, uniqueSlug } from './selection.deliberation.service.js';
import type { Recommendation } from './selection.tables.js';
import { assignTestDossier, createTestReviewer, setTestSelectionSettings } from './testing.js';

describe('selection: quota and slugs', () => {
  test('the quota warning names the number of laureates and the quota', () => {
    assert.equal(quotaMessage(deliberationFr, 9, 10, 15).text, '9 lauréats : en dessous du quota de 10 à 15');
    assert.equal(quotaMessage(deliberationFr, 16, 10, 15).status, 'above');
    assert.equal(
      quotaMessage(deliberationFr, 16, 10, 15).text,
      '16 lauréats : au-dessus du quota de 10 à 15',
    );
    assert.equal(quotaMessage(deliberationFr, 10, 10, 15).status, 'within');
    assert.equal(quotaMessage(deliberationFr, 15, 10, 15).status, 'within');
    assert.equal(quotaMessage(deliberationFr, 1, null, null).status, 'none');
    assert.equal(
      quotaMessage(deliberationFr, 1, 2, null).text,
      '1 lauréat : en dessous du quota d’au moins 2',
    );
  });

  test('slugs from organisation names, unique per call', () => {
    assert.equal(
      slugify('Association « Les Jardins Partagés » d’Île-de-France'),
      'association-les-jardins-partages-d-ile-de-france',
    );
    assert.equal(slugify('Œuvre & Cœur'), 'oeuvre-coeur');
    assert.equal(slugify('!!!'), 'laureat');
    assert.equal(uniqueSlug('solaire', new Set(['solaire', 'solaire-2'])), 'solaire-3');
  });
});

describe('selection: ranking page and deliberation', () => {
  let t: TestApp;
  let db: Db;
  let call: { id: string; title: string };
  let staff: TestClient;
  let presidentClient: TestClient;
  let reviewerClient: TestClient;
  let applicantClient: TestClient;
  let applicant: TestUser;
  let partnerMember: TestUser;
  let memberB: TestUser;
  const d: { id: string; reference: string }[] = [];

  async function client(user: TestUser, secondFactor: boolean): Promise<TestClient> {
    const c = t.client();
    c.cookies.set(t.app.sessionCookieName, await openTestSession(db, user.id, { secondFactor }));
    await c.get('/');
    return c;
  }

  async function statuses(): Promise<DossierStatus[]> {
    const rows = await db
      .selectFrom('dossiers')
      .select(['id', 'status'])
      .where('call_id', '=', call.id)
      .execute();
    return d.map((x) => rows.find((r) => r.id === x.id)?.status ?? 'brouillon');
  }

  async function mails(): Promise<MailJobPayload[]> {
    const rows = await db
      .selectFrom('jobs')
      .select('payload')
      .where('type', '=', 'mail.send')
      .orderBy('id')
      .execute();
    return rows
      .map((r) => r.payload as unknown as MailJobPayload)
      .filter((m) => m.subject.startsWith('Résultat'));
  }

  async function review(
    dossier: number,
    user: TestUser,
    score: number,
    recommendation: Recommendation = 'a_discuter',
  ): Promise<void> {
    const target = d[dossier];
    assert.ok(target);
    await db
      .insertInto('reviews')
      .values({
        dossier_id: target.id,
        user_id: user.id,
        call_id: call.id,
        scores: JSON.stringify({}),
        overall_comment: 'Avis motivé.',
        recommendation,
        weighted_score: score,
        submitted_at: new Date(),
      })
      .execute();
  }

  before(async () => {
    t = await startApp();
    db = t.database.db;
    call = await createTestCall(db, { title: 'Appel des jardins' });
    await setTestSelectionSettings(db, call.id, { quotaMin: 2, quotaMax: 3 });
    await db
      .updateTable('selection_settings')
      .set({ disagreement_threshold: 5 })
      .where('call_id', '=', call.id)
      .execute();
    const instructor = await createTestUser(db, {
      roles: [{ role: 'instructor', scope: { type: 'call', id: call.id } }],
    });
    const harsh = await createTestReviewer(db, call.id, { name: 'Évaluateur sévère' });
    const lenient = await createTestReviewer(db, call.id, { name: 'Évaluatrice indulgente' });
    const third = await createTestReviewer(db, call.id, { name: 'Troisième avis' });
    const president = await createTestReviewer(db, call.id, { name: 'Présidente du jury', president: true });
    applicant = await createTestUser(db, { name: 'Paul Porteur' });
    partnerMember = await createTestUser(db, { name: 'Pia Partenaire' });
    memberB = await createTestUser(db, { name: 'Bruno Solaire' });
    const orgs: { name: string; domains: ImpactDomain[]; region: string; members: TestUser[] }[] = [
      { name: 'Les Jardins Partagés', domains: ['sante'], region: '84', members: [applicant] },
      { name: 'Coopérative Solaire', domains: ['culture'], region: '11', members: [memberB] },
      { name: 'Coopérative Solaire', domains: ['culture'], region: '11', members: [] },
      { name: 'Régie de quartier', domains: ['culture', 'sante'], region: '11', members: [] },
    ];
    for (const o of orgs) {
      const org = await createTestOrganisation(db, {
        name: o.name,
        members: o.members.map((m) => ({ userId: m.id })),
      });
      await db
        .updateTable('organisations')
        .set({ domains: o.domains, region_code: o.region })
        .where('id', '=', org.id)
        .execute();
      d.push(
        await createTestDossier(db, { callId: call.id, organisationId: org.id, status: 'en_evaluation' }),
      );
    }
    const partner = await createTestOrganisation(db, {
      name: 'Partenaire local',
      members: [{ userId: partnerMember.id }],
    });
    await db
      .insertInto('dossier_partners')
      .values({ dossier_id: d[0]?.id ?? '', organisation_id: partner.id })
      .execute();
    const assign = async (i: number, user: TestUser) =>
      assignTestDossier(db, { callId: call.id, dossierId: d[i]?.id ?? '', userId: user.id });
    for (const [i, u] of [
      [0, harsh],
      [0, lenient],
      [0, third],
      [1, harsh],
      [1, lenient],
      [1, third],
      [2, harsh],
      [2, lenient],
      [3, lenient],
      [3, third],
    ] as const)
      await assign(i, u);
    // The harsh évaluateur scores 14, 12, 10; the lenient one 18, 16, 14, 12; the third 16 and 20.
    await review(0, harsh, 14, 'a_retenir');
    await review(1, harsh, 12);
    await review(2, harsh, 10, 'a_ecarter');
    await review(0, lenient, 18, 'a_retenir');
    await review(1, lenient, 16);
    await review(2, lenient, 14);
    await review(3, lenient, 12);
    await review(0, third, 16);
    await review(3, third, 20, 'a_retenir');
    staff = await client(instructor, true);
    presidentClient = await client(president, true);
    reviewerClient = await client(harsh, true);
    applicantClient = await client(applicant, false);
  });
  after(() => t.close());

  test('the ranking: normalised mean first, completion, disagreement, recommendations', async () => {
    const res = await staff.get(`/admin/appels/${call.id}/selection/classement`);
    assert.equal(res.statusCode, 200);
    const body = pageText(res.body);
    const [o0, o1, o2, o3] = d.map((x) => body.indexOf(x.reference)) as [number, number, number, number];
    // z: d0 ≈ 0.52, d1 ≈ 0.22, d3 ≈ −0.17, d2 ≈ −0.84, while the raw means are 16, 14, 12, 16.
    assert.ok(o0 < o1 && o1 < o3 && o3 < o2, [o0, o1, o2, o3].join());
    assert.match(
      body,
      new RegExp(
        `1 ${d[0]?.reference} Les Jardins Partagés Santé Auvergne-Rhône-Alpes 16,00 0,52 3/3 avis Non 2 à retenir`,
      ),
    );
    assert.match(
      body,
      new RegExp(`2 ${d[1]?.reference} Coopérative Solaire Culture Île-de-France 14,00 0,22 2/3 avis Non`),
    );
    assert.match(
      body,
      new RegExp(`${d[3]?.reference} .* 16,00 -0,17 2/2 avis Désaccord \\(écart 8,00\\) 1 à retenir`),
    );
    assert.match(res.body, /<caption[^>]*>\s*Classement des dossiers \(4 dossiers\)/);
    assert.match(res.body, /<th scope="col"/);

    const sante = pageText(
      (await staff.get(`/admin/appels/${call.id}/selection/classement?domaine=sante`)).body,
    );
    assert.ok(sante.includes(d[0]?.reference ?? '?') && sante.includes(d[3]?.reference ?? '?'));
    assert.ok(!sante.includes(d[1]?.reference ?? '?'));
    const region = pageText(
      (await staff.get(`/admin/appels/${call.id}/selection/classement?region=84`)).body,
    );
    assert.ok(region.includes(d[0]?.reference ?? '?') && !region.includes(d[3]?.reference ?? '?'));
    assert.match(region, /1 dossier\)/);

    const bad = await staff.get(`/admin/appels/${call.id}/selection/classement?domaine=astrologie&region=99`);
    assert.equal(bad.statusCode, 400);
    assert.match(pageText(bad.body), /Ce domaine n’existe pas/);
    assert.match(pageText(bad.body), /Cette région n’existe pas/);

    assert.equal((await reviewerClient.get(`/admin/appels/${call.id}/selection/classement`)).statusCode, 403);
  });

  test('decisions: a motivation is required; the quota warning follows the laureates', async () => {
    const url = `/evaluations/appels/${call.id}/deliberation`;
    assert.equal((await reviewerClient.get(url)).statusCode, 403, 'an évaluateur who does not preside');
    assert.equal((await applicantClient.get(url)).statusCode, 403);
    const page = await presidentClient.get(url);
    assert.equal(page.statusCode, 200);
    assert.match(pageText(page.body), /0 lauréat : en dessous du quota de 2 à 3/);
    assert.match(pageText(page.body), /4 dossiers sans décision/);

    const empty = await presidentClient.post(`${url}/decisions`, {
      dossier: d[0]?.id ?? '',
      decision: 'laureat',
      motivation: '  ',
    });
    assert.equal(empty.statusCode, 400);
    assert.match(pageText(empty.body), /Saisissez la motivation de la décision/);
    const none = await presidentClient.post(`${url}/decisions`, {
      dossier: d[0]?.id ?? '',
      motivation: 'Bien.',
    });
    assert.equal(none.statusCode, 400);
    assert.match(pageText(none.body), /Choisissez « Lauréat » ou « Non retenu »/);
    const count = await db
      .selectFrom('deliberation_decisions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);

    const ok = await presidentClient.post(`${url}/decisions`, {
      dossier: d[0]?.id ?? '',
      decision: 'laureat',
      motivation: 'Projet exemplaire, impact mesuré sur trois quartiers.',
    });
    assert.equal(ok.statusCode, 303);
    const after = pageText((await presidentClient.get(String(ok.headers.location))).body);
    assert.match(after, /Décision enregistrée/);
    assert.match(after, /1 lauréat : en dessous du quota de 2 à 3/);
  });

  test('publication is refused while a dossier has no decision, and changes nothing', async () => {
    const res = await presidentClient.post(`/evaluations/appels/${call.id}/deliberation/publication`, {});
    assert.equal(res.statusCode, 409);
    assert.match(
      pageText(res.body),
      new RegExp(
        `Publication impossible : les dossiers ${d[1]?.reference}, ${d[2]?.reference}, ${d[3]?.reference} n’ont pas de décision`,
      ),
    );
    assert.deepEqual(await statuses(), ['en_evaluation', 'en_evaluation', 'en_evaluation', 'en_evaluation']);
  });

  test('a dossier withdrawn meanwhile: 409, and no decision is recorded', async () => {
    const url = `/evaluations/appels/${call.id}/deliberation/decisions`;
    for (const [i, decision] of [
      [1, 'laureat'],
      [2, 'laureat'],
      [3, 'non_retenu'],
    ] as const)
      assert.equal(
        (
          await staff.post(url, {
            dossier: d[i]?.id ?? '',
            decision,
            motivation: `Motivation du dossier ${i}.`,
          })
        ).statusCode,
        303,
      );
    await db
      .updateTable('dossiers')
      .set({ status: 'sans_suite' })
      .where('id', '=', d[3]?.id ?? '')
      .execute();
    const mailsBefore = (await mails()).length;
    const res = await presidentClient.post(`/evaluations/appels/${call.id}/deliberation/publication`, {});
    assert.equal(res.statusCode, 409);
    assert.match(pageText(res.body), new RegExp(`rien n’a été enregistré : dossier ${d[3]?.reference}`));
    assert.deepEqual(await statuses(), ['en_evaluation', 'en_evaluation', 'en_evaluation', 'sans_suite']);
    const settings = await db
      .selectFrom('selection_settings')
      .select('results_published_at')
      .where('call_id', '=', call.id)
      .executeTakeFirstOrThrow();
    assert.equal(settings.results_published_at, null);
    assert.equal((await mails()).length, mailsBefore);
    assert.equal((await db.selectFrom('laureate_stories').selectAll().execute()).length, 0);
    await db
      .updateTable('dossiers')
      .set({ status: 'en_evaluation' })
      .where('id', '=', d[3]?.id ?? '')
      .execute();
  });

  test('publication: every decision recorded, each applicant e-mailed the motivation, stories created', async () => {
    const res = await presidentClient.post(`/evaluations/appels/${call.id}/deliberation/publication`, {});
    assert.equal(res.statusCode, 303);
    assert.deepEqual(await statuses(), ['laureat', 'laureat', 'laureat', 'non_retenu']);
    const reasons = await db
      .selectFrom('dossiers')
      .select(['id', 'decision_reason'])
      .where('call_id', '=', call.id)
      .execute();
    assert.equal(reasons.find((r) => r.id === d[3]?.id)?.decision_reason, 'Motivation du dossier 3.');
    const settings = await db
      .selectFrom('selection_settings')
      .select('results_published_at')
      .where('call_id', '=', call.id)
      .executeTakeFirstOrThrow();
    assert.ok(settings.results_published_at);

    const sent = await mails();
    const toApplicant = sent.find((m) => m.to.includes(applicant.email));
    assert.ok(toApplicant, 'the applicant is told');
    assert.match(toApplicant.text, /votre dossier est lauréat/);
    assert.match(toApplicant.text, /Projet exemplaire, impact mesuré sur trois quartiers/);
    assert.ok(
      sent.some((m) => m.to.includes(partnerMember.email)),
      'the partner organisation too',
    );
    const toB = sent.find((m) => m.to.includes(memberB.email));
    assert.match(toB?.text ?? '', /Motivation du dossier 1/);

    const stories = await db
      .selectFrom('laureate_stories')
      .selectAll()
      .where('call_id', '=', call.id)
      .orderBy('slug')
      .execute();
    assert.deepEqual(
      stories.map((s) => [s.slug, s.summary, s.approved_at]),
      [
        ['cooperative-solaire', '', null],
        ['cooperative-solaire-2', '', null],
        ['les-jardins-partages', '', null],
      ],
    );
    const audit = await db
      .selectFrom('audit_events')
      .select('action')
      .where('object_id', '=', call.id)
      .execute();
    assert.ok(audit.some((a) => a.action === 'selection.results_published'));

    const page = pageText((await presidentClient.get(String(res.headers.location))).body);
    assert.match(page, /Résultats publiés : les candidats sont prévenus/);
    assert.match(page, /3 lauréats, dans le quota de 2 à 3/);
    // Decided dossiers stay in the ranking, read-only.
    const ranking = pageText((await staff.get(`/admin/appels/${call.id}/selection/classement`)).body);
    assert.match(ranking, /Lauréat/);
    assert.match(ranking, /Non retenu/);
  });

  test('a second publication, or a decision after it, is refused', async () => {
    const again = await presidentClient.post(`/evaluations/appels/${call.id}/deliberation/publication`, {});
    assert.equal(again.statusCode, 409);
    assert.match(pageText(again.body), /Les résultats de cet appel sont déjà publiés/);
    const late = await presidentClient.post(`/evaluations/appels/${call.id}/deliberation/decisions`, {
      dossier: d[3]?.id ?? '',
      decision: 'laureat',
      motivation: 'Repêché.',
    });
    assert.equal(late.statusCode, 409);
    assert.deepEqual(await statuses(), ['laureat', 'laureat', 'laureat', 'non_retenu']);
  });
});
