import type { FastifyInstance } from 'fastify';
import { publicAccess } from '../access/index.js';
import { ComponentCatalogue } from './components/index.js';

/**
 * `/_composants`: every DSFR wrapper with its examples, for the people who build pages. The browser suite
 * checks this page with axe-core, so every component is checked for accessibility in a real browser.
 */
export async function catalogueRoutes(app: FastifyInstance) {
  app.get('/_composants', { config: { access: publicAccess } }, async (_request, reply) =>
    reply.page(
      'Composants',
      <>
        <h1>Composants du système de design de l’État</h1>
        <p class="fr-text--lead">
          Les composants DSFR de la plateforme, tels que les pages les utilisent (enveloppes TSX typées de
          src/platform/views/components).
        </p>
        <ComponentCatalogue />
      </>,
    ),
  );
}
