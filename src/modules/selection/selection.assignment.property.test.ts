import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { Db } from '../../platform/db/index.js';
import { createTestApp, type TestApp } from '../../platform/testing/app.js';
import { createTestUser, type TestUser } from '../accounts/testing.js';
import { createTestCall, createTestDossier } from '../dossiers/testing.js';
import type { ImpactDomain } from '../organisations/index.js';
import { createTestOrganisation } from '../organisations/testing.js';
import { assignmentFr } from './selection.assignment.fr.js';
import { createAssignmentService } from './selection.assignment.service.js';
import { createTestReviewer, setTestSelectionSettings } from './testing.js';

/**
 * The computed assignment, end to end, on random calls written to the database: organisations (some the
 * same legal entity under two names, sharing a SIREN given directly or through a SIRET), admissible
 * dossiers with partners, évaluateurs who belong to some organisations (a seat or a role 'member'), declared
 * conflicts, k from 1 to 3. Whatever the instance, the stored proposal never pairs an évaluateur with a
 * dossier they conflict with, never exceeds a capacity or k, and gives every dossier all the évaluateurs
 * it can have when capacities are ample. The conflicts are recomputed here from the generated instance,
 * without the module's queries.
 */

const RUNS = 20;
const SEED = 20_261_127;

const DOMAINS: ImpactDomain[] = ['culture', 'sante', 'alimentation'];
/** Few SIRENs, so that organisations often share one. */
const SIRENS = ['111111111', '222222222', '333333333'];

/** How an organisation carries its SIREN: directly, only through its SIRET, both, or not at all. */
type Identity = 'siren' | 'siret' | 'both' | 'none';

interface OrgSpec {
  siren: number;
  identity: Identity;
  domains: ImpactDomain[];
  /** null: no dossier in the call; otherwise the dossier's status. */
  dossier: 'recevable' | 'brouillon' | 'en_instruction' | null;
  partners: number[];
}

interface ReviewerSpec {
  capacity: number;
  domains: ImpactDomain[];
  /** Organisations where the évaluateur has a seat (organisation_members). */
  seats: number[];
  /** Organisations where the évaluateur has a role 'member' (role_assignments). */
  roles: number[];
}

interface Instance {
  orgs: OrgSpec[];
  reviewers: ReviewerSpec[];
  /** (organisation index of the dossier, reviewer index): kept when that organisation has a dossier. */
  declared: [number, number][];
  k: number;
  /** Raises every capacity to the number of dossiers, so that the "ample" case comes up often. */
  ample: boolean;
}

const indexes = (n: number) => Array.from({ length: n }, (_, i) => i);

const instanceArb: fc.Arbitrary<Instance> = fc
  .tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 5 }))
  .chain(([nOrgs, nReviewers]) =>
    fc.record({
      orgs: fc.array(
        fc.record({
          siren: fc.integer({ min: 0, max: SIRENS.length - 1 }),
          identity: fc.constantFrom<Identity>('siren', 'siret', 'both', 'none'),
          domains: fc.subarray(DOMAINS, { maxLength: 2 }),
          dossier: fc.constantFrom<OrgSpec['dossier']>(
            'recevable',
            'recevable',
            'recevable',
            'recevable',
            'brouillon',
            'en_instruction',
            null,
          ),
          partners: fc.subarray(indexes(nOrgs), { maxLength: 2 }),
        }),
        { minLength: nOrgs, maxLength: nOrgs },
      ),
      reviewers: fc.array(
        fc.record({
          capacity: fc.integer({ min: 0, max: 6 }),
          domains: fc.subarray(DOMAINS, { maxLength: 2 }),
          seats: fc.subarray(indexes(nOrgs), { maxLength: 2 }),
          roles: fc.subarray(indexes(nOrgs), { maxLength: 1 }),
        }),
        { minLength: nReviewers, maxLength: nReviewers },
      ),
      declared: fc.array(
        fc.tuple(fc.integer({ min: 0, max: nOrgs - 1 }), fc.integer({ min: 0, max: nReviewers - 1 })),
        { maxLength: 3 },
      ),
      k: fc.integer({ min: 1, max: 3 }),
      ample: fc.boolean(),
    }),
  );

