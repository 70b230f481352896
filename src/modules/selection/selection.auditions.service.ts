import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/index.js';
import type { Db, DbOrTx } from '../../platform/db/index.js';
import { Conflict, NotFound } from '../../platform/http/errors.js';
import { formatDateTime } from '../../platform/i18n/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import { parisToUtc, parseDay, parseTime } from '../calls/index.js';
import { listApplicantRecipients } from '../dossiers/index.js';
import {
  type AuditionDossierRow,
  type AuditionNoteRow,
  type AuditionRow,
  type AuditionValues,
  findAuditionDossier,
  insertAudition,
  listAuditionDossiers,
  listAuditionNotes,
  lockAudition,
  markInvited,
  updateAudition,
  upsertAuditionNote,
} from './selection.auditions.queries.js';
import type { DeliberationMessages } from './selection.deliberation.fr.js';
import { deliberationFr } from './selection.deliberation.fr.js';
import { buildIcs } from './selection.ics.js';
import { findSelectionCall, type SelectionCall } from './selection.ranking.queries.js';
import type { SelectionActor, SelectionContext } from './selection.ranking.service.js';
import { auditionMail } from './selection.results.mails.js';

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The audition form: date and time in Europe/Paris, duration, a place or an https video link. */
export function auditionForm(w: DeliberationMessages) {
  const e = w.auditions.errors;
  return z
    .object({
      dossier: z.uuid({ error: e.notShortlisted }),
      date: z.preprocess(
        trimmed,
        z
          .string()
          .min(1, e.dateRequired)
          .transform((v, ctx) => {
            const day = parseDay(v);
            if (!day) ctx.addIssue({ code: 'custom', message: e.dateInvalid });
            return day ?? z.NEVER;
          }),
      ),
      heure: z.preprocess(
        trimmed,
        z
          .string()
          .min(1, e.timeRequired)
          .transform((v, ctx) => {
            const time = parseTime(v);
            if (!time) ctx.addIssue({ code: 'custom', message: e.timeInvalid });
            return time ?? z.NEVER;
          }),
      ),
      duree: z.preprocess(
        (v) => (typeof v === 'string' && /^\d{1,4}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN),
        z
          .number({ error: e.durationInvalid })
          .int(e.durationInvalid)
          .min(5, e.durationInvalid)
          .max(480, e.durationInvalid),
      ),
      lieu: z.preprocess(trimmed, z.string().max(300, e.placeTooLong)),
      lien: z.preprocess(
        trimmed,
        z
          .string()
          .max(500, e.videoInvalid)
          .refine((v) => v === '' || (/^https:\/\/\S+$/.test(v) && URL.canParse(v)), e.videoInvalid),
      ),
    })
    .superRefine((data, ctx) => {
      if (data.lieu === '' && data.lien === '')
        ctx.addIssue({ code: 'custom', path: ['lieu'], message: e.whereRequired });
    })
    .transform((data) => ({
      dossierId: data.dossier,
      startsAt: parisToUtc(data.date, data.heure),
      durationMinutes: data.duree,
      place: data.lieu || null,
      videoUrl: data.lien || null,
    }));
}

export function noteForm(w: DeliberationMessages) {
  return z.object({
    note: z.preprocess(
      (v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : ''),
      z.string().min(1, w.notes.required).max(10_000, w.notes.tooLong),
    ),
  });
}

export interface AuditionsDeps {
  db: Db;
  mailer: Mailer;
}

function sameSchedule(a: AuditionRow, b: AuditionValues): boolean {
  return (
    a.starts_at.getTime() === b.startsAt.getTime() &&
    a.duration_minutes === b.durationMinutes &&
    a.place === b.place &&
    a.video_url === b.videoUrl
  );
}

/**
 * Sends the invitation of an audition to the members of the applicant organisation (and of its partners),
 * each with the calendar file, in the caller's transaction. E-mails are written in French: accounts have
 * no language of their own yet.
 */
async function sendInvitations(
  trx: DbOrTx,
  mailer: Mailer,
  dossier: AuditionDossierRow,
  audition: AuditionRow,
  /** Part of the dedupe key: a new value sends again what was already sent with the same SEQUENCE. */
  round = 0,
): Promise<number> {
  const w = deliberationFr;
  const recipients = await listApplicantRecipients(trx, dossier.id);
  if (recipients.length === 0) throw new Conflict(w.auditions.errors.noRecipient);
  const ends = new Date(audition.starts_at.getTime() + audition.duration_minutes * 60_000);
  const data = {
    call: dossier.call_title,
    reference: dossier.reference,
    organisation: dossier.organisation_name,
    when: formatDateTime(audition.starts_at, 'fr'),
    minutes: audition.duration_minutes,
    place: audition.place,
    videoUrl: audition.video_url,
    updated: audition.calendar_sequence > 0,
  };
  const ics = buildIcs({
    uid: audition.calendar_uid,
    sequence: audition.calendar_sequence,
    stamp: new Date(),
    start: audition.starts_at,
    end: ends,
    summary: w.mail.calendarSummary(dossier.call_title, dossier.reference),
    description: w.mail.auditionIntro(dossier.reference, dossier.organisation_name),
    location: audition.place,
    url: audition.video_url,
  });
  const attachment = {
    filename: 'audition.ics',
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    content: Buffer.from(ics, 'utf8'),
  };
  for (const recipient of recipients)
    await mailer.send({
      db: trx,
      to: recipient.email,
      template: auditionMail,
      locale: 'fr',
      data,
      attachments: [attachment],
      dedupeKey: `selection.audition:${dossier.id}:${audition.calendar_sequence}:${round}:${recipient.id}`,
    });
  return recipients.length;
}

