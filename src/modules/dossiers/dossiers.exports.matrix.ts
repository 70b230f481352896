import { type Persona, STAFF_OF_CALL_1 } from '../../access-personas.js';
import type { AccessMatrix } from '../../platform/testing/access-matrix.js';

const UNKNOWN_EXPORT = '00000000-0000-4000-8000-0000000000e1';

/** Exports' rows of the authorisation matrix (an unknown export is a 404, read as allowed). */
export const EXPORTS_MATRIX: AccessMatrix<Persona> = {
  'GET /instruction/appels/:callId/exports': STAFF_OF_CALL_1,
  // The matrix's bare post has no format: 400, nothing queued.
  'POST /instruction/appels/:callId/exports': STAFF_OF_CALL_1,
  'GET /instruction/appels/:callId/exports/:exportId': {
    ...STAFF_OF_CALL_1,
    params: { ...STAFF_OF_CALL_1.params, exportId: UNKNOWN_EXPORT },
  },
  'GET /instruction/appels/:callId/exports/:exportId/fichier': {
    ...STAFF_OF_CALL_1,
    params: { ...STAFF_OF_CALL_1.params, exportId: UNKNOWN_EXPORT },
  },
};
