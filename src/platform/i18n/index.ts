import { en } from './en.js';
import { fr, type Messages } from './fr.js';

export type { Messages };
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';

const catalogues: Record<Locale, Messages> = { fr, en };

export function messages(locale: Locale): Messages {
  return catalogues[locale];
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * A module's own catalogue: `localised({ fr: siteFr, en: siteEn })(locale)`. The English object is typed by
 * the French one where it is declared, so a missing key fails the typecheck.
 */
export function localised<T>(byLocale: Record<Locale, T>): (locale: Locale) => T {
  return (locale) => byLocale[locale];
}

/** Dates and numbers as a French public service shows them: Europe/Paris, French separators. */
export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(date);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB').format(value);
}
