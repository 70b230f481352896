import { localised } from '../i18n/index.js';
import { mailEn } from '../i18n/mail.en.js';
import { type MailLabels, mailFr } from '../i18n/mail.fr.js';

export type { MailLabels };
/** The mail catalogue in a language. */
export const mailLabels = localised({ fr: mailFr, en: mailEn });
