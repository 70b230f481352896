import { z } from 'zod';
import {
  compactIdentifier,
  isValidRna,
  isValidSiren,
  isValidSiret,
} from '../../platform/validation/siren.js';
import type { OrganisationsMessages } from './organisations.fr.js';
import {
  CATEGORIES_JURIDIQUES,
  categorieFitsForm,
  IMPACT_DOMAINS,
  type ImpactDomain,
  isKnownCategorie,
  LEGAL_FORMS,
  type LegalForm,
  SIZE_BAND_CODES,
  type SizeBand,
} from './organisations.vocabulary.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: a one-line field takes no line break either
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f]/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A form value as text: the first of repeated values, NFC, trimmed. */
function firstText(value: unknown): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v.normalize('NFC').trim() : '';
}

/** A free text field: no control character (line breaks only where `multiline`), at most `max` characters. */
function text(
  w: OrganisationsMessages,
  max: number,
  options: { multiline?: boolean; tooLong?: string } = {},
) {
  return z.preprocess(
    firstText,
    z
      .string()
      .refine((v) => !LONE_SURROGATE.test(v) && !(options.multiline ? CONTROL : CONTROL_OR_NEWLINE).test(v), {
        message: w.errors.controlCharacters,
        abort: true,
      })
      .refine((v) => v.length <= max, options.tooLong ?? w.errors.tooLong(max)),
  );
}

const orNull = (v: string) => (v === '' ? null : v);

/** '88.99B', '8899B', '88 99 b' → '88.99B'; null when it is not a NAF code. */
export function normaliseNaf(typed: string): string | null {
  const m = /^([0-9]{2})\.?([0-9]{2})([A-Z])$/.exec(typed.replace(/\s/g, '').toUpperCase());
  return m ? `${m[1]}.${m[2]}${m[3]}` : null;
}

