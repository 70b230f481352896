import type { Db, DbOrTx } from '../../platform/db/index.js';
import { formatDateTime } from '../../platform/i18n/index.js';
import { enqueue, type JobContext, type JobHandlers } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import { type NotificationTopic, optOutLines, recipientsWithTopicOn } from '../notifications/index.js';
import { type DossierVerb, TRANSITIONS } from './dossiers.lifecycle.js';
import { notifyFr } from './dossiers.notify.fr.js';
import {
  type DigestMessage,
  dossierEventMail,
  dossierMessagesMail,
  type EventMailKind,
} from './dossiers.notify.mails.js';
import {
  findMessage,
  findNoticeDossier,
  findOpenCorrection,
  finishDigest,
  lastSubmissionWasCorrection,
  latestVersionAnsweredCorrection,
  listApplicantRecipients,
  listCallStaffRecipients,
  listMessagesSince,
  lockDigest,
  markDigestPending,
  type NoticeDossier,
  type Recipient,
} from './dossiers.notify.queries.js';
import type { DossierStatus } from './dossiers.tables.js';
import { STATUS_LABELS_FR } from './dossiers.words.js';

/**
 * E-mails about dossiers, sent by jobs queued in the transaction of the change (so nothing is sent for a
 * change that rolled back). Events go to the other side of the dossier: staff actions to the applicants
 * (members of the organisation and of its partners), applicant actions to the instructeurs of the call;
 * the person who acted is never e-mailed about their own action, and people who switched the topic off are
 * skipped (except legally needed topics). Messages are grouped: at most one e-mail per person, per dossier,
 * per hour (`dossier_message_digests`).
 */

/** What happened to a dossier, for the e-mails sent to the other side. */
export type DossierEvent =
  | 'submitted'
  | 'withdrawn'
  | 'instruction_started'
  | 'correction_requested'
  | 'declared_admissible'
  | 'declared_inadmissible';

export const DOSSIER_EVENT_JOB = 'dossiers.notify_event';
export const MESSAGE_DIGEST_JOB = 'dossiers.message_digest';
/** Messages of a dossier are e-mailed to a person at most once in this period. */
export const MESSAGE_DIGEST_INTERVAL_MS = 3600_000;

declare module '../../platform/jobs/jobs.types.js' {
  interface JobPayloads {
    'dossiers.notify_event': {
      dossierId: string;
      event: DossierEvent;
      actorId: string | null;
      reason: string | null;
    };
    'dossiers.message_digest': { userId: string; dossierId: string };
  }
}

/** Queues the e-mails of a dossier event in the caller's transaction (sent once it commits). */
export async function queueDossierEvent(
  trx: DbOrTx,
  input: { dossierId: string; event: DossierEvent; actorId: string | null; reason?: string | null },
): Promise<void> {
  await enqueue(trx, DOSSIER_EVENT_JOB, {
    dossierId: input.dossierId,
    event: input.event,
    actorId: input.actorId,
    reason: input.reason ?? null,
  });
}

/**
 * Records a new message for the people of the other side (never its author; not those who switched the
 * messages off): for each, unless a digest is already pending, one digest job is queued in the caller's
 * transaction to run at max(now, last e-mail + 1 h). Call it in the transaction that inserts the message.
 */
export async function queueMessageNotification(trx: DbOrTx, input: { messageId: string }): Promise<void> {
  const message = await findMessage(trx, input.messageId);
  if (!message) return;
  const dossier = await findNoticeDossier(trx, message.dossier_id);
  if (!dossier) return;
  const others =
    message.side === 'staff'
      ? await listApplicantRecipients(trx, dossier.id)
      : await listCallStaffRecipients(trx, dossier.call_id);
  const ids = await recipientsWithTopicOn(
    trx,
    others.map((r) => r.id).filter((id) => id !== message.author_id),
    'dossier_messages',
  );
  for (const userId of ids) {
    const runAt = await markDigestPending(trx, { userId, dossierId: dossier.id, messageId: message.id });
    if (runAt) await enqueue(trx, MESSAGE_DIGEST_JOB, { userId, dossierId: dossier.id }, { runAt });
  }
}

type Side = 'applicant' | 'staff';

interface Audience {
  side: Side;
  topic: NotificationTopic;
  kind: EventMailKind;
}

const EVENT_VERB: Record<DossierEvent, DossierVerb> = {
  submitted: 'submit',
  withdrawn: 'withdraw',
  instruction_started: 'start_instruction',
  correction_requested: 'request_correction',
  declared_admissible: 'declare_admissible',
  declared_inadmissible: 'declare_inadmissible',
};

/** Who hears of an event, under which topic, and with which words. */
async function audiencesOf(db: DbOrTx, event: DossierEvent, dossierId: string): Promise<Audience[]> {
  switch (event) {
    case 'submitted': {
      // The receipt to the applicants is sent by the submission itself; the staff hear of it here.
      const correction =
        (await lastSubmissionWasCorrection(db, dossierId)) ||
        (await latestVersionAnsweredCorrection(db, dossierId));
      return [
        {
          side: 'staff',
          topic: 'dossier_staff_activity',
          kind: correction ? 'correction_received' : 'submitted',
        },
      ];
    }
    case 'withdrawn':
      return [
        { side: 'staff', topic: 'dossier_staff_activity', kind: 'withdrawn' },
        { side: 'applicant', topic: 'dossier_status', kind: 'withdrawn' },
      ];
    case 'instruction_started':
    case 'correction_requested':
      return [{ side: 'applicant', topic: 'dossier_status', kind: event }];
    case 'declared_admissible':
    case 'declared_inadmissible':
      return [{ side: 'applicant', topic: 'dossier_decision', kind: event }];
  }
}

