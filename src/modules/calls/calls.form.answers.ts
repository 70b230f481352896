/**
 * Answers to a call form: validation and normalisation (draft or submission), conditional display,
 * eligibility and CSV export. Pure functions of a parsed `CallForm`; they never throw on any JSON answers.
 */
import { compactIdentifier, isValidSiret } from '../../platform/validation/siren.js';
import { type CallsFormMessages, callsFormFr, frenchDate } from './calls.form.fr.js';
import {
  type AnsweringChildField,
  type AnsweringField,
  type CallForm,
  type Condition,
  type FormField,
  LONG_TEXT_MAX_LENGTH,
  type RepeatableBlockField,
  TEXT_MAX_LENGTH,
} from './calls.form.js';

/** The answer to an attachment field: a reference to a file stored elsewhere. */
export interface AttachmentRef {
  fileId: string;
  name: string;
  size: number;
  type: string;
}

/** A normalised answer to a field outside repeatable blocks' own type. */
export type ScalarValue = string | number | boolean | string[] | AttachmentRef;
/** One occurrence of a repeatable block: child field id → normalised answer. */
export type Occurrence = Record<string, ScalarValue>;
export type AnswerValue = ScalarValue | Occurrence[];
/** Normalised answers: field id → value; unanswered, hidden and invalid fields are absent. */
export type FormValues = Record<string, AnswerValue>;

export type ValidationMode = 'draft' | 'submit';

export interface ValidationResult {
  values: FormValues;
  /** `fieldId` or `blockId.index.childId` → message. */
  errors: Record<string, string>;
}

export interface ValidateOptions {
  mode: ValidationMode;
  messages?: CallsFormMessages;
}

type Checked = { value?: ScalarValue; error?: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** An own property only (never `__proto__` or inherited ones). */
const own = (o: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(o, key) ? o[key] : undefined;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL_LINE = /[\u0000-\u001F\u007F]+/g;

/**
 * Text as stored: trimmed, no control characters (PostgreSQL's jsonb refuses U+0000), no lone surrogate,
 * line breaks as `\n` (kept only in multi-line text).
 */
export function cleanText(s: string, multiline: boolean): string {
  let out = s.replace(LONE_SURROGATE, '\uFFFD').replace(/\r\n?/g, '\n');
  out = multiline ? out.replace(CONTROL_MULTILINE, '') : out.replace(CONTROL_LINE, ' ');
  return out.trim();
}

const codePoints = (s: string) => [...s].length;

const SPACES = /[\s\u00a0\u202f]/g;

/** « 1 234,50 », « -3.5 », « 12 » → number; null when it is not a plain decimal number. */
export function parseFrenchNumber(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) && Math.abs(raw) <= 1e15 ? raw + 0 : null;
  if (typeof raw !== 'string') return null;
  const s = raw.replace(SPACES, '');
  if (!/^[+-]?\d{1,16}(?:[.,]\d{1,15})?$/.test(s)) return null;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) && Math.abs(n) <= 1e15 ? n + 0 : null;
}