/** A website as typed: 'www.exemple.fr' gets https://; null when it is not an http(s) address. */
export function normaliseWebsite(typed: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(typed) ? typed : `https://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!url.hostname.includes('.') || url.username || url.password) return null;
  const href = url.href;
  return href.length <= 300 ? href : null;
}

const PHONE = /^\+?[0-9 .()-]{6,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The last year an organisation may have been founded: this one. */
export function currentYear(): number {
  return new Date().getFullYear();
}

/**
 * The form of an organisation's profile (create and edit). Identifiers are read as people type them
 * (spaces, dots); a SIRET alone gives the SIREN. The commune is text here: the service resolves it.
 */
export function organisationForm(w: OrganisationsMessages) {
  const maxYear = currentYear();
  return z
    .object({
      name: text(w, 200, { tooLong: w.errors.nameTooLong }).refine((v) => v !== '', w.errors.nameRequired),
      legal_form: z.preprocess(firstText, z.enum(LEGAL_FORMS, { error: w.errors.legalForm })),
      categorie_juridique: text(w, 20)
        .refine((v) => v === '' || /^[0-9]{4}$/.test(v), w.errors.categorieFormat)
        .transform(orNull),
      siren: text(w, 40).transform((typed, ctx) => {
        if (typed === '') return null;
        const compact = compactIdentifier(typed);
        if (!/^[0-9]{9}$/.test(compact))
          ctx.addIssue({ code: 'custom', message: w.errors.sirenDigits(typed) });
        else if (!isValidSiren(compact))
          ctx.addIssue({ code: 'custom', message: w.errors.sirenKey(compact) });
        return compact;
      }),
      siret: text(w, 40).transform((typed, ctx) => {
        if (typed === '') return null;
        const compact = compactIdentifier(typed);
        if (!/^[0-9]{14}$/.test(compact))
          ctx.addIssue({ code: 'custom', message: w.errors.siretDigits(typed) });
        else if (!isValidSiret(compact))
          ctx.addIssue({ code: 'custom', message: w.errors.siretKey(compact) });
        return compact;
      }),
      rna: text(w, 40).transform((typed, ctx) => {
        if (typed === '') return null;
        const compact = compactIdentifier(typed);
        if (!isValidRna(compact)) ctx.addIssue({ code: 'custom', message: w.errors.rnaFormat(typed) });
        return compact;
      }),
      naf_code: text(w, 20).transform((typed, ctx) => {
        if (typed === '') return null;
        const naf = normaliseNaf(typed);
        if (!naf) ctx.addIssue({ code: 'custom', message: w.errors.nafFormat(typed) });
        return naf;
      }),
      address: text(w, 300).transform(orNull),
      postal_code: text(w, 20)
        .refine((v) => v === '' || /^[0-9]{5}$/.test(v.replace(/\s/g, '')), w.errors.postalCodeFormat)
        .transform((v) => orNull(v.replace(/\s/g, ''))),
      commune: text(w, 100),
      commune_code: text(w, 10).transform(orNull),
      domains: z
        .preprocess(
          (v) => (Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : []),
          z.array(z.enum(IMPACT_DOMAINS, { error: w.errors.domains }), { error: w.errors.domains }),
        )
        .transform((list) => [...new Set(list)] as ImpactDomain[]),
      description: text(w, 5000, { multiline: true, tooLong: w.errors.descriptionTooLong }),
      website: text(w, 300).transform((v, ctx) => {
        if (v === '') return null;
        const url = normaliseWebsite(v);
        if (!url) ctx.addIssue({ code: 'custom', message: w.errors.website });
        return url;
      }),
      size_band: text(w, 10).transform((v, ctx): SizeBand | null => {
        if (v === '') return null;
        if (!(SIZE_BAND_CODES as string[]).includes(v))
          ctx.addIssue({ code: 'custom', message: w.errors.sizeBand });
        return v as SizeBand;
      }),
      founded_year: text(w, 10).transform((v, ctx) => {
        if (v === '') return null;
        const year = /^[0-9]{4}$/.test(v) ? Number(v) : Number.NaN;
        if (!(year >= 1000 && year <= maxYear))
          ctx.addIssue({ code: 'custom', message: w.errors.foundedYear(maxYear) });
        return year;
      }),
      contact_email: text(w, 254, { tooLong: w.errors.email })
        .transform((v) => v.toLowerCase())
        .refine((v) => v === '' || EMAIL.test(v), w.errors.email)
        .transform(orNull),
      contact_phone: text(w, 30, { tooLong: w.errors.phone })
        .refine((v) => v === '' || (PHONE.test(v) && (v.match(/[0-9]/g)?.length ?? 0) >= 6), w.errors.phone)
        .transform(orNull),
      show_contact: z.preprocess(firstText, z.string()).transform((v) => v !== ''),
      not_duplicate: z.preprocess(firstText, z.string()).transform((v) => v !== ''),
    })
    .transform((data, ctx) => {
      if (data.siren && data.siret && !data.siret.startsWith(data.siren))
        ctx.addIssue({
          code: 'custom',
          path: ['siret'],
          message: w.errors.siretNotSiren(data.siret, data.siren),
        });
      // A SIRET alone gives its SIREN.
      const siren = data.siren ?? (data.siret ? data.siret.slice(0, 9) : null);
      if (data.rna && data.legal_form !== 'association')
        ctx.addIssue({ code: 'custom', path: ['rna'], message: w.errors.rnaNotAssociation });
      const categorie = data.categorie_juridique;
      if (categorie && isKnownCategorie(categorie) && !categorieFitsForm(categorie, data.legal_form))
        ctx.addIssue({
          code: 'custom',
          path: ['categorie_juridique'],
          message: w.errors.categorieMismatch(
            categorie,
            CATEGORIES_JURIDIQUES[categorie].label,
            w.legalForms[data.legal_form],
          ),
        });
      if (!data.commune && !data.postal_code && !data.commune_code)
        ctx.addIssue({ code: 'custom', path: ['commune'], message: w.errors.communeRequired });
      return { ...data, siren };
    });
}

export type OrganisationInput = z.output<ReturnType<typeof organisationForm>>;

/** What the service stores: the form's data with the commune resolved. */
export interface OrganisationFields {
  name: string;
  legal_form: LegalForm;
  categorie_juridique: string | null;
  siren: string | null;
  siret: string | null;
  rna: string | null;
  naf_code: string | null;
  address: string | null;
  postal_code: string | null;
  commune_code: string;
  domains: ImpactDomain[];
  description: string;
  website: string | null;
  size_band: SizeBand | null;
  founded_year: number | null;
  contact_email: string | null;
  contact_phone: string | null;
  show_contact: boolean;
}

/** `:id` of an organisation: a uuid (anything else is a 404). */
export const organisationParams = z.object({ id: z.uuid() });
