import { z } from 'zod';
import { recordAudit } from '../../platform/audit/index.js';
import type { Db, DbOrTx } from '../../platform/db/index.js';
import { listRegions } from '../../platform/geo/index.js';
import { Conflict, NotFound } from '../../platform/http/errors.js';
import { applySelectionTransition, type DossierStatus } from '../dossiers/index.js';
import { IMPACT_DOMAIN_LABELS, IMPACT_DOMAINS, type ImpactDomain } from '../organisations/index.js';
import type { DeliberationMessages } from './selection.deliberation.fr.js';
import { aggregate, type DossierAggregate } from './selection.ranking.js';
import {
  findCallDossiers,
  findSelectionCall,
  listRankingDossiers,
  listSubmittedReviews,
  type RankingDossierRow,
  type SelectionCall,
} from './selection.ranking.queries.js';

export interface SelectionActor {
  id: string;
  label: string;
}

export interface SelectionContext {
  ip: string | null;
  requestId: string | null;
}

export interface RankingFilter {
  domain: ImpactDomain | null;
  region: string | null;
}

export type RankingRow = DossierAggregate &
  Omit<RankingDossierRow, 'id' | 'reference' | 'assigned'> & { region_name: string | null };

export interface Ranking {
  call: SelectionCall;
  threshold: number;
  /** Every ranked dossier (rank over the whole call), then filtered. */
  rows: RankingRow[];
  regions: { code: string; name: string }[];
  domains: { value: ImpactDomain; label: string }[];
}

/** `?domaine=…&region=…`: empty values mean « all »; anything else must be a known domain / région. */
export function rankingQuery(w: DeliberationMessages, regionCodes: readonly string[]) {
  const empty = (v: unknown) => (v === undefined || v === '' ? null : v);
  return z.object({
    domaine: z.preprocess(empty, z.enum(IMPACT_DOMAINS, { error: w.ranking.badDomain }).nullable()),
    region: z.preprocess(
      empty,
      z
        .string({ error: w.ranking.badRegion })
        .refine((code) => regionCodes.includes(code), w.ranking.badRegion)
        .nullable(),
    ),
  });
}

/** The ranking of a call's dossiers: aggregation of the submitted reviews (selection.ranking.ts). */
export async function computeRanking(db: DbOrTx, callId: string): Promise<Omit<Ranking, 'domains'>> {
  const call = await findSelectionCall(db, callId);
  if (!call) throw new NotFound();
  const [dossiers, reviews, regions] = await Promise.all([
    listRankingDossiers(db, callId),
    listSubmittedReviews(db, callId),
    listRegions(db),
  ]);
  const threshold = Number(call.disagreement_threshold);
  const aggregates = aggregate(
    dossiers.map((d) => ({ id: d.id, reference: d.reference, assigned: d.assigned })),
    reviews.map((r) => ({
      dossierId: r.dossier_id,
      reviewerId: r.user_id,
      weightedScore: Number(r.weighted_score),
      recommendation: r.recommendation,
    })),
    threshold,
  );
  const byId = new Map(dossiers.map((d) => [d.id, d]));
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  const rows = aggregates.flatMap((a) => {
    const d = byId.get(a.dossierId);
    if (!d) return [];
    const { id: _id, reference: _ref, assigned: _assigned, ...rest } = d;
    return [{ ...a, ...rest, region_name: d.region_code ? (regionName.get(d.region_code) ?? null) : null }];
  });
  return { call, threshold, rows, regions };
}

export function createRankingService(db: Db) {
  return {
    async regions(): Promise<{ code: string; name: string }[]> {
      return listRegions(db);
    },

    async ranking(callId: string, filter: RankingFilter): Promise<Ranking> {
      const ranking = await computeRanking(db, callId);
      const rows = ranking.rows.filter(
        (r) =>
          (filter.domain === null || r.domains.includes(filter.domain)) &&
          (filter.region === null || r.region_code === filter.region),
      );
      return {
        ...ranking,
        rows,
        domains: IMPACT_DOMAINS.map((d) => ({ value: d, label: IMPACT_DOMAIN_LABELS[d] })),
      };
    },

    /**
     * Shortlists dossiers for auditions (en évaluation → auditionné), all or none, in one transaction:
     * each transition is checked, recorded and audited by the dossiers module; one selection event sums up.
     */
    async shortlist(
      callId: string,
      dossierIds: readonly string[],
      actor: SelectionActor,
      context: SelectionContext,
      w: DeliberationMessages,
    ): Promise<number> {
      const ids = [...new Set(dossierIds)];
      return db.transaction().execute(async (trx) => {
        const found = await findCallDossiers(trx, callId, ids);
        const open: DossierStatus = 'en_evaluation';
        if (found.length !== ids.length || found.some((d) => d.status !== open))
          throw new Conflict(w.ranking.notInCall);
        for (const d of found)
          await applySelectionTransition(trx, { dossierId: d.id, verb: 'shortlist', actor, context });
        await recordAudit(trx, {
          action: 'selection.shortlist',
          objectType: 'call',
          objectId: callId,
          actorId: actor.id,
          actorLabel: actor.label,
          ip: context.ip,
          requestId: context.requestId,
          summary: { dossiers: found.map((d) => d.reference) },
        });
        return found.length;
      });
    },
  };
}

export type RankingService = ReturnType<typeof createRankingService>;
