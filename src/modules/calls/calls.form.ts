/**
 * The form of a call as data: sections of typed fields, conditional display and eligibility rules, stored
 * as JSON and validated by zod. The same definition drives rendering, answer validation
 * (`calls.form.answers.ts`) and exports. See README.md.
 */
import { z } from 'zod';
import { callsFormEn } from './calls.form.en.js';
import {
  type CallsFormMessages,
  callsFormFr,
  frenchDate,
  frenchEuros,
  frenchNumber,
} from './calls.form.fr.js';

/** Longest answer to a `text` field (and highest `maxLength` a builder may set). */
export const TEXT_MAX_LENGTH = 1000;
/** Longest answer to a `long_text` field. */
export const LONG_TEXT_MAX_LENGTH = 20_000;
/** Most occurrences a repeatable block may allow. */
export const MAX_OCCURRENCES = 100;
/** Largest attachment size a builder may allow (1 GiB). */
export const MAX_ATTACHMENT_BYTES = 1024 * 1024 * 1024;

/** A stable identifier: lower-case ASCII letter, then letters, digits or underscores (63 at most). */
export const FORM_ID = /^[a-z][a-z0-9_]{0,62}$/;

// biome-ignore lint/suspicious/noControlCharactersInRegex: PostgreSQL's jsonb refuses U+0000
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Trimmed text that the database can store as jsonb (no U+0000, no lone surrogate). */
const storable = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !NUL.test(s) && !LONE_SURROGATE.test(s));
/** A finite number, -0 written as 0 so that it survives a trip through JSON. */
const num = () => z.number().overwrite((n) => n + 0);

const id = z.string().regex(FORM_ID);
const label = storable(1, 500);
const hint = storable(0, 2000).optional();
const conditionValue = z.union([storable(1, 200), num()]);

/** Shows a field or a section, or lets a dossier be submitted, depending on the answer to an earlier field. */
export const conditionSchema = z.discriminatedUnion('op', [
  z.strictObject({ field: id, op: z.literal('equals'), value: conditionValue }),
  z.strictObject({ field: id, op: z.literal('not_equals'), value: conditionValue }),
  z.strictObject({ field: id, op: z.literal('in'), values: z.array(conditionValue).min(1).max(500) }),
  z.strictObject({ field: id, op: z.literal('is_yes') }),
  z.strictObject({ field: id, op: z.literal('is_no') }),
  z.strictObject({ field: id, op: z.literal('is_answered') }),
]);

const base = {
  id,
  label,
  hint,
  required: z.boolean().default(false),
  showIf: conditionSchema.optional(),
};
const length = num().int().min(0).max(LONG_TEXT_MAX_LENGTH);
const cents = num().int().min(0).max(Number.MAX_SAFE_INTEGER);
const isoDate = z.iso.date();
const option = z.strictObject({ value: storable(1, 100), label });
const mime = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/(?:\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,126})$/);

const textField = z.strictObject({
  ...base,
  type: z.literal('text'),
  minLength: length.optional(),
  maxLength: length.optional(),
});
const longTextField = z.strictObject({
  ...base,
  type: z.literal('long_text'),
  minLength: length.optional(),
  maxLength: length.optional(),
});
const numberField = z.strictObject({
  ...base,
  type: z.literal('number'),
  min: num().optional(),
  max: num().optional(),
  step: num().optional(),
});
const moneyField = z.strictObject({
  ...base,
  type: z.literal('money'),
  minCents: cents.optional(),
  maxCents: cents.optional(),
});
const dateField = z.strictObject({
  ...base,
  type: z.literal('date'),
  minDate: isoDate.optional(),
  maxDate: isoDate.optional(),
});
const choiceField = z.strictObject({
  ...base,
  type: z.literal('choice'),
  display: z.enum(['radio', 'select']).default('radio'),
  options: z.array(option).max(500),
});
const multipleChoiceField = z.strictObject({
  ...base,
  type: z.literal('multiple_choice'),
  options: z.array(option).max(500),
  minSelections: z.number().int().min(0).max(500).optional(),
  maxSelections: z.number().int().min(1).max(500).optional(),
});
const simple = <T extends string>(type: T) => z.strictObject({ ...base, type: z.literal(type) });
const attachmentField = z.strictObject({
  ...base,
  type: z.literal('attachment'),
  allowedTypes: z.array(mime).min(1).max(50),
  maxSize: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
});
const headingField = z.strictObject({
  id,
  type: z.literal('heading'),
  label,
  hint,
  showIf: conditionSchema.optional(),
});

/** The fields a repeatable block may hold (every type but another block). */
export const childFieldSchema = z.discriminatedUnion('type', [
  textField,
  longTextField,
  numberField,
  moneyField,
  dateField,
  choiceField,
  multipleChoiceField,
  simple('yes_no'),
  simple('email'),
  simple('phone'),
  simple('url'),
  simple('siret'),
  simple('commune'),
  attachmentField,
  headingField,
]);