function recipientsOf(db: DbOrTx, side: Side, dossier: NoticeDossier): Promise<Recipient[]> {
  return side === 'applicant'
    ? listApplicantRecipients(db, dossier.id)
    : listCallStaffRecipients(db, dossier.call_id);
}

function dossierUrl(baseUrl: string, side: Side, dossierId: string): string {
  return side === 'applicant'
    ? `${baseUrl}/dossiers/${dossierId}`
    : `${baseUrl}/instruction/dossiers/${dossierId}`;
}

export interface NotifyHandlersOptions {
  db: Db;
  mailer: Mailer;
  /** Absolute links in e-mails: PUBLIC_URL, or http://localhost:PORT. */
  baseUrl: string;
}

/** The job handlers of dossier e-mails, for the worker (`dossiers.notify_event`, `dossiers.message_digest`). */
export function dossiersNotifyJobHandlers(options: NotifyHandlersOptions): JobHandlers {
  const { db, mailer } = options;
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  // E-mails are written in French: accounts have no language of their own yet.
  const locale = 'fr' as const;

  async function sendEvent(
    payload: { dossierId: string; event: DossierEvent; actorId: string | null; reason: string | null },
    job: JobContext,
  ): Promise<void> {
    const dossier = await findNoticeDossier(db, payload.dossierId);
    if (!dossier) return;
    const status: DossierStatus = TRANSITIONS[EVENT_VERB[payload.event]].to;
    const correction =
      payload.event === 'correction_requested' ? await findOpenCorrection(db, dossier.id) : undefined;
    const decided = payload.event === 'declared_admissible' || payload.event === 'declared_inadmissible';
    const reason =
      payload.reason ?? correction?.message ?? (decided ? dossier.decision_reason : null) ?? null;
    const dueDate = correction ? formatDateTime(correction.due_at, locale) : null;
    for (const audience of await audiencesOf(db, payload.event, dossier.id)) {
      const everyone = await recipientsOf(db, audience.side, dossier);
      const wanted = new Set(
        await recipientsWithTopicOn(
          db,
          everyone.map((r) => r.id).filter((id) => id !== payload.actorId),
          audience.topic,
        ),
      );
      for (const recipient of everyone.filter((r) => wanted.has(r.id))) {
        await mailer.send({
          to: recipient.email,
          template: dossierEventMail,
          locale,
          data: {
            kind: audience.kind,
            reference: dossier.reference,
            callTitle: dossier.call_title,
            organisation: dossier.organisation_name,
            statusLabel: STATUS_LABELS_FR[status],
            reason: audience.side === 'applicant' ? reason : null,
            dueDate: audience.side === 'applicant' ? dueDate : null,
            url: dossierUrl(baseUrl, audience.side, dossier.id),
            footer: optOutLines(audience.topic, locale, baseUrl),
          },
          // A retried job never e-mails the same person twice.
          dedupeKey: `dossiers.event:${job.id}:${recipient.id}`,
        });
      }
    }
  }

  async function sendDigest(payload: { userId: string; dossierId: string }): Promise<void> {
    const { userId, dossierId } = payload;
    await db.transaction().execute(async (trx) => {
      const digest = await lockDigest(trx, userId, dossierId);
      if (!digest?.pending) return;
      const dossier = await findNoticeDossier(trx, dossierId);
      if (!dossier) return;
      // What this person may read now: staff messages as an applicant, applicant messages as staff.
      const [applicants, staff] = await Promise.all([
        listApplicantRecipients(trx, dossierId),
        listCallStaffRecipients(trx, dossier.call_id),
      ]);
      const asApplicant = applicants.find((r) => r.id === userId);
      const asStaff = staff.find((r) => r.id === userId);
      const recipient = asApplicant ?? asStaff;
      const sides: ('staff' | 'applicant')[] = [];
      if (asApplicant) sides.push('staff');
      if (asStaff) sides.push('applicant');
      const on = recipient
        ? (await recipientsWithTopicOn(trx, [userId], 'dossier_messages')).length > 0
        : false;
      if (!recipient || !on) {
        // No longer a member or instructeur, or messages switched off: nothing is sent, nothing kept back.
        await finishDigest(trx, { userId, dossierId, messageIds: null, sent: false });
        return;
      }
      const messages = await listMessagesSince(trx, { dossierId, sides, userId });
      if (messages.length === 0) {
        await finishDigest(trx, { userId, dossierId, messageIds: [], sent: false });
        return;
      }
      const side: Side = asApplicant ? 'applicant' : 'staff';
      const list: DigestMessage[] = messages.map((m) => ({
        author:
          m.side === 'staff'
            ? notifyFr.messages.staffAuthor
            : (m.author_name ?? notifyFr.messages.applicantAuthor),
        at: formatDateTime(m.created_at, locale),
        body: m.body,
      }));
      const last = messages[messages.length - 1];
      await mailer.send({
        db: trx,
        to: recipient.email,
        template: dossierMessagesMail,
        locale,
        data: {
          reference: dossier.reference,
          callTitle: dossier.call_title,
          messages: list,
          url: `${dossierUrl(baseUrl, side, dossierId)}${side === 'applicant' ? '/messages' : ''}`,
          footer: optOutLines('dossier_messages', locale, baseUrl),
        },
        dedupeKey: `dossiers.messages:${userId}:${dossierId}:${last?.id}`,
      });
      await finishDigest(trx, { userId, dossierId, messageIds: messages.map((m) => m.id), sent: true });
    });
  }

  return {
    [DOSSIER_EVENT_JOB]: sendEvent,
    [MESSAGE_DIGEST_JOB]: sendDigest,
  };
}
