import { sql } from 'kysely';
import type { JsonValue } from '../../platform/audit/index.js';
import type { DbOrTx } from '../../platform/db/index.js';
import { formDigest } from './dossiers.forms.js';
import type { DossierStatus } from './dossiers.tables.js';

/** The SQL of the applicant side of dossiers (start, answers, attachments, partners, lists). */

export interface DossierRow {
  id: string;
  reference: string;
  call_id: string;
  organisation_id: string;
  form_version: number;
  status: DossierStatus;
  answers: JsonValue;
  lock_version: number;
  title: string;
  created_at: Date;
  updated_at: Date;
  last_submitted_at: Date | null;
  call_title: string;
  call_slug: string;
  call_closes_at: Date | null;
  organisation_name: string;
}

/** A dossier as one query gives it: its row, its partners and the digest of its recorded form. */
export interface FoundDossier extends DossierRow {
  first_submitted_at: Date | null;
  /** The key of the parsed forms kept in memory (dossiers.forms.ts). */
  form_digest: string | null;
  partner_ids: string[];
}

/**
 * The dossier, with the ids of its partner organisations (access decisions) and the digest of its recorded
 * form (the key of the parsed forms kept in memory): one round trip for everything a page of it needs.
 */
export function findDossier(db: DbOrTx, id: string): Promise<FoundDossier | undefined> {
  return db
    .selectFrom('dossiers as d')
    .innerJoin('calls as c', 'c.id', 'd.call_id')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .leftJoin('call_form_versions as f', (join) =>
      join.onRef('f.call_id', '=', 'd.call_id').onRef('f.version', '=', 'd.form_version'),
    )
    .select([
      'd.id',
      'd.reference',
      'd.call_id',
      'd.organisation_id',
      'd.form_version',
      'd.status',
      'd.answers',
      'd.lock_version',
      'd.title',
      'd.created_at',
      'd.updated_at',
      'd.last_submitted_at',
      'd.first_submitted_at',
      'c.title as call_title',
      'c.slug as call_slug',
      'c.closes_at as call_closes_at',
      'o.name as organisation_name',
      formDigest('f.form').as('form_digest'),
      sql<
        string[]
      >`array(select p.organisation_id::text from dossier_partners p where p.dossier_id = d.id)`.as(
        'partner_ids',
      ),
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/** The dossier of an organisation on a call, withdrawn ones aside (at most one: a unique index). */
export async function findLiveDossierId(
  db: DbOrTx,
  callId: string,
  organisationId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('dossiers')
    .select('id')
    .where('call_id', '=', callId)
    .where('organisation_id', '=', organisationId)
    .where('status', '<>', 'sans_suite')
    .executeTakeFirst();
  return row?.id;
}

export async function isMember(db: DbOrTx, organisationId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('organisation_members')
    .select('user_id')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function organisationName(db: DbOrTx, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name;
}

export interface MyOrganisation {
  id: string;
  name: string;
}

export function organisationsOf(db: DbOrTx, userId: string): Promise<MyOrganisation[]> {
  return db
    .selectFrom('organisation_members as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['o.id', 'o.name'])
    .where('m.user_id', '=', userId)
    .orderBy('o.name')
    .execute();
}

export async function nextReferenceNumber(db: DbOrTx): Promise<string> {
  const result = await sql<{ next: string }>`SELECT nextval('dossier_reference_seq')::text AS next`.execute(
    db,
  );
  const next = result.rows[0]?.next;
  if (!next) throw new Error('dossier_reference_seq gave no value');
  return next;
}

export async function insertDossier(
  db: DbOrTx,
  values: {
    reference: string;
    callId: string;
    organisationId: string;
    formVersion: number;
    title: string;
    userId: string;
  },
): Promise<string> {
  const row = await db
    .insertInto('dossiers')
    .values({
      reference: values.reference,
      call_id: values.callId,
      organisation_id: values.organisationId,
      form_version: values.formVersion,
      title: values.title,
      created_by: values.userId,
      updated_by: values.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('dossier_transitions')
    .values({ dossier_id: row.id, from_status: null, to_status: 'brouillon', actor_id: values.userId })
    .execute();
  return row.id;
}

/**
 * Writes the answers if nobody saved since `expectedLock` and the dossier is still editable; the new lock
 * version, or undefined when the row did not match.
 */
export async function updateAnswers(
  db: DbOrTx,
  id: string,
  answers: JsonValue,
  expectedLock: number,
  userId: string,
): Promise<number | undefined> {
  const row = await db
    .updateTable('dossiers')
    .set({
      answers: JSON.stringify(answers),
      lock_version: sql<number>`lock_version + 1`,
      updated_at: sql<Date>`now()`,
      updated_by: userId,
    })
    .where('id', '=', id)
    .where('lock_version', '=', expectedLock)
    .where('status', 'in', ['brouillon', 'a_corriger'])
    .returning('lock_version')
    .executeTakeFirst();
  return row?.lock_version;
}

export async function insertDossierFile(
  db: DbOrTx,
  values: {
    dossierId: string;
    fieldId: string;
    name: string;
    contentType: string;
    size: number;
    sha256: string;
    storageKey: string;
    userId: string;
  },
): Promise<string> {
  const row = await db
    .insertInto('dossier_files')
    .values({
      dossier_id: values.dossierId,
      field_id: values.fieldId,
      name: values.name,
      content_type: values.contentType,
      size: values.size,
      sha256: values.sha256,
      storage_key: values.storageKey,
      uploaded_by: values.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface DossierFileRow {
  id: string;
  dossier_id: string;
  name: string;
  content_type: string;
  size: number;
  storage_key: string;
}

export function findDossierFile(
  db: DbOrTx,
  dossierId: string,
  fileId: string,
): Promise<DossierFileRow | undefined> {
  return db
    .selectFrom('dossier_files')
    .select(['id', 'dossier_id', 'name', 'content_type', 'size', 'storage_key'])
    .where('id', '=', fileId)
    .where('dossier_id', '=', dossierId)
    .executeTakeFirst();
}

export interface PartnerRow {
  id: string;
  name: string;
  siren: string | null;
  rna: string | null;
}

export function partnersOf(db: DbOrTx, dossierId: string): Promise<PartnerRow[]> {
  return db
    .selectFrom('dossier_partners as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['o.id', 'o.name', 'o.siren', 'o.rna'])
    .where('p.dossier_id', '=', dossierId)
    .orderBy('o.name')
    .execute();
}

/** An organisation named by its SIREN, its RNA number or its id. */
export function findOrganisationByIdentifier(
  db: DbOrTx,
  identifier: { siren?: string; rna?: string; id?: string },
): Promise<PartnerRow | undefined> {
  let query = db.selectFrom('organisations').select(['id', 'name', 'siren', 'rna']);
  if (identifier.siren) query = query.where('siren', '=', identifier.siren);
  else if (identifier.rna) query = query.where('rna', '=', identifier.rna);
  else if (identifier.id) query = query.where('id', '=', identifier.id);
  else return Promise.resolve(undefined);
  return query.orderBy('created_at').executeTakeFirst();
}

/**
 * The organisation of the dossier (lead or partner) that shares its SIREN with `organisationId` (its
 * `siren`, or the first 9 digits of its `siret`): the same legal person under another profile.
 */
export async function sameSirenInDossier(
  db: DbOrTx,
  dossierId: string,
  organisationId: string,
): Promise<{ name: string } | undefined> {
  const siren = sql<string | null>`coalesce(o.siren, left(o.siret, 9))`;
  return db
    .selectFrom('organisations as o')
    .select('o.name')
    .where('o.id', '<>', organisationId)
    .where((eb) =>
      eb.or([
        eb('o.id', '=', eb.selectFrom('dossiers').select('organisation_id').where('id', '=', dossierId)),
        eb(
          'o.id',
          'in',
          eb.selectFrom('dossier_partners').select('organisation_id').where('dossier_id', '=', dossierId),
        ),
      ]),
    )
    .where(
      siren,
      '=',
      db
        .selectFrom('organisations as x')
        .select(sql<string>`coalesce(x.siren, left(x.siret, 9))`.as('siren'))
        .where('x.id', '=', organisationId),
    )
    .orderBy('o.name')
    .executeTakeFirst();
}

export async function insertPartner(
  db: DbOrTx,
  dossierId: string,
  organisationId: string,
  userId: string,
): Promise<boolean> {
  const rows = await db
    .insertInto('dossier_partners')
    .values({ dossier_id: dossierId, organisation_id: organisationId, added_by: userId })
    .onConflict((oc) => oc.columns(['dossier_id', 'organisation_id']).doNothing())
    .returning('organisation_id')
    .execute();
  return rows.length > 0;
}

export async function deletePartner(db: DbOrTx, dossierId: string, organisationId: string): Promise<boolean> {
  const rows = await db
    .deleteFrom('dossier_partners')
    .where('dossier_id', '=', dossierId)
    .where('organisation_id', '=', organisationId)
    .returning('organisation_id')
    .execute();
  return rows.length > 0;
}

/** Marks the dossier as changed (partners): the lists show it. */
export async function touchDossier(db: DbOrTx, id: string, userId: string): Promise<void> {
  await db
    .updateTable('dossiers')
    .set({ updated_at: sql<Date>`now()`, updated_by: userId })
    .where('id', '=', id)
    .execute();
}

export interface MyDossierRow {
  id: string;
  reference: string;
  title: string;
  status: DossierStatus;
  updated_at: Date;
  call_title: string;
  call_slug: string;
  organisation_name: string;
  /** True when the user sees it as a member of a partner organisation. */
  as_partner: boolean;
}

/** The dossiers of the organisations the user belongs to, as main organisation or as partner. */
export function dossiersOfUser(db: DbOrTx, userId: string): Promise<MyDossierRow[]> {
  const mine = db.selectFrom('organisation_members').select('organisation_id').where('user_id', '=', userId);
  return db
    .selectFrom('dossiers as d')
    .innerJoin('calls as c', 'c.id', 'd.call_id')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .select([
      'd.id',
      'd.reference',
      'd.title',
      'd.status',
      'd.updated_at',
      'c.title as call_title',
      'c.slug as call_slug',
      'o.name as organisation_name',
    ])
    .select((eb) =>
      eb
        .not(eb('d.organisation_id', 'in', mine))
        .$castTo<boolean>()
        .as('as_partner'),
    )
    .where((eb) =>
      eb.or([
        eb('d.organisation_id', 'in', mine),
        eb.exists(
          eb
            .selectFrom('dossier_partners as p')
            .select('p.dossier_id')
            .whereRef('p.dossier_id', '=', 'd.id')
            .where('p.organisation_id', 'in', mine),
        ),
      ]),
    )
    .orderBy('d.updated_at', 'desc')
    .orderBy('d.id')
    .execute();
}

export function submittedVersions(
  db: DbOrTx,
  dossierId: string,
): Promise<{ version: number; submitted_at: Date }[]> {
  return db
    .selectFrom('dossier_versions')
    .select(['version', 'submitted_at'])
    .where('dossier_id', '=', dossierId)
    .orderBy('version')
    .execute();
}
