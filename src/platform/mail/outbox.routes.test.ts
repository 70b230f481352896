import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import type { Database } from '../db/index.js';
import { createTestDatabase } from '../db/testing.js';
import { requestContext } from '../http/context.js';
import { csrf } from '../http/csrf.js';
import { registerErrorHandlers } from '../http/error-handler.js';
import { security } from '../http/security.js';
import { memoryLogger } from '../jobs/testing.js';
import { JobWorker } from '../jobs/worker.js';
import { MAIL_CSS } from './frame.js';
import { createMailer, type Mailer } from './mailer.js';
import { OUTBOX_PAGE_SIZE, outboxRoutes, shouldServeOutbox } from './outbox.routes.js';
import { testMail } from './templates/test.js';

/**
 * The outbox pages on the platform's own HTTP plugins (context, security headers, CSRF, error pages),
 * without the rest of the app.
 */
async function buildOutboxApp(db: Database['db'], mailer: Mailer): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(requestContext);
  await app.register(security, { https: false });
  await app.register(csrf, { secret: 'outbox-test-secret-outbox-test-secret-0000', secure: false });
  registerErrorHandlers(app, { bodyLimit: 1_000_000 });
  await app.register(outboxRoutes, { db, mailer });
  await app.ready();
  return app;
}

/** A browser-like client: keeps cookies and the last CSRF token it saw. */
function client(app: FastifyInstance) {
  const cookies = new Map<string, string>();
  let token = '';
  const inject = async (method: 'GET' | 'POST', url: string, form?: Record<string, string>) => {
    const res = await app.inject({
      method,
      url,
      headers: {
        ...(cookies.size ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });
    for (const c of res.cookies as { name: string; value: string }[]) cookies.set(c.name, c.value);
    token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? token;
    return res;
  };
  return {
    cookies,
    get: (url: string) => inject('GET', url),
    post: (url: string, form: Record<string, string>) => inject('POST', url, { _csrf: token, ...form }),
    postWithoutToken: (url: string, form: Record<string, string>) => inject('POST', url, form),
  };
}

function h1(res: LightMyRequestResponse): string | undefined {
  return /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(res.body)?.[1];
}

describe('development outbox pages', () => {
  let database: Database;
  let db: Database['db'];
  let mailer: Mailer;
  let app: FastifyInstance;
  let worker: JobWorker;

  before(async () => {
    database = await createTestDatabase();
    db = database.db;
    mailer = createMailer(
      { SMTP_URL: undefined, MAIL_FROM: 'French Impact <ne-pas-repondre@example.gouv.fr>' },
      db,
    );
    worker = new JobWorker({ db, logger: memoryLogger(), handlers: { ...mailer.handlers } });
    app = await buildOutboxApp(db, mailer);
  });
  beforeEach(async () => {
    await db.deleteFrom('jobs').execute();
    await db.deleteFrom('mail_outbox').execute();
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  test('is served outside production only', () => {
    assert.equal(shouldServeOutbox({ NODE_ENV: 'production' }), false);
    assert.equal(shouldServeOutbox({ NODE_ENV: 'development' }), true);
    assert.equal(shouldServeOutbox({ NODE_ENV: 'test' }), true);
    assert.equal(shouldServeOutbox({ NODE_ENV: 'development', SMTP_URL: 'smtp://relay.example:25' }), false);
  });

  test('the empty list shows the test mail form (with its CSRF token) under a strict CSP', async () => {
    const res = await client(app).get('/dev/boite-mail');
    assert.equal(res.statusCode, 200);
    assert.equal(h1(res), 'Boîte mail de développement');
    assert.equal(res.body.match(/<h1[\s>]/g)?.length, 1);
    assert.match(res.body, /<form method="post" action="\/dev\/boite-mail\/essai"/);
    assert.match(res.body, /<input type="hidden" name="_csrf" value="[^"]+"/);
    assert.match(res.body, /class="fr-input-group"/);
    assert.match(res.body, /<label class="fr-label" for="field-email">Adresse e-mail du destinataire/);
    assert.match(res.body, /class="fr-table/);
    assert.match(res.body, /Aucun e-mail conservé pour l’instant/);
    assert.doesNotMatch(res.headers['content-security-policy'] as string, /unsafe-inline/);
  });

  test('the form queues the test mail and comes back to the list (303), where it then appears', async () => {
    const browser = client(app);
    await browser.get('/dev/boite-mail');
    const posted = await browser.post('/dev/boite-mail/essai', { email: '  camille.durand@example.org ' });
    assert.equal(posted.statusCode, 303);
    assert.equal(posted.headers.location, '/dev/boite-mail?envoye=1');
    const job = await db.selectFrom('jobs').select(['type', 'payload']).executeTakeFirstOrThrow();
    assert.equal(job.type, 'mail.send');
    assert.deepEqual((job.payload as { to: string[] }).to, ['camille.durand@example.org']);

    const queued = await browser.get('/dev/boite-mail?envoye=1');
    assert.match(queued.body, /fr-alert--success/);
    assert.match(queued.body, /E-mail d’essai mis en file d’envoi/);

    assert.equal(await worker.drain(), 1);
    const list = await browser.get('/dev/boite-mail');
    assert.match(list.body, /camille\.durand@example\.org/);
    const link = /<a href="(\/dev\/boite-mail\/\d+)">E-mail d’essai de la plateforme French Impact<\/a>/.exec(
      list.body,
    );
    assert.ok(link, 'the subject links to the message');
    assert.doesNotMatch(list.body, /fr-alert--success/);

    const detail = await browser.get(link[1]!);
    assert.equal(detail.statusCode, 200);
    assert.equal(h1(detail), 'E-mail « E-mail d’essai de la plateforme French Impact »');
    assert.match(detail.body, /<pre[^>]*>E-mail d’essai\n\nCet e-mail a été envoyé/);
    assert.match(detail.body, new RegExp(`href="${link[1]}/html"`));
  });

  test('a wrong address gets the same page again with status 400, the value kept and the error shown', async () => {
    const browser = client(app);
    await browser.get('/dev/boite-mail');
    const res = await browser.post('/dev/boite-mail/essai', { email: 'camille@' });
    assert.equal(res.statusCode, 400);
    assert.equal(h1(res), 'Boîte mail de développement');
    assert.match(res.body, /class="fr-alert fr-alert--error/);
    assert.match(
      res.body,
      /<a href="#field-email">Saisissez une adresse e-mail au bon format, comme nom@domaine.fr<\/a>/,
    );
    assert.match(res.body, /fr-input-group--error/);
    assert.match(res.body, /value="camille@"/);
    const empty = await browser.post('/dev/boite-mail/essai', { email: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Saisissez l’adresse e-mail du destinataire/);
    assert.equal((await db.selectFrom('jobs').select('id').execute()).length, 0);
  });

  test('a POST without the CSRF token is refused', async () => {
    const browser = client(app);
    await browser.get('/dev/boite-mail');
    const res = await browser.postWithoutToken('/dev/boite-mail/essai', { email: 'camille@example.org' });
    assert.equal(res.statusCode, 403);
    assert.equal((await db.selectFrom('jobs').select('id').execute()).length, 0);
  });

  test('the HTML version is served alone, sandboxed, allowed only the frame’s style sheet', async () => {
    await mailer.send({ to: 'a@example.org', template: testMail, data: { requestedAt: new Date() } });
    await worker.drain();
    const { id } = await db.selectFrom('mail_outbox').select('id').executeTakeFirstOrThrow();
    const res = await client(app).get(`/dev/boite-mail/${id}/html`);
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/html/);
    const csp = res.headers['content-security-policy'] as string;
    assert.match(csp, /^sandbox; default-src 'none'/);
    const hash = createHash('sha256').update(MAIL_CSS).digest('base64');
    assert.ok(csp.includes(`style-src 'sha256-${hash}'`), csp);
    assert.doesNotMatch(csp, /unsafe-inline|script-src/);
    assert.match(res.body, /^<!doctype html><html lang="fr">/);
    assert.ok(res.body.includes(`<style>${MAIL_CSS}</style>`), 'the style block is the hashed one');
  });

  test('user text in a message is escaped on the list and on the message page', async () => {
    const [row] = await db
      .insertInto('mail_outbox')
      .values({
        template: 'test',
        locale: 'fr',
        from_address: 'x@example.org',
        to_address: '"<b>x</b>" <x@example.org>',
        subject: '<img src=x onerror=alert(1)>',
        html_body: '<p>x</p>',
        text_body: '</pre><script>alert(1)</script>',
      })
      .returning('id')
      .execute();
    const list = await client(app).get('/dev/boite-mail');
    assert.doesNotMatch(list.body, /<img src=x|<b>x<\/b>/);
    assert.match(list.body, /&lt;img src=x onerror=alert\(1\)>/);
    const detail = await client(app).get(`/dev/boite-mail/${row!.id}`);
    assert.doesNotMatch(detail.body, /<script>alert|<img src=x/);
  });

  test('the list is paginated by 50, newest first; unknown pages and messages are 404', async () => {
    const rows = Array.from({ length: OUTBOX_PAGE_SIZE + 1 }, (_, i) => ({
      template: 'test',
      locale: 'fr',
      from_address: 'x@example.org',
      to_address: `r${i}@example.org`,
      subject: `Message ${i}`,
      html_body: '<p>x</p>',
      text_body: 'x',
    }));
    await db.insertInto('mail_outbox').values(rows).execute();
    const browser = client(app);
    const first = await browser.get('/dev/boite-mail');
    assert.equal(
      first.body.match(/<a href="\/dev\/boite-mail\/\d+">Message \d+<\/a>/g)?.length,
      OUTBOX_PAGE_SIZE,
    );
    assert.match(first.body, /51 e-mail\(s\) conservé\(s\)\. — page 1 sur 2/);
    assert.match(first.body, /class="fr-pagination"/);
    assert.ok(first.body.indexOf('Message 50<') < first.body.indexOf('Message 49<'), 'newest first');
    const second = await browser.get('/dev/boite-mail?page=2');
    assert.equal(second.body.match(/<a href="\/dev\/boite-mail\/\d+">Message \d+<\/a>/g)?.length, 1);
    assert.match(second.body, />Message 0</);
    for (const url of [
      '/dev/boite-mail?page=3',
      '/dev/boite-mail?page=abc',
      '/dev/boite-mail/999999',
      '/dev/boite-mail/abc',
      '/dev/boite-mail/0/html',
    ]) {
      const res = await browser.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /<html lang="fr"/, `${url}: an HTML error page`);
    }
  });

  test('the pages speak English to an English-speaking visitor', async () => {
    const browser = client(app);
    browser.cookies.set('lang', 'en');
    const res = await browser.get('/dev/boite-mail');
    assert.equal(h1(res), 'Development mailbox');
    assert.match(res.body, /<html lang="en"/);
  });
});
