import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../../platform/db/index.js';
import { JobWorker } from '../../platform/jobs/index.js';
import { memoryLogger } from '../../platform/jobs/testing.js';
import { createTestApp, pageText, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { createTestUser, openTestSession, type TestUser } from '../accounts/testing.js';
import { createTestCall, createTestDossier } from '../dossiers/testing.js';
import type { ImpactDomain } from '../organisations/index.js';
import { createTestOrganisation } from '../organisations/testing.js';
import { selectionAssignmentJobHandlers } from './selection.assignment.notify.js';
import { conflictsIn, pairKey } from './selection.conflicts.service.js';
import { createTestReviewer, setTestSelectionSettings } from './testing.js';

describe('selection: assignment', () => {
  let t: TestApp;
  let db: Db;
  let call: { id: string; title: string };
  let staff: TestClient;
  let reviewers: TestUser[];
  let insider: TestUser;
  let full: TestUser;
  let dossiers: { id: string; reference: string }[];
  let conflicted: { id: string; reference: string };
  const base = () => `/admin/appels/${call.id}/selection/affectation`;

  async function client(user: TestUser): Promise<TestClient> {
    const c = t.client();
    c.cookies.set(t.app.sessionCookieName, await openTestSession(db, user.id, { secondFactor: true }));
    await c.get('/');
    return c;
  }

  async function dossier(name: string, domains: ImpactDomain[]) {
    const org = await createTestOrganisation(db, { name });
    await db.updateTable('organisations').set({ domains }).where('id', '=', org.id).execute();
    return {
      org,
      ...(await createTestDossier(db, { callId: call.id, organisationId: org.id, status: 'recevable' })),
    };
  }

  async function pairs() {
    return db
      .selectFrom('review_assignments')
      .select(['dossier_id', 'user_id', 'state', 'source'])
      .where('call_id', '=', call.id)
      .execute();
  }

  async function noticeJobs(): Promise<{ userId: string; dossierIds: string[] }[]> {
    const rows = await db
      .selectFrom('jobs')
      .select('payload')
      .where('type', '=', 'selection.assignment_notice')
      .orderBy('id')
      .execute();
    return rows.map((r) => r.payload as { userId: string; dossierIds: string[] });
  }

  before(async () => {
    t = await createTestApp();
    db = t.database.db;
    call = await createTestCall(db, { title: 'Appel des territoires' });
    await setTestSelectionSettings(db, call.id, { reviewersPerDossier: 2 });
    const instructor = await createTestUser(db, {
      roles: [{ role: 'instructor', scope: { type: 'call', id: call.id } }],
    });
    staff = await client(instructor);
    reviewers = [
      await createTestReviewer(db, call.id, { name: 'Alice', domains: ['culture'], capacity: 4 }),
      await createTestReviewer(db, call.id, { name: 'Bruno', domains: ['sante'], capacity: 4 }),
      await createTestReviewer(db, call.id, { name: 'Chloé', domains: ['culture', 'sante'], capacity: 4 }),
    ];
    insider = await createTestReviewer(db, call.id, { name: 'Ines', domains: ['alimentation'], capacity: 4 });
    full = await createTestReviewer(db, call.id, { name: 'Zoé', domains: ['culture'], capacity: 0 });
    reviewers.push(insider);
    dossiers = [];
    for (let i = 0; i < 5; i++)
      dossiers.push(await dossier(`Structure ${i}`, i % 2 === 0 ? ['culture'] : ['sante']));
    const withInsider = await dossier('Épicerie solidaire', ['alimentation']);
    await db
      .insertInto('organisation_members')
      .values({ organisation_id: withInsider.org.id, user_id: insider.id, role: 'owner' })
      .execute();
    conflicted = withInsider;
    dossiers.push(conflicted);
  });

  after(async () => {
    await t.close();
  });

  test('the page shows the inputs; computing gives every dossier k évaluateurs without any conflict', async () => {
    const page = await staff.get(base());
    assert.equal(page.statusCode, 200);
    assert.match(pageText(page.body), /6 dossiers à affecter/);
    assert.match(pageText(page.body), /2 évaluateurs par dossier/);
    const computed = await staff.post(`${base()}/calcul`, {});
    assert.equal(computed.statusCode, 303);
    const rows = await pairs();
    assert.equal(rows.length, 12);
    for (const row of rows) assert.deepEqual([row.state, row.source], ['propose', 'calcul']);
    const conflicts = await conflictsIn(db, { callId: call.id });
    assert.ok(conflicts.has(pairKey(conflicted.id, insider.id)));
    for (const row of rows) assert.equal(conflicts.has(pairKey(row.dossier_id, row.user_id)), false);
    for (const d of dossiers) assert.equal(rows.filter((r) => r.dossier_id === d.id).length, 2);
    const preview = await staff.get(computed.headers.location as string);
    const body = pageText(preview.body);
    assert.match(body, /Affectation calculée : 12 affectations\./);
    assert.match(body, /12 affectations sur 12 souhaitées/);
    assert.doesNotMatch(body, /Dossiers incomplets/);
    // Computing again replaces the proposal: still 12 pairs.
    assert.equal((await staff.post(`${base()}/calcul`, {})).statusCode, 303);
    assert.equal((await pairs()).length, 12);
  });

  test('hand adjustments: a conflict, a duplicate or a full évaluateur is refused with 409', async () => {
    const conflict = await staff.post(`${base()}/ajout`, { dossier: conflicted.id, evaluateur: insider.id });
    assert.equal(conflict.statusCode, 409);
    assert.match(pageText(conflict.body), /conflit d’intérêts avec ce dossier/);
    const existing = (await pairs())[0];
    assert.ok(existing);
    const duplicate = await staff.post(`${base()}/ajout`, {
      dossier: existing.dossier_id,
      evaluateur: existing.user_id,
    });
    assert.equal(duplicate.statusCode, 409);
    assert.match(pageText(duplicate.body), /déjà affecté à ce dossier/);
    const overCapacity = await staff.post(`${base()}/ajout`, {
      dossier: existing.dossier_id,
      evaluateur: full.id,
    });
    assert.equal(overCapacity.statusCode, 409);
    assert.match(pageText(overCapacity.body), /atteint sa capacité/);
    const empty = await staff.post(`${base()}/ajout`, { dossier: '', evaluateur: '' });
    assert.equal(empty.statusCode, 400);
    assert.equal((await pairs()).length, 12);
    // Removing a proposed pair, then adding it back by hand.
    const removed = await staff.post(`${base()}/retrait`, {
      dossier: existing.dossier_id,
      evaluateur: existing.user_id,
    });
    assert.equal(removed.statusCode, 303);
    assert.equal((await pairs()).length, 11);
    const added = await staff.post(`${base()}/ajout`, {
      dossier: existing.dossier_id,
      evaluateur: existing.user_id,
    });
    assert.equal(added.statusCode, 303);
    const back = (await pairs()).find(
      (p) => p.dossier_id === existing.dossier_id && p.user_id === existing.user_id,
    );
    assert.deepEqual([back?.state, back?.source], ['propose', 'manuel']);
  });

  test('publishing publishes every pair, moves the dossiers to evaluation and e-mails each évaluateur once', async () => {
    const published = await staff.post(`${base()}/publication`, {});
    assert.equal(published.statusCode, 303);
    const rows = await pairs();
    assert.ok(rows.every((r) => r.state === 'publie'));
    const statuses = await db
      .selectFrom('dossiers')
      .select('status')
      .where('call_id', '=', call.id)
      .execute();
    assert.ok(statuses.every((s) => s.status === 'en_evaluation'));
    const jobs = await noticeJobs();
    const users = new Set(rows.map((r) => r.user_id));
    assert.equal(jobs.length, users.size);
    assert.deepEqual(new Set(jobs.map((j) => j.userId)), users);
    for (const job of jobs)
      assert.deepEqual(
        new Set(job.dossierIds),
        new Set(rows.filter((r) => r.user_id === job.userId).map((r) => r.dossier_id)),
      );
    const settings = await db
      .selectFrom('selection_settings')
      .select('assignment_published_at')
      .where('call_id', '=', call.id)
      .executeTakeFirstOrThrow();
    assert.ok(settings.assignment_published_at);
    // A published pair is not removed here.
    const first = rows[0];
    assert.ok(first);
    const refused = await staff.post(`${base()}/retrait`, {
      dossier: first.dossier_id,
      evaluateur: first.user_id,
    });
    assert.equal(refused.statusCode, 409);
    // Nothing left to publish.
    assert.equal((await staff.post(`${base()}/publication`, {})).statusCode, 409);
    // The jobs send one e-mail per évaluateur, listing their dossiers.
    const worker = new JobWorker({
      db,
      logger: memoryLogger(),
      handlers: {
        ...t.mailer.handlers,
        ...selectionAssignmentJobHandlers({ db, mailer: t.mailer, baseUrl: 'https://exemple.test' }),
      },
    });
    await worker.drain();
    const mails = await db
      .selectFrom('mail_outbox')
      .select(['to_address', 'subject', 'text_body'])
      .where('template', '=', 'selection.assignment')
      .execute();
    assert.equal(mails.length, users.size);
    const alice = reviewers[0];
    assert.ok(alice);
    const aliceMails = mails.filter((m) => m.to_address === alice.email);
    assert.equal(aliceMails.length, 1);
    assert.match(aliceMails[0]?.subject ?? '', /Dossiers à évaluer – Appel des territoires/);
    for (const row of rows.filter((r) => r.user_id === alice.id)) {
      const reference = dossiers.find((d) => d.id === row.dossier_id)?.reference ?? '?';
      assert.match(aliceMails[0]?.text_body ?? '', new RegExp(reference));
    }
  });

  test('a second publication e-mails only the évaluateurs given new dossiers', async () => {
    const before = (await noticeJobs()).length;
    const late = await dossier('Structure tardive', ['culture']);
    assert.equal((await staff.post(`${base()}/calcul`, {})).statusCode, 303);
    const fresh = (await pairs()).filter((p) => p.state === 'propose');
    assert.equal(fresh.length, 2);
    assert.ok(fresh.every((p) => p.dossier_id === late.id));
    assert.equal((await staff.post(`${base()}/publication`, {})).statusCode, 303);
    const jobs = (await noticeJobs()).slice(before);
    assert.equal(jobs.length, 2);
    assert.deepEqual(new Set(jobs.map((j) => j.userId)), new Set(fresh.map((p) => p.user_id)));
    for (const job of jobs) assert.deepEqual(job.dossierIds, [late.id]);
  });

  test('a call with many dossiers: its table and hand list go 50 at a time, and a change comes back to its page', async () => {
    const big = await createTestCall(db, { title: 'Grand appel' });
    await setTestSelectionSettings(db, big.id, { reviewersPerDossier: 1 });
    await createTestReviewer(db, big.id, { name: 'Yves', capacity: 100 });
    for (let i = 0; i < 60; i++) {
      const org = await createTestOrganisation(db, { name: `Grande structure ${i}` });
      await createTestDossier(db, { callId: big.id, organisationId: org.id, status: 'recevable' });
    }
    const admin = await createTestUser(db, { roles: [{ role: 'administrator', scope: null }] });
    const c = await client(admin);
    const url = `/admin/appels/${big.id}/selection/affectation`;
    assert.equal((await c.post(`${url}/calcul`, {})).statusCode, 303);
    const removals = (html: string) => html.split(`action="${url}/retrait"`).length - 1;
    const choices = (html: string) =>
      (html.match(/<option value="[0-9a-f-]{36}"[^>]*>[^<]*Grande structure/g) ?? []).length;

    const first = await c.get(url);
    assert.match(pageText(first.body), /60 dossiers à affecter/);
    assert.match(pageText(first.body), /Dossiers 1 à 50 sur 60/);
    assert.equal(removals(first.body), 50);
    assert.equal(choices(first.body), 50);
    assert.match(first.body, new RegExp(`href="${url}\\?page=2#par-dossier"`));

    const second = await c.get(`${url}?page=2`);
    assert.match(pageText(second.body), /Dossiers 51 à 60 sur 60/);
    assert.equal(removals(second.body), 10);
    assert.equal(choices(second.body), 10);
    // Not a number: the first page; beyond the last: the last.
    assert.match(pageText((await c.get(`${url}?page=deux`)).body), /Dossiers 1 à 50 sur 60/);
    assert.match(pageText((await c.get(`${url}?page=99`)).body), /Dossiers 51 à 60 sur 60/);

    // Removing a pair shown on page 2 comes back to page 2.
    const dossierId =
      /name="page" value="2"\/?><input type="hidden" name="dossier" value="([0-9a-f-]{36})"/.exec(
        second.body,
      )?.[1];
    const userId = /name="evaluateur" value="([0-9a-f-]{36})"/.exec(second.body)?.[1];
    assert.ok(dossierId && userId, 'a removal form of page 2 carries its page');
    const removed = await c.post(`${url}/retrait`, { dossier: dossierId, evaluateur: userId, page: '2' });
    assert.equal(removed.statusCode, 303);
    assert.equal(removed.headers.location, `${url}?fait=retrait&page=2`);
    assert.match(pageText((await c.get(String(removed.headers.location))).body), /Dossiers 51 à 60 sur 60/);
  });

  test('a dossier that cannot get k évaluateurs is shown with the reason', async () => {
    const small = await createTestCall(db, { title: 'Petit appel' });
    const org = await createTestOrganisation(db, { name: 'Seule structure' });
    await createTestDossier(db, { callId: small.id, organisationId: org.id, status: 'recevable' });
    await createTestReviewer(db, small.id, { capacity: 5 });
    await createTestReviewer(db, small.id, { capacity: 5 });
    const admin = await createTestUser(db, { roles: [{ role: 'administrator', scope: null }] });
    const c = await client(admin);
    await c.get(`/admin/appels/${small.id}/selection/affectation`);
    const computed = await c.post(`/admin/appels/${small.id}/selection/affectation/calcul`, {});
    assert.equal(computed.statusCode, 303);
    const page = pageText((await c.get(computed.headers.location as string)).body);
    assert.match(page, /Seulement 2 évaluateurs sans conflit d’intérêts avec ce dossier \(il en faut 3\)/);
    // A call without a jury: computing is refused.
    const empty = await createTestCall(db, { title: 'Appel sans jury' });
    const refused = await c.post(`/admin/appels/${empty.id}/selection/affectation/calcul`, {});
    assert.equal(refused.statusCode, 409);
    assert.match(pageText(refused.body), /Le jury de cet appel est vide/);
  });
});
