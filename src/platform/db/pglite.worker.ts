/**
 * The embedded engine in a thread of its own (see pglite.thread.ts). The main thread sends PostgreSQL
 * protocol bytes; this thread runs them through PGlite, one message after another, and answers with the
 * bytes PGlite wrote back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createPglite, type PgliteOptions } from './pglite.js';

export type ToWorker =
  | { kind: 'protocol'; id: number; bytes: Uint8Array; startup: boolean }
  | { kind: 'close'; id: number };
export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'reply'; id: number; bytes?: Uint8Array; error?: string };

const port = parentPort;
if (!port) throw new Error('pglite.worker.ts runs as a worker thread');

// No top-level await: under tsx this module is loaded as CommonJS (see workerEntry in pglite.thread.ts).
const opening = createPglite(workerData as PgliteOptions);
void opening.then(() => port.postMessage({ kind: 'ready' } satisfies FromWorker));

/** A new connection starts clean: no transaction and no prepared statement left by a previous one. */
async function resetSession() {
  const pglite = await opening;
  if (pglite.isInTransaction()) await pglite.exec('ROLLBACK');
  await pglite.exec('DEALLOCATE ALL');
}

async function handle(message: ToWorker): Promise<FromWorker> {
  const pglite = await opening;
  if (message.kind === 'close') {
    await pglite.close();
    return { kind: 'reply', id: message.id };
  }
  if (message.startup) await resetSession();
  const out = await pglite.execProtocolRaw(message.bytes);
  // PGlite may answer with a view of its own buffer: copy it when so, then hand the copy over.
  const bytes = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? out : out.slice();
  return { kind: 'reply', id: message.id, bytes };
}

// One message at a time, in the order they came: PGlite is one connection.
let queue: Promise<unknown> = Promise.resolve();
port.on('message', (message: ToWorker) => {
  queue = queue.then(async () => {
    let reply: FromWorker;
    try {
      reply = await handle(message);
    } catch (error) {
      reply = {
        kind: 'reply',
        id: message.id,
        error: error instanceof Error ? error.message : JSON.stringify(error),
      };
    }
    port.postMessage(reply, reply.kind === 'reply' && reply.bytes ? [reply.bytes.buffer as ArrayBuffer] : []);
    if (message.kind === 'close') port.close();
  });
});
