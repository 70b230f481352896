import { recordAudit } from '../../platform/audit/index.js';
import type { Db } from '../../platform/db/index.js';
import {
  type CommuneWithParents,
  communesByExactName,
  communesByPostalCode,
  findCommune,
  searchCommunes,
} from '../../platform/geo/index.js';
import { NotFound } from '../../platform/http/errors.js';
import { type LogoProblem, processLogo } from './organisations.logo.js';
import {
  type DuplicateCandidate,
  deleteLogo,
  findByIdentifiers,
  findCloseNames,
  findLogo,
  findOrganisation,
  insertMember,
  insertOrganisation,
  listMembers,
  type MemberView,
  type OrganisationRow,
  updateOrganisationRow,
  upsertLogo,
} from './organisations.queries.js';
import type { OrganisationFields, OrganisationInput } from './organisations.schemas.js';

/** Who acts (the audit trail names them) and from where. */
export interface Actor {
  id: string;
  label: string;
}
export interface RequestInfo {
  ip: string | null;
  requestId: string | null;
}

/** Why a field was refused after the form's own checks (the page words it). */
export type FieldProblem =
  | { field: 'commune'; problem: 'communeUnknown' | 'communeAmbiguous'; typed: string }
  | { field: 'postal_code'; problem: 'postalCodeMismatch'; postalCode: string; commune: string }
  | { field: 'siren'; problem: 'sirenTaken'; value: string }
  | { field: 'rna'; problem: 'rnaTaken'; value: string };

export type SaveResult =
  | { kind: 'saved'; id: string }
  /** A field is wrong; `communeChoices` are the communes to choose from when the typed one is ambiguous. */
  | { kind: 'invalid'; problems: FieldProblem[]; communeChoices: CommuneWithParents[] }
  /** Another open organisation has this SIREN or RNA number. */
  | { kind: 'duplicate'; matches: DuplicateCandidate[]; problems: FieldProblem[] }
  /** Close names in the same commune: the person must confirm it is another organisation. */
  | { kind: 'close_names'; matches: DuplicateCandidate[] };

type CommuneResolution =
  | { ok: true; commune: CommuneWithParents; postalCode: string | null }
  | { ok: false; problem: FieldProblem; choices: CommuneWithParents[] };

const COMMUNE_CODE = /^([0-9]{5}|2[AB][0-9]{3})$/i;
/** 'Saint-Denis (93066)': what the edit form shows, and a choice made before. */
const NAME_WITH_CODE = /^(.*?)\s*\(([0-9]{5}|2[AB][0-9]{3})\)$/i;
const MAX_CHOICES = 10;

/** Fields written in the audit summary with their values (the others only as "changed"). */
const SUMMARY_FIELDS = [
  'name',
  'legal_form',
  'categorie_juridique',
  'siren',
  'siret',
  'rna',
  'naf_code',
  'postal_code',
  'commune_code',
  'domains',
  'website',
  'size_band',
  'founded_year',
  'show_contact',
] as const;

