import { formatDateTime } from '../../i18n/index.js';
import { MailFrame, textFrame } from '../frame.js';
import { mailLabels } from '../mail.labels.js';
import type { MailTemplate } from '../mail.types.js';

export interface TestMailData {
  /** When the test was asked for (shown in Europe/Paris time). */
  requestedAt: Date;
}

/** "E-mail d’essai de la plateforme French Impact": checks that sending works (outbox page, operators). */
export const testMail: MailTemplate<TestMailData> = {
  name: 'test',
  subject: (_data, locale) => mailLabels(locale).test.subject,
  html: (data, locale) => {
    const t = mailLabels(locale).test;
    return (
      <MailFrame locale={locale} title={t.subject}>
        <h1 safe>{t.heading}</h1>
        <p safe>{t.body}</p>
        <p safe>{t.requestedAt(formatDateTime(data.requestedAt, locale))}</p>
        <p safe>{t.nothingToDo}</p>
      </MailFrame>
    );
  },
  text: (data, locale) => {
    const t = mailLabels(locale).test;
    return textFrame(locale, [
      t.heading,
      t.body,
      t.requestedAt(formatDateTime(data.requestedAt, locale)),
      t.nothingToDo,
    ]);
  },
};
