import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import { type CallForm, type CallFormInput, callFormSchema } from '../calls/calls.form.js';
import { PIONNIERS_FORM } from '../calls/calls.form.sample.js';
import type { CallKind } from '../calls/calls.tables.js';
import type { DossierStatus } from './dossiers.tables.js';

let seq = 0;

export const TEST_ELIGIBILITY_REASON =
  'Seules les structures dont le siège est en France peuvent candidater.';

/** A small form for tests: a conditional field, an eligibility rule, an attachment, two sections. */
export const TEST_FORM: CallForm = callFormSchema.parse({
  version: 1,
  sections: [
    {
      id: 'projet',
      title: 'Le projet',
      fields: [
        { id: 'nom_projet', type: 'text', label: 'Nom du projet', required: true, maxLength: 120 },
        {
          id: 'deja_finance',
          type: 'yes_no',
          label: 'Le projet a-t-il déjà reçu un financement ?',
          required: true,
        },
        {
          id: 'montant_finance',
          type: 'money',
          label: 'Montant déjà reçu',
          required: true,
          showIf: { field: 'deja_finance', op: 'is_yes' },
        },
        {
          id: 'siege_en_france',
          type: 'yes_no',
          label: 'La structure a-t-elle son siège en France ?',
          required: true,
        },
        { id: 'salaries', type: 'number', label: 'Nombre de salariés', required: true, min: 0, max: 100000 },
      ],
    },
    {
      id: 'pieces',
      title: 'Pièces jointes',
      fields: [
        {
          id: 'statuts',
          type: 'attachment',
          label: 'Statuts de la structure',
          required: true,
          allowedTypes: ['application/pdf'],
          maxSize: 2 * 1024 * 1024,
        },
      ],
    },
  ],
  eligibility: [
    { id: 'siege', condition: { field: 'siege_en_france', op: 'is_yes' }, reason: TEST_ELIGIBILITY_REASON },
  ],
} satisfies CallFormInput);

export { PIONNIERS_FORM };

/**
 * A published call written straight to the database, with its form recorded as version 1 (open now and for
 * a month by default).
 */
export async function createTestCall(
  db: Db,
  options: {
    id?: string;
    slug?: string;
    title?: string;
    kind?: CallKind;
    form?: CallForm;
    opensAt?: Date;
    closesAt?: Date | null;
    status?: 'draft' | 'published' | 'closed_early';
  } = {},
): Promise<{ id: string; slug: string; title: string }> {
  const n = ++seq;
  const slug = options.slug ?? `appel-essai-${n}-${process.pid}`;
  const title = options.title ?? `Appel d’essai ${n}`;
  const form = options.form ?? TEST_FORM;
  const status = options.status ?? 'published';
  const opensAt = options.opensAt ?? new Date(Date.now() - 24 * 3600_000);
  const closesAt =
    options.closesAt === undefined ? new Date(Date.now() + 30 * 24 * 3600_000) : options.closesAt;
  const row = await db
    .insertInto('calls')
    .values({
      ...(options.id ? { id: options.id } : {}),
      slug,
      kind: options.kind ?? 'projets',
      title,
      summary: 'Un appel pour les essais.',
      presentation: 'Présentation de l’appel.',
      opens_at: opensAt,
      closes_at: closesAt,
      status,
      published_at: status === 'draft' ? null : new Date(),
      form: JSON.stringify(form),
      form_version: status === 'draft' ? 0 : 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (status !== 'draft')
    await db
      .insertInto('call_form_versions')
      .values({ call_id: row.id, version: 1, form: JSON.stringify(form) })
      .execute();
  return { id: row.id, slug, title };
}

/**
 * A dossier written straight to the database. With a status other than `brouillon`, version 1 is recorded
 * as submitted (receipt number, digest) with the transitions that lead there.
 */
export async function createTestDossier(
  db: Db,
  options: {
    id?: string;
    callId: string;
    organisationId: string;
    answers?: Record<string, unknown>;
    status?: DossierStatus;
    createdBy?: string | null;
    title?: string;
  },
): Promise<{ id: string; reference: string; receiptNumber: string | null }> {
  const status = options.status ?? 'brouillon';
  const answers = JSON.stringify(options.answers ?? {});
  const { next } = await sql<{ next: string }>`SELECT nextval('dossier_reference_seq')::text AS next`
    .execute(db)
    .then((r) => r.rows[0] as { next: string });
  const reference = `FI-TEST-${next.padStart(6, '0')}`;
  const submittedAt = status === 'brouillon' ? null : new Date();
  const row = await db
    .insertInto('dossiers')
    .values({
      ...(options.id ? { id: options.id } : {}),
      reference,
      call_id: options.callId,
      organisation_id: options.organisationId,
      form_version: 1,
      status,
      answers,
      title: options.title ?? `Dossier ${reference}`,
      created_by: options.createdBy ?? null,
      first_submitted_at: submittedAt,
      last_submitted_at: submittedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('dossier_transitions')
    .values({
      dossier_id: row.id,
      from_status: null,
      to_status: 'brouillon',
      actor_id: options.createdBy ?? null,
    })
    .execute();
  if (!submittedAt) return { id: row.id, reference, receiptNumber: null };
  const receiptNumber = `AR-TEST-${next.padStart(6, '0')}`;
  await db
    .insertInto('dossier_versions')
    .values({
      dossier_id: row.id,
      version: 1,
      form_version: 1,
      answers,
      submitted_by: options.createdBy ?? null,
      submitted_at: submittedAt,
      submission_key: randomUUID(),
      receipt_number: receiptNumber,
      digest: createHash('sha256').update(answers).digest('hex'),
    })
    .execute();
  await db
    .insertInto('dossier_transitions')
    .values({
      dossier_id: row.id,
      from_status: 'brouillon',
      to_status: 'depose',
      actor_id: options.createdBy ?? null,
    })
    .execute();
  if (status !== 'depose')
    await db
      .insertInto('dossier_transitions')
      .values({ dossier_id: row.id, from_status: 'depose', to_status: status, actor_id: null })
      .execute();
  return { id: row.id, reference, receiptNumber };
}
