import type { DossiersMessages } from './dossiers.fr.js';

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} kB`;
  return `${bytes} bytes`;
}

/** The words of the applicant pages of dossiers, in English. */
export const dossiersEn: DossiersMessages = {
  home: 'Home',
  myDossiers: 'My applications',
  list: {
    intro: 'The applications of your organisations, and those they are partners of.',
    empty: 'No application yet. To apply, choose an open call.',
    browseCalls: 'See the calls',
    caption: 'Your applications',
    colDossier: 'Application',
    colCall: 'Call',
    colOrganisation: 'Organisation',
    colStatus: 'Status',
    colUpdated: 'Last change',
    asPartner: '(partner)',
  },
  apply: {
    title: 'Apply',
    intro: 'Prepare your application in several steps; you can change it until you submit it.',
    organisation: 'Applying organisation',
    submit: 'Start the application',
    signIn: 'Sign in to apply',
    noOrganisation:
      'To apply, you must be a member of an organisation. Create its profile or ask a member to invite you.',
    createOrganisation: 'Create an organisation profile',
    problems: {
      unknownCall: 'This call does not exist or is not published.',
      callNotOpen: 'This call is not open for applications.',
      notMember: 'Choose an organisation you are a member of.',
    },
  },
  overview: {
    reference: 'Reference',
    call: 'Call',
    organisation: 'Lead organisation',
    partners: 'Partner organisations',
    noPartners: 'None',
    managePartners: 'Manage partners',
    status: 'Status',
    updated: 'Last change',
    steps: 'Steps of the application',
    complete: 'Complete',
    incomplete: 'To complete',
    summary: 'Summary and submission',
    messages: 'Messages',
    versions: 'Submitted versions',
    version: (n: number, date: string) => `Version ${n}, submitted on ${date}`,
    withdraw: 'Withdraw the application',
    notEditable: 'This application can no longer be changed: it was submitted.',
  },
  step: {
    stepOf: (n: number, total: number) => `Step ${n} of ${total}`,
    saveAndContinue: 'Save and continue',
    saveDraft: 'Save the draft',
    saved: 'Draft saved.',
    savedAt: (time: string) => `Draft saved at ${time}`,
    saving: 'Saving…',
    autosaveFailed: 'Automatic saving failed; save the draft with the button.',
    requiredNote: 'Fields marked “required” must be filled in before submission, not before.',
    errorsTitle: 'Some answers are not valid',
    errorsIntro: 'The other answers were saved. Correct these:',
    conflictTitle: 'The application was changed meanwhile',
    conflict:
      'This application was changed in another tab or by another member since this page was opened. Your answers were not saved: they are shown below. Compare them with the saved answers, then save again to keep them.',
    currentAnswers: 'Answers saved now',
    notEditable: 'This application can no longer be changed.',
    readOnly: 'This application can no longer be changed: here are your answers.',
    unknownSection: 'This step does not exist.',
    addOccurrence: 'Add an occurrence',
    occurrence: (n: number) => `Occurrence ${n}`,
    euroSuffix: '€',
    yes: 'Yes',
    no: 'No',
    communeHint: 'INSEE commune code (5 characters), e.g. 75056 for Paris.',
    siretHint: '14 digits.',
    dateHint: 'Format dd/mm/yyyy.',
    back: 'Back to the application',
  },
  attachment: {
    current: 'Attached file:',
    download: 'Download',
    upload: 'Attach the file',
    replace: 'Replace the file',
    remove: 'Remove the file',
    none: 'No file attached.',
    saved: 'The file was attached to the application.',
    removed: 'The file was removed from the application.',
    problems: {
      missing: 'Choose a file to attach.',
      notEditable: 'This application can no longer be changed.',
      unknownField: 'This field does not take a file.',
      empty: 'The file is empty.',
      tooLarge: (max: number) => `The file is larger than allowed (${size(max)}).`,
      html: 'This file holds a web page (HTML): this format is never accepted, even renamed. Attach a document in one of the formats asked for.',
      type: (types: readonly string[]) =>
        `The content of this file matches none of the accepted formats (${types.join(', ')}). The format is read from the file itself, not from its name.`,
      unreadable: 'The file could not be read. Try again.',
      conflict:
        'The application was changed in another tab or by another member since this page was opened: the file was not attached. Check the page, then attach it again.',
    },
  },
  summary: {
    title: 'Summary',
    intro: 'Check your answers before submitting the application.',
    edit: 'Change this step',
    errorsTitle: 'The application is not complete',
    errorsIntro: 'Before submitting, complete these answers:',
    eligibilityTitle: 'Your organisation cannot submit this application as it stands',
    notAnswered: 'Not answered',
    submit: 'Submit the application',
    submitIntro:
      'By submitting the application, you certify that the information given is accurate. You will receive an acknowledgement of receipt.',
    notEditable: 'This application was submitted: it can no longer be changed.',
  },
  partners: {
    title: 'Partner organisations',
    intro:
      'Members of partner organisations see and change this application. Only members of the lead organisation manage the list.',
    identifier: 'SIREN, RNA number or identifier of the organisation',
    identifierHint:
      'E.g. 130025265 (SIREN) or W751234567 (RNA). The organisation must have its profile on the platform.',
    add: 'Add the organisation',
    remove: 'Remove',
    none: 'No partner organisation.',
    added: (name: string) => `${name} is now a partner of the application.`,
    removed: 'The organisation was removed from the partners.',
    sameSiren: (name: string) =>
      `This organisation has the same SIREN as ${name}, already in the application: the same legal person.`,
    onlyMain: 'Only members of the lead organisation can change the list of partners.',
    problems: {
      notMainMember: 'Only members of the lead organisation can change the list of partners.',
      notEditable: 'This application can no longer be changed: nor can its partners.',
      unknown: 'No organisation of the platform matches this identifier.',
      self: 'This organisation already leads the application.',
      already: 'This organisation is already a partner of the application.',
      sameSiren: 'This organisation has the same SIREN as an organisation already in the application.',
      invalid:
        'Enter a SIREN (9 digits), an RNA number (W and 9 digits) or the identifier of the organisation.',
    },
  },
  autosave: {
    conflict:
      'The application was changed in another tab or by another member: automatic saving stopped. Save the draft to see the difference; your answers stay in the page.',
    notEditable: 'This application can no longer be changed.',
    invalid: 'The saving request is invalid.',
  },
  download: {
    notFound: 'This file does not exist in this application.',
  },
};
