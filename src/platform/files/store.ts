import { createHash, randomUUID } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '../http/errors.js';
import { formatFileSizeFr } from './size.js';

/** What `put` gives back: the key to store in the database, the exact size and the hex SHA-256. */
export interface StoredFile {
  key: string;
  size: number;
  sha256: string;
}

export interface PutOptions {
  /** Largest accepted size in bytes; one byte more and `put` fails with `FileTooLarge`. */
  maxBytes: number;
}

/**
 * Where uploaded files live. Keys are random (`ab/cd/<uuid>`), never derived from a user's file name;
 * the file name, type and owner belong in the database. A key becomes visible only once its file is
 * complete and on disk.
 */
export interface FileStore {
  put(source: Buffer | Readable, options: PutOptions): Promise<StoredFile>;
  /** The content as a stream; a missing file makes the stream fail with `FileMissing`. */
  open(key: string): Readable;
  read(key: string): Promise<Buffer>;
  /** The first `length` bytes (fewer for a shorter file), e.g. for `sniffContentType`. */
  readHead(key: string, length?: number): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  /** Removes the file; a key that is already gone is not an error. */
  remove(key: string): Promise<void>;
}

/** How many bytes `readHead` reads by default: enough for `sniffContentType` to see a zip's first entries. */
export const SNIFF_HEAD_BYTES = 64 * 1024;

/** The file is larger than allowed. Status 413; the temporary file is already removed. */
export class FileTooLarge extends AppError {
  constructor(readonly maxBytes: number) {
    super(
      'payload_too_large',
      413,
      `Le fichier dépasse la taille maximale autorisée (${formatFileSizeFr(maxBytes)}).`,
      { maxBytes },
    );
  }
}

/** A key that is not one the store made (bad shape, path traversal). Status 400. */
export class InvalidFileKey extends AppError {
  constructor() {
    super('bad_request', 400, 'La référence du fichier est invalide.');
  }
}

/** No file under this key (removed, or never written). Status 404. */
export class FileMissing extends AppError {
  constructor() {
    super('not_found', 404, 'Le fichier demandé est introuvable.');
  }
}

