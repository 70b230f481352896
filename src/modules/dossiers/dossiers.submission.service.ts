/**
 * Submission (dépôt) of a dossier, its frozen versions and receipts, and withdrawal (retrait). Each verb runs
 * in one transaction that starts by locking the dossier's row, so that concurrent submissions of the same
 * dossier are serialised: the first freezes a version, the next ones find it.
 */
import { createHash } from 'node:crypto';
import { type JsonValue, recordAudit } from '../../platform/audit/index.js';
import type { Db, DbOrTx } from '../../platform/db/index.js';
import { AppError, Conflict, NotFound } from '../../platform/http/errors.js';
import type { Locale } from '../../platform/i18n/index.js';
import { enqueue, type JobHandlers } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import {
  type CallForm,
  callsFormEn,
  callsFormFr,
  checkEligibility,
  exportRow,
  validateAnswers,
  visibleFields,
  visibleSections,
} from '../calls/index.js';
import { recordedForm } from './dossiers.forms.js';
import { canTransition, TRANSITIONS } from './dossiers.lifecycle.js';
import { queueDossierEvent } from './dossiers.notify.js';
import { type ReceiptAnswer, type ReceiptData, renderReceiptPdf } from './dossiers.receipt.js';
import { type SubmissionMessages, submissionFr } from './dossiers.submission.fr.js';
import { type ReceiptMailData, receiptMail } from './dossiers.submission.mails.js';
import {
  type CallFacts,
  findOpenCorrection,
  findSubmissionFacts,
  findVersionByKey,
  findVersionViewRow,
  insertTransition,
  insertVersionWithReceipt,
  type LockedDossier,
  lockDossier,
  markCorrectionAnswered,
  markSubmittedWithTransition,
  receiptRecipients,
  setStatus,
  type VersionRow,
} from './dossiers.submission.queries.js';

export const RECEIPT_MAIL_JOB = 'dossiers.submission_receipt';

declare module '../../platform/jobs/jobs.types.js' {
  interface JobPayloads {
    'dossiers.submission_receipt': { dossierId: string; version: number };
  }
}

export interface SubmissionActor {
  id: string;
  /** What identified the actor (an e-mail address), kept in the audit trail. */
  label: string;
}

export interface SubmissionContext {
  ip: string | null;
  requestId: string | null;
}

// --- Dates shown in Paris time ------------------------------------------------------------------

// Formatters are costly to build: one of each, built on first use.
const formatters = new Map<string, Intl.DateTimeFormat>();
function parisFormat(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tag} ${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, { ...options, timeZone: 'Europe/Paris' });
    formatters.set(key, format);
  }
  return format;
}
const DAY: Intl.DateTimeFormatOptions = { dateStyle: 'long' };
const MINUTES: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const SECONDS: Intl.DateTimeFormatOptions = { ...MINUTES, second: '2-digit' };
const YEAR: Intl.DateTimeFormatOptions = { year: 'numeric' };

/** « 15 mars 2027 » and « 12:00 » (seconds only when not zero), in Europe/Paris. */
export function parisParts(date: Date, locale: Locale): { date: string; time: string } {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const day = parisFormat(tag, DAY).format(date);
  const withSeconds = date.getUTCSeconds() !== 0 || date.getUTCMilliseconds() !== 0;
  const time = parisFormat(tag, withSeconds ? SECONDS : MINUTES).format(date);
  return { date: day, time };
}

/** A receipt's instant, to the second: « 15 mars 2027 à 11:59:59 (heure de Paris) ». */
export function receiptDateTime(date: Date, locale: Locale, w: SubmissionMessages): string {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  return w.parisDateTime(parisFormat(tag, DAY).format(date), parisFormat(tag, SECONDS).format(date));
}

/** The year of an instant in Paris (a receipt issued on 31 December 23:30 UTC belongs to the next year). */
export function parisYear(date: Date): string {
  return parisFormat('en-GB', YEAR).format(date);
}

// --- Digest -------------------------------------------------------------------------------------

