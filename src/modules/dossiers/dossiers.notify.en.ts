import type { NotifyMessages } from './dossiers.notify.fr.js';

export const notifyEn: NotifyMessages = {
  events: {
    submitted: {
      subject: (reference, call) => `New dossier submitted ${reference} — ${call}`,
      body: (reference, organisation) => `Dossier ${reference} of ${organisation} has just been submitted.`,
    },
    correction_received: {
      subject: (reference, call) => `Correction received for dossier ${reference} — ${call}`,
      body: (reference, organisation) =>
        `${organisation} submitted the correction requested for dossier ${reference}.`,
    },
    withdrawn: {
      subject: (reference, call) => `Dossier ${reference} withdrawn — ${call}`,
      body: (reference, organisation) =>
        `Dossier ${reference} of ${organisation} was withdrawn by the organisation.`,
    },
    instruction_started: {
      subject: (reference, call) => `Your dossier ${reference} is under review — ${call}`,
      body: (reference) => `The review team has started examining dossier ${reference}.`,
    },
    correction_requested: {
      subject: (reference, call) => `Correction requested on your dossier ${reference} — ${call}`,
      body: (reference) =>
        `The review team asks for a correction of dossier ${reference}. Change it and submit it again before the date shown on its page.`,
    },
    declared_admissible: {
      subject: (reference, call) => `Your dossier ${reference} is admissible — ${call}`,
      body: (reference) =>
        `Dossier ${reference} was declared admissible: it moves on to the next stage of the call.`,
    },
    declared_inadmissible: {
      subject: (reference, call) => `Your dossier ${reference} is inadmissible — ${call}`,
      body: (reference) => `Dossier ${reference} was declared inadmissible.`,
    },
  },
  status: (label) => `Status of the dossier: ${label}`,
  reason: 'Reason',
  dueDate: (date) => `To be corrected before ${date}.`,
  open: 'See the dossier',
  messages: {
    subject: (reference, call) => `New messages on dossier ${reference} — ${call}`,
    intro: (count, reference) =>
      count === 1
        ? `A new message was posted on dossier ${reference}:`
        : `${count} new messages were posted on dossier ${reference}:`,
    staffAuthor: 'The review team',
    applicantAuthor: 'A member of the organisation',
    heading: (author, at) => `${author}, ${at}`,
    reply: 'To answer, go to the dossier’s page.',
  },
};
