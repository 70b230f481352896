import {
  APPLICANTS_OF_DOSSIER_A,
  DOSSIER_A,
  type Persona,
  READERS_OF_DOSSIER_A,
} from '../../access-personas.js';
import type { AccessMatrix } from '../../platform/testing/access-matrix.js';

const VERSION_1 = { id: DOSSIER_A, version: '1' };

/** Submission, frozen versions, receipts and withdrawal (src/access-matrix.ts spreads these rows). */
export const SUBMISSION_MATRIX: AccessMatrix<Persona> = {
  // Members of the organisation only (the matrix posts no submission key: a 400 page, nothing frozen).
  'POST /dossiers/:id/depot': APPLICANTS_OF_DOSSIER_A,
  // Read by the applicants and by the staff of the call (second factor).
  'GET /dossiers/:id/versions/:version': { ...READERS_OF_DOSSIER_A, params: VERSION_1 },
  'GET /dossiers/:id/versions/:version/accuse-de-reception.pdf': {
    ...READERS_OF_DOSSIER_A,
    params: VERSION_1,
  },
  // The confirmation page and the withdrawal (the matrix posts no lock version: a 400 page, nothing changed).
  'GET /dossiers/:id/retrait': APPLICANTS_OF_DOSSIER_A,
  'POST /dossiers/:id/retrait': APPLICANTS_OF_DOSSIER_A,
};
