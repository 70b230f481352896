import { localised } from '../../platform/i18n/index.js';
import { MailFrame, type MailTemplate, textFrame } from '../../platform/mail/index.js';
import { accountsEn } from './accounts.en.js';
import { accountsFr } from './accounts.fr.js';

const words = localised({ fr: accountsFr, en: accountsEn });

export interface LinkMailData {
  name: string;
  /** The link to open (absolute, on PUBLIC_URL). */
  url: string;
}

type Kind = 'verification' | 'reset' | 'exists';

function linkMail(kind: Kind, name: string): MailTemplate<LinkMailData> {
  return {
    name,
    subject: (_data, locale) => words(locale).mail[kind].subject,
    html: (data, locale) => {
      const t = words(locale).mail[kind];
      return (
        <MailFrame locale={locale} title={t.subject}>
          <h1 safe>{t.subject}</h1>
          <p safe>{t.greeting(data.name)}</p>
          <p safe>{t.body}</p>
          <p>
            <a href={data.url} safe>
              {t.action}
            </a>
          </p>
          <p safe>{data.url}</p>
          <p safe>{t.ignore}</p>
        </MailFrame>
      );
    },
    text: (data, locale) => {
      const t = words(locale).mail[kind];
      return textFrame(locale, [t.greeting(data.name), t.body, data.url, t.ignore]);
    },
  };
}

/** "Confirmez votre adresse e-mail": the verification link after sign-up (24 h, single use). */
export const verificationMail = linkMail('verification', 'accounts.verification');
/** "Choisissez un nouveau mot de passe": the reset link (1 h, single use). */
export const passwordResetMail = linkMail('reset', 'accounts.password_reset');
/** "Vous avez déjà un compte": sent instead of a second account, so the sign-up page reveals nothing. */
export const accountExistsMail = linkMail('exists', 'accounts.account_exists');
