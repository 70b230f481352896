import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { startTestOidcProvider, type TestOidcProvider } from '../../platform/testing/oidc-provider.js';
import { freePort } from '../../platform/testing/server.js';
import { createTestUser, enableTestTotp } from './testing.js';

/**
 * Single sign-on end to end: the app (inject) and a real OpenID Connect provider (`oidc-provider` on
 * 127.0.0.1), the browser's part played by following the redirections by hand.
 */

const CLIENT = { client_id: 'french-impact', client_secret: 'secret-de-test-du-client-oidc' };
const REDIRECT = 'http://localhost:3000/connexion/oidc/proconnect/retour';
const PASSWORD = 'une phrase de passe assez longue';

let provider: TestOidcProvider;
let t: TestApp;

before(async () => {
  provider = await startTestOidcProvider({
    clients: [{ ...CLIENT, redirect_uris: [REDIRECT] }],
    accounts: {
      'agent-1': {
        email: 'Camille.Dupont@Beta.Gouv.fr',
        email_verified: true,
        given_name: 'Camille',
        usual_name: 'Dupont',
      },
      'agent-2': { email: 'dominique@exemple.fr', email_verified: true, given_name: 'Dominique' },
      'sans-verification': { email: 'non-verifiee@exemple.fr', email_verified: false, given_name: 'Alex' },
      'proprietaire-1': { email: 'proprietaire@exemple.fr', email_verified: true, given_name: 'Claude' },
      'proprietaire-2': { email: 'deuxieme@exemple.fr', email_verified: true, given_name: 'Sacha' },
      'totp-1': { email: 'double@exemple.fr', email_verified: true, given_name: 'Lou' },
    },
  });
  // A provider nobody listens to: a port the OS just said was free.
  const closed = await freePort();
  t = await createTestApp({
    env: {
      OIDC_PROVIDERS: 'proconnect,en-panne',
      OIDC_PROCONNECT_ISSUER: provider.issuer,
      OIDC_PROCONNECT_CLIENT_ID: CLIENT.client_id,
      OIDC_PROCONNECT_CLIENT_SECRET: CLIENT.client_secret,
      OIDC_PROCONNECT_LABEL: 'S’identifier avec ProConnect',
      OIDC_EN_PANNE_ISSUER: `http://127.0.0.1:${closed}`,
      OIDC_EN_PANNE_CLIENT_ID: 'x',
      OIDC_EN_PANNE_CLIENT_SECRET: 'y',
      OIDC_EN_PANNE_LABEL: 'Fournisseur en panne',
    },
  });
});

after(async () => {
  await t?.close();
  await provider?.stop();
});

/** POST of the button: the provider's authorization URL. */
async function start(client: TestClient, retour?: string): Promise<URL> {
  await client.get('/connexion');
  const res = await client.post('/connexion/oidc/proconnect', retour ? { retour } : {});
  assert.equal(res.statusCode, 303, res.body);
  return new URL(String(res.headers.location));
}

const local = (url: URL) => `${url.pathname}${url.search}`;

/** The whole journey: button, provider's login as `sub`, callback. The callback's response. */
async function signIn(client: TestClient, sub: string, retour?: string) {
  const back = await provider.login((await start(client, retour)).href, sub);
  assert.equal(back.origin + back.pathname, REDIRECT);
  return client.get(local(back));
}

async function audit(action: string) {
  return t.database.db
    .selectFrom('audit_events')
    .select(['summary', 'object_id'])
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}

async function identitiesOf(email: string) {
  return t.database.db
    .selectFrom('user_identities')
    .innerJoin('users', 'users.id', 'user_identities.user_id')
    .select(['user_identities.provider', 'user_identities.subject'])
    .where('users.email', '=', email)
    .execute();
}