const repeatableBlockField = z.strictObject({
  ...base,
  type: z.literal('repeatable_block'),
  fields: z.array(childFieldSchema).min(1).max(50),
  minOccurrences: z.number().int().min(0).max(MAX_OCCURRENCES).default(0),
  maxOccurrences: z.number().int().min(1).max(MAX_OCCURRENCES).default(20),
});

export const fieldSchema = z.discriminatedUnion('type', [...childFieldSchema.options, repeatableBlockField]);

export const sectionSchema = z.strictObject({
  id,
  title: label,
  description: storable(0, 5000).optional(),
  showIf: conditionSchema.optional(),
  fields: z.array(fieldSchema).max(200),
});

/** Submission is allowed only when `condition` holds; otherwise `reason` (French) is shown. */
export const eligibilityRuleSchema = z.strictObject({
  id,
  condition: conditionSchema,
  reason: storable(1, 1000),
});

const formShape = z.strictObject({
  version: z.number().int().min(1),
  sections: z.array(sectionSchema).min(1).max(50),
  eligibility: z.array(eligibilityRuleSchema).max(50).default([]),
});

export type Condition = z.output<typeof conditionSchema>;
export type FormField = z.output<typeof fieldSchema>;
export type ChildField = z.output<typeof childFieldSchema>;
export type FieldType = FormField['type'];
export type HeadingField = z.output<typeof headingField>;
/** A field that takes an answer (every type but `heading`). */
export type AnsweringField = Exclude<FormField, HeadingField>;
export type AnsweringChildField = Exclude<ChildField, HeadingField>;
export type RepeatableBlockField = z.output<typeof repeatableBlockField>;
export type FormSection = z.output<typeof sectionSchema>;
export type EligibilityRule = z.output<typeof eligibilityRuleSchema>;
export type CallForm = z.output<typeof formShape>;
/** What a builder may write: defaults (`required`, `display`, occurrences, `eligibility`) may be left out. */
export type CallFormInput = z.input<typeof formShape>;

export const FIELD_TYPES = fieldSchema.options.map((o) => o.shape.type.value) as readonly FieldType[];

/** Where a field or section sits in reading order: conditions may only look backwards. */
interface Placed {
  field: FormField;
  order: number;
  inBlock: boolean;
}

type Ctx = z.RefinementCtx<CallForm>;

/** Operators allowed on each type of referenced field (`is_answered` applies to every answering field). */
function operatorAllowed(type: FieldType, op: Condition['op']): boolean {
  if (op === 'is_answered') return true;
  if (op === 'is_yes' || op === 'is_no') return type === 'yes_no';
  return type !== 'yes_no' && type !== 'attachment' && type !== 'repeatable_block';
}

function checkCondition(
  ctx: Ctx,
  m: CallsFormMessages['schema'],
  placed: Map<string, Placed>,
  condition: Condition,
  who: string,
  before: number,
  path: (string | number)[],
): void {
  const message = conditionProblem(m, placed, condition, who, before);
  if (message) ctx.addIssue({ code: 'custom', message, path });
}

/** What is wrong with a condition placed before position `before`, or null. */
function conditionProblem(
  m: CallsFormMessages['schema'],
  placed: Map<string, Placed>,
  condition: Condition,
  who: string,
  before: number,
): string | null {
  const target = placed.get(condition.field);
  if (!target) return m.unknownReference(who, condition.field);
  if (target.field.type === 'heading') return m.headingReference(who, condition.field);
  if (target.inBlock) return m.blockReference(who, condition.field);
  if (target.order >= before) return m.laterReference(who, condition.field);
  const type = target.field.type;
  if (!operatorAllowed(type, condition.op)) return m.badOperator(who, condition.field, condition.op);
  const values = condition.op === 'in' ? condition.values : 'value' in condition ? [condition.value] : [];
  const numeric = type === 'number' || type === 'money';
  for (const value of values) {
    if (typeof value !== (numeric ? 'number' : 'string')) return m.badValue(who, condition.field);
    if (
      (target.field.type === 'choice' || target.field.type === 'multiple_choice') &&
      !target.field.options.some((o) => o.value === value)
    ) {
      return m.unknownOptionValue(who, condition.field, String(value));
    }
  }
  return null;
}

