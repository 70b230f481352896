import { ADMINISTRATORS, EVERYONE, type Persona, SIGNED_IN } from './access-personas.js';
import { CALLS_MATRIX } from './modules/calls/calls.matrix.js';
import { DIRECTORY_MATRIX } from './modules/directory/directory.matrix.js';
import { EXPORTS_MATRIX } from './modules/dossiers/dossiers.exports.matrix.js';
import { INSTRUCTION_MATRIX } from './modules/dossiers/dossiers.instruction.matrix.js';
import { DOSSIERS_MATRIX } from './modules/dossiers/dossiers.matrix.js';
import { SUBMISSION_MATRIX } from './modules/dossiers/dossiers.submission.matrix.js';
import { NOTIFICATIONS_MATRIX } from './modules/notifications/notifications.matrix.js';
import { ORGANISATIONS_MATRIX } from './modules/organisations/organisations.matrix.js';
import { MEMBERS_MATRIX } from './modules/organisations/organisations.members.matrix.js';
import { ASSIGNMENT_MATRIX } from './modules/selection/selection.assignment.matrix.js';
import { DELIBERATION_MATRIX } from './modules/selection/selection.deliberation.matrix.js';
import { JURY_MATRIX } from './modules/selection/selection.jury.matrix.js';
import { REVIEWS_MATRIX } from './modules/selection/selection.reviews.matrix.js';
import { SHOWCASE_MATRIX } from './modules/selection/selection.showcase.matrix.js';
import type { AccessMatrix } from './platform/testing/access-matrix.js';

export {
  ADMINISTRATORS,
  APPLICANTS_OF_DOSSIER_A,
  CALL_1,
  DOSSIER_A,
  EVERYONE,
  MEMBERS_OF_A,
  ORGANISATION_A,
  ORGANISATION_B,
  PERSONAS,
  type Persona,
  READERS_OF_DOSSIER_A,
  SIGNED_IN,
  STAFF_OF_CALL_1,
  STAFF_OF_DOSSIER_A,
} from './access-personas.js';

/**
 * The authorisation matrix: every route of the platform × every kind of visitor, allowed or refused. The
 * test (`access-matrix.test.ts`) sends each request as each persona and compares; a route registered
 * without a row here fails it. When a module adds a route, it adds its row here, or in its own
 * `*.matrix.ts` file spread below.
 */

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
  'GET /compte/double-authentification': SIGNED_IN,
  'POST /compte/double-authentification/activation': SIGNED_IN,
  'POST /compte/double-authentification/confirmation': SIGNED_IN,
  'POST /compte/double-authentification/codes-de-secours': SIGNED_IN,
  'POST /compte/double-authentification/desactivation': SIGNED_IN,
  // Public rule, but the page works only on a session waiting for its code: without one, an anonymous
  // visitor is sent to /connexion (which the matrix reads as a refusal), a signed-in user to /compte.
  'GET /connexion/double-authentification': SIGNED_IN,
  'POST /connexion/double-authentification': SIGNED_IN,
  // --- accounts: e-mailed links and change of address ---
  'GET /connexion/lien': EVERYONE,
  'POST /connexion/lien': EVERYONE,
  'GET /connexion/lien/envoye': EVERYONE,
  'GET /connexion/lien/ouvrir': EVERYONE,
  'POST /connexion/lien/ouvrir': EVERYONE,
  'GET /compte/adresse': SIGNED_IN,
  'POST /compte/adresse': SIGNED_IN,
  // Public: the link may be opened in another browser than the one signed in.
  'GET /compte/adresse/confirmer': EVERYONE,
  'POST /compte/adresse/confirmer': EVERYONE,
  'GET /compte/adresse/modifiee': EVERYONE,
  // --- accounts: single sign-on ---
  // Registered whatever the configuration (the matrix runs without providers: an unknown one is a 404).
  'POST /connexion/oidc/:provider': EVERYONE,
  'GET /connexion/oidc/:provider/retour': EVERYONE,
  'GET /connexion/oidc/rattachement': EVERYONE,
  'POST /connexion/oidc/rattachement': EVERYONE,
  'POST /connexion/oidc/rattachement/annulation': EVERYONE,
  'POST /compte/identites/:provider/dissocier': SIGNED_IN,
  // --- accounts: personal data ---
  'GET /compte/donnees': SIGNED_IN,
  'GET /compte/donnees/export.json': SIGNED_IN,
  'POST /compte/donnees/suppression': SIGNED_IN,
  'GET /compte/supprime': EVERYONE,
  // --- administration ---
  'GET /admin': ADMINISTRATORS,
  'GET /admin/roles': ADMINISTRATORS,
  'POST /admin/roles': ADMINISTRATORS,
  'POST /admin/roles/:id/retrait': ADMINISTRATORS,
  'GET /admin/journal': ADMINISTRATORS,
  'POST /admin/journal/verification': ADMINISTRATORS,
  ...ORGANISATIONS_MATRIX,
  ...MEMBERS_MATRIX,
  ...DIRECTORY_MATRIX,
  ...CALLS_MATRIX,
  ...DOSSIERS_MATRIX,
  ...INSTRUCTION_MATRIX,
  ...SUBMISSION_MATRIX,
  ...EXPORTS_MATRIX,
  ...NOTIFICATIONS_MATRIX,
  ...SHOWCASE_MATRIX,
  ...DELIBERATION_MATRIX,
  ...JURY_MATRIX,
  ...ASSIGNMENT_MATRIX,
  ...REVIEWS_MATRIX,
};
