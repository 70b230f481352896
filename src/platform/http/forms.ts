import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../views/components/ErrorSummary.js';
import { Validation } from './errors.js';

// Messages of zod's own checks in French; schemas should still give their own, clearer ones.
z.config(z.locales.fr());

export type FormValues = Record<string, string | string[]>;

export type { FieldError };

/** What a form page gets to render itself: the values as submitted and the error of each field. */
export interface FormState {
  values: FormValues;
  /** Field name → message under the field (the first problem of each field). */
  errors: Record<string, string>;
  /** Same errors, in the order of the form, for the error summary at the top. */
  summary: FieldError[];
}

export const emptyForm: FormState = { values: {}, errors: {}, summary: [] };

/** Keeps what the user typed (strings only; never the CSRF token), to show it again. */
export function submittedValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (!body || typeof body !== 'object') return values;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key === '_csrf') continue;
    if (typeof value === 'string') values[key] = value;
    else if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return values;
}

export function stateFromErrors(values: FormValues, fieldErrors: Record<string, string>): FormState {
  const summary = Object.entries(fieldErrors).map(([field, message]) => ({ field, message }));
  return { values, errors: { ...fieldErrors }, summary };
}

export type ParseResult<T> = { ok: true; data: T } | { ok: false; state: FormState };

/** Parses a form body with a zod schema: the data, or the state to render the form again. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): ParseResult<z.output<S>> {
  const values = submittedValues(body);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || '_form';
    errors[field] ??= issue.message;
  }
  return { ok: false, state: stateFromErrors(values, errors) };
}

export interface FormHandler<S extends z.ZodType> {
  schema: S;
  /** The page with the form, given its state: its title and body. */
  render: (state: FormState) => { title: string; body: JSX.Element };
  /** Does the work and returns where to go next (post/redirect/get). May throw `Validation` with field errors. */
  onValid: (data: z.output<S>) => Promise<string> | string;
}

/**
 * One way to handle every form: parse with the schema; on error render the same page with status 400,
 * the submitted values, a message under each field and the summary at the top; on success redirect 303.
 */
export async function handleForm<S extends z.ZodType>(
  request: FastifyRequest,
  reply: FastifyReply,
  handler: FormHandler<S>,
): Promise<FastifyReply> {
  const parsed = parseForm(handler.schema, request.body);
  let state: FormState;
  if (parsed.ok) {
    try {
      return reply.redirect(await handler.onValid(parsed.data), 303);
    } catch (error) {
      if (!(error instanceof Validation)) throw error;
      state = stateFromErrors(submittedValues(request.body), error.fieldErrors);
    }
  } else {
    state = parsed.state;
  }
  const page = handler.render(state);
  return reply.page(page.title, page.body, { status: 400 });
}
