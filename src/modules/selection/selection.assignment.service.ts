import { recordAudit } from '../../platform/audit/index.js';
import type { Db, DbOrTx } from '../../platform/db/index.js';
import { Conflict, NotFound, Validation } from '../../platform/http/errors.js';
import { applySelectionTransition } from '../dossiers/index.js';
import {
  type AssignmentInput,
  type AssignmentPair,
  computeAssignment,
  evaluateAssignment,
  type ShortReason,
  sharesDomain,
} from './selection.assignment.algorithm.js';
import type { AssignmentMessages } from './selection.assignment.fr.js';
import { queueAssignmentNotice } from './selection.assignment.notify.js';
import {
  type AssignmentRow,
  type CandidateDossierRow,
  deleteAssignment,
  deleteComputedProposal,
  findAssignment,
  findAssignmentSettings,
  insertAssignments,
  type JuryRow,
  listAssignments,
  listCandidateDossiers,
  listJury,
  lockCallForAssignment,
  markAssignmentPublished,
  publishProposals,
} from './selection.assignment.queries.js';
import { findCallTitle } from './selection.conflicts.queries.js';
import { type ConflictKind, conflictsIn, pairKey } from './selection.conflicts.service.js';

/**
 * The assignment of a call's admissible dossiers to its évaluateurs (PRODUCT.md, "Jury and selection"):
 * computed exactly (selection.assignment.algorithm.ts), stored as a proposal staff preview and adjust by
 * hand, then published in one transaction (pairs published, dossiers moved to « en évaluation », one
 * e-mail per évaluateur with new dossiers).
 */

/** Évaluateurs per dossier when the call has no selection settings yet. */
export const DEFAULT_REVIEWERS_PER_DOSSIER = 3;

export interface AssignmentActor {
  id: string;
  label: string;
}

export interface AssignmentContext {
  ip: string | null;
  requestId: string | null;
}

export interface JuryMember extends JuryRow {
  /** Places taken by dossiers outside the assignment (shortlisted since, for instance). */
  outside: number;
}

export interface AssignmentData {
  call: { id: string; title: string };
  k: number;
  publishedAt: Date | null;
  dossiers: CandidateDossierRow[];
  jury: JuryMember[];
  /** The pairs of the dossiers to assign. */
  assignments: AssignmentRow[];
  conflicts: Map<string, ConflictKind[]>;
}

/** Everything the assignment works on, read in `db` (a transaction when it is about to change it). */
export async function loadAssignmentData(db: DbOrTx, callId: string): Promise<AssignmentData> {
  const call = await findCallTitle(db, callId);
  if (!call) throw new NotFound();
  const [settings, dossiers, jury, all, conflicts] = await Promise.all([
    findAssignmentSettings(db, callId),
    listCandidateDossiers(db, callId),
    listJury(db, callId),
    listAssignments(db, callId),
    conflictsIn(db, { callId }),
  ]);
  const inSet = new Set(dossiers.map((d) => d.id));
  const outside = new Map<string, number>();
  const assignments: AssignmentRow[] = [];
  for (const a of all) {
    if (inSet.has(a.dossier_id)) assignments.push(a);
    else outside.set(a.user_id, (outside.get(a.user_id) ?? 0) + 1);
  }
  return {
    call,
    k: settings?.reviewers_per_dossier ?? DEFAULT_REVIEWERS_PER_DOSSIER,
    publishedAt: settings?.assignment_published_at ?? null,
    dossiers,
    jury: jury.map((j) => ({ ...j, outside: outside.get(j.user_id) ?? 0 })),
    assignments,
    conflicts,
  };
}

/** The algorithm's input: conflicts forbidden, the stored pairs kept as fixed. */
export function algorithmInput(data: AssignmentData, fixed: readonly AssignmentRow[]): AssignmentInput {
  const jury = new Set(data.jury.map((j) => j.user_id));
  const forbidden: AssignmentPair[] = [];
  for (const key of data.conflicts.keys()) {
    const [dossierId = '', reviewerId = ''] = key.split('|');
    if (jury.has(reviewerId)) forbidden.push({ dossierId, reviewerId });
  }
  return {
    dossiers: data.dossiers.map((d) => ({ id: d.id, domains: d.domains })),
    reviewers: data.jury.map((j) => ({
      id: j.user_id,
      capacity: Math.max(0, j.capacity - j.outside),
      domains: j.domains,
    })),
    forbidden,
    k: data.k,
    fixed: fixed
      .filter((a) => jury.has(a.user_id))
      .map((a) => ({ dossierId: a.dossier_id, reviewerId: a.user_id })),
  };
}