/** JSON with the keys of every object sorted (recursively), no spaces: one text for one content. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export interface DigestContent {
  reference: string;
  version: number;
  formVersion: number;
  answers: JsonValue;
  /** Each attached file with the SHA-256 of its content, ordered by file id. */
  files: { fileId: string; sha256: string }[];
}

/** SHA-256 (hex) of the canonical JSON of the content: what the receipt certifies. */
export function submissionDigest(content: DigestContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/** The file ids named by attachment answers (anywhere in the answers, repeatable blocks included), sorted. */
export function attachedFileIds(answers: unknown): string[] {
  const ids = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      const fileId = (v as { fileId?: unknown }).fileId;
      if (typeof fileId === 'string') ids.add(fileId);
      else Object.values(v as Record<string, unknown>).forEach(walk);
    }
  };
  walk(answers);
  return [...ids].sort();
}

// --- Errors -------------------------------------------------------------------------------------

/** Refused because of the calendar (call closed, not open, correction deadline passed): 409. */
export class SubmissionClosed extends Conflict {}
/** The dossier changed since the page that posted was shown (lock version): 409. */
export class StaleDossier extends Conflict {}
/** The dossier is in a status where this verb is not possible: 409. */
export class WrongStatus extends Conflict {}

/** A problem that blocks submission, with the step (section) where it can be fixed. */
export interface SubmissionProblem {
  message: string;
  /** The section id (the stepper's page) and the field to focus, when known. */
  section: string | null;
  field: string | null;
}

/** Answers incomplete or invalid, or an eligibility rule not met: 400, nothing frozen. */
export class SubmissionInvalid extends AppError {
  constructor(
    message: string,
    readonly problems: SubmissionProblem[],
    readonly reasons: SubmissionProblem[],
  ) {
    super('validation', 400, message);
  }
}

// --- Form helpers -------------------------------------------------------------------------------

/** Where each field sits: field id (children of blocks included) → section id and label. */
function fieldPlaces(form: CallForm): Map<string, { section: string; label: string }> {
  const places = new Map<string, { section: string; label: string }>();
  for (const section of form.sections) {
    for (const field of section.fields) {
      places.set(field.id, { section: section.id, label: field.label });
      if (field.type === 'repeatable_block')
        for (const child of field.fields) places.set(child.id, { section: section.id, label: child.label });
    }
  }
  return places;
}

function problemsOf(
  form: CallForm,
  errors: Record<string, string>,
  w: SubmissionMessages,
): SubmissionProblem[] {
  const places = fieldPlaces(form);
  return Object.entries(errors).map(([key, message]) => {
    // `blockId.index.childId` for a block's child: the label of the child, with its occurrence number.
    const parts = key.split('.');
    const blockPlace = places.get(parts[0] ?? '');
    const own = places.get(parts[2] ?? parts[0] ?? '');
    const label =
      parts.length === 3 && blockPlace && own
        ? `${blockPlace.label} n° ${Number(parts[1]) + 1} — ${own.label}`
        : (own?.label ?? key);
    return {
      message: w.refused.fieldProblem(label, message),
      section: blockPlace?.section ?? null,
      field: key,
    };
  });
}

function reasonsOf(form: CallForm, reasons: string[]): SubmissionProblem[] {
  const places = fieldPlaces(form);
  return reasons.map((reason) => {
    const rule = form.eligibility.find((r) => r.reason === reason);
    const place = rule ? places.get(rule.condition.field) : undefined;
    return { message: reason, section: place?.section ?? null, field: rule?.condition.field ?? null };
  });
}

// --- The closing rule ---------------------------------------------------------------------------

/**
 * Why a submission received at `receivedAt` is refused by the calendar, or null when it is accepted. A first
 * submission needs the call open at that instant (opened, not closed early, before its closing second); a
 * correction is accepted after the call's closing, until the correction's deadline.
 */
