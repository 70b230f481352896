import { CALL_1, type Persona } from '../../access-personas.js';
import type { AccessMatrix, MatrixRow } from '../../platform/testing/access-matrix.js';

/** Staff of CALL_1 (instructeurs of the call, administrators): the assignment. */
const JURY_STAFF: MatrixRow<Persona> = { allow: ['instructor', 'administrator'], params: { callId: CALL_1 } };
/** The évaluateurs of CALL_1 and its staff: the conflicts of interest page. */
const JURY_OF_CALL: MatrixRow<Persona> = {
  allow: ['reviewer', 'instructor', 'administrator'],
  params: { callId: CALL_1 },
};

/**
 * The assignment and conflicts rows of the authorisation matrix. The matrix's bare posts change nothing:
 * computing on CALL_1 (no jury) and publishing (nothing proposed) are refused with 409, adding, removing
 * and declaring without a dossier with 400.
 */
export const ASSIGNMENT_MATRIX: AccessMatrix<Persona> = {
  'GET /admin/appels/:callId/selection/affectation': JURY_STAFF,
  'POST /admin/appels/:callId/selection/affectation/calcul': JURY_STAFF,
  'POST /admin/appels/:callId/selection/affectation/ajout': JURY_STAFF,
  'POST /admin/appels/:callId/selection/affectation/retrait': JURY_STAFF,
  'POST /admin/appels/:callId/selection/affectation/publication': JURY_STAFF,
  'GET /evaluations/appels/:callId/conflits': JURY_OF_CALL,
  'POST /evaluations/appels/:callId/conflits': JURY_OF_CALL,
};
