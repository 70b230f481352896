import { z } from 'zod';
import type { MembersMessages } from './organisations.members.fr.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = z
  .string()
  .regex(UUID)
  .transform((v) => v.toLowerCase());

/** One address, one account: NFC, trimmed, lower case (as the accounts module stores it). */
export function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

export const organisationParams = z.object({ id: uuid });
export const memberParams = z.object({ id: uuid, userId: uuid });
export const invitationParams = z.object({ id: uuid, invitationId: uuid });
export const claimParams = z.object({ id: uuid, claimId: uuid });
/** A token from an invitation link: 43 base64url characters (256 bits). */
export const invitationTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

const role = (w: MembersMessages) => z.enum(['owner', 'editor'], { error: w.errors.roleInvalid });

export function inviteForm(w: MembersMessages) {
  return z.object({
    email: z
      .string({ error: w.errors.emailInvalid })
      .max(254, w.errors.emailInvalid)
      .transform(normaliseEmail)
      .pipe(z.email(w.errors.emailInvalid)),
    role: role(w),
  });
}
export type InviteInput = z.output<ReturnType<typeof inviteForm>>;

export function roleForm(w: MembersMessages) {
  return z.object({ role: role(w) });
}

export function claimForm(w: MembersMessages) {
  return z.object({
    message: z
      .string({ error: w.errors.messageShort })
      .max(2000, w.errors.messageLong)
      .transform((v) => v.trim())
      .pipe(z.string().min(10, w.errors.messageShort))
      .refine((v) => !v.includes('\u0000'), w.errors.messageShort),
  });
}

export function decisionForm(w: MembersMessages) {
  return z.object({
    note: z
      .string()
      .max(2000, w.errors.noteLong)
      .optional()
      .transform((v) => {
        const t = v?.replaceAll('\u0000', '').trim();
        return t ? t : null;
      }),
  });
}

export function joinForm(w: MembersMessages) {
  return z.object({
    charter_version: z
      .string({ error: w.errors.versionInvalid })
      .regex(/^[1-9][0-9]{0,8}$/, w.errors.versionInvalid)
      .transform(Number),
    accept: z.literal('oui', { error: w.errors.acceptRequired }),
  });
}

export function leaveForm(w: MembersMessages) {
  return z.object({ confirmation: z.literal('oui', { error: w.errors.leaveRequired }) });
}

export function switchForm(w: MembersMessages) {
  return z.object({
    organisation_id: z
      .string({ error: w.errors.organisationInvalid })
      .regex(UUID, w.errors.organisationInvalid),
  });
}
