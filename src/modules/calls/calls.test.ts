import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { fieldId } from '../../platform/views/components/shared.js';
import { createTestUser, openTestSession, type TestUser } from '../accounts/testing.js';
import { PIONNIERS_FORM } from './calls.form.sample.js';
import { parisToUtc, utcToParisFields } from './calls.schemas.js';

const DAY = 24 * 60 * 60 * 1000;

/** The form fields (Paris date and time) of an instant `days` from now. */
function fields(prefix: 'opens' | 'closes', days: number): Record<string, string> {
  const { date, time } = utcToParisFields(new Date(Date.now() + days * DAY));
  return { [`${prefix}_date`]: date, [`${prefix}_time`]: time };
}

function callForm(slug: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    slug,
    kind: 'projets',
    title: `Appel ${slug}`,
    summary: 'Un appel pour les initiatives locales.',
    presentation: 'Premier paragraphe.\n\nSecond paragraphe.',
    eligibility: 'Les associations de plus de deux ans.',
    ...extra,
  };
}

/** The text of the public list's section `open`, `coming` or `closed`. */
function group(body: string, state: 'open' | 'coming' | 'closed'): string {
  const match = new RegExp(`<section[^>]*id="appels-${state}"[\\s\\S]*?</section>`).exec(body);
  assert.ok(match, `section ${state}`);
  return match[0];
}

