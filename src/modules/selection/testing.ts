import type { Db } from '../../platform/db/index.js';
import { createTestUser, type TestUser } from '../accounts/testing.js';
import type { ImpactDomain } from '../organisations/index.js';
import type { AssignmentSource, AssignmentState } from './selection.tables.js';

/** For tests: the jury and assignments of a call, written straight to the database. */

/** An évaluateur of `callId` (role 'reviewer' on the call) who sits on its jury. */
export async function createTestReviewer(
  db: Db,
  callId: string,
  options: { name?: string; domains?: ImpactDomain[]; capacity?: number; president?: boolean } = {},
): Promise<TestUser> {
  const user = await createTestUser(db, {
    ...(options.name ? { name: options.name } : {}),
    roles: [{ role: 'reviewer', scope: { type: 'call', id: callId } }],
  });
  await addTestJuryMember(db, { callId, userId: user.id, ...options });
  return user;
}

/** Seats an existing account on the jury of `callId` (its role is not granted here). */
export async function addTestJuryMember(
  db: Db,
  options: {
    callId: string;
    userId: string;
    domains?: ImpactDomain[];
    capacity?: number;
    president?: boolean;
  },
): Promise<void> {
  await db
    .insertInto('jury_members')
    .values({
      call_id: options.callId,
      user_id: options.userId,
      domains: options.domains ?? [],
      capacity: options.capacity ?? 10,
      is_president: options.president ?? false,
    })
    .execute();
}

/** The selection settings of `callId` (k évaluateurs per dossier, grid, quota…), created or changed. */
export async function setTestSelectionSettings(
  db: Db,
  callId: string,
  settings: {
    reviewersPerDossier?: number;
    grid?: unknown;
    showOtherReviews?: boolean;
    quotaMin?: number | null;
    quotaMax?: number | null;
  },
): Promise<void> {
  const values = {
    ...(settings.reviewersPerDossier !== undefined
      ? { reviewers_per_dossier: settings.reviewersPerDossier }
      : {}),
    ...(settings.grid !== undefined ? { grid: JSON.stringify(settings.grid) } : {}),
    ...(settings.showOtherReviews !== undefined ? { show_other_reviews: settings.showOtherReviews } : {}),
    ...(settings.quotaMin !== undefined ? { quota_min: settings.quotaMin } : {}),
    ...(settings.quotaMax !== undefined ? { quota_max: settings.quotaMax } : {}),
  };
  await db
    .insertInto('selection_settings')
    .values({ call_id: callId, ...values })
    .onConflict((oc) =>
      Object.keys(values).length ? oc.column('call_id').doUpdateSet(values) : oc.doNothing(),
    )
    .execute();
}

/** Assigns dossier `dossierId` of `callId` to `userId` (published unless said otherwise). */
export async function assignTestDossier(
  db: Db,
  options: {
    callId: string;
    dossierId: string;
    userId: string;
    state?: AssignmentState;
    source?: AssignmentSource;
  },
): Promise<void> {
  await db
    .insertInto('review_assignments')
    .values({
      call_id: options.callId,
      dossier_id: options.dossierId,
      user_id: options.userId,
      state: options.state ?? 'publie',
      source: options.source ?? 'manuel',
    })
    .execute();
}