describe('single sign-on (OpenID Connect)', () => {
  test('the sign-in page offers one button per provider, each a POST form with CSRF', async () => {
    const res = await t.client().get('/connexion?retour=%2Fa-propos');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<form method="post" action="\/connexion\/oidc\/proconnect"/);
    assert.match(res.body, /class="fr-connect fr-connect--pro"/);
    assert.match(res.body, /Fournisseur en panne/);
    assert.match(res.body, /name="retour" value="\/a-propos"/);
    // The form's answer redirects to the provider: the page's CSP lets the form go there (and only there).
    const csp = String(res.headers['content-security-policy']);
    assert.ok(csp.includes(`form-action 'self' ${provider.issuer} http://127.0.0.1:`), csp);
  });

  test('the authorization request carries PKCE (S256), state and nonce; the login cookie is HttpOnly and Lax', async () => {
    const client = t.client();
    await client.get('/connexion');
    const res = await client.post('/connexion/oidc/proconnect', {});
    assert.equal(res.statusCode, 303);
    const url = new URL(String(res.headers.location));
    assert.equal(url.origin, provider.issuer);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.match(url.searchParams.get('code_challenge') ?? '', /^[\w-]{43}$/);
    assert.ok((url.searchParams.get('state') ?? '').length >= 20);
    assert.ok((url.searchParams.get('nonce') ?? '').length >= 20);
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('redirect_uri'), REDIRECT);
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /oidc-login=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Max-Age=600/);
    // The provider got it too, and refuses a request without PKCE.
    const back = await provider.login(url.href, 'agent-2');
    const received = provider.authorizationRequests.at(-1);
    assert.equal(received?.get('code_challenge_method'), 'S256');
    assert.ok(back.searchParams.get('code'));
    const withoutPkce = new URL(url);
    withoutPkce.searchParams.delete('code_challenge');
    withoutPkce.searchParams.delete('code_challenge_method');
    const refused = await provider.login(withoutPkce.href, 'agent-2');
    assert.equal(refused.searchParams.get('error'), 'invalid_request');
  });

  test('a first sign-in creates the account (verified address, no password) and lands on « mon compte »', async () => {
    const client = t.client();
    const res = await signIn(client, 'agent-1');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/compte');
    const account = await client.get('/compte');
    assert.equal(account.statusCode, 200);
    assert.match(account.body, /Camille Dupont/);
    assert.match(account.body, /camille\.dupont@beta\.gouv\.fr/);
    assert.match(account.body, /Identités rattachées/);
    assert.match(account.body, /S’identifier avec ProConnect/);
    const user = await t.database.db
      .selectFrom('users')
      .select(['id', 'password_hash', 'email_verified_at', 'display_name'])
      .where('email', '=', 'camille.dupont@beta.gouv.fr')
      .executeTakeFirstOrThrow();
    assert.equal(user.password_hash, null);
    assert.ok(user.email_verified_at);
    const signUps = (await audit('auth.sign_up')).filter((r) => r.object_id === user.id);
    assert.deepEqual(signUps[0]?.summary, { method: 'oidc', provider: 'proconnect' });
    const signIns = (await audit('auth.sign_in')).filter((r) => r.object_id === user.id);
    assert.deepEqual(signIns[0]?.summary, { method: 'oidc' });
    const session = await t.database.db
      .selectFrom('sessions')
      .select('method')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(session.method, 'oidc');
  });

  test('a second sign-in reuses the identity and goes where the visitor was going', async () => {
    await signIn(t.client(), 'agent-2');
    const client = t.client();
    const res = await signIn(client, 'agent-2', '/a-propos');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/a-propos');
    assert.equal((await client.get('/compte')).statusCode, 200);
    const users = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'dominique@exemple.fr')
      .execute();
    assert.equal(users.length, 1);
    assert.equal((await identitiesOf('dominique@exemple.fr')).length, 1);
  });

  test('an existing account is linked only with its password: a wrong one links nothing (400)', async () => {
    const owner = await createTestUser(t.database.db, {
      email: 'proprietaire@exemple.fr',
      password: PASSWORD,
    });
    const client = t.client();
    const res = await signIn(client, 'proprietaire-1');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/connexion/oidc/rattachement');
    const page = await client.get('/connexion/oidc/rattachement');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Un compte existe déjà avec l’adresse proprietaire@exemple\.fr/);
    assert.match(page.body, /Rattacher votre identité S’identifier avec ProConnect à ce compte/);
    assert.match(page.body, /autocomplete="current-password"/);

    const wrong = await client.post('/connexion/oidc/rattachement', { password: 'pas le bon mot de passe' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Mot de passe incorrect\./);
    assert.equal((await identitiesOf(owner.email)).length, 0);
    assert.equal((await client.get('/compte')).statusCode, 303, 'not signed in');
    const empty = await client.post('/connexion/oidc/rattachement', { password: '' });
    assert.equal(empty.statusCode, 400);

    const right = await client.post('/connexion/oidc/rattachement', { password: PASSWORD });
    assert.equal(right.statusCode, 303);
    assert.equal(right.headers.location, '/compte');
    assert.deepEqual(await identitiesOf(owner.email), [
      { provider: 'proconnect', subject: 'proprietaire-1' },
    ]);
    const linked = (await audit('auth.identity_linked')).filter((r) => r.object_id === owner.id);
    assert.deepEqual(linked[0]?.summary, { provider: 'proconnect' });
    const account = await client.get('/compte');
    assert.match(account.body, new RegExp(owner.name));
    // The confirmation is single use; the next sign-in goes straight in.
    assert.equal((await client.post('/connexion/oidc/rattachement', { password: PASSWORD })).statusCode, 400);
    const again = await signIn(t.client(), 'proprietaire-1');
    assert.equal(again.headers.location, '/compte');
  });

  test('a link can be cancelled, and without the pending login the page says it expired', async () => {
    await createTestUser(t.database.db, { email: 'deuxieme@exemple.fr', password: PASSWORD });
    const client = t.client();
    assert.equal((await signIn(client, 'proprietaire-2')).headers.location, '/connexion/oidc/rattachement');
    const cancelled = await client.post('/connexion/oidc/rattachement/annulation', {});
    assert.equal(cancelled.statusCode, 303);
    const page = await client.get('/connexion/oidc/rattachement');
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /n’est plus valable/);
    assert.match(page.body, /href="\/connexion"/);
    assert.equal((await identitiesOf('deuxieme@exemple.fr')).length, 0);
  });

  test('a replayed callback (same state) is refused with 400', async () => {
    const client = t.client();
    const back = await provider.login((await start(client)).href, 'agent-2');
    assert.equal((await client.get(local(back))).statusCode, 303);
    const replay = await client.get(local(back));
    assert.equal(replay.statusCode, 400);
    assert.match(replay.body, /Cette réponse de connexion n’est plus valable/);
    const elsewhere = await t.client().get(local(back));
    assert.equal(elsewhere.statusCode, 400);
  });

  test('a tampered state is refused with 400, and the login it broke cannot be finished', async () => {
    const client = t.client();
    const back = await provider.login((await start(client)).href, 'agent-2');
    const forged = new URL(back);
    forged.searchParams.set('state', 'un-etat-fabrique-par-un-attaquant-0000');
    const res = await client.get(local(forged));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /ne correspond à aucune connexion commencée dans ce navigateur/);
    assert.equal((await client.get(local(back))).statusCode, 400);
    assert.equal((await client.get('/compte')).statusCode, 303, 'not signed in');
    const failed = await audit('auth.sign_in_failed');
    assert.ok(failed.some((r) => (r.summary as { reason?: string }).reason === 'invalid_state'));
  });

  test('an error from the provider (access_denied) gives a clear 400 page with a way back', async () => {
    const client = t.client();
    const back = await provider.login((await start(client)).href, 'agent-2', { cancel: true });
    assert.equal(back.searchParams.get('error'), 'access_denied');
    const res = await client.get(local(back));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /n’a pas autorisé la connexion/);
    assert.match(res.body, /href="\/connexion"/);
    const failed = await audit('auth.sign_in_failed');
    assert.ok(
      failed.some((r) => {
        const s = r.summary as { method?: string; reason?: string };
        return s.method === 'oidc' && s.reason === 'provider_error';
      }),
    );
  });

  test('an address the provider has not verified is refused and creates nothing', async () => {
    const res = await signIn(t.client(), 'sans-verification');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /n’a pas confirmé votre adresse e-mail/);
    const user = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'non-verifiee@exemple.fr')
      .executeTakeFirst();
    assert.equal(user, undefined);
  });

  test('an account with a second factor goes through the code page', async () => {
    const user = await createTestUser(t.database.db, { email: 'double@exemple.fr', password: PASSWORD });
    await t.database.db
      .insertInto('user_identities')
      .values({ provider: 'proconnect', subject: 'totp-1', user_id: user.id, email: user.email })
      .execute();
    await enableTestTotp(t.database.db, user.id, t.config);
    const res = await signIn(t.client(), 'totp-1', '/a-propos');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/connexion/double-authentification?retour=%2Fa-propos');
  });

  test('an unreachable provider gives a clear 503 page, not a 500', async () => {
    const client = t.client();
    await client.get('/connexion');
    const res = await client.post('/connexion/oidc/en-panne', {});
    assert.equal(res.statusCode, 503);
    assert.match(res.body, /Le service « Fournisseur en panne » ne répond pas pour le moment/);
    assert.match(res.body, /href="\/connexion"/);
  });

  test('an unknown provider is a 404, on the button and on the callback', async () => {
    const client = t.client();
    await client.get('/connexion');
    assert.equal((await client.post('/connexion/oidc/inconnu', {})).statusCode, 404);
    assert.equal((await client.get('/connexion/oidc/inconnu/retour?code=x&state=y')).statusCode, 404);
    assert.equal((await client.get('/connexion/oidc/Pas_Valide/retour')).statusCode, 404);
  });

  test('« mon compte » unlinks an identity only when the account has a password', async () => {
    // agent-1's account was created by single sign-on: no password, so no unlinking.
    const withoutPassword = t.client();
    await signIn(withoutPassword, 'agent-1');
    const page = await withoutPassword.get('/compte');
    assert.doesNotMatch(page.body, /\/compte\/identites\/proconnect\/dissocier/);
    const refused = await withoutPassword.post('/compte/identites/proconnect/dissocier', {});
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Ce compte n’a pas de mot de passe/);
    assert.equal((await identitiesOf('camille.dupont@beta.gouv.fr')).length, 1);

    // The owner linked with a password can.
    const owner = t.client();
    await signIn(owner, 'proprietaire-1');
    const ownPage = await owner.get('/compte');
    assert.match(ownPage.body, /action="\/compte\/identites\/proconnect\/dissocier"/);
    const done = await owner.post('/compte/identites/proconnect/dissocier', {});
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/compte?identite_dissociee=1');
    assert.match((await owner.get('/compte?identite_dissociee=1')).body, /L’identité a été dissociée/);
    assert.equal((await identitiesOf('proprietaire@exemple.fr')).length, 0);
    assert.equal((await audit('auth.identity_unlinked')).length, 1);
    assert.equal((await owner.post('/compte/identites/proconnect/dissocier', {})).statusCode, 404);
    // Anonymous: sent to sign in.
    const anonymous = t.client();
    const res = await anonymous.post('/compte/identites/proconnect/dissocier', {});
    assert.equal(res.statusCode, 303);
  });
});

