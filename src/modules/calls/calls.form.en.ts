import type { CallsFormMessages } from './calls.form.fr.js';

const number = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 10 });
const euros = (cents: number) =>
  `€${(cents / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const date = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
};
const size = (bytes: number) => {
  if (bytes >= 1024 * 1024) return `${number(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
  if (bytes >= 1024) return `${number(Math.round((bytes / 1024) * 10) / 10)} KB`;
  return `${bytes} bytes`;
};

/** The words of the call form schema (builder errors) and of answer validation, in English. */
export const callsFormEn: CallsFormMessages = {
  schema: {
    fieldName: (label, id) => `The field “${label}” (${id})`,
    sectionName: (title, id) => `The section “${title}” (${id})`,
    ruleName: (id) => `The eligibility rule “${id}”`,
    duplicateId: (id) =>
      `The identifier “${id}” is used more than once: every section, field and rule needs its own.`,
    unknownReference: (who, ref) =>
      `${who}: the condition refers to the field “${ref}”, which is not in the form.`,
    laterReference: (who, ref) =>
      `${who}: the condition refers to the field “${ref}”, which must come before it.`,
    blockReference: (who, ref) =>
      `${who}: the condition refers to the field “${ref}”, which is inside a repeatable block; a condition can only refer to a field outside blocks.`,
    headingReference: (who, ref) => `${who}: the condition refers to “${ref}”, a heading with no answer.`,
    badOperator: (who, ref, op) =>
      `${who}: the operator “${op}” does not apply to the type of the field “${ref}”.`,
    badValue: (who, ref) =>
      `${who}: the value of the condition does not match the type of the field “${ref}” (a number for a number or an amount in cents, a text otherwise).`,
    unknownOptionValue: (who, ref, value) =>
      `${who}: the value “${value}” is not an option of the field “${ref}”.`,
    duplicateOption: (who, value) => `${who}: the option value “${value}” is used more than once.`,
    noOptions: (who) => `${who}: add at least one option.`,
    minAboveMax: (who, min, max) => `${who}: the minimum (${min}) is above the maximum (${max}).`,
    tooManySelectionsAllowed: (who, n, options) =>
      `${who}: the minimum number of ticked boxes (${n}) is above the number of options (${options}).`,
    stepNotPositive: (who) => `${who}: the step must be a number above zero.`,
    limitAboveCap: (who, cap) => `${who}: the maximum length cannot exceed ${cap} characters.`,
    invalid: 'The form definition is invalid.',
  },
  answers: {
    required: 'This field is required.',
    notText: 'The answer must be a text.',
    tooShort: (n) => `Enter at least ${n} character${n > 1 ? 's' : ''}.`,
    tooLong: (n) => `Enter at most ${n} character${n > 1 ? 's' : ''}.`,
    notNumber: 'Enter a number, for example 1 234,50.',
    numberMin: (n) => `Enter a number greater than or equal to ${number(n)}.`,
    numberMax: (n) => `Enter a number less than or equal to ${number(n)}.`,
    numberStep: (step) => `Enter a multiple of ${number(step)}.`,
    notMoney: 'Enter an amount in euros, with at most two decimals, for example 1 234,50.',
    moneyMin: (cents) => `Enter an amount of at least ${euros(cents)}.`,
    moneyMax: (cents) => `Enter an amount of at most ${euros(cents)}.`,
    notDate: 'Enter a real date as dd/mm/yyyy, for example 14/07/2024.',
    dateMin: (iso) => `Enter a date on or after ${date(iso)}.`,
    dateMax: (iso) => `Enter a date on or before ${date(iso)}.`,
    notOption: 'Choose one of the options offered.',
    tooFewSelections: (n) => (n > 1 ? `Tick at least ${n} options.` : 'Tick at least one option.'),
    tooManySelections: (n) => (n > 1 ? `Tick at most ${n} options.` : 'Tick only one option.'),
    notYesNo: 'Answer yes or no.',
    notEmail: 'Enter a valid e-mail address, for example name@example.fr.',
    notPhone: 'Enter a valid French phone number, for example 06 12 34 56 78 or +33 6 12 34 56 78.',
    notUrl: 'Enter a full web address starting with http:// or https://, for example https://example.fr.',
    notSiret: 'Enter a valid SIRET number: 14 digits, for example 130 025 265 00013.',
    notCommune: 'Enter a 5-character INSEE commune code, for example 75056 or 2A004.',
    notAttachment: 'The attached file is invalid: attach it again.',
    attachmentType: (types) => `This type of file is not accepted. Accepted formats: ${types.join(', ')}.`,
    attachmentSize: (max) => `The file must not exceed ${size(max)}.`,
    notBlock: 'The answer to this block is invalid.',
    tooFewOccurrences: (n) => (n > 1 ? `Add at least ${n} items.` : 'Add at least one item.'),
    tooManyOccurrences: (n) => (n > 1 ? `Add at most ${n} items.` : 'Add only one item.'),
  },
  export: {
    yes: 'Yes',
    no: 'No',
    occurrence: (index, parts) => `${index}. ${parts.join('; ')}`,
    part: (label, value) => `${label}: ${value}`,
    occurrenceSeparator: ' | ',
    selectionSeparator: '; ',
  },
};
