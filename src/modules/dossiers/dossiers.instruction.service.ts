import { hasRole, isAdministrator, type Principal, rule } from '../../platform/access/index.js';
import { type JsonValue, recordAudit } from '../../platform/audit/index.js';
import type { Db, DbOrTx } from '../../platform/db/index.js';
import { Conflict, NotFound, Validation } from '../../platform/http/errors.js';
import { parisToUtc } from '../calls/calls.schemas.js';
import {
  answersBySection,
  diffVersions,
  type FieldChange,
  fileIdsOf,
  readForm,
  type SectionView,
} from './dossiers.diff.js';
import type { InstructionMessages } from './dossiers.instruction.fr.js';
import {
  countByCallAndStatus,
  countCallStatuses,
  type DossierListRow,
  dossierIdsOfCall,
  fileDigests,
  findCall,
  findCallForm,
  findDossier,
  type InstructedCallRow,
  insertAnnotation,
  insertCorrection,
  insertMessage,
  insertMessageFile,
  insertTransition,
  listAnnotations,
  listCallDossiers,
  listCalls,
  listCorrections,
  listMessageFiles,
  listMessages,
  listPartners,
  listTransitions,
  listVersions,
  lockDossier,
  type MessageFileRow,
  type StaffDossierRow,
  setStatus,
  type VersionRow,
} from './dossiers.instruction.queries.js';
import { availableVerbs, canTransition, type DossierVerb, TRANSITIONS } from './dossiers.lifecycle.js';
import { type DossierEvent, queueDossierEvent, queueMessageNotification } from './dossiers.notify.js';
import type { DossierStatus } from './dossiers.tables.js';

/** Staff of at least one call (an instructeur role for any call) or administrator: `GET /instruction`. */
export const anyCallStaff = rule(
  'any_call_staff',
  (principal) => isAdministrator(principal) || hasRole(principal, 'instructor'),
  { staff: true },
);

/** The calls `principal` instructs: its instructeur roles' calls, every call for an administrator. */
export function instructedCallIds(principal: Principal): string[] | 'all' {
  if (isAdministrator(principal)) return 'all';
  return principal.roles
    .filter((g) => g.role === 'instructor' && g.scope?.type === 'call')
    .map((g) => g.scope?.id as string);
}

export interface InstructionActor {
  id: string;
  label: string;
}

export interface InstructionContext {
  ip: string | null;
  requestId: string | null;
}

export const PAGE_SIZE = 50;
export const BATCH_VERBS = ['start_instruction', 'declare_admissible'] as const;
export type BatchVerb = (typeof BATCH_VERBS)[number];

const EVENTS: Partial<Record<DossierVerb, DossierEvent>> = {
  start_instruction: 'instruction_started',
  request_correction: 'correction_requested',
  declare_admissible: 'declared_admissible',
  declare_inadmissible: 'declared_inadmissible',
};

/** The end of a Paris day (23:59:59, Europe/Paris) as a UTC instant. */
export function endOfParisDay(day: { y: number; m: number; d: number }): Date {
  return new Date(parisToUtc(day, { h: 23, mi: 59 }).getTime() + 59_000);
}

export interface CallSummary extends InstructedCallRow {
  counts: Partial<Record<DossierStatus, number>>;
  total: number;
}

/** A file received with a message, already in the store (its type read from its content). */
export interface MessageAttachment {
  key: string;
  size: number;
  sha256: string;
  name: string;
  type: string;
}

/** Largest message attachment: 10 MiB. */
export const MESSAGE_MAX_BYTES = 10 * 1024 * 1024;

