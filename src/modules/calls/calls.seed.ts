import type { Db } from '../../platform/db/index.js';
import { PIONNIERS_FORM } from './calls.form.sample.js';
import type { CallKind } from './calls.tables.js';

interface DemoCall {
  slug: string;
  kind: CallKind;
  title: string;
  summary: string;
  presentation: string;
  eligibility: string;
  /** ISO 8601 with the Paris offset of that date. */
  opensAt: string;
  /** null: a permanent call. */
  closesAt: string | null;
}

/**
 * The calls a fresh platform shows (fictitious texts): the first Pionniers call (closed), the seed fund
 * (permanent) and a call for territories opening later. Dates are fixed, so the groups of /appels follow
 * the clock: « à venir » becomes « ouvert » on its opening day.
 */
export const DEMO_CALLS: readonly DemoCall[] = [
  {
    slug: 'pionniers-french-impact-2018',
    kind: 'projets',
    title: 'Pionniers French Impact 2018',
    summary:
      'Accompagner vers le changement d’échelle des initiatives d’innovation sociale à l’impact prouvé.',
    presentation:
      'Le premier appel du mouvement French Impact s’adresse aux structures dont l’innovation sociale a fait ses preuves sur un territoire et qui veulent changer d’échelle.\n\n' +
      'Les lauréats bénéficient d’un accompagnement sur mesure : financements, appui des hackers publics pour lever les obstacles administratifs, mise en relation avec les partenaires du mouvement.',
    eligibility:
      'Associations, fondations, coopératives, mutuelles et entreprises de l’économie sociale et solidaire, ayant au moins deux ans d’existence et un impact mesuré.',
    opensAt: '2018-01-18T10:00:00+01:00',
    closesAt: '2018-03-16T12:00:00+01:00',
  },
  {
    slug: 'fonds-amorcage-french-impact',
    kind: 'fonds_amorcage',
    title: 'Fonds d’amorçage French Impact',
    summary: 'Un premier financement pour les projets d’innovation sociale qui démarrent.',
    presentation:
      'Le fonds d’amorçage soutient les projets au moment où ils passent de l’idée à la première réalisation. Les dossiers sont examinés au fil de l’eau.',
    eligibility: 'Structures de moins de trois ans portant un projet d’innovation sociale sur un territoire.',
    opensAt: '2024-01-08T09:00:00+01:00',
    closesAt: null,
  },
  {
    slug: 'territoires-french-impact-2027',
    kind: 'labellisation_territoires',
    title: 'Territoires French Impact 2027',
    summary: 'Reconnaître les territoires qui font coopérer collectivités, entreprises et associations.',
    presentation:
      'Cet appel labellise des collectifs territoriaux qui s’engagent sur trois défis — social, environnemental et citoyen — et parrainent un territoire moins avancé.',
    eligibility: 'Collectifs d’acteurs d’un même territoire, soutenus par au moins une collectivité.',
    opensAt: '2027-01-18T10:00:00+01:00',
    closesAt: '2027-04-30T12:00:00+02:00',
  },
];

/**
 * Stores the demo calls that are missing (by slug), published, with the sample form recorded as version 1.
 * A demo call stored earlier without a form (form version 0) gets the sample form and its version 1; any
 * other call already there is left alone. Running it again changes nothing.
 */
export async function seedDemoCalls(db: Db): Promise<{ total: number; inserted: number }> {
  const form = JSON.stringify(PIONNIERS_FORM);
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .insertInto('calls')
      .values(
        DEMO_CALLS.map((c) => ({
          slug: c.slug,
          kind: c.kind,
          title: c.title,
          summary: c.summary,
          presentation: c.presentation,
          eligibility: c.eligibility,
          opens_at: new Date(c.opensAt),
          closes_at: c.closesAt ? new Date(c.closesAt) : null,
          status: 'published' as const,
          published_at: new Date(c.opensAt),
          form,
          form_version: 1,
        })),
      )
      .onConflict((oc) => oc.column('slug').doNothing())
      .executeTakeFirst();
    const slugs = DEMO_CALLS.map((c) => c.slug);
    // Demo calls seeded before forms existed: give them the sample form as version 1.
    await trx
      .updateTable('calls')
      .set({ form, form_version: 1 })
      .where('slug', 'in', slugs)
      .where('form_version', '=', 0)
      .where('status', '<>', 'draft')
      .execute();
    const calls = await trx.selectFrom('calls').select(['id', 'form']).where('slug', 'in', slugs).execute();
    for (const call of calls) {
      await trx
        .insertInto('call_form_versions')
        .values({ call_id: call.id, version: 1, form: JSON.stringify(call.form) })
        .onConflict((oc) => oc.columns(['call_id', 'version']).doNothing())
        .execute();
    }
    return { total: DEMO_CALLS.length, inserted: Number(result.numInsertedOrUpdatedRows ?? 0) };
  });
}
