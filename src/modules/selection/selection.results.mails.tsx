import { localised } from '../../platform/i18n/index.js';
import { MailFrame, type MailTemplate, textFrame } from '../../platform/mail/index.js';
import { deliberationEn } from './selection.deliberation.en.js';
import { deliberationFr } from './selection.deliberation.fr.js';
import type { Decision } from './selection.tables.js';

const words = localised({ fr: deliberationFr, en: deliberationEn });

export interface AuditionMailData {
  call: string;
  reference: string;
  organisation: string;
  /** Date and time, already written in Paris time. */
  when: string;
  minutes: number;
  place: string | null;
  videoUrl: string | null;
  /** A rescheduling (the calendar's SEQUENCE grew). */
  updated: boolean;
}

function auditionLines(data: AuditionMailData, locale: 'fr' | 'en'): string[] {
  const m = words(locale).mail;
  return [
    m.auditionIntro(data.reference, data.organisation),
    m.auditionWhen(data.when, data.minutes),
    ...(data.place ? [m.auditionPlace(data.place)] : []),
    ...(data.videoUrl ? [m.auditionVideo(data.videoUrl)] : []),
    m.auditionAttached,
  ];
}

function auditionSubject(data: AuditionMailData, locale: 'fr' | 'en'): string {
  const m = words(locale).mail;
  return data.updated ? m.auditionUpdatedSubject(data.call) : m.auditionSubject(data.call);
}

/** « Invitation à une audition — <appel> », with the calendar file (.ics) attached. */
export const auditionMail: MailTemplate<AuditionMailData> = {
  name: 'selection.audition',
  subject: auditionSubject,
  html: (data, locale) => {
    const subject = auditionSubject(data, locale);
    return (
      <MailFrame locale={locale} title={subject}>
        <h1 safe>{subject}</h1>
        {auditionLines(data, locale).map((line) => (
          <p safe>{line}</p>
        ))}
      </MailFrame>
    );
  },
  text: (data, locale) => textFrame(locale, auditionLines(data, locale)),
};

export interface ResultMailData {
  call: string;
  reference: string;
  organisation: string;
  decision: Decision;
  motivation: string;
  /** The dossier's page (absolute, on PUBLIC_URL). */
  url: string;
}

function resultLines(data: ResultMailData, locale: 'fr' | 'en'): string[] {
  const m = words(locale).mail;
  return [
    m.resultIntro(data.reference, data.organisation),
    data.decision === 'laureat' ? m.resultLaureat : m.resultNonRetenu,
    m.resultMotivation,
  ];
}

/**
 * « Résultat de l’appel — <appel> »: the deliberation's decision on a dossier and its motivation, sent to
 * the members of the organisation and of its partners. Legally needed (topic dossier_decision).
 */
export const resultMail: MailTemplate<ResultMailData> = {
  name: 'selection.result',
  subject: (data, locale) => words(locale).mail.resultSubject(data.call),
  html: (data, locale) => {
    const m = words(locale).mail;
    const subject = m.resultSubject(data.call);
    return (
      <MailFrame locale={locale} title={subject}>
        <h1 safe>{subject}</h1>
        {resultLines(data, locale).map((line) => (
          <p safe>{line}</p>
        ))}
        <blockquote>
          {data.motivation.split(/\n+/).map((line) => (
            <p safe>{line}</p>
          ))}
        </blockquote>
        <p>
          <a href={data.url} safe>
            {m.link}
          </a>
        </p>
      </MailFrame>
    );
  },
  text: (data, locale) => {
    const m = words(locale).mail;
    return textFrame(locale, [...resultLines(data, locale), data.motivation, `${m.link}\n${data.url}`]);
  },
};
