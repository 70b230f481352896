import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  test('development starts with working defaults', () => {
    const config = loadConfig({});
    assert.equal(config.NODE_ENV, 'development');
    assert.equal(config.PORT, 3000);
    assert.equal(config.DATA_DIR, './data');
    assert.equal(config.DATABASE_URL, undefined, 'the embedded database by default');
    assert.equal(config.PGLITE_THREAD, true, 'in a thread of its own');
    assert.equal(loadConfig({ PGLITE_THREAD: 'false' }).PGLITE_THREAD, false);
    assert.ok(config.SESSION_SECRET.length >= 32);
  });

  test('production refuses to start without its secrets, and says which', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        ['SESSION_SECRET', 'DATABASE_URL', 'SMTP_URL', 'PUBLIC_URL'].every((name) =>
          error.message.includes(name),
        ),
    );
    const complete = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      DATABASE_URL: 'postgres://app@db.internal:5432/french_impact',
      SMTP_URL: 'smtp://relay.internal:25',
      PUBLIC_URL: 'https://french-impact.example.gouv.fr',
    });
    assert.equal(complete.SESSION_SECRET, 'x'.repeat(40));
  });

  test('a short secret or a wrong port is refused with a clear message', () => {
    assert.throws(
      () => loadConfig({ SESSION_SECRET: 'court' }),
      /SESSION_SECRET doit compter au moins 32 caractères/,
    );
    assert.throws(() => loadConfig({ PORT: 'quatre-vingt' }), /PORT/);
    assert.throws(() => loadConfig({ PGLITE_THREAD: 'oui' }), /PGLITE_THREAD/);
  });
});