export interface PreviewReviewer {
  userId: string;
  name: string;
  match: boolean;
  state: AssignmentRow['state'];
  source: AssignmentRow['source'];
  conflict: boolean;
}

export interface AssignmentPreview {
  call: { id: string; title: string };
  k: number;
  publishedAt: Date | null;
  totalCapacity: number;
  wanted: number;
  objective: { pairs: number; expertise: number; load: number; total: number; mismatches: number };
  dossiers: (CandidateDossierRow & { reviewers: PreviewReviewer[] })[];
  jury: (JuryMember & { load: number; capacityLeft: number })[];
  short: { dossier: CandidateDossierRow; assigned: number; reason: ShortReason }[];
  proposed: number;
}

export function createAssignmentService(db: Db) {
  return {
    async preview(callId: string): Promise<AssignmentPreview> {
      const data = await loadAssignmentData(db, callId);
      const input = algorithmInput(data, data.assignments);
      const evaluation = evaluateAssignment(input, input.fixed ?? []);
      const names = new Map(data.jury.map((j) => [j.user_id, j]));
      const byDossier = new Map<string, PreviewReviewer[]>();
      let mismatches = 0;
      const domainsOf = new Map(data.dossiers.map((d) => [d.id, d.domains]));
      for (const a of data.assignments) {
        const member = names.get(a.user_id);
        const match = member ? sharesDomain(member.domains, domainsOf.get(a.dossier_id) ?? []) : false;
        if (!match) mismatches++;
        const list = byDossier.get(a.dossier_id) ?? [];
        list.push({
          userId: a.user_id,
          name: member?.display_name ?? a.user_id,
          match,
          state: a.state,
          source: a.source,
          conflict: data.conflicts.has(pairKey(a.dossier_id, a.user_id)),
        });
        byDossier.set(a.dossier_id, list);
      }
      const dossierById = new Map(data.dossiers.map((d) => [d.id, d]));
      return {
        call: data.call,
        k: data.k,
        publishedAt: data.publishedAt,
        totalCapacity: input.reviewers.reduce((sum, r) => sum + r.capacity, 0),
        wanted: data.dossiers.length * data.k,
        objective: { ...evaluation.objective, mismatches },
        dossiers: data.dossiers.map((d) => ({
          ...d,
          reviewers: (byDossier.get(d.id) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'fr')),
        })),
        jury: data.jury.map((j) => ({
          ...j,
          load: evaluation.loads.get(j.user_id) ?? 0,
          capacityLeft: Math.max(0, j.capacity - j.outside),
        })),
        short: [...evaluation.short].flatMap(([id, s]) => {
          const dossier = dossierById.get(id);
          return dossier ? [{ dossier, assigned: s.assigned, reason: s.reason }] : [];
        }),
        proposed: data.assignments.filter((a) => a.state === 'propose').length,
      };
    },

    /**
     * Computes and stores the proposal: the previous unpublished computed pairs are dropped, published and
     * hand-made ones kept as fixed, the new pairs stored 'propose' / 'calcul'.
     */
    async compute(
      callId: string,
      actor: AssignmentActor,
      context: AssignmentContext,
      w: AssignmentMessages,
    ): Promise<{ pairs: number; added: number; short: number }> {
      return db.transaction().execute(async (trx) => {
        if (!(await lockCallForAssignment(trx, callId))) throw new NotFound();
        await deleteComputedProposal(trx, callId);
        const data = await loadAssignmentData(trx, callId);
        if (data.jury.length === 0) throw new Conflict(w.errors.noJury);
        const result = computeAssignment(algorithmInput(data, data.assignments));
        await insertAssignments(
          trx,
          result.added.map((p) => ({
            callId,
            dossierId: p.dossierId,
            userId: p.reviewerId,
            state: 'propose' as const,
            source: 'calcul' as const,
            createdBy: actor.id,
          })),
        );
        await recordAudit(trx, {
          action: 'selection.assignment_computed',
          objectType: 'call',
          objectId: callId,
          actorId: actor.id,
          actorLabel: actor.label,
          ip: context.ip,
          requestId: context.requestId,
          summary: {
            dossiers: data.dossiers.length,
            reviewers: data.jury.length,
            k: data.k,
            pairs: result.objective.pairs,
            added: result.added.length,
            short: result.short.size,
            expertise: result.objective.expertise,
            load: result.objective.load,
          },
        });
        return { pairs: result.objective.pairs, added: result.added.length, short: result.short.size };
      });
    },

    /** Adds a pair by hand ('propose' / 'manuel'): refused (409) on a conflict, a duplicate, a full évaluateur. */
    async add(
      callId: string,
      pair: { dossierId: string; userId: string },
      actor: AssignmentActor,
      context: AssignmentContext,
      w: AssignmentMessages,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (!(await lockCallForAssignment(trx, callId))) throw new NotFound();
        const data = await loadAssignmentData(trx, callId);
        const errors: Record<string, string> = {};
        if (!data.dossiers.some((d) => d.id === pair.dossierId)) errors.dossier = w.errors.noDossier;
        const member = data.jury.find((j) => j.user_id === pair.userId);
        if (!member) errors.evaluateur = w.errors.noReviewer;
        if (Object.keys(errors).length > 0) throw new Validation(Object.values(errors)[0] ?? '', errors);
        if (!member) throw new NotFound();
        if (data.conflicts.has(pairKey(pair.dossierId, pair.userId))) throw new Conflict(w.errors.conflict);
        if (data.assignments.some((a) => a.dossier_id === pair.dossierId && a.user_id === pair.userId))
          throw new Conflict(w.errors.duplicate);
        const load = data.assignments.filter((a) => a.user_id === pair.userId).length + member.outside;
        if (load >= member.capacity) throw new Conflict(w.errors.overCapacity);
        await insertAssignments(trx, [
          {
            callId,
            dossierId: pair.dossierId,
            userId: pair.userId,
            state: 'propose',
            source: 'manuel',
            createdBy: actor.id,
          },
        ]);
        await recordAudit(trx, {
          action: 'selection.assignment_added',
          objectType: 'dossier',
          objectId: pair.dossierId,
          actorId: actor.id,
          actorLabel: actor.label,
          ip: context.ip,
          requestId: context.requestId,
          summary: { callId, userId: pair.userId },
        });
      });
    },

    /** Removes a proposed pair (a published one stays: 409). */
    async remove(
      callId: string,
      pair: { dossierId: string; userId: string },
      actor: AssignmentActor,
      context: AssignmentContext,
      w: AssignmentMessages,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (!(await lockCallForAssignment(trx, callId))) throw new NotFound();
        const found = await findAssignment(trx, pair.dossierId, pair.userId);
        const dossiers = await listCandidateDossiers(trx, callId, pair.dossierId);
        if (!found || dossiers.length === 0) throw new Conflict(w.errors.notFound);
        if (found.state === 'publie') throw new Conflict(w.errors.alreadyPublished);
        await deleteAssignment(trx, pair.dossierId, pair.userId);
        await recordAudit(trx, {
          action: 'selection.assignment_removed',
          objectType: 'dossier',
          objectId: pair.dossierId,
          actorId: actor.id,
          actorLabel: actor.label,
          ip: context.ip,
          requestId: context.requestId,
          summary: { callId, userId: pair.userId, state: found.state, cause: 'staff' },
        });
      });
    },

    /**
     * Publishes the proposal in one transaction: proposed pairs become 'publie', each admissible dossier
     * with an évaluateur moves to « en évaluation », the date is recorded, and each évaluateur with new
     * dossiers gets one e-mail (one job each).
     */
    async publish(
      callId: string,
      actor: AssignmentActor,
      context: AssignmentContext,
      w: AssignmentMessages,
    ): Promise<{ pairs: number; reviewers: number }> {
      return db.transaction().execute(async (trx) => {
        if (!(await lockCallForAssignment(trx, callId))) throw new NotFound();
        const data = await loadAssignmentData(trx, callId);
        const inSet = new Set(data.dossiers.map((d) => d.id));
        const published = (await publishProposals(trx, callId)).filter((p) => inSet.has(p.dossier_id));
        if (published.length === 0) throw new Conflict(w.errors.nothingToPublish);
        const assigned = new Set(data.assignments.map((a) => a.dossier_id));
        for (const d of data.dossiers)
          if (d.status === 'recevable' && assigned.has(d.id))
            await applySelectionTransition(trx, {
              dossierId: d.id,
              verb: 'start_evaluation',
              actor,
              context,
            });
        await markAssignmentPublished(trx, callId, actor.id);
        const byReviewer = new Map<string, string[]>();
        for (const p of published) {
          const list = byReviewer.get(p.user_id) ?? [];
          list.push(p.dossier_id);
          byReviewer.set(p.user_id, list);
        }
        for (const [userId, dossierIds] of byReviewer)
          await queueAssignmentNotice(trx, { callId, userId, dossierIds });
        await recordAudit(trx, {
          action: 'selection.assignment_published',
          objectType: 'call',
          objectId: callId,
          actorId: actor.id,
          actorLabel: actor.label,
          ip: context.ip,
          requestId: context.requestId,
          summary: { pairs: published.length, reviewers: byReviewer.size },
        });
        return { pairs: published.length, reviewers: byReviewer.size };
      });
    },
  };
}
