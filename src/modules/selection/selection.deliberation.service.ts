import { z } from 'zod';
import { recordAudit } from '../../platform/audit/index.js';
import type { Db } from '../../platform/db/index.js';
import { AppError, Conflict } from '../../platform/http/errors.js';
import type { Mailer } from '../../platform/mail/index.js';
import { applySelectionTransition, listApplicantRecipients } from '../dossiers/index.js';
import { recipientsWithTopicOn } from '../notifications/index.js';
import { type AuditionNoteRow, listAuditionNotes } from './selection.auditions.queries.js';
import type { DeliberationMessages } from './selection.deliberation.fr.js';
import {
  type DecisionRow,
  findCallDossier,
  insertLaureateStory,
  listDecisions,
  listPublication,
  listStorySlugs,
  listUndecided,
  lockSelectionSettings,
  markResultsPublished,
  upsertDecision,
} from './selection.deliberation.queries.js';
import type { SelectionCall } from './selection.ranking.queries.js';
import { OPEN_STATUSES } from './selection.ranking.queries.js';
import {
  computeRanking,
  type RankingRow,
  type SelectionActor,
  type SelectionContext,
} from './selection.ranking.service.js';
import { resultMail } from './selection.results.mails.js';

export type QuotaStatus = 'none' | 'below' | 'within' | 'above';

/** Where the number of laureates stands against the call's quota (bounds included). */
export function quotaStatus(laureates: number, min: number | null, max: number | null): QuotaStatus {
  if (min === null && max === null) return 'none';
  if (min !== null && laureates < min) return 'below';
  if (max !== null && laureates > max) return 'above';
  return 'within';
}

/** The sentence about the quota shown on the deliberation page. */
export function quotaMessage(
  w: DeliberationMessages,
  laureates: number,
  min: number | null,
  max: number | null,
) {
  const d = w.deliberation;
  const status = quotaStatus(laureates, min, max);
  const quota = d.quota(min, max);
  if (status === 'none') return { status, text: d.noQuota(laureates) };
  if (status === 'below') return { status, text: d.belowQuota(laureates, quota) };
  if (status === 'above') return { status, text: d.aboveQuota(laureates, quota) };
  return { status, text: d.withinQuota(laureates, quota) };
}

/** A slug from an organisation's name: lower case ASCII words joined by hyphens (`laureat` if none). */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/g, '');
  return slug || 'laureat';
}

/** The first of `base`, `base-2`, `base-3`… not in `taken`. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function decisionForm(w: DeliberationMessages) {
  const e = w.deliberation.errors;
  return z.object({
    dossier: z.uuid({ error: e.notDecidable }),
    decision: z.enum(['laureat', 'non_retenu'], { error: e.decisionRequired }),
    motivation: z.preprocess(
      (v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : ''),
      z.string().min(1, e.motivationRequired).max(5000, e.motivationTooLong),
    ),
  });
}

export interface DeliberationPage {
  call: SelectionCall;
  rows: RankingRow[];
  decisions: Map<string, DecisionRow>;
  notes: Map<string, AuditionNoteRow[]>;
  laureates: number;
  undecided: number;
}

export interface DeliberationDeps {
  db: Db;
  mailer: Mailer;
  /** Absolute base of links in e-mails (PUBLIC_URL). */
  baseUrl: string;
}

