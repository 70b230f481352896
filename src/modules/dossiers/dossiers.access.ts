import type { FastifyRequest } from 'fastify';
import {
  type AccessRule,
  hasRole,
  isAdministrator,
  type Principal,
  rule,
} from '../../platform/access/index.js';
import type { DbOrTx } from '../../platform/db/index.js';
import { type FoundDossier, findDossier } from './dossiers.queries.js';
import type { DossierStatus } from './dossiers.tables.js';

/**
 * Who may see and change a dossier (PRODUCT.md: an organisation's members see its own dossiers, never
 * another's). Applicants: members of the dossier's organisation or of a partner organisation. Staff: the
 * instructeurs of the dossier's call and administrators, with their second factor. Évaluateurs get nothing
 * here (their assignment comes with the jury).
 */

/** What access decisions need to know of a dossier. */
export interface DossierAccessFacts {
  id: string;
  callId: string;
  organisationId: string;
  partnerIds: readonly string[];
  status: DossierStatus;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function isApplicantOf(principal: Principal, facts: DossierAccessFacts): boolean {
  return applicantOrganisationOf(principal, facts) !== null;
}

/**
 * The organisation an applicant acts for on this dossier: its own organisation when they are a member of it,
 * else the first partner they are a member of (null: not an applicant).
 */
export function applicantOrganisationOf(principal: Principal, facts: DossierAccessFacts): string | null {
  return (
    [facts.organisationId, ...facts.partnerIds].find((id) =>
      hasRole(principal, 'member', { type: 'organisation', id }),
    ) ?? null
  );
}

/** Instructeur of this call, or administrator (the second factor is checked by the staff rules). */
export function isCallStaff(principal: Principal, callId: string): boolean {
  return isAdministrator(principal) || hasRole(principal, 'instructor', { type: 'call', id: callId });
}

export function canReadAsApplicant(principal: Principal, facts: DossierAccessFacts): boolean {
  return isApplicantOf(principal, facts);
}

export function canReadAsStaff(principal: Principal, facts: DossierAccessFacts): boolean {
  return principal.secondFactor && isCallStaff(principal, facts.callId) && facts.status !== 'brouillon';
}

/** Loads the access facts of a dossier (null when unknown). */
export async function loadDossierAccessFacts(db: DbOrTx, id: string): Promise<DossierAccessFacts | null> {
  if (!isUuid(id)) return null;
  const row = await findDossier(db, id);
  return row ? factsOf(row) : null;
}

function factsOf(row: FoundDossier): DossierAccessFacts {
  return {
    id: row.id,
    callId: row.call_id,
    organisationId: row.organisation_id,
    partnerIds: row.partner_ids,
    status: row.status,
  };
}

const cache = new WeakMap<FastifyRequest, Promise<FoundDossier | null>>();

/**
 * The dossier named by `:id` in the path, read once per request (by its access rule): its whole row, which
 * the route's handler uses instead of reading it again.
 */
export function dossierRowOfRequest(db: DbOrTx, request: FastifyRequest): Promise<FoundDossier | null> {
  let found = cache.get(request);
  if (!found) {
    const id = (request.params as { id?: unknown } | undefined)?.id;
    found = isUuid(id) ? findDossier(db, id).then((row) => row ?? null) : Promise.resolve(null);
    cache.set(request, found);
  }
  return found;
}

/** The facts of the dossier named by `:id` in the path, loaded once per request. */
export async function dossierOfRequest(
  db: DbOrTx,
  request: FastifyRequest,
): Promise<DossierAccessFacts | null> {
  const row = await dossierRowOfRequest(db, request);
  return row ? factsOf(row) : null;
}

function callIdOf(request: FastifyRequest): string | null {
  const id = (request.params as { callId?: unknown } | undefined)?.callId;
  return isUuid(id) ? id : null;
}

/**
 * The rules of dossier routes. An unknown dossier is let through to the handler (which answers 404) only
 * for signed-in visitors, so that a 404 never tells an anonymous visitor more than a 403 would.
 */
export function dossierRules(db: DbOrTx): {
  /** `/dossiers/:id/…` for applicants: members of the organisation or of a partner. */
  applicant: AccessRule;
  /** `/instruction/dossiers/:id/…`: instructeurs of the call and administrators (second factor). */
  staff: AccessRule;
  /** Files and receipts, read by either side. */
  reader: AccessRule;
  /** `/instruction/appels/:callId/…`: instructeurs of that call and administrators (second factor). */
  callStaff: AccessRule;
} {
  return {
    applicant: rule('dossier_applicant', async (principal, request) => {
      if (principal.userId === null) return false;
      const facts = await dossierOfRequest(db, request);
      return facts === null ? isAdministrator(principal) : canReadAsApplicant(principal, facts);
    }),
    staff: rule(
      'dossier_staff',
      async (principal, request) => {
        const facts = await dossierOfRequest(db, request);
        return facts === null
          ? isAdministrator(principal)
          : isCallStaff(principal, facts.callId) && facts.status !== 'brouillon';
      },
      { staff: true },
    ),
    reader: rule('dossier_reader', async (principal, request) => {
      if (principal.userId === null) return false;
      const facts = await dossierOfRequest(db, request);
      if (facts === null) return isAdministrator(principal);
      return canReadAsApplicant(principal, facts) || canReadAsStaff(principal, facts);
    }),
    callStaff: rule(
      'call_staff',
      (principal, request) => {
        const callId = callIdOf(request);
        return callId !== null && isCallStaff(principal, callId);
      },
      { staff: true },
    ),
  };
}
