import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import {
  administrator,
  hasRole,
  isAdministrator,
  type Principal,
  rule,
  safeReturnPath,
  signedIn,
} from '../../platform/access/index.js';
import type { Db } from '../../platform/db/index.js';
import {
  emptyForm,
  type FormState,
  parseForm,
  stateFromErrors,
  submittedValues,
} from '../../platform/http/forms.js';
import { localised } from '../../platform/i18n/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import { membersEn } from './organisations.members.en.js';
import { type MembersMessages, membersFr } from './organisations.members.fr.js';
import {
  claimForm,
  claimParams,
  decisionForm,
  invitationParams,
  invitationTokenParams,
  inviteForm,
  joinForm,
  leaveForm,
  memberParams,
  organisationParams,
  roleForm,
  switchForm,
} from './organisations.members.schemas.js';
import {
  createMembersService,
  type MembersActor,
  type MembersContext,
  MembersRefusal,
} from './organisations.members.service.js';
import { createMovementService } from './organisations.movement.service.js';
import { CharterPage } from './views/CharterPage.js';
import { ClaimPage, ClaimsAdminPage } from './views/ClaimPage.js';
import { InvitationGonePage, InvitationPage } from './views/InvitationPage.js';
import { MembersOrganisationsPage } from './views/MembersOrganisationsPage.js';
import { MembersPage } from './views/MembersPage.js';
import { MembersProblemPage } from './views/MembersShared.js';
import { MovementPage } from './views/MovementPage.js';

const words = localised({ fr: membersFr, en: membersEn });

export interface OrganisationMembersRoutesOptions {
  db: Db;
  mailer: Mailer;
  config: Config;
}

/** An administrator counts as one only with a session confirmed by a second factor. */
function administers(principal: Principal): boolean {
  return isAdministrator(principal) && principal.secondFactor;
}

/**
 * Members of the organisation in the path (`:id`) and administrators. Owner-only actions are checked by the
 * service (403 for an editor).
 */
export const organisationMember = rule('organisation.member', (principal, request) => {
  const id = (request.params as { id?: unknown } | undefined)?.id;
  if (administers(principal)) return true;
  return (
    typeof id === 'string' && hasRole(principal, 'member', { type: 'organisation', id: id.toLowerCase() })
  );
});

const MEMBER = { config: { access: organisationMember } };
const SIGNED_IN = { config: { access: signedIn } };
const PUBLIC = { config: { access: rule('public', () => true) } };
const ADMIN = { config: { access: administrator } };

function actorOf(request: FastifyRequest): MembersActor {
  const user = request.user;
  if (!user) throw new Error('members route reached without a user');
  return { id: user.id, email: user.email, name: user.name, administrator: administers(request.principal) };
}

function contextOf(request: FastifyRequest): MembersContext {
  return { ip: request.ip ?? null, requestId: request.id ?? null, locale: request.ctx.locale };
}

/** A `?fait=…` notice of the catalogue (own keys only). */
function noticeOf(w: MembersMessages, request: FastifyRequest): string | undefined {
  const key = (request.query as Record<string, unknown> | undefined)?.fait;
  return typeof key === 'string' && Object.hasOwn(w.members.notices, key)
    ? w.members.notices[key]
    : undefined;
}

