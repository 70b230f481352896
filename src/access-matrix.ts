import type { RoleGrant } from './platform/access/index.js';
import type { AccessMatrix } from './platform/testing/access-matrix.js';

/**
 * The authorisation matrix: every route of the platform × every kind of visitor, allowed or refused. The
 * test (`access-matrix.test.ts`) sends each request as each persona and compares; a route registered
 * without a row here fails it. When a module adds a route, it adds its row here.
 */

/** The visitors tried on every route: anonymous, a user without role, each role, a member of another organisation. */
export const PERSONAS = {
  anonyme: null,
  utilisateur: [],
  membre: [{ role: 'membre', scope: { type: 'organisation', id: 'organisation-a' } }],
  membre_autre_organisation: [{ role: 'membre', scope: { type: 'organisation', id: 'organisation-b' } }],
  instructeur: [{ role: 'instructeur', scope: { type: 'appel', id: 'appel-1' } }],
  evaluateur: [{ role: 'evaluateur', scope: { type: 'appel', id: 'appel-1' } }],
  hacker_public: [{ role: 'hacker_public', scope: { type: 'region', id: '84' } }],
  financeur: [{ role: 'financeur', scope: { type: 'partenaire', id: 'partenaire-1' } }],
  coordinateur: [{ role: 'coordinateur', scope: { type: 'territoire', id: 'territoire-1' } }],
  administrateur: [{ role: 'administrateur', scope: null }],
} as const satisfies Record<string, readonly RoleGrant[] | null>;

export type Persona = keyof typeof PERSONAS;

const ALL = Object.keys(PERSONAS) as Persona[];
export const EVERYONE = { allow: ALL };
export const SIGNED_IN = { allow: ALL.filter((p) => p !== 'anonyme') };
export const ADMINISTRATORS = { allow: ['administrateur'] as Persona[] };

export const ACCESS_MATRIX: AccessMatrix<Persona> = {
  // --- platform ---------------------------------------------------------------------------------
  'GET /sante': EVERYONE,
  'GET /favicon.ico': EVERYONE,
  'GET /_composants': EVERYONE,
  // Fingerprinted static files (the content hash is left out of the key: see routeKey).
  'GET /assets/app-*': EVERYONE,
  'GET /assets/dsfr-*': EVERYONE,
  // Development outbox (served only without SMTP and outside production).
  'GET /dev/boite-mail': EVERYONE,
  'GET /dev/boite-mail/:id': EVERYONE,
  'GET /dev/boite-mail/:id/html': EVERYONE,
  'POST /dev/boite-mail/essai': EVERYONE,

  // --- site ---------------------------------------------------------------------------------------
  'GET /': EVERYONE,
  'GET /a-propos': EVERYONE,
  'GET /mentions-legales': EVERYONE,
  'GET /donnees-personnelles': EVERYONE,
  'GET /accessibilite': EVERYONE,
  'GET /plan-du-site': EVERYONE,
  'POST /langue': EVERYONE,
  // The domains still to come: an honest « bientôt disponible » page each.
  'GET /annuaire': EVERYONE,
  'GET /appels': EVERYONE,
  'GET /labels': EVERYONE,
  'GET /territoires': EVERYONE,
  'GET /hackers-publics': EVERYONE,
  'GET /financement': EVERYONE,
  'GET /impact': EVERYONE,
  'GET /donnees': EVERYONE,

  // --- accounts -----------------------------------------------------------------------------------
  'GET /inscription': EVERYONE,
  'POST /inscription': EVERYONE,
  'GET /inscription/envoyee': EVERYONE,
  'GET /inscription/verification': EVERYONE,
  'POST /inscription/verification': EVERYONE,
  'GET /connexion': EVERYONE,
  'POST /connexion': EVERYONE,
  'POST /deconnexion': EVERYONE,
  'GET /mot-de-passe-oublie': EVERYONE,
  'POST /mot-de-passe-oublie': EVERYONE,
  'GET /mot-de-passe-oublie/envoye': EVERYONE,
  'GET /mot-de-passe-oublie/nouveau': EVERYONE,
  'POST /mot-de-passe-oublie/nouveau': EVERYONE,
  'GET /compte': SIGNED_IN,
  'POST /compte/sessions/deconnexion-autres': SIGNED_IN,
  'POST /compte/sessions/:id/deconnexion': SIGNED_IN,
  // --- accounts: second factor ---
  // --- accounts: e-mailed links and change of address ---
  // --- accounts: single sign-on ---
  // --- accounts: personal data ---
  // --- administration ---
};
