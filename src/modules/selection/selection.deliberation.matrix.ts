import { CALL_1, DOSSIER_A, type Persona, STAFF_OF_CALL_1 } from '../../access-personas.js';
import type { AccessMatrix } from '../../platform/testing/access-matrix.js';

/** The jury of CALL_1 (`juryOfCall`): its évaluateurs, instructeurs and administrators. */
const JURY_OF_CALL_1 = {
  allow: ['instructor', 'reviewer', 'administrator'] as Persona[],
  params: { callId: CALL_1, dossierId: DOSSIER_A },
};

/**
 * The ranking, auditions and deliberation rows of the authorisation matrix. The matrix's bare posts carry
 * no dossier: they are refused with 400 (or 409 for a publication without decisions) and change nothing.
 * DOSSIER_A has no audition: the notes pages answer 404 to those let in.
 */
export const DELIBERATION_MATRIX: AccessMatrix<Persona> = {
  // Staff of the call (`juryStaff`).
  'GET /admin/appels/:callId/selection/classement': STAFF_OF_CALL_1,
  'POST /admin/appels/:callId/selection/classement/preselection': STAFF_OF_CALL_1,
  'GET /admin/appels/:callId/selection/auditions': STAFF_OF_CALL_1,
  'POST /admin/appels/:callId/selection/auditions': STAFF_OF_CALL_1,
  'POST /admin/appels/:callId/selection/auditions/invitations': STAFF_OF_CALL_1,
  // The jury (`juryOfCall`).
  'GET /evaluations/appels/:callId/auditions/:dossierId/notes': JURY_OF_CALL_1,
  'POST /evaluations/appels/:callId/auditions/:dossierId/notes': JURY_OF_CALL_1,
  // The president of the jury and the staff of the call (`president`); the reviewer persona does not preside.
  'GET /evaluations/appels/:callId/deliberation': STAFF_OF_CALL_1,
  'POST /evaluations/appels/:callId/deliberation/decisions': STAFF_OF_CALL_1,
  'POST /evaluations/appels/:callId/deliberation/publication': STAFF_OF_CALL_1,
};
