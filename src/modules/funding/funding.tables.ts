import type { ColumnType, Generated } from 'kysely';

export type PartnerKind = 'public' | 'private';

/** `funding_partners` as Kysely sees it (see migrations/0005_funding_partners.sql). bigint ids are strings. */
export interface FundingPartnersTable {
  id: Generated<string>;
  /** Stable name in URLs and in the seed: 'caisse-des-depots'. */
  slug: string;
  /** Full name: 'Caisse des dépôts et consignations'. */
  name: string;
  /** Name shown in lists and charts: 'Caisse des Dépôts'. */
  short_name: string;
  kind: PartnerKind;
  website: string | null;
  /** One or two sentences in French. */
  description: string;
  created_at: ColumnType<Date, never, never>;
}

declare module '../../platform/db/schema.js' {
  interface Tables {
    funding_partners: FundingPartnersTable;
  }
}