/** A file name to show and store: no path, no control characters, at most 255 characters. */
export function cleanAttachmentName(filename: string): string {
  const base = (filename.split(/[\\/]/).pop() ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return (base === '' ? 'piece-jointe' : base).slice(0, 255);
}

export interface DossierPage {
  dossier: StaffDossierRow;
  partners: { id: string; name: string }[];
  versions: VersionRow[];
  latest: { version: VersionRow; sections: SectionView[] } | null;
  transitions: Awaited<ReturnType<typeof listTransitions>>;
  corrections: Awaited<ReturnType<typeof listCorrections>>;
  messages: Awaited<ReturnType<typeof listMessages>>;
  messageFiles: MessageFileRow[];
  annotations: Awaited<ReturnType<typeof listAnnotations>>;
  verbs: DossierVerb[];
}

/**
 * Instruction: the calls a person instructs, the list of a call's submitted dossiers, a dossier read by its
 * staff, the staff's transitions (each in one transaction with its history row, its audit event and the
 * notification job), messages (both sides) and private annotations.
 */
export function createInstructionService(db: Db) {
  async function audit(
    trx: DbOrTx,
    action: string,
    dossierId: string,
    actor: InstructionActor,
    context: InstructionContext,
    summary: Record<string, JsonValue | undefined>,
  ) {
    await recordAudit(trx, {
      action,
      objectType: 'dossier',
      objectId: dossierId,
      actorId: actor.id,
      actorLabel: actor.label,
      ip: context.ip,
      requestId: context.requestId,
      summary,
    });
  }

  /**
   * Applies a staff verb to a locked dossier: refused (Conflict) when the status changed since the page
   * was read (`seen`) or does not allow it. `extra` writes what the verb adds (correction, answers…).
   */
  async function transition(
    trx: DbOrTx,
    dossierId: string,
    verb: DossierVerb,
    options: {
      seen: DossierStatus | null;
      reason: string | null;
      actor: InstructionActor;
      context: InstructionContext;
      w: InstructionMessages;
      extra?: (trx: DbOrTx) => Promise<Record<string, JsonValue | undefined>>;
      decided?: boolean;
      answers?: JsonValue;
    },
  ): Promise<void> {
    const row = await lockDossier(trx, dossierId);
    if (!row || row.status === 'brouillon') throw new NotFound();
    const label = options.w.statuses[row.status];
    if (options.seen !== null && options.seen !== row.status)
      throw new Conflict(options.w.errors.changed(label));
    if (!canTransition(row.status, verb)) throw new Conflict(options.w.errors.refused(label));
    const to = TRANSITIONS[verb].to;
    const extraSummary = options.extra ? await options.extra(trx) : {};
    await setStatus(trx, dossierId, {
      status: to,
      actorId: options.actor.id,
      ...(options.decided ? { decidedAt: new Date(), decisionReason: options.reason } : {}),
      ...(options.answers !== undefined ? { answers: options.answers, bumpLock: true } : {}),
    });
    await insertTransition(trx, {
      dossierId,
      from: row.status,
      to,
      actorId: options.actor.id,
      reason: options.reason,
    });
    const event = EVENTS[verb];
    if (event)
      await queueDossierEvent(trx, { dossierId, event, actorId: options.actor.id, reason: options.reason });
    await audit(trx, `dossiers.${verb}`, dossierId, options.actor, options.context, {
      from: row.status,
      to,
      ...extraSummary,
    });
  }

  return {
    async instructedCalls(principal: Principal): Promise<CallSummary[]> {
      const calls = await listCalls(db, instructedCallIds(principal));
      const counts = await countByCallAndStatus(
        db,
        calls.map((c) => c.id),
      );
      return calls.map((call) => {
        const mine = counts.filter((c) => c.call_id === call.id);
        return {
          ...call,
          counts: Object.fromEntries(mine.map((c) => [c.status, c.n])),
          total: mine.reduce((sum, c) => sum + c.n, 0),
        };
      });
    },

    async callDossiers(
      callId: string,
      filter: { statuses: DossierStatus[]; q: string; page: number },
    ): Promise<{
      call: InstructedCallRow;
      rows: DossierListRow[];
      total: number;
      pages: number;
      page: number;
      counts: Partial<Record<DossierStatus, number>>;
    }> {
      const call = await findCall(db, callId);
      if (!call) throw new NotFound();
      const first = await listCallDossiers(db, {
        callId,
        statuses: filter.statuses,
        q: filter.q,
        limit: PAGE_SIZE,
        offset: (filter.page - 1) * PAGE_SIZE,
      });
      const pages = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
      const counts = await countCallStatuses(db, callId, filter.q);
      return { call, rows: first.rows, total: first.total, pages, page: filter.page, counts };
    },

    async dossierPage(id: string): Promise<DossierPage> {
      const dossier = await findDossier(db, id);
      if (!dossier || dossier.status === 'brouillon') throw new NotFound();
      const versions = await listVersions(db, id);
      const last = versions.at(-1);
      const latest = last
        ? {
            version: last,
            sections: answersBySection(
              readForm(await findCallForm(db, dossier.call_id, last.form_version)),
              last.answers,
            ),
          }
        : null;
      return {
        dossier,
        partners: await listPartners(db, id),
        versions,
        latest,
        transitions: await listTransitions(db, id),
        corrections: await listCorrections(db, id),
        messages: await listMessages(db, id),
        messageFiles: await listMessageFiles(db, id),
        annotations: await listAnnotations(db, id),
        verbs: availableVerbs(dossier.status, 'staff'),
      };
    },

    /** The changes from version `from` to version `to` of a submitted dossier (null: not two versions of it). */
    async diff(
      id: string,
      from: number,
      to: number,
    ): Promise<{ dossier: StaffDossierRow; versions: VersionRow[]; changes: FieldChange[] | null }> {
      const dossier = await findDossier(db, id);
      if (!dossier || dossier.status === 'brouillon') throw new NotFound();
      const versions = await listVersions(db, id);
      const a = versions.find((v) => v.version === from);
      const b = versions.find((v) => v.version === to);
      if (!a || !b) return { dossier, versions, changes: null };
      const digests = await fileDigests(db, id, [...fileIdsOf(a.answers), ...fileIdsOf(b.answers)]);
      const changes = diffVersions(
        { form: readForm(await findCallForm(db, dossier.call_id, a.form_version)), answers: a.answers },
        { form: readForm(await findCallForm(db, dossier.call_id, b.form_version)), answers: b.answers },
        digests,
      );
      return { dossier, versions, changes };
    },

    startInstruction(
      id: string,
      seen: DossierStatus,
      actor: InstructionActor,
      context: InstructionContext,
      w: InstructionMessages,
    ): Promise<void> {
      return db
        .transaction()
        .execute((trx) =>
          transition(trx, id, 'start_instruction', { seen, reason: null, actor, context, w }),
        );
    },

    /** À corriger: the request (message, deadline), and the working answers reset to the latest version's. */
    requestCorrection(
      id: string,
      seen: DossierStatus,
      input: { message: string; dueAt: Date },
      actor: InstructionActor,
      context: InstructionContext,
      w: InstructionMessages,
    ): Promise<void> {
      if (input.dueAt.getTime() <= Date.now())
        throw new Validation(w.errors.duePast, { echeance: w.errors.duePast });
      return db.transaction().execute(async (trx) => {
        const versions = await listVersions(trx, id);
        const latest = versions.at(-1);
        await transition(trx, id, 'request_correction', {
          seen,
          reason: input.message,
          actor,
          context,
          w,
          ...(latest ? { answers: latest.answers } : {}),
          extra: async (t) => {
            await insertCorrection(t, {
              dossierId: id,
              message: input.message,
              dueAt: input.dueAt,
              actorId: actor.id,
            });
            return { due_at: input.dueAt.toISOString(), from_version: latest?.version ?? null };
          },
        });
      });
    },

    declareAdmissibility(
      id: string,
      seen: DossierStatus,
      input: { decision: 'recevable' | 'irrecevable'; motivation: string | null },
      actor: InstructionActor,
      context: InstructionContext,
      w: InstructionMessages,
    ): Promise<void> {
      if (input.decision === 'irrecevable' && !input.motivation)
        throw new Validation(w.errors.motivationRequired, { motivation: w.errors.motivationRequired });
      const verb = input.decision === 'recevable' ? 'declare_admissible' : 'declare_inadmissible';
      return db
        .transaction()
        .execute((trx) =>
          transition(trx, id, verb, { seen, reason: input.motivation, actor, context, w, decided: true }),
        );
    },

    /**
     * A verb on several dossiers of one call, one transaction each: those whose status does not allow it
     * (or that are not this call's) are skipped.
     */
    async batch(
      callId: string,
      ids: readonly string[],
      verb: BatchVerb,
      actor: InstructionActor,
      context: InstructionContext,
      w: InstructionMessages,
    ): Promise<{ done: number; skipped: number }> {
      const unique = [...new Set(ids)];
      const ofCall = new Set(await dossierIdsOfCall(db, callId, unique));
      let done = 0;
      for (const id of ofCall) {
        try {
          await db.transaction().execute((trx) =>
            transition(trx, id, verb, {
              seen: null,
              reason: null,
              actor,
              context,
              w,
              decided: verb === 'declare_admissible',
            }),
          );
          done++;
        } catch (error) {
          if (!(error instanceof Conflict) && !(error instanceof NotFound)) throw error;
        }
      }
      return { done, skipped: unique.length - done };
    },

    async postMessage(
      id: string,
      side: 'staff' | 'applicant',
      body: string,
      actor: InstructionActor,
      context: InstructionContext,
      attachment: MessageAttachment | null = null,
      /** Applicant messages: the organisation (the dossier's or a partner) the author writes for. */
      organisationId: string | null = null,
    ): Promise<string> {
      return db.transaction().execute(async (trx) => {
        const row = await lockDossier(trx, id);
        if (!row || row.status === 'brouillon') throw new NotFound();
        const messageId = await insertMessage(trx, {
          dossierId: id,
          authorId: actor.id,
          side,
          body,
          organisationId: side === 'applicant' ? organisationId : null,
        });
        if (attachment)
          await insertMessageFile(trx, {
            dossierId: id,
            messageId,
            name: attachment.name,
            contentType: attachment.type,
            size: attachment.size,
            sha256: attachment.sha256,
            storageKey: attachment.key,
            uploadedBy: actor.id,
          });
        await queueMessageNotification(trx, { messageId });
        await audit(trx, 'dossiers.message', id, actor, context, {
          message_id: messageId,
          side,
          attachment: attachment ? attachment.sha256 : null,
        });
        return messageId;
      });
    },

    messages: (id: string) => listMessages(db, id),
    messageFiles: (id: string) => listMessageFiles(db, id),
    dossier: (id: string) => findDossier(db, id),

    async addAnnotation(
      id: string,
      body: string,
      actor: InstructionActor,
      context: InstructionContext,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await lockDossier(trx, id);
        if (!row || row.status === 'brouillon') throw new NotFound();
        const annotationId = await insertAnnotation(trx, { dossierId: id, authorId: actor.id, body });
        await audit(trx, 'dossiers.annotate', id, actor, context, { annotation_id: annotationId });
      });
    },
  };
}

export type InstructionService = ReturnType<typeof createInstructionService>;
