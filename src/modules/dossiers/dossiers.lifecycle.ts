import type { DossierStatus } from './dossiers.tables.js';

/**
 * The lifecycle of a dossier (PRODUCT.md): brouillon → déposé → en instruction → (à corriger ⇄ déposé) →
 * recevable / irrecevable → en évaluation → auditionné → lauréat / non retenu; withdrawal (sans suite) by
 * the applicant at any time before a decision. Each transition is a verb of a service (and a resource of
 * the routes), done by one side, recorded in dossier_transitions and audited.
 */
export type DossierVerb =
  | 'submit'
  | 'start_instruction'
  | 'request_correction'
  | 'declare_admissible'
  | 'declare_inadmissible'
  | 'withdraw'
  | SelectionVerb;

/** The verbs of the jury and selection (src/modules/selection), done through `applySelectionTransition`. */
export type SelectionVerb = 'start_evaluation' | 'shortlist' | 'select' | 'reject';

export interface Transition {
  verb: DossierVerb;
  /**
   * Who does it: the applicant organisation's members, the staff of the call on the instruction pages, or
   * the selection (assignment published, shortlist, results published).
   */
  side: 'applicant' | 'staff' | 'selection';
  from: readonly DossierStatus[];
  to: DossierStatus;
  /** A motivation or message is required. */
  needsReason: boolean;
}

/** Statuses where no decision was taken yet: the applicant may still withdraw. */
export const BEFORE_DECISION: readonly DossierStatus[] = [
  'brouillon',
  'depose',
  'en_instruction',
  'a_corriger',
  'recevable',
  'en_evaluation',
  'auditionne',
];

export const TRANSITIONS: Readonly<Record<DossierVerb, Transition>> = {
  // A first submission, or the corrected version answering a correction request.
  submit: {
    verb: 'submit',
    side: 'applicant',
    from: ['brouillon', 'a_corriger'],
    to: 'depose',
    needsReason: false,
  },
  start_instruction: {
    verb: 'start_instruction',
    side: 'staff',
    from: ['depose'],
    to: 'en_instruction',
    needsReason: false,
  },
  request_correction: {
    verb: 'request_correction',
    side: 'staff',
    from: ['depose', 'en_instruction'],
    to: 'a_corriger',
    needsReason: true,
  },
  declare_admissible: {
    verb: 'declare_admissible',
    side: 'staff',
    from: ['depose', 'en_instruction'],
    to: 'recevable',
    needsReason: false,
  },
  declare_inadmissible: {
    verb: 'declare_inadmissible',
    side: 'staff',
    from: ['depose', 'en_instruction'],
    to: 'irrecevable',
    needsReason: true,
  },
  withdraw: {
    verb: 'withdraw',
    side: 'applicant',
    from: BEFORE_DECISION,
    to: 'sans_suite',
    needsReason: false,
  },
  // The assignment of an admissible dossier to évaluateurs is published.
  start_evaluation: {
    verb: 'start_evaluation',
    side: 'selection',
    from: ['recevable'],
    to: 'en_evaluation',
    needsReason: false,
  },
  // Shortlisted for an audition.
  shortlist: {
    verb: 'shortlist',
    side: 'selection',
    from: ['en_evaluation'],
    to: 'auditionne',
    needsReason: false,
  },
  // The results are published: laureate, or not selected, with the deliberation's motivation.
  select: {
    verb: 'select',
    side: 'selection',
    from: ['en_evaluation', 'auditionne'],
    to: 'laureat',
    needsReason: true,
  },
  reject: {
    verb: 'reject',
    side: 'selection',
    from: ['en_evaluation', 'auditionne'],
    to: 'non_retenu',
    needsReason: true,
  },
};

export function canTransition(status: DossierStatus, verb: DossierVerb): boolean {
  return TRANSITIONS[verb].from.includes(status);
}

/** The verbs open to `side` on a dossier in `status` (the buttons a page shows). */
export function availableVerbs(status: DossierStatus, side: Transition['side']): DossierVerb[] {
  return (Object.values(TRANSITIONS) as Transition[])
    .filter((t) => t.side === side && t.from.includes(status))
    .map((t) => t.verb);
}

/** The applicant can change the answers (a draft, or a correction asked for). */
export function isEditable(status: DossierStatus): boolean {
  return status === 'brouillon' || status === 'a_corriger';
}

/** Submitted at least once and not a draft any more: staff see it. */
export function isSubmitted(status: DossierStatus): boolean {
  return status !== 'brouillon';
}
