import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit/index.js';
import { createTestApp, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { createTestUser, openTestSession, type TestUser } from '../accounts/testing.js';
import { seedFundingPartners } from '../funding/index.js';
import { parisDayStart } from './admin.service.js';

describe('administration over HTTP (roles, audit trail)', () => {
  let t: TestApp;
  let admin: TestUser;
  let client: TestClient;

  /** A browser signed in to `user` with a session confirmed by a second factor. */
  async function signedIn(user: TestUser, secondFactor = true): Promise<TestClient> {
    const c = t.client();
    c.cookies.set(t.app.sessionCookieName, await openTestSession(t.database.db, user.id, { secondFactor }));
    await c.get('/admin');
    return c;
  }

  async function events(action: string) {
    return t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', action)
      .orderBy('id')
      .execute();
  }

  async function assignmentId(userId: string, role: string): Promise<string> {
    const row = await t.database.db
      .selectFrom('role_assignments')
      .select('id')
      .where('user_id', '=', userId)
      .where('role', '=', role as 'member')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  before(async () => {
    t = await createTestApp();
    await t.database.db
      .insertInto('geo_regions')
      .values({ code: '84', name: 'Auvergne-Rhône-Alpes' })
      .execute();
    await seedFundingPartners(t.database.db);
    admin = await createTestUser(t.database.db, {
      email: 'admin@exemple.fr',
      name: 'Alex Admin',
      roles: [{ role: 'administrator', scope: null }],
    });
    client = await signedIn(admin);
  });
  after(() => t.close());

  test('only an administrator with a confirmed second factor gets in', async () => {
    const anonymous = await t.client().get('/admin/roles');
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, '/connexion?retour=%2Fadmin%2Froles');

    const unconfirmed = await (await signedIn(admin, false)).get('/admin');
    assert.equal(unconfirmed.statusCode, 303);
    assert.match(String(unconfirmed.headers.location), /^\/compte\/double-authentification/);

    const someone = await createTestUser(t.database.db);
    assert.equal((await (await signedIn(someone)).get('/admin/journal')).statusCode, 403);

    const home = await client.get('/admin');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /<h1>Administration<\/h1>/);
    assert.match(home.body, /href="\/admin\/roles"/);
    assert.match(home.body, /href="\/admin\/journal"/);
  });

  test('grants a role to an existing account by its address, audited, and lists it', async () => {
    const user = await createTestUser(t.database.db, {
      email: 'claude.instructrice@exemple.fr',
      name: 'Claude',
    });
    await client.get('/admin/roles');
    const res = await client.post('/admin/roles', {
      email: '  Claude.Instructrice@Exemple.fr ',
      role: 'instructor',
      scope_type: 'call',
      scope_id: 'appel-2026-1',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    assert.equal(res.headers.location, '/admin/roles?attribue=1');

    const page = await client.get('/admin/roles?attribue=1');
    assert.match(page.body, /Le rôle a été attribué\./);
    assert.match(page.body, /claude\.instructrice@exemple\.fr/);
    assert.match(page.body, /Instructeur/);
    assert.match(page.body, /appel : appel-2026-1/);
    assert.match(page.body, /par admin@exemple\.fr/);

    const [grant] = (await events('roles.grant')).filter((e) => e.object_id === user.id);
    assert.ok(grant);
    assert.equal(grant.actor_id, admin.id);
    assert.equal(grant.actor_label, 'admin@exemple.fr');
    assert.deepEqual(grant.summary, {
      role: 'instructor',
      scope: 'call:appel-2026-1',
      email: 'claude.instructrice@exemple.fr',
    });
  });

  test('refuses an unknown address, an unsuitable object, an unknown région or partner, with a French message', async () => {
    await createTestUser(t.database.db, { email: 'dominique@exemple.fr' });
    await client.get('/admin/roles');
    const cases: [Record<string, string>, string, RegExp][] = [
      [
        { email: 'personne@exemple.fr', role: 'reviewer', scope_type: 'call', scope_id: 'appel-1' },
        'email',
        /Aucun compte n’existe avec cette adresse/,
      ],
      [{ email: 'pas-une-adresse', role: 'reviewer' }, 'email', /Indiquez une adresse e-mail valide/],
      // Belonging to an organisation is managed by its owners, not granted here.
      [
        { email: 'dominique@exemple.fr', role: 'member', scope_type: 'organisation', scope_id: 'org-1' },
        'role',
        /Choisissez un rôle\./,
      ],
      [{ email: 'dominique@exemple.fr', role: 'chef' }, 'role', /Choisissez un rôle\./],
      [
        { email: 'dominique@exemple.fr', role: 'administrator', scope_type: 'region', scope_id: '84' },
        'scope_type',
        /Ce rôle s’attribue pour toute la plateforme/,
      ],
      [
        { email: 'dominique@exemple.fr', role: 'funder', scope_type: 'call', scope_id: 'x' },
        'scope_type',
        /Ce rôle s’attribue pour : partenaire financeur\./,
      ],
      [
        { email: 'dominique@exemple.fr', role: 'instructor', scope_type: 'call', scope_id: '' },
        'scope_id',
        /Indiquez l’identifiant de l’objet\./,
      ],
      [
        { email: 'dominique@exemple.fr', role: 'instructor', scope_type: 'call', scope_id: 'deux mots' },
        'scope_id',
        /L’identifiant compte de 1 à 100 caractères/,
      ],
      [
        { email: 'dominique@exemple.fr', role: 'public_hacker', scope_type: 'region', scope_id: '99' },
        'scope_id',
        /Aucune région n’a ce code INSEE/,
      ],
      [
        { email: 'dominique@exemple.fr', role: 'funder', scope_type: 'partner', scope_id: 'inconnu' },
        'scope_id',
        /Aucun partenaire financeur n’a cet identifiant/,
      ],
    ];
    for (const [form, field, message] of cases) {
      const res = await client.post('/admin/roles', form);
      assert.equal(res.statusCode, 400, `${JSON.stringify(form)}: ${res.statusCode}`);
      assert.match(res.body, message, JSON.stringify(form));
      assert.match(res.body, new RegExp(`id="field-${field}"[^>]*aria-invalid="true"`), JSON.stringify(form));
      assert.match(res.body, /class="fr-alert fr-alert--error fr-mb-4w"/);
    }
    const count = await t.database.db
      .selectFrom('role_assignments as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('u.email', '=', 'dominique@exemple.fr')
      .executeTakeFirstOrThrow();
    assert.equal(count.n, 0);

    // Known région and partner: granted.
    for (const form of [
      { email: 'dominique@exemple.fr', role: 'public_hacker', scope_type: 'region', scope_id: '84' },
      { email: 'dominique@exemple.fr', role: 'funder', scope_type: 'partner', scope_id: 'bpifrance' },
    ]) {
      const res = await client.post('/admin/roles', form);
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    }
  });

  test('a role already held gets 409 and a clear message', async () => {
    await createTestUser(t.database.db, {
      email: 'eden@exemple.fr',
      roles: [{ role: 'reviewer', scope: { type: 'call', id: 'appel-7' } }],
    });
    await client.get('/admin/roles');
    const res = await client.post('/admin/roles', {
      email: 'eden@exemple.fr',
      role: 'reviewer',
      scope_type: 'call',
      scope_id: 'appel-7',
    });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /Ce compte a déjà ce rôle pour cet objet\./);
  });

  test('filters the list by part of an address and by role', async () => {
    await createTestUser(t.database.db, {
      email: 'filtre.un@exemple.fr',
      roles: [{ role: 'territory_coordinator', scope: { type: 'territory', id: 'lyon' } }],
    });
    await createTestUser(t.database.db, {
      email: 'filtre.deux@exemple.fr',
      roles: [{ role: 'reviewer', scope: { type: 'call', id: 'appel-9' } }],
    });
    const byEmail = await client.get('/admin/roles?email=FILTRE.');
    assert.match(byEmail.body, /filtre\.un@exemple\.fr/);
    assert.match(byEmail.body, /filtre\.deux@exemple\.fr/);
    assert.doesNotMatch(byEmail.body, /admin@exemple\.fr<\/td>/);
    assert.match(byEmail.body, /2 rôles attribués/);

    const byRole = await client.get('/admin/roles?email=filtre&role=territory_coordinator');
    assert.match(byRole.body, /filtre\.un@exemple\.fr/);
    assert.doesNotMatch(byRole.body, /filtre\.deux@exemple\.fr/);

    const none = await client.get('/admin/roles?email=%25');
    assert.match(none.body, /Aucun rôle ne correspond à ces critères\./);
    // A role that does not exist is ignored, not a 500.
    assert.equal((await client.get('/admin/roles?role=chef&page=abc')).statusCode, 200);
  });

  test('removes a role (audited), never the last administrator; one may drop one’s own if another remains', async () => {
    const member = await createTestUser(t.database.db, {
      email: 'retrait@exemple.fr',
      roles: [{ role: 'reviewer', scope: { type: 'call', id: 'appel-3' } }],
    });
    await client.get('/admin/roles');
    const id = await assignmentId(member.id, 'reviewer');
    const res = await client.post(`/admin/roles/${id}/retrait`, {});
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/roles?retire=1');
    assert.match((await client.get('/admin/roles?retire=1')).body, /Le rôle a été retiré\./);
    const [revoke] = (await events('roles.revoke')).filter((e) => e.object_id === member.id);
    assert.equal(revoke?.actor_label, 'admin@exemple.fr');
    assert.deepEqual(revoke?.summary, { role: 'reviewer', scope: 'call:appel-3' });

    // Again: gone already.
    assert.equal((await client.post(`/admin/roles/${id}/retrait`, {})).statusCode, 404);
    assert.equal((await client.post('/admin/roles/pas-un-uuid/retrait', {})).statusCode, 404);

    // The only administrator cannot remove their own role.
    const own = await assignmentId(admin.id, 'administrator');
    const refused = await client.post(`/admin/roles/${own}/retrait`, {});
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /C’est le dernier administrateur de la plateforme/);
    assert.equal(await countAdmins(), 1);

    // With a second administrator, they can; the pages are then closed to them.
    const second = await createTestUser(t.database.db, {
      email: 'second.admin@exemple.fr',
      roles: [{ role: 'administrator', scope: null }],
    });
    const secondClient = await signedIn(second);
    const dropped = await secondClient.post(
      `/admin/roles/${await assignmentId(second.id, 'administrator')}/retrait`,
      {},
    );
    assert.equal(dropped.statusCode, 303);
    assert.equal(dropped.headers.location, '/compte');
    assert.equal((await secondClient.get('/admin')).statusCode, 403);
    assert.equal(await countAdmins(), 1);
  });

  async function countAdmins(): Promise<number> {
    const row = await t.database.db
      .selectFrom('role_assignments')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('role', '=', 'administrator')
      .executeTakeFirstOrThrow();
    return row.n;
  }

  test('two administrators removing each other at once: one stays', async () => {
    const a = await createTestUser(t.database.db, { roles: [{ role: 'administrator', scope: null }] });
    const b = await createTestUser(t.database.db, { roles: [{ role: 'administrator', scope: null }] });
    const [ca, cb] = [await signedIn(a), await signedIn(b)];
    // Only a and b are administrators while they remove each other.
    await t.database.db.deleteFrom('role_assignments').where('user_id', '=', admin.id).execute();
    try {
      const results = await Promise.all([
        ca.post(`/admin/roles/${await assignmentId(b.id, 'administrator')}/retrait`, {}),
        cb.post(`/admin/roles/${await assignmentId(a.id, 'administrator')}/retrait`, {}),
      ]);
      const statuses = results.map((r) => r.statusCode).sort();
      // One removal goes through; the other is refused (the last administrator, or no longer one).
      assert.ok(statuses[0] === 303 && (statuses[1] === 403 || statuses[1] === 409), statuses.join(','));
      assert.equal(await countAdmins(), 1);
    } finally {
      for (const user of [a, b])
        await t.database.db.deleteFrom('role_assignments').where('user_id', '=', user.id).execute();
      await t.database.db
        .insertInto('role_assignments')
        .values({ user_id: admin.id, role: 'administrator', scope_type: null, scope_id: null })
        .execute();
    }
    assert.equal(await countAdmins(), 1);
  });

  test('searches the audit trail by action prefix, actor, object and Paris dates, newest first', async () => {
    const page = await client.get('/admin/journal?action=roles.');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /roles\.grant/);
    assert.match(page.body, /roles\.revoke/);
    assert.doesNotMatch(page.body, /<code>auth\./);
    const grants = page.body.indexOf('<code>roles.grant');
    const revokes = page.body.indexOf('<code>roles.revoke');
    assert.ok(revokes < grants, 'newest first: the revocations came after the grants');

    const byActor = await client.get('/admin/journal?auteur=Second.Admin%40exemple.fr');
    assert.match(byActor.body, /<code>roles\.revoke/);
    assert.doesNotMatch(byActor.body, /<code>roles\.grant/);

    const byObject = await client.get(`/admin/journal?type=user&objet=${admin.id}`);
    assert.match(byObject.body, /roles\.revoke|Aucun évènement/);

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const todays = await client.get(`/admin/journal?du=${today}&au=${today}&action=roles.grant`);
    assert.match(todays.body, /roles\.grant/);
    const future = await client.get('/admin/journal?du=2999-01-01');
    assert.match(future.body, /Aucun évènement ne correspond à ces critères\./);

    for (const [query, message] of [
      ['du=31%2F02%2F2026', /Indiquez une date au format JJ\/MM\/AAAA\./],
      ['du=2026-02-31', /Indiquez une date au format JJ\/MM\/AAAA\./],
      ['du=2026-03-02&au=2026-03-01', /La date de fin doit suivre la date de début\./],
      ['action=DROP%20TABLE', /Le code d’action ne contient que/],
      ['objet=abc', /Indiquez aussi le type d’objet\./],
      ['avant=0', /Cette page du journal n’existe pas\./],
      ['action=a&action=b', /Entrée invalide|invalide/i],
    ] as const) {
      const res = await client.get(`/admin/journal?${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.match(res.body, message, query);
    }
  });

  test('pages through the trail with a keyset link, and shows summaries escaped', async () => {
    for (let i = 0; i < 55; i++)
      await recordAudit(t.database.db, {
        action: 'essai.page',
        objectType: 'essai',
        objectId: String(i),
        actorLabel: 'ligne de commande',
        summary: { n: i, note: '<script>alert(1)</script>' },
      });
    const first = await client.get('/admin/journal?action=essai.');
    assert.equal((first.body.match(/essai\.page/g) ?? []).length, 50);
    assert.match(first.body, /essai : 54/);
    assert.doesNotMatch(first.body, /<script>alert/);
    assert.match(first.body, /&lt;script>alert\(1\)&lt;\/script>/);
    const older = /href="(\/admin\/journal\?action=essai\.&avant=\d+#evenements)"/.exec(first.body);
    assert.ok(older, `a link to older events: ${/fr-pagination[\s\S]{0,600}/.exec(first.body)?.[0]}`);
    const second = await client.get(older[1]!);
    assert.equal((second.body.match(/essai\.page/g) ?? []).length, 5);
    assert.match(second.body, /essai : 0</);
    assert.match(second.body, /href="\/admin\/journal\?action=essai\.#evenements"/);
  });

  test('checks the chain on demand: intact, then the first altered event', async () => {
    await client.get('/admin/journal');
    const { n } = await t.database.db
      .selectFrom('audit_events')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const intact = await client.post('/admin/journal/verification', {});
    assert.equal(intact.statusCode, 200);
    assert.match(intact.body, new RegExp(`Chaîne intègre \\(${n} évènements\\)`));

    const target = await t.database.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'essai.page')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await t.database.db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(trx);
      await sql`UPDATE audit_events SET summary = '{"n": -1}'::jsonb WHERE id = ${target.id}`.execute(trx);
      await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(trx);
    });
    const broken = await client.post('/admin/journal/verification', {});
    assert.match(broken.body, /Chaîne altérée/);
    assert.match(broken.body, new RegExp(`Premier évènement en cause : n° ${target.id}\\.`));
  });

  test('in English', async () => {
    const en = await signedIn(admin);
    en.cookies.set('lang', 'en');
    const roles = await en.get('/admin/roles');
    assert.match(roles.body, /<h1>Roles<\/h1>/);
    assert.match(roles.body, /Grant a role/);
    const journal = await en.get('/admin/journal?du=nope');
    assert.equal(journal.statusCode, 400);
    assert.match(journal.body, /Enter a date as DD\/MM\/YYYY\./);
  });
});

describe('parisDayStart', () => {
  test('midnight in Paris, summer and winter time', () => {
    assert.equal(parisDayStart('2026-01-15').toISOString(), '2026-01-14T23:00:00.000Z');
    assert.equal(parisDayStart('2026-07-15').toISOString(), '2026-07-14T22:00:00.000Z');
    assert.equal(parisDayStart('2026-03-29').toISOString(), '2026-03-28T23:00:00.000Z');
    assert.equal(parisDayStart('2026-03-29', 1).toISOString(), '2026-03-29T22:00:00.000Z');
    assert.equal(parisDayStart('2026-10-25', 1).toISOString(), '2026-10-25T23:00:00.000Z');
  });
});
