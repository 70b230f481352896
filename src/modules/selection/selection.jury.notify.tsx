import type { Db, DbOrTx } from '../../platform/db/index.js';
import { localised } from '../../platform/i18n/index.js';
import { enqueue, type JobContext, type JobHandlers } from '../../platform/jobs/index.js';
import { type Mailer, MailFrame, type MailTemplate, textFrame } from '../../platform/mail/index.js';
import { IMPACT_DOMAIN_LABELS } from '../organisations/index.js';
import { juryEn } from './selection.jury.en.js';
import { juryFr } from './selection.jury.fr.js';
import { findAppointmentNotice } from './selection.jury.queries.js';

/**
 * The e-mail telling a person they were appointed évaluateur of a call (their domains, their capacity,
 * what comes next and how to declare a conflict of interest), sent by a job queued in the appointment's
 * transaction. The dossiers themselves come later, in the assignment e-mail.
 */

export const APPOINTMENT_NOTICE_JOB = 'selection.appointment_notice';

declare module '../../platform/jobs/jobs.types.js' {
  interface JobPayloads {
    'selection.appointment_notice': { callId: string; userId: string };
  }
}

const words = localised({ fr: juryFr, en: juryEn });

/** Queues the e-mail to the new évaluateur (in the caller's transaction). */
export async function queueAppointmentNotice(trx: DbOrTx, input: { callId: string; userId: string }) {
  await enqueue(trx, APPOINTMENT_NOTICE_JOB, input);
}

interface AppointmentMailData {
  callTitle: string;
  domains: string;
  capacity: number;
  url: string;
}

function lines(data: AppointmentMailData, locale: 'fr' | 'en'): string[] {
  const w = words(locale).mail;
  return [
    w.intro(data.callTitle),
    data.domains ? w.domains(data.domains) : w.noDomain,
    w.capacity(data.capacity),
    w.next,
    w.conflicts,
  ];
}

export const appointmentMail: MailTemplate<AppointmentMailData> = {
  name: 'selection.appointment',
  subject: (data, locale) => words(locale).mail.subject(data.callTitle),
  html: (data, locale) => {
    const w = words(locale).mail;
    const subject = w.subject(data.callTitle);
    return (
      <MailFrame locale={locale} title={subject}>
        <h1 safe>{subject}</h1>
        {lines(data, locale).map((line) => (
          <p safe>{line}</p>
        ))}
        <p>
          <a href={data.url} safe>
            {w.open}
          </a>
        </p>
      </MailFrame>
    );
  },
  text: (data, locale) =>
    textFrame(locale, [...lines(data, locale), `${words(locale).mail.open} : ${data.url}`]),
};

export function selectionJuryJobHandlers(options: { db: Db; mailer: Mailer; baseUrl: string }): JobHandlers {
  const { db, mailer } = options;
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  return {
    [APPOINTMENT_NOTICE_JOB]: async (payload: { callId: string; userId: string }, job: JobContext) => {
      const notice = await findAppointmentNotice(db, payload);
      // Removed from the jury before the job ran: nothing to say.
      if (!notice) return;
      await mailer.send({
        to: notice.email,
        template: appointmentMail,
        locale: 'fr',
        data: {
          callTitle: notice.call_title,
          domains: notice.domains.map((d) => IMPACT_DOMAIN_LABELS[d] ?? d).join(', '),
          capacity: notice.capacity,
          url: `${baseUrl}/evaluations`,
        },
        dedupeKey: `selection.appointment:${job.id}`,
      });
    },
  };
}
