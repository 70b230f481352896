import type { Db } from '../../platform/db/index.js';
import { seedGeography } from '../../platform/geo/index.js';
import { createTestApp, type TestApp } from '../../platform/testing/app.js';
import type { LegalForm, MemberRole } from './organisations.tables.js';

let seq = 0;

/**
 * For tests of every module: an organisation written straight to the database (commune Paris 75056 by
 * default when the geography is seeded, none otherwise), with its members.
 */
export async function createTestOrganisation(
  db: Db,
  options: {
    id?: string;
    name?: string;
    legalForm?: LegalForm;
    siren?: string | null;
    communeCode?: string;
    description?: string;
    members?: readonly { userId: string; role?: MemberRole }[];
  } = {},
): Promise<{ id: string; name: string }> {
  const name = options.name ?? `Organisation d’essai ${++seq}`;
  // Without seeded geography and no commune asked for, the organisation has no commune.
  const commune = await db
    .selectFrom('geo_communes')
    .select(['code', 'name', 'departement_code', 'region_code'])
    .where('code', '=', options.communeCode ?? '75056')
    .executeTakeFirst();
  if (!commune && options.communeCode)
    throw new Error(`Unknown commune ${options.communeCode}: seed the geography first`);
  const row = await db
    .insertInto('organisations')
    .values({
      ...(options.id ? { id: options.id } : {}),
      name,
      legal_form: options.legalForm ?? 'association',
      siren: options.siren ?? null,
      commune_code: commune?.code ?? null,
      commune_name: commune?.name ?? null,
      departement_code: commune?.departement_code ?? null,
      region_code: commune?.region_code ?? null,
      description: options.description ?? '',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const member of options.members ?? [])
    await db
      .insertInto('organisation_members')
      .values({ organisation_id: row.id, user_id: member.userId, role: member.role ?? 'owner' })
      .execute();
  return { id: row.id, name };
}

/** A test app whose database has the geography (communes are part of every organisation). */
export async function startApp(): Promise<TestApp> {
  const t = await createTestApp();
  await seedGeography(t.database.db);
  return t;
}
