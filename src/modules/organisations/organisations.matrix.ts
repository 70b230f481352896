import { EVERYONE, MEMBERS_OF_A, ORGANISATION_A, type Persona, SIGNED_IN } from '../../access-personas.js';
import type { AccessMatrix } from '../../platform/testing/access-matrix.js';

/** This module's rows of the authorisation matrix (src/access-matrix.ts spreads them). */
export const ORGANISATIONS_MATRIX: AccessMatrix<Persona> = {
  'GET /organisations/nouvelle': SIGNED_IN,
  'POST /organisations/nouvelle': SIGNED_IN,
  // Public profile: private fields and members are left out for visitors (organisations.test.ts).
  'GET /organisations/:id': { ...EVERYONE, params: { id: ORGANISATION_A } },
  // Members of A and administrators; a member of B is refused (403).
  'GET /organisations/:id/modifier': MEMBERS_OF_A,
  'POST /organisations/:id/modifier': MEMBERS_OF_A,
  'POST /organisations/:id/logo': MEMBERS_OF_A,
  'POST /organisations/:id/logo/suppression': MEMBERS_OF_A,
  // Public (a 404 while A has no logo: still let in).
  'GET /organisations/:id/logo': { ...EVERYONE, params: { id: ORGANISATION_A } },
};
