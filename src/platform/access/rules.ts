import type { FastifyRequest } from 'fastify';
import { isAdministrator, isSignedIn, type Principal } from './roles.js';

/**
 * The access rule every route declares (`config: { access }`): a name (what the authorisation matrix and the
 * logs show) and a pure check. `staff: true` marks a staff page: it also needs a session confirmed by a
 * second factor.
 */
export interface AccessRule {
  readonly name: string;
  readonly staff: boolean;
  allows(principal: Principal, request: FastifyRequest): boolean | Promise<boolean>;
}

export function rule(
  name: string,
  allows: AccessRule['allows'],
  options: { staff?: boolean } = {},
): AccessRule {
  return Object.freeze({ name, staff: options.staff ?? false, allows });
}

/** Anyone, signed in or not. */
export const publicAccess = rule('public', () => true);

/** Any signed-in user. */
export const signedIn = rule('signed_in', isSignedIn);

/** Administrators only (a staff page). */
export const administrator = rule('administrator', isAdministrator, { staff: true });