describe('calls: administration and public pages', () => {
  let t: TestApp;
  let admin: TestUser;
  let client: TestClient;

  async function signedIn(user: TestUser): Promise<TestClient> {
    const c = t.client();
    c.cookies.set(
      t.app.sessionCookieName,
      await openTestSession(t.database.db, user.id, { secondFactor: true }),
    );
    await c.get('/admin');
    return c;
  }

  /** Creates a call through the form; its id. */
  async function create(form: Record<string, string>): Promise<string> {
    const res = await client.post('/admin/appels/nouveau', form);
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    const id = /^\/admin\/appels\/([0-9a-f-]{36})\/apercu/.exec(String(res.headers.location))?.[1];
    assert.ok(id);
    // A call is published with a form (the builder's pages are tested in calls.builder.pages.test.ts).
    await t.database.db
      .updateTable('calls')
      .set({ form: JSON.stringify(PIONNIERS_FORM) })
      .where('id', '=', id)
      .execute();
    return id;
  }

  async function publish(id: string) {
    const res = await client.post(`/admin/appels/${id}/publication`, {});
    assert.equal(res.statusCode, 303);
  }

  async function actions(id: string): Promise<string[]> {
    const rows = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('object_type', '=', 'call')
      .where('object_id', '=', id)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.action);
  }

  before(async () => {
    t = await createTestApp();
    admin = await createTestUser(t.database.db, {
      email: 'admin.appels@exemple.fr',
      roles: [{ role: 'administrator', scope: null }],
    });
    client = await signedIn(admin);
  });
  after(() => t.close());

  test('a draft is previewed, not public, then published into the right group', async () => {
    const id = await create(callForm('pionniers-2027', { ...fields('opens', -1), ...fields('closes', 30) }));

    const preview = await client.get(`/admin/appels/${id}/apercu`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /<h1>Appel pionniers-2027<\/h1>/);
    assert.match(preview.body, /Aperçu : cette page n’est pas encore publique/);
    assert.match(preview.body, /<p class="fi-pre-line">Second paragraphe.<\/p>/);

    assert.equal((await t.client().get('/appels/pionniers-2027')).statusCode, 404);
    const someone = await signedIn(await createTestUser(t.database.db));
    assert.equal((await someone.get('/appels/pionniers-2027')).statusCode, 404);
    assert.equal((await client.get('/appels/pionniers-2027')).statusCode, 200, 'administrators see drafts');
    assert.doesNotMatch((await t.client().get('/appels')).body, /pionniers-2027/);

    await publish(id);
    const list = await t.client().get('/appels');
    assert.equal(list.statusCode, 200);
    assert.match(group(list.body, 'open'), /href="\/appels\/pionniers-2027"/);
    assert.doesNotMatch(group(list.body, 'coming'), /pionniers-2027/);

    const page = await t.client().get('/appels/pionniers-2027');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Ouverture : /);
    assert.match(page.body, /Clôture : /);
    assert.match(page.body, /Les associations de plus de deux ans./);
    assert.deepEqual(await actions(id), ['calls.create', 'calls.publish']);

    const adminList = await client.get('/admin/appels');
    assert.match(adminList.body, /Appel pionniers-2027/);
    assert.match(adminList.body, /Publié/);
  });

  test('coming, closed and permanent calls land in their groups', async () => {
    const coming = await create(callForm('a-venir', { ...fields('opens', 10), ...fields('closes', 40) }));
    const closed = await create(callForm('termine', { ...fields('opens', -40), ...fields('closes', -10) }));
    const permanent = await create(callForm('permanent', fields('opens', -5)));
    for (const id of [coming, closed, permanent]) await publish(id);
    const list = (await t.client().get('/appels')).body;
    assert.match(group(list, 'coming'), /href="\/appels\/a-venir"/);
    assert.match(group(list, 'closed'), /href="\/appels\/termine"/);
    assert.match(group(list, 'open'), /href="\/appels\/permanent"/);
    assert.match((await t.client().get('/appels/permanent')).body, /Appel permanent/);

    // A call whose closing has passed cannot be reopened once closed early.
    const close = await client.post(`/admin/appels/${closed}/cloture`, { closed_message: 'Clos.' });
    assert.equal(close.statusCode, 303);
    const reopen = await client.post(`/admin/appels/${closed}/reouverture`, {});
    assert.equal(reopen.statusCode, 409);
    assert.match(reopen.body, /La date de clôture est passée/);
  });

  test('publishing needs a presentation and an opening date', async () => {
    const id = await create(callForm('incomplet', { presentation: '' }));
    const res = await client.post(`/admin/appels/${id}/publication`, {});
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Pour publier l’appel, indiquez d’abord : Présentation, Date d’ouverture/);
    assert.deepEqual(await actions(id), ['calls.create']);
  });

  test('closing early shows the message; reopening brings the call back', async () => {
    const id = await create(
      callForm('cloture-anticipee', { ...fields('opens', -2), ...fields('closes', 20) }),
    );
    await publish(id);

    const empty = await client.post(`/admin/appels/${id}/cloture`, { closed_message: '  ' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Indiquez le message affiché sur la page de l’appel/);

    const close = await client.post(`/admin/appels/${id}/cloture`, {
      closed_message: 'Le nombre de dossiers attendu est atteint.',
    });
    assert.equal(close.statusCode, 303);
    const page = (await t.client().get('/appels/cloture-anticipee')).body;
    assert.match(page, /Cet appel a été clos par anticipation/);
    assert.match(page, /Le nombre de dossiers attendu est atteint./);
    assert.match(group((await t.client().get('/appels')).body, 'closed'), /cloture-anticipee/);
    assert.equal((await client.get(`/admin/appels/${id}/modifier`)).statusCode, 200);
    const edit = await client.post(
      `/admin/appels/${id}/modifier`,
      callForm('cloture-anticipee', fields('opens', -2)),
    );
    assert.equal(edit.statusCode, 409);

    assert.equal((await client.post(`/admin/appels/${id}/reouverture`, {})).statusCode, 303);
    const reopened = (await t.client().get('/appels')).body;
    assert.match(group(reopened, 'open'), /cloture-anticipee/);
    assert.doesNotMatch((await t.client().get('/appels/cloture-anticipee')).body, /clos par anticipation/);
    assert.deepEqual(await actions(id), ['calls.create', 'calls.publish', 'calls.close', 'calls.reopen']);
  });

  test('bad input gives the form again with French messages naming the field, values kept', async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ title: '' }, 'title', /Indiquez le titre de l’appel/],
      [{ slug: 'Pas Bon' }, 'slug', /Indiquez l’adresse de la page en lettres minuscules/],
      [
        { opens_date: '31/02/2027', opens_time: '10:00' },
        'opens_date',
        /Date d’ouverture doit être une date réelle, au format jj\/mm\/aaaa/,
      ],
      [
        { opens_date: '2027-03-01', opens_time: '2:30 PM' },
        'opens_time',
        /Heure d’ouverture doit être une heure sur 24 heures/,
      ],
      [
        { opens_date: '2027-03-01', opens_time: '25:00' },
        'opens_time',
        /Heure d’ouverture doit être une heure sur 24 heures/,
      ],
      [
        { opens_date: '2027-03-10', opens_time: '10:00', closes_date: '2027-03-01', closes_time: '10:00' },
        'closes_date',
        /La date de clôture doit être après la date d’ouverture/,
      ],
    ];
    for (const [extra, field, message] of cases) {
      const res = await client.post('/admin/appels/nouveau', callForm('erreur', extra));
      assert.equal(res.statusCode, 400, field);
      assert.match(res.body, message, field);
      assert.match(res.body, new RegExp(`href="#${fieldId(field)}"`), `${field} in the summary`);
      assert.match(res.body, />Premier paragraphe\.\n\nSecond paragraphe\.<\/textarea>/, 'values kept');
    }
    const taken = await client.post('/admin/appels/nouveau', callForm('pionniers-2027'));
    assert.equal(taken.statusCode, 400);
    assert.match(taken.body, /Cette adresse de page est déjà prise/);
    const count = await t.database.db
      .selectFrom('calls')
      .select('slug')
      .where('slug', '=', 'erreur')
      .execute();
    assert.equal(count.length, 0);
  });

  test('Paris local times become UTC across daylight saving time, and come back the same', async () => {
    assert.equal(
      parisToUtc({ y: 2027, m: 1, d: 15 }, { h: 10, mi: 0 }).toISOString(),
      '2027-01-15T09:00:00.000Z',
    );
    assert.equal(
      parisToUtc({ y: 2027, m: 7, d: 15 }, { h: 10, mi: 0 }).toISOString(),
      '2027-07-15T08:00:00.000Z',
    );
    const id = await create(
      callForm('heure-ete', {
        opens_date: '15/01/2027',
        opens_time: '10:00',
        closes_date: '2027-07-15',
        closes_time: '23:59',
      }),
    );
    const row = await t.database.db
      .selectFrom('calls')
      .select(['opens_at', 'closes_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.opens_at?.toISOString(), '2027-01-15T09:00:00.000Z');
    assert.equal(row.closes_at?.toISOString(), '2027-07-15T21:59:00.000Z');
    const edit = await client.get(`/admin/appels/${id}/modifier`);
    assert.match(edit.body, /value="2027-01-15"/);
    assert.match(edit.body, /value="23:59"/);
    assert.match((await client.get(`/admin/appels/${id}/apercu`)).body, /15 janvier 2027 à 10:00/);
  });
});
