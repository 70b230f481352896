import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../../platform/db/index.js';
import { pageText, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { createTestUser, openTestSession, type TestUser } from '../accounts/testing.js';
import { createTestCall, createTestDossier } from '../dossiers/testing.js';
import type { ImpactDomain } from '../organisations/index.js';
import { createTestOrganisation, startApp } from '../organisations/testing.js';
import { showcaseFr } from './selection.showcase.fr.js';
import { parseCohortQuery } from './selection.showcase.routes.js';

/** The laureates' names on a cohort page, in order. */
function cards(html: string): string[] {
  return [...html.matchAll(/<h3 class="fr-card__title"><a href="\/vitrine\/[^"]+">([^<]*)<\/a>/g)].map((m) =>
    pageText(m[1] ?? '').trim(),
  );
}

const SANTE_TEXT = 'Des infirmières vont au-devant des personnes à la rue pour les soigner.';
const ECOLO_TEXT = 'Une recyclerie rurale répare et revend les objets de quarante villages.';
const DRAFT_TEXT = 'Brouillon confidentiel du résumé, jamais publié.';

describe('selection: the showcase of laureates', () => {
  let t: TestApp;
  let db: Db;
  let call: { id: string; slug: string; title: string };
  let hidden: { id: string; slug: string };
  let member: TestUser;
  let memberB: TestUser;
  let instructor: TestUser;
  let orgA: { id: string; name: string };
  let orgB: { id: string; name: string };
  let orgC: { id: string; name: string };
  let dA: { id: string };
  let dB: { id: string };
  let dC: { id: string };

  async function client(user: TestUser, secondFactor = false): Promise<TestClient> {
    const c = t.client();
    c.cookies.set(t.app.sessionCookieName, await openTestSession(db, user.id, { secondFactor }));
    await c.get('/');
    return c;
  }

  async function laureate(
    callId: string,
    org: { id: string },
    slug: string,
    summary: string,
    approved: boolean,
    status: 'laureat' | 'non_retenu' = 'laureat',
  ) {
    const d = await createTestDossier(db, { callId, organisationId: org.id, status });
    await db
      .insertInto('laureate_stories')
      .values({
        dossier_id: d.id,
        call_id: callId,
        organisation_id: org.id,
        slug,
        summary,
        approved_at: approved ? new Date() : null,
      })
      .execute();
    return d;
  }

  async function setDomains(id: string, domains: ImpactDomain[]) {
    await db.updateTable('organisations').set({ domains }).where('id', '=', id).execute();
  }

  async function story(dossierId: string) {
    return db
      .selectFrom('laureate_stories')
      .selectAll()
      .where('dossier_id', '=', dossierId)
      .executeTakeFirstOrThrow();
  }

  before(async () => {
    t = await startApp();
    db = t.database.db;
    call = await createTestCall(db, { title: 'Pionniers French Impact 2018', slug: 'pionniers-essai-2018' });
    member = await createTestUser(db, { name: 'Lina Lauréate' });
    memberB = await createTestUser(db, { name: 'Bruno Autre' });
    instructor = await createTestUser(db, {
      roles: [{ role: 'instructor', scope: { type: 'call', id: call.id } }],
    });
    orgA = await createTestOrganisation(db, {
      name: 'Infirmiers Solidaires de Lyon',
      communeCode: '69123',
      members: [{ userId: member.id }],
    });
    orgB = await createTestOrganisation(db, {
      name: 'Recyclerie des Vallées',
      communeCode: '13055',
      members: [{ userId: memberB.id }],
    });
    orgC = await createTestOrganisation(db, { name: 'Zèbres du Quartier', communeCode: '75056' });
    const orgD = await createTestOrganisation(db, { name: 'Non Retenue Association' });
    await setDomains(orgA.id, ['sante']);
    await setDomains(orgB.id, ['transition_ecologique']);
    await setDomains(orgC.id, ['culture']);
    dA = await laureate(call.id, orgA, 'infirmiers-solidaires-de-lyon', SANTE_TEXT, true);
    dB = await laureate(call.id, orgB, 'recyclerie-des-vallees', ECOLO_TEXT, true);
    dC = await laureate(call.id, orgC, 'zebres-du-quartier', DRAFT_TEXT, false);
    await laureate(call.id, orgD, 'non-retenue', 'Ne doit jamais paraître.', true, 'non_retenu');
    await db
      .insertInto('selection_settings')
      .values({ call_id: call.id, results_published_at: new Date() })
      .execute();
    // A call whose deliberation has not published its results: nothing public.
    const other = await createTestCall(db, { title: 'Appel en délibération', slug: 'appel-en-deliberation' });
    const orgE = await createTestOrganisation(db, { name: 'Pas Encore Publiée' });
    await laureate(other.id, orgE, 'pas-encore', 'Secret.', true);
    await db.insertInto('selection_settings').values({ call_id: other.id }).execute();
    hidden = { id: other.id, slug: other.slug };
  });

  after(() => t?.close());

  test('/vitrine lists the published cohorts with their count of laureates, nothing else', async () => {
    const res = await t.client().get('/vitrine');
    assert.equal(res.statusCode, 200);
    const page = pageText(res.body);
    assert.match(page, /Pionniers French Impact 2018 3 lauréats/);
    assert.doesNotMatch(page, /Appel en délibération/);
    assert.match(res.body, /href="\/vitrine\/pionniers-essai-2018"/);
    // The site navigation leads there.
    assert.match(
      res.body,
      /<a class="fr-nav__link" href="\/vitrine"[^>]*aria-current="page"|href="\/vitrine"/,
    );
  });

  test('the cohort page lists laureates with only approved summaries, their domains and places, and a map', async () => {
    const res = await t.client().get(`/vitrine/${call.slug}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(cards(res.body), [
      'Infirmiers Solidaires de Lyon',
      'Recyclerie des Vallées',
      'Zèbres du Quartier',
    ]);
    const page = pageText(res.body);
    assert.ok(page.includes(SANTE_TEXT));
    assert.ok(page.includes(ECOLO_TEXT));
    assert.ok(!page.includes(DRAFT_TEXT), 'an unapproved summary is never shown');
    assert.ok(page.includes(showcaseFr.cohort.noSummary));
    assert.ok(!page.includes('Non Retenue Association'));
    assert.match(page, /Santé/);
    assert.match(page, /Lyon, Rhône, Auvergne-Rhône-Alpes/);
    // The map of départements and its table of counts (text alternative).
    assert.match(res.body, /id="carte-laureats/);
    assert.match(res.body, /<caption[^>]*>[^<]*Lauréats par département/);
    assert.doesNotMatch(res.body, /style="|<script(?![^>]*src=)/);
  });

  test('filters by domain and région (GET), and refuses unknown values with a French 400', async () => {
    const sante = await t.client().get(`/vitrine/${call.slug}?domaine=sante`);
    assert.equal(sante.statusCode, 200);
    assert.deepEqual(cards(sante.body), ['Infirmiers Solidaires de Lyon']);
    const paca = await t.client().get(`/vitrine/${call.slug}?region=93`);
    assert.deepEqual(cards(paca.body), ['Recyclerie des Vallées']);
    const none = await t.client().get(`/vitrine/${call.slug}?region=93&domaine=sante`);
    assert.deepEqual(cards(none.body), []);
    assert.ok(pageText(none.body).includes(showcaseFr.cohort.empty));
    const empty = await t.client().get(`/vitrine/${call.slug}?domaine=&utm_source=x`);
    assert.equal(empty.statusCode, 200);
    assert.equal(cards(empty.body).length, 3);

    const badDomain = await t.client().get(`/vitrine/${call.slug}?domaine=sport`);
    assert.equal(badDomain.statusCode, 400);
    assert.ok(pageText(badDomain.body).includes('« sport » n’est pas un domaine d’impact de la vitrine.'));
    // The message is linked from the alert and under its field (aria-describedby).
    assert.match(badDomain.body, /href="#field-domaine"/);
    assert.match(badDomain.body, /id="field-domaine"[^>]*aria-describedby="([^"]+)"[^>]*aria-invalid="true"/);
    assert.deepEqual(cards(badDomain.body), []);
    const badRegion = await t.client().get(`/vitrine/${call.slug}?region=99`);
    assert.equal(badRegion.statusCode, 400);
    assert.ok(pageText(badRegion.body).includes('« 99 » n’est pas un code de région connu.'));
    const twice = await t.client().get(`/vitrine/${call.slug}?domaine=sante&domaine=culture`);
    assert.equal(twice.statusCode, 400);
    const markup = await t.client().get(`/vitrine/${call.slug}?domaine=%3Cscript%3E`);
    assert.equal(markup.statusCode, 400);
    assert.doesNotMatch(markup.body, /<script>/);
  });

  test('parseCohortQuery keeps valid values and lists each problem', () => {
    const regions = new Set(['84', '93']);
    assert.deepEqual(parseCohortQuery({ domaine: ' sante ', region: '84' }, regions, showcaseFr), {
      ok: true,
      filter: { domain: 'sante', region: '84' },
    });
    const bad = parseCohortQuery({ domaine: 'x', region: '11' }, regions, showcaseFr);
    assert.equal(bad.ok, false);
    assert.deepEqual(bad.ok ? [] : bad.problems.map((p) => p.field), ['domaine', 'region']);
  });

  test('a laureate’s page: approved summary, profile link, domain, territory, call; 404 otherwise', async () => {
    const res = await t.client().get(`/vitrine/${call.slug}/infirmiers-solidaires-de-lyon`);
    assert.equal(res.statusCode, 200);
    const page = pageText(res.body);
    assert.ok(page.includes(SANTE_TEXT));
    assert.match(res.body, new RegExp(`href="/organisations/${orgA.id}"`));
    assert.match(page, /Santé/);
    assert.match(page, /Lyon, Rhône, Auvergne-Rhône-Alpes/);
    assert.match(res.body, new RegExp(`href="/appels/${call.slug}"`));
    const pending = await t.client().get(`/vitrine/${call.slug}/zebres-du-quartier`);
    assert.equal(pending.statusCode, 200);
    assert.ok(!pageText(pending.body).includes(DRAFT_TEXT));
    assert.ok(pageText(pending.body).includes(showcaseFr.cohort.noSummary));

    for (const url of [
      '/vitrine/appel-inconnu',
      `/vitrine/${call.slug}/inconnu`,
      `/vitrine/${call.slug}/non-retenue`,
      `/vitrine/${hidden.slug}`,
      `/vitrine/${hidden.slug}/pas-encore`,
      '/vitrine/Majuscules%20et%20espaces',
    ]) {
      const r = await t.client().get(url);
      assert.equal(r.statusCode, 404, url);
      assert.match(r.body, /introuvable/);
    }
  });

  test('a member of the laureate organisation writes, then approves and publishes the summary', async () => {
    const c = await client(member);
    const page = await c.get(`/dossiers/${dA.id}/vitrine`);
    assert.equal(page.statusCode, 200);
    assert.ok(pageText(page.body).includes(SANTE_TEXT));
    // Saving a changed text without approving withdraws the publication.
    const saved = await c.post(`/dossiers/${dA.id}/vitrine`, {
      resume: 'Nouvelle version.',
      action: 'enregistrer',
    });
    assert.equal(saved.statusCode, 303);
    assert.equal((await story(dA.id)).approved_at, null);
    assert.ok(!pageText((await t.client().get(`/vitrine/${call.slug}`)).body).includes('Nouvelle version.'));
    const approved = await c.post(`/dossiers/${dA.id}/vitrine`, {
      resume: 'Les infirmières de rue soignent et orientent 600 personnes par an.',
      action: 'approuver',
    });
    assert.equal(approved.statusCode, 303);
    assert.equal(approved.headers.location, `/dossiers/${dA.id}/vitrine?fait=publie`);
    const row = await story(dA.id);
    assert.notEqual(row.approved_at, null);
    assert.equal(row.approved_by, member.id);
    const pub = pageText((await t.client().get(`/vitrine/${call.slug}/infirmiers-solidaires-de-lyon`)).body);
    assert.ok(pub.includes('Les infirmières de rue soignent et orientent 600 personnes par an.'));
    const audits = await db
      .selectFrom('audit_events')
      .select('action')
      .where('object_id', '=', dA.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audits.map((a) => a.action),
      ['selection.story_edit', 'selection.story_approve'],
    );
  });

  test('bad input: too long, nothing to approve, no action → 400 in French, input kept, nothing saved', async () => {
    const c = await client(memberB);
    const before = await story(dB.id);
    const long = 'a'.repeat(5001);
    const tooLong = await c.post(`/dossiers/${dB.id}/vitrine`, { resume: long, action: 'approuver' });
    assert.equal(tooLong.statusCode, 400);
    assert.ok(pageText(tooLong.body).includes('Le résumé ne peut pas dépasser 5 000 caractères.'));
    assert.ok(tooLong.body.includes(long));
    assert.match(tooLong.body, /aria-describedby="[^"]*"/);
    const empty = await c.post(`/dossiers/${dB.id}/vitrine`, { resume: '  ', action: 'approuver' });
    assert.equal(empty.statusCode, 400);
    assert.ok(pageText(empty.body).includes('Écrivez le résumé avant de l’approuver.'));
    const noAction = await c.post(`/dossiers/${dB.id}/vitrine`, { resume: 'x' });
    assert.equal(noAction.statusCode, 400);
    const after = await story(dB.id);
    assert.equal(after.summary, before.summary);
    assert.deepEqual(after.approved_at, before.approved_at);
  });

  test('a member of another organisation is refused (403), and so is an anonymous visitor', async () => {
    const other = await client(memberB);
    assert.equal((await other.get(`/dossiers/${dA.id}/vitrine`)).statusCode, 403);
    const post = await other.post(`/dossiers/${dA.id}/vitrine`, { resume: 'Piraté', action: 'approuver' });
    assert.equal(post.statusCode, 403);
    assert.notEqual((await story(dA.id)).summary, 'Piraté');
    const anonymous = await t.client().get(`/dossiers/${dA.id}/vitrine`);
    assert.notEqual(anonymous.statusCode, 200);
  });

  test('the call’s staff edit a summary: a change withdraws the approval until the laureate approves again', async () => {
    const staff = await client(instructor, true);
    const url = `/admin/appels/${call.id}/selection/vitrine`;
    const list = await staff.get(url);
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      [...list.body.matchAll(/<h2 id="laureat-[^"]+" class="fr-h4">([^<]*)<\/h2>/g)].map((m) =>
        pageText(m[1] ?? ''),
      ),
      ['Infirmiers Solidaires de Lyon', 'Recyclerie des Vallées', 'Zèbres du Quartier'],
    );
    assert.equal((await story(dB.id)).approved_at !== null, true);
    const unchanged = await staff.post(url, { dossier: dB.id, resume: ECOLO_TEXT });
    assert.equal(unchanged.statusCode, 303);
    assert.notEqual((await story(dB.id)).approved_at, null, 'an unchanged text keeps its approval');
    const changed = await staff.post(url, { dossier: dB.id, resume: `${ECOLO_TEXT} Trois salariés.` });
    assert.equal(changed.statusCode, 303);
    const row = await story(dB.id);
    assert.equal(row.approved_at, null);
    assert.equal(row.approved_by, null);
    assert.equal(row.updated_by, instructor.id);
    assert.ok(!pageText((await t.client().get(`/vitrine/${call.slug}`)).body).includes('Trois salariés'));
    const tooLong = await staff.post(url, { dossier: dB.id, resume: 'b'.repeat(5001) });
    assert.equal(tooLong.statusCode, 400);
    assert.ok(
      pageText(tooLong.body).includes('Le résumé ne peut pas depasser'.replace('depasser', 'dépasser')),
    );
    const foreign = await staff.post(url, { dossier: '00000000-0000-4000-8000-000000000999', resume: 'x' });
    assert.equal(foreign.statusCode, 409);
    // The laureate approves again.
    const m = await client(memberB);
    await m.post(`/dossiers/${dB.id}/vitrine`, { resume: row.summary, action: 'approuver' });
    assert.ok(pageText((await t.client().get(`/vitrine/${call.slug}`)).body).includes('Trois salariés'));
    // Staff of another call, or without the second factor, are refused.
    assert.equal((await (await client(instructor, false)).get(url)).statusCode !== 200, true);
    assert.equal((await (await client(member, true)).get(url)).statusCode, 403);
    assert.equal((await staff.get(`/admin/appels/${hidden.id}/selection/vitrine`)).statusCode, 403);
  });

  test('laureates carry a badge in the directory and a « Lauréat » section on their profile', async () => {
    const dir = await t.client().get(`/annuaire?q=${encodeURIComponent('Recyclerie des Vallées')}`);
    assert.equal(dir.statusCode, 200);
    assert.ok(pageText(dir.body).includes('Lauréat Pionniers 2018'));
    const other = await t.client().get(`/annuaire?q=${encodeURIComponent('Pas Encore Publiée')}`);
    assert.ok(!pageText(other.body).includes('Lauréat'), 'no badge before the results are published');
    const profile = await t.client().get(`/organisations/${orgB.id}`);
    assert.equal(profile.statusCode, 200);
    assert.match(profile.body, new RegExp(`href="/vitrine/${call.slug}/recyclerie-des-vallees"`));
    assert.ok(pageText(profile.body).includes('Lauréat de l’appel « Pionniers French Impact 2018 »'));
    // A laureate whose summary awaits approval is still a laureate: its profile says so.
    const pending = await t.client().get(`/organisations/${orgC.id}`);
    assert.match(pending.body, /profil-laureat/);
    assert.equal((await story(dC.id)).approved_at, null);
    const plain = await createTestOrganisation(db, { name: 'Structure sans appel' });
    assert.doesNotMatch((await t.client().get(`/organisations/${plain.id}`)).body, /profil-laureat/);
  });

  test('English pages', async () => {
    const c = t.client();
    await c.get('/');
    await c.post('/langue', { lang: 'en', retour: '/vitrine' });
    const res = await c.get(`/vitrine/${call.slug}`);
    assert.equal(res.statusCode, 200);
    assert.ok(pageText(res.body).includes('3 laureates of this call.'));
  });
});
