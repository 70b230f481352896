import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import type { FileStore } from '../../platform/files/index.js';
import { emptyForm, type FormState, parseForm } from '../../platform/http/forms.js';
import { localised } from '../../platform/i18n/index.js';
import { dossierRules } from './dossiers.access.js';
import { exportsEn } from './dossiers.exports.en.js';
import { type ExportsMessages, exportsFr } from './dossiers.exports.fr.js';
import { createExportsService, ExportGone, ExportNotReady } from './dossiers.exports.service.js';
import { EXPORTABLE_STATUSES, ExportProblemPage, ExportProgressPage, ExportsPage } from './views/exports.js';

const words = localised({ fr: exportsFr, en: exportsEn });

export interface ExportsRoutesOptions {
  db: Db;
  /** Default: the app's store (`app.files`). */
  files?: FileStore;
}

const callParams = z.object({ callId: z.uuid() });
const exportParams = z.object({ callId: z.uuid(), exportId: z.uuid() });

/** The request form: a format, and the statuses (none: all). */
export function exportRequestForm(w: ExportsMessages) {
  return z.object({
    format: z.enum(['csv', 'xlsx'], { error: w.errors.format }),
    statuses: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .pipe(z.array(z.enum(EXPORTABLE_STATUSES, { error: w.errors.statuses }))),
  });
}

/** Exports of the dossiers of a call (`/instruction/appels/:callId/exports…`): the call's staff only. */
export async function dossierExportsRoutes(
  app: FastifyInstance,
  options: ExportsRoutesOptions,
): Promise<void> {
  const { db } = options;
  const files = options.files ?? app.files;
  const service = createExportsService({ db, files });
  const STAFF = { config: { access: dossierRules(db).callStaff } };

  function actorOf(request: FastifyRequest) {
    const user = request.user;
    if (!user) throw new Error('exports route reached without a user');
    return { id: user.id, email: user.email };
  }
  const contextOf = (request: FastifyRequest) => ({ ip: request.ip ?? null, requestId: request.id ?? null });

  function callIdOf(request: FastifyRequest): string {
    const parsed = callParams.safeParse(request.params);
    // The access rule has already refused anything but a uuid.
    if (!parsed.success) throw new Error('exports route reached without a call id');
    return parsed.data.callId;
  }

  async function listPage(request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
    const w = words(request.ctx.locale);
    const { call, exports } = await service.overview(callIdOf(request));
    return reply.page(
      w.list.title(call.title),
      <ExportsPage ctx={request.ctx} w={w} call={call} exports={exports} form={form} />,
      {
        status,
      },
    );
  }

  app.get('/instruction/appels/:callId/exports', STAFF, (request, reply) =>
    listPage(request, reply, emptyForm),
  );

  app.post('/instruction/appels/:callId/exports', STAFF, async (request, reply) => {
    const w = words(request.ctx.locale);
    const callId = callIdOf(request);
    // The dossiers list of the call posts its current filter as `statut` (same values).
    const body = (request.body ?? {}) as Record<string, unknown>;
    const input =
      body.statuses === undefined && body.statut !== undefined ? { ...body, statuses: body.statut } : body;
    const parsed = parseForm(exportRequestForm(w), input);
    if (!parsed.ok) {
      // A status error is reported on the group as a whole (not on « statuses.1 »).
      const errors: Record<string, string> = {};
      for (const [field, message] of Object.entries(parsed.state.errors))
        errors[field.split('.')[0] ?? field] ??= message;
      const summary = Object.entries(errors).map(([field, message]) => ({ field, message }));
      return listPage(request, reply, { values: parsed.state.values, errors, summary }, 400);
    }
    const id = await service.request(callId, parsed.data, actorOf(request), contextOf(request));
    return reply.redirect(`/instruction/appels/${callId}/exports/${id}`, 303);
  });

  app.get('/instruction/appels/:callId/exports/:exportId', STAFF, async (request, reply) => {
    const w = words(request.ctx.locale);
    const params = exportParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    const { call, export: row, valid } = await service.progress(params.data.callId, params.data.exportId);
    return reply.page(
      w.progress.title,
      <ExportProgressPage ctx={request.ctx} w={w} call={call} row={row} valid={valid} />,
    );
  });

  app.get('/instruction/appels/:callId/exports/:exportId/fichier', STAFF, async (request, reply) => {
    const w = words(request.ctx.locale);
    const params = exportParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    const { callId, exportId } = params.data;
    try {
      const file = await service.download(callId, exportId, actorOf(request), contextOf(request));
      reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'private, no-store');
      if (file.size !== null) reply.header('content-length', String(file.size));
      return reply.send(file.stream);
    } catch (error) {
      if (!(error instanceof ExportGone) && !(error instanceof ExportNotReady)) throw error;
      const { call } = await service.overview(callId);
      const gone = error instanceof ExportGone;
      return reply.page(
        w.progress.title,
        <ExportProblemPage
          ctx={request.ctx}
          w={w}
          call={call}
          exportId={exportId}
          message={gone ? w.errors.expired : w.errors.notReady}
        />,
        { status: gone ? 410 : 409 },
      );
    }
  });
}
