import type { SubmissionMessages } from './dossiers.submission.fr.js';

/** The words of submission, frozen versions, receipts and withdrawal, in English. */
export const submissionEn: SubmissionMessages = {
  home: 'Home',
  myDossiers: 'My applications',
  instruction: 'Review',
  versionTitle: (version: number) => `Submitted version ${version}`,
  versionLead: (reference: string, call: string) => `Application ${reference} — ${call}`,
  submittedNotice: {
    title: 'Your application has been submitted',
    body: 'An acknowledgement of receipt is being e-mailed to you and to the members of your organisation.',
  },
  alreadyNotice: {
    title: 'This application was already submitted',
    body: 'It had already been submitted (from another tab or by a double click, for instance): here is the recorded version.',
  },
  receipt: {
    title: 'Acknowledgement of receipt',
    number: 'Number',
    submittedAt: 'Submitted on',
    submittedBy: 'Submitted by',
    digest: 'SHA-256 digest of the content',
    digestHint:
      'This digest covers the answers, the form version and the content of the attachments: any change would alter it.',
    download: 'Download the acknowledgement of receipt (PDF)',
  },
  answers: 'Submitted answers',
  notAnswered: 'Not answered',
  attachment: (name: string, size: string) => `${name} (${size})`,
  otherVersions: 'Submitted versions',
  versionLink: (version: number, when: string) => `Version ${version}, submitted on ${when}`,
  current: 'shown version',
  backToDossier: 'Back to the application',
  withdrawLink: 'Withdraw this application',
  parisDateTime: (date: string, time: string) => `${date} at ${time} (Paris time)`,

  refused: {
    title: 'Submission not possible',
    callClosed: (date: string, time: string) =>
      `The call closed on ${date} at ${time} (Paris time): applications can no longer be submitted.`,
    callClosedEarly: 'The call was closed early: applications can no longer be submitted.',
    callNotOpen: (date: string, time: string) =>
      `The call only opens on ${date} at ${time} (Paris time): applications cannot be submitted yet.`,
    callWithoutDates: 'The call is not open: applications cannot be submitted.',
    correctionExpired: (date: string, time: string) =>
      `The correction deadline passed on ${date} at ${time} (Paris time): the application can no longer be submitted.`,
    noOpenCorrection: 'No correction has been requested: the application cannot be submitted.',
    notSubmittable: 'This application can no longer be submitted in its current state.',
    stale:
      'The application changed since the summary was shown (in another tab or by another member, for instance). Read the summary again, then submit it.',
    invalidTitle: 'The application cannot be submitted yet',
    invalid: 'Fix the following points, then come back to the summary to submit the application.',
    ineligible: 'The application does not meet the eligibility conditions of the call:',
    fieldProblem: (label: string, message: string) => `${label}: ${message}`,
    missingFile: 'the attachment cannot be found; upload it again.',
    badRequest: 'The submission form is incomplete. Go back to the summary, then submit the application.',
    backToSummary: 'Read the summary again',
    toDossier: 'See the application',
  },

  withdraw: {
    title: 'Withdraw the application',
    lead: (reference: string, call: string) => `Application ${reference} — ${call}`,
    warning:
      'Withdrawal is final: the application will be closed without further action and will not be reviewed. The versions already submitted remain readable.',
    reason: 'Reason for withdrawal (optional)',
    reasonHint: 'It will be passed on to the team reviewing the call.',
    reasonTooLong: 'The reason must not exceed 2,000 characters.',
    confirm: 'Withdraw the application for good',
    cancel: 'Cancel',
    done: 'Your application has been withdrawn.',
    refusedDecision:
      'This application can no longer be withdrawn: a decision has already been taken (or it was already withdrawn).',
    stale:
      'The application changed since this page was shown. Read the page again, then confirm the withdrawal.',
    badRequest: 'The withdrawal form is incomplete. Reload the page, then confirm the withdrawal.',
  },

  mail: {
    subject: (call: string) => `Acknowledgement of receipt — ${call}`,
    intro: (reference: string, organisation: string) =>
      `Application ${reference} of ${organisation} has been submitted.`,
    number: (n: string) => `Receipt number: ${n}`,
    when: (when: string) => `Date and time of submission: ${when}`,
    by: (who: string) => `Submitted by: ${who}`,
    digest: (d: string) => `SHA-256 digest of the content: ${d}`,
    link: 'See the submitted version',
    attached: 'The acknowledgement of receipt is attached to this e-mail as a PDF.',
  },
};