describe('single sign-on configuration', () => {
  test('a listed provider without its variables stops the start with a French message', async () => {
    const { loadConfig } = await import('../../config.js');
    assert.throws(
      () => loadConfig({ OIDC_PROVIDERS: 'proconnect', OIDC_PROCONNECT_ISSUER: 'https://exemple.fr' }),
      /OIDC_PROCONNECT_CLIENT_ID: requis pour le fournisseur « proconnect »/,
    );
    assert.throws(
      () =>
        loadConfig({
          NODE_ENV: 'production',
          SESSION_SECRET: 'x'.repeat(40),
          DATABASE_URL: 'postgres://a@b/c',
          SMTP_URL: 'smtp://a',
          PUBLIC_URL: 'https://exemple.fr',
          OIDC_PROVIDERS: 'proconnect',
          OIDC_PROCONNECT_ISSUER: 'http://127.0.0.1:9999',
          OIDC_PROCONNECT_CLIENT_ID: 'a',
          OIDC_PROCONNECT_CLIENT_SECRET: 'b',
          OIDC_PROCONNECT_LABEL: 'c',
        }),
      /OIDC_PROCONNECT_ISSUER: doit commencer par https:\/\//,
    );
    assert.throws(() => loadConfig({ OIDC_PROVIDERS: 'Pro_Connect' }), /OIDC_PROVIDERS/);
    const config = loadConfig({
      OIDC_PROVIDERS: 'pro-connect',
      OIDC_PRO_CONNECT_ISSUER: 'https://auth.exemple.gouv.fr',
      OIDC_PRO_CONNECT_CLIENT_ID: 'a',
      OIDC_PRO_CONNECT_CLIENT_SECRET: 'b',
      OIDC_PRO_CONNECT_LABEL: 'S’identifier avec ProConnect',
    });
    assert.equal(config.oidcProviders[0]?.scopes, 'openid email given_name usual_name');
    assert.deepEqual(loadConfig({}).oidcProviders, []);
  });
});
