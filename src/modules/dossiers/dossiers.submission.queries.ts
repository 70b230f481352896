/**
 * SQL of submission (dépôt), frozen versions and withdrawal. Every function takes `db` or a transaction first;
 * nothing here decides anything (see dossiers.submission.service.ts).
 */
import { sql } from 'kysely';
import type { JsonValue } from '../../platform/audit/index.js';
import type { DbOrTx } from '../../platform/db/index.js';
import { formDigest } from './dossiers.forms.js';
import type { DossierStatus } from './dossiers.tables.js';

export interface LockedDossier {
  id: string;
  reference: string;
  call_id: string;
  organisation_id: string;
  form_version: number;
  status: DossierStatus;
  answers: JsonValue;
  lock_version: number;
  title: string;
  first_submitted_at: Date | null;
}

const DOSSIER_COLUMNS = [
  'id',
  'reference',
  'call_id',
  'organisation_id',
  'form_version',
  'status',
  'answers',
  'lock_version',
  'title',
  'first_submitted_at',
] as const;

/** The dossier, its row locked until the transaction ends (serialises submissions and withdrawals). */
export function lockDossier(trx: DbOrTx, id: string): Promise<LockedDossier | undefined> {
  return trx
    .selectFrom('dossiers')
    .select(DOSSIER_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export interface CallFacts {
  id: string;
  title: string;
  status: 'draft' | 'published' | 'closed_early';
  opens_at: Date | null;
  closes_at: Date | null;
  closed_message: string | null;
}

export interface VersionRow {
  dossier_id: string;
  version: number;
  form_version: number;
  answers: JsonValue;
  submitted_by: string | null;
  submitted_at: Date;
  submission_key: string;
  receipt_number: string;
  digest: string;
}

const VERSION_COLUMNS = [
  'dossier_id',
  'version',
  'form_version',
  'answers',
  'submitted_by',
  'submitted_at',
  'submission_key',
  'receipt_number',
  'digest',
] as const;

export function findVersionByKey(
  db: DbOrTx,
  dossierId: string,
  submissionKey: string,
): Promise<VersionRow | undefined> {
  return db
    .selectFrom('dossier_versions')
    .select(VERSION_COLUMNS)
    .where('dossier_id', '=', dossierId)
    .where('submission_key', '=', submissionKey)
    .executeTakeFirst();
}

/** The correction request not answered yet (the latest one). */
export function findOpenCorrection(
  db: DbOrTx,
  dossierId: string,
): Promise<{ id: string; due_at: Date } | undefined> {
  return db
    .selectFrom('dossier_corrections')
    .select(['id', 'due_at'])
    .where('dossier_id', '=', dossierId)
    .where('answered_version', 'is', null)
    .orderBy('requested_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** What a submission checks once the dossier's row is locked, read in one statement (a fresh snapshot). */
export interface SubmissionFacts {
  call: CallFacts;
  /** The digest of the recorded form (the key of the parsed forms kept in memory). */
  formDigest: string | null;
  /** The latest frozen version (0 when never submitted). */
  maxVersion: number;
  /** The version this submission key froze, if any (a replay). */
  keyVersion: number | null;
  /** The files of this dossier among `fileIds`, with their content digest. */
  files: { id: string; sha256: string; size: number; name: string }[];
}

export async function findSubmissionFacts(
  trx: DbOrTx,
  input: { dossierId: string; callId: string; formVersion: number; submissionKey: string; fileIds: string[] },
): Promise<SubmissionFacts | undefined> {
  const { dossierId } = input;
  const row = await trx
    .selectFrom('calls as c')
    .leftJoin('call_form_versions as f', (join) =>
      join.onRef('f.call_id', '=', 'c.id').on('f.version', '=', input.formVersion),
    )
    .select([
      'c.id',
      'c.title',
      'c.status',
      'c.opens_at',
      'c.closes_at',
      'c.closed_message',
      formDigest('f.form').as('form_digest'),
      sql<
        number | null
      >`(SELECT max(v.version) FROM dossier_versions v WHERE v.dossier_id = ${dossierId})`.as('max_version'),
      sql<number | null>`(SELECT v.version FROM dossier_versions v
        WHERE v.dossier_id = ${dossierId} AND v.submission_key = ${input.submissionKey})`.as('key_version'),
      sql<{ id: string; sha256: string; size: number | string; name: string }[]>`coalesce((
        SELECT json_agg(json_build_object('id', df.id, 'sha256', df.sha256, 'size', df.size, 'name', df.name))
        FROM dossier_files df
        WHERE df.dossier_id = ${dossierId} AND df.id::text = ANY(${input.fileIds}::text[])
      ), '[]'::json)`.as('files'),
    ])
    .where('c.id', '=', input.callId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { form_digest, max_version, key_version, files, ...call } = row;
  return {
    call,
    formDigest: form_digest,
    maxVersion: max_version == null ? 0 : Number(max_version),
    keyVersion: key_version == null ? null : Number(key_version),
    files: files.map((f) => ({ ...f, size: Number(f.size) })),
  };
}

export interface NewVersion {
  dossierId: string;
  version: number;
  formVersion: number;
  answers: JsonValue;
  submittedBy: string;
  submittedAt: Date;
  submissionKey: string;
  receiptNumber: string;
  digest: string;
}

/**
 * Inserts a frozen version with its receipt number (`receiptPrefix` and the next value of the receipt
 * sequence, on at least 6 digits), in one statement; undefined when this submission key already froze one.
 */
export async function insertVersionWithReceipt(
  trx: DbOrTx,
  v: Omit<NewVersion, 'receiptNumber'> & { receiptPrefix: string },
): Promise<string | undefined> {
  const row = await trx
    .insertInto('dossier_versions')
    .values({
      dossier_id: v.dossierId,
      version: v.version,
      form_version: v.formVersion,
      answers: JSON.stringify(v.answers),
      submitted_by: v.submittedBy,
      submitted_at: v.submittedAt,
      submission_key: v.submissionKey,
      receipt_number: sql<string>`(SELECT ${v.receiptPrefix} || lpad(n, greatest(6, length(n)), '0')
        FROM (SELECT nextval('dossier_receipt_seq')::text AS n) AS s)`,
      digest: v.digest,
      // The names of the moment, frozen with the version (the receipt prints them).
      organisation_name: sql<string>`(SELECT o.name FROM dossiers d JOIN organisations o ON o.id = d.organisation_id
        WHERE d.id = ${v.dossierId})`,
      partner_names: sql<string[]>`array(SELECT po.name FROM dossier_partners p
        JOIN organisations po ON po.id = p.organisation_id WHERE p.dossier_id = ${v.dossierId} ORDER BY po.name)`,
      submitted_by_label: sql<string>`coalesce((SELECT u.display_name || ' (' || u.email || ')' FROM users u
        WHERE u.id = ${v.submittedBy}), '—')`,
    })
    .onConflict((oc) => oc.columns(['dossier_id', 'submission_key']).doNothing())
    .returning('receipt_number')
    .executeTakeFirst();
  return row?.receipt_number;
}

/** Status → déposé, submission dates, a new lock version (drafts open elsewhere must reload), and the transition that records it, in one statement. */
export async function markSubmittedWithTransition(
  trx: DbOrTx,
  input: {
    dossierId: string;
    at: Date;
    firstSubmittedAt: Date | null;
    actorId: string;
    lockVersion: number;
    from: DossierStatus;
    to: DossierStatus;
  },
): Promise<void> {
  await trx
    .with('submitted', (qb) =>
      qb
        .updateTable('dossiers')
        .set({
          status: 'depose',
          first_submitted_at: input.firstSubmittedAt ?? input.at,
          last_submitted_at: input.at,
          lock_version: input.lockVersion + 1,
          updated_at: sql<Date>`now()`,
          updated_by: input.actorId,
        })
        .where('id', '=', input.dossierId)
        .returning('id'),
    )
    .insertInto('dossier_transitions')
    .values({
      dossier_id: input.dossierId,
      from_status: input.from,
      to_status: input.to,
      actor_id: input.actorId,
      reason: null,
    })
    .execute();
}

export async function setStatus(
  trx: DbOrTx,
  input: { dossierId: string; status: DossierStatus; actorId: string; lockVersion: number },
): Promise<void> {
  await trx
    .updateTable('dossiers')
    .set({
      status: input.status,
      lock_version: input.lockVersion + 1,
      updated_at: sql<Date>`now()`,
      updated_by: input.actorId,
    })
    .where('id', '=', input.dossierId)
    .execute();
}

export async function insertTransition(
  trx: DbOrTx,
  input: {
    dossierId: string;
    from: DossierStatus;
    to: DossierStatus;
    actorId: string;
    reason?: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('dossier_transitions')
    .values({
      dossier_id: input.dossierId,
      from_status: input.from,
      to_status: input.to,
      actor_id: input.actorId,
      reason: input.reason ?? null,
    })
    .execute();
}

export async function markCorrectionAnswered(
  trx: DbOrTx,
  input: { correctionId: string; version: number; at: Date },
): Promise<void> {
  await trx
    .updateTable('dossier_corrections')
    .set({ answered_version: input.version, answered_at: input.at })
    .where('id', '=', input.correctionId)
    .execute();
}

export interface Recipient {
  id: string;
  email: string;
  name: string;
}

/** Who gets the receipt: the person who submitted and the members of the dossier's organisation. */
export async function receiptRecipients(
  db: DbOrTx,
  organisationId: string,
  submittedBy: string | null,
): Promise<Recipient[]> {
  const members = db
    .selectFrom('organisation_members')
    .select('user_id')
    .where('organisation_id', '=', organisationId);
  let query = db
    .selectFrom('users')
    .select(['id', 'email', 'display_name as name'])
    .where('deleted_at', 'is', null);
  query = submittedBy
    ? query.where((eb) => eb.or([eb('id', 'in', members), eb('id', '=', submittedBy)]))
    : query.where('id', 'in', members);
  return query.orderBy('email').execute();
}

/** Everything a frozen version's page, receipt and e-mail show, read in one statement. */
export interface VersionViewRow {
  dossier: LockedDossier;
  call: CallFacts;
  /** The organisation's name when the version was submitted. */
  organisation: string;
  /** « Name (e-mail) » of the person who submitted, as they were then. */
  submittedByLabel: string;
  version: VersionRow;
  formDigest: string | null;
  /** The submitter as they are now (the e-mail goes to their current address). */
  submitter: { name: string; email: string } | null;
  /** The partner organisations' names when the version was submitted. */
  partners: string[];
  versions: { version: number; submitted_at: Date; receipt_number: string }[];
  /** Every file of the dossier (the caller keeps those the version names). */
  files: { id: string; sha256: string; size: number; name: string }[];
}

export async function findVersionViewRow(
  db: DbOrTx,
  dossierId: string,
  number: number,
): Promise<VersionViewRow | undefined> {
  const row = await db
    .selectFrom('dossiers as d')
    .innerJoin('dossier_versions as v', (join) =>
      join.onRef('v.dossier_id', '=', 'd.id').on('v.version', '=', number),
    )
    .innerJoin('calls as c', 'c.id', 'd.call_id')
    .leftJoin('call_form_versions as f', (join) =>
      join.onRef('f.call_id', '=', 'd.call_id').onRef('f.version', '=', 'v.form_version'),
    )
    .leftJoin('users as u', 'u.id', 'v.submitted_by')
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
      'd.first_submitted_at',
      'v.dossier_id as v_dossier_id',
      'v.version as v_version',
      'v.form_version as v_form_version',
      'v.answers as v_answers',
      'v.submitted_by as v_submitted_by',
      'v.submitted_at as v_submitted_at',
      'v.submission_key as v_submission_key',
      'v.receipt_number as v_receipt_number',
      'v.digest as v_digest',
      'c.title as c_title',
      'c.status as c_status',
      'c.opens_at as c_opens_at',
      'c.closes_at as c_closes_at',
      'c.closed_message as c_closed_message',
      'v.organisation_name as organisation_name',
      'v.submitted_by_label as submitted_by_label',
      'u.display_name as submitter_name',
      'u.email as submitter_email',
      formDigest('f.form').as('form_digest'),
      'v.partner_names as partner_names',
      sql<{ version: number; submitted_at: string; receipt_number: string }[]>`coalesce((
        SELECT json_agg(json_build_object('version', x.version, 'submitted_at', x.submitted_at,
          'receipt_number', x.receipt_number) ORDER BY x.version)
        FROM dossier_versions x WHERE x.dossier_id = d.id), '[]'::json)`.as('versions'),
      sql<{ id: string; sha256: string; size: number | string; name: string }[]>`coalesce((
        SELECT json_agg(json_build_object('id', df.id, 'sha256', df.sha256, 'size', df.size, 'name', df.name))
        FROM dossier_files df WHERE df.dossier_id = d.id), '[]'::json)`.as('files'),
    ])
    .where('d.id', '=', dossierId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    dossier: {
      id: row.id,
      reference: row.reference,
      call_id: row.call_id,
      organisation_id: row.organisation_id,
      form_version: row.form_version,
      status: row.status,
      answers: row.answers,
      lock_version: row.lock_version,
      title: row.title,
      first_submitted_at: row.first_submitted_at,
    },
    call: {
      id: row.call_id,
      title: row.c_title,
      status: row.c_status,
      opens_at: row.c_opens_at,
      closes_at: row.c_closes_at,
      closed_message: row.c_closed_message,
    },
    organisation: row.organisation_name,
    submittedByLabel: row.submitted_by_label,
    version: {
      dossier_id: row.v_dossier_id,
      version: row.v_version,
      form_version: row.v_form_version,
      answers: row.v_answers,
      submitted_by: row.v_submitted_by,
      submitted_at: row.v_submitted_at,
      submission_key: row.v_submission_key,
      receipt_number: row.v_receipt_number,
      digest: row.v_digest,
    },
    formDigest: row.form_digest,
    submitter:
      row.v_submitted_by !== null && row.submitter_email !== null
        ? { name: row.submitter_name ?? '', email: row.submitter_email }
        : null,
    partners: row.partner_names,
    versions: row.versions.map((v) => ({
      version: v.version,
      submitted_at: new Date(v.submitted_at),
      receipt_number: v.receipt_number,
    })),
    files: row.files.map((f) => ({ ...f, size: Number(f.size) })),
  };
}
