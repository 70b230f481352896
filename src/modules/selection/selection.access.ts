import type { FastifyRequest } from 'fastify';
import { type AccessRule, hasRole, type Principal, rule } from '../../platform/access/index.js';
import type { DbOrTx } from '../../platform/db/index.js';
import { isCallStaff, isUuid } from '../dossiers/index.js';

/**
 * Who may do what in the jury and selection (PRODUCT.md: an évaluateur sees only the dossiers assigned to
 * them). Every rule here is a staff rule: a session confirmed by the second factor.
 *
 * - `juryStaff` (`/admin/appels/:callId/selection/…`): the call's instructeurs and administrators appoint
 *   the jury, set the grid, compute and publish the assignment, shortlist, schedule auditions.
 * - `juryOfCall` (`/evaluations/appels/:callId/…`): the évaluateurs of the call, and its staff.
 * - `president` (deliberation of `:callId`): the jury's president, the call's instructeurs, administrators.
 * - `assignedReviewer` (`/evaluations/dossiers/:id/…`): the évaluateur a dossier is assigned to, once the
 *   assignment is published; nobody else (staff read dossiers on the instruction pages).
 */

export function isReviewerOf(principal: Principal, callId: string): boolean {
  return hasRole(principal, 'reviewer', { type: 'call', id: callId });
}

function paramOf(request: FastifyRequest, name: 'callId' | 'id'): string | null {
  const value = (request.params as Record<string, unknown> | undefined)?.[name];
  return isUuid(value) ? value : null;
}

/** The published assignment of `userId` on dossier `dossierId`, with the dossier's call. */
async function publishedAssignment(
  db: DbOrTx,
  dossierId: string,
  userId: string,
): Promise<{ call_id: string } | undefined> {
  return db
    .selectFrom('review_assignments')
    .select('call_id')
    .where('dossier_id', '=', dossierId)
    .where('user_id', '=', userId)
    .where('state', '=', 'publie')
    .executeTakeFirst();
}

async function isPresidentOf(db: DbOrTx, callId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('jury_members')
    .select('is_president')
    .where('call_id', '=', callId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.is_president === true;
}

export function selectionRules(db: DbOrTx): {
  juryStaff: AccessRule;
  juryOfCall: AccessRule;
  president: AccessRule;
  assignedReviewer: AccessRule;
} {
  return {
    juryStaff: rule(
      'jury_staff',
      (principal, request) => {
        const callId = paramOf(request, 'callId');
        return callId !== null && isCallStaff(principal, callId);
      },
      { staff: true },
    ),
    juryOfCall: rule(
      'jury_of_call',
      (principal, request) => {
        const callId = paramOf(request, 'callId');
        return callId !== null && (isReviewerOf(principal, callId) || isCallStaff(principal, callId));
      },
      { staff: true },
    ),
    president: rule(
      'jury_president',
      async (principal, request) => {
        const callId = paramOf(request, 'callId');
        if (callId === null || principal.userId === null) return false;
        if (isCallStaff(principal, callId)) return true;
        return isReviewerOf(principal, callId) && (await isPresidentOf(db, callId, principal.userId));
      },
      { staff: true },
    ),
    assignedReviewer: rule(
      'assigned_reviewer',
      async (principal, request) => {
        const dossierId = paramOf(request, 'id');
        if (dossierId === null || principal.userId === null) return false;
        const found = await publishedAssignment(db, dossierId, principal.userId);
        return found !== undefined && isReviewerOf(principal, found.call_id);
      },
      { staff: true },
    ),
  };
}