function checkLimits(
  ctx: Ctx,
  m: CallsFormMessages['schema'],
  field: FormField,
  path: (string | number)[],
): void {
  const who = m.fieldName(field.label, field.id);
  const report = (message: string) => ctx.addIssue({ code: 'custom', message, path });
  const minMax = <T extends number | string>(
    min: T | undefined,
    max: T | undefined,
    show: (v: T) => string,
  ) => {
    if (min !== undefined && max !== undefined && min > max) report(m.minAboveMax(who, show(min), show(max)));
  };
  switch (field.type) {
    case 'text':
    case 'long_text': {
      const cap = field.type === 'text' ? TEXT_MAX_LENGTH : LONG_TEXT_MAX_LENGTH;
      if ((field.maxLength ?? 0) > cap || (field.minLength ?? 0) > cap) report(m.limitAboveCap(who, cap));
      minMax(field.minLength, field.maxLength, String);
      break;
    }
    case 'number':
      minMax(field.min, field.max, frenchNumber);
      if (field.step !== undefined && !(field.step > 0)) report(m.stepNotPositive(who));
      break;
    case 'money':
      minMax(field.minCents, field.maxCents, frenchEuros);
      break;
    case 'date':
      minMax(field.minDate, field.maxDate, frenchDate);
      break;
    case 'choice':
    case 'multiple_choice': {
      if (field.options.length === 0) report(m.noOptions(who));
      const seen = new Set<string>();
      for (const o of field.options) {
        if (seen.has(o.value)) report(m.duplicateOption(who, o.value));
        seen.add(o.value);
      }
      if (field.type === 'multiple_choice') {
        minMax(field.minSelections, field.maxSelections, String);
        if (field.options.length > 0 && (field.minSelections ?? 0) > field.options.length) {
          report(m.tooManySelectionsAllowed(who, field.minSelections ?? 0, field.options.length));
        }
      }
      break;
    }
    case 'repeatable_block':
      minMax(field.minOccurrences, field.maxOccurrences, String);
      break;
  }
}

/** The cross-field rules zod cannot express field by field: unique ids, backward conditions, coherent limits. */
function checkForm(form: CallForm, ctx: Ctx, m: CallsFormMessages['schema']): void {
  const placed = new Map<string, Placed>();
  const sectionStart = new Map<string, number>();
  const seen = new Set<string>();
  const claim = (ident: string, path: (string | number)[]) => {
    if (seen.has(ident))
      ctx.addIssue({ code: 'custom', message: m.duplicateId(ident), path: [...path, 'id'] });
    seen.add(ident);
  };
  let order = 0;
  form.sections.forEach((section, s) => {
    claim(section.id, ['sections', s]);
    sectionStart.set(section.id, order);
    section.fields.forEach((field, f) => {
      claim(field.id, ['sections', s, 'fields', f]);
      if (!placed.has(field.id)) placed.set(field.id, { field, order, inBlock: false });
      order++;
      if (field.type === 'repeatable_block') {
        field.fields.forEach((child, c) => {
          claim(child.id, ['sections', s, 'fields', f, 'fields', c]);
          if (!placed.has(child.id)) placed.set(child.id, { field: child, order, inBlock: true });
          order++;
        });
      }
    });
  });
  form.eligibility.forEach((rule, r) => {
    claim(rule.id, ['eligibility', r]);
  });

  order = 0;
  form.sections.forEach((section, s) => {
    const start = sectionStart.get(section.id) ?? 0;
    if (section.showIf) {
      const who = m.sectionName(section.title, section.id);
      checkCondition(ctx, m, placed, section.showIf, who, start, ['sections', s, 'showIf']);
    }
    section.fields.forEach((field, f) => {
      const path = ['sections', s, 'fields', f];
      const at = order++;
      if (field.showIf) {
        checkCondition(ctx, m, placed, field.showIf, m.fieldName(field.label, field.id), at, [
          ...path,
          'showIf',
        ]);
      }
      checkLimits(ctx, m, field, path);
      if (field.type === 'repeatable_block') {
        field.fields.forEach((child, c) => {
          order++;
          const childPath = [...path, 'fields', c];
          if (child.showIf) {
            const who = m.fieldName(child.label, child.id);
            checkCondition(ctx, m, placed, child.showIf, who, at, [...childPath, 'showIf']);
          }
          checkLimits(ctx, m, child, childPath);
        });
      }
    });
  });
  form.eligibility.forEach((rule, r) => {
    const who = m.ruleName(rule.id);
    checkCondition(ctx, m, placed, rule.condition, who, Number.POSITIVE_INFINITY, [
      'eligibility',
      r,
      'condition',
    ]);
  });
}

/** The schema of a call form, with its cross-field messages in the given language. */
export function callFormSchemaFor(messages: CallsFormMessages = callsFormFr) {
  return formShape.superRefine((form, ctx) => checkForm(form, ctx, messages.schema));
}

/** The schema of a call form, messages in French. */
export const callFormSchema = callFormSchemaFor(callsFormFr);
const callFormSchemaEn = callFormSchemaFor(callsFormEn);

export interface FormIssue {
  /** Where in the definition, e.g. `sections.0.fields.2.showIf`. */
  path: string;
  message: string;
}

export type ParseFormResult = { ok: true; form: CallForm } | { ok: false; issues: FormIssue[] };

/**
 * Parses a form definition (JSON from the database or the builder). Messages in French by default, including
 * zod's own (wrong types, missing keys).
 */
export function parseCallForm(json: unknown, lang: 'fr' | 'en' = 'fr'): ParseFormResult {
  const schema = lang === 'fr' ? callFormSchema : callFormSchemaEn;
  const locale = lang === 'fr' ? z.locales.fr() : z.locales.en();
  const parsed = schema.safeParse(json, { error: locale.localeError });
  if (parsed.success) return { ok: true, form: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}
