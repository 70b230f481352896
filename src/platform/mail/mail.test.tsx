import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import Html from '@kitajs/html';
import type { Database } from '../db/index.js';
import { createTestDatabase } from '../db/testing.js';
import { findJob } from '../jobs/index.js';
import { memoryLogger } from '../jobs/testing.js';
import { JobWorker } from '../jobs/worker.js';
import { MAIL_CSS, MailFrame, textFrame } from './frame.js';
import type { MailTemplate } from './mail.types.js';
import { createMailer, type Mailer } from './mailer.js';
import { testMail } from './templates/test.js';
import { startTestSmtpServer, type TestSmtpServer } from './testing.js';

const MAIL_FROM = 'French Impact <ne-pas-repondre@french-impact.beta.gouv.fr>';
const requestedAt = new Date('2025-03-14T09:30:00Z');

/** A template whose data is user text, to check escaping and header hygiene. */
const echoMail: MailTemplate<{ name: string }> = {
  name: 'echo',
  subject: ({ name }) => `Bonjour ${name}`,
  html: ({ name }, locale) => (
    <MailFrame locale={locale} title={`Bonjour ${name}`}>
      <h1 safe>{`Bonjour ${name}`}</h1>
    </MailFrame>
  ),
  text: ({ name }, locale) => textFrame(locale, [`Bonjour ${name}`]),
};

