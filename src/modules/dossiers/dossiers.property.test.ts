import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sessionCsrfToken } from '../../platform/http/csrf.js';
import { matrixRoutes } from '../../platform/testing/access-matrix.js';
import { createTestApp, type TestApp } from '../../platform/testing/app.js';
import { hashSecret } from '../accounts/accounts.service.js';
import { createTestUser, openTestSession } from '../accounts/testing.js';
import { createTestOrganisation } from '../organisations/testing.js';
import { createTestCall, createTestDossier } from './testing.js';

/**
 * Every dossier route, fed random bodies by the people who may use it (a member of the applicant
 * organisation, an instructeur of the call with a second factor) with a valid CSRF token, on a submitted
 * dossier, a draft and unknown ids: never a 5xx, and the submitted version never changes (answers, digest,
 * receipt number), whatever the statuses the random bodies manage to reach.
 */

const RUNS_PER_ROUTE = 25;
const SEED = 20_261_128;

const USUAL_FIELDS = [
  '_csrf',
  'lock_version',
  'submission_key',
  'statut',
  'message',
  'motivation',
  'decision',
  'echeance',
  'raison',
  'format',
  'action',
  'dossiers',
  'siren',
  'organisation',
  'topics',
  'nom_projet',
  'deja_finance',
  'montant_finance',
  'siege_en_france',
  'salaries',
  'statuts',
];

const anyValue = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '0', '1', '-1', 'oui', 'non', 'true', '1e309', '[]', '{}') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('recevable', 'irrecevable', 'depose', 'en_instruction', 'csv', 'xlsx'),
  },
  { weight: 1, arbitrary: fc.constantFrom('2030-01-31', '31/01/2030', '2000-01-01', '32/13/2030') },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 2, arbitrary: fc.constantFrom('0', '1', '2', 'depose', 'brouillon', 'Un message de relance.') },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 50_000 }).map((n) => 'é'.repeat(n)) },
);

