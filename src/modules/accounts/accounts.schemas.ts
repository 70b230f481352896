import { z } from 'zod';
import { accountsFr } from './accounts.fr.js';
import { checkPasswordPolicy, PASSWORD_MAX } from './passwords.js';

const e = accountsFr.errors;

/** One address, one account: NFC, trimmed, lower case. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

// Lengths are checked first: a 10 KB value is refused by zod and never reaches argon2 nor a regex.
export const emailField = z
  .string()
  .max(254, e.emailTooLong)
  .transform(normaliseEmail)
  .pipe(z.email(e.emailInvalid));

const passwordField = z.string().max(PASSWORD_MAX, e.passwordTooLong);

/** The new password and its confirmation, checked against the policy (with the address when known). */
function checkNewPassword(
  data: { password: string; confirmation: string },
  email: string,
  ctx: z.RefinementCtx,
): void {
  const problem = checkPasswordPolicy(data.password, { email });
  if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  else if (data.confirmation !== data.password)
    ctx.addIssue({ code: 'custom', path: ['confirmation'], message: e.confirmMismatch });
}

const confirmationField = z.string().max(PASSWORD_MAX, e.confirmMismatch);

export const signUpForm = z
  .object({
    email: emailField,
    name: z.string().trim().min(1, e.nameRequired).max(100, e.nameTooLong),
    password: passwordField,
    confirmation: confirmationField,
  })
  .superRefine((data, ctx) => checkNewPassword(data, data.email, ctx));
export type SignUpInput = z.output<typeof signUpForm>;

export const signInForm = z.object({
  email: z.string().max(254, e.emailTooLong).transform(normaliseEmail),
  password: passwordField.min(1, e.passwordRequired),
});
export type SignInInput = z.output<typeof signInForm>;

export const forgotForm = z.object({ email: emailField });

/** A token from a link: 43 base64url characters (256 bits). Anything else is an incomplete link. */
export const tokenField = z.string().regex(/^[A-Za-z0-9_-]{43}$/, e.tokenMissing);

export const tokenQuery = z.object({ jeton: tokenField });

export const resetForm = z
  .object({ jeton: tokenField, password: passwordField, confirmation: confirmationField })
  .superRefine((data, ctx) => checkNewPassword(data, '', ctx));
export type ResetInput = z.output<typeof resetForm>;

export const sessionParams = z.object({ id: z.uuid() });
