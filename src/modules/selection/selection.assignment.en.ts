import type { AssignmentMessages } from './selection.assignment.fr.js';

/** The words of the assignment pages (staff) and of the conflicts of interest page (reviewers), in English. */
export const assignmentEn: AssignmentMessages = {
  home: 'Home',
  selection: 'Selection',
  title: 'Assignment of applications',
  lead: (k: number) =>
    `Each admissible application goes to ${k} reviewer${k > 1 ? 's' : ''}: without conflict of interest, within their capacity, favouring expertise (shared domains) and an even load.`,
  inputs: {
    heading: 'Assignment inputs',
    dossiers: (n: number) => (n === 1 ? '1 application to assign' : `${n} applications to assign`),
    jury: (n: number) => (n === 1 ? '1 reviewer' : `${n} reviewers`),
    k: (k: number) => `${k} reviewer${k > 1 ? 's' : ''} per application`,
    capacity: (n: number) => `Total capacity of the jury: ${n} application${n > 1 ? 's' : ''}`,
    published: (date: string) => `Assignment published on ${date}.`,
    notPublished: 'The assignment is not published yet.',
  },
  compute: 'Compute the assignment',
  computeHint:
    'Replaces the previous unpublished computed proposal; published assignments and those added by hand are kept.',
  publish: 'Publish the assignment',
  publishHint:
    'Proposed assignments become final, admissible applications move to “under evaluation” and each reviewer receives a single e-mail listing their new applications.',
  notices: {
    computed: (pairs: number, short: number) =>
      `Assignment computed: ${pairs} assignment${pairs > 1 ? 's' : ''}${short ? `, ${short} incomplete application${short > 1 ? 's' : ''}` : ''}.`,
    added: 'The assignment was added.',
    removed: 'The assignment was removed.',
    published: (pairs: number, reviewers: number) =>
      `Assignment published: ${pairs} assignment${pairs > 1 ? 's' : ''}, ${reviewers} reviewer${reviewers > 1 ? 's' : ''} notified.`,
  },
  objective: {
    heading: 'Quality of the assignment',
    pairs: (n: number, wanted: number) => `${n} assignment${n > 1 ? 's' : ''} out of ${wanted} wanted`,
    expertise: (n: number) =>
      n === 0 ? 'Every reviewer shares a domain with their applications' : `Expertise cost: ${n}`,
    mismatches: (n: number) => (n === 0 ? '' : `${n} assignment${n > 1 ? 's' : ''} without a shared domain`),
    load: (n: number) => `Load cost: ${n}`,
    total: (n: number) => `Total cost: ${n}`,
  },
  short: {
    heading: 'Incomplete applications',
    caption: 'Applications with fewer reviewers than planned',
    colReference: 'Application',
    colAssigned: 'Reviewers',
    colReason: 'Reason',
    conflicts: (available: number, k: number) =>
      `Only ${available} reviewer${available > 1 ? 's' : ''} without a conflict of interest with this application (${k} needed).`,
    capacity: (needed: number, capacity: number, available: number) =>
      `Not enough capacity: ${needed} assignments needed for a total capacity of ${capacity}; the ${available} reviewers without a conflict with this application are full.`,
  },
  byDossier: {
    heading: 'By application',
    caption: 'Reviewers of each application',
    range: (first: string, last: string, total: string) => `Applications ${first} to ${last} of ${total}`,
    colDossier: 'Application',
    colOrganisation: 'Organisation',
    colReviewers: 'Reviewers',
    colCount: 'Count',
    none: 'No reviewer',
    match: 'expertise',
    noMatch: 'outside their domains',
    proposed: 'proposed',
    published: 'published',
    conflict: 'conflict',
    remove: (name: string, reference: string) => `Remove ${name} from application ${reference}`,
    removeShort: 'Remove',
  },
  byReviewer: {
    heading: 'By reviewer',
    caption: 'Load of the reviewers',
    colReviewer: 'Reviewer',
    colDomains: 'Domains',
    colLoad: 'Load / capacity',
  },
  add: {
    heading: 'Add an assignment by hand',
    dossier: 'Application',
    reviewer: 'Reviewer',
    submit: 'Add',
  },
  errors: {
    noDossier: 'Choose an application of this call to assign.',
    noReviewer: 'Choose a reviewer of the jury of this call.',
    conflict: 'This reviewer has a conflict of interest with this application: the assignment is refused.',
    duplicate: 'This reviewer is already assigned to this application.',
    overCapacity: 'This reviewer has reached their capacity: the assignment is refused.',
    notFound: 'This assignment does not exist.',
    alreadyPublished: 'This assignment is published: it can no longer be removed here.',
    nothingToPublish: 'No proposed assignment to publish.',
    noJury: 'The jury of this call is empty: appoint reviewers before computing the assignment.',
  },
  conflicts: {
    title: 'Conflicts of interest',
    lead: 'Declare any link with an applicant or partner organisation (member, employee, board member, funder, relative…). A declaration removes the application from your reviews: another reviewer takes it over.',
    caption: 'Applications of the call',
    colReference: 'Reference',
    colOrganisation: 'Organisation',
    colTitle: 'Title',
    colDeclared: 'Your declaration',
    notDeclared: 'None',
    empty: 'No application under evaluation for this call.',
    formHeading: 'Declare a conflict of interest',
    dossier: 'Application concerned',
    reason: 'Nature of the link',
    reasonHint: 'A few words are enough (2,000 characters at most).',
    submit: 'Declare the conflict',
    declared: 'Your conflict of interest is recorded.',
    errorDossier: 'Choose an application of this call.',
    errorReason: 'State the nature of the link.',
    errorReasonLong: 'The nature of the link must be 2,000 characters at most.',
    notReviewer: 'Only the reviewers of the call declare conflicts of interest.',
  },
  mail: {
    subject: (callTitle: string) => `Applications to review – ${callTitle}`,
    intro: (callTitle: string, n: number) =>
      `${n === 1 ? 'A new application is' : `${n} new applications are`} assigned to you for the call “${callTitle}”.`,
    open: 'See the application',
    list: 'Your reviews',
  },
};