const KEY = /^([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** True for a key this store could have made (`ab/cd/<uuid>` whose first four hex digits are `abcd`). */
export function isFileKey(key: unknown): key is string {
  if (typeof key !== 'string') return false;
  const match = KEY.exec(key);
  return match !== null && match[3]?.slice(0, 4) === `${match[1]}${match[2]}`;
}

function newKey(): string {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id.slice(2, 4)}/${id}`;
}

const TEMP_DIR = '.tmp';
/** Bytes gathered before a write to the temporary file. */
const WRITE_BATCH_BYTES = 256 * 1024;

/**
 * A store in a local directory (outside the web root). `put` writes to `<dir>/.tmp/<uuid>.part` (same
 * file system, so the final rename is atomic), hashing and counting as it goes, then fsyncs the file,
 * renames it to `<dir>/ab/cd/<uuid>` and fsyncs the directories it changed before resolving.
 */
export function createLocalFileStore(dir: string): FileStore {
  const root = resolve(dir);

  function pathOf(key: string): string {
    if (!isFileKey(key)) throw new InvalidFileKey();
    const path = resolve(root, ...key.split('/'));
    // The pattern already excludes `..` and separators; this is the second lock.
    const rel = relative(root, path);
    if (rel.startsWith('..') || rel.startsWith(sep) || rel === '') throw new InvalidFileKey();
    return path;
  }

  // The temporary folder, made once (again if it was removed meanwhile).
  let tempReady: Promise<unknown> | undefined;
  async function openTemp(tempDir: string, tempPath: string): Promise<FileHandle> {
    const create = () => open(tempPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    tempReady ??= mkdir(tempDir, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
      tempReady = undefined;
      throw error;
    });
    await tempReady;
    try {
      return await create();
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await mkdir(tempDir, { recursive: true, mode: 0o700 });
      return create();
    }
  }

  async function put(source: Buffer | Readable, options: PutOptions): Promise<StoredFile> {
    const { maxBytes } = options;
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0)
      throw new RangeError('maxBytes: un entier positif ou nul');
    if (Buffer.isBuffer(source) && source.length > maxBytes) throw new FileTooLarge(maxBytes);

    const tempDir = join(root, TEMP_DIR);
    const tempPath = join(tempDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    let handle: FileHandle | undefined = await openTemp(tempDir, tempPath);
    try {
      const chunks: AsyncIterable<unknown> | Iterable<Buffer> = Buffer.isBuffer(source) ? [source] : source;
      // Small chunks (a multipart stream gives many) are written together: fewer writes for the same bytes.
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      for await (const piece of chunks) {
        const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(piece as string | Uint8Array);
        size += chunk.length;
        // Leaving the loop destroys a stream source: nothing more is read from it.
        if (size > maxBytes) throw new FileTooLarge(maxBytes);
        hash.update(chunk);
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= WRITE_BATCH_BYTES) {
          await writeAll(handle, pending.length === 1 ? chunk : Buffer.concat(pending, pendingBytes));
          pending = [];
          pendingBytes = 0;
        }
      }
      if (pendingBytes > 0) await writeAll(handle, Buffer.concat(pending, pendingBytes));
      await handle.sync();
      await handle.close();
      handle = undefined;

      const key = newKey();
      const finalPath = pathOf(key);
      const finalDir = dirname(finalPath);
      const firstCreated = await mkdir(finalDir, { recursive: true, mode: 0o700 });
      await rename(tempPath, finalPath);
      // The rename is durable once the directory holding the new name is on disk, and so are
      // directories that mkdir just created (each is an entry of its parent).
      await syncDirectory(finalDir);
      if (firstCreated) {
        for (let d = dirname(finalDir); ; d = dirname(d)) {
          await syncDirectory(d);
          if (d === root || d === dirname(firstCreated) || !d.startsWith(root)) break;
        }
      }
      return { key, size, sha256: hash.digest('hex') };
    } catch (error) {
      await handle?.close().catch(() => {});
      await rm(tempPath, { force: true }).catch(() => {});
      throw error;
    }
  }

  function openStream(key: string): Readable {
    const path = pathOf(key);
    async function* chunks() {
      try {
        for await (const chunk of createReadStream(path)) yield chunk as Buffer;
      } catch (error) {
        if (isNotFound(error)) throw new FileMissing();
        throw error;
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  async function read(key: string): Promise<Buffer> {
    const path = pathOf(key);
    try {
      return await readFile(path);
    } catch (error) {
      if (isNotFound(error)) throw new FileMissing();
      throw error;
    }
  }

  async function readHead(key: string, length = SNIFF_HEAD_BYTES): Promise<Buffer> {
    const path = pathOf(key);
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if (isNotFound(error)) throw new FileMissing();
      throw error;
    }
    try {
      const buffer = Buffer.alloc(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  }

  async function exists(key: string): Promise<boolean> {
    const path = pathOf(key);
    try {
      return (await stat(path)).isFile();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async function remove(key: string): Promise<void> {
    const path = pathOf(key);
    try {
      await unlink(path);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  return { put, open: openStream, read, readHead, exists, remove };
}

/**
 * Removes temporary files older than `olderThanMs` left by a crash in the middle of a `put`
 * (for a scheduled job or at start). Returns how many were removed.
 */
export async function removeStaleTemporaryFiles(
  dir: string,
  olderThanMs: number,
  now = Date.now(),
): Promise<number> {
  const tempDir = join(resolve(dir), TEMP_DIR);
  let names: string[];
  try {
    names = await readdir(tempDir);
  } catch (error) {
    if (isNotFound(error)) return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.endsWith('.part')) continue;
    const path = join(tempDir, name);
    try {
      if (now - (await stat(path)).mtimeMs < olderThanMs) continue;
      await unlink(path);
      removed++;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return removed;
}

async function writeAll(handle: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

async function syncDirectory(path: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch (error) {
    // Some platforms (Windows) cannot open or fsync a directory: nothing more can be done there.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw error;
  } finally {
    await handle?.close();
  }
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
