import {
  APPLICANTS_OF_DOSSIER_A,
  type Persona,
  READERS_OF_DOSSIER_A,
  SIGNED_IN,
} from '../../access-personas.js';
import type { AccessMatrix } from '../../platform/testing/access-matrix.js';

/**
 * The applicant pages of dossiers (src/access-matrix.ts spreads them). DOSSIER_A is submitted: its members
 * reach every route, and the changes answer 409 or 400 (not editable, no file, no lock version), which the
 * matrix reads as let in; everyone else gets 403 (or the sign-in page).
 */
export const DOSSIERS_MATRIX: AccessMatrix<Persona> = {
  'GET /dossiers': SIGNED_IN,
  // An unknown call: 404 for every signed-in visitor.
  'POST /appels/:slug/candidature': { ...SIGNED_IN, params: { slug: 'appel-inexistant' } },
  'GET /dossiers/:id': APPLICANTS_OF_DOSSIER_A,
  'GET /dossiers/:id/etapes/:section': {
    ...APPLICANTS_OF_DOSSIER_A,
    params: { ...APPLICANTS_OF_DOSSIER_A.params, section: 'projet' },
  },
  'POST /dossiers/:id/etapes/:section': {
    ...APPLICANTS_OF_DOSSIER_A,
    params: { ...APPLICANTS_OF_DOSSIER_A.params, section: 'projet' },
  },
  'POST /dossiers/:id/brouillon': APPLICANTS_OF_DOSSIER_A,
  'POST /dossiers/:id/pieces/:fieldId': {
    ...APPLICANTS_OF_DOSSIER_A,
    params: { ...APPLICANTS_OF_DOSSIER_A.params, fieldId: 'statuts' },
  },
  'POST /dossiers/:id/pieces/:fieldId/suppression': {
    ...APPLICANTS_OF_DOSSIER_A,
    params: { ...APPLICANTS_OF_DOSSIER_A.params, fieldId: 'statuts' },
  },
  // An unknown file of the dossier: 404 for those let in.
  'GET /dossiers/:id/fichiers/:fileId': READERS_OF_DOSSIER_A,
  'GET /dossiers/:id/partenaires': APPLICANTS_OF_DOSSIER_A,
  'POST /dossiers/:id/partenaires': APPLICANTS_OF_DOSSIER_A,
  'POST /dossiers/:id/partenaires/:organisationId/suppression': APPLICANTS_OF_DOSSIER_A,
  'GET /dossiers/:id/recapitulatif': APPLICANTS_OF_DOSSIER_A,
};
