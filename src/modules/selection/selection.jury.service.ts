import { type JsonValue, recordAudit } from '../../platform/audit/index.js';
import type { Db, DbOrTx } from '../../platform/db/index.js';
import { Conflict, NotFound, Validation } from '../../platform/http/errors.js';
import { findAccountByEmail } from '../accounts/index.js';
import type { ImpactDomain } from '../organisations/index.js';
import { type Criterion, type Grid, parseGrid, readGrid } from './selection.grid.js';
import type { JuryMessages } from './selection.jury.fr.js';
import { queueAppointmentNotice } from './selection.jury.notify.js';
import {
  clearPresident,
  countSubmittedReviewsOf,
  countSubmittedReviewsOfCall,
  deleteJuryMember,
  ensureSettings,
  findJuryMember,
  findSelectionCall,
  grantReviewerRole,
  insertJuryMember,
  listJury,
  lockJury,
  revokeReviewerRole,
  type SelectionCallRow,
  type SettingsRow,
  updateGrid,
  updateJuryMember,
  updateSettings,
} from './selection.jury.queries.js';

export interface SelectionActor {
  id: string;
  label: string;
}

export interface SelectionContext {
  ip: string | null;
  requestId: string | null;
}

export interface SelectionSettings {
  reviewersPerDossier: number;
  showOtherReviews: boolean;
  quotaMin: number | null;
  quotaMax: number | null;
  disagreementThreshold: number;
  grid: Grid;
  /** Submitted reviews exist: the grid is frozen. */
  gridFrozen: boolean;
}

/** A change of the grid: the operation's name (for the audit trail) and what it does (null: not found). */
export interface GridChange {
  operation: string;
  apply: (grid: Grid) => Grid | null;
}

function settingsOf(row: SettingsRow, frozen: boolean): SelectionSettings {
  return {
    reviewersPerDossier: row.reviewers_per_dossier,
    showOtherReviews: row.show_other_reviews,
    quotaMin: row.quota_min,
    quotaMax: row.quota_max,
    disagreementThreshold: Number(row.disagreement_threshold),
    grid: readGrid(row.grid),
    gridFrozen: frozen,
  };
}

/**
 * The jury of a call (évaluateurs: role 'reviewer' on the call, and a jury_members row with their domains
 * and capacity), its selection settings and its scoring grid. Every change is audited in its transaction.
 */
