import type { FastifyRequest } from 'fastify';
import { hasRole, isAdministrator, type Principal, rule } from '../../platform/access/index.js';

/** A member (owner or editor) of this organisation: the role `member` scoped to it, no query needed. */
export function isMemberOf(principal: Principal, organisationId: string): boolean {
  return hasRole(principal, 'member', { type: 'organisation', id: organisationId });
}

/** Who edits an organisation's profile and logo: its members and administrators. */
export function canEditOrganisation(principal: Principal, organisationId: string): boolean {
  return isMemberOf(principal, organisationId) || isAdministrator(principal);
}

/** Who sees its members list and its private fields (contact details it did not publish). */
export function canSeePrivate(principal: Principal, organisationId: string): boolean {
  return canEditOrganisation(principal, organisationId);
}

function organisationIdOf(request: FastifyRequest): string | null {
  const id = (request.params as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : null;
}

/**
 * The rule of the edit routes (`/organisations/:id/…`): a member of the organisation in the path, or an
 * administrator. An administrator reaching an unknown id gets the 404 of the handler.
 */
export const organisationEditor = rule('organisation_member_or_administrator', (principal, request) => {
  const id = organisationIdOf(request);
  return id !== null && canEditOrganisation(principal, id);
});
