import { ADMINISTRATORS, EVERYONE, MEMBERS_OF_A, type Persona, SIGNED_IN } from '../../access-personas.js';
import type { AccessMatrix } from '../../platform/testing/access-matrix.js';

/**
 * This module's rows of the authorisation matrix (src/access-matrix.ts spreads them). Owner-only actions
 * (invite, roles, removal, movement) let members of A and administrators through the access rule; the
 * service then refuses editors (403). A member of B is refused by the rule.
 */
export const MEMBERS_MATRIX: AccessMatrix<Persona> = {
  'GET /organisations/:id/membres': MEMBERS_OF_A,
  'POST /organisations/:id/invitations': MEMBERS_OF_A,
  'POST /organisations/:id/invitations/:invitationId/annulation': MEMBERS_OF_A,
  'POST /organisations/:id/membres/:userId/role': MEMBERS_OF_A,
  'POST /organisations/:id/membres/:userId/retrait': MEMBERS_OF_A,
  'POST /organisations/:id/membres/depart': MEMBERS_OF_A,
  'GET /invitations/:token': EVERYONE,
  'POST /invitations/:token': SIGNED_IN,
  'GET /organisations/:id/revendication': SIGNED_IN,
  'POST /organisations/:id/revendication': SIGNED_IN,
  'POST /organisations/:id/revendications/:claimId/acceptation': MEMBERS_OF_A,
  'POST /organisations/:id/revendications/:claimId/refus': MEMBERS_OF_A,
  'POST /organisations/:id/revendications/:claimId/retrait': SIGNED_IN,
  'GET /admin/revendications': ADMINISTRATORS,
  'GET /compte/organisations': SIGNED_IN,
  'POST /compte/organisation-courante': SIGNED_IN,
  'GET /charte': EVERYONE,
  'GET /organisations/:id/mouvement': MEMBERS_OF_A,
  'POST /organisations/:id/mouvement/adhesion': MEMBERS_OF_A,
  'POST /organisations/:id/mouvement/depart': MEMBERS_OF_A,
};
