import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlib } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|manifest\+json)|image\/svg\+xml)/;
const THRESHOLD = 1024;

/**
 * Compresses dynamic responses (pages, JSON) with brotli or gzip when the client accepts it. Static assets
 * come precompressed (assets.ts) and say so with their own Content-Encoding, so they are left alone.
 * A response to a client that accepts no compression costs one header lookup.
 */
async function compressionPlugin(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply, payload) => {
    const accept = request.headers['accept-encoding'];
    if (!accept || reply.hasHeader('content-encoding')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams: as they are
    const type = String(reply.getHeader('content-type') ?? '');
    if (!COMPRESSIBLE.test(type) || Buffer.byteLength(payload) < THRESHOLD) return payload;
    reply.header('vary', 'accept-encoding');
    if (/\bbr\b/.test(accept)) {
      reply.header('content-encoding', 'br');
      reply.removeHeader('content-length');
      return brotli(payload, { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } });
    }
    if (/\bgzip\b/.test(accept)) {
      reply.header('content-encoding', 'gzip');
      reply.removeHeader('content-length');
      return gzipAsync(payload, { level: 6 });
    }
    return payload;
  });
}

export const compression = fp(compressionPlugin, { name: 'compression' });
