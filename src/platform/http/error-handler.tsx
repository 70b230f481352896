import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LOCALE, messages } from '../i18n/index.js';
import { ErrorPage } from '../views/ErrorPage.js';
import { AppError, RateLimited } from './errors.js';

interface Shown {
  status: number;
  code: string;
  title: string;
  message: string;
  help?: string;
  fields?: Record<string, string>;
}

function formatBytes(bytes: number): string {
  return bytes >= 1_048_576 ? `${Math.round(bytes / 1_048_576)} Mo` : `${Math.round(bytes / 1024)} ko`;
}

/** Maps any error to what the user may see: typed errors keep their message, everything else is generic. */
function describe(error: FastifyError | AppError, request: FastifyRequest, bodyLimit: number): Shown {
  const m = request.ctx?.m ?? messages(DEFAULT_LOCALE);
  if (error instanceof AppError) {
    const title =
      error.status === 404
        ? m.errors.notFoundTitle
        : error.status === 403
          ? m.errors.forbiddenTitle
          : error.status === 429
            ? m.errors.rateLimitedTitle
            : m.errors.badRequestTitle;
    const fields = (error.details?.fields as Record<string, string> | undefined) ?? undefined;
    return {
      status: error.status,
      code: error.code,
      title,
      message: error.message,
      ...(error.status === 404 ? { help: m.errors.notFoundHelp } : {}),
      ...(fields ? { fields } : {}),
    };
  }
  const status = error.statusCode ?? 500;
  if (status === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return {
      status: 413,
      code: 'payload_too_large',
      title: m.errors.tooLargeTitle,
      message: m.errors.tooLarge(formatBytes(bodyLimit)),
    };
  }
  if (status === 415 || error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return {
      status: 415,
      code: 'unsupported_media_type',
      title: m.errors.unsupportedTitle,
      message: m.errors.unsupported,
    };
  }
  if (status === 404) {
    return {
      status: 404,
      code: 'not_found',
      title: m.errors.notFoundTitle,
      message: m.errors.notFound,
      help: m.errors.notFoundHelp,
    };
  }
  if (status >= 400 && status < 500) {
    // Fastify's own 4xx (broken JSON, bad encodings, wrong lengths): never its English internals.
    return {
      status,
      code: 'bad_request',
      title: m.errors.badRequestTitle,
      message:
        'La requête envoyée est invalide ou mal formée. Vérifiez ce que vous avez saisi puis réessayez.',
    };
  }
  return {
    status: 500,
    code: 'internal',
    title: m.errors.serverTitle,
    message: m.errors.server,
    help: m.errors.serverHelp,
  };
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url === '/api';
}

export function registerErrorHandlers(app: FastifyInstance, options: { bodyLimit: number }) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const shown = describe(error, request, options.bodyLimit);
    if (shown.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: shown.code, status: shown.status, err: error.message }, 'request refused');
    if (error instanceof RateLimited) reply.header('retry-after', String(error.retryAfterSeconds));
    if (wantsJson(request)) {
      return reply.code(shown.status).send({
        error: {
          code: shown.code,
          message: shown.message,
          ...(shown.fields ? { fields: shown.fields } : {}),
        },
        requestId: request.id,
      });
    }
    if (!request.ctx) return reply.code(shown.status).type('text/plain; charset=utf-8').send(shown.message);
    return reply.page(
      shown.title,
      <ErrorPage
        ctx={request.ctx}
        status={shown.status}
        title={shown.title}
        message={shown.message}
        help={shown.help}
        reference={shown.status >= 500 ? request.id : undefined}
      />,
      { status: shown.status },
    );
  });

  app.setNotFoundHandler((request, reply) => {
    const m = request.ctx.m;
    if (wantsJson(request)) {
      return reply
        .code(404)
        .send({ error: { code: 'not_found', message: m.errors.notFound }, requestId: request.id });
    }
    return reply.page(
      m.errors.notFoundTitle,
      <ErrorPage
        ctx={request.ctx}
        status={404}
        title={m.errors.notFoundTitle}
        message={m.errors.notFound}
        help={m.errors.notFoundHelp}
      />,
      { status: 404 },
    );
  });
}