export function closingProblem(
  dossier: Pick<LockedDossier, 'status'>,
  call: CallFacts,
  correction: { due_at: Date } | undefined,
  receivedAt: Date,
  locale: Locale,
  w: SubmissionMessages,
): string | null {
  if (dossier.status === 'a_corriger' && correction) {
    if (receivedAt.getTime() < correction.due_at.getTime()) return null;
    const p = parisParts(correction.due_at, locale);
    return w.refused.correctionExpired(p.date, p.time);
  }
  if (call.status === 'draft' || !call.opens_at) return w.refused.callWithoutDates;
  if (call.status === 'closed_early') return w.refused.callClosedEarly;
  if (call.opens_at.getTime() > receivedAt.getTime()) {
    const p = parisParts(call.opens_at, locale);
    return w.refused.callNotOpen(p.date, p.time);
  }
  if (call.closes_at && call.closes_at.getTime() <= receivedAt.getTime()) {
    const p = parisParts(call.closes_at, locale);
    return w.refused.callClosed(p.date, p.time);
  }
  return null;
}

// --- Submit -------------------------------------------------------------------------------------

export interface SubmitInput {
  dossierId: string;
  /** The key of the summary page view the submission comes from (idempotency). */
  submissionKey: string;
  /** The dossier's lock_version when the summary was shown. */
  expectedLockVersion: number;
  actor: SubmissionActor;
  /** When the request reached the server: what the closing rule compares, and the receipt's date. */
  receivedAt: Date;
  context?: SubmissionContext;
  locale?: Locale;
  w: SubmissionMessages;
}

export type SubmitResult =
  /** Frozen now (`created`), or earlier by the same submission key (a replay: nothing new). */
  | { kind: 'submitted'; version: number; receiptNumber: string; digest: string; created: boolean }
  /** Another submission (another key) froze the dossier first: it is no longer editable. */
  | { kind: 'already_submitted'; version: number };

/**
 * Freezes the dossier's working answers as a new version, with its receipt, in one transaction: the checks
 * (calendar, lock version, answers and eligibility), the version, the status, the transition, the
 * correction answered, the receipt e-mail and the staff notification (jobs), and the audit event.
 */
