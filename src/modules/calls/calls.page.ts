import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.js';
import type { CallRow } from './calls.queries.js';
import type { CallState } from './calls.service.js';

/** What a section of a call's public page gets to render itself. */
export interface CallPageSectionContext {
  call: Readonly<CallRow>;
  state: CallState;
  /** The request (its context, its principal): a section shows what its visitor may do. */
  request: FastifyRequest;
  /** The app's database (a section registered once serves every app of the process). */
  db: Db;
}

/**
 * A section of the public page of a call that another module fills (dossiers: « Candidater »), so that
 * this module never imports a newer one. `render` returns markup already escaped, or null.
 */
export type CallPageSection = (
  context: CallPageSectionContext,
) => Promise<JSX.Element | null> | JSX.Element | null;

const sections = new Map<string, CallPageSection>();

/** Adds a section to every public call page; registering the same id again replaces it. */
export function registerCallPageSection(id: string, render: CallPageSection): void {
  sections.set(id, render);
}

/** The markup of every section that has something to show, in the order they were registered. */
export async function renderCallPageSections(context: CallPageSectionContext): Promise<JSX.Element[]> {
  const out: JSX.Element[] = [];
  for (const render of sections.values()) {
    const html = await render(context);
    if (html) out.push(html);
  }
  return out;
}
