import type { Role } from '../../platform/access/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { Db } from '../../platform/db/index.js';
import { Conflict, NotFound } from '../../platform/http/errors.js';
import { findAccountByEmail, grantRole, revokeRole } from '../accounts/index.js';
import type { CallsBuilderMessages } from './calls.builder.fr.js';
import { checkDraft, type DraftForm, readStoredForm } from './calls.builder.js';
import { insertFormVersion, listFormVersions, saveCallForm } from './calls.builder.queries.js';
import type { FormIssue } from './calls.form.js';
import { isCallInstructorAssignment, listCallInstructors } from './calls.instructors.queries.js';
import { type CallRow, findCallById } from './calls.queries.js';
import type { CallActor, CallContext } from './calls.service.js';

/** A change of the form: the operation's name (for the audit trail) and what it does to the form. */
export interface FormChange {
  operation: string;
  /** The new form, or null when the element it names is not in the form (any more). */
  apply: (form: DraftForm) => DraftForm | null;
}

export type ApplyResult =
  | { ok: true; version: number }
  | { ok: false; issues: FormIssue[]; candidate: DraftForm };

const INSTRUCTOR: Role = 'instructor';

/**
 * The form builder's rules: a change is applied to the call's current form (locked), checked by
 * `parseCallForm`, saved and audited (`calls.form.update`) in one transaction. On a published call each
 * change records the next version in `call_form_versions`; a call closed early refuses changes (409).
 * Also the instructeurs of a call (role `instructor` scoped to it, through the accounts module).
 */
export function createCallsBuilderService(db: Db) {
  return {
    async load(id: string): Promise<{ call: CallRow; form: DraftForm }> {
      const call = await findCallById(db, id);
      if (!call) throw new NotFound();
      return { call, form: readStoredForm(call.form) };
    },

    versions: (id: string) => listFormVersions(db, id),

    async apply(
      id: string,
      change: FormChange,
      actor: CallActor,
      context: CallContext,
      w: CallsBuilderMessages,
      lang: 'fr' | 'en',
    ): Promise<ApplyResult> {
      return db.transaction().execute(async (trx) => {
        const call = await findCallById(trx, id, true);
        if (!call) throw new NotFound();
        if (call.status === 'closed_early') throw new Conflict(w.closedEarlyError);
        const candidate = change.apply(readStoredForm(call.form));
        if (!candidate) throw new Conflict(w.errors.notFound);
        const checked = checkDraft(candidate, lang);
        if (!checked.ok) return { ok: false, issues: checked.issues, candidate };
        const version = call.status === 'published' ? call.form_version + 1 : call.form_version;
        await saveCallForm(trx, id, checked.form, version);
        if (version !== call.form_version)
          await insertFormVersion(trx, { callId: id, version, form: checked.form, createdBy: actor.id });
        await recordAudit(trx, {
          action: 'calls.form.update',
          objectType: 'call',
          objectId: id,
          actorId: actor.id,
          actorLabel: actor.label,
          ip: context.ip,
          requestId: context.requestId,
          summary: { slug: call.slug, operation: change.operation, form_version: version },
        });
        return { ok: true, version };
      });
    },

    instructors: (callId: string) => listCallInstructors(db, callId),

    /** Names the account with this address instructeur of the call (audited `roles.grant`), or why not. */
    async addInstructor(
      callId: string,
      email: string,
      actor: CallActor,
      context: CallContext,
    ): Promise<'unknown' | 'already' | null> {
      const account = await findAccountByEmail(db, email);
      if (!account) return 'unknown';
      try {
        await grantRole(
          db,
          { userId: account.id, role: INSTRUCTOR, scope: { type: 'call', id: callId } },
          { id: actor.id, label: actor.label },
          context,
        );
      } catch (error) {
        if (error instanceof Conflict) return 'already';
        throw error;
      }
      return null;
    },

    /** Removes an instructeur of the call (audited `roles.revoke`); NotFound if it is not one (any more). */
    async removeInstructor(
      callId: string,
      assignmentId: string,
      actor: CallActor,
      context: CallContext,
    ): Promise<void> {
      if (!(await isCallInstructorAssignment(db, callId, assignmentId))) throw new NotFound();
      await revokeRole(db, assignmentId, { id: actor.id, label: actor.label }, context);
    },
  };
}

export type CallsBuilderService = ReturnType<typeof createCallsBuilderService>;
