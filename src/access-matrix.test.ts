import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ACCESS_MATRIX,
  CALL_1,
  DOSSIER_A,
  EVERYONE,
  ORGANISATION_A,
  ORGANISATION_B,
  PERSONAS,
  type Persona,
} from './access-matrix.js';
import { hashSecret } from './modules/accounts/accounts.service.js';
import { createTestUser, openTestSession } from './modules/accounts/testing.js';
import { createTestCall, createTestDossier } from './modules/dossiers/testing.js';
import { createTestOrganisation } from './modules/organisations/testing.js';
import { addTestJuryMember, assignTestDossier } from './modules/selection/testing.js';
import { publicAccess, rule } from './platform/access/index.js';
import { isRefusal, matrixGaps, matrixRoutes, routeKey, tryRoute } from './platform/testing/access-matrix.js';
import { createTestApp, type TestApp } from './platform/testing/app.js';

describe('authorisation matrix: every route × every persona', () => {
  let t: TestApp;
  const users = new Map<Persona, string | null>();

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    await createTestOrganisation(db, { id: ORGANISATION_A, name: 'Organisation A' });
    await createTestOrganisation(db, { id: ORGANISATION_B, name: 'Organisation B' });
    await createTestCall(db, { id: CALL_1 });
    await createTestDossier(db, {
      id: DOSSIER_A,
      callId: CALL_1,
      organisationId: ORGANISATION_A,
      status: 'depose',
    });
    for (const [persona, roles] of Object.entries(PERSONAS) as [Persona, (typeof PERSONAS)[Persona]][]) {
      if (roles === null) {
        users.set(persona, null);
        continue;
      }
      // Belonging to an organisation is a row of organisation_members (owner), not a granted role.
      const memberships = roles.flatMap((g) => (g.role === 'member' && g.scope ? [g.scope.id] : []));
      const user = await createTestUser(db, { roles: roles.filter((g) => g.role !== 'member') });
      for (const organisationId of memberships)
        await db
          .insertInto('organisation_members')
          .values({ organisation_id: organisationId, user_id: user.id, role: 'owner' })
          .execute();
      users.set(persona, user.id);
    }
    // The reviewer persona sits on CALL_1's jury and DOSSIER_A is assigned to it (published).
    const reviewer = users.get('reviewer');
    if (reviewer) {
      await addTestJuryMember(db, { callId: CALL_1, userId: reviewer });
      await assignTestDossier(db, { callId: CALL_1, dossierId: DOSSIER_A, userId: reviewer });
    }
  });

  /**
   * A fresh session for each request (some routes end the session they are called with). Staff sessions are
   * confirmed by a second factor, as a real sign-in of a staff account is.
   */
  async function sessionOf(persona: Persona) {
    const userId = users.get(persona);
    if (!userId) return null;
    const token = await openTestSession(t.database.db, userId, { secondFactor: true });
    return { cookie: `${t.app.sessionCookieName}=${token}`, key: hashSecret(token) };
  }
  after(() => t.close());

  test('every registered route has a row, and every row a route', () => {
    assert.deepEqual(matrixGaps(t.app, ACCESS_MATRIX), { missing: [], stale: [] });
  });

  test('each persona is let in exactly where its row says', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const route of matrixRoutes(t.app)) {
      const row = ACCESS_MATRIX[routeKey(route)];
      if (!row) continue;
      for (const persona of users.keys()) {
        const session = await sessionOf(persona);
        const response = await tryRoute(t.app, route, {
          sessionCookie: session?.cookie ?? null,
          sessionKey: session?.key ?? null,
          secret: t.config.SESSION_SECRET,
          params: row.params,
        });
        assert.ok(response.statusCode < 500, `${routeKey(route)} as ${persona}: ${response.statusCode}`);
        const allowed = !isRefusal(response);
        if (allowed !== row.allow.includes(persona))
          mismatches.push(
            `${routeKey(route)} as ${persona}: ${allowed ? 'allowed' : 'refused'} (${response.statusCode} ${response.headers.location ?? ''})`,
          );
        checked++;
      }
    }
    assert.deepEqual(mismatches, []);
    assert.equal(checked, matrixRoutes(t.app).length * users.size);
  });
});

describe('routes must declare who may use them', () => {
  test('a route registered without an access rule stops the app from starting', async () => {
    await assert.rejects(
      createTestApp({
        extend: (app) => {
          app.get('/essai/sans-regle', async () => 'ouvert à tous ?');
        },
      }),
      /La route GET \/essai\/sans-regle ne déclare pas de règle d’accès/,
    );
  });

  test('a new route without a row in the matrix is reported missing', async () => {
    const t = await createTestApp({
      extend: (app) => {
        app.get('/essai/nouvelle', { config: { access: publicAccess } }, async () => 'nouvelle');
      },
    });
    try {
      const gaps = matrixGaps(t.app, ACCESS_MATRIX);
      assert.deepEqual(gaps, { missing: ['GET /essai/nouvelle'], stale: [] });
      // With its row, it is checked like the others.
      assert.deepEqual(matrixGaps(t.app, { ...ACCESS_MATRIX, 'GET /essai/nouvelle': EVERYONE }), {
        missing: [],
        stale: [],
      });
    } finally {
      await t.close();
    }
  });

  test('a staff rule needs a session confirmed by a second factor; a refused user gets 403', async () => {
    const staffOnly = rule('essai', (p) => p.roles.some((g) => g.role === 'instructor'), { staff: true });
    const t = await createTestApp({
      extend: (app) => {
        app.get('/essai/personnel', { config: { access: staffOnly } }, async () => 'dossiers');
      },
    });
    try {
      const db = t.database.db;
      const staff = await createTestUser(db, { roles: [PERSONAS.instructor[0]] });
      const other = await createTestUser(db);
      const get = (token: string | null) =>
        t.app.inject({
          method: 'GET',
          url: '/essai/personnel',
          headers: token ? { cookie: `${t.app.sessionCookieName}=${token}` } : {},
        });

      const anonymous = await get(null);
      assert.equal(anonymous.statusCode, 303);
      assert.equal(anonymous.headers.location, '/connexion?retour=%2Fessai%2Fpersonnel');

      const withoutSecondFactor = await get(await openTestSession(db, staff.id));
      assert.equal(withoutSecondFactor.statusCode, 303);
      assert.equal(
        withoutSecondFactor.headers.location,
        '/compte/double-authentification?retour=%2Fessai%2Fpersonnel',
      );

      const confirmed = await get(await openTestSession(db, staff.id, { secondFactor: true }));
      assert.equal(confirmed.statusCode, 200);
      assert.equal(confirmed.body, 'dossiers');

      const refused = await get(await openTestSession(db, other.id, { secondFactor: true }));
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /Vous n’avez pas accès à cette page/);
    } finally {
      await t.close();
    }
  });
});