export function createJuryService(db: Db) {
  async function audit(
    trx: DbOrTx,
    action: string,
    callId: string,
    actor: SelectionActor,
    context: SelectionContext,
    summary: Record<string, JsonValue | undefined>,
  ) {
    await recordAudit(trx, {
      action,
      objectType: 'call',
      objectId: callId,
      actorId: actor.id,
      actorLabel: actor.label,
      ip: context.ip,
      requestId: context.requestId,
      summary,
    });
  }

  async function call(callId: string): Promise<SelectionCallRow> {
    const found = await findSelectionCall(db, callId);
    if (!found) throw new NotFound();
    return found;
  }

  return {
    call,

    async jury(callId: string) {
      return { call: await call(callId), members: await listJury(db, callId) };
    },

    async member(callId: string, userId: string) {
      const found = (await listJury(db, callId)).find((m) => m.user_id === userId);
      if (!found) throw new NotFound();
      return found;
    },

    /**
     * Appoints the account with this address évaluateur of the call: role 'reviewer' on the call (kept if
     * already held) and a seat on the jury. Validation (400) for an unknown address, Conflict if seated.
     */
    async appoint(
      callId: string,
      input: { email: string; domains: ImpactDomain[]; capacity: number },
      actor: SelectionActor,
      context: SelectionContext,
      w: JuryMessages,
    ): Promise<void> {
      await call(callId);
      const account = await findAccountByEmail(db, input.email);
      if (!account) throw new Validation(w.errors.unknownAccount, { email: w.errors.unknownAccount });
      await db.transaction().execute(async (trx) => {
        const seated = await insertJuryMember(trx, {
          callId,
          userId: account.id,
          domains: input.domains,
          capacity: input.capacity,
          createdBy: actor.id,
        });
        if (!seated) throw new Conflict(w.errors.alreadyMember);
        const roleId = await grantReviewerRole(trx, { userId: account.id, callId, grantedBy: actor.id });
        if (roleId)
          await recordAudit(trx, {
            action: 'roles.grant',
            objectType: 'user',
            objectId: account.id,
            actorId: actor.id,
            actorLabel: actor.label,
            ip: context.ip,
            requestId: context.requestId,
            summary: { role: 'reviewer', scope_type: 'call', scope_id: callId, assignment_id: roleId },
          });
        await audit(trx, 'selection.jury.appoint', callId, actor, context, {
          user_id: account.id,
          domains: input.domains,
          capacity: input.capacity,
        });
        await queueAppointmentNotice(trx, { callId, userId: account.id });
      });
    },

    /** Changes a member's domains, capacity and presidency (at most one president: the former one steps down). */
    async update(
      callId: string,
      userId: string,
      input: { domains: ImpactDomain[]; capacity: number; president: boolean },
      actor: SelectionActor,
      context: SelectionContext,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await lockJury(trx, callId);
        const before = await findJuryMember(trx, callId, userId);
        if (!before) throw new NotFound();
        if (input.president) await clearPresident(trx, callId, userId);
        await updateJuryMember(trx, callId, userId, input);
        await audit(trx, 'selection.jury.update', callId, actor, context, {
          user_id: userId,
          domains: input.domains,
          capacity: input.capacity,
          president: input.president,
          was_president: before.is_president,
        });
      });
    },

    /**
     * Removes a member: refused (Conflict) once they submitted a review; otherwise their role on the call,
     * their seat and their unpublished assignments go.
     */
    async remove(
      callId: string,
      userId: string,
      actor: SelectionActor,
      context: SelectionContext,
      w: JuryMessages,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const member = await findJuryMember(trx, callId, userId, true);
        if (!member) throw new NotFound();
        if ((await countSubmittedReviewsOf(trx, callId, userId)) > 0) throw new Conflict(w.errors.hasReviews);
        const assignments = await deleteJuryMember(trx, callId, userId);
        const roles = await revokeReviewerRole(trx, callId, userId);
        if (roles > 0)
          await recordAudit(trx, {
            action: 'roles.revoke',
            objectType: 'user',
            objectId: userId,
            actorId: actor.id,
            actorLabel: actor.label,
            ip: context.ip,
            requestId: context.requestId,
            summary: { role: 'reviewer', scope_type: 'call', scope_id: callId },
          });
        await audit(trx, 'selection.jury.remove', callId, actor, context, {
          user_id: userId,
          removed_assignments: assignments,
        });
      });
    },

    async settings(callId: string): Promise<{ call: SelectionCallRow; settings: SelectionSettings }> {
      const found = await call(callId);
      const row = await ensureSettings(db, callId);
      const frozen = (await countSubmittedReviewsOfCall(db, callId)) > 0;
      return { call: found, settings: settingsOf(row, frozen) };
    },

    async saveSettings(
      callId: string,
      input: Omit<SelectionSettings, 'grid' | 'gridFrozen'>,
      actor: SelectionActor,
      context: SelectionContext,
    ): Promise<void> {
      await call(callId);
      await db.transaction().execute(async (trx) => {
        await ensureSettings(trx, callId, true);
        await updateSettings(trx, callId, { ...input, updatedBy: actor.id });
        await audit(trx, 'selection.settings.update', callId, actor, context, {
          reviewers_per_dossier: input.reviewersPerDossier,
          show_other_reviews: input.showOtherReviews,
          quota_min: input.quotaMin,
          quota_max: input.quotaMax,
          disagreement_threshold: input.disagreementThreshold,
        });
      });
    },

    /**
     * Applies a change to the grid: refused (Conflict) once a review is submitted or when the criterion is
     * gone; Validation with the schema's French problems when the result is not a valid grid.
     */
    async changeGrid(
      callId: string,
      change: GridChange,
      actor: SelectionActor,
      context: SelectionContext,
      w: JuryMessages,
    ): Promise<void> {
      await call(callId);
      await db.transaction().execute(async (trx) => {
        const row = await ensureSettings(trx, callId, true);
        if ((await countSubmittedReviewsOfCall(trx, callId)) > 0) throw new Conflict(w.errors.gridFrozen);
        const next = change.apply(readGrid(row.grid));
        if (!next) throw new Conflict(w.errors.criterionGone);
        const parsed = parseGrid(next);
        if (!parsed.ok)
          throw new Validation(parsed.errors[0] ?? w.errors.invalidGrid, { _form: parsed.errors.join(' ') });
        await updateGrid(trx, callId, parsed.grid as unknown as JsonValue, actor.id);
        await audit(trx, 'selection.grid.update', callId, actor, context, {
          operation: change.operation,
          criteria: parsed.grid.criteria.map((c) => c.id),
        });
      });
    },
  };
}

export type JuryService = ReturnType<typeof createJuryService>;

/** Grid changes the builder pages make. */
export const gridChanges = {
  add(criterion: Criterion): GridChange {
    return { operation: 'add', apply: (g) => ({ ...g, criteria: [...g.criteria, criterion] }) };
  },
  edit(id: string, criterion: Omit<Criterion, 'id'>): GridChange {
    return {
      operation: 'edit',
      apply: (g) =>
        g.criteria.some((c) => c.id === id)
          ? { ...g, criteria: g.criteria.map((c) => (c.id === id ? { ...criterion, id } : c)) }
          : null,
    };
  },
  remove(id: string): GridChange {
    return {
      operation: 'remove',
      apply: (g) =>
        g.criteria.some((c) => c.id === id)
          ? { ...g, criteria: g.criteria.filter((c) => c.id !== id) }
          : null,
    };
  },
  move(id: string, direction: 'up' | 'down'): GridChange {
    return {
      operation: `move_${direction}`,
      apply: (g) => {
        const i = g.criteria.findIndex((c) => c.id === id);
        if (i < 0) return null;
        const j = direction === 'up' ? i - 1 : i + 1;
        if (j < 0 || j >= g.criteria.length) return g;
        const criteria = [...g.criteria];
        [criteria[i], criteria[j]] = [criteria[j] as Criterion, criteria[i] as Criterion];
        return { ...g, criteria };
      },
    };
  },
  overall(required: boolean): GridChange {
    return { operation: 'overall_comment', apply: (g) => ({ ...g, overallCommentRequired: required }) };
  },
};