/** Members, invitations, claims and the movement (charter, banner) of organisations. */
export async function organisationMembersRoutes(
  app: FastifyInstance,
  options: OrganisationMembersRoutesOptions,
): Promise<void> {
  const { db, mailer, config } = options;
  const baseUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
  const members = createMembersService({ db, mailer, baseUrl });
  const movement = createMovementService(db);

  /** The page of a refusal (403, 404, 409, 410…), with a way back. */
  function refuse(
    request: FastifyRequest,
    reply: FastifyReply,
    refusal: MembersRefusal,
    back?: { href: string; label: string },
  ) {
    const w = words(request.ctx.locale);
    return reply.page(
      w.errors.title,
      <MembersProblemPage
        ctx={request.ctx}
        w={w}
        title={w.errors.title}
        message={w.errors[refusal.problem]}
        back={back}
      />,
      { status: refusal.status },
    );
  }

  /** Runs `work`; a refusal of the rules becomes its page. */
  async function attempt(
    request: FastifyRequest,
    reply: FastifyReply,
    work: () => Promise<FastifyReply>,
    back?: { href: string; label: string },
  ): Promise<FastifyReply> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof MembersRefusal) return refuse(request, reply, error, back);
      throw error;
    }
  }

  function organisationIdOr404(request: FastifyRequest): string {
    const parsed = organisationParams.safeParse(request.params);
    if (!parsed.success) throw new MembersRefusal('organisationNotFound', 404);
    return parsed.data.id;
  }

  const backToMembers = (request: FastifyRequest, id: string, name?: string) => ({
    href: `/organisations/${id}/membres`,
    label: words(request.ctx.locale).back(name ?? ''),
  });

  // --- Members page ------------------------------------------------------------------------------

  async function membersPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { invite?: FormState; status?: number; problem?: string } = {},
  ) {
    const w = words(request.ctx.locale);
    const actor = actorOf(request);
    const data = await members.membersPage(id, actor);
    return reply.page(
      w.members.title(data.organisation.name),
      <MembersPage
        ctx={request.ctx}
        w={w}
        data={data}
        viewerId={actor.id}
        invite={extra.invite ?? emptyForm}
        notice={noticeOf(w, request)}
        problem={extra.problem}
      />,
      { status: extra.status ?? 200 },
    );
  }

  app.get('/organisations/:id/membres', MEMBER, (request, reply) =>
    attempt(request, reply, () => membersPage(request, reply, organisationIdOr404(request))),
  );

  app.post('/organisations/:id/invitations', MEMBER, (request, reply) =>
    attempt(request, reply, async () => {
      const id = organisationIdOr404(request);
      const w = words(request.ctx.locale);
      const parsed = parseForm(inviteForm(w), request.body);
      if (!parsed.ok) return membersPage(request, reply, id, { invite: parsed.state, status: 400 });
      try {
        await members.invite(id, parsed.data, actorOf(request), contextOf(request));
      } catch (error) {
        if (!(error instanceof MembersRefusal) || !error.field) throw error;
        const state = stateFromErrors(submittedValues(request.body), {
          [error.field]: w.errors[error.problem],
        });
        return membersPage(request, reply, id, { invite: state, status: error.status });
      }
      return reply.redirect(`/organisations/${id}/membres?fait=invited`, 303);
    }),
  );

  app.post('/organisations/:id/invitations/:invitationId/annulation', MEMBER, (request, reply) =>
    attempt(request, reply, async () => {
      const params = invitationParams.safeParse(request.params);
      if (!params.success) throw new MembersRefusal('invitationGone', 404);
      const { id, invitationId } = params.data;
      await members.revokeInvitation(id, invitationId, actorOf(request), contextOf(request));
      return reply.redirect(`/organisations/${id}/membres?fait=revoked`, 303);
    }),
  );

  app.post('/organisations/:id/membres/:userId/role', MEMBER, (request, reply) =>
    attempt(
      request,
      reply,
      async () => {
        const params = memberParams.safeParse(request.params);
        if (!params.success) throw new MembersRefusal('notMember', 404);
        const w = words(request.ctx.locale);
        const parsed = parseForm(roleForm(w), request.body);
        if (!parsed.ok)
          return membersPage(request, reply, params.data.id, { status: 400, problem: w.errors.roleInvalid });
        await members.changeRole(
          params.data.id,
          params.data.userId,
          parsed.data.role,
          actorOf(request),
          contextOf(request),
        );
        return reply.redirect(`/organisations/${params.data.id}/membres?fait=role`, 303);
      },
      backToMembers(request, String((request.params as { id?: unknown }).id ?? '')),
    ),
  );

  app.post('/organisations/:id/membres/:userId/retrait', MEMBER, (request, reply) =>
    attempt(
      request,
      reply,
      async () => {
        const params = memberParams.safeParse(request.params);
        if (!params.success) throw new MembersRefusal('notMember', 404);
        await members.removeMember(params.data.id, params.data.userId, actorOf(request), contextOf(request));
        return reply.redirect(
          params.data.userId === actorOf(request).id
            ? '/compte/organisations'
            : `/organisations/${params.data.id}/membres?fait=removed`,
          303,
        );
      },
      backToMembers(request, String((request.params as { id?: unknown }).id ?? '')),
    ),
  );

  app.post('/organisations/:id/membres/depart', MEMBER, (request, reply) =>
    attempt(request, reply, async () => {
      const id = organisationIdOr404(request);
      await members.leave(id, actorOf(request), contextOf(request));
      return reply.redirect('/compte/organisations', 303);
    }),
  );

  // --- Invitation links --------------------------------------------------------------------------

  app.get('/invitations/:token', PUBLIC, async (request, reply) => {
    const w = words(request.ctx.locale);
    const params = invitationTokenParams.safeParse(request.params);
    const found = params.success ? await members.invitationByToken(params.data.token) : null;
    reply.header('cache-control', 'no-store');
    if (!found || !params.success || found.state !== 'open') {
      const reason = found && found.state !== 'open' ? found.state : 'unknown';
      return reply.page(
        w.invitation.goneTitle,
        <InvitationGonePage ctx={request.ctx} w={w} reason={reason} />,
        {
          status: reason === 'unknown' ? 404 : 410,
        },
      );
    }
    const user = request.user;
    const viewer = user
      ? { email: user.email, member: (await members.roleOf(found.organisation.id, user.id)) !== null }
      : null;
    return reply.page(
      w.invitation.title(found.organisation.name),
      <InvitationPage
        ctx={request.ctx}
        w={w}
        token={params.data.token}
        invitation={found.invitation}
        organisation={found.organisation}
        viewer={viewer}
      />,
    );
  });

  app.post('/invitations/:token', SIGNED_IN, async (request, reply) => {
    const w = words(request.ctx.locale);
    const params = invitationTokenParams.safeParse(request.params);
    const gone = (reason: 'expired' | 'used' | 'revoked' | 'unknown') =>
      reply.page(w.invitation.goneTitle, <InvitationGonePage ctx={request.ctx} w={w} reason={reason} />, {
        status: reason === 'unknown' ? 404 : 410,
      });
    if (!params.success) return gone('unknown');
    try {
      const organisationId = await members.acceptInvitation(
        params.data.token,
        actorOf(request),
        contextOf(request),
      );
      return reply.redirect(`/organisations/${organisationId}/membres`, 303);
    } catch (error) {
      if (!(error instanceof MembersRefusal)) throw error;
      const found = await members.invitationByToken(params.data.token);
      return gone(found && found.state !== 'open' ? found.state : found ? 'used' : 'unknown');
    }
  });

  // --- Claims ------------------------------------------------------------------------------------

  async function claimPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { state?: FormState; status?: number; notice?: string } = {},
  ) {
    const w = words(request.ctx.locale);
    const data = await members.claimPage(id, actorOf(request).id);
    return reply.page(
      w.claims.title(data.organisation.name),
      <ClaimPage
        ctx={request.ctx}
        w={w}
        organisation={data.organisation}
        pending={data.pending}
        member={data.member}
        state={extra.state ?? emptyForm}
        notice={extra.notice}
      />,
      { status: extra.status ?? 200 },
    );
  }

  app.get('/organisations/:id/revendication', SIGNED_IN, (request, reply) =>
    attempt(request, reply, () => {
      const w = words(request.ctx.locale);
      const query = (request.query ?? {}) as Record<string, unknown>;
      const notice =
        query.envoyee !== undefined
          ? w.claims.sent
          : query.retiree !== undefined
            ? w.claims.withdrawn
            : undefined;
      return claimPage(request, reply, organisationIdOr404(request), notice ? { notice } : {});
    }),
  );

  app.post('/organisations/:id/revendication', SIGNED_IN, (request, reply) =>
    attempt(request, reply, async () => {
      const id = organisationIdOr404(request);
      const w = words(request.ctx.locale);
      const parsed = parseForm(claimForm(w), request.body);
      if (!parsed.ok) return claimPage(request, reply, id, { state: parsed.state, status: 400 });
      try {
        await members.requestClaim(id, parsed.data.message, actorOf(request), contextOf(request));
      } catch (error) {
        if (!(error instanceof MembersRefusal) || error.problem !== 'claimPending') throw error;
        return claimPage(request, reply, id, {
          status: 409,
          state: stateFromErrors(submittedValues(request.body), { message: w.errors.claimPending }),
        });
      }
      return reply.redirect(`/organisations/${id}/revendication?envoyee=1`, 303);
    }),
  );

  for (const [path, approve] of [
    ['acceptation', true],
    ['refus', false],
  ] as const)
    app.post(`/organisations/:id/revendications/:claimId/${path}`, MEMBER, (request, reply) =>
      attempt(request, reply, async () => {
        const params = claimParams.safeParse(request.params);
        if (!params.success) throw new MembersRefusal('claimGone', 404);
        const w = words(request.ctx.locale);
        const parsed = parseForm(decisionForm(w), request.body);
        if (!parsed.ok) throw new MembersRefusal('noteLong', 400);
        const { id, claimId } = params.data;
        await members.decideClaim(
          id,
          claimId,
          { approve, note: parsed.data.note },
          actorOf(request),
          contextOf(request),
        );
        const back = safeReturnPath(submittedValues(request.body).retour) ?? `/organisations/${id}/membres`;
        const done = approve ? 'approved' : 'rejected';
        return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}fait=${done}`, 303);
      }),
    );

  app.post('/organisations/:id/revendications/:claimId/retrait', SIGNED_IN, (request, reply) =>
    attempt(request, reply, async () => {
      const params = claimParams.safeParse(request.params);
      if (!params.success) throw new MembersRefusal('claimGone', 404);
      await members.withdrawClaim(params.data.id, params.data.claimId, actorOf(request), contextOf(request));
      return reply.redirect(`/organisations/${params.data.id}/revendication?retiree=1`, 303);
    }),
  );

  app.get('/admin/revendications', ADMIN, async (request, reply) => {
    const w = words(request.ctx.locale);
    const claims = await members.allPendingClaims();
    return reply.page(
      w.claims.adminTitle,
      <ClaimsAdminPage ctx={request.ctx} w={w} claims={claims} notice={noticeOf(w, request)} />,
    );
  });

  // --- The person's organisations --------------------------------------------------------------

  async function organisationsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { status?: number; problem?: string; switched?: boolean } = {},
  ) {
    const w = words(request.ctx.locale);
    const actor = actorOf(request);
    const { organisations, currentId } = await members.organisationsOf(
      actor.id,
      request.accountSession?.id ?? null,
    );
    const current = organisations.find((o) => o.id === currentId);
    return reply.page(
      w.account.title,
      <MembersOrganisationsPage
        ctx={request.ctx}
        w={w}
        organisations={organisations}
        currentId={currentId}
        notice={extra.switched && current ? w.account.switched(current.name) : undefined}
        problem={extra.problem}
      />,
      { status: extra.status ?? 200 },
    );
  }

  app.get('/compte/organisations', SIGNED_IN, (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    return organisationsPage(request, reply, { switched: query.courante !== undefined });
  });

  app.post('/compte/organisation-courante', SIGNED_IN, async (request, reply) => {
    const w = words(request.ctx.locale);
    const parsed = parseForm(switchForm(w), request.body);
    const session = request.accountSession;
    if (!parsed.ok || !session)
      return organisationsPage(request, reply, { status: 400, problem: w.errors.organisationInvalid });
    try {
      await members.switchOrganisation(
        session.id,
        parsed.data.organisation_id.toLowerCase(),
        actorOf(request),
        contextOf(request),
      );
    } catch (error) {
      if (!(error instanceof MembersRefusal)) throw error;
      return organisationsPage(request, reply, { status: error.status, problem: w.errors[error.problem] });
    }
    return reply.redirect('/compte/organisations?courante=1', 303);
  });

  // --- The movement ----------------------------------------------------------------------------

  app.get('/charte', PUBLIC, async (request, reply) => {
    const w = words(request.ctx.locale);
    const versions = await movement.charters();
    return reply.page(
      versions[0]?.title ?? w.charter.title,
      <CharterPage ctx={request.ctx} w={w} versions={versions} />,
    );
  });

  async function movementPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { state?: FormState; status?: number; notice?: string; problem?: string } = {},
  ) {
    const w = words(request.ctx.locale);
    const data = await movement.movementPage(id, actorOf(request));
    return reply.page(
      w.movement.title(data.organisation.name),
      <MovementPage
        ctx={request.ctx}
        w={w}
        data={data}
        state={extra.state ?? emptyForm}
        notice={extra.notice}
        problem={extra.problem}
      />,
      { status: extra.status ?? 200 },
    );
  }

  app.get('/organisations/:id/mouvement', MEMBER, (request, reply) =>
    attempt(request, reply, () => {
      const w = words(request.ctx.locale);
      const query = (request.query ?? {}) as Record<string, unknown>;
      const notice =
        query.adhesion !== undefined
          ? w.movement.joined
          : query.depart !== undefined
            ? w.movement.left
            : undefined;
      return movementPage(request, reply, organisationIdOr404(request), notice ? { notice } : {});
    }),
  );

  app.post('/organisations/:id/mouvement/adhesion', MEMBER, (request, reply) =>
    attempt(request, reply, async () => {
      const id = organisationIdOr404(request);
      const w = words(request.ctx.locale);
      const parsed = parseForm(joinForm(w), request.body);
      if (!parsed.ok) return movementPage(request, reply, id, { state: parsed.state, status: 400 });
      try {
        await movement.join(id, parsed.data.charter_version, actorOf(request), contextOf(request));
      } catch (error) {
        if (!(error instanceof MembersRefusal) || error.status === 404 || error.status === 403) throw error;
        const data = await movement.movementPage(id, actorOf(request));
        const problem =
          error.problem === 'staleCharter' && data.charter
            ? w.movement.newVersion(data.charter.version)
            : w.errors[error.problem];
        return movementPage(request, reply, id, { status: error.status, problem });
      }
      return reply.redirect(`/organisations/${id}/mouvement?adhesion=1`, 303);
    }),
  );

  app.post('/organisations/:id/mouvement/depart', MEMBER, (request, reply) =>
    attempt(request, reply, async () => {
      const id = organisationIdOr404(request);
      const w = words(request.ctx.locale);
      const parsed = parseForm(leaveForm(w), request.body);
      if (!parsed.ok) return movementPage(request, reply, id, { state: parsed.state, status: 400 });
      try {
        await movement.leave(id, actorOf(request), contextOf(request));
      } catch (error) {
        if (!(error instanceof MembersRefusal) || error.status === 404 || error.status === 403) throw error;
        return movementPage(request, reply, id, { status: error.status, problem: w.errors[error.problem] });
      }
      return reply.redirect(`/organisations/${id}/mouvement?depart=1`, 303);
    }),
  );
}
