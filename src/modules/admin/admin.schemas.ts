import { z } from 'zod';
import { ROLE_SCOPES, ROLES, type Role, type ScopeType } from '../../platform/access/index.js';
import type { AdminMessages } from './admin.fr.js';

/** Ids of the objects a role is held for: calls, organisations (uuids), régions (INSEE codes), partners (slugs). */
const SCOPE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One address, one account: NFC, trimmed, lower case (as the accounts module stores it). */
function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

/** A text field that may be absent or empty (an optional filter): trimmed, or undefined. */
const optionalText = (max: number, message: string) =>
  z
    .string()
    .max(max, message)
    .optional()
    .transform((v) => {
      const t = v?.trim();
      return t ? t : undefined;
    });

/**
 * The roles an administrator grants here. Belonging to an organisation (the role `member`) is managed by
 * the organisation's owners on its members page (organisations module), never granted from here.
 */
export const GRANTABLE_ROLES = ROLES.filter((role) => role !== 'member') as Exclude<Role, 'member'>[];

/** The form that grants a role: an existing account's address, a role, and the object it is held for. */
export function grantForm(w: AdminMessages, scopeNames: Record<ScopeType, string>) {
  return z
    .object({
      email: z
        .string()
        .max(254, w.errors.emailInvalid)
        .transform(normaliseEmail)
        .pipe(z.email(w.errors.emailInvalid)),
      role: z.enum(GRANTABLE_ROLES, { error: w.errors.roleRequired }),
      scope_type: z.string().max(50, w.errors.scopeType).optional().default(''),
      scope_id: z.string().max(200, w.errors.scopeIdFormat).optional().default(''),
    })
    .transform((data, ctx) => {
      const kinds = ROLE_SCOPES[data.role];
      const type = data.scope_type.trim();
      const id = data.scope_id.trim();
      if (kinds === null) {
        if (type || id) ctx.addIssue({ code: 'custom', path: ['scope_type'], message: w.errors.scopeNone });
        return { email: data.email, role: data.role, scope: null };
      }
      if (!(kinds as readonly string[]).includes(type)) {
        const names = kinds.map((k) => scopeNames[k]).join(', ');
        ctx.addIssue({ code: 'custom', path: ['scope_type'], message: w.errors.scopeWrongType(names) });
        return z.NEVER;
      }
      if (!id) {
        ctx.addIssue({ code: 'custom', path: ['scope_id'], message: w.errors.scopeIdRequired });
        return z.NEVER;
      }
      if (!SCOPE_ID.test(id)) {
        ctx.addIssue({ code: 'custom', path: ['scope_id'], message: w.errors.scopeIdFormat });
        return z.NEVER;
      }
      return { email: data.email, role: data.role, scope: { type: type as ScopeType, id } };
    });
}
export type GrantInput = z.output<ReturnType<typeof grantForm>>;

/** Filters of the list of roles (query string): part of an address, a role, a page. */
export function rolesQuery(w: AdminMessages) {
  return z.object({
    email: optionalText(254, w.errors.textTooLong),
    role: z
      .union([z.enum(ROLES), z.literal('')])
      .optional()
      .transform((v) => (v ? (v as Role) : undefined)),
    page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
  });
}

/** Whether a `YYYY-MM-DD` text is a real calendar date. */
function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1970 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const optionalDate = (message: string) =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined)
    .refine((v) => v === undefined || isCalendarDate(v), message);

/** Filters of the audit trail (query string). Dates are days in Europe/Paris; `au` is included. */
export function journalQuery(w: AdminMessages) {
  return z
    .object({
      action: optionalText(100, w.errors.actionFormat).refine(
        (v) => v === undefined || /^[a-z0-9_.]+$/.test(v),
        w.errors.actionFormat,
      ),
      auteur: optionalText(320, w.errors.textTooLong),
      type: optionalText(100, w.errors.objectTypeFormat).refine(
        (v) => v === undefined || /^[a-z][a-z0-9_]*$/.test(v),
        w.errors.objectTypeFormat,
      ),
      objet: optionalText(200, w.errors.textTooLong),
      du: optionalDate(w.errors.dateFormat),
      au: optionalDate(w.errors.dateFormat),
      avant: z
        .string()
        .regex(/^[1-9][0-9]{0,18}$/, w.errors.cursor)
        .optional(),
    })
    .superRefine((data, ctx) => {
      if (data.objet && !data.type)
        ctx.addIssue({ code: 'custom', path: ['type'], message: w.errors.objectIdNeedsType });
      if (data.du && data.au && data.au < data.du)
        ctx.addIssue({ code: 'custom', path: ['au'], message: w.errors.dateOrder });
    });
}
export type JournalQuery = z.output<ReturnType<typeof journalQuery>>;

/** `:id` of a role assignment: a uuid (anything else is a 404). */
export const assignmentParams = z.object({ id: z.uuid() });
