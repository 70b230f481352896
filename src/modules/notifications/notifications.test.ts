import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { createTestUser, openTestSession } from '../accounts/testing.js';
import { isNotificationOn, recipientsWithTopicOn } from './notifications.service.js';

describe('notifications: preferences page, opt-outs, legally needed topics', () => {
  let t: TestApp;

  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  async function signedIn(userId: string): Promise<TestClient> {
    const client = t.client();
    client.cookies.set(t.app.sessionCookieName, await openTestSession(t.database.db, userId));
    return client;
  }

  function box(html: string, topic: string): string {
    const match = new RegExp(`<input[^>]*value="${topic}"[^>]*>`).exec(html);
    assert.ok(match, `a box for ${topic}`);
    return match[0];
  }

  test('every topic is on at first; the legal ones are checked, disabled and say why', async () => {
    const user = await createTestUser(t.database.db);
    const client = await signedIn(user.id);
    const page = await client.get('/compte/notifications');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1[^>]*>Notifications par e-mail<\/h1>/);
    for (const topic of ['dossier_status', 'dossier_messages', 'dossier_staff_activity']) {
      assert.match(box(page.body, topic), /checked/);
      assert.doesNotMatch(box(page.body, topic), /disabled/);
    }
    for (const topic of ['dossier_receipt', 'dossier_decision']) {
      assert.match(box(page.body, topic), /checked/);
      assert.match(box(page.body, topic), /disabled/);
    }
    assert.match(page.body, /obligatoire \(accusé de réception, décision\)/);
    assert.match(page.body, /leur délai s’applique même si vous ne recevez pas l’e-mail/);
    // Reached from « Mon compte ».
    const account = await client.get('/compte');
    assert.match(account.body, /href="\/compte\/notifications"/);
  });

  test('saving switches the unticked topics off, audited; legal topics cannot be switched off', async () => {
    const db = t.database.db;
    const user = await createTestUser(db);
    const client = await signedIn(user.id);
    await client.get('/compte/notifications');
    const saved = await client.post('/compte/notifications', { topics: ['dossier_messages'] });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/compte/notifications?fait=enregistre');
    const page = await client.get(saved.headers.location as string);
    assert.match(page.body, /Vos préférences de notification sont enregistrées\./);
    assert.doesNotMatch(box(page.body, 'dossier_status'), /checked/);
    assert.doesNotMatch(box(page.body, 'dossier_staff_activity'), /checked/);
    assert.match(box(page.body, 'dossier_messages'), /checked/);
    assert.match(box(page.body, 'dossier_decision'), /checked/);

    assert.equal(await isNotificationOn(db, user.id, 'dossier_status'), false);
    assert.equal(await isNotificationOn(db, user.id, 'dossier_messages'), true);
    assert.equal(await isNotificationOn(db, user.id, 'dossier_receipt'), true);
    const rows = await db
      .selectFrom('notification_opt_outs')
      .select('topic')
      .where('user_id', '=', user.id)
      .orderBy('topic')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.topic),
      ['dossier_staff_activity', 'dossier_status'],
    );
    const audit = await db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'summary'])
      .where('action', '=', 'notifications.update')
      .where('actor_id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(audit.summary, { off: ['dossier_status', 'dossier_staff_activity'] });

    // A forged post naming a legal topic is accepted as on; an opt-out row for it would be ignored anyway.
    await db
      .insertInto('notification_opt_outs')
      .values({ user_id: user.id, topic: 'dossier_decision' })
      .execute();
    assert.equal(await isNotificationOn(db, user.id, 'dossier_decision'), true);

    // Ticking everything again switches everything back on.
    await client.post('/compte/notifications', {
      topics: ['dossier_status', 'dossier_messages', 'dossier_staff_activity'],
    });
    assert.equal(await isNotificationOn(db, user.id, 'dossier_status'), true);
  });

  test('an unknown topic is a 400 with the message, nothing saved', async () => {
    const user = await createTestUser(t.database.db);
    const client = await signedIn(user.id);
    await client.get('/compte/notifications');
    const bad = await client.post('/compte/notifications', { topics: ['dossier_status', 'pub'] });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Choix de notification inconnu/);
    assert.equal(await isNotificationOn(t.database.db, user.id, 'dossier_messages'), true);
  });

  test('recipientsWithTopicOn keeps those who did not switch the topic off, once each', async () => {
    const db = t.database.db;
    const a = await createTestUser(db);
    const b = await createTestUser(db);
    await db
      .insertInto('notification_opt_outs')
      .values({ user_id: b.id, topic: 'dossier_messages' })
      .execute();
    assert.deepEqual(await recipientsWithTopicOn(db, [a.id, b.id, a.id], 'dossier_messages'), [a.id]);
    assert.deepEqual(await recipientsWithTopicOn(db, [a.id, b.id], 'dossier_status'), [a.id, b.id]);
  });
});
