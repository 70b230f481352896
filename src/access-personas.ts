import type { RoleGrant } from './platform/access/index.js';
import type { MatrixRow } from './platform/testing/access-matrix.js';

/**
 * The visitors of the authorisation matrix (`access-matrix.ts`) and the shorthand rows modules use in
 * their own part of it. Kept apart from the matrix so that a module's rows can import them.
 */

/** Two organisations the matrix test creates: `member` owns A, `member_of_other_organisation` owns B. */
export const ORGANISATION_A = '00000000-0000-4000-8000-00000000000a';
export const ORGANISATION_B = '00000000-0000-4000-8000-00000000000b';
/** A published, open call the matrix test creates; `instructor` and `reviewer` hold their role for it. */
export const CALL_1 = '00000000-0000-4000-8000-0000000000c1';
/** A dossier of organisation A on CALL_1, submitted (status déposé), created by the matrix test. */
export const DOSSIER_A = '00000000-0000-4000-8000-0000000000d1';

/** The visitors tried on every route: anonymous, a user without role, each role, a member of another organisation. */
export const PERSONAS = {
  anonymous: null,
  user: [],
  member: [{ role: 'member', scope: { type: 'organisation', id: ORGANISATION_A } }],
  member_of_other_organisation: [{ role: 'member', scope: { type: 'organisation', id: ORGANISATION_B } }],
  instructor: [{ role: 'instructor', scope: { type: 'call', id: CALL_1 } }],
  reviewer: [{ role: 'reviewer', scope: { type: 'call', id: CALL_1 } }],
  public_hacker: [{ role: 'public_hacker', scope: { type: 'region', id: '84' } }],
  funder: [{ role: 'funder', scope: { type: 'partner', id: 'partenaire-1' } }],
  territory_coordinator: [
    { role: 'territory_coordinator', scope: { type: 'territory', id: 'territoire-1' } },
  ],
  administrator: [{ role: 'administrator', scope: null }],
} as const satisfies Record<string, readonly RoleGrant[] | null>;

export type Persona = keyof typeof PERSONAS;

const ALL = Object.keys(PERSONAS) as Persona[];
export const EVERYONE = { allow: ALL };
export const SIGNED_IN = { allow: ALL.filter((p) => p !== 'anonymous') };
export const ADMINISTRATORS = { allow: ['administrator'] as Persona[] };

/** Members of the organisation in the path (`:id` = ORGANISATION_A) and administrators. */
export const MEMBERS_OF_A: MatrixRow<Persona> = {
  allow: ['member', 'administrator'],
  params: { id: ORGANISATION_A },
};

/** Applicant routes of DOSSIER_A (`/dossiers/:id/…`): members of organisation A only. */
export const APPLICANTS_OF_DOSSIER_A: MatrixRow<Persona> = { allow: ['member'], params: { id: DOSSIER_A } };

/** Staff routes of DOSSIER_A (`/instruction/dossiers/:id/…`): instructeurs of CALL_1 and administrators. */
export const STAFF_OF_DOSSIER_A: MatrixRow<Persona> = {
  allow: ['instructor', 'administrator'],
  params: { id: DOSSIER_A },
};

/** Staff routes of CALL_1 (`/instruction/appels/:callId/…`). */
export const STAFF_OF_CALL_1: MatrixRow<Persona> = {
  allow: ['instructor', 'administrator'],
  params: { callId: CALL_1 },
};

/** Files and receipts of DOSSIER_A: members of A, instructeurs of CALL_1, administrators. */
export const READERS_OF_DOSSIER_A: MatrixRow<Persona> = {
  allow: ['member', 'instructor', 'administrator'],
  params: { id: DOSSIER_A },
};
