import { localised } from '../../platform/i18n/index.js';
import { MailFrame, type MailTemplate, textFrame } from '../../platform/mail/index.js';
import { notifyEn } from './dossiers.notify.en.js';
import { notifyFr } from './dossiers.notify.fr.js';

const words = localised({ fr: notifyFr, en: notifyEn });

/** What the event e-mail says (events of notifyFr.events, `correction_received` included). */
export type EventMailKind = keyof typeof notifyFr.events;

export interface DossierEventMailData {
  kind: EventMailKind;
  reference: string;
  callTitle: string;
  organisation: string;
  statusLabel: string;
  /** The reason or motivation given with the decision or the correction request. */
  reason: string | null;
  /** Deadline of a correction request, already formatted (Europe/Paris). */
  dueDate: string | null;
  /** The dossier's page for this recipient (absolute). */
  url: string;
  /** « Vous recevez ce message car … » for a topic that may be switched off; empty otherwise. */
  footer: string[];
}

function eventParagraphs(data: DossierEventMailData, locale: 'fr' | 'en'): string[] {
  const w = words(locale);
  return [
    w.events[data.kind].body(data.reference, data.organisation),
    w.status(data.statusLabel),
    ...(data.dueDate ? [w.dueDate(data.dueDate)] : []),
  ];
}

/** A change on a dossier: to the applicants (instruction, correction, decision) or the staff (deposit…). */
export const dossierEventMail: MailTemplate<DossierEventMailData> = {
  name: 'dossiers.event',
  subject: (data, locale) => words(locale).events[data.kind].subject(data.reference, data.callTitle),
  html: (data, locale) => {
    const w = words(locale);
    const subject = dossierEventMail.subject(data, locale);
    return (
      <MailFrame locale={locale} title={subject}>
        <h1 safe>{subject}</h1>
        {eventParagraphs(data, locale).map((text) => (
          <p safe>{text}</p>
        ))}
        {data.reason ? (
          <>
            <p>
              <strong safe>{w.reason}</strong>
            </p>
            <blockquote safe>{data.reason}</blockquote>
          </>
        ) : (
          ''
        )}
        <p>
          <a href={data.url} safe>
            {w.open}
          </a>
        </p>
        <p safe>{data.url}</p>
        {data.footer.map((line) => (
          <p>
            <small safe>{line}</small>
          </p>
        ))}
      </MailFrame>
    );
  },
  text: (data, locale) => {
    const w = words(locale);
    return textFrame(locale, [
      ...eventParagraphs(data, locale),
      ...(data.reason ? [`${w.reason} :\n${data.reason}`] : []),
      `${w.open} : ${data.url}`,
      ...data.footer,
    ]);
  },
};

export interface DigestMessage {
  author: string;
  /** Already formatted (Europe/Paris). */
  at: string;
  body: string;
}

export interface DossierMessagesMailData {
  reference: string;
  callTitle: string;
  messages: DigestMessage[];
  url: string;
  footer: string[];
}

/** Every message posted on a dossier since the last e-mail to this person (at most one an hour). */
export const dossierMessagesMail: MailTemplate<DossierMessagesMailData> = {
  name: 'dossiers.messages',
  subject: (data, locale) => words(locale).messages.subject(data.reference, data.callTitle),
  html: (data, locale) => {
    const w = words(locale);
    const subject = dossierMessagesMail.subject(data, locale);
    return (
      <MailFrame locale={locale} title={subject}>
        <h1 safe>{subject}</h1>
        <p safe>{w.messages.intro(data.messages.length, data.reference)}</p>
        {data.messages.map((m) => (
          <>
            <p>
              <strong safe>{w.messages.heading(m.author, m.at)}</strong>
            </p>
            <blockquote safe>{m.body}</blockquote>
          </>
        ))}
        <p safe>{w.messages.reply}</p>
        <p>
          <a href={data.url} safe>
            {w.open}
          </a>
        </p>
        <p safe>{data.url}</p>
        {data.footer.map((line) => (
          <p>
            <small safe>{line}</small>
          </p>
        ))}
      </MailFrame>
    );
  },
  text: (data, locale) => {
    const w = words(locale);
    return textFrame(locale, [
      w.messages.intro(data.messages.length, data.reference),
      ...data.messages.map((m) => `${w.messages.heading(m.author, m.at)}\n${m.body}`),
      w.messages.reply,
      `${w.open} : ${data.url}`,
      ...data.footer,
    ]);
  },
};
