import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { publicAccess } from '../../platform/access/index.js';
import type { Db } from '../../platform/db/index.js';
import { NotFound, Validation } from '../../platform/http/errors.js';
import { emptyForm, type FormState, stateFromErrors, submittedValues } from '../../platform/http/forms.js';
import { registerCardBadgeProvider } from '../directory/index.js';
import { IMPACT_DOMAINS, type ImpactDomain, registerProfileSection } from '../organisations/index.js';
import { selectionRules } from './selection.access.js';
import type { ShowcaseMessages } from './selection.showcase.fr.js';
import {
  createShowcaseService,
  laureateBadges,
  laureateMemberRule,
  laureateStoriesOfOrganisation,
  type ShowcaseActor,
  type ShowcaseContext,
  showcaseWords,
} from './selection.showcase.service.js';
import {
  type CohortFilter,
  CohortPage,
  type CohortProblem,
  CohortsPage,
  LaureatePage,
  laureateHref,
  StaffStoriesPage,
  StoryEditPage,
} from './views/showcase.js';

export interface ShowcaseRoutesOptions {
  db: Db;
}

const SLUG = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .max(200);
const cohortParams = z.object({ callSlug: SLUG });
const laureateParams = z.object({ callSlug: SLUG, slug: SLUG });
const dossierParams = z.object({ id: z.uuid() });
const callParams = z.object({ callId: z.uuid() });

const DOMAIN_SET = new Set<string>(IMPACT_DOMAINS);

/**
 * The query string of a cohort page: `domaine` (an impact domain) and `region` (an INSEE code), each once;
 * empty values and unknown parameters are ignored; anything else is a problem (400), never a guess.
 */
export function parseCohortQuery(
  query: unknown,
  regionCodes: ReadonlySet<string>,
  w: ShowcaseMessages,
): { ok: true; filter: CohortFilter } | { ok: false; filter: CohortFilter; problems: CohortProblem[] } {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const problems: CohortProblem[] = [];
  const filter: CohortFilter = {};
  const one = (name: 'domaine' | 'region'): string | undefined => {
    const v = q[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      problems.push({ field: name, message: w.cohort.badQuery });
      return undefined;
    }
    const t = v.trim();
    return t === '' ? undefined : t;
  };
  const domain = one('domaine');
  if (domain !== undefined) {
    if (DOMAIN_SET.has(domain)) filter.domain = domain as ImpactDomain;
    else problems.push({ field: 'domaine', message: w.cohort.badDomain(domain.slice(0, 60)) });
  }
  const region = one('region');
  if (region !== undefined) {
    if (regionCodes.has(region)) filter.region = region;
    else problems.push({ field: 'region', message: w.cohort.badRegion(region.slice(0, 60)) });
  }
  return problems.length > 0 ? { ok: false, filter, problems } : { ok: true, filter };
}

function actorOf(request: FastifyRequest): ShowcaseActor {
  if (!request.user) throw new Error('showcase edit reached without a user');
  return { id: request.user.id, label: request.user.email };
}

function contextOf(request: FastifyRequest): ShowcaseContext {
  return { ip: request.ip ?? null, requestId: request.id ?? null };
}

const editForm = z.object({
  resume: z.string().max(100_000).default(''),
  action: z.enum(['enregistrer', 'approuver']).optional(),
});
const staffForm = z.object({ dossier: z.uuid(), resume: z.string().max(100_000).default('') });

/**
 * The showcase of laureates (`/vitrine`, public), the laureate's approval of its public summary
 * (`/dossiers/:id/vitrine`) and the staff's editing (`/admin/appels/:callId/selection/vitrine`). Also
 * registers the « Lauréat » section of organisation profiles and the laureate badge of directory cards.
 */
