import type { Principal } from '../../platform/access/index.js';
import type { Db } from '../../platform/db/index.js';
import type { RequestContext } from '../../platform/http/context.js';
import type { OrganisationRow } from './organisations.queries.js';

/** What a section of the profile page gets to render itself. */
export interface ProfileSectionContext {
  /** The organisation (every field: a section shows only what its viewer may see). */
  organisation: Readonly<OrganisationRow>;
  /** The request's context (locale, catalogue, CSRF token for a form). */
  ctx: RequestContext;
  principal: Principal;
  /** The viewer is a member of this organisation or an administrator. */
  canSeePrivate: boolean;
  db: Db;
}

/**
 * A section of the organisation's profile page that another module fills (dossiers, labels, territories,
 * funding, impact). `render` returns markup already escaped (a JSX element) or null to show nothing.
 * Sections appear by `order`, then `id`, after the organisation's own information.
 */
export interface ProfileSection {
  id: string;
  order: number;
  render(context: ProfileSectionContext): JSX.Element | null | Promise<JSX.Element | string | null>;
}

const sections = new Map<string, ProfileSection>();

/**
 * Adds a section to every profile page (at import time of the module that owns it, or when its routes
 * are registered). Registering the same id again replaces the section: registering twice is harmless.
 */
export function registerProfileSection(section: ProfileSection): void {
  if (!/^[a-z][a-z0-9-]*$/.test(section.id)) throw new Error(`Invalid profile section id: ${section.id}`);
  sections.set(section.id, Object.freeze({ ...section }));
}

/** Removes a section (tests). */
export function unregisterProfileSection(id: string): void {
  sections.delete(id);
}

export function profileSections(): ProfileSection[] {
  return [...sections.values()].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** The markup of every section that has something to show, in order. */
export async function renderProfileSections(context: ProfileSectionContext): Promise<string[]> {
  const out: string[] = [];
  for (const section of profileSections()) {
    const html = await section.render(context);
    if (html) out.push(html);
  }
  return out;
}
