import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../config.js';
import { createTestApp } from '../testing/app.js';
import {
  createLocalFileStore,
  FileMissing,
  type FileStore,
  FileTooLarge,
  InvalidFileKey,
  isFileKey,
  removeStaleTemporaryFiles,
} from './index.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Every regular file under `dir`, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/** A stream that yields `count` chunks of `size` bytes, like an upload arriving piece by piece. */
function chunked(count: number, size: number, byte = 0x61): Readable {
  let sent = 0;
  return new Readable({
    read() {
      this.push(sent++ < count ? Buffer.alloc(size, byte) : null);
    },
  });
}

describe('local file store', () => {
  let dir: string;
  let store: FileStore;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'files-test-'));
    store = createLocalFileStore(dir);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('a buffer comes back identical, with its size and SHA-256, under a random key', async () => {
    const content = Buffer.from('Budget prévisionnel 2027 — 12 500 €\n', 'utf8');
    const stored = await store.put(content, { maxBytes: 1024 });
    assert.equal(stored.size, content.length);
    assert.equal(stored.sha256, sha256(content));
    assert.ok(isFileKey(stored.key), stored.key);
    assert.match(stored.key, /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    assert.deepEqual(await store.read(stored.key), content);
    assert.equal(await store.exists(stored.key), true);

    const streamed: Buffer[] = [];
    for await (const chunk of store.open(stored.key)) streamed.push(chunk as Buffer);
    assert.deepEqual(Buffer.concat(streamed), content);
    assert.deepEqual(await store.readHead(stored.key, 6), content.subarray(0, 6));
    assert.deepEqual(await store.readHead(stored.key), content, 'a short file: the whole of it');

    const again = await store.put(content, { maxBytes: 1024 });
    assert.notEqual(again.key, stored.key, 'the same content twice gets two keys');
  });

  test('a stream is hashed and counted as it is written; exactly maxBytes is accepted', async () => {
    const stored = await store.put(chunked(16, 65_536), { maxBytes: 16 * 65_536 });
    const expected = Buffer.alloc(16 * 65_536, 0x61);
    assert.equal(stored.size, expected.length);
    assert.equal(stored.sha256, sha256(expected));
    assert.deepEqual(await store.read(stored.key), expected);
  });

  test('an empty file is a file', async () => {
    const stored = await store.put(Buffer.alloc(0), { maxBytes: 10 });
    assert.equal(stored.size, 0);
    assert.equal(stored.sha256, sha256(Buffer.alloc(0)));
    assert.equal(await store.exists(stored.key), true);
  });

  test('too large: FileTooLarge (413, French message) and nothing left on disk', async () => {
    const before = await filesUnder(dir);
    await assert.rejects(store.put(Buffer.alloc(11), { maxBytes: 10 }), (error: unknown) => {
      assert.ok(error instanceof FileTooLarge);
      assert.equal(error.status, 413);
      assert.equal(error.maxBytes, 10);
      assert.match(error.message, /taille maximale autorisée \(10 octets\)/);
      return true;
    });
    const source = chunked(100, 1024);
    await assert.rejects(store.put(source, { maxBytes: 10 * 1024 + 1 }), FileTooLarge);
    assert.ok(source.destroyed, 'the upload stream is not read further');
    assert.deepEqual(await filesUnder(dir), before, 'no temporary nor final file remains');
  });

  test('a source that fails mid-way leaves nothing behind', async () => {
    const before = await filesUnder(dir);
    let sent = 0;
    const failing = new Readable({
      read() {
        if (sent++ < 3) this.push(Buffer.alloc(1000, 1));
        else this.destroy(new Error('connexion interrompue'));
      },
    });
    await assert.rejects(store.put(failing, { maxBytes: 1_000_000 }), /connexion interrompue/);
    assert.deepEqual(await filesUnder(dir), before);
  });

  test('concurrent puts each keep their own content', async () => {
    const contents = Array.from({ length: 20 }, (_, i) => Buffer.alloc(5000 + i, i));
    const stored = await Promise.all(
      contents.map((c, i) =>
        store.put(i % 2 ? c : Readable.from([c.subarray(0, 10), c.subarray(10)]), { maxBytes: 10_000 }),
      ),
    );
    assert.equal(new Set(stored.map((s) => s.key)).size, contents.length);
    for (const [i, s] of stored.entries()) {
      assert.equal(s.sha256, sha256(contents[i] as Buffer));
      assert.deepEqual(await store.read(s.key), contents[i]);
    }
  });

  test('remove deletes the file and is harmless when repeated', async () => {
    const { key } = await store.put(Buffer.from('à supprimer'), { maxBytes: 100 });
    await store.remove(key);
    assert.equal(await store.exists(key), false);
    await store.remove(key);
    await assert.rejects(store.read(key), FileMissing);
    await assert.rejects(store.readHead(key), FileMissing);
    await assert.rejects(async () => {
      for await (const _ of store.open(key)) {
        // nothing to read
      }
    }, FileMissing);
  });

  test('keys that are not the store’s own are refused before touching the disk', async () => {
    const { key } = await store.put(Buffer.from('x'), { maxBytes: 10 });
    const bad = [
      '../../etc/passwd',
      `${key.slice(0, 6)}../${key.slice(6)}`,
      `/${key}`,
      `${key}/`,
      key.replaceAll('/', '\\'),
      key.toUpperCase(),
      `${key.slice(0, 6)}${'0'.repeat(8)}${key.slice(14)}`, // prefix not matching the uuid
      '.tmp/whatever.part',
      '',
      'ab/cd/../../../secret',
    ];
    for (const k of bad) {
      assert.equal(isFileKey(k), false, k);
      await assert.rejects(store.read(k), InvalidFileKey, k);
      await assert.rejects(store.exists(k), InvalidFileKey, k);
      await assert.rejects(store.remove(k), InvalidFileKey, k);
      assert.throws(() => store.open(k), InvalidFileKey, k);
    }
    assert.equal(await store.exists(key), true);
  });

  test('stale temporary files from a crash are swept, recent ones kept', async () => {
    const { writeFile, utimes } = await import('node:fs/promises');
    const old = join(dir, '.tmp', 'ancien.part');
    const recent = join(dir, '.tmp', 'recent.part');
    await writeFile(old, 'moitié');
    await writeFile(recent, 'en cours');
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(old, hourAgo, hourAgo);
    assert.equal(await removeStaleTemporaryFiles(dir, 600_000), 1);
    await assert.rejects(stat(old));
    await stat(recent);
  });
});

describe('file store of the app', () => {
  test('FILES_DIR defaults to <DATA_DIR>/fichiers and can be set', () => {
    assert.equal(loadConfig({}).FILES_DIR, join('data', 'fichiers'));
    assert.equal(loadConfig({ DATA_DIR: '/srv/fi' }).FILES_DIR, '/srv/fi/fichiers');
    assert.equal(loadConfig({ FILES_DIR: '/mnt/pieces' }).FILES_DIR, '/mnt/pieces');
  });

  test('each app has its own fresh directory, removed on close', async () => {
    const a = await createTestApp();
    const b = await createTestApp();
    try {
      assert.notEqual(a.config.FILES_DIR, b.config.FILES_DIR);
      assert.equal(a.app.files, a.files);
      const { key } = await a.files.put(Buffer.from('pièce'), { maxBytes: 100 });
      assert.equal(await b.files.exists(key), false);
      assert.deepEqual(await filesUnder(a.config.FILES_DIR), [key]);
    } finally {
      await a.close();
      await b.close();
    }
    await assert.rejects(stat(a.config.FILES_DIR), { code: 'ENOENT' });
  });
});
