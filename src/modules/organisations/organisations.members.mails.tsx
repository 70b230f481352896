import { localised } from '../../platform/i18n/index.js';
import { MailFrame, type MailTemplate, textFrame } from '../../platform/mail/index.js';
import { membersEn } from './organisations.members.en.js';
import { membersFr } from './organisations.members.fr.js';
import type { MemberRole } from './organisations.tables.js';

const words = localised({ fr: membersFr, en: membersEn });

export interface InvitationMailData {
  organisation: string;
  inviter: string;
  role: MemberRole;
  /** The invitation page (absolute, on PUBLIC_URL). */
  url: string;
}

/** « Invitation à rejoindre … »: the link to the invitation page (7 days, single use). */
export const invitationMail: MailTemplate<InvitationMailData> = {
  name: 'organisations.invitation',
  subject: (data, locale) => words(locale).mail.invitation.subject(data.organisation),
  html: (data, locale) => {
    const w = words(locale);
    const subject = w.mail.invitation.subject(data.organisation);
    return (
      <MailFrame locale={locale} title={subject}>
        <h1 safe>{subject}</h1>
        <p safe>{w.mail.invitation.body(data.inviter, data.organisation, w.roles[data.role])}</p>
        <p>
          <a href={data.url} safe>
            {w.mail.invitation.action}
          </a>
        </p>
        <p safe>{data.url}</p>
        <p safe>{w.mail.invitation.validity}</p>
      </MailFrame>
    );
  },
  text: (data, locale) => {
    const w = words(locale);
    return textFrame(locale, [
      w.mail.invitation.body(data.inviter, data.organisation, w.roles[data.role]),
      data.url,
      w.mail.invitation.validity,
    ]);
  },
};

export interface ClaimDecisionMailData {
  organisation: string;
  approved: boolean;
  role: MemberRole | null;
  note: string | null;
  /** Where to go next (absolute): the members page when approved, the platform otherwise. */
  url: string;
}

function decisionParagraphs(data: ClaimDecisionMailData, locale: 'fr' | 'en'): string[] {
  const w = words(locale);
  return [
    data.approved
      ? w.mail.approved.body(data.organisation, w.roles[data.role ?? 'editor'])
      : w.mail.rejected.body(data.organisation),
    ...(data.note ? [w.mail.note(data.note)] : []),
  ];
}

/** The decision on a claim, sent to the person who asked. */
export const claimDecisionMail: MailTemplate<ClaimDecisionMailData> = {
  name: 'organisations.claim_decision',
  subject: (data, locale) =>
    data.approved
      ? words(locale).mail.approved.subject(data.organisation)
      : words(locale).mail.rejected.subject(data.organisation),
  html: (data, locale) => {
    const w = words(locale);
    const subject = claimDecisionMail.subject(data, locale);
    return (
      <MailFrame locale={locale} title={subject}>
        <h1 safe>{subject}</h1>
        {decisionParagraphs(data, locale).map((text) => (
          <p safe>{text}</p>
        ))}
        <p>
          <a href={data.url} safe>
            {w.mail.link}
          </a>
        </p>
      </MailFrame>
    );
  },
  text: (data, locale) => textFrame(locale, [...decisionParagraphs(data, locale), data.url]),
};

export interface ClaimReceivedMailData {
  organisation: string;
  person: string;
  /** The members page of the organisation (absolute). */
  url: string;
}

/** Sent to the owners when someone asks to manage their organisation's profile. */
export const claimReceivedMail: MailTemplate<ClaimReceivedMailData> = {
  name: 'organisations.claim_received',
  subject: (data, locale) => words(locale).mail.claimReceived.subject(data.organisation),
  html: (data, locale) => {
    const w = words(locale).mail.claimReceived;
    const subject = w.subject(data.organisation);
    return (
      <MailFrame locale={locale} title={subject}>
        <h1 safe>{subject}</h1>
        <p safe>{w.body(data.person, data.organisation)}</p>
        <p>
          <a href={data.url} safe>
            {w.action}
          </a>
        </p>
      </MailFrame>
    );
  },
  text: (data, locale) => {
    const w = words(locale).mail.claimReceived;
    return textFrame(locale, [w.body(data.person, data.organisation), data.url]);
  },
};
