/**
 * The form builder's pure operations on a call form: add, edit, move and delete sections, fields and
 * eligibility rules, read the builder's form posts into definitions (and back), and check the result with
 * `parseCallForm`. No database here (the service is `calls.builder.service.ts`).
 */
import type { CallsBuilderMessages } from './calls.builder.fr.js';
import { parseDate, parseFrenchNumber, parseMoney } from './calls.form.answers.js';
import { type CallForm, FIELD_TYPES, type FieldType, type FormIssue, parseCallForm } from './calls.form.js';

/** A field as the builder handles it: maybe not valid yet (`parseCallForm` decides). */
export interface DraftField {
  id: string;
  type: string;
  label?: string;
  [key: string]: unknown;
}
export interface DraftSection {
  id: string;
  title: string;
  description?: string | undefined;
  showIf?: unknown;
  fields: DraftField[];
}
export interface DraftRule {
  id: string;
  condition: unknown;
  reason: string;
}
/** A form being edited: the shape of a `CallForm`, its contents not checked yet. */
export interface DraftForm {
  version: number;
  sections: DraftSection[];
  eligibility: DraftRule[];
}

export type Direction = 'up' | 'down';
/** The form a new call starts with (what the `calls.form` column holds by default). */
export const EMPTY_FORM: DraftForm = { version: 1, sections: [], eligibility: [] };

/** The stored form of a call as a draft: the parsed form, the empty form, or the JSON as it is. */
export function readStoredForm(json: unknown): DraftForm {
  const parsed = parseCallForm(json);
  if (parsed.ok) return toDraft(parsed.form);
  if (json && typeof json === 'object' && Array.isArray((json as { sections?: unknown }).sections)) {
    const raw = json as Partial<DraftForm>;
    return {
      version: typeof raw.version === 'number' ? raw.version : 1,
      sections: raw.sections ?? [],
      eligibility: Array.isArray(raw.eligibility) ? raw.eligibility : [],
    };
  }
  return structuredClone(EMPTY_FORM);
}

export function toDraft(form: CallForm): DraftForm {
  return structuredClone(form) as unknown as DraftForm;
}

export type CheckResult = { ok: true; form: CallForm | DraftForm } | { ok: false; issues: FormIssue[] };

/**
 * Checks a draft with `parseCallForm`. The empty form (no section, no rule) is accepted as it is: a call
 * starts with it, and an administrator may remove every section again before publishing.
 */
export function checkDraft(draft: DraftForm, lang: 'fr' | 'en' = 'fr'): CheckResult {
  if (draft.sections.length === 0 && draft.eligibility.length === 0)
    return { ok: true, form: structuredClone(EMPTY_FORM) };
  const parsed = parseCallForm(draft, lang);
  return parsed.ok ? { ok: true, form: parsed.form } : parsed;
}

/** How many fields take an answer (headings and blocks' children aside): a call needs one to be published. */
export function answeringFieldCount(form: DraftForm): number {
  return form.sections.reduce((n, s) => n + s.fields.filter((f) => f.type !== 'heading').length, 0);
}

// --- Operations: each returns a new form, or null when the element named is not there ---------------

function clone(form: DraftForm): DraftForm {
  return structuredClone(form);
}

function swap<T>(list: T[], i: number, j: number): void {
  const a = list[i] as T;
  list[i] = list[j] as T;
  list[j] = a;
}

export function addSection(form: DraftForm, section: Omit<DraftSection, 'fields'>): DraftForm {
  const next = clone(form);
  next.sections.push({ ...section, fields: [] });
  return next;
}

/** Changes a section's id, title, description and condition; its fields stay. */
export function updateSection(
  form: DraftForm,
  sectionId: string,
  changes: Omit<DraftSection, 'fields'>,
): DraftForm | null {
  const next = clone(form);
  const index = next.sections.findIndex((s) => s.id === sectionId);
  const section = next.sections[index];
  if (!section) return null;
  next.sections[index] = { ...changes, fields: section.fields };
  return next;
}

/** Removes a section and its fields. */
export function deleteSection(form: DraftForm, sectionId: string): DraftForm | null {
  const next = clone(form);
  const index = next.sections.findIndex((s) => s.id === sectionId);
  if (index < 0) return null;
  next.sections.splice(index, 1);
  return next;
}

/** Moves a section one place; at either end the form is unchanged. */
export function moveSection(form: DraftForm, sectionId: string, direction: Direction): DraftForm | null {
  const next = clone(form);
  const index = next.sections.findIndex((s) => s.id === sectionId);
  if (index < 0) return null;
  const target = direction === 'up' ? index - 1 : index + 1;
  if (target >= 0 && target < next.sections.length) swap(next.sections, index, target);
  return next;
}

