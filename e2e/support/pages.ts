/**
 * Every page of the platform that the browser suite visits: the one list to extend when a page is added.
 * Each must answer 200, pass axe (light and dark), keep its `h1` and main navigation without JavaScript,
 * and report no CSP violation.
 */
export interface SitePage {
  path: string;
  /** What the page is, for test names and failure messages. */
  name: string;
}

export const PAGES: SitePage[] = [
  { path: '/', name: 'accueil' },
  { path: '/a-propos', name: 'à propos' },
  { path: '/mentions-legales', name: 'mentions légales' },
  { path: '/donnees-personnelles', name: 'données personnelles' },
  { path: '/accessibilite', name: 'accessibilité' },
  { path: '/plan-du-site', name: 'plan du site' },
  { path: '/annuaire', name: 'annuaire' },
  { path: '/appels', name: 'appels à projets' },
  { path: '/vitrine', name: 'vitrine des lauréats' },
  { path: '/labels', name: 'labels (bientôt disponible)' },
  { path: '/territoires', name: 'territoires (bientôt disponible)' },
  { path: '/hackers-publics', name: 'hackers publics (bientôt disponible)' },
  { path: '/financement', name: 'financement (bientôt disponible)' },
  { path: '/impact', name: 'impact (bientôt disponible)' },
  { path: '/donnees', name: 'données ouvertes (bientôt disponible)' },
  { path: '/_composants', name: 'catalogue des composants' },
  { path: '/dev/boite-mail', name: 'boîte mail de développement' },
  { path: '/inscription', name: 'inscription' },
  { path: '/connexion', name: 'connexion' },
  { path: '/mot-de-passe-oublie', name: 'mot de passe oublié' },
  { path: '/connexion/lien', name: 'lien de connexion' },
  { path: '/compte/supprime', name: 'compte supprimé' },
];

/** The nine entries of the main navigation, in order. */
export const MAIN_NAV_PATHS = [
  '/annuaire',
  '/appels',
  '/vitrine',
  '/labels',
  '/territoires',
  '/hackers-publics',
  '/financement',
  '/impact',
  '/donnees',
];

/** A path that no route answers. */
export const MISSING_PATH = '/cette-page-n-existe-pas';
