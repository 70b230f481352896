import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import type { CommuneWithParents } from '../../platform/geo/index.js';
import type { OrganisationFields } from './organisations.schemas.js';
import type { ImpactDomain, LegalForm, MemberRole } from './organisations.tables.js';

/** An organisation as its pages read it, with the names of its département and région. */
export interface OrganisationRow {
  id: string;
  name: string;
  legal_form: LegalForm;
  categorie_juridique: string | null;
  siren: string | null;
  siret: string | null;
  rna: string | null;
  naf_code: string | null;
  address: string | null;
  postal_code: string | null;
  commune_code: string | null;
  commune_name: string | null;
  departement_code: string | null;
  departement_name: string | null;
  region_code: string | null;
  region_name: string | null;
  domains: ImpactDomain[];
  description: string;
  website: string | null;
  size_band: string | null;
  founded_year: number | null;
  contact_email: string | null;
  contact_phone: string | null;
  show_contact: boolean;
  movement_joined_at: Date | null;
  source: string;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  has_logo: boolean;
}

export async function findOrganisation(db: DbOrTx, id: string): Promise<OrganisationRow | undefined> {
  const row = await db
    .selectFrom('organisations as o')
    .leftJoin('geo_departements as d', 'd.code', 'o.departement_code')
    .leftJoin('geo_regions as r', 'r.code', 'o.region_code')
    .select([
      'o.id',
      'o.name',
      'o.legal_form',
      'o.categorie_juridique',
      'o.siren',
      'o.siret',
      'o.rna',
      'o.naf_code',
      'o.address',
      'o.postal_code',
      'o.commune_code',
      'o.commune_name',
      'o.departement_code',
      'd.name as departement_name',
      'o.region_code',
      'r.name as region_name',
      'o.domains',
      'o.description',
      'o.website',
      'o.size_band',
      'o.founded_year',
      'o.contact_email',
      'o.contact_phone',
      'o.show_contact',
      'o.movement_joined_at',
      'o.source',
      'o.closed_at',
      'o.created_at',
      'o.updated_at',
      sql<boolean>`EXISTS (SELECT 1 FROM organisation_logos l WHERE l.organisation_id = o.id)`.as('has_logo'),
    ])
    .where('o.id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, domains: [...row.domains] } : undefined;
}

/** An open organisation that another one may duplicate. */
export interface DuplicateCandidate {
  id: string;
  name: string;
  siren: string | null;
  rna: string | null;
  commune_name: string | null;
  departement_code: string | null;
}

const candidateColumns = ['id', 'name', 'siren', 'rna', 'commune_name', 'departement_code'] as const;

/** Open organisations (not closed) holding this SIREN or RNA number, other than `excludeId`. */
export function findByIdentifiers(
  db: DbOrTx,
  ids: { siren: string | null; rna: string | null },
  excludeId?: string,
): Promise<DuplicateCandidate[]> {
  if (!ids.siren && !ids.rna) return Promise.resolve([]);
  let query = db
    .selectFrom('organisations')
    .select(candidateColumns)
    .where('closed_at', 'is', null)
    .where((eb) => {
      const or = [];
      if (ids.siren) or.push(eb('siren', '=', ids.siren));
      if (ids.rna) or.push(eb('rna', '=', ids.rna));
      return eb.or(or);
    });
  if (excludeId) query = query.where('id', '<>', excludeId);
  return query.orderBy('name').limit(20).execute();
}

/**
 * Open organisations of the same commune whose name is close: the same search key ('Éco-Lab' and
 * 'eco lab'), or a trigram similarity of at least 0.6 (pg_trgm).
 */
export function findCloseNames(
  db: DbOrTx,
  name: string,
  communeCode: string,
  excludeId?: string,
): Promise<DuplicateCandidate[]> {
  const key = sql<string>`geo_name_key(${name})`;
  let query = db
    .selectFrom('organisations')
    .select(candidateColumns)
    .where('commune_code', '=', communeCode)
    .where('closed_at', 'is', null)
    .where(sql<boolean>`(name_key = ${key} OR similarity(name_key, ${key}) >= 0.6)`);
  if (excludeId) query = query.where('id', '<>', excludeId);
  return query.orderBy(sql`similarity(name_key, ${key})`, 'desc').orderBy('name').limit(10).execute();
}

/** The columns a create or an edit writes. */
function columns(fields: OrganisationFields, commune: CommuneWithParents) {
  return {
    name: fields.name,
    legal_form: fields.legal_form,
    categorie_juridique: fields.categorie_juridique,
    siren: fields.siren,
    siret: fields.siret,
    rna: fields.rna,
    naf_code: fields.naf_code,
    address: fields.address,
    postal_code: fields.postal_code,
    commune_code: commune.code,
    commune_name: commune.name,
    departement_code: commune.departement_code,
    region_code: commune.region_code,
    domains: fields.domains,
    description: fields.description,
    website: fields.website,
    size_band: fields.size_band,
    founded_year: fields.founded_year,
    contact_email: fields.contact_email,
    contact_phone: fields.contact_phone,
    show_contact: fields.show_contact,
  };
}

export async function insertOrganisation(
  db: DbOrTx,
  fields: OrganisationFields,
  commune: CommuneWithParents,
  createdBy: string,
): Promise<string> {
  const row = await db
    .insertInto('organisations')
    .values({ ...columns(fields, commune), created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the fields, with a new `change_seq` and `updated_at` (the directory follows the changes). */
export async function updateOrganisationRow(
  db: DbOrTx,
  id: string,
  fields: OrganisationFields,
  commune: CommuneWithParents,
): Promise<void> {
  await db
    .updateTable('organisations')
    .set({
      ...columns(fields, commune),
      updated_at: sql<Date>`now()`,
      change_seq: sql`nextval('organisations_change_seq')`,
    })
    .where('id', '=', id)
    .execute();
}

export async function insertMember(
  db: DbOrTx,
  organisationId: string,
  userId: string,
  role: MemberRole,
): Promise<void> {
  await db
    .insertInto('organisation_members')
    .values({ organisation_id: organisationId, user_id: userId, role })
    .execute();
}

export interface MemberView {
  user_id: string;
  display_name: string;
  role: MemberRole;
}

/** Members of an organisation (accounts not deleted), owners first, by name. */
export function listMembers(db: DbOrTx, organisationId: string): Promise<MemberView[]> {
  return db
    .selectFrom('organisation_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.display_name', 'm.role'])
    .where('m.organisation_id', '=', organisationId)
    .where('u.deleted_at', 'is', null)
    .orderBy(sql`m.role = 'owner'`, 'desc')
    .orderBy('u.display_name')
    .execute();
}

// --- Logos -------------------------------------------------------------------------------------

export function findLogo(db: DbOrTx, organisationId: string) {
  return db
    .selectFrom('organisation_logos')
    .select(['content', 'content_type', 'width', 'height', 'sha256', 'updated_at'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
}

export async function upsertLogo(
  db: DbOrTx,
  organisationId: string,
  logo: {
    content: Uint8Array;
    content_type: 'image/png' | 'image/webp';
    width: number;
    height: number;
    sha256: string;
  },
): Promise<void> {
  await db
    .insertInto('organisation_logos')
    .values({ organisation_id: organisationId, ...logo })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ ...logo, updated_at: sql<Date>`now()` }))
    .execute();
}

export async function deleteLogo(db: DbOrTx, organisationId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('organisation_logos')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