/** « 1 234,50 € » (euros) → 123450 cents; a number is taken as cents already (a normalised value). */
export function parseMoney(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? raw + 0 : null;
  if (typeof raw !== 'string') return null;
  const s = raw.replace(SPACES, '').replace(/(?:€|EUR|euros?)$/i, '');
  const match = /^\+?(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(s);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** « 2024-07-14 » or « 14/07/2024 » → '2024-07-14' when it is a real date (years 1000 to 9999). */
export function parseDate(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  const parts = iso ? [iso[1], iso[2], iso[3]] : fr ? [fr[3], fr[2], fr[1]] : null;
  if (!parts) return null;
  const [y, m, d] = parts.map(Number) as [number, number, number];
  if (y < 1000 || m < 1 || m > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const OVERSEAS_CODES = '262|269|508|590|594|596|681|687|689';

/**
 * A French phone number in any usual writing (« 06 12 34 56 78 », « +33 6 12 34 56 78 », « 0033612345678 »,
 * « +33 (0)6… », overseas « +262 692 12 34 56 ») → '06 12 34 56 78' for national numbers, '+262692123456'
 * for overseas international ones; null otherwise.
 */
export function parsePhone(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const s = raw.replace(/[\s.\-()\u00a0\u202f]/g, '');
  const national = /^(?:0|(?:\+|00)330?)([1-9]\d{8})$/.exec(s);
  if (national) return `0${national[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ');
  const overseas = new RegExp(`^(?:\\+|00)(${OVERSEAS_CODES})(\\d{6,9})$`).exec(s);
  if (overseas) return `+${overseas[1]}${overseas[2]}`;
  return null;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(?:\.[^\s@<>()[\]\\,;:".]+)+$/;

function parseUrl(s: string): string | null {
  if (s.length > 2000 || /\s/.test(s)) return null;
  try {
    const url = new URL(s);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!url.hostname.includes('.') || url.hostname.startsWith('.') || url.hostname.endsWith('.'))
      return null;
    return s;
  } catch {
    return null;
  }
}

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

const COMMUNE = /^(?:\d{2}|2[AB])\d{3}$/;

const YES = new Set(['oui', 'yes', 'true', '1', 'o', 'y']);
const NO = new Set(['non', 'no', 'false', '0', 'n']);

function mimeAllowed(type: string, allowed: readonly string[]): boolean {
  return allowed.some((a) => a === type || (a.endsWith('/*') && type.startsWith(a.slice(0, -1))));
}

function isEmpty(raw: unknown): boolean {
  return (
    raw === undefined ||
    raw === null ||
    (typeof raw === 'string' && cleanText(raw, true) === '') ||
    (Array.isArray(raw) && raw.length === 0)
  );
}

/** Validates one answer to a field that is not a block; `value` absent means unanswered. */
function checkScalar(
  field: AnsweringChildField,
  raw: unknown,
  mode: ValidationMode,
  m: CallsFormMessages['answers'],
): Checked {
  if (isEmpty(raw)) return mode === 'submit' && field.required ? { error: m.required } : {};
  const text = typeof raw === 'string' ? cleanText(raw, field.type === 'long_text') : null;
  switch (field.type) {
    case 'text':
    case 'long_text': {
      if (text === null) return { error: m.notText };
      const max = field.maxLength ?? (field.type === 'text' ? TEXT_MAX_LENGTH : LONG_TEXT_MAX_LENGTH);
      const n = codePoints(text);
      if (n > max) return { error: m.tooLong(max) };
      if (mode === 'submit' && field.minLength !== undefined && n < field.minLength) {
        return { error: m.tooShort(field.minLength) };
      }
      return { value: text };
    }
    case 'number': {
      const n = parseFrenchNumber(raw);
      if (n === null) return { error: m.notNumber };
      if (field.min !== undefined && n < field.min) return { error: m.numberMin(field.min) };
      if (field.max !== undefined && n > field.max) return { error: m.numberMax(field.max) };
      if (field.step !== undefined && field.step > 0) {
        const q = (n - (field.min ?? 0)) / field.step;
        if (Math.abs(q - Math.round(q)) > 1e-9 * Math.max(1, Math.abs(q)))
          return { error: m.numberStep(field.step) };
      }
      return { value: n };
    }
    case 'money': {
      const c = parseMoney(raw);
      if (c === null) return { error: m.notMoney };
      if (field.minCents !== undefined && c < field.minCents) return { error: m.moneyMin(field.minCents) };
      if (field.maxCents !== undefined && c > field.maxCents) return { error: m.moneyMax(field.maxCents) };
      return { value: c };
    }
    case 'date': {
      const d = parseDate(raw);
      if (d === null) return { error: m.notDate };
      if (field.minDate !== undefined && d < field.minDate) return { error: m.dateMin(field.minDate) };
      if (field.maxDate !== undefined && d > field.maxDate) return { error: m.dateMax(field.maxDate) };
      return { value: d };
    }
    case 'choice': {
      const option = text === null ? undefined : field.options.find((o) => o.value === text);
      return option ? { value: option.value } : { error: m.notOption };
    }
    case 'multiple_choice': {
      const list = Array.isArray(raw) ? raw : [raw];
      const picked = new Set<string>();
      for (const item of list) {
        if (typeof item !== 'string') return { error: m.notOption };
        const v = item.trim();
        if (v === '') continue;
        if (!field.options.some((o) => o.value === v)) return { error: m.notOption };
        picked.add(v);
      }
      const value = field.options.map((o) => o.value).filter((v) => picked.has(v));
      if (value.length === 0) return mode === 'submit' && field.required ? { error: m.required } : {};
      if (field.maxSelections !== undefined && value.length > field.maxSelections) {
        return { error: m.tooManySelections(field.maxSelections) };
      }
      if (mode === 'submit' && field.minSelections !== undefined && value.length < field.minSelections) {
        return { error: m.tooFewSelections(field.minSelections) };
      }
      return { value };
    }
    case 'yes_no': {
      if (typeof raw === 'boolean') return { value: raw };
      const t = text?.toLowerCase();
      if (t !== undefined && YES.has(t)) return { value: true };
      if (t !== undefined && NO.has(t)) return { value: false };
      return { error: m.notYesNo };
    }
    case 'email': {
      if (text === null || text.length > 254 || !EMAIL.test(text)) return { error: m.notEmail };
      return { value: text };
    }
    case 'phone': {
      const phone = parsePhone(text);
      return phone === null ? { error: m.notPhone } : { value: phone };
    }
    case 'url': {
      const url = text === null ? null : parseUrl(text);
      return url === null ? { error: m.notUrl } : { value: url };
    }
    case 'siret': {
      const siret = text === null ? '' : compactIdentifier(text);
      return isValidSiret(siret) ? { value: siret } : { error: m.notSiret };
    }
    case 'commune': {
      const code = text?.toUpperCase() ?? '';
      return COMMUNE.test(code) ? { value: code } : { error: m.notCommune };
    }
    case 'attachment': {
      if (!isRecord(raw)) return { error: m.notAttachment };
      const { fileId, name, size, type } = raw;
      if (
        typeof fileId !== 'string' ||
        !/^[A-Za-z0-9_-]{1,200}$/.test(fileId) ||
        typeof name !== 'string' ||
        typeof type !== 'string' ||
        typeof size !== 'number' ||
        !Number.isSafeInteger(size) ||
        size < 0
      ) {
        return { error: m.notAttachment };
      }
      const cleanName = cleanText(Array.from(cleanText(name, false)).slice(0, 255).join(''), false);
      const cleanType = type.trim().toLowerCase();
      if (cleanName === '' || !MIME.test(cleanType)) return { error: m.notAttachment };
      if (!mimeAllowed(cleanType, field.allowedTypes)) return { error: m.attachmentType(field.allowedTypes) };
      if (size > field.maxSize) return { error: m.attachmentSize(field.maxSize) };
      return { value: { fileId, name: cleanName, size: size + 0, type: cleanType } };
    }
  }
}

/** True when the condition holds on normalised values; a condition on an unanswered or hidden field is false. */
export function conditionHolds(condition: Condition, values: FormValues): boolean {
  const v = Object.hasOwn(values, condition.field) ? values[condition.field] : undefined;
  if (v === undefined) return false;
  const has = (x: string | number) => (Array.isArray(v) ? (v as unknown[]).includes(x) : v === x);
  switch (condition.op) {
    case 'is_answered':
      return true;
    case 'is_yes':
      return v === true;
    case 'is_no':
      return v === false;
    case 'equals':
      return has(condition.value);
    case 'not_equals':
      return !has(condition.value);
    case 'in':
      return condition.values.some(has);
  }
}

function checkBlock(
  block: RepeatableBlockField,
  raw: unknown,
  mode: ValidationMode,
  m: CallsFormMessages['answers'],
  values: FormValues,
  errors: Record<string, string>,
): Occurrence[] | undefined {
  const list = isEmpty(raw) ? [] : raw;
  if (!Array.isArray(list)) {
    errors[block.id] = m.notBlock;
    return undefined;
  }
  const children = block.fields.filter(
    (c): c is AnsweringChildField => c.type !== 'heading' && (!c.showIf || conditionHolds(c.showIf, values)),
  );
  const occurrences: Occurrence[] = [];
  const childErrors: Record<string, string> = {};
  let filled = 0;
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (isEmpty(item)) continue;
    if (!isRecord(item)) {
      errors[block.id] = m.notBlock;
      return undefined;
    }
    if (children.every((c) => isEmpty(own(item, c.id)))) continue;
    filled++;
    const occurrence: Occurrence = {};
    for (const child of children) {
      const r = checkScalar(child, own(item, child.id), mode, m);
      if (r.error !== undefined) childErrors[`${block.id}.${i}.${child.id}`] = r.error;
      else if (r.value !== undefined) occurrence[child.id] = r.value;
    }
    if (Object.keys(occurrence).length > 0) occurrences.push(occurrence);
  }
  if (filled > block.maxOccurrences) {
    errors[block.id] = m.tooManyOccurrences(block.maxOccurrences);
    return undefined;
  }
  Object.assign(errors, childErrors);
  if (mode === 'submit') {
    if (filled === 0 && (block.required || block.minOccurrences > 0)) {
      errors[block.id] = block.minOccurrences > 1 ? m.tooFewOccurrences(block.minOccurrences) : m.required;
    } else if (filled < block.minOccurrences) {
      errors[block.id] = m.tooFewOccurrences(block.minOccurrences);
    }
  }
  return occurrences.length > 0 ? occurrences : undefined;
}

/** Calls `visit` on every field (top level, headings included) whose section and own condition hold. */
function walkVisible(form: CallForm, values: FormValues, visit: (field: FormField) => void): void {
  for (const section of form.sections) {
    if (section.showIf && !conditionHolds(section.showIf, values)) continue;
    for (const field of section.fields) {
      if (field.showIf && !conditionHolds(field.showIf, values)) continue;
      visit(field);
    }
  }
}

/**
 * Validates and normalises answers (any JSON: a parsed form post or stored values). Fields are read in order,
 * each condition evaluated on the normalised answers before it, so hidden fields are neither required nor
 * kept. `draft`: a missing required answer (or a too short text, too few boxes, too few occurrences) is not
 * an error, a malformed one is. `values` holds only valid answers: validating it again gives it back unchanged.
 */
export function validateAnswers(
  form: CallForm,
  answers: unknown,
  options: ValidateOptions,
): ValidationResult {
  const m = (options.messages ?? callsFormFr).answers;
  const input = isRecord(answers) ? answers : {};
  const values: FormValues = {};
  const errors: Record<string, string> = {};
  walkVisible(form, values, (field) => {
    if (field.type === 'heading') return;
    const raw = own(input, field.id);
    if (field.type === 'repeatable_block') {
      const occurrences = checkBlock(field, raw, options.mode, m, values, errors);
      if (occurrences) values[field.id] = occurrences;
      return;
    }
    const r = checkScalar(field, raw, options.mode, m);
    if (r.error !== undefined) errors[field.id] = r.error;
    else if (r.value !== undefined) values[field.id] = r.value;
  });
  return { values, errors };
}

/** The fields shown for these answers, in order (headings included; a block's hidden children left out). */
export function visibleFields(form: CallForm, answers: unknown): FormField[] {
  const { values } = validateAnswers(form, answers, { mode: 'draft' });
  const out: FormField[] = [];
  walkVisible(form, values, (field) => {
    if (field.type === 'repeatable_block') {
      out.push({
        ...field,
        fields: field.fields.filter((c) => !c.showIf || conditionHolds(c.showIf, values)),
      });
    } else {
      out.push(field);
    }
  });
  return out;
}

/** The ids of the sections shown for these answers, in order (a stepper shows one page per section). */
export function visibleSections(form: CallForm, answers: unknown): string[] {
  const { values } = validateAnswers(form, answers, { mode: 'draft' });
  return form.sections.filter((s) => !s.showIf || conditionHolds(s.showIf, values)).map((s) => s.id);
}

/**
 * The reasons that block submission, in the order of the rules: a rule blocks when its condition does not
 * hold, which includes an unanswered or hidden referenced field.
 */
export function checkEligibility(form: CallForm, answers: unknown): string[] {
  const { values } = validateAnswers(form, answers, { mode: 'draft' });
  return form.eligibility
    .filter((rule) => !conditionHolds(rule.condition, values))
    .map((rule) => rule.reason);
}

export interface ExportColumn {
  key: string;
  header: string;
}

/** One column per answering field, in form order; a repeatable block is one column (see `exportRow`). */
export function exportColumns(form: CallForm): ExportColumn[] {
  const columns: ExportColumn[] = [];
  for (const section of form.sections) {
    for (const field of section.fields) {
      if (field.type !== 'heading') columns.push({ key: field.id, header: field.label });
    }
  }
  return columns;
}

export interface ExportOptions {
  messages?: CallsFormMessages;
  /** The cell of an attachment (e.g. a download link); default: the file name. */
  attachment?: (ref: AttachmentRef, field: AnsweringField | AnsweringChildField) => string;
}

function cell(field: AnsweringField | AnsweringChildField, v: unknown, options: ExportOptions): string {
  const m = (options.messages ?? callsFormFr).export;
  if (v === undefined || v === null) return '';
  switch (field.type) {
    case 'money':
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) break;
      return `${v < 0 ? '-' : ''}${Math.trunc(Math.abs(v) / 100)},${String(Math.abs(v) % 100).padStart(2, '0')}`;
    case 'number':
      if (typeof v !== 'number') break;
      return String(v).replace('.', ',');
    case 'date':
      if (typeof v !== 'string' || parseDate(v) !== v) break;
      return frenchDate(v);
    case 'choice':
      return field.options.find((o) => o.value === v)?.label ?? (typeof v === 'string' ? v : '');
    case 'multiple_choice':
      if (!Array.isArray(v)) break;
      return v
        .map((x) => field.options.find((o) => o.value === x)?.label ?? (typeof x === 'string' ? x : ''))
        .join(m.selectionSeparator);
    case 'yes_no':
      if (typeof v !== 'boolean') break;
      return v ? m.yes : m.no;
    case 'attachment': {
      if (!isRecord(v) || typeof v.name !== 'string') return '';
      const ref = v as unknown as AttachmentRef;
      return options.attachment ? options.attachment(ref, field) : ref.name;
    }
    case 'repeatable_block': {
      if (!Array.isArray(v)) return '';
      const children = field.fields.filter((c): c is AnsweringChildField => c.type !== 'heading');
      return v
        .filter(isRecord)
        .map((occ, i) =>
          m.occurrence(
            i + 1,
            children
              .filter((c) => own(occ, c.id) !== undefined)
              .map((c) => m.part(c.label, cell(c, own(occ, c.id), options))),
          ),
        )
        .join(m.occurrenceSeparator);
    }
  }
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/**
 * The cells of one dossier, aligned with `exportColumns`: money in euros with a decimal comma (« 1234,50 »),
 * dates as dd/mm/yyyy, choices as their labels, yes/no as Oui/Non, a block's occurrences as
 * « 1. Nom : A ; SIRET : 123 | 2. Nom : B ; SIRET : 456 ». Cells are raw strings: quoting and
 * neutralising spreadsheet formulas (=, +, -, @) is the CSV/XLSX writer's job.
 */
export function exportRow(form: CallForm, values: unknown, options: ExportOptions = {}): string[] {
  const input = isRecord(values) ? values : {};
  const row: string[] = [];
  for (const section of form.sections) {
    for (const field of section.fields) {
      if (field.type !== 'heading') row.push(cell(field, own(input, field.id), options));
    }
  }
  return row;
}