export async function submitDossier(db: Db, input: SubmitInput): Promise<SubmitResult> {
  const { w } = input;
  const locale = input.locale ?? 'fr';
  return db.transaction().execute(async (trx) => {
    const dossier = await lockDossier(trx, input.dossierId);
    if (!dossier) throw new NotFound();
    // Read after the lock (a fresh snapshot: what submissions before this one committed), in one statement.
    const facts = await findSubmissionFacts(trx, {
      dossierId: dossier.id,
      callId: dossier.call_id,
      formVersion: dossier.form_version,
      submissionKey: input.submissionKey,
      fileIds: attachedFileIds(dossier.answers),
    });
    if (!facts) throw new NotFound();

    // The same key twice (a double click, a replayed request): the version it froze, nothing new.
    const replay =
      facts.keyVersion === null ? undefined : await findVersionByKey(trx, dossier.id, input.submissionKey);
    if (replay)
      return {
        kind: 'submitted',
        version: replay.version,
        receiptNumber: replay.receipt_number,
        digest: replay.digest,
        created: false,
      };

    if (!canTransition(dossier.status, 'submit')) {
      if (facts.maxVersion > 0) return { kind: 'already_submitted', version: facts.maxVersion };
      throw new WrongStatus(w.refused.notSubmittable);
    }

    const { call } = facts;
    const correction =
      dossier.status === 'a_corriger' ? await findOpenCorrection(trx, dossier.id) : undefined;
    const closed = closingProblem(dossier, call, correction, input.receivedAt, locale, w);
    if (closed) throw new SubmissionClosed(closed);

    if (dossier.lock_version !== input.expectedLockVersion) throw new StaleDossier(w.refused.stale);

    const form = await recordedForm(trx, dossier.call_id, dossier.form_version, facts.formDigest);
    if (!form) throw new Error('a stored call form is missing');
    const checked = validateAnswers(form, dossier.answers, {
      mode: 'submit',
      messages: locale === 'fr' ? callsFormFr : callsFormEn,
    });
    const problems = problemsOf(form, checked.errors, w);
    const fileIds = attachedFileIds(checked.values);
    const wanted = new Set(fileIds);
    const files = facts.files.filter((f) => wanted.has(f.id));
    const known = new Set(files.map((f) => f.id));
    for (const missing of fileIds.filter((id) => !known.has(id))) {
      const key = findFieldOfFile(form, checked.values, missing);
      problems.push(...problemsOf(form, { [key]: w.refused.missingFile }, w));
    }
    const reasons = reasonsOf(form, checkEligibility(form, checked.values));
    if (problems.length > 0 || reasons.length > 0)
      throw new SubmissionInvalid(w.refused.invalidTitle, problems, reasons);

    const version = facts.maxVersion + 1;
    const answers = checked.values as unknown as JsonValue;
    const digest = submissionDigest({
      reference: dossier.reference,
      version,
      formVersion: dossier.form_version,
      answers,
      files: files
        .map((f) => ({ fileId: f.id, sha256: f.sha256 }))
        .sort((a, b) => (a.fileId < b.fileId ? -1 : a.fileId > b.fileId ? 1 : 0)),
    });
    const receiptNumber = await insertVersionWithReceipt(trx, {
      dossierId: dossier.id,
      version,
      formVersion: dossier.form_version,
      answers,
      submittedBy: input.actor.id,
      submittedAt: input.receivedAt,
      submissionKey: input.submissionKey,
      receiptPrefix: `AR-${parisYear(input.receivedAt)}-`,
      digest,
    });
    // Unreachable under the row lock (the key was looked up above); kept as the database's own guarantee.
    if (receiptNumber === undefined) throw new Conflict(w.refused.stale);
    await markSubmittedWithTransition(trx, {
      dossierId: dossier.id,
      at: input.receivedAt,
      firstSubmittedAt: dossier.first_submitted_at,
      actorId: input.actor.id,
      lockVersion: dossier.lock_version,
      from: dossier.status,
      to: TRANSITIONS.submit.to,
    });
    if (correction)
      await markCorrectionAnswered(trx, { correctionId: correction.id, version, at: input.receivedAt });
    // The receipt e-mail (legally needed: never switched off), rendered by a job from the frozen version.
    await enqueue(
      trx,
      RECEIPT_MAIL_JOB,
      { dossierId: dossier.id, version },
      { dedupeKey: `${RECEIPT_MAIL_JOB}:${dossier.id}:${version}`, maxAttempts: 10 },
    );
    await queueDossierEvent(trx, { dossierId: dossier.id, event: 'submitted', actorId: input.actor.id });
    await recordAudit(trx, {
      action: 'dossiers.submit',
      objectType: 'dossier',
      objectId: dossier.id,
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      ip: input.context?.ip ?? null,
      requestId: input.context?.requestId ?? null,
      summary: {
        reference: dossier.reference,
        version,
        receipt_number: receiptNumber,
        digest,
        from: dossier.status,
        received_at: input.receivedAt.toISOString(),
        ...(correction ? { correction: correction.id } : {}),
      },
    });
    return { kind: 'submitted', version, receiptNumber, digest, created: true };
  });
}

/** The error key of the field holding a file (top level, or `block.index.child`). */
function findFieldOfFile(form: CallForm, values: Record<string, unknown>, fileId: string): string {
  const holds = (v: unknown) =>
    v !== null && typeof v === 'object' && (v as { fileId?: unknown }).fileId === fileId;
  for (const [key, value] of Object.entries(values)) {
    if (holds(value)) return key;
    if (Array.isArray(value))
      for (const [i, occurrence] of value.entries())
        for (const [child, v] of Object.entries((occurrence ?? {}) as Record<string, unknown>))
          if (holds(v)) return `${key}.${i}.${child}`;
  }
  return form.sections[0]?.id ?? 'answers';
}

// --- Withdraw -----------------------------------------------------------------------------------

