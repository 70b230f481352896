import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { publicAccess } from '../access/index.js';
import type { Database } from '../db/index.js';

/** `/sante`: 200 when the database answers, 503 otherwise. Used by load balancers and monitoring. */
export function healthRoutes(database: Database) {
  return async (app: FastifyInstance) => {
    app.get('/sante', { config: { access: publicAccess } }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      try {
        await sql`SELECT 1`.execute(database.db);
        return { statut: 'ok', base: database.engine };
      } catch (error) {
        request.log.error({ err: error }, 'health check: database unreachable');
        return reply.code(503).send({ statut: 'indisponible', base: database.engine });
      }
    });
  };
}
