import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

/**
 * A real OpenID Connect provider for tests (`oidc-provider`), listening on 127.0.0.1 on a random port:
 * authorization code flow only, PKCE (S256) required, client_secret_post. Its login page is minimal: a form
 * with a login field (the account's `sub`) and a cancel button (→ `error=access_denied`); consent is granted
 * automatically. A browser can use it as is; `login()` walks it with fetch for HTTP tests.
 */

export interface TestOidcClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

/** The claims of an account (sub is the key of `accounts`). */
export type TestOidcClaims = Record<string, string | boolean>;

export interface TestOidcProviderOptions {
  port?: number;
  clients: TestOidcClient[];
  accounts: Record<string, TestOidcClaims>;
}

export interface TestOidcProvider {
  /** `http://127.0.0.1:<port>` (discovery at `/.well-known/openid-configuration`). */
  issuer: string;
  url: string;
  /** The next login page signs this account in at once (browser tests); cleared once used. */
  setNextAccount(sub: string | null): void;
  /** Adds or replaces an account. */
  setAccount(sub: string, claims: TestOidcClaims): void;
  /**
   * Follows an authorization URL through the login page as `sub` (or cancels when `cancel`), with a cookie jar
   * of its own, and returns the URL the provider finally redirects to (the client's redirect_uri with
   * `code`, `state`, `iss`, or an `error`).
   */
  login(authorizationUrl: string, sub: string, options?: { cancel?: boolean }): Promise<URL>;
  /** The authorization requests received (their query parameters), newest last. */
  authorizationRequests: URLSearchParams[];
  stop(): Promise<void>;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startTestOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const accounts = new Map(Object.entries(options.accounts));
  const authorizationRequests: URLSearchParams[] = [];
  let nextAccount: string | null = null;
  let provider: Provider | undefined;

  const server = createServer((req, res) => {
    if (!provider) {
      res.statusCode = 503;
      res.end();
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/auth' && req.method === 'GET')
      authorizationRequests.push(new URLSearchParams((req.url ?? '').split('?')[1] ?? ''));
    if (path.startsWith('/interaction/')) {
      interaction(provider, req, res, path).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const configuration: Configuration = {
    clients: options.clients.map((c) => ({
      ...c,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    })),
    pkce: { required: () => true },
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      given_name: ['given_name'],
      usual_name: ['usual_name'],
      profile: ['name', 'given_name', 'family_name'],
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const claims = accounts.get(sub);
      if (!claims) return undefined;
      return { accountId: sub, claims: () => ({ ...claims, sub }) };
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Erreur', `<pre>${escapeHtml(JSON.stringify(out))}</pre>`);
    },
  };
  provider = new Provider(issuer, configuration);

  async function interaction(p: Provider, req: IncomingMessage, res: ServerResponse, path: string) {
    const details = await p.interactionDetails(req, res);
    const [, , uid, action] = path.split('/');
    if (details.prompt.name === 'login') {
      if (req.method === 'POST' && action === 'abort') {
        await p.interactionFinished(req, res, {
          error: 'access_denied',
          error_description: 'Connexion annulée par l’utilisateur',
        });
        return;
      }
      let login: string | null = null;
      if (req.method === 'POST' && action === 'login') login = (await readForm(req)).get('login');
      else if (nextAccount) {
        login = nextAccount;
        nextAccount = null;
      }
      if (login && accounts.has(login)) {
        await p.interactionFinished(
          req,
          res,
          { login: { accountId: login } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        page(
          'Fournisseur d’identité de test',
          `<form method="post" action="/interaction/${escapeHtml(uid ?? '')}/login">
            <label for="login">Identifiant</label>
            <input id="login" name="login" autocomplete="username" required>
            <button type="submit">Se connecter</button>
          </form>
          <form method="post" action="/interaction/${escapeHtml(uid ?? '')}/abort">
            <button type="submit">Annuler</button>
          </form>`,
        ),
      );
      return;
    }
    // Consent: granted at once, for everything asked.
    const accountId = details.session?.accountId;
    const clientId = details.params.client_id;
    if (!accountId || typeof clientId !== 'string') throw new Error('interaction without account or client');
    const grant = details.grantId
      ? await p.Grant.find(details.grantId)
      : new p.Grant({ accountId, clientId });
    if (!grant) throw new Error('grant not found');
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    await p.interactionFinished(
      req,
      res,
      { consent: details.grantId ? {} : { grantId } },
      { mergeWithLastSubmission: true },
    );
  }

  async function login(authorizationUrl: string, sub: string, opts: { cancel?: boolean } = {}): Promise<URL> {
    const jar = new Map<string, string>();
    const request = async (url: URL, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
      const response = await fetch(url, { ...init, headers, redirect: 'manual' });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const eq = pair.indexOf('=');
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') jar.delete(name);
        else jar.set(name, value);
      }
      return response;
    };
    let url = new URL(authorizationUrl);
    let submitted = false;
    for (let step = 0; step < 20; step++) {
      if (url.origin !== issuer) return url;
      let response = await request(url);
      if (response.status === 200 && url.pathname.startsWith('/interaction/') && !submitted) {
        await response.arrayBuffer();
        submitted = true;
        const action = opts.cancel ? 'abort' : 'login';
        response = await request(new URL(`${url.pathname}/${action}`, issuer), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ login: sub }).toString(),
        });
      }
      const location = response.headers.get('location');
      if (!location)
        throw new Error(`provider answered ${response.status} at ${url.pathname}: ${await response.text()}`);
      await response.arrayBuffer();
      url = new URL(location, url);
    }
    throw new Error('too many redirects at the test provider');
  }

  return {
    issuer,
    url: issuer,
    setNextAccount: (sub) => {
      nextAccount = sub;
    },
    setAccount: (sub, claims) => {
      accounts.set(sub, claims);
    },
    login,
    authorizationRequests,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
