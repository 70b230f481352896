import { recordAudit } from '../../platform/audit/index.js';
import type { Db, DbOrTx } from '../../platform/db/index.js';
import { Conflict, NotFound, Validation } from '../../platform/http/errors.js';
import { isUuid } from '../dossiers/index.js';
import { sharesDomain } from './selection.assignment.algorithm.js';
import type { AssignmentMessages } from './selection.assignment.fr.js';
import { queueAssignmentNotice } from './selection.assignment.notify.js';
import {
  deleteAssignment,
  findDossierDomains,
  insertAssignments,
  listAssignments,
  listJury,
  lockCallForAssignment,
} from './selection.assignment.queries.js';
import {
  type ConflictPairRow,
  type ConflictScope,
  type DeclarableDossierRow,
  findCallTitle,
  findDeclarableDossier,
  insertDeclaredConflict,
  listDeclarableDossiers,
  listDeclaredConflicts,
  membershipConflicts,
  sirenConflicts,
} from './selection.conflicts.queries.js';

/**
 * Conflicts of interest between the dossiers of a call and its évaluateurs (PRODUCT.md, "Jury and
 * selection"). Detected ones are computed on demand, never stored: a change of membership is seen at once.
 * Declared ones are the évaluateurs' own (declared_conflicts). An assignment never pairs an évaluateur with a
 * dossier they conflict with.
 */

export type ConflictKind = 'membre' | 'siren' | 'declare';

/** A detector: the (dossier, évaluateur) pairs of a call it flags, of one kind. */
export interface ConflictDetector {
  kind: Exclude<ConflictKind, 'declare'>;
  detect(db: DbOrTx, scope: ConflictScope): Promise<ConflictPairRow[]>;
}

/**
 * The detectors. Extension point: the members of the same territory collective and funding links will be
 * detectors here once the territories and funding modules hold that data (one query each, same shape).
 */
export const CONFLICT_DETECTORS: readonly ConflictDetector[] = [
  // The évaluateur belongs to the dossier's organisation or to one of its partner organisations.
  { kind: 'membre', detect: membershipConflicts },
  // The évaluateur belongs to an organisation sharing a SIREN with one of them (same entity, two names).
  { kind: 'siren', detect: sirenConflicts },
];

export function pairKey(dossierId: string, userId: string): string {
  return `${dossierId}|${userId}`;
}

/** Every conflict in `scope`, detected or declared: pair key → its kinds. */
export async function conflictsIn(db: DbOrTx, scope: ConflictScope): Promise<Map<string, ConflictKind[]>> {
  const found = new Map<string, ConflictKind[]>();
  const add = (dossierId: string, userId: string, kind: ConflictKind) => {
    const key = pairKey(dossierId, userId);
    const kinds = found.get(key);
    if (!kinds) found.set(key, [kind]);
    else if (!kinds.includes(kind)) kinds.push(kind);
  };
  for (const detector of CONFLICT_DETECTORS)
    for (const row of await detector.detect(db, scope)) add(row.dossier_id, row.user_id, detector.kind);
  for (const row of await listDeclaredConflicts(db, scope)) add(row.dossier_id, row.user_id, 'declare');
  return found;
}

export interface ConflictActor {
  id: string;
  label: string;
}

export interface ConflictContext {
  ip: string | null;
  requestId: string | null;
}

export const REASON_MAX = 2000;

export interface ConflictsPage {
  call: { id: string; title: string };
  dossiers: (DeclarableDossierRow & { declared: string | null })[];
}

/**
 * The évaluateur's best replacement on `dossierId`: a jury member of the call without any conflict with
 * it, not already on it, with a place left; an expertise match first, then the lowest load (then the
 * lowest load relative to capacity, then the id, for a stable choice). Undefined when nobody can.
 */