describe('mail templates', () => {
  test('the test mail is a whole HTML document in the recipient’s language, with a text twin', async () => {
    const html = await testMail.html({ requestedAt }, 'fr');
    assert.equal(testMail.subject({ requestedAt }, 'fr'), 'E-mail d’essai de la plateforme French Impact');
    assert.match(html, /^<!doctype html><html lang="fr">/);
    assert.match(html, /<title>E-mail d’essai de la plateforme French Impact<\/title>/);
    assert.match(html, /role="article"/);
    assert.match(html, /<h1>E-mail d’essai<\/h1>/);
    assert.match(html, /14 mars 2025 à 10:30/, 'the date in Europe/Paris time');
    assert.doesNotMatch(
      html,
      /\sstyle="/,
      'no style attribute: the preview CSP allows only the frame’s style sheet',
    );
    const text = testMail.text({ requestedAt }, 'fr');
    assert.match(text, /^E-mail d’essai\n\n/);
    assert.match(text, /\n-- \nCet e-mail a été envoyé automatiquement/);

    const en = await testMail.html({ requestedAt }, 'en');
    assert.match(en, /<html lang="en">/);
    assert.equal(testMail.subject({ requestedAt }, 'en'), 'Test e-mail from the French Impact platform');
    assert.match(testMail.text({ requestedAt }, 'en'), /14 March 2025 at 10:30/);
  });

  test('text from data is escaped in the HTML version', async () => {
    const html = await echoMail.html({ name: '<script>alert(1)</script> & "Cie"' }, 'fr');
    assert.match(html, /<h1>Bonjour &lt;script>alert\(1\)&lt;\/script> &amp; &#34;Cie&#34;<\/h1>/);
    assert.match(html, /<title>Bonjour &lt;script>/);
    const outsideAttributes = html.replace(/="[^"]*"/g, '=""');
    assert.doesNotMatch(outsideAttributes, /<script/, 'no markup from data outside quoted attributes');
  });

  test('the frame’s style sheet goes through escaping unchanged (its hash is in the preview CSP)', () => {
    assert.equal(Html.escapeHtml(MAIL_CSS), MAIL_CSS);
  });
});

describe('mailer (same behaviour on PGlite and PostgreSQL)', () => {
  let database: Database;
  let db: Database['db'];
  let smtp: TestSmtpServer;
  const mailers: Mailer[] = [];

  function setup(smtpUrl?: string) {
    const mailer = createMailer({ SMTP_URL: smtpUrl, MAIL_FROM }, db);
    mailers.push(mailer);
    const worker = new JobWorker({
      db,
      logger: memoryLogger(),
      handlers: { ...mailer.handlers },
      retryDelayMs: () => 0,
    });
    return { mailer, worker };
  }

  before(async () => {
    database = await createTestDatabase();
    db = database.db;
    smtp = await startTestSmtpServer();
  });
  beforeEach(async () => {
    await db.deleteFrom('jobs').execute();
    await db.deleteFrom('mail_outbox').execute();
    smtp.messages.length = 0;
    smtp.attempts = 0;
    smtp.rejectWith = undefined;
  });
  after(async () => {
    for (const mailer of mailers) mailer.close();
    await smtp.close();
    await database.close();
  });

  test('a queued mail is delivered over SMTP with its subject, HTML and text parts, To and From', async () => {
    const { mailer, worker } = setup(smtp.url);
    assert.equal(mailer.delivery, 'smtp');
    const { id } = await mailer.send({
      to: 'camille.durand@example.org',
      template: testMail,
      data: { requestedAt },
    });
    assert.equal(smtp.messages.length, 0, 'queued, not sent by send()');
    assert.equal(await worker.drain(), 1);

    assert.equal(smtp.messages.length, 1);
    const mail = smtp.messages[0]!;
    assert.equal(mail.subject, 'E-mail d’essai de la plateforme French Impact');
    assert.deepEqual(mail.envelope, {
      from: 'ne-pas-repondre@french-impact.beta.gouv.fr',
      to: ['camille.durand@example.org'],
    });
    assert.equal(mail.headers.get('from'), 'French Impact <ne-pas-repondre@french-impact.beta.gouv.fr>');
    assert.equal(mail.headers.get('to'), 'camille.durand@example.org');
    assert.equal(mail.headers.get('message-id'), `<job-${id}@french-impact.beta.gouv.fr>`);
    assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
    assert.match(mail.headers.get('content-type') ?? '', /^multipart\/alternative/);
    assert.match(mail.html ?? '', /<html lang="fr">/);
    assert.match(mail.html ?? '', /<h1>E-mail d’essai<\/h1>/);
    assert.match(mail.text ?? '', /^E-mail d’essai\r?\n/);
    assert.match(mail.text ?? '', /14 mars 2025 à 10:30/);
    assert.doesNotMatch(mail.text ?? '', /</, 'the text part is text');

    assert.equal((await findJob(db, id))?.state, 'done');
    assert.equal(
      (await db.selectFrom('mail_outbox').select('id').execute()).length,
      0,
      'nothing in the outbox',
    );
  });

  test('without SMTP the message lands in mail_outbox, once even if its job runs twice', async () => {
    const { mailer, worker } = setup(undefined);
    assert.equal(mailer.delivery, 'outbox');
    const { id } = await mailer.send({
      to: ['a@example.org', 'b@example.org'],
      template: testMail,
      data: { requestedAt },
      locale: 'en',
    });
    assert.equal(await worker.drain(), 1);
    const rows = await db.selectFrom('mail_outbox').selectAll().execute();
    assert.equal(rows.length, 1);
    const row = rows[0]!;
    assert.equal(row.job_id, id);
    assert.equal(row.template, 'test');
    assert.equal(row.locale, 'en');
    assert.equal(row.from_address, MAIL_FROM);
    assert.equal(row.to_address, 'a@example.org, b@example.org');
    assert.equal(row.subject, 'Test e-mail from the French Impact platform');
    assert.match(row.html_body, /<html lang="en">/);
    assert.match(row.text_body, /There is nothing for you to do/);

    // A run repeated after a crash (same job id) keeps one copy.
    const payload = (await findJob(db, id))!.payload as Parameters<
      NonNullable<Mailer['handlers']['mail.send']>
    >[0];
    const context = {
      id,
      type: 'mail.send',
      attempt: 2,
      maxAttempts: 10,
      signal: new AbortController().signal,
    };
    await mailer.handlers['mail.send']!(payload, context);
    assert.equal((await db.selectFrom('mail_outbox').select('id').execute()).length, 1);
  });

  test('an SMTP failure is retried, then the job is dead with the server’s answer', async () => {
    const { mailer, worker } = setup(smtp.url);
    smtp.rejectWith = { code: 451, message: 'Greylisted, try again later' };
    const { id } = await mailer.send({
      to: 'camille@example.org',
      template: testMail,
      data: { requestedAt },
      maxAttempts: 3,
    });
    assert.equal(await worker.drain(), 3);
    assert.equal(smtp.attempts, 3);
    assert.equal(smtp.messages.length, 0);
    const job = await findJob(db, id);
    assert.equal(job?.state, 'dead');
    assert.equal(job?.attempts, 3);
    assert.match(job?.last_error ?? '', /451/);
    assert.match(job?.last_error ?? '', /Greylisted/);
  });

  test('an unreachable SMTP server leaves the mail queued for a later attempt', async () => {
    const down = await startTestSmtpServer();
    await down.close();
    const mailer = createMailer({ SMTP_URL: down.url, MAIL_FROM }, db);
    mailers.push(mailer);
    const worker = new JobWorker({ db, logger: memoryLogger(), handlers: { ...mailer.handlers } });
    const { id } = await mailer.send({
      to: 'camille@example.org',
      template: testMail,
      data: { requestedAt },
    });
    assert.equal(await worker.runNext(), true);
    const job = await findJob(db, id);
    assert.equal(job?.state, 'pending');
    assert.match(job?.last_error ?? '', /ECONNREFUSED|connect/i);
  });

  test('a mail sent inside a transaction that rolls back is never queued', async () => {
    const { mailer, worker } = setup(undefined);
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await mailer.send({ db: trx, to: 'camille@example.org', template: testMail, data: { requestedAt } });
        throw new Error('rollback');
      }),
    );
    assert.equal(await worker.drain(), 0);
    assert.equal((await db.selectFrom('mail_outbox').select('id').execute()).length, 0);
  });

  test('send() refuses bad addresses and keeps the subject on one line', async () => {
    const { mailer, worker } = setup(undefined);
    await assert.rejects(
      mailer.send({ to: 'pas-une-adresse', template: testMail, data: { requestedAt } }),
      /invalid/,
    );
    await assert.rejects(
      mailer.send({
        to: 'a@example.org\r\nBcc: victim@example.org',
        template: testMail,
        data: { requestedAt },
      }),
      /invalid/,
    );
    await assert.rejects(mailer.send({ to: [], template: testMail, data: { requestedAt } }), /recipients/);
    await mailer.send({
      to: 'a@example.org',
      template: echoMail,
      data: { name: 'X\r\nBcc: victim@example.org' },
    });
    assert.equal(await worker.drain(), 1);
    const row = await db.selectFrom('mail_outbox').select('subject').executeTakeFirstOrThrow();
    assert.equal(row.subject, 'Bonjour X Bcc: victim@example.org');
  });
});
