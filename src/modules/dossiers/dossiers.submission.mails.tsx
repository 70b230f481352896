import { localised } from '../../platform/i18n/index.js';
import { MailFrame, type MailTemplate, textFrame } from '../../platform/mail/index.js';
import { submissionEn } from './dossiers.submission.en.js';
import { submissionFr } from './dossiers.submission.fr.js';

const words = localised({ fr: submissionFr, en: submissionEn });

export interface ReceiptMailData {
  call: string;
  reference: string;
  organisation: string;
  receiptNumber: string;
  /** The date-time of the submission, already written in Paris time. */
  submittedAt: string;
  submittedBy: string | null;
  digest: string;
  /** The version page (absolute, on PUBLIC_URL). */
  url: string;
}

function paragraphs(data: ReceiptMailData, locale: 'fr' | 'en'): string[] {
  const m = words(locale).mail;
  return [
    m.intro(data.reference, data.organisation),
    m.number(data.receiptNumber),
    m.when(data.submittedAt),
    ...(data.submittedBy ? [m.by(data.submittedBy)] : []),
    m.digest(data.digest),
  ];
}

/**
 * « Accusé de réception — <appel> »: the receipt of a submission, sent to the person who submitted and the
 * members of the organisation, with the PDF attached. Legally needed: no one can switch it off.
 */
export const receiptMail: MailTemplate<ReceiptMailData> = {
  name: 'dossiers.receipt',
  subject: (data, locale) => words(locale).mail.subject(data.call),
  html: (data, locale) => {
    const m = words(locale).mail;
    const subject = m.subject(data.call);
    return (
      <MailFrame locale={locale} title={subject}>
        <h1 safe>{subject}</h1>
        {paragraphs(data, locale).map((text) => (
          <p safe>{text}</p>
        ))}
        <p>
          <a href={data.url} safe>
            {m.link}
          </a>
        </p>
        <p safe>{data.url}</p>
        <p safe>{m.attached}</p>
      </MailFrame>
    );
  },
  text: (data, locale) => {
    const m = words(locale).mail;
    return textFrame(locale, [...paragraphs(data, locale), `${m.link}\n${data.url}`, m.attached]);
  },
};
