/**
 * The embedded engine (PGlite) in a worker thread, so that its work (most of a short request's CPU time)
 * runs beside the HTTP thread instead of on it.
 *
 * The main thread keeps node-postgres: each client's socket is a Duplex stream whose bytes go to the worker
 * (pglite.worker.ts), which runs them through PGlite and sends back what PGlite answered. The messages that
 * a query writes in one go (parse, bind, execute, sync) travel together, in one round trip.
 */
import { extname } from 'node:path';
import { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import type { PgliteOptions } from './pglite.js';
import type { FromWorker, ToWorker } from './pglite.worker.js';

const here = fileURLToPath(import.meta.url);
const WORKER_FILE = new URL(`./pglite.worker${extname(here)}`, import.meta.url).href;

/**
 * The worker's entry. When the sources run as TypeScript (tsx), a worker of Node 20 gets neither its
 * parent's module hooks nor working ones of its own: it registers tsx's CommonJS hook and requires the
 * worker module, which tsx then compiles to CommonJS.
 */
function workerEntry(): { code: string; eval: true } | { code: URL; eval: false } {
  if (!WORKER_FILE.endsWith('.ts')) return { code: new URL(WORKER_FILE), eval: false };
  const tsx = fileURLToPath(import.meta.resolve('tsx/cjs/api'));
  const file = fileURLToPath(WORKER_FILE);
  return {
    code: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(file)});`,
    eval: true,
  };
}

export class PgliteThread {
  private readonly waiting = new Map<
    number,
    { resolve(bytes: Uint8Array): void; reject(error: Error): void }
  >();
  private nextId = 1;
  private failure: Error | undefined;
  private closing = false;

  private constructor(
    private readonly worker: Worker,
    private readonly onFailure?: (error: Error) => void,
  ) {
    worker.on('message', (message: FromWorker) => {
      if (message.kind !== 'reply') return;
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (message.error !== undefined) waiter.reject(new Error(message.error));
      else waiter.resolve(message.bytes ?? new Uint8Array(0));
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the embedded database thread stopped (code ${code})`)));
  }

  /**
   * Starts the worker and waits until PGlite is open on `options.dataDir`. `onFailure`: the thread stopped
   * without being closed (every query fails from then on).
   */
  static start(options: PgliteOptions, onFailure?: (error: Error) => void): Promise<PgliteThread> {
    return new Promise((resolve, reject) => {
      const entry = workerEntry();
      const worker = new Worker(entry.code, { eval: entry.eval, workerData: options });
      const onError = (error: Error) => reject(error);
      const onExit = (code: number) =>
        reject(new Error(`the embedded database thread stopped (code ${code})`));
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.once('message', (message: FromWorker) => {
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (message.kind === 'ready') resolve(new PgliteThread(worker, onFailure));
        else reject(new Error('the embedded database thread did not start'));
      });
    });
  }

  private fail(error: Error) {
    const first = this.failure === undefined;
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
    if (first && !this.closing) this.onFailure?.(error);
  }

  private request(message: ToWorker, transfer: ArrayBuffer[] = []): Promise<Uint8Array> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.set(message.id, { resolve, reject });
      this.worker.postMessage(message, transfer);
    });
  }

  /** Runs protocol bytes (one or more messages); `startup` marks a new connection's first packet. */
  exchange(bytes: Uint8Array, startup: boolean): Promise<Uint8Array> {
    return this.request({ kind: 'protocol', id: this.nextId++, bytes, startup }, [
      bytes.buffer as ArrayBuffer,
    ]);
  }

  /** Options of a node-postgres client or pool: the thread as its socket, PGlite's one user and database. */
  clientConfig(): pg.ClientConfig {
    return { user: 'postgres', database: 'postgres', stream: () => new ThreadSocket(this) };
  }

  /** Closes PGlite (its files are left consistent), then ends the thread. */
  async close(): Promise<void> {
    this.closing = true;
    if (!this.failure) await this.request({ kind: 'close', id: this.nextId++ });
    this.failure ??= new Error('the embedded database is closed');
    await this.worker.terminate();
  }
}

const TERMINATE = 0x58;
const TERMINATE_LENGTH = 5;

/** What node-postgres sees as a TCP socket: writes of the same tick are sent together, answers are read back. */
class ThreadSocket extends Duplex {
  private pending: Buffer[] = [];
  private flushScheduled = false;
  private started = false;
  /** The last exchange sent: answers come back in order, so this one settles after all the others. */
  private outstanding: Promise<void> = Promise.resolve();

  constructor(private readonly thread: PgliteThread) {
    super();
  }

  connect(): this {
    process.nextTick(() => this.emit('connect'));
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  override _read() {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void) {
    this.pending.push(chunk);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      process.nextTick(() => this.flush());
    }
    done();
  }

  override _final(done: (error?: Error | null) => void) {
    this.flush();
    void this.outstanding.then(() => {
      this.push(null);
      done();
    });
  }

  private flush() {
    this.flushScheduled = false;
    if (this.pending.length === 0) return;
    // A buffer of its own (Node's small buffers share a pool), handed over to the thread without a copy.
    let length = 0;
    for (const chunk of this.pending) length += chunk.length;
    const bytes = new Uint8Array(length);
    let offset = 0;
    for (const chunk of this.pending) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    this.pending = [];
    // Terminate ('X'): the client is leaving and expects no answer; the next connection starts clean anyway.
    if (length === TERMINATE_LENGTH && bytes[0] === TERMINATE) return;
    const startup = !this.started;
    this.started = true;
    this.outstanding = this.thread.exchange(bytes, startup).then(
      (answer) => {
        if (answer.length > 0 && !this.destroyed)
          this.push(Buffer.from(answer.buffer, answer.byteOffset, answer.length));
      },
      (error: Error) => {
        this.destroy(error);
      },
    );
  }
}
