/**
 * The roles of PRODUCT.md. `administrateur` is global; every other role is held for one object (a call, an
 * administration or a région, a funding partner, a territory, an organisation), named by its type and id.
 * The objects belong to their modules; this file only knows their names.
 */
export const ROLES = [
  'administrator',
  'instructor',
  'reviewer',
  'public_hacker',
  'funder',
  'territory_coordinator',
  'member',
] as const;
export type Role = (typeof ROLES)[number];

export const SCOPE_TYPES = [
  'call',
  'administration',
  'region',
  'partner',
  'territory',
  'organisation',
] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

/** The kinds of object each role is held for; null: a global role. */
export const ROLE_SCOPES: Readonly<Record<Role, readonly ScopeType[] | null>> = {
  administrator: null,
  instructor: ['call'],
  reviewer: ['call'],
  public_hacker: ['administration', 'region'],
  funder: ['partner'],
  territory_coordinator: ['territory'],
  member: ['organisation'],
};

/** Roles that see staff pages: they must use a second factor, and their sessions end after 30 idle minutes. */
export const STAFF_ROLES: ReadonlySet<Role> = new Set<Role>([
  'administrator',
  'instructor',
  'reviewer',
  'public_hacker',
  'funder',
]);

export interface Scope {
  type: ScopeType;
  id: string;
}

/** One role held by a user: global (`scope` null) or for one object. */
export interface RoleGrant {
  role: Role;
  scope: Scope | null;
}

/** Who is asking: what every permission function receives. */
export interface Principal {
  /** null: an anonymous visitor. */
  userId: string | null;
  roles: readonly RoleGrant[];
  /** The session was confirmed by a second factor (TOTP or recovery code). */
  secondFactor: boolean;
}

export const ANONYMOUS: Principal = Object.freeze({
  userId: null,
  roles: Object.freeze([]),
  secondFactor: false,
});

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isScopeType(value: unknown): value is ScopeType {
  return typeof value === 'string' && (SCOPE_TYPES as readonly string[]).includes(value);
}

/** Whether `scope` suits `role`: none for a global role, one of its kinds of object otherwise. */
export function scopeFits(role: Role, scope: Scope | null): boolean {
  const kinds = ROLE_SCOPES[role];
  if (kinds === null) return scope === null;
  return scope !== null && kinds.includes(scope.type) && scope.id.length > 0;
}

export function isSignedIn(principal: Principal): boolean {
  return principal.userId !== null;
}

/** Holds `role` (for `scope` when given; for any object otherwise). */
export function hasRole(principal: Principal, role: Role, scope?: Scope): boolean {
  return principal.roles.some(
    (grant) =>
      grant.role === role &&
      (scope === undefined || (grant.scope?.type === scope.type && grant.scope.id === scope.id)),
  );
}

export function isAdministrator(principal: Principal): boolean {
  return hasRole(principal, 'administrator');
}

/** Holds at least one staff role. */
export function isStaff(principal: Pick<Principal, 'roles'>): boolean {
  return principal.roles.some((grant) => STAFF_ROLES.has(grant.role));
}
