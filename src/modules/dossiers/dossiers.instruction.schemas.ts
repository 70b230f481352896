import { z } from 'zod';
import { parseDay } from '../calls/calls.schemas.js';
import type { InstructionMessages } from './dossiers.instruction.fr.js';
import { BATCH_VERBS, endOfParisDay } from './dossiers.instruction.service.js';
import { DOSSIER_STATUSES, type DossierStatus } from './dossiers.tables.js';

/** What the instruction routes read from paths, queries and forms. */

export const dossierIdParams = z.object({ id: z.uuid() });
export const callIdParams = z.object({ callId: z.uuid() });

/** The statuses staff filter on (drafts are never shown to them). */
export const STAFF_STATUSES = DOSSIER_STATUSES.filter((s) => s !== 'brouillon');

function asList(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** `?statut=depose&statut=en_instruction&q=…&page=2`: unknown values are ignored, never an error. */
export function readListQuery(query: unknown): { statuses: DossierStatus[]; q: string; page: number } {
  const q = (query ?? {}) as Record<string, unknown>;
  const statuses = STAFF_STATUSES.filter((s) => asList(q.statut).includes(s));
  const text = typeof q.q === 'string' ? q.q.trim().slice(0, 200) : '';
  const page = typeof q.page === 'string' && /^\d{1,6}$/.test(q.page) ? Math.max(1, Number(q.page)) : 1;
  return { statuses, q: text, page };
}

/** `?de=1&a=2` (null when absent or malformed). */
export function readDiffQuery(query: unknown): { from: number; to: number } | null {
  const q = (query ?? {}) as Record<string, unknown>;
  const int = (v: unknown) => (typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : null);
  const from = int(q.de);
  const to = int(q.a);
  return from !== null && to !== null ? { from, to } : null;
}

/** The status the page showed (hidden field): an action on a dossier that changed since is refused. */
const seen = z.enum(DOSSIER_STATUSES);

const text = (max: number, required: string, tooLong: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : ''),
    z.string().min(1, required).max(max, tooLong),
  );

export function seenForm() {
  return z.object({ statut: seen });
}

export function correctionForm(w: InstructionMessages) {
  return z.object({
    statut: seen,
    message: text(5000, w.errors.messageRequired, w.errors.messageTooLong),
    echeance: z
      .string()
      .trim()
      .min(1, w.errors.dueRequired)
      .transform((value, ctx) => {
        const day = parseDay(value);
        if (!day) {
          ctx.addIssue({ code: 'custom', message: w.errors.dueInvalid });
          return z.NEVER;
        }
        const due = endOfParisDay(day);
        if (due.getTime() <= Date.now()) {
          ctx.addIssue({ code: 'custom', message: w.errors.duePast });
          return z.NEVER;
        }
        return due;
      }),
  });
}

export function admissibilityForm(w: InstructionMessages) {
  return z
    .object({
      statut: seen,
      decision: z.enum(['recevable', 'irrecevable'], { error: w.errors.decisionRequired }),
      motivation: z.preprocess(
        (v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : ''),
        z.string().max(5000, w.errors.motivationTooLong),
      ),
    })
    .superRefine((data, ctx) => {
      if (data.decision === 'irrecevable' && data.motivation === '')
        ctx.addIssue({ code: 'custom', path: ['motivation'], message: w.errors.motivationRequired });
    });
}

export function messageForm(w: InstructionMessages) {
  return z.object({ corps: text(10_000, w.errors.bodyRequired, w.errors.bodyTooLong) });
}

export function annotationForm(w: InstructionMessages) {
  return z.object({ annotation: text(10_000, w.errors.annotationRequired, w.errors.annotationTooLong) });
}

export function batchForm(w: InstructionMessages) {
  return z.object({
    action: z.enum(BATCH_VERBS, { error: w.batch.chooseAction }),
    dossiers: z.preprocess(
      (v) => asList(v),
      z
        .array(z.uuid({ error: w.batch.chooseDossiers }))
        .min(1, w.batch.chooseDossiers)
        .max(500),
    ),
  });
}
