import { type ExpressionBuilder, sql } from 'kysely';
import type { JsonValue } from '../../platform/audit/index.js';
import type { DbOrTx, Tables } from '../../platform/db/index.js';
import type { DossierStatus } from './dossiers.tables.js';

/** SQL of the instruction pages (staff side) and of the messages, both sides. */

export interface InstructedCallRow {
  id: string;
  title: string;
  slug: string;
}

/** The calls of `ids` (an instructeur's), or every call that is not a draft (`'all'`: administrators). */
export function listCalls(db: DbOrTx, ids: readonly string[] | 'all'): Promise<InstructedCallRow[]> {
  let query = db.selectFrom('calls').select(['id', 'title', 'slug']);
  if (ids === 'all') query = query.where('status', '<>', 'draft');
  else if (ids.length === 0) return Promise.resolve([]);
  else query = query.where('id', 'in', ids);
  return query.orderBy('opens_at', 'desc').orderBy('title').execute();
}

export function findCall(db: DbOrTx, id: string): Promise<InstructedCallRow | undefined> {
  return db.selectFrom('calls').select(['id', 'title', 'slug']).where('id', '=', id).executeTakeFirst();
}

export interface StatusCount {
  call_id: string;
  status: DossierStatus;
  n: number;
}

/** The number of submitted dossiers (drafts never counted) per call and status. */
export async function countByCallAndStatus(db: DbOrTx, callIds: readonly string[]): Promise<StatusCount[]> {
  if (callIds.length === 0) return [];
  const rows = await db
    .selectFrom('dossiers')
    .select(['call_id', 'status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('call_id', 'in', callIds)
    .where('status', '<>', 'brouillon')
    .groupBy(['call_id', 'status'])
    .execute();
  return rows.map((r) => ({ call_id: r.call_id, status: r.status, n: Number(r.n) }));
}

/** `%text%` for ILIKE, with the pattern's own characters escaped. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type DossierListEb = ExpressionBuilder<
  Tables & { d: Tables['dossiers']; o: Tables['organisations'] },
  'd' | 'o'
>;

function searchCondition(eb: DossierListEb, q: string) {
  const pattern = containing(q);
  const conditions = [eb('d.reference', 'ilike', pattern), eb('o.name', 'ilike', pattern)];
  const digits = q.replace(/\s/g, '');
  if (/^\d{3,14}$/.test(digits)) conditions.push(eb('o.siren', 'like', `${digits.slice(0, 9)}%`));
  return eb.or(conditions);
}

export interface DossierListFilter {
  callId: string;
  statuses: readonly DossierStatus[];
  q: string;
  limit: number;
  offset: number;
}

export interface DossierListRow {
  id: string;
  reference: string;
  title: string;
  status: DossierStatus;
  last_submitted_at: Date | null;
  organisation_id: string;
  organisation_name: string;
  instructor_name: string | null;
}

/** The call's submitted dossiers matching the filter (latest submission first), and how many match. */
export async function listCallDossiers(
  db: DbOrTx,
  filter: DossierListFilter,
): Promise<{ rows: DossierListRow[]; total: number }> {
  let base = db
    .selectFrom('dossiers as d')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .where('d.call_id', '=', filter.callId)
    .where('d.status', '<>', 'brouillon');
  if (filter.statuses.length > 0) base = base.where('d.status', 'in', filter.statuses);
  if (filter.q !== '') base = base.where((eb) => searchCondition(eb, filter.q));
  const counted = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('users as u', 'u.id', 'd.instructor_id')
    .select([
      'd.id',
      'd.reference',
      'd.title',
      'd.status',
      'd.last_submitted_at',
      'd.organisation_id',
      'o.name as organisation_name',
      'u.display_name as instructor_name',
    ])
    .orderBy(sql`d.last_submitted_at DESC NULLS LAST`)
    .orderBy('d.reference')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { rows, total: Number(counted.n) };
}

/** Per status, the call's submitted dossiers matching the search (the counts beside the filters). */
export async function countCallStatuses(
  db: DbOrTx,
  callId: string,
  q: string,
): Promise<Partial<Record<DossierStatus, number>>> {
  let query = db
    .selectFrom('dossiers as d')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .select(['d.status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('d.call_id', '=', callId)
    .where('d.status', '<>', 'brouillon');
  if (q !== '') query = query.where((eb) => searchCondition(eb, q));
  const rows = await query.groupBy('d.status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** The ids of `ids` that are dossiers of the call (a batch acts on this call's dossiers only). */
export async function dossierIdsOfCall(
  db: DbOrTx,
  callId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('dossiers')
    .select('id')
    .where('call_id', '=', callId)
    .where('id', 'in', ids)
    .where('status', '<>', 'brouillon')
    .execute();
  return rows.map((r) => r.id);
}

export interface StaffDossierRow {
  id: string;
  reference: string;
  title: string;
  status: DossierStatus;
  call_id: string;
  call_title: string;
  call_slug: string;
  organisation_id: string;
  organisation_name: string;
  form_version: number;
  last_submitted_at: Date | null;
  instructor_name: string | null;
  decision_reason: string | null;
  decided_at: Date | null;
  lock_version: number;
}

export function findDossier(db: DbOrTx, id: string): Promise<StaffDossierRow | undefined> {
  return db
    .selectFrom('dossiers as d')
    .innerJoin('calls as c', 'c.id', 'd.call_id')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .leftJoin('users as u', 'u.id', 'd.instructor_id')
    .select([
      'd.id',
      'd.reference',
      'd.title',
      'd.status',
      'd.call_id',
      'c.title as call_title',
      'c.slug as call_slug',
      'd.organisation_id',
      'o.name as organisation_name',
      'd.form_version',
      'd.last_submitted_at',
      'u.display_name as instructor_name',
      'd.decision_reason',
      'd.decided_at',
      'd.lock_version',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/** The dossier's status and lock, the row locked until the transaction ends. */
export function lockDossier(
  trx: DbOrTx,
  id: string,
): Promise<{ id: string; status: DossierStatus; call_id: string; lock_version: number } | undefined> {
  return trx
    .selectFrom('dossiers')
    .select(['id', 'status', 'call_id', 'lock_version'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function setStatus(
  trx: DbOrTx,
  id: string,
  changes: {
    status: DossierStatus;
    actorId: string;
    decisionReason?: string | null;
    decidedAt?: Date;
    answers?: JsonValue;
    bumpLock?: boolean;
  },
): Promise<void> {
  await trx
    .updateTable('dossiers')
    .set((eb) => ({
      status: changes.status,
      updated_at: new Date(),
      updated_by: changes.actorId,
      ...(changes.decidedAt
        ? { decided_at: changes.decidedAt, decision_reason: changes.decisionReason ?? null }
        : {}),
      ...(changes.answers !== undefined ? { answers: JSON.stringify(changes.answers) } : {}),
      ...(changes.bumpLock ? { lock_version: eb('lock_version', '+', 1) } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

export async function insertTransition(
  trx: DbOrTx,
  row: { dossierId: string; from: DossierStatus; to: DossierStatus; actorId: string; reason: string | null },
): Promise<void> {
  await trx
    .insertInto('dossier_transitions')
    .values({
      dossier_id: row.dossierId,
      from_status: row.from,
      to_status: row.to,
      actor_id: row.actorId,
      reason: row.reason,
    })
    .execute();
}

export async function insertCorrection(
  trx: DbOrTx,
  row: { dossierId: string; message: string; dueAt: Date; actorId: string },
): Promise<void> {
  await trx
    .insertInto('dossier_corrections')
    .values({ dossier_id: row.dossierId, message: row.message, due_at: row.dueAt, requested_by: row.actorId })
    .execute();
}

export function listPartners(db: DbOrTx, dossierId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('dossier_partners as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['o.id', 'o.name'])
    .where('p.dossier_id', '=', dossierId)
    .orderBy('o.name')
    .execute();
}

export interface VersionRow {
  version: number;
  form_version: number;
  answers: JsonValue;
  submitted_at: Date;
  receipt_number: string;
}

export function listVersions(db: DbOrTx, dossierId: string): Promise<VersionRow[]> {
  return db
    .selectFrom('dossier_versions')
    .select(['version', 'form_version', 'answers', 'submitted_at', 'receipt_number'])
    .where('dossier_id', '=', dossierId)
    .orderBy('version')
    .execute();
}

/** The form (JSON) a version of the call's form recorded. */
export async function findCallForm(
  db: DbOrTx,
  callId: string,
  version: number,
): Promise<JsonValue | undefined> {
  const row = await db
    .selectFrom('call_form_versions')
    .select('form')
    .where('call_id', '=', callId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row?.form;
}

/** The SHA-256 of the dossier's files named by `ids`. */
export async function fileDigests(
  db: DbOrTx,
  dossierId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const valid = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id));
  if (valid.length === 0) return new Map();
  const rows = await db
    .selectFrom('dossier_files')
    .select(['id', 'sha256'])
    .where('dossier_id', '=', dossierId)
    .where('id', 'in', valid)
    .execute();
  return new Map(rows.map((r) => [r.id, r.sha256]));
}

export interface TransitionRow {
  from_status: DossierStatus | null;
  to_status: DossierStatus;
  reason: string | null;
  created_at: Date;
  actor_name: string | null;
}

export function listTransitions(db: DbOrTx, dossierId: string): Promise<TransitionRow[]> {
  return db
    .selectFrom('dossier_transitions as t')
    .leftJoin('users as u', 'u.id', 't.actor_id')
    .select(['t.from_status', 't.to_status', 't.reason', 't.created_at', 'u.display_name as actor_name'])
    .where('t.dossier_id', '=', dossierId)
    .orderBy('t.id')
    .execute();
}

export interface CorrectionRow {
  message: string;
  due_at: Date;
  requested_at: Date;
  answered_version: number | null;
}

export function listCorrections(db: DbOrTx, dossierId: string): Promise<CorrectionRow[]> {
  return db
    .selectFrom('dossier_corrections')
    .select(['message', 'due_at', 'requested_at', 'answered_version'])
    .where('dossier_id', '=', dossierId)
    .orderBy('requested_at')
    .execute();
}

export interface MessageRow {
  id: string;
  side: 'staff' | 'applicant';
  body: string;
  created_at: Date;
  author_name: string | null;
  /** The organisation an applicant wrote for (null: staff, or a message older than this information). */
  organisation_name: string | null;
}

export function listMessages(db: DbOrTx, dossierId: string): Promise<MessageRow[]> {
  return db
    .selectFrom('dossier_messages as m')
    .leftJoin('users as u', 'u.id', 'm.author_id')
    .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select([
      'm.id',
      'm.side',
      'm.body',
      'm.created_at',
      'u.display_name as author_name',
      'o.name as organisation_name',
    ])
    .where('m.dossier_id', '=', dossierId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}

export async function insertMessage(
  trx: DbOrTx,
  row: {
    dossierId: string;
    authorId: string;
    side: 'staff' | 'applicant';
    body: string;
    organisationId?: string | null;
  },
): Promise<string> {
  const inserted = await trx
    .insertInto('dossier_messages')
    .values({
      dossier_id: row.dossierId,
      author_id: row.authorId,
      side: row.side,
      body: row.body,
      organisation_id: row.organisationId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export interface AnnotationRow {
  body: string;
  created_at: Date;
  author_name: string | null;
}

export function listAnnotations(db: DbOrTx, dossierId: string): Promise<AnnotationRow[]> {
  return db
    .selectFrom('dossier_annotations as a')
    .leftJoin('users as u', 'u.id', 'a.author_id')
    .select(['a.body', 'a.created_at', 'u.display_name as author_name'])
    .where('a.dossier_id', '=', dossierId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}

export async function insertAnnotation(
  trx: DbOrTx,
  row: { dossierId: string; authorId: string; body: string },
): Promise<string> {
  const inserted = await trx
    .insertInto('dossier_annotations')
    .values({ dossier_id: row.dossierId, author_id: row.authorId, body: row.body })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export interface MessageFileRow {
  id: string;
  message_id: string;
  name: string;
  size: number;
}

/** The attachments of the dossier's messages. */
export async function listMessageFiles(db: DbOrTx, dossierId: string): Promise<MessageFileRow[]> {
  const rows = await db
    .selectFrom('dossier_files')
    .select(['id', 'message_id', 'name', 'size'])
    .where('dossier_id', '=', dossierId)
    .where('message_id', 'is not', null)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    message_id: r.message_id as string,
    name: r.name,
    size: Number(r.size),
  }));
}

export async function insertMessageFile(
  trx: DbOrTx,
  row: {
    dossierId: string;
    messageId: string;
    name: string;
    contentType: string;
    size: number;
    sha256: string;
    storageKey: string;
    uploadedBy: string;
  },
): Promise<void> {
  await trx
    .insertInto('dossier_files')
    .values({
      dossier_id: row.dossierId,
      message_id: row.messageId,
      field_id: null,
      name: row.name,
      content_type: row.contentType,
      size: row.size,
      sha256: row.sha256,
      storage_key: row.storageKey,
      uploaded_by: row.uploadedBy,
    })
    .execute();
}
