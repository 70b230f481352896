import { localised } from '../../platform/i18n/index.js';
import { MailFrame, type MailTemplate, textFrame } from '../../platform/mail/index.js';
import { accountsEn } from './accounts.en.js';
import { type AccountsMessages, accountsFr } from './accounts.fr.js';

const words = localised({ fr: accountsFr, en: accountsEn });

export interface LinkMailData {
  name: string;
  /** The link to open (absolute, on PUBLIC_URL). */
  url: string;
}

type Kind = 'verification' | 'reset' | 'exists';

/** The words of a mail with one link: subject, greeting, a paragraph, the link's action, a closing line. */
export interface LinkMailWords {
  subject: string;
  greeting: (name: string) => string;
  body: string;
  ignore: string;
  action: string;
}

/** A mail with one link, its words picked from the accounts catalogue in the recipient's language. */
function accountLinkMail(
  name: string,
  pick: (a: AccountsMessages) => LinkMailWords,
): MailTemplate<LinkMailData> {
  return {
    name,
    subject: (_data, locale) => pick(words(locale)).subject,
    html: (data, locale) => {
      const t = pick(words(locale));
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
      const t = pick(words(locale));
      return textFrame(locale, [t.greeting(data.name), t.body, data.url, t.ignore]);
    },
  };
}

function linkMail(kind: Kind, name: string): MailTemplate<LinkMailData> {
  return accountLinkMail(name, (a) => a.mail[kind]);
}

/** "Confirmez votre adresse e-mail": the verification link after sign-up (24 h, single use). */
export const verificationMail = linkMail('verification', 'accounts.verification');
/** "Choisissez un nouveau mot de passe": the reset link (1 h, single use). */
export const passwordResetMail = linkMail('reset', 'accounts.password_reset');
/** "Vous avez déjà un compte": sent instead of a second account, so the sign-up page reveals nothing. */
export const accountExistsMail = linkMail('exists', 'accounts.account_exists');

/** "Votre lien de connexion": signs in without a password (10 minutes, single use). */
export const signInLinkMail = accountLinkMail('accounts.sign_in_link', (a) => a.link.mail);
/** "Confirmez votre nouvelle adresse e-mail": sent to the new address (24 hours, single use). */
export const emailChangeMail = accountLinkMail('accounts.email_change', (a) => a.emailChange.mail.confirm);
/** Sent to the new address instead of the link when it already has an account: the page says the same. */
export const emailChangeTakenMail = accountLinkMail(
  'accounts.email_change_taken',
  (a) => a.emailChange.mail.taken,
);
/** Sent to the current address: a change was requested; change the password if it was not you. */
export const emailChangeNoticeMail = accountLinkMail(
  'accounts.email_change_notice',
  (a) => a.emailChange.mail.notice,
);
