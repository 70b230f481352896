import { recordAudit } from '../../platform/audit/index.js';
import type { Db } from '../../platform/db/index.js';
import { findOrganisationHead, memberRole, type OrganisationHead } from './organisations.members.queries.js';
import { type MembersActor, type MembersContext, MembersRefusal } from './organisations.members.service.js';
import {
  type CharterVersion,
  currentCharter,
  currentMembership,
  endMembership,
  insertMembership,
  listCharterVersions,
  lockOrganisation,
  type MovementMembershipRow,
  setMovementJoinedAt,
} from './organisations.movement.queries.js';
import type { MemberRole } from './organisations.tables.js';

export interface MovementPageData {
  organisation: OrganisationHead;
  membership: MovementMembershipRow | undefined;
  charter: CharterVersion | undefined;
  viewerRole: MemberRole | null;
  /** Owners and administrators make the organisation join or leave. */
  canManage: boolean;
}

/** The French Impact charter (versioned) and the organisations' membership of the movement (the banner). */
export function createMovementService(db: Db) {
  async function organisationOr404(id: string): Promise<OrganisationHead> {
    const organisation = await findOrganisationHead(db, id);
    if (!organisation) throw new MembersRefusal('organisationNotFound', 404);
    return organisation;
  }

  async function requireManager(organisationId: string, actor: MembersActor): Promise<void> {
    const role = await memberRole(db, organisationId, actor.id);
    if (role !== 'owner' && !actor.administrator) throw new MembersRefusal('ownersOnly', 403);
  }

  return {
    /** Every version, the current first. */
    charters(): Promise<CharterVersion[]> {
      return listCharterVersions(db);
    },

    async movementPage(organisationId: string, actor: MembersActor): Promise<MovementPageData> {
      const organisation = await organisationOr404(organisationId);
      const viewerRole = await memberRole(db, organisationId, actor.id);
      return {
        organisation,
        membership: await currentMembership(db, organisationId),
        charter: await currentCharter(db),
        viewerRole,
        canManage: viewerRole === 'owner' || actor.administrator,
      };
    },

    /**
     * The organisation accepts the charter version it was shown (owners, administrators): refused when a
     * newer version was published meanwhile (`staleCharter`), when it is closed or already a member.
     */
    async join(
      organisationId: string,
      version: number,
      actor: MembersActor,
      ctx: MembersContext,
    ): Promise<void> {
      await organisationOr404(organisationId);
      await requireManager(organisationId, actor);
      await db.transaction().execute(async (trx) => {
        const organisation = await lockOrganisation(trx, organisationId);
        if (!organisation) throw new MembersRefusal('organisationNotFound', 404);
        if (organisation.closed_at) throw new MembersRefusal('closed', 409);
        const charter = await currentCharter(trx);
        if (!charter) throw new MembersRefusal('noCharter', 409);
        if (charter.version !== version) throw new MembersRefusal('staleCharter', 409);
        if (await currentMembership(trx, organisationId)) throw new MembersRefusal('alreadyInMovement', 409);
        const id = await insertMembership(trx, { organisationId, version, acceptedBy: actor.id });
        await setMovementJoinedAt(trx, organisationId, true);
        await recordAudit(trx, {
          action: 'organisations.movement.join',
          objectType: 'organisation',
          objectId: organisationId,
          actorId: actor.id,
          actorLabel: actor.email,
          ip: ctx.ip,
          requestId: ctx.requestId,
          summary: { membershipId: id, charterVersion: version },
        });
      });
    },

    /** The organisation leaves the movement (owners, administrators): the banner goes. */
    async leave(organisationId: string, actor: MembersActor, ctx: MembersContext): Promise<void> {
      await organisationOr404(organisationId);
      await requireManager(organisationId, actor);
      await db.transaction().execute(async (trx) => {
        if (!(await lockOrganisation(trx, organisationId)))
          throw new MembersRefusal('organisationNotFound', 404);
        const ended = await endMembership(trx, organisationId, actor.id);
        if (!ended) throw new MembersRefusal('notInMovement', 409);
        await setMovementJoinedAt(trx, organisationId, false);
        await recordAudit(trx, {
          action: 'organisations.movement.leave',
          objectType: 'organisation',
          objectId: organisationId,
          actorId: actor.id,
          actorLabel: actor.email,
          ip: ctx.ip,
          requestId: ctx.requestId,
          summary: { membershipId: ended.id, charterVersion: ended.charter_version },
        });
      });
    },
  };
}

export type MovementService = ReturnType<typeof createMovementService>;
