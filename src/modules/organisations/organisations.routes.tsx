import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { publicAccess as publicRule, signedIn } from '../../platform/access/index.js';
import type { Db } from '../../platform/db/index.js';
import { AppError, Forbidden, NotFound } from '../../platform/http/errors.js';
import {
  emptyForm,
  type FormState,
  type FormValues,
  parseForm,
  stateFromErrors,
  submittedValues,
} from '../../platform/http/forms.js';
import { localised } from '../../platform/i18n/index.js';
import { organisationsEn } from './organisations.en.js';
import { type OrganisationsMessages, organisationsFr } from './organisations.fr.js';
import { LOGO_MAX_BYTES } from './organisations.logo.js';
import { canSeePrivate, organisationEditor } from './organisations.permissions.js';
import { renderProfileSections } from './organisations.profile.js';
import type { DuplicateCandidate, OrganisationRow } from './organisations.queries.js';
import { organisationForm, organisationParams } from './organisations.schemas.js';
import {
  type Actor,
  createOrganisationsService,
  type FieldProblem,
  type RequestInfo,
  type SaveResult,
} from './organisations.service.js';
import { OrganisationFormPage } from './views/OrganisationFormPage.js';
import { OrganisationProfilePage } from './views/OrganisationProfilePage.js';

const words = localised({ fr: organisationsFr, en: organisationsEn });

export interface OrganisationsRoutesOptions {
  db: Db;
  config: Config;
}

function actorOf(request: FastifyRequest): Actor {
  if (!request.user) throw new Error('organisation route reached without a user');
  return { id: request.user.id, label: request.user.email };
}

function infoOf(request: FastifyRequest): RequestInfo {
  return { ip: request.ip ?? null, requestId: request.id ?? null };
}

/** The id of the path, or a 404 (a malformed id is no organisation). */
function idOf(request: FastifyRequest): string {
  const params = organisationParams.safeParse(request.params);
  if (!params.success) throw new NotFound();
  return params.data.id;
}

function problemMessage(w: OrganisationsMessages, p: FieldProblem): string {
  switch (p.problem) {
    case 'communeUnknown':
      return w.errors.communeUnknown(p.typed);
    case 'communeAmbiguous':
      return w.errors.communeAmbiguous(p.typed);
    case 'postalCodeMismatch':
      return w.errors.postalCodeMismatch(p.postalCode, p.commune);
    case 'sirenTaken':
      return w.errors.sirenTaken(p.value);
    case 'rnaTaken':
      return w.errors.rnaTaken(p.value);
  }
}

/** The values of the edit form for a stored organisation. */
function valuesOf(o: OrganisationRow): FormValues {
  const v = (x: string | number | null) => (x === null ? '' : String(x));
  return {
    name: o.name,
    legal_form: o.legal_form,
    categorie_juridique: v(o.categorie_juridique),
    siren: v(o.siren),
    siret: v(o.siret),
    rna: v(o.rna),
    naf_code: v(o.naf_code),
    address: v(o.address),
    postal_code: v(o.postal_code),
    commune: o.commune_code ? `${o.commune_name ?? ''} (${o.commune_code})`.trim() : '',
    domains: [...o.domains],
    description: o.description,
    website: v(o.website),
    size_band: v(o.size_band),
    founded_year: v(o.founded_year),
    contact_email: v(o.contact_email),
    contact_phone: v(o.contact_phone),
    show_contact: o.show_contact ? 'oui' : '',
  };
}

interface FormPageOptions {
  state: FormState;
  status?: number;
  communeChoices?: Parameters<typeof OrganisationFormPage>[0]['communeChoices'];
  duplicates?: { kind: 'identifier' | 'close'; matches: readonly DuplicateCandidate[] };
  notice?: string;
  logoError?: string;
}

/**
 * Organisation profiles: creation (with duplicate detection), public profile page, edit, logo.
 * Members, invitations, claims and the movement are `organisationMembersRoutes`.
 */