const FIELDS = [
  ...SUMMARY_FIELDS,
  'address',
  'description',
  'contact_email',
  'contact_phone',
] as const satisfies readonly (keyof OrganisationFields)[];

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The rules of organisation profiles: create (with duplicate detection), edit, logo. */
export function createOrganisationsService(db: Db) {
  /**
   * The commune typed as a name ('Saint-Étienne', 'st etienne'), a postal code ('42000') or an INSEE
   * code ('42218'), narrowed by the postal code field and by a choice among candidates shown before.
   */
  async function resolveCommune(input: OrganisationInput): Promise<CommuneResolution> {
    const typed = input.commune;
    const postal = input.postal_code;
    let candidates: CommuneWithParents[] = [];
    const withCode = NAME_WITH_CODE.exec(typed);
    if (withCode) {
      const commune = await findCommune(db, withCode[2]!.toUpperCase());
      candidates = commune ? [commune] : [];
    } else if (COMMUNE_CODE.test(typed)) {
      const code = typed.toUpperCase();
      const [byCode, byPostal] = await Promise.all([findCommune(db, code), communesByPostalCode(db, code)]);
      candidates = byPostal.filter((c) => c.code !== code);
      if (byCode) candidates.unshift(byCode);
    } else if (typed) {
      candidates = await communesByExactName(db, typed);
      if (candidates.length === 0) candidates = await searchCommunes(db, typed, { limit: MAX_CHOICES });
    } else if (postal) {
      candidates = await communesByPostalCode(db, postal);
    }
    if (postal && candidates.length > 1) {
      const narrowed = candidates.filter((c) => c.postal_codes.includes(postal));
      if (narrowed.length > 0) candidates = narrowed;
    }
    if (input.commune_code && candidates.length > 1) {
      const chosen = candidates.find((c) => c.code === input.commune_code);
      if (chosen) candidates = [chosen];
    }
    const shown = typed || postal || '';
    if (candidates.length === 0)
      return {
        ok: false,
        problem: { field: 'commune', problem: 'communeUnknown', typed: shown },
        choices: [],
      };
    if (candidates.length > 1)
      return {
        ok: false,
        problem: { field: 'commune', problem: 'communeAmbiguous', typed: shown },
        choices: candidates.slice(0, MAX_CHOICES),
      };
    const commune = candidates[0]!;
    if (postal && commune.postal_codes.length > 0 && !commune.postal_codes.includes(postal))
      return {
        ok: false,
        problem: {
          field: 'postal_code',
          problem: 'postalCodeMismatch',
          postalCode: postal,
          commune: commune.name,
        },
        choices: [],
      };
    const postalCode =
      postal ??
      (commune.postal_codes.includes(typed) ? typed : null) ??
      (commune.postal_codes.length === 1 ? commune.postal_codes[0]! : null);
    return { ok: true, commune, postalCode };
  }

  function fieldsOf(input: OrganisationInput, postalCode: string | null, commune: CommuneWithParents) {
    const fields: OrganisationFields = {
      name: input.name,
      legal_form: input.legal_form,
      categorie_juridique: input.categorie_juridique,
      siren: input.siren,
      siret: input.siret,
      rna: input.rna,
      naf_code: input.naf_code,
      address: input.address,
      postal_code: postalCode,
      commune_code: commune.code,
      domains: input.domains,
      description: input.description,
      website: input.website,
      size_band: input.size_band,
      founded_year: input.founded_year,
      contact_email: input.contact_email,
      contact_phone: input.contact_phone,
      show_contact: input.show_contact,
    };
    return fields;
  }

  function identifierProblems(
    matches: DuplicateCandidate[],
    ids: { siren: string | null; rna: string | null },
  ): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (ids.siren && matches.some((m) => m.siren === ids.siren))
      problems.push({ field: 'siren', problem: 'sirenTaken', value: ids.siren });
    if (ids.rna && matches.some((m) => m.rna === ids.rna))
      problems.push({ field: 'rna', problem: 'rnaTaken', value: ids.rna });
    return problems;
  }

  return {
    resolveCommune,

    /**
     * Creates an organisation whose owner is `actor` (one transaction, audited `organisations.create`),
     * unless its SIREN or RNA number is already an open organisation's (`duplicate`: the page offers to
     * claim it), or a close name exists in the same commune and `not_duplicate` is not ticked.
     */
    async create(input: OrganisationInput, actor: Actor, info: RequestInfo): Promise<SaveResult> {
      const place = await resolveCommune(input);
      if (!place.ok) return { kind: 'invalid', problems: [place.problem], communeChoices: place.choices };
      const fields = fieldsOf(input, place.postalCode, place.commune);
      const matches = await findByIdentifiers(db, fields);
      if (matches.length > 0)
        return { kind: 'duplicate', matches, problems: identifierProblems(matches, fields) };
      if (!input.not_duplicate) {
        const close = await findCloseNames(db, fields.name, place.commune.code);
        if (close.length > 0) return { kind: 'close_names', matches: close };
      }
      const id = await db.transaction().execute(async (trx) => {
        const id = await insertOrganisation(trx, fields, place.commune, actor.id);
        await insertMember(trx, id, actor.id, 'owner');
        await recordAudit(trx, {
          action: 'organisations.create',
          objectType: 'organisation',
          objectId: id,
          actorId: actor.id,
          actorLabel: actor.label,
          ip: info.ip,
          requestId: info.requestId,
          summary: {
            ...Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, fields[f]])),
            owner: actor.id,
            confirmed_not_duplicate: input.not_duplicate,
          },
        });
        return id;
      });
      return { kind: 'saved', id };
    },

    /**
     * Saves the edited profile (audited `organisations.update` with the changed fields; a new
     * `change_seq`). A SIREN or RNA number changed to one of another open organisation is refused.
     * Nothing changed: nothing written.
     */
    async update(id: string, input: OrganisationInput, actor: Actor, info: RequestInfo): Promise<SaveResult> {
      const before = await findOrganisation(db, id);
      if (!before) throw new NotFound();
      const place = await resolveCommune(input);
      if (!place.ok) return { kind: 'invalid', problems: [place.problem], communeChoices: place.choices };
      const fields = fieldsOf(input, place.postalCode, place.commune);
      const newIds = {
        siren: fields.siren !== before.siren ? fields.siren : null,
        rna: fields.rna !== before.rna ? fields.rna : null,
      };
      const matches = await findByIdentifiers(db, newIds, id);
      if (matches.length > 0)
        return { kind: 'duplicate', matches, problems: identifierProblems(matches, newIds) };
      const changed = FIELDS.filter((f) => !same(fields[f], before[f]));
      if (changed.length === 0) return { kind: 'saved', id };
      const summarised = SUMMARY_FIELDS.filter((f) => changed.includes(f));
      await db.transaction().execute(async (trx) => {
        await updateOrganisationRow(trx, id, fields, place.commune);
        await recordAudit(trx, {
          action: 'organisations.update',
          objectType: 'organisation',
          objectId: id,
          actorId: actor.id,
          actorLabel: actor.label,
          ip: info.ip,
          requestId: info.requestId,
          summary: {
            changed: [...changed],
            before: Object.fromEntries(summarised.map((f) => [f, before[f]])),
            after: Object.fromEntries(summarised.map((f) => [f, fields[f]])),
          },
        });
      });
      return { kind: 'saved', id };
    },

    find(id: string): Promise<OrganisationRow | undefined> {
      return findOrganisation(db, id);
    },

    members(id: string): Promise<MemberView[]> {
      return listMembers(db, id);
    },

    logo(id: string) {
      return findLogo(db, id);
    },

    /** Checks, resizes and stores a logo (audited `organisations.logo_update`), or says why not. */
    async setLogo(
      id: string,
      file: Buffer,
      actor: Actor,
      info: RequestInfo,
    ): Promise<{ problem: LogoProblem } | { ok: true }> {
      const processed = await processLogo(file);
      if ('problem' in processed) return processed;
      await db.transaction().execute(async (trx) => {
        await upsertLogo(trx, id, processed);
        await recordAudit(trx, {
          action: 'organisations.logo_update',
          objectType: 'organisation',
          objectId: id,
          actorId: actor.id,
          actorLabel: actor.label,
          ip: info.ip,
          requestId: info.requestId,
          summary: {
            sha256: processed.sha256,
            width: processed.width,
            height: processed.height,
            bytes: processed.content.length,
            uploaded_bytes: file.length,
          },
        });
      });
      return { ok: true };
    },

    /** Removes the logo (audited `organisations.logo_remove`); nothing to remove: nothing written. */
    async removeLogo(id: string, actor: Actor, info: RequestInfo): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (!(await deleteLogo(trx, id))) return;
        await recordAudit(trx, {
          action: 'organisations.logo_remove',
          objectType: 'organisation',
          objectId: id,
          actorId: actor.id,
          actorLabel: actor.label,
          ip: info.ip,
          requestId: info.requestId,
        });
      });
    },
  };
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;