/** The SIREN an organisation is known by: its own, or the first nine digits of its SIRET. */
function sirenOf(org: OrgSpec): string | null {
  return org.identity === 'none' ? null : (SIRENS[org.siren] ?? null);
}

describe('selection: computed assignment on random calls (property)', () => {
  let t: TestApp;
  let db: Db;
  let staff: TestUser;
  const service = () => createAssignmentService(db);
  let ampleRuns = 0;
  let sirenOnlyConflicts = 0;
  let pairsStored = 0;

  before(async () => {
    t = await createTestApp();
    db = t.database.db;
    staff = await createTestUser(db, { name: 'Camille Instructrice' });
  });

  after(async () => {
    await t.close();
  });

  test('never pairs a conflict, respects capacities and k, and fills every dossier when capacity is ample', async (ctx) => {
    await fc.assert(
      fc.asyncProperty(instanceArb, async (instance) => {
        const call = await createTestCall(db);
        await setTestSelectionSettings(db, call.id, { reviewersPerDossier: instance.k });

        // Organisations, and the dossiers of some of them.
        const orgIds: string[] = [];
        for (const spec of instance.orgs) {
          const siren = sirenOf(spec);
          const org = await createTestOrganisation(db, {
            siren: spec.identity === 'siren' || spec.identity === 'both' ? siren : null,
          });
          const siret =
            spec.identity === 'siret' || spec.identity === 'both' ? `${siren}000${12 + orgIds.length}` : null;
          await db
            .updateTable('organisations')
            .set({ domains: spec.domains, siret })
            .where('id', '=', org.id)
            .execute();
          orgIds.push(org.id);
        }
        /** Organisation index → its dossier (id, status, organisations involved). */
        const dossiers = new Map<number, { id: string; candidate: boolean; orgs: number[] }>();
        for (const [i, spec] of instance.orgs.entries()) {
          if (!spec.dossier) continue;
          const dossier = await createTestDossier(db, {
            callId: call.id,
            organisationId: orgIds[i] as string,
            status: spec.dossier,
          });
          const partners = spec.partners.filter((p) => p !== i);
          for (const p of partners)
            await db
              .insertInto('dossier_partners')
              .values({ dossier_id: dossier.id, organisation_id: orgIds[p] as string })
              .execute();
          dossiers.set(i, {
            id: dossier.id,
            candidate: spec.dossier === 'recevable',
            orgs: [i, ...partners],
          });
        }
        const candidates = [...dossiers.values()].filter((d) => d.candidate);

        // The jury, its memberships and declared conflicts.
        const reviewerIds: string[] = [];
        const capacities: number[] = [];
        for (const spec of instance.reviewers) {
          const capacity = instance.ample ? Math.max(spec.capacity, candidates.length) : spec.capacity;
          const user = await createTestReviewer(db, call.id, { domains: spec.domains, capacity });
          for (const o of spec.seats)
            await db
              .insertInto('organisation_members')
              .values({ organisation_id: orgIds[o] as string, user_id: user.id, role: 'editor' })
              .execute();
          for (const o of spec.roles)
            await db
              .insertInto('role_assignments')
              .values({
                user_id: user.id,
                role: 'member',
                scope_type: 'organisation',
                scope_id: orgIds[o] as string,
              })
              .execute();
          reviewerIds.push(user.id);
          capacities.push(capacity);
        }
        const declared = new Set<string>();
        for (const [o, r] of instance.declared) {
          const dossier = dossiers.get(o);
          const key = `${dossier?.id}|${reviewerIds[r]}`;
          if (!dossier || declared.has(key)) continue;
          await db
            .insertInto('declared_conflicts')
            .values({
              dossier_id: dossier.id,
              user_id: reviewerIds[r] as string,
              reason: 'Je connais l’équipe.',
            })
            .execute();
          declared.add(key);
        }

        // The oracle: who may review what, from the instance alone.
        const related = (member: number, dossierOrg: number): 'membre' | 'siren' | null => {
          if (member === dossierOrg) return 'membre';
          const a = sirenOf(instance.orgs[member] as OrgSpec);
          const b = sirenOf(instance.orgs[dossierOrg] as OrgSpec);
          return a !== null && a === b ? 'siren' : null;
        };
        const conflictKinds = (dossier: { id: string; orgs: number[] }, r: number): string[] => {
          const spec = instance.reviewers[r] as ReviewerSpec;
          const kinds = new Set<string>();
          for (const m of [...spec.seats, ...spec.roles])
            for (const o of dossier.orgs) {
              const kind = related(m, o);
              if (kind) kinds.add(kind);
            }
          if (declared.has(`${dossier.id}|${reviewerIds[r]}`)) kinds.add('declare');
          return [...kinds];
        };
        for (const d of candidates)
          for (const r of indexes(reviewerIds.length)) {
            const kinds = conflictKinds(d, r);
            if (kinds.length === 1 && kinds[0] === 'siren') sirenOnlyConflicts++;
          }

        await service().compute(
          call.id,
          { id: staff.id, label: staff.name },
          { ip: null, requestId: null },
          assignmentFr,
        );
        const stored = await db
          .selectFrom('review_assignments')
          .select(['dossier_id', 'user_id', 'state', 'source'])
          .where('call_id', '=', call.id)
          .execute();
        pairsStored += stored.length;

        const describeInstance = () => JSON.stringify({ ...instance, stored: stored.length });
        const dossierById = new Map(candidates.map((d) => [d.id, d]));
        const perReviewer = new Map<string, number>();
        const perDossier = new Map<string, number>();
        for (const pair of stored) {
          const dossier = dossierById.get(pair.dossier_id);
          assert.ok(dossier, `a pair on a dossier that is not admissible: ${describeInstance()}`);
          const r = reviewerIds.indexOf(pair.user_id);
          assert.ok(r >= 0, `a pair with someone outside the jury: ${describeInstance()}`);
          assert.deepEqual(
            conflictKinds(dossier, r),
            [],
            `évaluateur ${r} assigned the dossier of organisation ${dossier.orgs[0]} despite a conflict: ${describeInstance()}`,
          );
          assert.equal(pair.state, 'propose');
          assert.equal(pair.source, 'calcul');
          perReviewer.set(pair.user_id, (perReviewer.get(pair.user_id) ?? 0) + 1);
          perDossier.set(pair.dossier_id, (perDossier.get(pair.dossier_id) ?? 0) + 1);
        }
        for (const [r, id] of reviewerIds.entries())
          assert.ok(
            (perReviewer.get(id) ?? 0) <= (capacities[r] as number),
            `évaluateur ${r} above capacity: ${describeInstance()}`,
          );
        for (const d of candidates)
          assert.ok((perDossier.get(d.id) ?? 0) <= instance.k, `a dossier above k: ${describeInstance()}`);

        const total = capacities.reduce((sum, c) => sum + c, 0);
        const ample =
          total >= instance.k * candidates.length && capacities.every((c) => c >= candidates.length);
        if (ample) {
          ampleRuns++;
          for (const d of candidates) {
            const allowed = indexes(reviewerIds.length).filter(
              (r) => conflictKinds(d, r).length === 0,
            ).length;
            assert.equal(
              perDossier.get(d.id) ?? 0,
              Math.min(instance.k, allowed),
              `the dossier of organisation ${d.orgs[0]} is short of évaluateurs: ${describeInstance()}`,
            );
          }
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The instances reach the cases the property is about.
    assert.ok(ampleRuns > 0, 'no instance with ample capacity');
    assert.ok(sirenOnlyConflicts > 0, 'no conflict through a shared SIREN alone');
    assert.ok(pairsStored > 0, 'no pair was ever stored');
    ctx.diagnostic(
      `${RUNS} calls, ${ampleRuns} with ample capacity, ${sirenOnlyConflicts} pairs in conflict only through a SIREN, ${pairsStored} pairs stored`,
    );
  });
});