export interface WithdrawInput {
  dossierId: string;
  expectedLockVersion: number;
  reason: string | null;
  actor: SubmissionActor;
  context?: SubmissionContext;
  w: SubmissionMessages;
}

/** Withdrawal by the applicant before any decision: status sans suite, recorded, audited, staff told. */
export async function withdrawDossier(db: Db, input: WithdrawInput): Promise<void> {
  const { w } = input;
  await db.transaction().execute(async (trx) => {
    const dossier = await lockDossier(trx, input.dossierId);
    if (!dossier) throw new NotFound();
    if (!canTransition(dossier.status, 'withdraw')) throw new WrongStatus(w.withdraw.refusedDecision);
    if (dossier.lock_version !== input.expectedLockVersion) throw new StaleDossier(w.withdraw.stale);
    await setStatus(trx, {
      dossierId: dossier.id,
      status: TRANSITIONS.withdraw.to,
      actorId: input.actor.id,
      lockVersion: dossier.lock_version,
    });
    await insertTransition(trx, {
      dossierId: dossier.id,
      from: dossier.status,
      to: TRANSITIONS.withdraw.to,
      actorId: input.actor.id,
      reason: input.reason,
    });
    await queueDossierEvent(trx, {
      dossierId: dossier.id,
      event: 'withdrawn',
      actorId: input.actor.id,
      reason: input.reason,
    });
    await recordAudit(trx, {
      action: 'dossiers.withdraw',
      objectType: 'dossier',
      objectId: dossier.id,
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      ip: input.context?.ip ?? null,
      requestId: input.context?.requestId ?? null,
      summary: { reference: dossier.reference, from: dossier.status, reason: input.reason },
    });
  });
}

/** Whether the applicant may still withdraw a dossier in this status. */
export function canWithdraw(status: LockedDossier['status']): boolean {
  return canTransition(status, 'withdraw');
}

// --- Frozen versions: the page, the receipt, the e-mail -------------------------------------------

export interface VersionView {
  dossier: LockedDossier;
  call: CallFacts;
  organisation: string;
  version: VersionRow;
  /** The form as it was for this version (labels, sections). */
  form: CallForm;
  /** The files the version names: id → name, size, digest. */
  files: Map<string, { name: string; size: number; sha256: string }>;
  /** Who submitted (null once the account is gone). */
  submitter: { name: string; email: string } | null;
  /** Who submitted, as printed on the receipt: « Name (e-mail) » as it was at submission. */
  submittedByLabel: string;
  /** The name alone, as it was at submission (the version page). */
  submittedBy: string | null;
  /** Partner organisations' names at submission. */
  partners: string[];
  versions: { version: number; submitted_at: Date; receipt_number: string }[];
}

/** Everything a version page, its receipt and its e-mail show; null when the dossier or version is unknown. */
export async function loadVersionView(
  db: DbOrTx,
  dossierId: string,
  number: number,
): Promise<VersionView | null> {
  const row = await findVersionViewRow(db, dossierId, number);
  if (!row) return null;
  const { dossier, version } = row;
  const form = await recordedForm(db, dossier.call_id, version.form_version, row.formDigest);
  if (!form) throw new Error('a stored call form is missing');
  const named = new Set(attachedFileIds(version.answers));
  return {
    dossier,
    call: row.call,
    organisation: row.organisation,
    version,
    form,
    files: new Map(
      row.files
        .filter((f) => named.has(f.id))
        .map((f) => [f.id, { name: f.name, size: f.size, sha256: f.sha256 }]),
    ),
    submitter: row.submitter,
    submittedByLabel: row.submittedByLabel,
    submittedBy: row.submittedByLabel === '—' ? null : row.submittedByLabel.replace(/ \([^()]*\)$/, ''),
    partners: row.partners,
    versions: row.versions,
  };
}

/** The receipt PDF of a frozen version: built from the version only, so the same bytes every time. */
export function receiptPdf(view: VersionView): Promise<Buffer> {
  return renderReceiptPdf(receiptPdfData(view));
}

