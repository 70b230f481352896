import { recordAudit } from '../../platform/audit/index.js';
import type { DbOrTx } from '../../platform/db/index.js';
import { Conflict, NotFound } from '../../platform/http/errors.js';
import { insertTransition, lockDossier, setStatus } from './dossiers.instruction.queries.js';
import { canTransition, type SelectionVerb, TRANSITIONS } from './dossiers.lifecycle.js';
import type { DossierStatus } from './dossiers.tables.js';
import { STATUS_LABELS_FR } from './dossiers.words.js';

/**
 * The dossier side of the jury and selection (src/modules/selection): the status changes it makes, each
 * checked against the lifecycle, recorded in dossier_transitions and audited in the caller's transaction.
 * The selection module sends its own e-mails (assignment, invitation, results).
 */
export interface SelectionTransition {
  dossierId: string;
  verb: SelectionVerb;
  actor: { id: string; label: string };
  context: { ip: string | null; requestId: string | null };
  /** The motivation of a decision (required for `select` and `reject`). */
  reason?: string | null;
}

/**
 * Applies a selection verb to a dossier, locking its row. Refused (Conflict, naming the current status in
 * French) when the dossier's status does not allow it; NotFound for an unknown dossier or a draft.
 * Returns the status it left.
 */
export async function applySelectionTransition(
  trx: DbOrTx,
  input: SelectionTransition,
): Promise<{ from: DossierStatus; to: DossierStatus }> {
  const row = await lockDossier(trx, input.dossierId);
  if (!row || row.status === 'brouillon') throw new NotFound();
  const transition = TRANSITIONS[input.verb];
  if (!canTransition(row.status, input.verb))
    throw new Conflict(
      `Le dossier est « ${STATUS_LABELS_FR[row.status]} » : ce changement n’est pas possible dans cet état.`,
    );
  const reason = input.reason?.trim() || null;
  if (transition.needsReason && reason === null) throw new Conflict('Une motivation est nécessaire.');
  const decided = input.verb === 'select' || input.verb === 'reject';
  await setStatus(trx, input.dossierId, {
    status: transition.to,
    actorId: input.actor.id,
    ...(decided ? { decidedAt: new Date(), decisionReason: reason } : {}),
  });
  await insertTransition(trx, {
    dossierId: input.dossierId,
    from: row.status,
    to: transition.to,
    actorId: input.actor.id,
    reason,
  });
  await recordAudit(trx, {
    action: `dossiers.${input.verb}`,
    objectType: 'dossier',
    objectId: input.dossierId,
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    ip: input.context.ip,
    requestId: input.context.requestId,
    summary: { from: row.status, to: transition.to },
  });
  return { from: row.status, to: transition.to };
}
