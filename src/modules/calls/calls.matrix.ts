import { ADMINISTRATORS, EVERYONE, type Persona } from '../../access-personas.js';
import type { AccessMatrix } from '../../platform/testing/access-matrix.js';
import { CALLS_BUILDER_MATRIX } from './calls.builder.matrix.js';

const UNKNOWN_CALL = { id: '00000000-0000-4000-8000-000000000000' };

/** This module's rows of the authorisation matrix (src/access-matrix.ts spreads them). */
export const CALLS_MATRIX: AccessMatrix<Persona> = {
  // Public pages (an unknown slug gives 404 to everyone, which the matrix reads as allowed).
  'GET /appels': EVERYONE,
  'GET /appels/:slug': { ...EVERYONE, params: { slug: 'appel-inexistant' } },
  // Administration: administrators with a second factor.
  'GET /admin/appels': ADMINISTRATORS,
  'GET /admin/appels/nouveau': ADMINISTRATORS,
  'POST /admin/appels/nouveau': ADMINISTRATORS,
  'GET /admin/appels/:id/modifier': { ...ADMINISTRATORS, params: UNKNOWN_CALL },
  'POST /admin/appels/:id/modifier': { ...ADMINISTRATORS, params: UNKNOWN_CALL },
  'GET /admin/appels/:id/apercu': { ...ADMINISTRATORS, params: UNKNOWN_CALL },
  'POST /admin/appels/:id/publication': { ...ADMINISTRATORS, params: UNKNOWN_CALL },
  'POST /admin/appels/:id/cloture': { ...ADMINISTRATORS, params: UNKNOWN_CALL },
  'POST /admin/appels/:id/reouverture': { ...ADMINISTRATORS, params: UNKNOWN_CALL },
  // The form builder and the instructeurs (calls.builder.matrix.ts).
  ...CALLS_BUILDER_MATRIX,
};
