import { join } from 'node:path';
import { z } from 'zod';

/**
 * The only place that reads process.env. Every variable is listed in .env.example.
 * Development gets working defaults; production refuses to start without its secrets.
 */
/** Id of a single sign-on provider (also the path segment of its routes). */
const OIDC_ID = /^[a-z][a-z0-9-]{0,39}$/;

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.string().url().optional(),
    DATABASE_URL: z.string().url().optional(),
    DATA_DIR: z.string().default('./data'),
    /** The embedded database (no DATABASE_URL) runs in a thread of its own, beside the HTTP thread. */
    PGLITE_THREAD: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /** Uploaded files (outside the web root). Default: <DATA_DIR>/fichiers. */
    FILES_DIR: z.string().min(1).optional(),
    SESSION_SECRET: z.string().min(32, 'SESSION_SECRET doit compter au moins 32 caractères').optional(),
    SMTP_URL: z.string().url().optional(),
    MAIL_FROM: z.string().default('French Impact <ne-pas-repondre@french-impact.beta.gouv.fr>'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    JOBS_WORKER: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /** Reference data (official geography, funding partners) loaded into an empty database at start. */
    SEED_ON_START: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
    /** Single sign-on (OpenID Connect): the ids of the providers, comma-separated; each has OIDC_<ID>_* variables. */
    OIDC_PROVIDERS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(
            z
              .string()
              .regex(
                OIDC_ID,
                'chaque identifiant de fournisseur : lettres minuscules, chiffres et tirets, 40 caractères au plus',
              )
              .refine((id) => id !== 'rattachement', 'l’identifiant « rattachement » est réservé'),
          )
          .refine((ids) => new Set(ids).size === ids.length, 'un fournisseur est cité deux fois'),
      ),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (!env.SESSION_SECRET)
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'requis en production' });
    if (!env.DATABASE_URL)
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'requis en production' });
    if (!env.SMTP_URL) ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'requis en production' });
    if (!env.PUBLIC_URL)
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'requis en production' });
  });

export type Config = Omit<z.infer<typeof schema>, 'SESSION_SECRET' | 'FILES_DIR'> & {
  SESSION_SECRET: string;
  FILES_DIR: string;
  /** The single sign-on providers, from OIDC_PROVIDERS and their OIDC_<ID>_* variables (empty: none). */
  oidcProviders: OidcProviderConfig[];
};

/** One OpenID Connect provider (ProConnect, FranceConnect…). Discovery happens at first use. */
export interface OidcProviderConfig {
  id: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Text of the sign-in button, e.g. « S’identifier avec ProConnect ». */
  label: string;
  scopes: string;
  acrValues: string | undefined;
  /**
   * The provider vouches for every address it sends even without an `email_verified` claim (ProConnect and
   * FranceConnect do not send it). Otherwise an address counts as verified only with `email_verified: true`.
   */
  trustEmail: boolean;
}

const DEFAULT_OIDC_SCOPES = 'openid email given_name usual_name';

/** `OIDC_<ID>_<NAME>`: the id upper-cased, dashes turned into underscores. */
export function oidcVariable(id: string, name: string): string {
  return `OIDC_${id.toUpperCase().replaceAll('-', '_')}_${name}`;
}

/** Reads the variables of each listed provider; problems are French lines for the ConfigError. */
function readOidcProviders(
  ids: string[],
  env: NodeJS.ProcessEnv,
  production: boolean,
): { providers: OidcProviderConfig[]; problems: string[] } {
  const providers: OidcProviderConfig[] = [];
  const problems: string[] = [];
  for (const id of ids) {
    const get = (name: string) => env[oidcVariable(id, name)]?.trim() || undefined;
    const missing = ['ISSUER', 'CLIENT_ID', 'CLIENT_SECRET', 'LABEL'].filter((name) => !get(name));
    for (const name of missing)
      problems.push(
        `${oidcVariable(id, name)}: requis pour le fournisseur « ${id} » cité dans OIDC_PROVIDERS`,
      );
    const issuer = get('ISSUER');
    if (issuer) {
      let url: URL | undefined;
      try {
        url = new URL(issuer);
      } catch {
        problems.push(`${oidcVariable(id, 'ISSUER')}: adresse invalide`);
      }
      if (url && url.protocol !== 'https:' && (production || !isLoopback(url)))
        problems.push(
          `${oidcVariable(id, 'ISSUER')}: doit commencer par https:// (http n’est admis que pour localhost en développement et en test)`,
        );
    }
    const trust = get('TRUST_EMAIL') ?? 'false';
    if (trust !== 'true' && trust !== 'false')
      problems.push(`${oidcVariable(id, 'TRUST_EMAIL')}: true ou false`);
    if (missing.length === 0 && issuer)
      providers.push({
        id,
        issuer,
        clientId: get('CLIENT_ID') as string,
        clientSecret: get('CLIENT_SECRET') as string,
        label: get('LABEL') as string,
        scopes: get('SCOPES') ?? DEFAULT_OIDC_SCOPES,
        acrValues: get('ACR_VALUES'),
        trustEmail: trust === 'true',
      });
  }
  return { providers, problems };
}

/** http is allowed only for a provider on this machine (tests, development). */
export function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/** A fixed development secret: never accepted in production (see superRefine above). */
const DEV_SECRET = 'development-only-secret-not-for-production-use-000';

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const oidc = readOidcProviders(parsed.data.OIDC_PROVIDERS, env, parsed.data.NODE_ENV === 'production');
  if (oidc.problems.length > 0)
    throw new ConfigError(`Configuration invalide :\n${oidc.problems.map((p) => `  - ${p}`).join('\n')}`);
  return {
    ...parsed.data,
    SESSION_SECRET: parsed.data.SESSION_SECRET ?? DEV_SECRET,
    FILES_DIR: parsed.data.FILES_DIR ?? join(parsed.data.DATA_DIR, 'fichiers'),
    oidcProviders: oidc.providers,
  };
}