/** Where a top-level field sits: its section and position. */
export function locateField(form: DraftForm, fieldId: string): { section: number; field: number } | null {
  for (const [s, section] of form.sections.entries()) {
    const f = section.fields.findIndex((field) => field.id === fieldId);
    if (f >= 0) return { section: s, field: f };
  }
  return null;
}

export function findField(form: DraftForm, fieldId: string): DraftField | null {
  const at = locateField(form, fieldId);
  return at ? (form.sections[at.section]?.fields[at.field] ?? null) : null;
}

/** Adds a field at the end of a section. */
export function addField(form: DraftForm, sectionId: string, field: DraftField): DraftForm | null {
  const next = clone(form);
  const section = next.sections.find((s) => s.id === sectionId);
  if (!section) return null;
  section.fields.push(field);
  return next;
}

/** Replaces a field (found by its current id) where it stands. */
export function updateField(form: DraftForm, fieldId: string, field: DraftField): DraftForm | null {
  const next = clone(form);
  const at = locateField(next, fieldId);
  const section = at && next.sections[at.section];
  if (!at || !section) return null;
  section.fields[at.field] = field;
  return next;
}

export function deleteField(form: DraftForm, fieldId: string): DraftForm | null {
  const next = clone(form);
  const at = locateField(next, fieldId);
  if (!at) return null;
  next.sections[at.section]?.fields.splice(at.field, 1);
  return next;
}

/**
 * Moves a field one place in reading order: within its section, or from the top of a section to the end of
 * the previous one (from the bottom, to the start of the next). At either end of the form, unchanged.
 */
export function moveField(form: DraftForm, fieldId: string, direction: Direction): DraftForm | null {
  const next = clone(form);
  const at = locateField(next, fieldId);
  if (!at) return null;
  const section = next.sections[at.section] as DraftSection;
  const target = direction === 'up' ? at.field - 1 : at.field + 1;
  if (target >= 0 && target < section.fields.length) {
    swap(section.fields, at.field, target);
    return next;
  }
  const neighbour = next.sections[direction === 'up' ? at.section - 1 : at.section + 1];
  if (!neighbour) return next;
  const [field] = section.fields.splice(at.field, 1);
  if (!field) return next;
  if (direction === 'up') neighbour.fields.push(field);
  else neighbour.fields.unshift(field);
  return next;
}

export function addRule(form: DraftForm, rule: DraftRule): DraftForm {
  const next = clone(form);
  next.eligibility.push(rule);
  return next;
}

export function updateRule(form: DraftForm, ruleId: string, rule: DraftRule): DraftForm | null {
  const next = clone(form);
  const index = next.eligibility.findIndex((r) => r.id === ruleId);
  if (index < 0) return null;
  next.eligibility[index] = rule;
  return next;
}

export function deleteRule(form: DraftForm, ruleId: string): DraftForm | null {
  const next = clone(form);
  const index = next.eligibility.findIndex((r) => r.id === ruleId);
  if (index < 0) return null;
  next.eligibility.splice(index, 1);
  return next;
}

// --- Ids ----------------------------------------------------------------------------------------------

/** Every id used in the form (sections, fields, blocks' children, rules). */
export function usedIds(form: DraftForm): Set<string> {
  const ids = new Set<string>();
  for (const section of form.sections) {
    ids.add(section.id);
    for (const field of section.fields) {
      ids.add(field.id);
      if (Array.isArray(field.fields))
        for (const child of field.fields as DraftField[])
          if (child && typeof child.id === 'string') ids.add(child.id);
    }
  }
  for (const rule of form.eligibility) ids.add(rule.id);
  return ids;
}

/** An id derived from a label (`Nom du projet` → `nom_du_projet`), not among `taken`. */
export function suggestId(label: string, taken: Set<string>, fallback = 'champ'): string {
  let base = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 50)
    .replace(/_+$/, '');
  if (!/^[a-z]/.test(base)) base = base ? `${fallback}_${base}`.slice(0, 50) : fallback;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  return id;
}

// --- Reading the builder's form posts ---------------------------------------------------------------

export type Values = Record<string, string | string[]>;

function text(values: Values, name: string): string {
  const v = values[name];
  return (typeof v === 'string' ? v : '').replace(/\r\n?/g, '\n').trim();
}