export async function organisationsRoutes(app: FastifyInstance, options: OrganisationsRoutesOptions) {
  const service = createOrganisationsService(options.db);

  function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    organisation: OrganisationRow | null,
    page: FormPageOptions,
    logoVersion: string | null = null,
  ) {
    const w = words(request.ctx.locale);
    const title = organisation ? w.edit.title(organisation.name) : w.create.title;
    return reply.page(
      title,
      <OrganisationFormPage
        ctx={request.ctx}
        w={w}
        organisation={
          organisation
            ? {
                id: organisation.id,
                name: organisation.name,
                has_logo: organisation.has_logo,
                logo_version: logoVersion,
              }
            : null
        }
        state={page.state}
        communeChoices={page.communeChoices}
        duplicates={page.duplicates}
        notice={page.notice}
        logoError={page.logoError}
      />,
      { status: page.status ?? 200 },
    );
  }

  /** The form again after a refusal of the service: messages under the fields, values kept. */
  function refusal(
    request: FastifyRequest,
    reply: FastifyReply,
    organisation: OrganisationRow | null,
    result: Exclude<SaveResult, { kind: 'saved' }>,
  ) {
    const w = words(request.ctx.locale);
    const values = submittedValues(request.body);
    if (result.kind === 'invalid') {
      const errors = Object.fromEntries(result.problems.map((p) => [p.field, problemMessage(w, p)]));
      return renderForm(request, reply, organisation, {
        state: stateFromErrors(values, errors),
        status: 400,
        communeChoices: result.communeChoices,
      });
    }
    if (result.kind === 'duplicate') {
      const errors = Object.fromEntries(result.problems.map((p) => [p.field, problemMessage(w, p)]));
      return renderForm(request, reply, organisation, {
        state: stateFromErrors(values, errors),
        status: 409,
        duplicates: { kind: 'identifier', matches: result.matches },
      });
    }
    return renderForm(request, reply, organisation, {
      state: stateFromErrors(values, { not_duplicate: w.duplicates.confirmRequired }),
      status: 409,
      duplicates: { kind: 'close', matches: result.matches },
    });
  }

  // --- Create ---------------------------------------------------------------------------------------
  app.get('/organisations/nouvelle', { config: { access: signedIn } }, async (request, reply) =>
    renderForm(request, reply, null, { state: emptyForm }),
  );

  app.post('/organisations/nouvelle', { config: { access: signedIn } }, async (request, reply) => {
    const w = words(request.ctx.locale);
    const parsed = parseForm(organisationForm(w), request.body);
    if (!parsed.ok) return renderForm(request, reply, null, { state: parsed.state, status: 400 });
    const result = await service.create(parsed.data, actorOf(request), infoOf(request));
    if (result.kind !== 'saved') return refusal(request, reply, null, result);
    return reply.redirect(`/organisations/${result.id}?creee=1`, 303);
  });

  // --- Profile --------------------------------------------------------------------------------------
  app.get('/organisations/:id', { config: { access: publicRule } }, async (request, reply) => {
    const w = words(request.ctx.locale);
    const organisation = await service.find(idOf(request));
    if (!organisation) throw new NotFound();
    const principal = request.principal;
    const privateView = canSeePrivate(principal, organisation.id);
    const [members, logo, sections] = await Promise.all([
      privateView ? service.members(organisation.id) : Promise.resolve(null),
      organisation.has_logo ? service.logo(organisation.id) : Promise.resolve(undefined),
      renderProfileSections({
        organisation,
        ctx: request.ctx,
        principal,
        canSeePrivate: privateView,
        db: options.db,
      }),
    ]);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const notice =
      query.creee !== undefined && privateView
        ? w.edit.created
        : query.enregistree !== undefined && privateView
          ? w.edit.saved
          : undefined;
    return reply.page(
      organisation.name,
      <OrganisationProfilePage
        ctx={request.ctx}
        w={w}
        organisation={organisation}
        logoVersion={logo?.sha256 ?? null}
        members={members}
        canEdit={privateView}
        showContact={organisation.show_contact || privateView}
        sections={sections}
        notice={notice}
      />,
    );
  });

  // --- Edit -----------------------------------------------------------------------------------------
  const editor = { config: { access: organisationEditor } };

  async function organisationOr404(request: FastifyRequest): Promise<OrganisationRow> {
    const organisation = await service.find(idOf(request));
    if (!organisation) throw new NotFound();
    return organisation;
  }

  async function logoVersion(organisation: OrganisationRow): Promise<string | null> {
    return organisation.has_logo ? ((await service.logo(organisation.id))?.sha256 ?? null) : null;
  }

  app.get('/organisations/:id/modifier', editor, async (request, reply) => {
    const w = words(request.ctx.locale);
    const organisation = await organisationOr404(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const notice =
      query.logo === 'enregistre' ? w.logo.saved : query.logo === 'supprime' ? w.logo.removed : undefined;
    return renderForm(
      request,
      reply,
      organisation,
      { state: { values: valuesOf(organisation), errors: {}, summary: [] }, ...(notice ? { notice } : {}) },
      await logoVersion(organisation),
    );
  });

  app.post('/organisations/:id/modifier', editor, async (request, reply) => {
    const w = words(request.ctx.locale);
    const organisation = await organisationOr404(request);
    const parsed = parseForm(organisationForm(w), request.body);
    if (!parsed.ok)
      return renderForm(
        request,
        reply,
        organisation,
        { state: parsed.state, status: 400 },
        await logoVersion(organisation),
      );
    const result = await service.update(organisation.id, parsed.data, actorOf(request), infoOf(request));
    if (result.kind !== 'saved') return refusal(request, reply, organisation, result);
    return reply.redirect(`/organisations/${organisation.id}?enregistree=1`, 303);
  });

  // --- Logo -----------------------------------------------------------------------------------------
  app.get('/organisations/:id/logo', { config: { access: publicRule } }, async (request, reply) => {
    const id = idOf(request);
    const logo = await service.logo(id);
    if (!logo) throw new NotFound();
    const etag = `"${logo.sha256}"`;
    reply
      .header('etag', etag)
      .header('cache-control', 'public, max-age=300, must-revalidate')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header(
        'content-disposition',
        `inline; filename="logo-${id}.${logo.content_type === 'image/webp' ? 'webp' : 'png'}"`,
      );
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(logo.content_type).send(Buffer.from(logo.content));
  });

  app.post('/organisations/:id/logo/suppression', editor, async (request, reply) => {
    const organisation = await organisationOr404(request);
    await service.removeLogo(organisation.id, actorOf(request), infoOf(request));
    return reply.redirect(`/organisations/${organisation.id}/modifier?logo=supprime#logo`, 303);
  });

  // The upload, in its own scope: only this route parses multipart bodies. Fields and the file are read
  // into `request.body` before the CSRF check (the token is the form's first field, `_csrf`, checked
  // by the usual hook before the handler runs); the file is held in memory, 2 MB at most.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: {
        fileSize: LOGO_MAX_BYTES,
        files: 1,
        fields: 4,
        parts: 5,
        fieldSize: 1000,
        fieldNameSize: 100,
      },
    });

    // Requests whose body was read whole: an error after this point is not the upload's.
    const parsed = new WeakSet<FastifyRequest>();
    scope.addHook('preHandler', async (request) => {
      parsed.add(request);
    });

    // A file over the limit, or a multipart body that cannot be read: the edit page again, with the reason.
    scope.setErrorHandler(async (error: FastifyError, request, reply) => {
      if (error instanceof AppError || parsed.has(request)) throw error;
      const tooLarge = error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413;
      const w = words(request.ctx.locale);
      const params = organisationParams.safeParse(request.params);
      const organisation = params.success ? await service.find(params.data.id) : undefined;
      if (!organisation) throw new NotFound();
      if (!canSeePrivate(request.principal, organisation.id)) throw new Forbidden();
      request.log.info({ code: error.code, err: error.message }, 'logo upload refused');
      return renderForm(
        request,
        reply,
        organisation,
        {
          state: { values: valuesOf(organisation), errors: {}, summary: [] },
          status: tooLarge ? 413 : 400,
          logoError: tooLarge ? w.logo.tooLarge : w.logo.unreadable,
        },
        await logoVersion(organisation),
      );
    });

    scope.post('/organisations/:id/logo', editor, async (request, reply) => {
      const w = words(request.ctx.locale);
      const organisation = await organisationOr404(request);
      const file = (request.body as Record<string, unknown> | undefined)?.logo;
      let problem: string | null = null;
      if (!Buffer.isBuffer(file) || file.length === 0) problem = w.logo.missing;
      else {
        const result = await service.setLogo(organisation.id, file, actorOf(request), infoOf(request));
        if ('problem' in result) problem = w.logo[result.problem];
      }
      if (problem)
        return renderForm(
          request,
          reply,
          organisation,
          {
            state: {
              values: valuesOf(organisation),
              errors: {},
              summary: [{ field: 'logo', message: problem }],
            },
            status: 400,
            logoError: problem,
          },
          await logoVersion(organisation),
        );
      return reply.redirect(`/organisations/${organisation.id}/modifier?logo=enregistre#logo`, 303);
    });
  });
}
