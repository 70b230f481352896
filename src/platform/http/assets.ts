import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicAccess } from '../access/index.js';
import { franceMapSprite, SPRITE_FILE } from '../views/components/france-map.data.js';
import { NotFound } from './errors.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Static bundles served by the app itself (no CDN). Each is mounted under a path that carries a digest
 * of its content (`/assets/dsfr-1a2b3c4d/…`), so browsers may cache its files for a year: a new version
 * gets a new path. Only the listed kinds of files are served (no source maps, no sources).
 */
interface Bundle {
  name: string;
  dir: string;
  /** Files whose content names the bundle's version. */
  digestOf: string[];
  allow: RegExp;
  /** Files built in memory from installed packages (name → content), also part of the digest. */
  generated?: Record<string, () => string>;
}

const BUNDLES: Bundle[] = [
  {
    name: 'dsfr',
    dir: join(ROOT, 'node_modules/@gouvfr/dsfr/dist'),
    digestOf: ['dsfr.min.css', 'dsfr.module.min.js', 'utility/icons/icons.min.css'],
    allow:
      /^(dsfr\.min\.css|dsfr\.module\.min\.js|utility\/icons\/icons\.min\.css|fonts\/[\w-]+\.woff2?|icons\/[\w-]+\/[\w-]+\.svg|favicon\/[\w.-]+\.(svg|png|ico|webmanifest)|artwork\/(pictograms\/[\w-]+\/)?[\w-]+\.svg)$/,
  },
  {
    name: 'app',
    dir: join(ROOT, 'public'),
    // The style sheet and every compiled browser script (npm run build:client).
    digestOf: readdirSync(join(ROOT, 'public'))
      .filter((f) => /\.(css|js)$/.test(f))
      .sort(),
    allow: /^[\w-]+\.(css|js|svg|png)$/,
    generated: { [SPRITE_FILE]: franceMapSprite },
  },
];

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = new Set(['.css', '.js', '.svg', '.webmanifest']);

interface Cached {
  body: Buffer;
  br?: Buffer;
  gzip?: Buffer;
  type: string;
}

const prefixes = new Map<string, string>();

function bundlePrefix(bundle: Bundle): string {
  let prefix = prefixes.get(bundle.name);
  if (!prefix) {
    const hash = createHash('sha256');
    for (const file of bundle.digestOf) hash.update(readFileSync(join(bundle.dir, file)));
    for (const [file, make] of Object.entries(bundle.generated ?? {})) hash.update(file).update(make());
    prefix = `/assets/${bundle.name}-${hash.digest('hex').slice(0, 10)}/`;
    prefixes.set(bundle.name, prefix);
  }
  return prefix;
}

/** The fingerprinted URL of a file of a bundle: `assetUrl('dsfr', 'dsfr.min.css')`. */
export function assetUrl(bundle: 'dsfr' | 'app', file: string): string {
  const found = BUNDLES.find((b) => b.name === bundle)!;
  return `${bundlePrefix(found)}${file}`;
}

function load(bundle: Bundle, file: string): Cached | undefined {
  if (!bundle.allow.test(file)) return undefined;
  const make = Object.hasOwn(bundle.generated ?? {}, file) ? bundle.generated![file] : undefined;
  const path = normalize(join(bundle.dir, file));
  if (!make && (!path.startsWith(bundle.dir + sep) || !existsSync(path) || !statSync(path).isFile()))
    return undefined;
  const ext = extname(path);
  const body = make ? Buffer.from(make()) : readFileSync(path);
  const cached: Cached = { body, type: TYPES[ext] ?? 'application/octet-stream' };
  if (COMPRESSIBLE.has(ext) && body.length > 1024) {
    cached.br = brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } });
    cached.gzip = gzipSync(body, { level: 9 });
  }
  return cached;
}

export async function assetRoutes(app: FastifyInstance) {
  const cache = new Map<string, Cached | null>();
  for (const bundle of BUNDLES) {
    const prefix = bundlePrefix(bundle);
    app.get(
      `${prefix}*`,
      { config: { csrf: false, access: publicAccess } },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const file = (request.params as { '*': string })['*'];
        const key = `${bundle.name}:${file}`;
        let entry = cache.get(key);
        if (entry === undefined) {
          entry = load(bundle, file) ?? null;
          cache.set(key, entry);
        }
        if (!entry) throw new NotFound();
        const accept = String(request.headers['accept-encoding'] ?? '');
        reply
          .header('cache-control', 'public, max-age=31536000, immutable')
          .header('vary', 'accept-encoding')
          .type(entry.type);
        if (entry.br && /\bbr\b/.test(accept)) return reply.header('content-encoding', 'br').send(entry.br);
        if (entry.gzip && /\bgzip\b/.test(accept))
          return reply.header('content-encoding', 'gzip').send(entry.gzip);
        return reply.send(entry.body);
      },
    );
  }
  // Old fingerprints and favicon requests at the root.
  app.get('/favicon.ico', { config: { access: publicAccess } }, async (_request, reply) =>
    reply.redirect(assetUrl('dsfr', 'favicon/favicon.ico'), 301),
  );
}
