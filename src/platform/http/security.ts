import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface SecurityOptions {
  /** Serve HSTS: the platform is reached over HTTPS (PUBLIC_URL starts with https://). */
  https: boolean;
}

/**
 * Security headers on every response: a strict CSP with a per-response nonce (no 'unsafe-inline'),
 * no framing, no MIME sniffing, a strict referrer policy, and HSTS when served over HTTPS.
 */
async function securityHeaders(app: FastifyInstance, options: SecurityOptions) {
  app.addHook('onSend', async (request, reply, payload) => {
    const nonce = request.ctx?.nonce;
    const scriptSrc = nonce ? `'self' 'nonce-${nonce}'` : `'self'`;
    if (!reply.hasHeader('content-security-policy')) {
      reply.header(
        'content-security-policy',
        [
          "default-src 'self'",
          `script-src ${scriptSrc}`,
          `style-src ${scriptSrc}`,
          "img-src 'self' data:",
          "font-src 'self'",
          "connect-src 'self'",
          "object-src 'none'",
          "base-uri 'self'",
          "form-action 'self'",
          "frame-ancestors 'none'",
          ...(options.https ? ['upgrade-insecure-requests'] : []),
        ].join('; '),
      );
    }
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (options.https) reply.header('strict-transport-security', 'max-age=63072000; includeSubDomains');
    return payload;
  });
}

export const security = fp(securityHeaders, { name: 'security-headers' });
