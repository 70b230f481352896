import type { Db, DbOrTx } from '../../platform/db/index.js';
import { localised } from '../../platform/i18n/index.js';
import { enqueue, type JobContext, type JobHandlers } from '../../platform/jobs/index.js';
import { type Mailer, MailFrame, type MailTemplate, textFrame } from '../../platform/mail/index.js';
import { assignmentEn } from './selection.assignment.en.js';
import { assignmentFr } from './selection.assignment.fr.js';
import { findAssignmentNotice } from './selection.assignment.queries.js';

/**
 * The e-mail telling an évaluateur which dossiers were given to them: one per évaluateur and publication
 * (or replacement), sent by a job queued in the transaction that published the pairs.
 */

export const ASSIGNMENT_NOTICE_JOB = 'selection.assignment_notice';

declare module '../../platform/jobs/jobs.types.js' {
  interface JobPayloads {
    'selection.assignment_notice': { callId: string; userId: string; dossierIds: string[] };
  }
}

const words = localised({ fr: assignmentFr, en: assignmentEn });

/** Queues the e-mail of `userId` listing `dossierIds` (in the caller's transaction). */
export async function queueAssignmentNotice(
  trx: DbOrTx,
  input: { callId: string; userId: string; dossierIds: string[] },
): Promise<void> {
  if (input.dossierIds.length === 0) return;
  await enqueue(trx, ASSIGNMENT_NOTICE_JOB, input);
}

interface AssignmentMailData {
  callTitle: string;
  dossiers: { reference: string; title: string; url: string }[];
  listUrl: string;
}

export const assignmentMail: MailTemplate<AssignmentMailData> = {
  name: 'selection.assignment',
  subject: (data, locale) => words(locale).mail.subject(data.callTitle),
  html: (data, locale) => {
    const w = words(locale).mail;
    const subject = w.subject(data.callTitle);
    return (
      <MailFrame locale={locale} title={subject}>
        <h1 safe>{subject}</h1>
        <p safe>{w.intro(data.callTitle, data.dossiers.length)}</p>
        <ul>
          {data.dossiers.map((d) => (
            <li>
              <a href={d.url} safe>
                {`${d.reference} – ${d.title}`}
              </a>
            </li>
          ))}
        </ul>
        <p>
          <a href={data.listUrl} safe>
            {w.list}
          </a>
        </p>
      </MailFrame>
    );
  },
  text: (data, locale) => {
    const w = words(locale).mail;
    return textFrame(locale, [
      w.intro(data.callTitle, data.dossiers.length),
      ...data.dossiers.map((d) => `- ${d.reference} – ${d.title} : ${d.url}`),
      `${w.list} : ${data.listUrl}`,
    ]);
  },
};

export function selectionAssignmentJobHandlers(options: {
  db: Db;
  mailer: Mailer;
  baseUrl: string;
}): JobHandlers {
  const { db, mailer } = options;
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  return {
    [ASSIGNMENT_NOTICE_JOB]: async (
      payload: { callId: string; userId: string; dossierIds: string[] },
      job: JobContext,
    ) => {
      const notice = await findAssignmentNotice(db, payload);
      if (!notice || notice.dossiers.length === 0) return;
      await mailer.send({
        to: notice.email,
        template: assignmentMail,
        locale: 'fr',
        data: {
          callTitle: notice.call_title,
          dossiers: notice.dossiers.map((d) => ({
            reference: d.reference,
            title: d.title,
            url: `${baseUrl}/evaluations/dossiers/${d.id}`,
          })),
          listUrl: `${baseUrl}/evaluations/appels/${payload.callId}`,
        },
        dedupeKey: `selection.assignment:${job.id}`,
      });
    },
  };
}
