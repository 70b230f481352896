import type { NotificationsMessages } from './notifications.fr.js';

export const notificationsEn: NotificationsMessages = {
  title: 'E-mail notifications',
  lead: 'Choose the e-mails you want to receive. Mandatory e-mails are always sent.',
  breadcrumb: { home: 'Home', account: 'My account' },
  legend: 'E-mails received',
  mandatory: 'mandatory (acknowledgement of receipt, decision)',
  correctionNote:
    'Correction requests remain visible on the dossier’s page: their deadline applies even if you do not receive the e-mail.',
  save: 'Save my preferences',
  saved: 'Your notification preferences are saved.',
  invalid: 'Unknown notification choice: reload the page and try again.',
  errorSummaryTitle: 'There is a problem',
  topics: {
    dossier_receipt: {
      label: 'Acknowledgements of receipt',
      description: 'The acknowledgement of receipt of each submitted dossier, with its number.',
      because: 'you submitted a dossier',
    },
    dossier_decision: {
      label: 'Decisions on dossiers',
      description: 'Admissibility or inadmissibility, then laureate or not selected, with the reasons.',
      because: 'a decision was made on a dossier of your organisation',
    },
    dossier_status: {
      label: 'Dossier updates',
      description: 'Review started, correction requested, withdrawal of a dossier of your organisations.',
      because: 'you are a member of an organisation behind this dossier',
    },
    dossier_messages: {
      label: 'Messages on dossiers',
      description: 'New messages exchanged on a dossier (at most one e-mail per hour and per dossier).',
      because: 'you follow the messages of this dossier',
    },
    dossier_staff_activity: {
      label: 'Activity of the calls I review',
      description: 'For reviewers: new submission, correction received, withdrawal of a dossier.',
      because: 'you review this call',
    },
  },
  mail: {
    because: (reason: string) => `You are receiving this message because ${reason}.`,
    stop: (url: string) => `To stop receiving these e-mails: ${url}`,
  },
};