function encode(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

describe('dossier routes survive random input (fast-check)', () => {
  let t: TestApp;
  let submitted: string;
  let draft: string;
  let callId: string;
  let callSlug: string;
  let frozen: unknown;
  const fields = new Set(USUAL_FIELDS);
  const people: Record<'member' | 'instructor', { cookie: string; csrf: string }> = {
    member: { cookie: '', csrf: '' },
    instructor: { cookie: '', csrf: '' },
  };

  async function session(userId: string, secondFactor: boolean) {
    const token = await openTestSession(t.database.db, userId, { secondFactor });
    return {
      cookie: `${t.app.sessionCookieName}=${token}`,
      csrf: sessionCsrfToken(hashSecret(token), t.config.SESSION_SECRET),
    };
  }

  async function versions() {
    return t.database.db
      .selectFrom('dossier_versions')
      .select(['dossier_id', 'version', 'answers', 'digest', 'receipt_number', 'submitted_at'])
      .where('dossier_id', '=', submitted)
      .orderBy('version')
      .execute();
  }

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const member = await createTestUser(db);
    const organisation = await createTestOrganisation(db, { members: [{ userId: member.id }] });
    const call = await createTestCall(db);
    callId = call.id;
    callSlug = call.slug;
    const instructor = await createTestUser(db, {
      roles: [{ role: 'instructor', scope: { type: 'call', id: call.id } }],
    });
    submitted = (
      await createTestDossier(db, {
        callId,
        organisationId: organisation.id,
        status: 'depose',
        answers: {
          nom_projet: 'Épicerie solidaire',
          deja_finance: false,
          siege_en_france: true,
          salaries: 3,
        },
      })
    ).id;
    const other = await createTestOrganisation(db, { members: [{ userId: member.id }] });
    draft = (await createTestDossier(db, { callId, organisationId: other.id })).id;
    people.member = await session(member.id, false);
    people.instructor = await session(instructor.id, true);
    frozen = await versions();
    // The field names of the pages these people use, added to the usual ones.
    const pages: [keyof typeof people, string][] = [
      ['member', `/dossiers/${submitted}`],
      ['member', `/dossiers/${submitted}/messages`],
      ['member', `/dossiers/${submitted}/retrait`],
      ['member', `/dossiers/${draft}/etapes/projet`],
      ['member', `/dossiers/${draft}/recapitulatif`],
      ['member', `/dossiers/${draft}/partenaires`],
      ['instructor', `/instruction/dossiers/${submitted}`],
      ['instructor', `/instruction/appels/${callId}`],
      ['instructor', `/instruction/appels/${callId}/exports`],
    ];
    for (const [who, url] of pages) {
      const page = await t.app.inject({ method: 'GET', url, headers: { cookie: people[who].cookie } });
      assert.equal(page.statusCode, 200, `GET ${url} as ${who}`);
      for (const match of page.body.matchAll(/name="([^"]+)"/g)) fields.add(match[1]!);
    }
  });
  after(() => t.close());

  test('no 5xx on any dossier route; the submitted version 1 never changes', async (ctx) => {
    const routes = matrixRoutes(t.app).filter(
      (r) =>
        r.method === 'POST' &&
        (r.url.startsWith('/dossiers') || r.url.startsWith('/instruction') || r.url.endsWith('/candidature')),
    );
    assert.ok(routes.length >= 10, `only ${routes.length} dossier routes found`);
    const failures: string[] = [];
    /** Routes where some random body was accepted: the property reaches past the validation. */
    const accepted = new Set<string>();
    for (const route of routes) {
      const paramNames = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const paramValue = (name: string) => {
        switch (name) {
          case 'id':
            return fc.constantFrom(submitted, submitted, draft, '00000000-0000-4000-8000-000000000000', 'x');
          case 'slug':
            return fc.constantFrom(callSlug, 'appel-inconnu');
          case 'callId':
            return fc.constantFrom(callId, callId, '00000000-0000-4000-8000-000000000000');
          case 'section':
            return fc.constantFrom('projet', 'pieces', 'inconnue');
          case 'fieldId':
            return fc.constantFrom('statuts', 'nom_projet', 'inconnu');
          case 'version':
            return fc.constantFrom('1', '2', '0', 'x');
          default:
            return fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 20 }));
        }
      };
      await fc
        .assert(
          fc.asyncProperty(
            fc.array(fc.tuple(fc.constantFrom(...fields), anyValue), { maxLength: 8 }),
            fc.tuple(...paramNames.map(paramValue)),
            async (pairs, params) => {
              const who = route.url.startsWith('/instruction') ? 'instructor' : 'member';
              let url = route.url;
              paramNames.forEach((name, i) => {
                url = url.replace(`:${name}`, encodeURIComponent(String(params[i])));
              });
              const person = people[who];
              const body = encode([['_csrf', person.csrf], ...pairs.filter(([k]) => k !== '_csrf')]);
              const response = await t.app.inject({
                method: 'POST',
                url,
                payload: body,
                headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: person.cookie },
              });
              if (response.statusCode < 400) accepted.add(route.url);
              assert.ok(
                response.statusCode < 500,
                `${response.statusCode} on POST ${url} as ${who}: ${body.slice(0, 300)}`,
              );
            },
          ),
          { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true },
        )
        .catch((error: Error) => {
          const cause = (error.cause as Error | undefined)?.message ?? error.message;
          failures.push(`${route.url}: ${cause.split('\n')[0]?.slice(0, 400)}`);
        });
    }
    assert.deepEqual(failures, []);
    assert.ok(accepted.size >= 3, `random bodies were accepted on ${[...accepted].join(', ') || 'no route'}`);
    ctx.diagnostic(`${routes.length} routes, accepted bodies on: ${[...accepted].join(', ')}`);
    const now = await versions();
    assert.deepEqual(now[0], (frozen as typeof now)[0], 'version 1 is exactly as it was submitted');
  });
});
