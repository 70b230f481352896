import type { DbOrTx } from '../../platform/db/index.js';

export interface InstructorRow {
  id: string;
  user_id: string;
  email: string;
  display_name: string;
  granted_at: Date;
}

/** The instructeurs of a call: role assignments `instructor` scoped to it, by address. */
export function listCallInstructors(db: DbOrTx, callId: string): Promise<InstructorRow[]> {
  return db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.id', 'r.user_id', 'u.email', 'u.display_name', 'r.granted_at'])
    .where('r.role', '=', 'instructor')
    .where('r.scope_type', '=', 'call')
    .where('r.scope_id', '=', callId)
    .where('u.deleted_at', 'is', null)
    .orderBy('u.email')
    .execute();
}

/** Whether an assignment is an instructeur role of this call. */
export async function isCallInstructorAssignment(
  db: DbOrTx,
  callId: string,
  assignmentId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('role_assignments')
    .select('id')
    .where('id', '=', assignmentId)
    .where('role', '=', 'instructor')
    .where('scope_type', '=', 'call')
    .where('scope_id', '=', callId)
    .executeTakeFirst();
  return row !== undefined;
}
