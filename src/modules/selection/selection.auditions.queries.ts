import type { DbOrTx } from '../../platform/db/index.js';
import type { DossierStatus } from '../dossiers/index.js';

export interface AuditionRow {
  starts_at: Date;
  duration_minutes: number;
  place: string | null;
  video_url: string | null;
  calendar_uid: string;
  calendar_sequence: number;
  invited_at: Date | null;
}

export interface AuditionDossierRow {
  id: string;
  reference: string;
  status: DossierStatus;
  call_id: string;
  call_title: string;
  organisation_name: string;
  audition: AuditionRow | null;
}

function auditionDossiers(db: DbOrTx) {
  return db
    .selectFrom('dossiers as d')
    .innerJoin('calls as c', 'c.id', 'd.call_id')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .leftJoin('auditions as a', 'a.dossier_id', 'd.id')
    .select([
      'd.id',
      'd.reference',
      'd.status',
      'd.call_id',
      'c.title as call_title',
      'o.name as organisation_name',
      'a.starts_at',
      'a.duration_minutes',
      'a.place',
      'a.video_url',
      'a.calendar_uid',
      'a.calendar_sequence',
      'a.invited_at',
    ]);
}

type Joined = {
  id: string;
  reference: string;
  status: DossierStatus;
  call_id: string;
  call_title: string;
  organisation_name: string;
  starts_at: Date | null;
  duration_minutes: number | null;
  place: string | null;
  video_url: string | null;
  calendar_uid: string | null;
  calendar_sequence: number | null;
  invited_at: Date | null;
};

function shape(r: Joined): AuditionDossierRow {
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    call_id: r.call_id,
    call_title: r.call_title,
    organisation_name: r.organisation_name,
    audition:
      r.starts_at && r.calendar_uid
        ? {
            starts_at: r.starts_at,
            duration_minutes: r.duration_minutes ?? 30,
            place: r.place,
            video_url: r.video_url,
            calendar_uid: r.calendar_uid,
            calendar_sequence: r.calendar_sequence ?? 0,
            invited_at: r.invited_at,
          }
        : null,
  };
}

/** The call's shortlisted dossiers, and those already decided that had an audition, by reference. */
export async function listAuditionDossiers(db: DbOrTx, callId: string): Promise<AuditionDossierRow[]> {
  const rows = await auditionDossiers(db)
    .where('d.call_id', '=', callId)
    .where((eb) => eb.or([eb('d.status', '=', 'auditionne'), eb('a.dossier_id', 'is not', null)]))
    .orderBy('a.starts_at')
    .orderBy('d.reference')
    .execute();
  return rows.map(shape);
}

/** One dossier of the call with its audition (if any). */
export async function findAuditionDossier(
  db: DbOrTx,
  callId: string,
  dossierId: string,
): Promise<AuditionDossierRow | undefined> {
  const row = await auditionDossiers(db)
    .where('d.call_id', '=', callId)
    .where('d.id', '=', dossierId)
    .executeTakeFirst();
  return row ? shape(row) : undefined;
}

/** Locks the audition row of a dossier (rescheduling and invitations run one at a time). */
export function lockAudition(trx: DbOrTx, dossierId: string): Promise<AuditionRow | undefined> {
  return trx
    .selectFrom('auditions')
    .select([
      'starts_at',
      'duration_minutes',
      'place',
      'video_url',
      'calendar_uid',
      'calendar_sequence',
      'invited_at',
    ])
    .where('dossier_id', '=', dossierId)
    .forUpdate()
    .executeTakeFirst();
}

export interface AuditionValues {
  startsAt: Date;
  durationMinutes: number;
  place: string | null;
  videoUrl: string | null;
}

export async function insertAudition(
  trx: DbOrTx,
  input: AuditionValues & { dossierId: string; callId: string; calendarUid: string; userId: string },
): Promise<void> {
  await trx
    .insertInto('auditions')
    .values({
      dossier_id: input.dossierId,
      call_id: input.callId,
      starts_at: input.startsAt,
      duration_minutes: input.durationMinutes,
      place: input.place,
      video_url: input.videoUrl,
      calendar_uid: input.calendarUid,
      calendar_sequence: 0,
      created_by: input.userId,
    })
    .execute();
}

export async function updateAudition(
  trx: DbOrTx,
  input: AuditionValues & { dossierId: string; sequence: number },
): Promise<void> {
  await trx
    .updateTable('auditions')
    .set({
      starts_at: input.startsAt,
      duration_minutes: input.durationMinutes,
      place: input.place,
      video_url: input.videoUrl,
      calendar_sequence: input.sequence,
      updated_at: new Date(),
    })
    .where('dossier_id', '=', input.dossierId)
    .execute();
}

export async function markInvited(trx: DbOrTx, dossierId: string, at: Date): Promise<void> {
  await trx.updateTable('auditions').set({ invited_at: at }).where('dossier_id', '=', dossierId).execute();
}

export interface AuditionNoteRow {
  dossier_id: string;
  user_id: string;
  author: string;
  note: string;
  updated_at: Date;
}

/** The jury's notes on the audition of each of `dossierIds`. */
export function listAuditionNotes(db: DbOrTx, dossierIds: readonly string[]): Promise<AuditionNoteRow[]> {
  if (dossierIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('audition_notes as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select(['n.dossier_id', 'n.user_id', 'u.display_name as author', 'n.note', 'n.updated_at'])
    .where('n.dossier_id', 'in', [...dossierIds])
    .orderBy('n.updated_at')
    .orderBy('n.user_id')
    .execute();
}

/** One note per person and dossier: written again, it replaces the previous one. */
export async function upsertAuditionNote(
  trx: DbOrTx,
  input: { dossierId: string; userId: string; note: string },
): Promise<void> {
  await trx
    .insertInto('audition_notes')
    .values({ dossier_id: input.dossierId, user_id: input.userId, note: input.note })
    .onConflict((oc) =>
      oc.columns(['dossier_id', 'user_id']).doUpdateSet({ note: input.note, updated_at: new Date() }),
    )
    .execute();
}
