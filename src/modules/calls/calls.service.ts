import { recordAudit } from '../../platform/audit/index.js';
import type { Db, DbOrTx } from '../../platform/db/index.js';
import { Conflict, NotFound, Validation } from '../../platform/http/errors.js';
import { answeringFieldCount, readStoredForm } from './calls.builder.js';
import { insertFormVersion } from './calls.builder.queries.js';
import type { CallsMessages } from './calls.fr.js';
import {
  type CallRow,
  findCallById,
  findCallBySlug,
  listAllCalls,
  listPublicCalls,
  slugTaken,
} from './calls.queries.js';
import type { CallInput } from './calls.schemas.js';

export type CallState = 'open' | 'coming' | 'closed';

export interface CallActor {
  id: string;
  label: string;
}

export interface CallContext {
  ip: string | null;
  requestId: string | null;
}

/** Where a published call stands at `now`: closed early or past its closing, not open yet, or open. */
export function callState(call: Pick<CallRow, 'status' | 'opens_at' | 'closes_at'>, now: Date): CallState {
  if (call.status === 'closed_early') return 'closed';
  if (!call.opens_at || call.opens_at.getTime() > now.getTime()) return 'coming';
  if (call.closes_at && call.closes_at.getTime() <= now.getTime()) return 'closed';
  return 'open';
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

function summaryOf(input: CallInput) {
  return {
    slug: input.slug,
    kind: input.kind,
    title: input.title,
    opens_at: input.opensAt?.toISOString() ?? null,
    closes_at: input.closesAt?.toISOString() ?? null,
  };
}

/**
 * The rules of calls: create and edit (drafts and published calls), publish, close early with a message,
 * reopen. Every change is audited in its transaction. `w` gives the refusals' words.
 */
export function createCallsService(db: Db) {
  async function audit(
    trx: DbOrTx,
    action: string,
    id: string,
    actor: CallActor,
    context: CallContext,
    summary: Record<string, string | null>,
  ) {
    await recordAudit(trx, {
      action,
      objectType: 'call',
      objectId: id,
      actorId: actor.id,
      actorLabel: actor.label,
      ip: context.ip,
      requestId: context.requestId,
      summary,
    });
  }

  async function lockedCall(trx: DbOrTx, id: string): Promise<CallRow> {
    const call = await findCallById(trx, id, true);
    if (!call) throw new NotFound();
    return call;
  }

  function slugConflict(w: CallsMessages): Validation {
    return new Validation(w.errors.slugTaken, { slug: w.errors.slugTaken });
  }

  return {
    listAll: () => listAllCalls(db),
    listPublic: () => listPublicCalls(db),
    byId: (id: string) => findCallById(db, id),
    bySlug: (slug: string) => findCallBySlug(db, slug),

    async create(
      input: CallInput,
      actor: CallActor,
      context: CallContext,
      w: CallsMessages,
    ): Promise<string> {
      try {
        return await db.transaction().execute(async (trx) => {
          if (await slugTaken(trx, input.slug, null)) throw slugConflict(w);
          const row = await trx
            .insertInto('calls')
            .values({
              slug: input.slug,
              kind: input.kind,
              title: input.title,
              summary: input.summary,
              presentation: input.presentation,
              eligibility: input.eligibility,
              opens_at: input.opensAt,
              closes_at: input.closesAt,
              created_by: actor.id,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await audit(trx, 'calls.create', row.id, actor, context, summaryOf(input));
          return row.id;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw slugConflict(w);
        throw error;
      }
    },

    async update(
      id: string,
      input: CallInput,
      actor: CallActor,
      context: CallContext,
      w: CallsMessages,
    ): Promise<void> {
      try {
        await db.transaction().execute(async (trx) => {
          const call = await lockedCall(trx, id);
          if (call.status === 'closed_early') throw new Conflict(w.errors.notEditable);
          if (call.status === 'published' && !input.opensAt) {
            throw new Validation(w.errors.publishedNeedsOpening, {
              opens_date: w.errors.publishedNeedsOpening,
            });
          }
          if (await slugTaken(trx, input.slug, id)) throw slugConflict(w);
          await trx
            .updateTable('calls')
            .set({
              slug: input.slug,
              kind: input.kind,
              title: input.title,
              summary: input.summary,
              presentation: input.presentation,
              eligibility: input.eligibility,
              opens_at: input.opensAt,
              closes_at: input.closesAt,
              updated_at: new Date(),
            })
            .where('id', '=', id)
            .execute();
          await audit(trx, 'calls.update', id, actor, context, summaryOf(input));
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw slugConflict(w);
        throw error;
      }
    },

    /**
     * Publishes a draft that has a title, a presentation, an opening date and a form with at least one
     * question (else the missing ones); its form is recorded as version 1 in the same transaction.
     */
    async publish(id: string, actor: CallActor, context: CallContext, w: CallsMessages): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const call = await lockedCall(trx, id);
        if (call.status !== 'draft') throw new Conflict(w.errors.notDraft);
        const missing = [
          !call.title.trim() && w.fields.title,
          !call.presentation.trim() && w.fields.presentation,
          !call.opens_at && w.fields.opensDate,
          answeringFieldCount(readStoredForm(call.form)) === 0 && w.fields.formField,
        ].filter((m): m is string => typeof m === 'string');
        if (missing.length > 0) throw new Validation(w.errors.publishMissing(missing.join(', ')));
        const now = new Date();
        // The form as published is version 1 (or the next one, should versions exist already).
        const version = call.form_version + 1;
        await trx
          .updateTable('calls')
          .set({ status: 'published', published_at: now, updated_at: now, form_version: version })
          .where('id', '=', id)
          .execute();
        await insertFormVersion(trx, { callId: id, version, form: call.form, createdBy: actor.id });
        await audit(trx, 'calls.publish', id, actor, context, {
          slug: call.slug,
          form_version: String(version),
        });
      });
    },

    async close(
      id: string,
      message: string,
      actor: CallActor,
      context: CallContext,
      w: CallsMessages,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const call = await lockedCall(trx, id);
        if (call.status !== 'published') throw new Conflict(w.errors.notPublished);
        await trx
          .updateTable('calls')
          .set({ status: 'closed_early', closed_message: message, updated_at: new Date() })
          .where('id', '=', id)
          .execute();
        await audit(trx, 'calls.close', id, actor, context, { slug: call.slug, message });
      });
    },

    /** Reopens a call closed early, if its closing is still to come (or it is permanent). */
    async reopen(id: string, actor: CallActor, context: CallContext, w: CallsMessages): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const call = await lockedCall(trx, id);
        if (call.status !== 'closed_early') throw new Conflict(w.errors.notClosed);
        if (call.closes_at && call.closes_at.getTime() <= Date.now())
          throw new Conflict(w.errors.closingPassed);
        await trx
          .updateTable('calls')
          .set({ status: 'published', closed_message: null, updated_at: new Date() })
          .where('id', '=', id)
          .execute();
        await audit(trx, 'calls.reopen', id, actor, context, { slug: call.slug });
      });
    },
  };
}

export type CallsService = ReturnType<typeof createCallsService>;
