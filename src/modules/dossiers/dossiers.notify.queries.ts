import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import type { DossierStatus } from './dossiers.tables.js';

export interface NoticeDossier {
  id: string;
  reference: string;
  call_id: string;
  call_title: string;
  organisation_name: string;
  status: DossierStatus;
  decision_reason: string | null;
}

/** What the e-mails about a dossier name. */
export function findNoticeDossier(db: DbOrTx, id: string): Promise<NoticeDossier | undefined> {
  return db
    .selectFrom('dossiers as d')
    .innerJoin('calls as c', 'c.id', 'd.call_id')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .select([
      'd.id',
      'd.reference',
      'd.call_id',
      'c.title as call_title',
      'o.name as organisation_name',
      'd.status',
      'd.decision_reason',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

export interface Recipient {
  id: string;
  email: string;
}

/** Members of the dossier's organisation and of its partner organisations (accounts not deleted). */
export function listApplicantRecipients(db: DbOrTx, dossierId: string): Promise<Recipient[]> {
  return db
    .selectFrom('organisation_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email'])
    .distinct()
    .where('u.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb(
          'm.organisation_id',
          '=',
          eb.selectFrom('dossiers').select('organisation_id').where('id', '=', dossierId),
        ),
        eb(
          'm.organisation_id',
          'in',
          eb.selectFrom('dossier_partners').select('organisation_id').where('dossier_id', '=', dossierId),
        ),
      ]),
    )
    .orderBy('u.id')
    .execute();
}

/** Instructeurs of the call (role `instructor` on the scope ('call', id); accounts not deleted). */
export function listCallStaffRecipients(db: DbOrTx, callId: string): Promise<Recipient[]> {
  return db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.email'])
    .distinct()
    .where('u.deleted_at', 'is', null)
    .where('r.role', '=', 'instructor')
    .where('r.scope_type', '=', 'call')
    .where('r.scope_id', '=', callId)
    .orderBy('u.id')
    .execute();
}

