import type { DossierStatus } from './dossiers.tables.js';

/** The French name of each status (badges, filters, exports, e-mails). */
export const STATUS_LABELS_FR: Readonly<Record<DossierStatus, string>> = {
  brouillon: 'Brouillon',
  depose: 'Déposé',
  en_instruction: 'En instruction',
  a_corriger: 'À corriger',
  recevable: 'Recevable',
  irrecevable: 'Irrecevable',
  en_evaluation: 'En évaluation',
  auditionne: 'Auditionné',
  laureat: 'Lauréat',
  non_retenu: 'Non retenu',
  sans_suite: 'Sans suite (retiré)',
};

export const STATUS_LABELS_EN: Readonly<Record<DossierStatus, string>> = {
  brouillon: 'Draft',
  depose: 'Submitted',
  en_instruction: 'Under review',
  a_corriger: 'Correction requested',
  recevable: 'Admissible',
  irrecevable: 'Inadmissible',
  en_evaluation: 'Being assessed',
  auditionne: 'Interviewed',
  laureat: 'Laureate',
  non_retenu: 'Not selected',
  sans_suite: 'Withdrawn',
};