/** A second « Inviter » within this delay of the last invitation is taken for a double click. */
export const REINVITE_AFTER_MS = 60_000;

export function createAuditionsService(deps: AuditionsDeps) {
  const { db, mailer } = deps;

  async function shortlisted(trx: DbOrTx, callId: string, dossierId: string, w: DeliberationMessages) {
    const dossier = await findAuditionDossier(trx, callId, dossierId);
    if (dossier?.status !== 'auditionne') throw new Conflict(w.auditions.errors.notShortlisted);
    return dossier;
  }

  return {
    async page(callId: string): Promise<{ call: SelectionCall; rows: AuditionDossierRow[] }> {
      const call = await findSelectionCall(db, callId);
      if (!call) throw new NotFound();
      return { call, rows: await listAuditionDossiers(db, callId) };
    },

    /**
     * Schedules (or moves) the audition of a shortlisted dossier. Moving an audition increments the
     * calendar's SEQUENCE; when the invitation was already sent, it is sent again at once.
     */
    async schedule(
      callId: string,
      input: AuditionValues & { dossierId: string },
      actor: SelectionActor,
      context: SelectionContext,
      w: DeliberationMessages,
    ): Promise<{ reinvited: boolean }> {
      return db.transaction().execute(async (trx) => {
        const dossier = await shortlisted(trx, callId, input.dossierId, w);
        const current = await lockAudition(trx, dossier.id);
        let reinvited = false;
        if (!current) {
          await insertAudition(trx, {
            ...input,
            callId,
            calendarUid: `audition-${randomUUID()}@french-impact`,
            userId: actor.id,
          });
        } else if (!sameSchedule(current, input)) {
          const sequence = current.calendar_sequence + 1;
          await updateAudition(trx, { ...input, sequence });
          if (current.invited_at) {
            const moved: AuditionRow = {
              ...current,
              starts_at: input.startsAt,
              duration_minutes: input.durationMinutes,
              place: input.place,
              video_url: input.videoUrl,
              calendar_sequence: sequence,
            };
            await sendInvitations(trx, mailer, dossier, moved);
            await markInvited(trx, dossier.id, new Date());
            reinvited = true;
          }
        }
        await recordAudit(trx, {
          action: current ? 'selection.audition_rescheduled' : 'selection.audition_scheduled',
          objectType: 'dossier',
          objectId: dossier.id,
          actorId: actor.id,
          actorLabel: actor.label,
          ip: context.ip,
          requestId: context.requestId,
          summary: {
            startsAt: input.startsAt.toISOString(),
            durationMinutes: input.durationMinutes,
            place: input.place,
            videoUrl: input.videoUrl,
            reinvited,
          },
        });
        return { reinvited };
      });
    },

    /**
     * « Inviter » / « Inviter à nouveau »: e-mails the invitation with its calendar file (queued in the
     * transaction). Sent again on each click, except within a minute of the last one (a double click):
     * then nothing is sent and `sent` is false.
     */
    async invite(
      callId: string,
      dossierId: string,
      actor: SelectionActor,
      context: SelectionContext,
      w: DeliberationMessages,
      now: Date = new Date(),
    ): Promise<{ sent: boolean }> {
      return db.transaction().execute(async (trx) => {
        const dossier = await shortlisted(trx, callId, dossierId, w);
        const audition = await lockAudition(trx, dossier.id);
        if (!audition) throw new Conflict(w.auditions.errors.notScheduled);
        const last = audition.invited_at;
        if (last && now.getTime() - last.getTime() < REINVITE_AFTER_MS) return { sent: false };
        const sent = await sendInvitations(trx, mailer, dossier, audition, last?.getTime() ?? 0);
        await markInvited(trx, dossier.id, now);
        await recordAudit(trx, {
          action: 'selection.audition_invited',
          objectType: 'dossier',
          objectId: dossier.id,
          actorId: actor.id,
          actorLabel: actor.label,
          ip: context.ip,
          requestId: context.requestId,
          summary: { sequence: audition.calendar_sequence, recipients: sent, again: last !== null },
        });
        return { sent: true };
      });
    },

    /** The audition of a dossier of the call and the jury's notes; NotFound without an audition. */
    async notesPage(
      callId: string,
      dossierId: string,
    ): Promise<{ dossier: AuditionDossierRow & { audition: AuditionRow }; notes: AuditionNoteRow[] }> {
      const dossier = await findAuditionDossier(db, callId, dossierId);
      if (!dossier?.audition) throw new NotFound();
      const audition = dossier.audition;
      return { dossier: { ...dossier, audition }, notes: await listAuditionNotes(db, [dossier.id]) };
    },

    /** Saves the user's note on an audition (one per person and dossier). */
    async saveNote(callId: string, dossierId: string, userId: string, note: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const dossier = await findAuditionDossier(trx, callId, dossierId);
        if (!dossier?.audition) throw new NotFound();
        await upsertAuditionNote(trx, { dossierId, userId, note });
      });
    },
  };
}

export type AuditionsService = ReturnType<typeof createAuditionsService>;
