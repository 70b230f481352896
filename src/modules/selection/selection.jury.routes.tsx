import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import { Conflict, NotFound, Validation } from '../../platform/http/errors.js';
import { type FormState, stateFromErrors, submittedValues } from '../../platform/http/forms.js';
import { localised } from '../../platform/i18n/index.js';
import { IMPACT_DOMAINS, type ImpactDomain } from '../organisations/index.js';
import { selectionRules } from './selection.access.js';
import { CRITERION_ID, type Criterion, freshCriterionId } from './selection.grid.js';
import { juryEn } from './selection.jury.en.js';
import { type JuryMessages, juryFr } from './selection.jury.fr.js';
import {
  createJuryService,
  type GridChange,
  gridChanges,
  type SelectionActor,
  type SelectionContext,
} from './selection.jury.service.js';
import {
  CriterionPage,
  GridPage,
  JuryMemberPage,
  JuryPage,
  SelectionHubPage,
  selectionBase,
} from './views/jury.js';

const words = localised({ fr: juryFr, en: juryEn });

export interface JuryRoutesOptions {
  db: Db;
}

const callParams = z.object({ callId: z.uuid() });
const memberParams = z.object({ callId: z.uuid(), userId: z.uuid() });
const criterionParams = z.object({ callId: z.uuid(), criterionId: z.string().max(60).regex(CRITERION_ID) });

function paramsOf<S extends z.ZodType>(schema: S, request: FastifyRequest): z.output<S> {
  const parsed = schema.safeParse(request.params);
  if (!parsed.success) throw new NotFound();
  return parsed.data;
}

function actorOf(request: FastifyRequest): SelectionActor {
  if (!request.user) throw new Error('selection reached without a user');
  return { id: request.user.id, label: request.user.email };
}

function contextOf(request: FastifyRequest): SelectionContext {
  return { ip: request.ip ?? null, requestId: request.id ?? null };
}

function query(request: FastifyRequest): Record<string, unknown> {
  return (request.query ?? {}) as Record<string, unknown>;
}

function text(values: Record<string, string | string[]>, key: string): string {
  const v = values[key];
  return (typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : '').trim();
}

function list(values: Record<string, string | string[]>, key: string): string[] {
  const v = values[key];
  return typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
}