export function createDeliberationService(deps: DeliberationDeps) {
  const { db, mailer } = deps;
  const baseUrl = deps.baseUrl.replace(/\/$/, '');

  return {
    async page(callId: string): Promise<DeliberationPage> {
      const ranking = await computeRanking(db, callId);
      const decisions = new Map((await listDecisions(db, callId)).map((d) => [d.dossier_id, d]));
      const notes = new Map<string, AuditionNoteRow[]>();
      for (const note of await listAuditionNotes(
        db,
        ranking.rows.map((r) => r.dossierId),
      ))
        notes.set(note.dossier_id, [...(notes.get(note.dossier_id) ?? []), note]);
      const open = ranking.rows.filter((r) => (OPEN_STATUSES as readonly string[]).includes(r.status));
      const published = ranking.call.results_published_at !== null;
      const laureates = published
        ? ranking.rows.filter((r) => r.status === 'laureat').length
        : open.filter((r) => decisions.get(r.dossierId)?.decision === 'laureat').length;
      return {
        call: ranking.call,
        rows: ranking.rows,
        decisions,
        notes,
        laureates,
        undecided: published ? 0 : open.filter((r) => !decisions.has(r.dossierId)).length,
      };
    },

    /** Prepares (or changes) the decision on one dossier, before the results are published. */
    async decide(
      callId: string,
      input: { dossierId: string; decision: 'laureat' | 'non_retenu'; motivation: string },
      actor: SelectionActor,
      context: SelectionContext,
      w: DeliberationMessages,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const settings = await lockSelectionSettings(trx, callId);
        if (settings.results_published_at) throw new Conflict(w.deliberation.errors.alreadyPublished);
        const dossier = await findCallDossier(trx, callId, input.dossierId);
        if (!dossier || !(OPEN_STATUSES as readonly string[]).includes(dossier.status))
          throw new Conflict(w.deliberation.errors.notDecidable);
        await upsertDecision(trx, { callId, ...input, userId: actor.id });
        await recordAudit(trx, {
          action: 'selection.decision_prepared',
          objectType: 'dossier',
          objectId: dossier.id,
          actorId: actor.id,
          actorLabel: actor.label,
          ip: context.ip,
          requestId: context.requestId,
          summary: { decision: input.decision },
        });
      });
    },

    /**
     * Publishes the results in one transaction: refused when a dossier waiting for a decision has none or
     * when the results were already published; otherwise every decision is recorded on its dossier (a
     * dossier whose status changed meanwhile refuses the whole publication), the publication date is set,
     * each laureate gets its story (to be written and approved), and each applicant is e-mailed the
     * decision and its motivation.
     */
    async publish(
      callId: string,
      actor: SelectionActor,
      context: SelectionContext,
      w: DeliberationMessages,
    ): Promise<number> {
      const e = w.deliberation.errors;
      return db.transaction().execute(async (trx) => {
        const settings = await lockSelectionSettings(trx, callId);
        if (settings.results_published_at) throw new Conflict(e.alreadyPublished);
        const undecided = await listUndecided(trx, callId);
        if (undecided.length > 0) throw new Conflict(e.undecided(undecided));
        const rows = await listPublication(trx, callId);
        if (rows.length === 0) throw new Conflict(e.nothing);
        const taken = await listStorySlugs(trx, callId);
        const at = new Date();
        for (const row of rows) {
          try {
            await applySelectionTransition(trx, {
              dossierId: row.dossier_id,
              verb: row.decision === 'laureat' ? 'select' : 'reject',
              actor,
              context,
              reason: row.motivation,
            });
          } catch (error) {
            if (error instanceof AppError) throw new Conflict(e.changed(row.reference, error.message));
            throw error;
          }
          if (row.decision === 'laureat') {
            const slug = uniqueSlug(slugify(row.organisation_name), taken);
            taken.add(slug);
            await insertLaureateStory(trx, {
              dossierId: row.dossier_id,
              callId,
              organisationId: row.organisation_id,
              slug,
              userId: actor.id,
            });
          }
          const everyone = await listApplicantRecipients(trx, row.dossier_id);
          const wanted = new Set(
            await recipientsWithTopicOn(
              trx,
              everyone.map((r) => r.id),
              'dossier_decision',
            ),
          );
          for (const recipient of everyone.filter((r) => wanted.has(r.id)))
            await mailer.send({
              db: trx,
              to: recipient.email,
              template: resultMail,
              locale: 'fr',
              data: {
                call: row.call_title,
                reference: row.reference,
                organisation: row.organisation_name,
                decision: row.decision,
                motivation: row.motivation,
                url: `${baseUrl}/dossiers/${row.dossier_id}`,
              },
              dedupeKey: `selection.result:${row.dossier_id}:${recipient.id}`,
            });
        }
        await markResultsPublished(trx, { callId, at, userId: actor.id });
        await recordAudit(trx, {
          action: 'selection.results_published',
          objectType: 'call',
          objectId: callId,
          actorId: actor.id,
          actorLabel: actor.label,
          ip: context.ip,
          requestId: context.requestId,
          summary: {
            laureates: rows.filter((r) => r.decision === 'laureat').map((r) => r.reference),
            notSelected: rows.filter((r) => r.decision === 'non_retenu').map((r) => r.reference),
          },
        });
        return rows.length;
      });
    },
  };
}

export type DeliberationService = ReturnType<typeof createDeliberationService>;
