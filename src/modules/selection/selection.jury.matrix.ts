import { CALL_1, type Persona } from '../../access-personas.js';
import type { AccessMatrix, MatrixRow } from '../../platform/testing/access-matrix.js';

/** Staff of CALL_1 (instructeurs of the call, administrators): the jury, the settings and the grid. */
const JURY_STAFF: MatrixRow<Persona> = { allow: ['instructor', 'administrator'], params: { callId: CALL_1 } };

/**
 * The selection hub, jury and grid rows of the authorisation matrix. The matrix's bare posts are refused
 * with 400 (or 404 for an unknown member or criterion) and change nothing, except the overall-comment
 * switch of the grid, harmless here.
 */
export const JURY_MATRIX: AccessMatrix<Persona> = {
  'GET /admin/appels/:callId/selection': JURY_STAFF,
  'GET /admin/appels/:callId/selection/jury': JURY_STAFF,
  'POST /admin/appels/:callId/selection/jury': JURY_STAFF,
  'GET /admin/appels/:callId/selection/jury/:userId': JURY_STAFF,
  'POST /admin/appels/:callId/selection/jury/:userId': JURY_STAFF,
  'POST /admin/appels/:callId/selection/jury/:userId/retrait': JURY_STAFF,
  'GET /admin/appels/:callId/selection/grille': JURY_STAFF,
  'POST /admin/appels/:callId/selection/grille/parametres': JURY_STAFF,
  'POST /admin/appels/:callId/selection/grille/criteres': JURY_STAFF,
  'GET /admin/appels/:callId/selection/grille/criteres/:criterionId': JURY_STAFF,
  'POST /admin/appels/:callId/selection/grille/criteres/:criterionId': JURY_STAFF,
  'POST /admin/appels/:callId/selection/grille/criteres/:criterionId/suppression': JURY_STAFF,
  'POST /admin/appels/:callId/selection/grille/criteres/:criterionId/deplacement': JURY_STAFF,
  'POST /admin/appels/:callId/selection/grille/commentaire-general': JURY_STAFF,
};