function integer(raw: string, min: number, max: number): number | null {
  if (!/^\d{1,6}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

function decimal(raw: string, max: number): number | null {
  const cleaned = raw.replace(/\s/g, '').replace(',', '.');
  if (!/^\d{1,6}(\.\d{1,3})?$/.test(cleaned)) return null;
  const n = Number(cleaned);
  return n > 0 && n <= max ? n : null;
}

type Parsed<T> = { ok: true; data: T } | { ok: false; state: FormState };

function fail<T>(values: Record<string, string | string[]>, errors: Record<string, string>): Parsed<T> {
  return { ok: false, state: stateFromErrors(values, errors) };
}

/** Domains and capacity of a jury member (and presidency when `withPresident`). */
function readMember(
  body: unknown,
  w: JuryMessages,
): Parsed<{ domains: ImpactDomain[]; capacity: number; president: boolean }> {
  const values = submittedValues(body);
  const errors: Record<string, string> = {};
  const asked = list(values, 'domaines');
  const domains = IMPACT_DOMAINS.filter((d) => asked.includes(d));
  if (domains.length !== new Set(asked).size) errors.domaines = w.errors.domain;
  const capacity = integer(text(values, 'capacite'), 0, 10000);
  if (capacity === null) errors.capacite = w.errors.capacity;
  if (Object.keys(errors).length > 0 || capacity === null) return fail(values, errors);
  return { ok: true, data: { domains, capacity, president: text(values, 'president') === '1' } };
}

interface SettingsInput {
  reviewersPerDossier: number;
  showOtherReviews: boolean;
  quotaMin: number | null;
  quotaMax: number | null;
  disagreementThreshold: number;
}

function readSettings(body: unknown, w: JuryMessages): Parsed<SettingsInput> {
  const values = submittedValues(body);
  const errors: Record<string, string> = {};
  const k = integer(text(values, 'evaluateurs_par_dossier'), 1, 20);
  if (k === null) errors.evaluateurs_par_dossier = w.errors.reviewersPerDossier;
  const quota = (key: string) => {
    const raw = text(values, key);
    if (raw === '') return null;
    const n = integer(raw, 0, 100000);
    if (n === null) errors[key] = w.errors.quota;
    return n;
  };
  const quotaMin = quota('quota_min');
  const quotaMax = quota('quota_max');
  if (quotaMin !== null && quotaMax !== null && quotaMin > quotaMax) errors.quota_min = w.errors.quotaOrder;
  const threshold = decimal(text(values, 'seuil_desaccord'), 1000);
  if (threshold === null) errors.seuil_desaccord = w.errors.threshold;
  if (Object.keys(errors).length > 0 || k === null || threshold === null) return fail(values, errors);
  return {
    ok: true,
    data: {
      reviewersPerDossier: k,
      showOtherReviews: text(values, 'voir_autres') === '1',
      quotaMin,
      quotaMax,
      disagreementThreshold: threshold,
    },
  };
}

/** A criterion from the builder's form (its id is given by the caller). */
function readCriterion(body: unknown, w: JuryMessages): Parsed<Omit<Criterion, 'id'>> {
  const values = submittedValues(body);
  const errors: Record<string, string> = {};
  const label = text(values, 'libelle');
  if (label === '' || label.length > 200) errors.libelle = w.errors.label;
  const description = text(values, 'description');
  if (description.length > 2000) errors.description = w.errors.description;
  const weight = decimal(text(values, 'poids'), 1000);
  if (weight === null) errors.poids = w.errors.weight;
  const min = integer(text(values, 'note_min'), 0, 100);
  const max = integer(text(values, 'note_max'), 0, 100);
  if (min === null) errors.note_min = w.errors.scaleBound;
  if (max === null) errors.note_max = w.errors.scaleBound;
  else if (min !== null && min >= max) errors.note_max = w.errors.scaleOrder;
  const levels: { value: number; label: string }[] = [];
  const seen = new Set<number>();
  for (const line of text(values, 'niveaux').split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const m = /^\s*(\d{1,3})\s*[:=-]\s*(.{1,200})$/.exec(line);
    const value = m ? Number(m[1]) : Number.NaN;
    const levelLabel = m?.[2]?.trim() ?? '';
    if (
      !m ||
      levelLabel === '' ||
      seen.has(value) ||
      (min !== null && value < min) ||
      (max !== null && value > max)
    ) {
      errors.niveaux = w.errors.levels;
      break;
    }
    seen.add(value);
    levels.push({ value, label: levelLabel });
  }
  if (Object.keys(errors).length > 0 || weight === null || min === null || max === null)
    return fail(values, errors);
  return {
    ok: true,
    data: {
      label,
      description,
      weight,
      scale: { min, max },
      levels: levels.sort((a, b) => a.value - b.value),
      commentRequired: text(values, 'commentaire_obligatoire') === '1',
    },
  };
}

/**
 * The jury of a call, its selection settings and its scoring grid (staff of the call, second factor):
 * `/admin/appels/:callId/selection` (the hub), `…/jury`, `…/grille`.
 */
export async function selectionJuryRoutes(app: FastifyInstance, options: JuryRoutesOptions) {
  const service = createJuryService(options.db);
  const config = { access: selectionRules(options.db).juryStaff };

  app.get('/admin/appels/:callId/selection', { config }, async (request, reply) => {
    const { callId } = paramsOf(callParams, request);
    const w = words(request.ctx.locale);
    const call = await service.call(callId);
    return reply.page(w.hub.title, <SelectionHubPage ctx={request.ctx} w={w} call={call} />);
  });

  // --- Jury -----------------------------------------------------------------------------------
  async function juryPage(
    request: FastifyRequest,
    reply: FastifyReply,
    callId: string,
    extra: { status?: number; state?: FormState; notice?: string; problem?: string } = {},
  ) {
    const w = words(request.ctx.locale);
    const { call, members } = await service.jury(callId);
    return reply.page(
      w.jury.title,
      <JuryPage ctx={request.ctx} w={w} call={call} members={members} {...extra} />,
      { status: extra.status ?? 200 },
    );
  }

  app.get('/admin/appels/:callId/selection/jury', { config }, async (request, reply) => {
    const { callId } = paramsOf(callParams, request);
    const w = words(request.ctx.locale);
    const q = query(request);
    const notice =
      q.nomme !== undefined
        ? w.jury.appointed
        : q.modifie !== undefined
          ? w.jury.updated
          : q.retire !== undefined
            ? w.jury.removed
            : undefined;
    return juryPage(request, reply, callId, notice ? { notice } : {});
  });

  app.post('/admin/appels/:callId/selection/jury', { config }, async (request, reply) => {
    const { callId } = paramsOf(callParams, request);
    const w = words(request.ctx.locale);
    const values = submittedValues(request.body);
    const email = z.email().safeParse(text(values, 'email'));
    const member = readMember(request.body, w);
    if (!email.success || !member.ok) {
      const errors = {
        ...(email.success ? {} : { email: w.errors.email }),
        ...(member.ok ? {} : member.state.errors),
      };
      return juryPage(request, reply, callId, { status: 400, state: stateFromErrors(values, errors) });
    }
    try {
      await service.appoint(
        callId,
        { email: email.data, ...member.data },
        actorOf(request),
        contextOf(request),
        w,
      );
    } catch (error) {
      if (error instanceof Validation)
        return juryPage(request, reply, callId, {
          status: 400,
          state: stateFromErrors(values, error.fieldErrors),
        });
      if (error instanceof Conflict)
        return juryPage(request, reply, callId, {
          status: 409,
          state: stateFromErrors(values, { email: error.message }),
        });
      throw error;
    }
    return reply.redirect(`${selectionBase(callId)}/jury?nomme=1`, 303);
  });

  async function memberPage(
    request: FastifyRequest,
    reply: FastifyReply,
    callId: string,
    userId: string,
    extra: { status?: number; state?: FormState } = {},
  ) {
    const w = words(request.ctx.locale);
    const call = await service.call(callId);
    const member = await service.member(callId, userId);
    return reply.page(
      w.jury.editTitle(member.display_name),
      <JuryMemberPage ctx={request.ctx} w={w} call={call} member={member} state={extra.state} />,
      { status: extra.status ?? 200 },
    );
  }

  app.get('/admin/appels/:callId/selection/jury/:userId', { config }, async (request, reply) => {
    const { callId, userId } = paramsOf(memberParams, request);
    return memberPage(request, reply, callId, userId);
  });

  app.post('/admin/appels/:callId/selection/jury/:userId', { config }, async (request, reply) => {
    const { callId, userId } = paramsOf(memberParams, request);
    const w = words(request.ctx.locale);
    const member = readMember(request.body, w);
    if (!member.ok) return memberPage(request, reply, callId, userId, { status: 400, state: member.state });
    await service.update(callId, userId, member.data, actorOf(request), contextOf(request));
    return reply.redirect(`${selectionBase(callId)}/jury?modifie=1`, 303);
  });

  app.post('/admin/appels/:callId/selection/jury/:userId/retrait', { config }, async (request, reply) => {
    const { callId, userId } = paramsOf(memberParams, request);
    const w = words(request.ctx.locale);
    try {
      await service.remove(callId, userId, actorOf(request), contextOf(request), w);
    } catch (error) {
      if (error instanceof Conflict)
        return juryPage(request, reply, callId, { status: 409, problem: error.message });
      throw error;
    }
    return reply.redirect(`${selectionBase(callId)}/jury?retire=1`, 303);
  });

  // --- Settings and grid ----------------------------------------------------------------------
  async function gridPage(
    request: FastifyRequest,
    reply: FastifyReply,
    callId: string,
    extra: {
      status?: number;
      settingsState?: FormState;
      criterionState?: FormState;
      notice?: string;
      problem?: string;
    } = {},
  ) {
    const w = words(request.ctx.locale);
    const { call, settings } = await service.settings(callId);
    return reply.page(
      w.grid.title,
      <GridPage ctx={request.ctx} w={w} call={call} settings={settings} {...extra} />,
      { status: extra.status ?? 200 },
    );
  }

  app.get('/admin/appels/:callId/selection/grille', { config }, async (request, reply) => {
    const { callId } = paramsOf(callParams, request);
    const w = words(request.ctx.locale);
    const q = query(request);
    const notice =
      q.parametres !== undefined
        ? w.grid.settingsSaved
        : q.enregistre !== undefined
          ? w.grid.saved
          : undefined;
    return gridPage(request, reply, callId, notice ? { notice } : {});
  });

  app.post('/admin/appels/:callId/selection/grille/parametres', { config }, async (request, reply) => {
    const { callId } = paramsOf(callParams, request);
    const w = words(request.ctx.locale);
    const parsed = readSettings(request.body, w);
    if (!parsed.ok) return gridPage(request, reply, callId, { status: 400, settingsState: parsed.state });
    await service.saveSettings(callId, parsed.data, actorOf(request), contextOf(request));
    return reply.redirect(`${selectionBase(callId)}/grille?parametres=1`, 303);
  });

  /** Runs a grid change: 409 with the reason when the grid is frozen or the criterion gone. */
  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    callId: string,
    make: GridChange,
    onInvalid: (state: FormState) => Promise<FastifyReply>,
  ) {
    const w = words(request.ctx.locale);
    try {
      await service.changeGrid(callId, make, actorOf(request), contextOf(request), w);
    } catch (error) {
      if (error instanceof Conflict)
        return gridPage(request, reply, callId, { status: 409, problem: error.message });
      if (error instanceof Validation)
        return onInvalid(stateFromErrors(submittedValues(request.body), { libelle: error.message }));
      throw error;
    }
    return reply.redirect(`${selectionBase(callId)}/grille?enregistre=1`, 303);
  }

  app.post('/admin/appels/:callId/selection/grille/criteres', { config }, async (request, reply) => {
    const { callId } = paramsOf(callParams, request);
    const w = words(request.ctx.locale);
    const parsed = readCriterion(request.body, w);
    const invalid = (state: FormState) =>
      gridPage(request, reply, callId, { status: 400, criterionState: state });
    if (!parsed.ok) return invalid(parsed.state);
    const criterion = parsed.data;
    return change(
      request,
      reply,
      callId,
      {
        operation: 'add',
        apply: (g) => gridChanges.add({ ...criterion, id: freshCriterionId(g, criterion.label) }).apply(g),
      },
      invalid,
    );
  });

  async function criterionPage(
    request: FastifyRequest,
    reply: FastifyReply,
    callId: string,
    criterionId: string,
    extra: { status?: number; state?: FormState } = {},
  ) {
    const w = words(request.ctx.locale);
    const { call, settings } = await service.settings(callId);
    const criterion = settings.grid.criteria.find((c) => c.id === criterionId);
    if (!criterion) throw new NotFound();
    return reply.page(
      w.grid.editTitle(criterion.label),
      <CriterionPage
        ctx={request.ctx}
        w={w}
        call={call}
        criterion={criterion}
        state={extra.state}
        problem={settings.gridFrozen ? w.errors.gridFrozen : undefined}
      />,
      { status: extra.status ?? 200 },
    );
  }

  app.get(
    '/admin/appels/:callId/selection/grille/criteres/:criterionId',
    { config },
    async (request, reply) => {
      const { callId, criterionId } = paramsOf(criterionParams, request);
      return criterionPage(request, reply, callId, criterionId);
    },
  );

  app.post(
    '/admin/appels/:callId/selection/grille/criteres/:criterionId',
    { config },
    async (request, reply) => {
      const { callId, criterionId } = paramsOf(criterionParams, request);
      const w = words(request.ctx.locale);
      const invalid = (state: FormState) =>
        criterionPage(request, reply, callId, criterionId, { status: 400, state });
      const parsed = readCriterion(request.body, w);
      if (!parsed.ok) return invalid(parsed.state);
      return change(request, reply, callId, gridChanges.edit(criterionId, parsed.data), invalid);
    },
  );

  app.post(
    '/admin/appels/:callId/selection/grille/criteres/:criterionId/suppression',
    { config },
    async (request, reply) => {
      const { callId, criterionId } = paramsOf(criterionParams, request);
      return change(request, reply, callId, gridChanges.remove(criterionId), (state) =>
        gridPage(request, reply, callId, { status: 400, criterionState: state }),
      );
    },
  );

  app.post(
    '/admin/appels/:callId/selection/grille/criteres/:criterionId/deplacement',
    { config },
    async (request, reply) => {
      const { callId, criterionId } = paramsOf(criterionParams, request);
      const sens = text(submittedValues(request.body), 'sens');
      if (sens !== 'haut' && sens !== 'bas') return gridPage(request, reply, callId, { status: 400 });
      return change(
        request,
        reply,
        callId,
        gridChanges.move(criterionId, sens === 'haut' ? 'up' : 'down'),
        (state) => gridPage(request, reply, callId, { status: 400, criterionState: state }),
      );
    },
  );

  app.post(
    '/admin/appels/:callId/selection/grille/commentaire-general',
    { config },
    async (request, reply) => {
      const { callId } = paramsOf(callParams, request);
      const required = text(submittedValues(request.body), 'obligatoire') === '1';
      return change(request, reply, callId, gridChanges.overall(required), (state) =>
        gridPage(request, reply, callId, { status: 400, criterionState: state }),
      );
    },
  );
}
