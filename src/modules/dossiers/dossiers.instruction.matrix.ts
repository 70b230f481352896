import {
  APPLICANTS_OF_DOSSIER_A,
  type Persona,
  STAFF_OF_CALL_1,
  STAFF_OF_DOSSIER_A,
} from '../../access-personas.js';
import type { AccessMatrix } from '../../platform/testing/access-matrix.js';

/**
 * Instruction's rows of the authorisation matrix. The transitions need the status the page showed (hidden
 * field `statut`): the matrix's bare posts are refused with 400 and leave DOSSIER_A as it is.
 */
export const INSTRUCTION_MATRIX: AccessMatrix<Persona> = {
  // Instructeurs of any call and administrators.
  'GET /instruction': { allow: ['instructor', 'administrator'] },
  'GET /instruction/appels/:callId': STAFF_OF_CALL_1,
  'POST /instruction/appels/:callId/lot': STAFF_OF_CALL_1,
  'GET /instruction/dossiers/:id': STAFF_OF_DOSSIER_A,
  'GET /instruction/dossiers/:id/versions': STAFF_OF_DOSSIER_A,
  'POST /instruction/dossiers/:id/mise-en-instruction': STAFF_OF_DOSSIER_A,
  'POST /instruction/dossiers/:id/demande-de-correction': STAFF_OF_DOSSIER_A,
  'POST /instruction/dossiers/:id/recevabilite': STAFF_OF_DOSSIER_A,
  'POST /instruction/dossiers/:id/messages': STAFF_OF_DOSSIER_A,
  'POST /instruction/dossiers/:id/annotations': STAFF_OF_DOSSIER_A,
  // The applicants' side of the messages.
  'GET /dossiers/:id/messages': APPLICANTS_OF_DOSSIER_A,
  'POST /dossiers/:id/messages': APPLICANTS_OF_DOSSIER_A,
};
