import type { JsonValue } from '../../platform/audit/index.js';
import { exportColumns, exportRow, visibleFields, visibleSections } from '../calls/calls.form.answers.js';
import { type CallForm, callFormSchema, parseCallForm } from '../calls/calls.form.js';

/**
 * Reading frozen versions: the answers by section with the labels of the version's form, and the
 * differences between two versions field by field (attachments compared by the SHA-256 of their content).
 */

/** The form a version recorded (an unreadable one reads as the empty form: answers are never lost). */
export function readForm(json: JsonValue | undefined): CallForm {
  const parsed = json === undefined ? null : parseCallForm(json);
  return parsed?.ok ? parsed.form : callFormSchema.parse({ version: 1, sections: [], eligibility: [] });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Field id → the answer as a person reads it (money in euros, choices as labels, a file by its name). */
export function displayCells(form: CallForm, answers: unknown): Map<string, string> {
  const columns = exportColumns(form);
  const row = exportRow(form, answers);
  return new Map(columns.map((c, i) => [c.key, row[i] ?? '']));
}

export interface SectionView {
  id: string;
  title: string;
  fields: { id: string; label: string; value: string }[];
}

/** The sections and fields shown for these answers, each with its displayed value ('' when unanswered). */
export function answersBySection(form: CallForm, answers: unknown): SectionView[] {
  const cells = displayCells(form, answers);
  const shownSections = new Set(visibleSections(form, answers));
  const shownFields = new Set(visibleFields(form, answers).map((f) => f.id));
  return form.sections
    .filter((s) => shownSections.has(s.id))
    .map((s) => ({
      id: s.id,
      title: s.title,
      fields: s.fields
        .filter((f) => f.type !== 'heading' && shownFields.has(f.id))
        .map((f) => ({ id: f.id, label: f.label, value: cells.get(f.id) ?? '' })),
    }));
}

/** The ids of every file an answer names (attachment fields, inside repeatable blocks too). */
export function fileIdsOf(answers: unknown): string[] {
  const ids: string[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) for (const x of v) visit(x);
    else if (isRecord(v)) {
      if (typeof v.fileId === 'string' && typeof v.name === 'string') ids.push(v.fileId);
      else for (const x of Object.values(v)) visit(x);
    }
  };
  visit(answers);
  return ids;
}

/** A comparable form of an answer: files replaced by their content's digest, object keys sorted. */
function comparable(v: unknown, digests: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(v)) return v.map((x) => comparable(x, digests));
  if (isRecord(v)) {
    if (typeof v.fileId === 'string' && typeof v.name === 'string')
      return { sha256: digests.get(v.fileId) ?? `fichier:${v.fileId}` };
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, comparable(v[k], digests)]),
    );
  }
  return v;
}

export interface FieldChange {
  fieldId: string;
  label: string;
  kind: 'added' | 'removed' | 'changed';
  before: string;
  after: string;
}

/**
 * The fields whose answer differs between two versions, in the order of the newer form (then fields only
 * the older form had). An attachment replaced by a file of the same content is not a change.
 */
export function diffVersions(
  before: { form: CallForm; answers: unknown },
  after: { form: CallForm; answers: unknown },
  digests: ReadonlyMap<string, string>,
): FieldChange[] {
  const oldAnswers = isRecord(before.answers) ? before.answers : {};
  const newAnswers = isRecord(after.answers) ? after.answers : {};
  const oldCells = displayCells(before.form, oldAnswers);
  const newCells = displayCells(after.form, newAnswers);
  const labels = new Map<string, string>();
  for (const c of exportColumns(after.form)) labels.set(c.key, c.header);
  for (const c of exportColumns(before.form)) if (!labels.has(c.key)) labels.set(c.key, c.header);
  const present = (v: unknown) =>
    v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
  const changes: FieldChange[] = [];
  for (const [id, label] of labels) {
    const a = Object.hasOwn(oldAnswers, id) ? oldAnswers[id] : undefined;
    const b = Object.hasOwn(newAnswers, id) ? newAnswers[id] : undefined;
    const had = present(a);
    const has = present(b);
    if (!had && !has) continue;
    const kind = !had ? 'added' : !has ? 'removed' : null;
    if (kind === null && JSON.stringify(comparable(a, digests)) === JSON.stringify(comparable(b, digests)))
      continue;
    changes.push({
      fieldId: id,
      label,
      kind: kind ?? 'changed',
      before: had ? (oldCells.get(id) ?? '') : '',
      after: has ? (newCells.get(id) ?? '') : '',
    });
  }
  return changes;
}
