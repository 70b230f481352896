import { type AccessRule, hasRole, type Principal, rule } from '../../platform/access/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { Db, DbOrTx } from '../../platform/db/index.js';
import { Conflict, NotFound, Validation } from '../../platform/http/errors.js';
import type { Locale } from '../../platform/i18n/index.js';
import { isUuid, loadDossierAccessFacts } from '../dossiers/index.js';
import type { ImpactDomain } from '../organisations/index.js';
import { showcaseEn } from './selection.showcase.en.js';
import { type ShowcaseMessages, showcaseFr } from './selection.showcase.fr.js';
import {
  type CohortRow,
  findCall,
  findCohort,
  findLaureate,
  findStory,
  type LaureateRow,
  laureateCallsOf,
  laureateStoriesOfOrganisation,
  listCohorts,
  listDepartementNames,
  listLaureates,
  listRegionNames,
  listStoriesOfCall,
  type StoryRow,
  updateStory,
} from './selection.showcase.queries.js';

/** The longest public summary (the column's own limit). */
export const SUMMARY_MAX_LENGTH = 5000;

export function showcaseWords(locale: Locale): ShowcaseMessages {
  return locale === 'en' ? showcaseEn : showcaseFr;
}

/**
 * `/dossiers/:id/vitrine`: members of the dossier's own organisation (partners of a collective dossier
 * aside: the public story is the laureate's). Administrators and staff edit on the staff page instead.
 */
export function laureateMemberRule(db: DbOrTx): AccessRule {
  return rule('laureate_member', async (principal: Principal, request) => {
    if (principal.userId === null) return false;
    const id = (request.params as { id?: unknown } | undefined)?.id;
    if (!isUuid(id)) return false;
    const facts = await loadDossierAccessFacts(db, id);
    return facts !== null && hasRole(principal, 'member', { type: 'organisation', id: facts.organisationId });
  });
}

export interface ShowcaseActor {
  id: string;
  label: string;
}

export interface ShowcaseContext {
  ip: string | null;
  requestId: string | null;
}

/** The first lines of a summary, for a card: about 280 characters, cut on a word. */
export function excerpt(text: string, max = 280): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/u, '')}…`;
}

/** Normalises a typed summary: line endings, trailing spaces; refuses what the column cannot hold. */
export function cleanSummary(raw: string, w: ShowcaseMessages): string {
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+$/gm, '')
    .trim();
  if (text.length > SUMMARY_MAX_LENGTH) throw new Validation(w.edit.tooLong, { resume: w.edit.tooLong });
  return text;
}

export function createShowcaseService(db: Db) {
  return {
    cohorts(): Promise<CohortRow[]> {
      return listCohorts(db);
    },

    regions() {
      return listRegionNames(db);
    },

    /** A public cohort with its (filtered) laureates, and every laureate for the map; 404 otherwise. */
    async cohort(slug: string, filter: { domain?: ImpactDomain | undefined; region?: string | undefined }) {
      const call = await findCohort(db, slug);
      if (!call) throw new NotFound();
      const all = await listLaureates(db, call.id);
      const laureates = filter.domain || filter.region ? await listLaureates(db, call.id, filter) : all;
      const departements = await listDepartementNames(db);
      return { call, all, laureates, departements };
    },

    async laureate(
      callSlug: string,
      slug: string,
    ): Promise<{ call: { slug: string; title: string }; laureate: LaureateRow }> {
      const call = await findCohort(db, callSlug);
      if (!call) throw new NotFound();
      const laureate = await findLaureate(db, call.id, slug);
      if (!laureate) throw new NotFound();
      return { call, laureate };
    },

    /** The story of a laureate dossier, for its members' page (404 when it is not a laureate). */
    async story(dossierId: string): Promise<StoryRow> {
      const story = await findStory(db, dossierId);
      if (!story) throw new NotFound();
      return story;
    },

    /**
     * A member of the laureate organisation saves the summary (`approve`: and approves it, which publishes
     * it). Saving a changed text without approving withdraws an earlier approval.
     */
    async saveAsLaureate(input: {
      dossierId: string;
      summary: string;
      approve: boolean;
      actor: ShowcaseActor;
      context: ShowcaseContext;
      w: ShowcaseMessages;
    }): Promise<void> {
      const summary = cleanSummary(input.summary, input.w);
      if (input.approve && summary === '')
        throw new Validation(input.w.edit.emptyToApprove, { resume: input.w.edit.emptyToApprove });
      await db.transaction().execute(async (trx) => {
        const story = await findStory(trx, input.dossierId, true);
        if (!story) throw new NotFound();
        const keep = !input.approve && story.approved_at !== null && story.summary === summary;
        await updateStory(trx, input.dossierId, {
          summary,
          approval: input.approve ? { by: input.actor.id } : keep ? 'keep' : 'clear',
          updatedBy: input.actor.id,
        });
        await recordAudit(trx, {
          action: input.approve ? 'selection.story_approve' : 'selection.story_edit',
          objectType: 'dossier',
          objectId: input.dossierId,
          actorId: input.actor.id,
          actorLabel: input.actor.label,
          ip: input.context.ip,
          requestId: input.context.requestId,
          summary: { side: 'laureate', length: summary.length, approved: input.approve || keep },
        });
      });
    },

    async staffStories(callId: string) {
      const call = await findCall(db, callId);
      if (!call) throw new NotFound();
      return { call, stories: await listStoriesOfCall(db, callId) };
    },

    /** The call's staff edit a laureate's summary: a changed text needs the laureate's approval again. */
    async saveAsStaff(input: {
      callId: string;
      dossierId: string;
      summary: string;
      actor: ShowcaseActor;
      context: ShowcaseContext;
      w: ShowcaseMessages;
    }): Promise<StoryRow> {
      const summary = cleanSummary(input.summary, input.w);
      return db.transaction().execute(async (trx) => {
        const story = await findStory(trx, input.dossierId, true);
        if (!story || story.call_id !== input.callId) throw new Conflict(input.w.staff.unknown);
        const changed = story.summary !== summary;
        // An unchanged text keeps its approval; any change withdraws it.
        await updateStory(trx, input.dossierId, {
          summary,
          approval: changed ? 'clear' : 'keep',
          updatedBy: input.actor.id,
        });
        await recordAudit(trx, {
          action: 'selection.story_edit',
          objectType: 'dossier',
          objectId: input.dossierId,
          actorId: input.actor.id,
          actorLabel: input.actor.label,
          ip: input.context.ip,
          requestId: input.context.requestId,
          summary: {
            side: 'staff',
            length: summary.length,
            approval_cleared: changed && story.approved_at !== null,
          },
        });
        return story;
      });
    },
  };
}

export type ShowcaseService = ReturnType<typeof createShowcaseService>;

/** For the organisation's profile section: its public laureate stories. */
export { laureateStoriesOfOrganisation };

/** For the directory's cards: « Lauréat Pionniers 2018 » for each organisation laureate of a public cohort. */
export async function laureateBadges(
  db: DbOrTx,
  organisationIds: readonly string[],
  locale: Locale,
): Promise<Map<string, string[]>> {
  const w = showcaseWords(locale);
  const out = new Map<string, string[]>();
  for (const row of await laureateCallsOf(db, organisationIds)) {
    out.set(row.organisation_id, [...(out.get(row.organisation_id) ?? []), w.badge(row.call_title)]);
  }
  return out;
}
