import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/schema.js';
import type { FundingPartnersTable, PartnerKind } from './funding.tables.js';

export interface FundingPartner {
  id: string;
  slug: string;
  name: string;
  short_name: string;
  kind: PartnerKind;
  website: string | null;
  description: string;
  created_at: Date;
}

export type NewFundingPartner = Omit<FundingPartnersTable, 'id' | 'created_at'>;

const columns = ['id', 'slug', 'name', 'short_name', 'kind', 'website', 'description', 'created_at'] as const;

/** Every partner, by short name ignoring accents and case ('État' sorts with the E), the same on both engines. */
export function listPartners(db: DbOrTx): Promise<FundingPartner[]> {
  return db
    .selectFrom('funding_partners')
    .select(columns)
    .orderBy(sql`lower(f_unaccent(short_name)) COLLATE "C"`)
    .orderBy('slug')
    .execute();
}

export function findPartnerBySlug(db: DbOrTx, slug: string): Promise<FundingPartner | undefined> {
  return db.selectFrom('funding_partners').select(columns).where('slug', '=', slug).executeTakeFirst();
}

/**
 * Inserts the partners whose slug is not there yet and leaves the others untouched (their details may
 * have been edited on the platform since). Returns how many were inserted.
 */
export async function insertMissingPartners(
  db: DbOrTx,
  partners: readonly NewFundingPartner[],
): Promise<number> {
  if (partners.length === 0) return 0;
  const inserted = await db
    .insertInto('funding_partners')
    .values(partners.map((p) => ({ ...p })))
    .onConflict((oc) => oc.column('slug').doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

export async function countPartners(db: DbOrTx): Promise<number> {
  const { n } = await db
    .selectFrom('funding_partners')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
