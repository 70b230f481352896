import type { Messages } from '../i18n/index.js';

/**
 * The main navigation: one entry for each domain of the product (PRODUCT.md), in the order of its
 * eight purposes. A domain that is not built yet answers with an honest "bientôt disponible" page.
 */
export interface NavItem {
  href: string;
  label: (m: Messages) => string;
}

export const MAIN_NAV: NavItem[] = [
  { href: '/annuaire', label: (m) => m.nav.community },
  { href: '/appels', label: (m) => m.nav.calls },
  { href: '/vitrine', label: (m) => m.nav.showcase },
  { href: '/labels', label: (m) => m.nav.labels },
  { href: '/territoires', label: (m) => m.nav.territories },
  { href: '/hackers-publics', label: (m) => m.nav.hackers },
  { href: '/financement', label: (m) => m.nav.funding },
  { href: '/impact', label: (m) => m.nav.impact },
  { href: '/donnees', label: (m) => m.nav.opendata },
];

/** True when `path` is the entry's page or one below it. */
export function isCurrent(item: NavItem, path: string): boolean {
  return path === item.href || path.startsWith(`${item.href}/`);
}
