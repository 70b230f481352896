import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/index.js';
import type { Mailer } from '../../platform/mail/index.js';

export interface OrganisationMembersRoutesOptions {
  db: Db;
  mailer: Mailer;
  config: Config;
}

/** Members, invitations, claims and the movement (charter, banner) of organisations. */
export async function organisationMembersRoutes(
  _app: FastifyInstance,
  _options: OrganisationMembersRoutesOptions,
): Promise<void> {}
