import { createHash, randomBytes } from 'node:crypto';
import { recordAudit } from '../../platform/audit/index.js';
import type { Db, DbOrTx } from '../../platform/db/index.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import { hitOrThrow } from '../../platform/ratelimit/index.js';
import type { MembersMessages } from './organisations.members.fr.js';
import { claimDecisionMail, claimReceivedMail, invitationMail } from './organisations.members.mails.js';
import {
  type ClaimRow,
  closeExpiredInvitations,
  countMembers,
  decideClaim,
  deleteMember,
  findClaim,
  findInvitationByHash,
  findOrganisationHead,
  findPendingClaimOf,
  type InvitationRow,
  insertClaim,
  insertInvitation,
  insertMember,
  listMembers,
  listOpenInvitations,
  listOrganisationsOf,
  listPendingClaims,
  lockOwners,
  type MemberRow,
  memberRole,
  type OrganisationHead,
  type OwnOrganisationRow,
  revokeInvitation,
  sessionOrganisation,
  setMemberRole,
  setSessionOrganisation,
  takeInvitation,
} from './organisations.members.queries.js';
import type { InviteInput } from './organisations.members.schemas.js';
import type { MemberRole } from './organisations.tables.js';

/** An invitation link is valid for 7 days. */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

/** Invitations sent per person and per invited address, per hour (as the accounts e-mails are limited). */
export const INVITATION_LIMITS = {
  byInviter: { bucket: 'organisations.invite.user', limit: 20, windowSeconds: 3600 },
  byAddress: { bucket: 'organisations.invite.address', limit: 3, windowSeconds: 3600 },
} as const;

/** Who acts: the signed-in person (the audit trail names them by address). */
export interface MembersActor {
  id: string;
  email: string;
  name: string;
  /** An administrator (session confirmed by a second factor) may do what owners do. */
  administrator: boolean;
}

export interface MembersContext {
  ip: string | null;
  requestId: string | null;
  locale: Locale;
}

export type MembersProblem = Exclude<keyof MembersMessages['errors'], 'title'>;

/**
 * A refusal of the rules, with the status to answer and, for a form, the field at fault. The routes word it
 * from the catalogue of the page's language.
 */
