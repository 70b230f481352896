/**
 * Typed errors with stable codes. Services throw them; one error handler turns them into a DSFR page
 * (HTML) or JSON (under /api). Messages are French, shown to the user; never internals.
 */
export type ErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'unauthenticated'
  | 'conflict'
  | 'validation'
  | 'payload_too_large'
  | 'bad_request'
  | 'csrf'
  | 'rate_limited'
  | 'unsupported_media_type'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFound extends AppError {
  constructor(message = 'La page demandée est introuvable.') {
    super('not_found', 404, message);
  }
}

export class Forbidden extends AppError {
  constructor(message = 'Vous n’avez pas accès à cette page.') {
    super('forbidden', 403, message);
  }
}

export class Conflict extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('conflict', 409, message, details);
  }
}

export class Validation extends AppError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super('validation', 400, message, { fields: fieldErrors });
  }
}

export class BadRequest extends AppError {
  constructor(message = 'La requête est invalide.') {
    super('bad_request', 400, message);
  }
}

export class CsrfError extends AppError {
  constructor() {
    super(
      'csrf',
      403,
      'Le formulaire a expiré ou ne vient pas de ce site. Rechargez la page puis envoyez-le à nouveau.',
    );
  }
}

/** "5 minutes", "1 heure", "30 secondes": a wait in seconds, rounded up to the unit shown. */
export function formatWaitFr(seconds: number): string {
  const s = Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : 60;
  const plural = (n: number, unit: string) => `${n} ${unit}${n > 1 ? 's' : ''}`;
  if (s < 60) return plural(s, 'seconde');
  if (s < 3600) return plural(Math.ceil(s / 60), 'minute');
  return plural(Math.ceil(s / 3600), 'heure');
}

/**
 * Too many attempts (sign-in, e-mails, TOTP…): 429, with the wait in the message and, through the error
 * handler, in a `Retry-After` header (whole seconds, at least 1).
 */
export class RateLimited extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, message?: string) {
    const wait = Number.isFinite(retryAfterSeconds) ? Math.max(1, Math.ceil(retryAfterSeconds)) : 60;
    super('rate_limited', 429, message ?? `Trop de tentatives. Réessayez dans ${formatWaitFr(wait)}.`, {
      retryAfterSeconds: wait,
    });
    this.retryAfterSeconds = wait;
  }
}
