import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../app.js';
import { type Config, loadConfig } from '../../config.js';
import type { Database } from '../db/index.js';
import { createTestDatabase } from '../db/testing.js';
import { createLocalFileStore, type FileStore } from '../files/index.js';
import { createMailer, type Mailer } from '../mail/index.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  mailer: Mailer;
  /** The app's file store, in a fresh temporary directory removed on close. */
  files: FileStore;
  /** A browser-like client: keeps cookies, and fills `_csrf` from the last page it read. */
  client(): TestClient;
  close(): Promise<void>;
}

export interface TestClient {
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Posts a urlencoded form with this client's CSRF token (unless `_csrf` is given). */
  post(
    url: string,
    form: Record<string, string | string[]>,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  cookies: Map<string, string>;
  csrfToken(): Promise<string>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_ON_START: 'false',
    // Never the development files; createTestApp gives each app a fresh directory.
    FILES_DIR: join(tmpdir(), `french-impact-test-files-${randomUUID()}`),
    ...overrides,
  });
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Extra routes for a test (registered after the modules, before the app is ready). */
  extend?: (app: FastifyInstance) => void | Promise<void>;
  /** The server's clock (deadlines: a submission at the closing second); default the real one. */
  clock?: () => Date;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const filesDir = await mkdtemp(join(tmpdir(), 'french-impact-files-'));
  const config = testConfig({ FILES_DIR: filesDir, ...options.env });
  const files = createLocalFileStore(config.FILES_DIR);
  const database = await createTestDatabase();
  const mailer = createMailer(config, database.db);
  let app: FastifyInstance;
  try {
    app = await buildApp({ config, database, mailer, files }, options.clock ? { clock: options.clock } : {});
    await options.extend?.(app);
    await app.ready();
  } catch (error) {
    // An app that cannot start must not keep the test process alive with an open database.
    mailer.close();
    await database.close();
    await rm(filesDir, { recursive: true, force: true });
    throw error;
  }
  return {
    app,
    database,
    config,
    mailer,
    files,
    client: () => createClient(app),
    close: async () => {
      await app.close();
      mailer.close();
      await database.close();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}

/** The text of a page without its markup, entities decoded and spaces collapsed, for reading sentences. */
export function pageText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, c: string) => String.fromCodePoint(Number(c)))
    .replace(/&#x([0-9a-f]+);/gi, (_, c: string) => String.fromCodePoint(Number.parseInt(c, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

export function encodeForm(form: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params.toString();
}

function createClient(app: FastifyInstance): TestClient {
  const cookies = new Map<string, string>();
  let lastToken = '';
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const inject = async (options: InjectOptions) => {
    const response = await app.inject({
      ...options,
      headers: { ...(cookies.size ? { cookie: cookieHeader() } : {}), ...(options.headers ?? {}) },
    });
    for (const c of response.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.maxAge === 0 || c.value === '') cookies.delete(c.name);
      else cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (token?.[1]) lastToken = token[1];
    return response;
  };
  const client: TestClient = {
    cookies,
    inject,
    get: (url, headers = {}) => inject({ method: 'GET', url, headers }),
    post: async (url, form, headers = {}) => {
      const body = '_csrf' in form ? form : { _csrf: await client.csrfToken(), ...form };
      return inject({
        method: 'POST',
        url,
        payload: encodeForm(body),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      });
    },
    csrfToken: async () => {
      if (!lastToken) await inject({ method: 'GET', url: '/' });
      return lastToken;
    },
  };
  return client;
}