export class MembersRefusal extends Error {
  constructor(
    readonly problem: MembersProblem,
    readonly status: number,
    readonly field?: string,
  ) {
    super(problem);
    this.name = 'MembersRefusal';
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type InvitationState = 'open' | 'expired' | 'used' | 'revoked';

function invitationState(invitation: InvitationRow, now = new Date()): InvitationState {
  if (invitation.accepted_at) return 'used';
  if (invitation.revoked_at) return 'revoked';
  if (invitation.expires_at.getTime() <= now.getTime()) return 'expired';
  return 'open';
}

export interface MembersPageData {
  organisation: OrganisationHead;
  members: MemberRow[];
  invitations: InvitationRow[];
  claims: ClaimRow[];
  /** The viewer's role in the organisation (null: an administrator who is not a member). */
  viewerRole: MemberRole | null;
  /** Owners and administrators manage members, invitations and claims. */
  canManage: boolean;
}

/** The organisation a session works as: its id, name and the person's role there. */
export interface CurrentOrganisation {
  id: string;
  name: string;
  role: MemberRole;
}

/**
 * The organisation the session works as (`sessions.organisation_id`) when the person still belongs to it;
 * otherwise the first of their organisations (by name), or null when they belong to none. For later modules
 * (dossiers, impact reports) that act on behalf of an organisation.
 */
export async function currentOrganisationOf(
  db: DbOrTx,
  who: { sessionId: string | null; userId: string },
): Promise<CurrentOrganisation | null> {
  const organisations = await listOrganisationsOf(db, who.userId);
  if (organisations.length === 0) return null;
  const chosen = who.sessionId ? await sessionOrganisation(db, who.sessionId) : null;
  const current = organisations.find((o) => o.id === chosen) ?? organisations[0];
  return current ? { id: current.id, name: current.name, role: current.role } : null;
}

/** Members, invitations, claims and the session's current organisation. */
export function createMembersService(deps: { db: Db; mailer: Mailer; baseUrl: string }) {
  const { db, mailer, baseUrl } = deps;

  async function organisationOr404(id: string): Promise<OrganisationHead> {
    const organisation = await findOrganisationHead(db, id);
    if (!organisation) throw new MembersRefusal('organisationNotFound', 404);
    return organisation;
  }

  /** Owners and administrators manage; anyone else gets 403. */
  async function requireManager(organisationId: string, actor: MembersActor): Promise<MemberRole | null> {
    const role = await memberRole(db, organisationId, actor.id);
    if (role !== 'owner' && !actor.administrator) throw new MembersRefusal('ownersOnly', 403);
    return role;
  }

  function audit(
    trx: DbOrTx,
    action: string,
    organisationId: string,
    actor: MembersActor | null,
    ctx: MembersContext,
    summary: Record<string, string | number | boolean | null>,
  ) {
    return recordAudit(trx, {
      action,
      objectType: 'organisation',
      objectId: organisationId,
      actorId: actor?.id ?? null,
      actorLabel: actor?.email ?? null,
      ip: ctx.ip,
      requestId: ctx.requestId,
      summary,
    });
  }

  /**
   * Changes one member (new role, or removed) under the lock of the owner rows, so that two concurrent
   * changes can never leave the organisation without an owner.
   */
  async function changeMember(
    organisationId: string,
    userId: string,
    change: { role: MemberRole } | 'remove',
    actor: MembersActor,
    ctx: MembersContext,
    action: string,
  ): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const owners = await lockOwners(trx, organisationId);
      // Checked again under the lock: a concurrent change may have demoted or removed the actor.
      if (action !== 'organisations.member.leave' && !actor.administrator && !owners.includes(actor.id))
        throw new MembersRefusal('ownersOnly', 403);
      const current = await memberRole(trx, organisationId, userId);
      if (!current)
        throw new MembersRefusal(
          userId === actor.id ? 'youAreNotMember' : 'notMember',
          userId === actor.id ? 409 : 404,
        );
      const losesOwner = current === 'owner' && (change === 'remove' || change.role !== 'owner');
      if (losesOwner && owners.length <= 1) throw new MembersRefusal('lastOwner', 409);
      if (change === 'remove') await deleteMember(trx, organisationId, userId);
      else if (change.role === current) return;
      else await setMemberRole(trx, organisationId, userId, change.role);
      await audit(trx, action, organisationId, actor, ctx, {
        userId,
        before: current,
        after: change === 'remove' ? null : change.role,
      });
    });
  }

  return {
    /** The person's role in the organisation, or null. */
    roleOf(organisationId: string, userId: string): Promise<MemberRole | null> {
      return memberRole(db, organisationId, userId);
    },

    /** The members page: 404 for an unknown organisation. Access (member or administrator) is the route's. */
    async membersPage(organisationId: string, actor: MembersActor): Promise<MembersPageData> {
      const organisation = await organisationOr404(organisationId);
      const viewerRole = await memberRole(db, organisationId, actor.id);
      const canManage = viewerRole === 'owner' || actor.administrator;
      return {
        organisation,
        members: await listMembers(db, organisationId),
        invitations: await listOpenInvitations(db, organisationId),
        claims: await listPendingClaims(db, organisationId),
        viewerRole,
        canManage,
      };
    },

    /** Sends an invitation (owners, administrators): one open invitation per address. */
    async invite(
      organisationId: string,
      input: InviteInput,
      actor: MembersActor,
      ctx: MembersContext,
    ): Promise<void> {
      const organisation = await organisationOr404(organisationId);
      await requireManager(organisationId, actor);
      await hitOrThrow(db, { ...INVITATION_LIMITS.byInviter, key: actor.id });
      await hitOrThrow(db, { ...INVITATION_LIMITS.byAddress, key: `${organisationId}:${input.email}` });
      const token = randomBytes(32).toString('base64url');
      await db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('organisation_members as m')
          .innerJoin('users as u', 'u.id', 'm.user_id')
          .select('m.user_id')
          .where('m.organisation_id', '=', organisationId)
          .where('u.email', '=', input.email)
          .executeTakeFirst();
        if (existing) throw new MembersRefusal('alreadyMember', 409, 'email');
        await closeExpiredInvitations(trx, organisationId, input.email);
        const id = await insertInvitation(trx, {
          organisationId,
          email: input.email,
          role: input.role,
          tokenHash: hashToken(token),
          invitedBy: actor.id,
          ttlMs: INVITATION_TTL_MS,
        });
        if (!id) throw new MembersRefusal('alreadyInvited', 409, 'email');
        await mailer.send({
          db: trx,
          to: input.email,
          locale: ctx.locale,
          template: invitationMail,
          data: {
            organisation: organisation.name,
            inviter: actor.name,
            role: input.role,
            url: `${baseUrl}/invitations/${token}`,
          },
        });
        await audit(trx, 'organisations.member.invite', organisationId, actor, ctx, {
          invitationId: id,
          email: input.email,
          role: input.role,
        });
      });
    },

    async revokeInvitation(
      organisationId: string,
      invitationId: string,
      actor: MembersActor,
      ctx: MembersContext,
    ): Promise<void> {
      await organisationOr404(organisationId);
      await requireManager(organisationId, actor);
      await db.transaction().execute(async (trx) => {
        const revoked = await revokeInvitation(trx, organisationId, invitationId);
        if (!revoked) throw new MembersRefusal('invitationGone', 404);
        await audit(trx, 'organisations.member.invite_revoke', organisationId, actor, ctx, {
          invitationId,
          email: revoked.email,
        });
      });
    },

    async changeRole(
      organisationId: string,
      userId: string,
      role: MemberRole,
      actor: MembersActor,
      ctx: MembersContext,
    ): Promise<void> {
      await organisationOr404(organisationId);
      await requireManager(organisationId, actor);
      await changeMember(organisationId, userId, { role }, actor, ctx, 'organisations.member.role');
    },

    async removeMember(
      organisationId: string,
      userId: string,
      actor: MembersActor,
      ctx: MembersContext,
    ): Promise<void> {
      await organisationOr404(organisationId);
      await requireManager(organisationId, actor);
      await changeMember(organisationId, userId, 'remove', actor, ctx, 'organisations.member.remove');
    },

    /** The actor leaves the organisation (never its last owner). */
    async leave(organisationId: string, actor: MembersActor, ctx: MembersContext): Promise<void> {
      await organisationOr404(organisationId);
      await changeMember(organisationId, actor.id, 'remove', actor, ctx, 'organisations.member.leave');
    },

    // --- Invitations, from the link ----------------------------------------------------------------

    /** The invitation of a link, with its organisation and state; null when the token matches nothing. */
    async invitationByToken(
      token: string,
    ): Promise<{ invitation: InvitationRow; organisation: OrganisationHead; state: InvitationState } | null> {
      const invitation = await findInvitationByHash(db, hashToken(token));
      if (!invitation) return null;
      const organisation = await findOrganisationHead(db, invitation.organisation_id);
      if (!organisation) return null;
      return { invitation, organisation, state: invitationState(invitation) };
    },

    /**
     * Accepts an invitation for the signed-in actor (whatever their address): they become a member with the
     * invited role (an editor invited as owner is promoted; nobody is demoted). Returns the organisation id.
     */
    async acceptInvitation(token: string, actor: MembersActor, ctx: MembersContext): Promise<string> {
      return db.transaction().execute(async (trx) => {
        const invitation = await findInvitationByHash(trx, hashToken(token));
        if (!invitation) throw new MembersRefusal('invitationGone', 404);
        const state = invitationState(invitation);
        if (state !== 'open') throw new MembersRefusal('invitationGone', 410);
        if (!(await takeInvitation(trx, invitation.id, actor.id)))
          throw new MembersRefusal('invitationGone', 410);
        const organisationId = invitation.organisation_id;
        await lockOwners(trx, organisationId);
        const before = await memberRole(trx, organisationId, actor.id);
        if (!before) await insertMember(trx, { organisationId, userId: actor.id, role: invitation.role });
        else if (before === 'editor' && invitation.role === 'owner')
          await setMemberRole(trx, organisationId, actor.id, 'owner');
        await audit(trx, 'organisations.member.join', organisationId, actor, ctx, {
          via: 'invitation',
          invitationId: invitation.id,
          invitedEmail: invitation.email,
          before,
          after: before === 'owner' ? 'owner' : invitation.role,
        });
        return organisationId;
      });
    },

    // --- Claims ------------------------------------------------------------------------------------

    async claimPage(
      organisationId: string,
      userId: string,
    ): Promise<{ organisation: OrganisationHead; pending: ClaimRow | undefined; member: boolean }> {
      const organisation = await organisationOr404(organisationId);
      return {
        organisation,
        pending: await findPendingClaimOf(db, organisationId, userId),
        member: (await memberRole(db, organisationId, userId)) !== null,
      };
    },

    async requestClaim(
      organisationId: string,
      message: string,
      actor: MembersActor,
      ctx: MembersContext,
    ): Promise<void> {
      const organisation = await organisationOr404(organisationId);
      await db.transaction().execute(async (trx) => {
        if (await memberRole(trx, organisationId, actor.id)) throw new MembersRefusal('claimMember', 409);
        const id = await insertClaim(trx, { organisationId, userId: actor.id, message });
        if (!id) throw new MembersRefusal('claimPending', 409, 'message');
        // The owners hear of it; an organisation without owners is decided by the administrators' page.
        for (const owner of (await listMembers(trx, organisationId)).filter((m) => m.role === 'owner'))
          await mailer.send({
            db: trx,
            to: owner.email,
            locale: ctx.locale,
            template: claimReceivedMail,
            data: {
              organisation: organisation.name,
              person: actor.name,
              url: `${baseUrl}/organisations/${organisationId}/membres`,
            },
          });
        await audit(trx, 'organisations.claim.request', organisationId, actor, ctx, { claimId: id });
      });
    },

    /**
     * Approves or rejects a pending claim (owners of the organisation, administrators). Approval makes the
     * claimant an owner when the organisation has no member, an editor otherwise. The claimant is mailed.
     */
    async decideClaim(
      organisationId: string,
      claimId: string,
      decision: { approve: boolean; note: string | null },
      actor: MembersActor,
      ctx: MembersContext,
    ): Promise<void> {
      const organisation = await organisationOr404(organisationId);
      await requireManager(organisationId, actor);
      await db.transaction().execute(async (trx) => {
        await lockOwners(trx, organisationId);
        const claim = await findClaim(trx, organisationId, claimId);
        if (!claim) throw new MembersRefusal('claimGone', 404);
        if (
          !(await decideClaim(trx, claimId, {
            status: decision.approve ? 'approved' : 'rejected',
            decidedBy: actor.id,
            note: decision.note,
          }))
        )
          throw new MembersRefusal('claimGone', 409);
        let role: MemberRole | null = null;
        if (decision.approve) {
          role = (await memberRole(trx, organisationId, claim.user_id)) ?? null;
          if (!role) {
            role = (await countMembers(trx, organisationId)) === 0 ? 'owner' : 'editor';
            await insertMember(trx, { organisationId, userId: claim.user_id, role });
          }
        }
        await mailer.send({
          db: trx,
          to: claim.email,
          locale: ctx.locale,
          template: claimDecisionMail,
          data: {
            organisation: organisation.name,
            approved: decision.approve,
            role,
            note: decision.note,
            url: decision.approve ? `${baseUrl}/organisations/${organisationId}/membres` : `${baseUrl}/`,
          },
        });
        await audit(
          trx,
          decision.approve ? 'organisations.claim.approve' : 'organisations.claim.reject',
          organisationId,
          actor,
          ctx,
          { claimId, userId: claim.user_id, role, note: decision.note !== null },
        );
      });
    },

    /** The claimant withdraws their own pending claim. */
    async withdrawClaim(
      organisationId: string,
      claimId: string,
      actor: MembersActor,
      ctx: MembersContext,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const claim = await findClaim(trx, organisationId, claimId);
        if (!claim || claim.user_id !== actor.id) throw new MembersRefusal('claimGone', 404);
        if (!(await decideClaim(trx, claimId, { status: 'withdrawn', decidedBy: actor.id, note: null })))
          throw new MembersRefusal('claimGone', 409);
        await audit(trx, 'organisations.claim.withdraw', organisationId, actor, ctx, { claimId });
      });
    },

    /** Pending claims of every organisation (administrators' page). */
    allPendingClaims(): Promise<ClaimRow[]> {
      return listPendingClaims(db);
    },

    // --- The person's organisations, and the one the session works as ----------------------------

    async organisationsOf(
      userId: string,
      sessionId: string | null,
    ): Promise<{ organisations: OwnOrganisationRow[]; currentId: string | null }> {
      const organisations = await listOrganisationsOf(db, userId);
      const current = await currentOrganisationOf(db, { sessionId, userId });
      return { organisations, currentId: current?.id ?? null };
    },

    /** Sets the organisation the session works as: only one the person belongs to (else 403). */
    async switchOrganisation(
      sessionId: string,
      organisationId: string,
      actor: MembersActor,
      ctx: MembersContext,
    ): Promise<{ name: string }> {
      return db.transaction().execute(async (trx) => {
        const role = await memberRole(trx, organisationId, actor.id);
        const organisation = role ? await findOrganisationHead(trx, organisationId) : undefined;
        if (!role || !organisation) throw new MembersRefusal('notYourOrganisation', 403, 'organisation_id');
        await setSessionOrganisation(trx, sessionId, organisationId);
        await audit(trx, 'organisations.session.switch', organisationId, actor, ctx, { role });
        return { name: organisation.name };
      });
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
