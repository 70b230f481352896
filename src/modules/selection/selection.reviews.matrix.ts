import { DOSSIER_A, type Persona } from '../../access-personas.js';
import type { AccessMatrix, MatrixRow } from '../../platform/testing/access-matrix.js';

/**
 * The évaluateur of DOSSIER_A: the reviewer persona, seated on CALL_1's jury with a PUBLISHED assignment of
 * DOSSIER_A (set up by the matrix test). Nobody else: not the applicant (member of A), not the call's staff
 * (they read dossiers on the instruction pages), not administrators.
 */
const REVIEWER_OF_DOSSIER_A: MatrixRow<Persona> = { allow: ['reviewer'], params: { id: DOSSIER_A } };

/** The évaluateurs' rows of the authorisation matrix. A bare post is refused with 400 and saves nothing. */
export const REVIEWS_MATRIX: AccessMatrix<Persona> = {
  // Anyone holding the reviewer role on a call.
  'GET /evaluations': { allow: ['reviewer'] },
  'GET /evaluations/dossiers/:id': REVIEWER_OF_DOSSIER_A,
  'POST /evaluations/dossiers/:id/evaluation': REVIEWER_OF_DOSSIER_A,
  // An unknown file of the assigned dossier: 404 for the évaluateur (allowed), refused for the others.
  'GET /evaluations/dossiers/:id/pieces/:fileId': REVIEWER_OF_DOSSIER_A,
};