/** The answers of a version as the receipt prints them: visible fields, by section, formatted as in exports. */
export function receiptAnswers(view: VersionView): ReceiptAnswer[] {
  const answers =
    view.version.answers !== null &&
    typeof view.version.answers === 'object' &&
    !Array.isArray(view.version.answers)
      ? (view.version.answers as Record<string, unknown>)
      : {};
  const shownSections = new Set(visibleSections(view.form, answers));
  const shownFields = new Set(visibleFields(view.form, answers).map((f) => f.id));
  const out: ReceiptAnswer[] = [];
  for (const section of view.form.sections) {
    if (!shownSections.has(section.id)) continue;
    for (const field of section.fields) {
      if (field.type === 'heading' || !shownFields.has(field.id)) continue;
      const single: CallForm = { version: 1, sections: [{ ...section, fields: [field] }], eligibility: [] };
      const value = Object.hasOwn(answers, field.id) ? answers[field.id] : undefined;
      const files = attachedFileIds(value).flatMap((id) => {
        const file = view.files.get(id);
        return file ? [{ name: file.name, size: file.size, sha256: file.sha256 }] : [];
      });
      out.push({
        section: section.title,
        label: field.label,
        value: field.type === 'attachment' ? '' : (exportRow(single, answers)[0] ?? ''),
        ...(files.length > 0 ? { attachments: files } : {}),
      });
    }
  }
  return out;
}

export function receiptPdfData(view: VersionView): ReceiptData {
  return {
    receiptNumber: view.version.receipt_number,
    reference: view.dossier.reference,
    callTitle: view.call.title,
    organisationName: view.organisation,
    ...(view.partners.length > 0 ? { partners: view.partners } : {}),
    submittedAt: view.version.submitted_at,
    version: view.version.version,
    digest: view.version.digest,
    submittedBy: view.submittedByLabel,
    answers: receiptAnswers(view),
  };
}

export function receiptFileName(receiptNumber: string): string {
  return `accuse-de-reception-${receiptNumber}.pdf`;
}

export interface ReceiptJobDeps {
  db: Db;
  mailer: Mailer;
  /** Absolute base of links in e-mails (PUBLIC_URL). */
  baseUrl: string;
}

/**
 * The job that e-mails a receipt: renders the PDF from the frozen version and queues one mail per
 * recipient (the person who submitted and the organisation's members). Safe to run again: each mail has a
 * dedupe key, and the version never changes.
 */
export function submissionJobHandlers(deps: ReceiptJobDeps): JobHandlers {
  return {
    [RECEIPT_MAIL_JOB]: async (payload: { dossierId: string; version: number }) => {
      const view = await loadVersionView(deps.db, payload.dossierId, payload.version);
      if (!view) return; // the dossier was deleted meanwhile: nothing to send
      const pdf = await receiptPdf(view);
      const recipients = await receiptRecipients(
        deps.db,
        view.dossier.organisation_id,
        view.version.submitted_by,
      );
      const data: ReceiptMailData = {
        call: view.call.title,
        reference: view.dossier.reference,
        organisation: view.organisation,
        receiptNumber: view.version.receipt_number,
        submittedAt: receiptDateTime(view.version.submitted_at, 'fr', submissionFr),
        submittedBy: view.submittedBy,
        digest: view.version.digest,
        url: `${deps.baseUrl}/dossiers/${view.dossier.id}/versions/${view.version.version}`,
      };
      const attachment = {
        filename: receiptFileName(view.version.receipt_number),
        contentType: 'application/pdf',
        content: pdf,
      };
      await deps.db.transaction().execute(async (trx) => {
        for (const recipient of recipients)
          await deps.mailer.send({
            db: trx,
            to: recipient.email,
            template: receiptMail,
            data,
            attachments: [attachment],
            dedupeKey: `${RECEIPT_MAIL_JOB}:${view.dossier.id}:${view.version.version}:${recipient.id}`,
          });
      });
    },
  };
}