export async function showcaseRoutes(app: FastifyInstance, options: ShowcaseRoutesOptions) {
  const { db } = options;
  const service = createShowcaseService(db);
  const rules = selectionRules(db);
  const laureateMember = laureateMemberRule(db);

  registerProfileSection({
    id: 'laureat',
    order: 30,
    render: async ({ organisation, ctx, db: sectionDb }) => {
      const stories = await laureateStoriesOfOrganisation(sectionDb, organisation.id);
      if (stories.length === 0) return null;
      const w = showcaseWords(ctx.locale);
      return (
        <section class="fr-mt-4w" aria-labelledby="profil-laureat">
          <h2 id="profil-laureat" safe>
            {w.profileSection.title}
          </h2>
          <p safe>{w.profileSection.lead}</p>
          <ul>
            {stories.map((s) => (
              <li>
                <a href={laureateHref(s.call_slug, s.slug)} safe>
                  {w.profileSection.item(s.call_title)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      );
    },
  });
  registerCardBadgeProvider('selection-laureats', laureateBadges);

  app.get('/vitrine', { config: { access: publicAccess } }, async (request, reply) => {
    const w = showcaseWords(request.ctx.locale);
    const cohorts = await service.cohorts();
    return reply.page(w.title, <CohortsPage ctx={request.ctx} w={w} cohorts={cohorts} />);
  });

  app.get('/vitrine/:callSlug', { config: { access: publicAccess } }, async (request, reply) => {
    const params = cohortParams.safeParse(request.params);
    if (!params.success) throw new NotFound();
    const w = showcaseWords(request.ctx.locale);
    const regions = await service.regions();
    const parsed = parseCohortQuery(request.query, new Set(regions.map((r) => r.code)), w);
    const data = await service.cohort(params.data.callSlug, parsed.filter);
    const props = { ctx: request.ctx, w, ...data, regions, filter: parsed.filter };
    if (!parsed.ok)
      return reply.page(
        `${w.cohort.errorTitle} — ${data.call.title}`,
        <CohortPage {...props} problems={parsed.problems} />,
        {
          status: 400,
        },
      );
    return reply.page(`${data.call.title} — ${w.title}`, <CohortPage {...props} />);
  });

  app.get('/vitrine/:callSlug/:slug', { config: { access: publicAccess } }, async (request, reply) => {
    const params = laureateParams.safeParse(request.params);
    if (!params.success) throw new NotFound();
    const w = showcaseWords(request.ctx.locale);
    const { call, laureate } = await service.laureate(params.data.callSlug, params.data.slug);
    return reply.page(
      `${laureate.organisation_name} — ${call.title}`,
      <LaureatePage ctx={request.ctx} w={w} call={call} laureate={laureate} />,
    );
  });

  // --- The laureate's members -------------------------------------------------------------------

  function dossierIdOf(request: FastifyRequest): string {
    const params = dossierParams.safeParse(request.params);
    if (!params.success) throw new NotFound();
    return params.data.id;
  }

  app.get('/dossiers/:id/vitrine', { config: { access: laureateMember } }, async (request, reply) => {
    const w = showcaseWords(request.ctx.locale);
    const story = await service.story(dossierIdOf(request));
    const q = request.query as Record<string, unknown> | undefined;
    const notice =
      q?.fait === 'publie' ? w.edit.published : q?.fait === 'enregistre' ? w.edit.saved : undefined;
    return reply.page(
      w.edit.title,
      <StoryEditPage ctx={request.ctx} w={w} story={story} form={emptyForm} notice={notice} />,
    );
  });

  app.post('/dossiers/:id/vitrine', { config: { access: laureateMember } }, async (request, reply) => {
    const w = showcaseWords(request.ctx.locale);
    const id = dossierIdOf(request);
    const story = await service.story(id);
    const values = submittedValues(request.body);
    const render = (form: FormState) =>
      reply.page(w.edit.errorTitle, <StoryEditPage ctx={request.ctx} w={w} story={story} form={form} />, {
        status: 400,
      });
    const parsed = editForm.safeParse(values);
    if (!parsed.success) return render(stateFromErrors(values, { resume: w.edit.tooLong }));
    if (!parsed.data.action) return render(stateFromErrors(values, { resume: w.edit.badAction }));
    try {
      await service.saveAsLaureate({
        dossierId: id,
        summary: parsed.data.resume,
        approve: parsed.data.action === 'approuver',
        actor: actorOf(request),
        context: contextOf(request),
        w,
      });
    } catch (error) {
      if (error instanceof Validation) return render(stateFromErrors(values, error.fieldErrors));
      throw error;
    }
    const done = parsed.data.action === 'approuver' ? 'publie' : 'enregistre';
    return reply.redirect(`/dossiers/${encodeURIComponent(id)}/vitrine?fait=${done}`, 303);
  });

  // --- Staff of the call ----------------------------------------------------------------------------

  function callIdOf(request: FastifyRequest): string {
    const params = callParams.safeParse(request.params);
    if (!params.success) throw new NotFound();
    return params.data.callId;
  }

  const staff = { access: rules.juryStaff };

  app.get('/admin/appels/:callId/selection/vitrine', { config: staff }, async (request, reply) => {
    const w = showcaseWords(request.ctx.locale);
    const { call, stories } = await service.staffStories(callIdOf(request));
    const saved = (request.query as Record<string, unknown> | undefined)?.enregistre;
    const savedStory = typeof saved === 'string' ? stories.find((s) => s.dossier_id === saved) : undefined;
    return reply.page(
      w.staff.title(call.title),
      <StaffStoriesPage
        ctx={request.ctx}
        w={w}
        call={call}
        stories={stories}
        notice={savedStory ? w.staff.saved(savedStory.organisation_name) : undefined}
      />,
    );
  });

  app.post('/admin/appels/:callId/selection/vitrine', { config: staff }, async (request, reply) => {
    const w = showcaseWords(request.ctx.locale);
    const callId = callIdOf(request);
    const values = submittedValues(request.body);
    const parsed = staffForm.safeParse(values);
    const fail = async (dossierId: string, errors: Record<string, string>) => {
      const { call, stories } = await service.staffStories(callId);
      return reply.page(
        w.edit.errorTitle,
        <StaffStoriesPage
          ctx={request.ctx}
          w={w}
          call={call}
          stories={stories}
          failed={{ dossierId, form: stateFromErrors(values, errors) }}
        />,
        { status: 400 },
      );
    };
    if (!parsed.success) {
      const dossier = typeof values.dossier === 'string' ? values.dossier : '';
      return fail(dossier, {
        resume: dossierParams.safeParse({ id: dossier }).success ? w.edit.tooLong : w.staff.unknown,
      });
    }
    try {
      await service.saveAsStaff({
        callId,
        dossierId: parsed.data.dossier,
        summary: parsed.data.resume,
        actor: actorOf(request),
        context: contextOf(request),
        w,
      });
    } catch (error) {
      if (error instanceof Validation) return fail(parsed.data.dossier, error.fieldErrors);
      throw error;
    }
    return reply.redirect(
      `/admin/appels/${encodeURIComponent(callId)}/selection/vitrine?enregistre=${encodeURIComponent(parsed.data.dossier)}#laureat-${parsed.data.dossier}`,
      303,
    );
  });
}
