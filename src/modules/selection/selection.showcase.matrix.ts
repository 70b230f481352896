import { APPLICANTS_OF_DOSSIER_A, EVERYONE, type Persona, STAFF_OF_CALL_1 } from '../../access-personas.js';
import type { AccessMatrix } from '../../platform/testing/access-matrix.js';

/**
 * The showcase's rows of the authorisation matrix. Public pages: an unknown cohort or laureate gives 404 to
 * everyone (read as allowed). DOSSIER_A is no laureate: its members get 404 (allowed), others 403.
 */
export const SHOWCASE_MATRIX: AccessMatrix<Persona> = {
  'GET /vitrine': EVERYONE,
  'GET /vitrine/:callSlug': { ...EVERYONE, params: { callSlug: 'appel-inexistant' } },
  'GET /vitrine/:callSlug/:slug': { ...EVERYONE, params: { callSlug: 'appel-inexistant', slug: 'inconnu' } },
  'GET /dossiers/:id/vitrine': APPLICANTS_OF_DOSSIER_A,
  'POST /dossiers/:id/vitrine': APPLICANTS_OF_DOSSIER_A,
  'GET /admin/appels/:callId/selection/vitrine': STAFF_OF_CALL_1,
  'POST /admin/appels/:callId/selection/vitrine': STAFF_OF_CALL_1,
};
