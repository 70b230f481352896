import type { DbOrTx } from '../../platform/db/index.js';
import type { Locale } from '../../platform/i18n/index.js';

/**
 * Badges that later modules add to the directory's result cards (« Lauréat Pionniers 2018 » from the
 * selection module), without the directory importing them: a module registers a provider, the directory
 * asks every provider for the organisations of the page it shows (20 at most), after the search.
 */
export type CardBadgeProvider = (
  db: DbOrTx,
  organisationIds: readonly string[],
  locale: Locale,
) => Promise<ReadonlyMap<string, readonly string[]>>;

const providers = new Map<string, CardBadgeProvider>();

/** Adds (or replaces, by id) a provider of card badges. */
export function registerCardBadgeProvider(id: string, provider: CardBadgeProvider): void {
  providers.set(id, provider);
}

/** Removes a provider (tests). */
export function unregisterCardBadgeProvider(id: string): void {
  providers.delete(id);
}

/** The badges of each organisation, from every provider in the order they registered. */
export async function cardBadgesOf(
  db: DbOrTx,
  organisationIds: readonly string[],
  locale: Locale,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (organisationIds.length === 0) return out;
  for (const provider of providers.values()) {
    for (const [id, labels] of await provider(db, organisationIds, locale)) {
      out.set(id, [...(out.get(id) ?? []), ...labels]);
    }
  }
  return out;
}
