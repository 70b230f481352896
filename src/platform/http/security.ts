import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface SecurityOptions {
  /** Serve HSTS: the platform is reached over HTTPS (PUBLIC_URL starts with https://). */
  https: boolean;
}

/**
 * The request id (for support and logs), and security headers on every response: a strict CSP with a per-response nonce (no 'unsafe-inline'),
 * no framing, no MIME sniffing, a strict referrer policy, and HSTS when served over HTTPS.
 */
async function securityHeaders(app: FastifyInstance, options: SecurityOptions) {
  // Built once: only the nonce changes from one response to the next.
  const policy = (sources: string) =>
    [
      "default-src 'self'",
      `script-src ${sources}`,
      `style-src ${sources}`,
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      ...(options.https ? ['upgrade-insecure-requests'] : []),
    ].join('; ');
  const aroundNonce = policy("'self' 'nonce-\u0000'").split('\u0000');
  const withoutNonce = policy("'self'");
  const fixed: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    ...(options.https ? { 'strict-transport-security': 'max-age=63072000; includeSubDomains' } : {}),
  };

  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(fixed);
    reply.header('x-request-id', request.id);
    if (!reply.hasHeader('content-security-policy')) {
      const nonce = request.ctx?.nonce;
      reply.header('content-security-policy', nonce ? aroundNonce.join(nonce) : withoutNonce);
    }
    return payload;
  });
}

export const security = fp(securityHeaders, { name: 'security-headers' });
