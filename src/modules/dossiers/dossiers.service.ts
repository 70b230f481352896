import { PassThrough, type Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { type JsonValue, recordAudit } from '../../platform/audit/index.js';
import type { Db, DbOrTx } from '../../platform/db/index.js';
import {
  type FileStore,
  FileTooLarge,
  type StoredFile,
  sniffContentType,
  typeMatches,
} from '../../platform/files/index.js';
import {
  type AnsweringChildField,
  type AttachmentRef,
  type CallForm,
  callState,
  checkEligibility,
  createCallsService,
  type FormField,
  type FormSection,
  MAX_ATTACHMENT_BYTES,
  type ValidationResult,
  validateAnswers,
  visibleSections,
} from '../calls/index.js';
import { isUuid } from './dossiers.access.js';
import { recordedForm } from './dossiers.forms.js';
import { isEditable } from './dossiers.lifecycle.js';
import {
  type DossierRow,
  deletePartner,
  dossiersOfUser,
  type FoundDossier,
  findDossier,
  findDossierFile,
  findLiveDossierId,
  findOrganisationByIdentifier,
  insertDossier,
  insertDossierFile,
  insertPartner,
  isMember,
  nextReferenceNumber,
  organisationName,
  organisationsOf,
  type PartnerRow,
  partnersOf,
  sameSirenInDossier,
  submittedVersions,
  touchDossier,
  updateAnswers,
} from './dossiers.queries.js';

/**
 * The applicant side of dossiers: start a dossier on an open call, save its answers (optimistic locking),
 * attach files, manage partner organisations. Rules live here; routes parse and render.
 */

export interface Actor {
  id: string;
  label: string;
}

export interface RequestInfo {
  ip: string | null;
  requestId: string | null;
}

export type Answers = Record<string, unknown>;

/** A dossier with the form of its version. */
export interface LoadedDossier extends DossierRow {
  form: CallForm;
  answersRecord: Answers;
}

export type StartResult =
  | { ok: true; id: string; created: boolean }
  | { ok: false; problem: 'unknownCall' | 'callNotOpen' | 'notMember' };

export type SaveResult =
  | {
      kind: 'saved';
      lockVersion: number;
      /** What the page shows: the answers as merged, malformed ones included. */
      raw: Answers;
      errors: Record<string, string>;
    }
  | {
      kind: 'conflict';
      /** What the person sent, merged on the answers they started from. */
      raw: Answers;
      /** What is saved now, and its lock version. */
      current: Answers;
      lockVersion: number;
    }
  | { kind: 'notEditable' }
  | { kind: 'unknownSection' };

export type UploadProblem =
  | 'missing'
  | 'notEditable'
  | 'unknownField'
  | 'empty'
  | 'tooLarge'
  | 'html'
  | 'type';

export type ReceivedUpload =
  | { ok: true; stored: StoredFile; type: string; name: string; fieldPath: string }
  | { ok: false; problem: UploadProblem; maxBytes?: number; allowedTypes?: readonly string[] };

export type PartnerProblem =
  | 'notMainMember'
  | 'notEditable'
  | 'unknown'
  | 'self'
  | 'already'
  | 'invalid'
  /** Another organisation of the dossier has the same SIREN (`twin`): the same legal person. */
  | 'sameSiren';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function yearInParis(now: Date): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric' }).format(now);
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** The section holding a top-level field. */
export function sectionOfField(form: CallForm, fieldId: string): FormSection | undefined {
  return form.sections.find((s) => s.fields.some((f) => f.id === fieldId));
}

/**
 * The attachment field named by `path`: `fieldId` (top level) or `blockId.index.childId` (in an
 * occurrence of a repeatable block).
 */
export function attachmentFieldAt(
  form: CallForm,
  path: string,
): { field: Extract<AnsweringChildField, { type: 'attachment' }>; sectionId: string } | undefined {
  const parts = path.split('.');
  for (const section of form.sections) {
    for (const field of section.fields) {
      if (parts.length === 1 && field.id === parts[0] && field.type === 'attachment')
        return { field, sectionId: section.id };
      if (
        parts.length === 3 &&
        field.id === parts[0] &&
        field.type === 'repeatable_block' &&
        /^\d{1,3}$/.test(parts[1] ?? '') &&
        Number(parts[1]) < field.maxOccurrences
      ) {
        const child = field.fields.find((c) => c.id === parts[2]);
        if (child?.type === 'attachment') return { field: child, sectionId: section.id };
      }
    }
  }
  return undefined;
}

/** Reads the answer at `path` (see attachmentFieldAt). */
export function answerAt(answers: Answers, path: string): unknown {
  const [first, index, child] = path.split('.');
  if (!first || !Object.hasOwn(answers, first)) return undefined;
  const top = answers[first];
  if (index === undefined) return top;
  if (!Array.isArray(top)) return undefined;
  const occurrence: unknown = top[Number(index)];
  return isRecord(occurrence) && child && Object.hasOwn(occurrence, child) ? occurrence[child] : undefined;
}

/** A copy of `answers` with the answer at `path` set (undefined: removed). */
function withAnswerAt(answers: Answers, path: string, value: unknown): Answers {
  const [first, index, child] = path.split('.');
  const out: Answers = { ...answers };
  if (!first) return out;
  if (index === undefined || !child) {
    if (value === undefined) delete out[first];
    else out[first] = value;
    return out;
  }
  const list: unknown[] = Array.isArray(out[first]) ? [...(out[first] as unknown[])] : [];
  const i = Number(index);
  while (list.length <= i) list.push({});
  const occurrence: Record<string, unknown> = isRecord(list[i]) ? { ...(list[i] as object) } : {};
  if (value === undefined) delete occurrence[child];
  else occurrence[child] = value;
  list[i] = occurrence;
  out[first] = list;
  return out;
}

/**
 * Merges what a page posted for `fields` into the saved answers. A field of the page that is absent from the
 * post is cleared (an unticked box); attachments are kept (they change through their own forms), including
 * those inside the occurrences of a repeatable block.
 */
export function mergeSection(current: Answers, fields: readonly FormField[], posted: Answers): Answers {
  const out: Answers = { ...current };
  for (const field of fields) {
    if (field.type === 'heading' || field.type === 'attachment') continue;
    const value = Object.hasOwn(posted, field.id) ? posted[field.id] : undefined;
    if (field.type === 'repeatable_block') {
      const before = Array.isArray(current[field.id]) ? (current[field.id] as unknown[]) : [];
      const list = Array.isArray(value) ? value : [];
      const attachments = field.fields.filter((c) => c.type === 'attachment').map((c) => c.id);
      const merged = list.map((item: unknown, i) => {
        const occurrence: Record<string, unknown> = isRecord(item) ? { ...item } : {};
        const old = before[i];
        for (const id of attachments) {
          delete occurrence[id];
          if (isRecord(old) && Object.hasOwn(old, id)) occurrence[id] = old[id];
        }
        return occurrence;
      });
      // Occurrences holding only an attachment are kept even when the page posted fewer.
      for (let i = list.length; i < before.length; i++) {
        const old = before[i];
        if (isRecord(old) && attachments.some((id) => Object.hasOwn(old, id))) {
          const kept: Record<string, unknown> = {};
          for (const id of attachments) if (Object.hasOwn(old, id)) kept[id] = old[id];
          merged[i] = kept;
        }
      }
      if (merged.length > 0) out[field.id] = merged;
      else delete out[field.id];
      continue;
    }
    if (value === undefined || value === null) delete out[field.id];
    else out[field.id] = value;
  }
  return out;
}

/** The sections (visible for these answers) with no error in submit mode. */
export function completeSections(form: CallForm, answers: Answers): Map<string, boolean> {
  const { errors } = validateAnswers(form, answers, { mode: 'submit' });
  const fieldsWithErrors = new Set(Object.keys(errors).map((key) => key.split('.')[0]));
  const out = new Map<string, boolean>();
  for (const id of visibleSections(form, answers)) {
    const section = form.sections.find((s) => s.id === id);
    out.set(id, !section?.fields.some((f) => fieldsWithErrors.has(f.id)));
  }
  return out;
}

/** Everything the summary page needs. */
export interface SummaryCheck {
  errors: Record<string, string>;
  reasons: string[];
  canSubmit: boolean;
}

export function summaryCheck(dossier: LoadedDossier): SummaryCheck {
  const { errors } = validateAnswers(dossier.form, dossier.answersRecord, { mode: 'submit' });
  const reasons = checkEligibility(dossier.form, dossier.answersRecord);
  return {
    errors,
    reasons,
    canSubmit: isEditable(dossier.status) && Object.keys(errors).length === 0 && reasons.length === 0,
  };
}

export function createDossiersService(db: Db, files?: FileStore) {
  const calls = createCallsService(db);

  async function audit(
    trx: DbOrTx,
    action: string,
    dossierId: string,
    actor: Actor,
    info: RequestInfo,
    summary: Record<string, JsonValue>,
  ): Promise<void> {
    await recordAudit(trx, {
      action,
      objectType: 'dossier',
      objectId: dossierId,
      actorId: actor.id,
      actorLabel: actor.label,
      ip: info.ip,
      requestId: info.requestId,
      summary,
    });
  }

  async function load(id: string, trx: DbOrTx = db): Promise<LoadedDossier | undefined> {
    if (!isUuid(id)) return undefined;
    const found = await findDossier(trx, id);
    return found ? fromRow(found, trx) : undefined;
  }

  /** A dossier from its row (read by the access rule of the request, or by `load`). */
  async function fromRow(found: FoundDossier, trx: DbOrTx = db): Promise<LoadedDossier> {
    const { form_digest, partner_ids: _partners, first_submitted_at: _first, ...row } = found;
    const form = await recordedForm(trx, row.call_id, row.form_version, form_digest);
    if (!form) throw new Error(`the form version ${row.form_version} of call ${row.call_id} is not recorded`);
    return { ...row, form, answersRecord: isRecord(row.answers) ? row.answers : {} };
  }

  function store(): FileStore {
    if (!files) throw new Error('dossiers: no file store was given');
    return files;
  }

  return {
    load,
    fromRow,

    partners: (id: string): Promise<PartnerRow[]> => partnersOf(db, id),

    /** « Mes dossiers »: the dossiers of my organisations, as main organisation or partner. */
    listMine: (userId: string) => dossiersOfUser(db, userId),

    myOrganisations: (userId: string) => organisationsOf(db, userId),

    versions: (id: string) => submittedVersions(db, id),

    /** A file of this dossier (never another dossier's). */
    file: (dossierId: string, fileId: string) =>
      isUuid(dossierId) && isUuid(fileId)
        ? findDossierFile(db, dossierId, fileId)
        : Promise.resolve(undefined),

    /**
     * Starts the dossier of `organisationId` on the call `slug` (open, published), or returns the one it
     * already has (withdrawn ones aside).
     */
    async start(slug: string, organisationId: string, actor: Actor, info: RequestInfo): Promise<StartResult> {
      const call = await calls.bySlug(slug);
      if (!call || call.status === 'draft') return { ok: false, problem: 'unknownCall' };
      if (!isUuid(organisationId) || !(await isMember(db, organisationId, actor.id)))
        return { ok: false, problem: 'notMember' };
      const existing = await findLiveDossierId(db, call.id, organisationId);
      if (existing) return { ok: true, id: existing, created: false };
      if (callState(call, new Date()) !== 'open' || call.form_version < 1)
        return { ok: false, problem: 'callNotOpen' };
      const organisationLabel = (await organisationName(db, organisationId)) ?? '';
      try {
        const id = await db.transaction().execute(async (trx) => {
          const next = await nextReferenceNumber(trx);
          const reference = `FI-${yearInParis(new Date())}-${next.padStart(6, '0')}`;
          const title = Array.from(`${call.title} — ${organisationLabel}`).slice(0, 300).join('');
          const id = await insertDossier(trx, {
            reference,
            callId: call.id,
            organisationId,
            formVersion: call.form_version,
            title,
            userId: actor.id,
          });
          await audit(trx, 'dossiers.start', id, actor, info, {
            call: call.id,
            organisation: organisationId,
            reference,
          });
          return id;
        });
        return { ok: true, id, created: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Started at the same moment by another member: theirs is the one.
        const id = await findLiveDossierId(db, call.id, organisationId);
        if (!id) throw error;
        return { ok: true, id, created: false };
      }
    },

    /**
     * Saves the answers posted by the page of `sectionId` (null: only the posted fields, e.g. an autosave of
     * part of a page). Malformed answers are not stored but come back in `raw` with their message.
     */
    async saveAnswers(
      dossierId: string,
      sectionId: string | null,
      posted: Answers,
      expectedLock: number,
      actor: Actor,
      info: RequestInfo,
      options: { audit?: boolean } = {},
    ): Promise<SaveResult> {
      const dossier = await load(dossierId);
      if (!dossier) return { kind: 'notEditable' };
      if (!isEditable(dossier.status)) return { kind: 'notEditable' };
      let fields: FormField[];
      if (sectionId === null) {
        fields = dossier.form.sections.flatMap((s) => s.fields).filter((f) => Object.hasOwn(posted, f.id));
      } else {
        const section = dossier.form.sections.find((s) => s.id === sectionId);
        if (!section) return { kind: 'unknownSection' };
        fields = section.fields;
      }
      const raw = mergeSection(dossier.answersRecord, fields, posted);
      const result: ValidationResult = validateAnswers(dossier.form, raw, { mode: 'draft' });
      const lockVersion = await db.transaction().execute(async (trx) => {
        const next = await updateAnswers(trx, dossier.id, result.values as JsonValue, expectedLock, actor.id);
        if (next !== undefined && options.audit)
          await audit(trx, 'dossiers.answers.save', dossier.id, actor, info, { section: sectionId });
        return next;
      });
      if (lockVersion === undefined) {
        const now = await load(dossierId);
        if (!now || !isEditable(now.status)) return { kind: 'notEditable' };
        return { kind: 'conflict', raw, current: now.answersRecord, lockVersion: now.lock_version };
      }
      return { kind: 'saved', lockVersion, raw, errors: result.errors };
    },

    /**
     * Streams an uploaded file into the store (at most the field's size), then checks its real type, read
     * from its content. Nothing is written to the database yet (see `attachUpload`). Always consumes
     * `source`, so that the rest of the request can be read.
     */
    async receiveUpload(
      dossierId: string,
      fieldPath: string,
      source: Readable,
      filename: string,
      /** The dossier when the caller has already read it in this request. */
      loaded?: LoadedDossier,
    ): Promise<ReceivedUpload> {
      const drain = async () => {
        source.resume();
        await finished(source).catch(() => {});
      };
      const dossier = loaded?.id === dossierId ? loaded : await load(dossierId);
      if (!dossier || !isEditable(dossier.status)) {
        await drain();
        return { ok: false, problem: 'notEditable' };
      }
      const target = attachmentFieldAt(dossier.form, fieldPath);
      if (!target) {
        await drain();
        return { ok: false, problem: 'unknownField' };
      }
      const { field } = target;
      const maxBytes = Math.min(field.maxSize ?? MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_BYTES);
      const relay = new PassThrough();
      source.pipe(relay);
      let stored: StoredFile;
      try {
        stored = await store().put(relay, { maxBytes });
      } catch (error) {
        source.unpipe(relay);
        await drain();
        if (error instanceof FileTooLarge) return { ok: false, problem: 'tooLarge', maxBytes };
        throw error;
      }
      const refuse = async (problem: UploadProblem): Promise<ReceivedUpload> => {
        await store().remove(stored.key);
        return { ok: false, problem, allowedTypes: field.allowedTypes, maxBytes };
      };
      if (stored.size === 0) return refuse('empty');
      const type = sniffContentType(await store().readHead(stored.key));
      if (type === 'text/html') return refuse('html');
      if (!type || !typeMatches(type, field.allowedTypes)) return refuse('type');
      const name = cleanFileName(filename, type);
      return { ok: true, stored, type, name, fieldPath };
    },

    /** Records a received file and makes it the answer of its field (lock-checked). */
    async attachUpload(
      dossierId: string,
      upload: Extract<ReceivedUpload, { ok: true }>,
      expectedLock: number,
      actor: Actor,
      info: RequestInfo,
      /** The dossier when the caller has already read it in this request. */
      loaded?: LoadedDossier,
    ): Promise<{ kind: 'saved'; lockVersion: number } | { kind: 'conflict' } | { kind: 'notEditable' }> {
      const discard = () => store().remove(upload.stored.key);
      const dossier = loaded?.id === dossierId ? loaded : await load(dossierId);
      if (!dossier || !isEditable(dossier.status)) {
        await discard();
        return { kind: 'notEditable' };
      }
      // The answers merged below are those of the version the page was shown with, or it is a conflict
      // (the update below checks the lock again, in the database).
      if (dossier.lock_version !== expectedLock) {
        await discard();
        return { kind: 'conflict' };
      }
      const result = await db.transaction().execute(async (trx) => {
        const fileId = await insertDossierFile(trx, {
          dossierId: dossier.id,
          fieldId: upload.fieldPath,
          name: upload.name,
          contentType: upload.type,
          size: upload.stored.size,
          sha256: upload.stored.sha256,
          storageKey: upload.stored.key,
          userId: actor.id,
        });
        const ref: AttachmentRef = { fileId, name: upload.name, size: upload.stored.size, type: upload.type };
        const answers = withAnswerAt(dossier.answersRecord, upload.fieldPath, ref);
        const { values } = validateAnswers(dossier.form, answers, { mode: 'draft' });
        const next = await updateAnswers(trx, dossier.id, values as JsonValue, expectedLock, actor.id);
        if (next === undefined) return undefined;
        await audit(trx, 'dossiers.attachment.add', dossier.id, actor, info, {
          field: upload.fieldPath,
          file: fileId,
          name: upload.name,
          size: upload.stored.size,
          type: upload.type,
        });
        return next;
      });
      if (result === undefined) {
        await discard();
        const now = await load(dossierId);
        return now && isEditable(now.status) ? { kind: 'conflict' } : { kind: 'notEditable' };
      }
      return { kind: 'saved', lockVersion: result };
    },

    /** Drops the answer's reference to its file (the file stays: a submitted version may name it). */
    async removeAttachment(
      dossierId: string,
      fieldPath: string,
      expectedLock: number,
      actor: Actor,
      info: RequestInfo,
    ): Promise<
      { kind: 'saved' } | { kind: 'conflict' } | { kind: 'notEditable' } | { kind: 'unknownField' }
    > {
      const dossier = await load(dossierId);
      if (!dossier || !isEditable(dossier.status)) return { kind: 'notEditable' };
      if (!attachmentFieldAt(dossier.form, fieldPath)) return { kind: 'unknownField' };
      const before = answerAt(dossier.answersRecord, fieldPath);
      const answers = withAnswerAt(dossier.answersRecord, fieldPath, undefined);
      const { values } = validateAnswers(dossier.form, answers, { mode: 'draft' });
      const next = await db.transaction().execute(async (trx) => {
        const next = await updateAnswers(trx, dossier.id, values as JsonValue, expectedLock, actor.id);
        if (next !== undefined)
          await audit(trx, 'dossiers.attachment.remove', dossier.id, actor, info, {
            field: fieldPath,
            file: isRecord(before) && typeof before.fileId === 'string' ? before.fileId : null,
          });
        return next;
      });
      if (next === undefined) {
        const now = await load(dossierId);
        return now && isEditable(now.status) ? { kind: 'conflict' } : { kind: 'notEditable' };
      }
      return { kind: 'saved' };
    },

    /** Whether the user belongs to the main organisation of the dossier (who manages partners). */
    isMainMember: (dossier: Pick<DossierRow, 'organisation_id'>, userId: string) =>
      isMember(db, dossier.organisation_id, userId),

    /** Adds a partner named by SIREN (9 digits), RNA number (W + 9 digits) or organisation id. */
    async addPartner(
      dossierId: string,
      identifier: string,
      actor: Actor,
      info: RequestInfo,
    ): Promise<{ ok: true; partner: PartnerRow } | { ok: false; problem: PartnerProblem; twin?: string }> {
      const dossier = await load(dossierId);
      if (!dossier) return { ok: false, problem: 'unknown' };
      if (!(await isMember(db, dossier.organisation_id, actor.id)))
        return { ok: false, problem: 'notMainMember' };
      if (!isEditable(dossier.status)) return { ok: false, problem: 'notEditable' };
      const compact = identifier.replace(/[\s.\u00a0\u202f-]/g, '');
      let query: { siren?: string; rna?: string; id?: string };
      if (/^\d{9}$/.test(compact)) query = { siren: compact };
      else if (/^W\d{9}$/i.test(compact)) query = { rna: compact.toUpperCase() };
      else if (isUuid(identifier.trim().toLowerCase())) query = { id: identifier.trim().toLowerCase() };
      else return { ok: false, problem: 'invalid' };
      const partner = await findOrganisationByIdentifier(db, query);
      if (!partner) return { ok: false, problem: 'unknown' };
      if (partner.id === dossier.organisation_id) return { ok: false, problem: 'self' };
      const twin = await sameSirenInDossier(db, dossier.id, partner.id);
      if (twin) return { ok: false, problem: 'sameSiren', twin: twin.name };
      const added = await db.transaction().execute(async (trx) => {
        const added = await insertPartner(trx, dossier.id, partner.id, actor.id);
        if (!added) return false;
        await touchDossier(trx, dossier.id, actor.id);
        await audit(trx, 'dossiers.partner.add', dossier.id, actor, info, { organisation: partner.id });
        return true;
      });
      return added ? { ok: true, partner } : { ok: false, problem: 'already' };
    },

    async removePartner(
      dossierId: string,
      organisationId: string,
      actor: Actor,
      info: RequestInfo,
    ): Promise<{ ok: true } | { ok: false; problem: PartnerProblem }> {
      const dossier = await load(dossierId);
      if (!dossier) return { ok: false, problem: 'unknown' };
      if (!(await isMember(db, dossier.organisation_id, actor.id)))
        return { ok: false, problem: 'notMainMember' };
      if (!isEditable(dossier.status)) return { ok: false, problem: 'notEditable' };
      if (!isUuid(organisationId)) return { ok: false, problem: 'unknown' };
      const removed = await db.transaction().execute(async (trx) => {
        const removed = await deletePartner(trx, dossier.id, organisationId);
        if (!removed) return false;
        await touchDossier(trx, dossier.id, actor.id);
        await audit(trx, 'dossiers.partner.remove', dossier.id, actor, info, {
          organisation: organisationId,
        });
        return true;
      });
      return removed ? { ok: true } : { ok: false, problem: 'unknown' };
    },
  };
}

export type DossiersService = ReturnType<typeof createDossiersService>;

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** The name shown and offered at download: the sent one, cleaned (no path, no control character). */
export function cleanFileName(filename: string, type: string): string {
  const base = (filename.split(/[\\/]/).pop() ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim();
  const name = Array.from(base).slice(0, 200).join('');
  if (name && name !== '.' && name !== '..') return name;
  return `piece-jointe.${EXTENSIONS[type] ?? 'bin'}`;
}
