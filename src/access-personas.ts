import type { RoleGrant } from './platform/access/index.js';
import type { MatrixRow } from './platform/testing/access-matrix.js';

/**
 * The visitors of the authorisation matrix (`access-matrix.ts`) and the shorthand rows modules use in
 * their own part of it. Kept apart from the matrix so that a module's rows can import them.
 */

/** Two organisations the matrix test creates: `member` owns A, `member_of_other_organisation` owns B. */
export const ORGANISATION_A = '00000000-0000-4000-8000-00000000000a';
export const ORGANISATION_B = '00000000-0000-4000-8000-00000000000b';

/** The visitors tried on every route: anonymous, a user without role, each role, a member of another organisation. */
export const PERSONAS = {
  anonymous: null,
  user: [],
  member: [{ role: 'member', scope: { type: 'organisation', id: ORGANISATION_A } }],
  member_of_other_organisation: [{ role: 'member', scope: { type: 'organisation', id: ORGANISATION_B } }],
  instructor: [{ role: 'instructor', scope: { type: 'call', id: 'appel-1' } }],
  reviewer: [{ role: 'reviewer', scope: { type: 'call', id: 'appel-1' } }],
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
