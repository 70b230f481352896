import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../platform/db/index.js';
import { localised } from '../../platform/i18n/index.js';
import { dossiersEn } from './dossiers.en.js';
import { dossiersFr } from './dossiers.fr.js';
import { organisationsOf } from './dossiers.queries.js';
import { ApplyBox } from './views/applicantApply.js';

const words = localised({ fr: dossiersFr, en: dossiersEn });

/**
 * The « Candidater » box of an open call's public page: the choice among the visitor's organisations, or
 * the way to sign in or to create an organisation first.
 */
export async function applyBox(db: DbOrTx, request: FastifyRequest, slug: string): Promise<JSX.Element> {
  const userId = request.principal?.userId ?? null;
  const organisations = userId ? await organisationsOf(db, userId) : null;
  return (
    <ApplyBox ctx={request.ctx} w={words(request.ctx.locale)} slug={slug} organisations={organisations} />
  );
}