/** True when the latest submitted version answered a correction request. */
export async function latestVersionAnsweredCorrection(db: DbOrTx, dossierId: string): Promise<boolean> {
  const row = await db
    .selectFrom('dossier_corrections')
    .select('id')
    .where('dossier_id', '=', dossierId)
    .where(
      'answered_version',
      '=',
      db
        .selectFrom('dossier_versions')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('dossier_id', '=', dossierId),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** The open correction request of a dossier (its message and deadline), if any. */
export function findOpenCorrection(
  db: DbOrTx,
  dossierId: string,
): Promise<{ message: string; due_at: Date } | undefined> {
  return db
    .selectFrom('dossier_corrections')
    .select(['message', 'due_at'])
    .where('dossier_id', '=', dossierId)
    .where('answered_version', 'is', null)
    .orderBy('requested_at', 'desc')
    .executeTakeFirst();
}

export function findMessage(
  db: DbOrTx,
  id: string,
): Promise<
  | {
      id: string;
      dossier_id: string;
      author_id: string | null;
      side: 'staff' | 'applicant';
      created_at: Date;
    }
  | undefined
> {
  return db
    .selectFrom('dossier_messages')
    .select(['id', 'dossier_id', 'author_id', 'side', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Marks a digest pending for (user, dossier) unless one already is, making sure the message posted at
 * `since` is after `notified_until`. Returns when the digest job should run (max(now, last e-mail + 1 h)),
 * or null when a digest was already pending (its job will take the message).
 */
export async function markDigestPending(
  db: DbOrTx,
  input: { userId: string; dossierId: string; messageId: string },
): Promise<Date | null> {
  const result = await sql<{ run_at: Date }>`
    INSERT INTO dossier_message_digests AS g (user_id, dossier_id, notified_until, pending)
    SELECT ${input.userId}, ${input.dossierId}, m.created_at - interval '1 microsecond', true
    FROM dossier_messages m WHERE m.id = ${input.messageId}
    ON CONFLICT (user_id, dossier_id) DO UPDATE
      SET pending = true, notified_until = least(g.notified_until, excluded.notified_until)
      WHERE g.pending = false
    RETURNING greatest(now(), coalesce(g.last_sent_at + interval '1 hour', now())) AS run_at`.execute(db);
  const row = result.rows[0];
  return row ? new Date(row.run_at) : null;
}

/** The digest row of (user, dossier), locked for the job's transaction. */
export function lockDigest(
  db: DbOrTx,
  userId: string,
  dossierId: string,
): Promise<{ notified_until: Date; pending: boolean } | undefined> {
  return db
    .selectFrom('dossier_message_digests')
    .select(['notified_until', 'pending'])
    .where('user_id', '=', userId)
    .where('dossier_id', '=', dossierId)
    .forUpdate()
    .executeTakeFirst();
}

export interface DigestMessageRow {
  id: string;
  author_id: string | null;
  author_name: string | null;
  side: 'staff' | 'applicant';
  body: string;
  created_at: Date;
}

/**
 * Messages of `sides` on the dossier after the digest's `notified_until` (compared in the database, at its
 * full precision), not written by `userId`, oldest first.
 */
export function listMessagesSince(
  db: DbOrTx,
  input: { dossierId: string; sides: readonly ('staff' | 'applicant')[]; userId: string },
): Promise<DigestMessageRow[]> {
  if (input.sides.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('dossier_messages as m')
    .leftJoin('users as u', 'u.id', 'm.author_id')
    .select(['m.id', 'm.author_id', 'u.display_name as author_name', 'm.side', 'm.body', 'm.created_at'])
    .where('m.dossier_id', '=', input.dossierId)
    .where('m.created_at', '>', (eb) =>
      eb
        .selectFrom('dossier_message_digests')
        .select('notified_until')
        .where('user_id', '=', input.userId)
        .where('dossier_id', '=', input.dossierId),
    )
    .where('m.side', 'in', [...input.sides])
    .where((eb) => eb.or([eb('m.author_id', 'is', null), eb('m.author_id', '!=', input.userId)]))
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}

/**
 * Ends a digest (pending = false). `notified_until` moves up to the latest of `messageIds` (or of every
 * message of the dossier when `messageIds` is null: nothing to send), never back; `sent` records the
 * e-mail's time. Times stay in the database (microseconds).
 */
export async function finishDigest(
  db: DbOrTx,
  input: { userId: string; dossierId: string; messageIds: readonly string[] | null; sent: boolean },
): Promise<void> {
  const ids = input.messageIds;
  if (ids !== null && ids.length === 0) {
    await db
      .updateTable('dossier_message_digests')
      .set({ pending: false })
      .where('user_id', '=', input.userId)
      .where('dossier_id', '=', input.dossierId)
      .execute();
    return;
  }
  const latest =
    ids === null
      ? sql<Date | null>`(SELECT max(created_at) FROM dossier_messages WHERE dossier_id = ${input.dossierId})`
      : sql<Date | null>`(SELECT max(created_at) FROM dossier_messages WHERE id IN (${sql.join(ids)}))`;
  await sql`
    UPDATE dossier_message_digests
    SET pending = false,
        notified_until = greatest(notified_until, coalesce(${latest}, notified_until))
        ${input.sent ? sql`, last_sent_at = now()` : sql``}
    WHERE user_id = ${input.userId} AND dossier_id = ${input.dossierId}`.execute(db);
}

/** True when the latest submission came from « à corriger » (a correction answered). */
export async function lastSubmissionWasCorrection(db: DbOrTx, dossierId: string): Promise<boolean> {
  const row = await db
    .selectFrom('dossier_transitions')
    .select('from_status')
    .where('dossier_id', '=', dossierId)
    .where('to_status', '=', 'depose')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.from_status === 'a_corriger';
}
