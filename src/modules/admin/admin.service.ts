import type { Role, Scope } from '../../platform/access/index.js';
import { type AuditPage, searchAudit, verifyAuditChain } from '../../platform/audit/index.js';
import type { Db } from '../../platform/db/index.js';
import { findRegion } from '../../platform/geo/index.js';
import { Conflict } from '../../platform/http/errors.js';
import {
  countRoleAssignments,
  findAccountByEmail,
  grantRole,
  listRoleAssignments,
  type RoleActor,
  type RoleAssignmentView,
  revokeRole,
} from '../accounts/index.js';
import { findPartnerBySlug } from '../funding/index.js';
import type { GrantInput, JournalQuery } from './admin.schemas.js';

/** Who acts and from where, for the audit trail. */
export interface AdminContext {
  ip: string | null;
  requestId: string | null;
}

/** Why a grant was refused: the field at fault and the problem (the page words it). */
export type GrantRefusal =
  | { field: 'email'; problem: 'unknownAccount' }
  | { field: 'scope_id'; problem: 'unknownRegion' | 'unknownPartner' }
  | { field: 'role'; problem: 'alreadyHeld' };

export const ROLES_PER_PAGE = 50;
export const EVENTS_PER_PAGE = 50;

/** Offset of Europe/Paris from UTC at an instant, in milliseconds. */
function parisOffsetMs(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a day (`YYYY-MM-DD`, plus `days`) begins in Europe/Paris. */
export function parisDayStart(day: string, days = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d + days);
  // Twice: the offset at midnight Paris time may differ from the offset at midnight UTC (DST changes).
  let instant = utc - parisOffsetMs(new Date(utc));
  instant = utc - parisOffsetMs(new Date(instant));
  return new Date(instant);
}

/** The administration's verbs: roles of accounts (through accounts), audit trail search and check. */
export function createAdminService(db: Db) {
  /** Checks that the object exists where the platform knows it: régions (INSEE codes) and funding partners. */
  async function checkScope(scope: Scope | null): Promise<GrantRefusal | null> {
    if (scope?.type === 'region' && !(await findRegion(db, scope.id)))
      return { field: 'scope_id', problem: 'unknownRegion' };
    if (scope?.type === 'partner' && !(await findPartnerBySlug(db, scope.id)))
      return { field: 'scope_id', problem: 'unknownPartner' };
    return null;
  }

  return {
    async listRoles(filter: { email?: string | undefined; role?: Role | undefined; page: number }): Promise<{
      rows: RoleAssignmentView[];
      total: number;
      pages: number;
      page: number;
    }> {
      const where = {
        ...(filter.email ? { email: filter.email } : {}),
        ...(filter.role ? { role: filter.role } : {}),
      };
      const total = await countRoleAssignments(db, where);
      const pages = Math.max(1, Math.ceil(total / ROLES_PER_PAGE));
      const page = Math.min(filter.page, pages);
      const rows = await listRoleAssignments(db, {
        ...where,
        limit: ROLES_PER_PAGE,
        offset: (page - 1) * ROLES_PER_PAGE,
      });
      return { rows, total, pages, page };
    },

    /** Grants a role to the account with this address (audited `roles.grant`), or says why not. */
    async grant(input: GrantInput, actor: RoleActor, ctx: AdminContext): Promise<GrantRefusal | null> {
      const account = await findAccountByEmail(db, input.email);
      if (!account) return { field: 'email', problem: 'unknownAccount' };
      const refusal = await checkScope(input.scope);
      if (refusal) return refusal;
      try {
        await grantRole(db, { userId: account.id, role: input.role, scope: input.scope }, actor, ctx);
      } catch (error) {
        if (error instanceof Conflict) return { field: 'role', problem: 'alreadyHeld' };
        throw error;
      }
      return null;
    },

    /**
     * Removes a role assignment (audited `roles.revoke`); never the last administrator's (Conflict). NotFound
     * when it is gone already. Returns whether it was the actor's own administrator role.
     */
    async revoke(
      assignmentId: string,
      actor: RoleActor,
      ctx: AdminContext,
    ): Promise<{ ownAdministrator: boolean }> {
      const [own] = actor.id
        ? await listRoleAssignments(db, { userId: actor.id, role: 'administrator' })
        : [];
      await revokeRole(db, assignmentId, actor, ctx, { keepLastAdministrator: true });
      return { ownAdministrator: own?.id === assignmentId };
    },

    /** One page of the audit trail, newest first. The actor is the label recorded then (an address is normalised). */
    searchJournal(query: JournalQuery): Promise<AuditPage> {
      const actor = query.auteur?.includes('@') ? query.auteur.normalize('NFC').toLowerCase() : query.auteur;
      return searchAudit(db, {
        limit: EVENTS_PER_PAGE,
        // A family of codes (`auth.`) or one code (`roles.grant`): actions starting with it.
        ...(query.action ? { actionPrefix: query.action } : {}),
        ...(actor ? { actorLabel: actor } : {}),
        ...(query.type ? { objectType: query.type } : {}),
        ...(query.objet ? { objectId: query.objet } : {}),
        ...(query.du ? { from: parisDayStart(query.du) } : {}),
        ...(query.au ? { to: parisDayStart(query.au, 1) } : {}),
        ...(query.avant ? { before: query.avant } : {}),
      });
    },

    verifyJournal() {
      return verifyAuditChain(db);
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