function lines(value: string): string[] {
  return value
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** What a post gave: the definition, and the messages of the inputs that could not be read. */
export interface Read<T> {
  value: T;
  errors: Record<string, string>;
}

/** The condition inputs `cond_field`, `cond_op`, `cond_value`: none when no field is chosen. */
export function readCondition(
  values: Values,
  form: DraftForm,
  w: CallsBuilderMessages,
  errors: Record<string, string>,
): unknown {
  const field = text(values, 'cond_field');
  if (!field) return undefined;
  const op = text(values, 'cond_op');
  if (!['equals', 'not_equals', 'in', 'is_yes', 'is_no', 'is_answered'].includes(op)) {
    errors.cond_op = w.errors.condOp;
    return undefined;
  }
  if (op === 'is_yes' || op === 'is_no' || op === 'is_answered') return { field, op };
  const raw = text(values, 'cond_value');
  const parts = op === 'in' ? lines(raw.replace(/;/g, '\n')) : raw ? [raw] : [];
  if (parts.length === 0) {
    errors.cond_value = w.errors.condValue;
    return undefined;
  }
  const type = findField(form, field)?.type;
  const converted: (string | number)[] = [];
  for (const part of parts) {
    if (type === 'number' || type === 'money') {
      const n = type === 'money' ? parseMoney(part) : parseFrenchNumber(part);
      if (n === null) {
        errors.cond_value = w.errors.condNumber;
        return undefined;
      }
      converted.push(n);
    } else converted.push(part);
  }
  return op === 'in' ? { field, op, values: converted } : { field, op, value: converted[0] };
}

/** The inputs of a section form. */
export function readSection(values: Values, form: DraftForm, w: CallsBuilderMessages, currentId?: string) {
  const errors: Record<string, string> = {};
  const title = text(values, 'title');
  const taken = usedIds(form);
  if (currentId) taken.delete(currentId);
  const id = text(values, 'id') || suggestId(title, taken, 'section');
  const description = text(values, 'description');
  const showIf = readCondition(values, form, w, errors);
  const section: Omit<DraftSection, 'fields'> = { id, title };
  if (description) section.description = description;
  if (showIf) section.showIf = showIf;
  return { value: section, errors };
}

/** The inputs of an eligibility rule form (a condition is required). */
export function readRule(values: Values, form: DraftForm, w: CallsBuilderMessages, currentId?: string) {
  const errors: Record<string, string> = {};
  const reason = text(values, 'reason');
  const taken = usedIds(form);
  if (currentId) taken.delete(currentId);
  const id = text(values, 'id') || suggestId(reason, taken, 'regle');
  const condition = readCondition(values, form, w, errors);
  if (!condition && !errors.cond_op && !errors.cond_value) errors.cond_field = w.errors.ruleCondition;
  return { value: { id, condition, reason } as DraftRule, errors };
}

/** The inputs that hold limits, per type (name in the post → key in the definition). */
const LIMIT_INPUTS: Partial<Record<FieldType, string[]>> = {
  text: ['min_length', 'max_length'],
  long_text: ['min_length', 'max_length'],
  number: ['min', 'max', 'step'],
  money: ['min_euros', 'max_euros'],
  date: ['min_date', 'max_date'],
  choice: ['options', 'display'],
  multiple_choice: ['options', 'min_selections', 'max_selections'],
  attachment: ['allowed_types', 'max_size_mb'],
  repeatable_block: ['min_occurrences', 'max_occurrences', 'children'],
};

/** The limit inputs of a type, in the order of the page. */
export function limitInputs(type: FieldType): string[] {
  return LIMIT_INPUTS[type] ?? [];
}

export function isFieldType(type: string): type is FieldType {
  return (FIELD_TYPES as readonly string[]).includes(type);
}

const MB = 1024 * 1024;

/** The inputs of a field form, for a field of `type`. */
export function readField(
  values: Values,
  type: FieldType,
  form: DraftForm,
  w: CallsBuilderMessages,
  currentId?: string,
): Read<DraftField> {
  const errors: Record<string, string> = {};
  const i = w.inputs;
  const label = text(values, 'label');
  const taken = usedIds(form);
  if (currentId) taken.delete(currentId);
  const field: DraftField = { id: text(values, 'id') || suggestId(label, taken), type, label };
  const hint = text(values, 'hint');
  if (hint) field.hint = hint;
  if (type !== 'heading') field.required = text(values, 'required') === 'oui';

  const whole = (name: string, key: string, what: string) => {
    const raw = text(values, name);
    if (!raw) return;
    if (!/^\d{1,9}$/.test(raw.replace(/\s/g, ''))) errors[name] = w.errors.wholeNumber(what);
    else field[key] = Number(raw.replace(/\s/g, ''));
  };
  const number = (name: string, key: string, what: string) => {
    const raw = text(values, name);
    if (!raw) return;
    const n = parseFrenchNumber(raw);
    if (n === null) errors[name] = w.errors.number(what);
    else field[key] = n;
  };
  const euros = (name: string, key: string, what: string) => {
    const raw = text(values, name);
    if (!raw) return;
    const cents = parseMoney(raw);
    if (cents === null) errors[name] = w.errors.euros(what);
    else field[key] = cents;
  };
  const date = (name: string, key: string, what: string) => {
    const raw = text(values, name);
    if (!raw) return;
    const d = parseDate(raw);
    if (d === null) errors[name] = w.errors.date(what);
    else field[key] = d;
  };
  const options = () => {
    const list: { value: string; label: string }[] = [];
    for (const line of lines(text(values, 'options'))) {
      const bar = line.indexOf('|');
      const value = (bar < 0 ? line : line.slice(0, bar)).trim();
      const optionLabel = (bar < 0 ? line : line.slice(bar + 1)).trim();
      if (!value || !optionLabel) {
        errors.options ??= w.errors.optionLine(line);
        continue;
      }
      list.push({ value, label: optionLabel });
    }
    field.options = list;
  };

  switch (type) {
    case 'text':
    case 'long_text':
      whole('min_length', 'minLength', i.minLength);
      whole('max_length', 'maxLength', i.maxLength);
      break;
    case 'number':
      number('min', 'min', i.min);
      number('max', 'max', i.max);
      number('step', 'step', i.step);
      break;
    case 'money':
      euros('min_euros', 'minCents', i.minEuros);
      euros('max_euros', 'maxCents', i.maxEuros);
      break;
    case 'date':
      date('min_date', 'minDate', i.minDate);
      date('max_date', 'maxDate', i.maxDate);
      break;
    case 'choice':
      options();
      field.display = text(values, 'display') === 'select' ? 'select' : 'radio';
      break;
    case 'multiple_choice':
      options();
      whole('min_selections', 'minSelections', i.minSelections);
      whole('max_selections', 'maxSelections', i.maxSelections);
      break;
    case 'attachment': {
      field.allowedTypes = lines(text(values, 'allowed_types').replace(/[,;]/g, '\n'));
      const raw = text(values, 'max_size_mb');
      const mb = raw ? parseFrenchNumber(raw) : null;
      if (mb === null || mb <= 0) errors.max_size_mb = w.errors.number(i.maxSizeMb);
      else field.maxSize = Math.round(mb * MB);
      break;
    }
    case 'repeatable_block': {
      whole('min_occurrences', 'minOccurrences', i.minOccurrences);
      whole('max_occurrences', 'maxOccurrences', i.maxOccurrences);
      const raw = text(values, 'children');
      try {
        field.fields = raw ? JSON.parse(raw) : [];
      } catch (error) {
        errors.children = w.errors.json(error instanceof Error ? error.message : String(error));
      }
      break;
    }
  }
  const showIf = readCondition(values, form, w, errors);
  if (showIf) field.showIf = showIf;
  return { value: field, errors };
}

// --- Back to the inputs (edit pages) -----------------------------------------------------------------

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const frenchDecimal = (v: unknown): string => (typeof v === 'number' ? String(v).replace('.', ',') : '');
const eurosOf = (cents: unknown): string => (typeof cents === 'number' ? frenchDecimal(cents / 100) : '');
const frenchDateOf = (iso: unknown): string => {
  const m = typeof iso === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
};

function conditionValues(condition: unknown, form: DraftForm): Values {
  if (!condition || typeof condition !== 'object') return {};
  const c = condition as { field?: unknown; op?: unknown; value?: unknown; values?: unknown };
  const type = typeof c.field === 'string' ? findField(form, c.field)?.type : undefined;
  const show = (v: unknown) =>
    type === 'money' ? eurosOf(v) : type === 'number' ? frenchDecimal(v) : str(v);
  const value = Array.isArray(c.values)
    ? c.values.map(show).join('\n')
    : c.value === undefined
      ? ''
      : show(c.value);
  return { cond_field: str(c.field), cond_op: str(c.op), cond_value: value };
}

export function sectionValues(section: DraftSection, form: DraftForm): Values {
  return {
    id: section.id,
    title: section.title,
    description: section.description ?? '',
    ...conditionValues(section.showIf, form),
  };
}

export function ruleValues(rule: DraftRule, form: DraftForm): Values {
  return { id: rule.id, reason: rule.reason, ...conditionValues(rule.condition, form) };
}

export function fieldValues(field: DraftField, form: DraftForm): Values {
  const options = Array.isArray(field.options)
    ? (field.options as { value: string; label: string }[]).map((o) => `${o.value} | ${o.label}`).join('\n')
    : '';
  const values: Values = {
    id: field.id,
    label: str(field.label),
    hint: str(field.hint),
    required: field.required === true ? 'oui' : '',
    min_length: str(field.minLength),
    max_length: str(field.maxLength),
    min: frenchDecimal(field.min),
    max: frenchDecimal(field.max),
    step: frenchDecimal(field.step),
    min_euros: eurosOf(field.minCents),
    max_euros: eurosOf(field.maxCents),
    min_date: frenchDateOf(field.minDate),
    max_date: frenchDateOf(field.maxDate),
    options,
    display: str(field.display),
    min_selections: str(field.minSelections),
    max_selections: str(field.maxSelections),
    allowed_types: Array.isArray(field.allowedTypes) ? field.allowedTypes.join('\n') : '',
    max_size_mb:
      typeof field.maxSize === 'number' ? frenchDecimal(Math.round((field.maxSize / MB) * 100) / 100) : '',
    min_occurrences: str(field.minOccurrences),
    max_occurrences: str(field.maxOccurrences),
    children: Array.isArray(field.fields) ? JSON.stringify(field.fields, null, 2) : '',
    ...conditionValues(field.showIf, form),
  };
  return values;
}

// --- Issues of parseCallForm → messages under the inputs ----------------------------------------------

/** Key of a definition → input of the builder's forms. */
const INPUT_OF: Record<string, string> = {
  id: 'id',
  title: 'title',
  description: 'description',
  label: 'label',
  hint: 'hint',
  showIf: 'cond_field',
  condition: 'cond_field',
  reason: 'reason',
  minLength: 'min_length',
  maxLength: 'max_length',
  min: 'min',
  max: 'max',
  step: 'step',
  minCents: 'min_euros',
  maxCents: 'max_euros',
  minDate: 'min_date',
  maxDate: 'max_date',
  options: 'options',
  display: 'display',
  minSelections: 'min_selections',
  maxSelections: 'max_selections',
  allowedTypes: 'allowed_types',
  maxSize: 'max_size_mb',
  fields: 'children',
  minOccurrences: 'min_occurrences',
  maxOccurrences: 'max_occurrences',
};

/** The path of an element in a form (`sections.1.fields.0`, `sections.2`, `eligibility.0`), if there. */
export function pathOf(form: DraftForm, kind: 'section' | 'field' | 'rule', id: string): string | null {
  if (kind === 'section') {
    const s = form.sections.findIndex((x) => x.id === id);
    return s < 0 ? null : `sections.${s}`;
  }
  if (kind === 'rule') {
    const r = form.eligibility.findIndex((x) => x.id === id);
    return r < 0 ? null : `eligibility.${r}`;
  }
  const at = locateField(form, id);
  return at ? `sections.${at.section}.fields.${at.field}` : null;
}

/**
 * Splits the issues of a candidate form: those about the element at `prefix` go under its inputs (a
 * field's own limits, reported on the field, under its first limit input); the others are general.
 */
export function issuesToInputs(
  issues: FormIssue[],
  prefix: string | null,
  type?: FieldType,
): { errors: Record<string, string>; general: string[] } {
  const errors: Record<string, string> = {};
  const general: string[] = [];
  for (const issue of issues) {
    if (prefix && (issue.path === prefix || issue.path.startsWith(`${prefix}.`))) {
      const rest = issue.path.slice(prefix.length + 1).split('.');
      const key = rest[0] ?? '';
      let input: string | undefined = INPUT_OF[key];
      if (key === 'fields' && !type) input = undefined;
      if (!key) input = type ? (limitInputs(type)[0] ?? 'label') : 'id';
      if (input) {
        errors[input] ??= issue.message;
        continue;
      }
    }
    general.push(issue.message);
  }
  return { errors, general };
}

/** The fields a condition may name: top-level fields that take an answer, in reading order. */
export function conditionTargets(form: DraftForm): { id: string; label: string; type: string }[] {
  return form.sections.flatMap((s) =>
    s.fields
      .filter((f) => f.type !== 'heading')
      .map((f) => ({ id: f.id, label: str(f.label), type: f.type })),
  );
}
