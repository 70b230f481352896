import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import { accountsRoutes, accountsSession } from './modules/accounts/index.js';
import { adminRoutes } from './modules/admin/index.js';
import { callsRoutes } from './modules/calls/index.js';
import { directoryRoutes } from './modules/directory/index.js';
import {
  dossierExportsRoutes,
  dossierSubmissionRoutes,
  dossiersRoutes,
  instructionRoutes,
} from './modules/dossiers/index.js';
import { notificationsRoutes } from './modules/notifications/index.js';
import { organisationMembersRoutes, organisationsRoutes } from './modules/organisations/index.js';
import {
  selectionAssignmentRoutes,
  selectionAuditionsRoutes,
  selectionConflictsRoutes,
  selectionDeliberationRoutes,
  selectionJuryRoutes,
  selectionRankingRoutes,
  selectionReviewsRoutes,
  showcaseRoutes,
} from './modules/selection/index.js';
import { siteRoutes } from './modules/site/index.js';
import { accessControl } from './platform/access/index.js';
import type { Database } from './platform/db/index.js';
import { createLocalFileStore, type FileStore } from './platform/files/index.js';
import { assetRoutes } from './platform/http/assets.js';
import { compression } from './platform/http/compression.js';
import { requestContext } from './platform/http/context.js';
import { csrf } from './platform/http/csrf.js';
import { registerErrorHandlers } from './platform/http/error-handler.js';
import { healthRoutes } from './platform/http/health.js';
import { security } from './platform/http/security.js';
import { type Mailer, outboxRoutes, shouldServeOutbox } from './platform/mail/index.js';
import { catalogueRoutes } from './platform/views/catalogue.routes.js';

export interface AppDeps {
  config: Config;
  database: Database;
  mailer: Mailer;
  /** Uploaded files; default: a local store in config.FILES_DIR. */
  files?: FileStore;
}

const REQUEST_ID = /^[\w-]{8,64}$/;

/** Log options: JSON lines with request ids; secrets never written. */
export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
        '*._csrf',
      ],
      censor: '[masqué]',
    },
  };
}

/** The whole application: platform plugins first, then the explicit list of modules. */
export async function buildApp(
  deps: AppDeps,
  options: {
    logger?: FastifyServerOptions['logger'];
    /** The server's clock where a rule depends on the instant (deadlines); tests give their own. */
    clock?: () => Date;
  } = {},
) {
  const { config, database, mailer } = deps;
  // One file store for the app: modules that keep files receive it as the option `files`.
  const files = deps.files ?? createLocalFileStore(config.FILES_DIR);
  const https = config.PUBLIC_URL?.startsWith('https://') ?? false;
  const app: FastifyInstance = Fastify({
    logger: options.logger ?? loggerOptions(config),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    disableRequestLogging: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  // One log line per request, once answered (Fastify's default writes two); the path only, never the
  // query string, which may carry a token.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        path: request.ctx?.path,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  app.decorate('files', files);
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: config.BODY_LIMIT_BYTES });
  await app.register(compression);
  await app.register(requestContext);
  await app.register(security, { https });
  // Sessions before CSRF: a signed-in request's CSRF token is bound to its session.
  await app.register(accountsSession, { db: database.db, mailer, config });
  await app.register(csrf, { secret: config.SESSION_SECRET, secure: https });
  // Once the session is known: every route declares who may use it, checked before its handler.
  await app.register(accessControl);
  registerErrorHandlers(app, { bodyLimit: config.BODY_LIMIT_BYTES });

  await app.register(assetRoutes);
  await app.register(healthRoutes(database));
  await app.register(catalogueRoutes);
  if (shouldServeOutbox(config)) await app.register(outboxRoutes, { db: database.db, mailer });

  // Modules, in dependency order.
  await app.register(siteRoutes);
  await app.register(accountsRoutes, { config, db: database.db });
  await app.register(adminRoutes, { db: database.db });
  await app.register(organisationsRoutes, { db: database.db, config });
  await app.register(organisationMembersRoutes, { db: database.db, mailer, config });
  await app.register(directoryRoutes, { db: database.db });
  await app.register(callsRoutes, { db: database.db });
  await app.register(dossiersRoutes, { db: database.db, files, mailer, config });
  await app.register(dossierSubmissionRoutes, {
    db: database.db,
    ...(options.clock ? { now: options.clock } : {}),
  });
  await app.register(instructionRoutes, { db: database.db, files });
  await app.register(dossierExportsRoutes, { db: database.db, files });
  await app.register(showcaseRoutes, { db: database.db });
  await app.register(selectionJuryRoutes, { db: database.db });
  await app.register(selectionConflictsRoutes, { db: database.db });
  await app.register(selectionAssignmentRoutes, { db: database.db });
  await app.register(selectionReviewsRoutes, { db: database.db, files });
  await app.register(selectionRankingRoutes, { db: database.db });
  await app.register(selectionAuditionsRoutes, { db: database.db, mailer });
  await app.register(selectionDeliberationRoutes, {
    db: database.db,
    mailer,
    baseUrl: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, ''),
  });
  await app.register(notificationsRoutes, { db: database.db });

  return app;
}