export async function findReplacement(
  db: DbOrTx,
  callId: string,
  dossierId: string,
): Promise<string | undefined> {
  const domains = await findDossierDomains(db, dossierId);
  const jury = await listJury(db, callId);
  const assignments = await listAssignments(db, callId);
  const conflicts = await conflictsIn(db, { callId, dossierId });
  const load = new Map<string, number>();
  const onIt = new Set<string>();
  for (const a of assignments) {
    load.set(a.user_id, (load.get(a.user_id) ?? 0) + 1);
    if (a.dossier_id === dossierId) onIt.add(a.user_id);
  }
  const candidates = jury
    .filter(
      (j) =>
        !onIt.has(j.user_id) &&
        !conflicts.has(pairKey(dossierId, j.user_id)) &&
        (load.get(j.user_id) ?? 0) < j.capacity,
    )
    .map((j) => ({
      id: j.user_id,
      match: sharesDomain(j.domains, domains) ? 0 : 1,
      load: load.get(j.user_id) ?? 0,
      ratio: (load.get(j.user_id) ?? 0) / Math.max(1, j.capacity),
    }))
    .sort(
      (a, b) =>
        a.match - b.match || a.load - b.load || a.ratio - b.ratio || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  return candidates[0]?.id;
}

export function createConflictsService(db: Db) {
  return {
    async page(callId: string, userId: string): Promise<ConflictsPage> {
      const call = await findCallTitle(db, callId);
      if (!call) throw new NotFound();
      const [dossiers, declared] = await Promise.all([
        listDeclarableDossiers(db, callId),
        listDeclaredConflicts(db, { callId, userId }),
      ]);
      const reasons = new Map(declared.map((d) => [d.dossier_id, d.reason]));
      return { call, dossiers: dossiers.map((d) => ({ ...d, declared: reasons.get(d.id) ?? null })) };
    },

    /**
     * An évaluateur declares a conflict on a dossier of the call (idempotent). Their assignment of it, if
     * any, is removed (its draft review with it) and a replacement is assigned: published at once (and
     * e-mailed) when the removed one was published, proposed otherwise. Returns the replacement's id, or
     * null when there was nothing to replace or nobody could.
     */
    async declare(
      callId: string,
      input: { dossierId: string; reason: string },
      actor: ConflictActor,
      context: ConflictContext,
      w: AssignmentMessages,
      isReviewer: boolean,
    ): Promise<{ replacement: string | null }> {
      const reason = input.reason.trim();
      const errors: Record<string, string> = {};
      const dossier = isUuid(input.dossierId)
        ? await findDeclarableDossier(db, callId, input.dossierId)
        : undefined;
      if (!dossier) errors.dossier = w.conflicts.errorDossier;
      if (reason === '') errors.raison = w.conflicts.errorReason;
      else if (reason.length > REASON_MAX) errors.raison = w.conflicts.errorReasonLong;
      if (Object.keys(errors).length > 0) throw new Validation(Object.values(errors)[0] ?? '', errors);
      if (!isReviewer) throw new Conflict(w.conflicts.notReviewer);
      return db.transaction().execute(async (trx) => {
        if (!(await lockCallForAssignment(trx, callId))) throw new NotFound();
        const inserted = await insertDeclaredConflict(trx, {
          dossierId: input.dossierId,
          userId: actor.id,
          reason,
        });
        if (!inserted) return { replacement: null };
        const audit = {
          actorId: actor.id,
          actorLabel: actor.label,
          ip: context.ip,
          requestId: context.requestId,
        };
        await recordAudit(trx, {
          action: 'selection.conflict_declared',
          objectType: 'dossier',
          objectId: input.dossierId,
          ...audit,
          summary: { callId, userId: actor.id },
        });
        const removed = await deleteAssignment(trx, input.dossierId, actor.id);
        if (!removed) return { replacement: null };
        await recordAudit(trx, {
          action: 'selection.assignment_removed',
          objectType: 'dossier',
          objectId: input.dossierId,
          ...audit,
          summary: { callId, userId: actor.id, state: removed.state, cause: 'conflict_declared' },
        });
        const replacement = await findReplacement(trx, callId, input.dossierId);
        if (!replacement) return { replacement: null };
        const state = removed.state;
        await insertAssignments(trx, [
          {
            callId,
            dossierId: input.dossierId,
            userId: replacement,
            state,
            source: 'remplacement',
            createdBy: actor.id,
          },
        ]);
        await recordAudit(trx, {
          action: 'selection.assignment_replaced',
          objectType: 'dossier',
          objectId: input.dossierId,
          ...audit,
          summary: { callId, removed: actor.id, replacement, state },
        });
        if (state === 'publie')
          await queueAssignmentNotice(trx, { callId, userId: replacement, dossierIds: [input.dossierId] });
        return { replacement };
      });
    },
  };
}
