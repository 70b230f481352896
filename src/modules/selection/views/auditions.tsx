import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import {
  Alert,
  Breadcrumb,
  ErrorSummary,
  fieldId,
  Input,
  Textarea,
} from '../../../platform/views/components/index.js';
import { utcToParisFields } from '../../calls/index.js';
import type { AuditionDossierRow, AuditionNoteRow, AuditionRow } from '../selection.auditions.queries.js';
import type { SelectionCall } from '../selection.ranking.queries.js';
import { Csrf, type SelectionPageProps } from './ranking.js';

/** The id of a field of the audition form of one dossier (several forms on one page). */
export function auditionFieldId(dossierId: string, field: string): string {
  return fieldId(`audition-${dossierId}-${field}`);
}

export interface AuditionsPageProps extends SelectionPageProps {
  call: SelectionCall;
  rows: AuditionDossierRow[];
  /** The form in error (400) or refused (409), with its dossier. */
  form?: { dossierId: string; state: FormState } | undefined;
  notice?: string | undefined;
  problem?: string | undefined;
}

function AuditionForm(props: AuditionsPageProps & { row: AuditionDossierRow }) {
  const { ctx, w, row } = props;
  const a = w.auditions;
  const state = props.form?.dossierId === row.id ? props.form.state : undefined;
  const fields = utcToParisFields(row.audition?.starts_at ?? null);
  const value = (name: string, fallback: string) => {
    const v = state?.values[name];
    return typeof v === 'string' ? v : fallback;
  };
  const field = (name: string) => ({
    name,
    id: auditionFieldId(row.id, name),
    error: state?.errors[name],
    labels: ctx.m.components,
  });
  const base = `/admin/appels/${props.call.id}/selection/auditions`;
  return (
    <>
      <form method="post" action={base} novalidate>
        <Csrf ctx={ctx} />
        <input type="hidden" name="dossier" value={row.id} />
        <fieldset class="fr-fieldset">
          <legend class="fr-fieldset__legend fr-sr-only" safe>
            {a.dossier(row.reference, row.organisation_name)}
          </legend>
          <div class="fr-fieldset__element fr-fieldset__element--inline">
            <Input
              {...field('date')}
              type="date"
              label={a.date}
              hint={a.dateHint}
              value={value('date', fields.date)}
            />
          </div>
          <div class="fr-fieldset__element fr-fieldset__element--inline">
            <Input
              {...field('heure')}
              type="time"
              label={a.time}
              hint={a.timeHint}
              value={value('heure', fields.time)}
            />
          </div>
          <div class="fr-fieldset__element fr-fieldset__element--inline">
            <Input
              {...field('duree')}
              type="number"
              min={5}
              max={480}
              label={a.duration}
              hint={a.durationHint}
              value={value('duree', String(row.audition?.duration_minutes ?? 30))}
            />
          </div>
          <div class="fr-fieldset__element">
            <Input
              {...field('lieu')}
              label={a.place}
              hint={a.placeHint}
              maxlength={300}
              value={value('lieu', row.audition?.place ?? '')}
            />
          </div>
          <div class="fr-fieldset__element">
            <Input
              {...field('lien')}
              type="url"
              label={a.video}
              hint={a.videoHint}
              maxlength={500}
              value={value('lien', row.audition?.video_url ?? '')}
            />
          </div>
          <div class="fr-fieldset__element">
            <button type="submit" class="fr-btn fr-btn--secondary" safe>
              {a.save}
            </button>
          </div>
        </fieldset>
      </form>
      {row.audition ? (
        <form method="post" action={`${base}/invitations`}>
          <Csrf ctx={ctx} />
          <input type="hidden" name="dossier" value={row.id} />
          <button type="submit" class="fr-btn" safe>
            {row.audition.invited_at ? a.reinvite : a.invite}
          </button>
        </form>
      ) : (
        ''
      )}
    </>
  );
}

function Schedule(props: { w: AuditionsPageProps['w']; locale: 'fr' | 'en'; audition: AuditionRow | null }) {
  const a = props.w.auditions;
  if (!props.audition) return <p safe>{a.notScheduled}</p>;
  return (
    <>
      <p safe>
        {a.scheduled(formatDateTime(props.audition.starts_at, props.locale), props.audition.duration_minutes)}
      </p>
      <p class="fr-text--sm" safe>
        {props.audition.invited_at
          ? a.invited(formatDateTime(props.audition.invited_at, props.locale))
          : a.notInvited}
      </p>
    </>
  );
}

/** GET /admin/appels/:callId/selection/auditions: one block per shortlisted dossier. */
export function AuditionsPage(props: AuditionsPageProps) {
  const { ctx, w, call } = props;
  const a = w.auditions;
  const summary =
    props.form?.state.summary.map((e) => ({
      field: `audition-${props.form?.dossierId}-${e.field}`,
      message: e.message,
    })) ?? [];
  return (
    <>
      <Breadcrumb
        items={[
          { label: w.home, href: '/' },
          { label: w.ranking.title(call.title), href: `/admin/appels/${call.id}/selection/classement` },
        ]}
        current={a.title(call.title)}
        labels={ctx.m.components}
      />
      <ErrorSummary errors={summary} labels={ctx.m.components} />
      {props.notice ? <Alert type="success" size="sm" description={props.notice} /> : ''}
      {props.problem ? <Alert type="error" size="sm" description={props.problem} /> : ''}
      <h1 safe>{a.title(call.title)}</h1>
      <p safe>{a.lead}</p>
      {props.rows.length === 0 ? <p safe>{a.empty}</p> : ''}
      {props.rows.map((row) => (
        <section class="fr-mb-6w" aria-labelledby={`audition-${row.id}-titre`}>
          <h2 id={`audition-${row.id}-titre`} class="fr-h4" safe>
            {a.dossier(row.reference, row.organisation_name)}
          </h2>
          <Schedule w={w} locale={ctx.locale} audition={row.audition} />
          {row.audition ? (
            <p>
              <a href={`/evaluations/appels/${call.id}/auditions/${row.id}/notes`} safe>
                {a.notesLink}
              </a>
            </p>
          ) : (
            ''
          )}
          {row.status === 'auditionne' ? (
            <AuditionForm {...props} row={row} />
          ) : (
            <p safe>{w.statuses[row.status]}</p>
          )}
        </section>
      ))}
    </>
  );
}

export interface NotesPageProps extends SelectionPageProps {
  callId: string;
  dossier: AuditionDossierRow & { audition: AuditionRow };
  notes: AuditionNoteRow[];
  userId: string;
  state?: FormState | undefined;
  notice?: string | undefined;
}

/** GET /evaluations/appels/:callId/auditions/:dossierId/notes: my note, and the jury's. */
export function NotesPage(props: NotesPageProps) {
  const { ctx, w, dossier } = props;
  const n = w.notes;
  const mine = props.notes.find((note) => note.user_id === props.userId);
  const others = props.notes.filter((note) => note.user_id !== props.userId);
  const kept = props.state?.values.note;
  return (
    <>
      <Breadcrumb
        items={[{ label: w.home, href: '/' }]}
        current={n.title(dossier.reference)}
        labels={ctx.m.components}
      />
      <ErrorSummary errors={props.state?.summary ?? []} labels={ctx.m.components} />
      {props.notice ? <Alert type="success" size="sm" description={props.notice} /> : ''}
      <h1 safe>{n.title(dossier.reference)}</h1>
      <p safe>{w.auditions.dossier(dossier.reference, dossier.organisation_name)}</p>
      <p safe>{n.audition(formatDateTime(dossier.audition.starts_at, ctx.locale))}</p>
      <p class="fr-text--sm" safe>
        {n.lead}
      </p>
      <form
        method="post"
        action={`/evaluations/appels/${props.callId}/auditions/${dossier.id}/notes`}
        novalidate
      >
        <Csrf ctx={ctx} />
        <Textarea
          name="note"
          label={n.mine}
          rows={8}
          maxlength={10000}
          value={typeof kept === 'string' ? kept : (mine?.note ?? '')}
          error={props.state?.errors.note}
          labels={ctx.m.components}
        />
        <button type="submit" class="fr-btn" safe>
          {n.save}
        </button>
      </form>
      <h2 class="fr-mt-6w" safe>
        {n.others}
      </h2>
      {others.length === 0 ? <p safe>{n.none}</p> : ''}
      {others.map((note) => (
        <figure class="fr-quote fr-mb-3w">
          <blockquote>
            {note.note.split(/\n+/).map((line) => (
              <p safe>{line}</p>
            ))}
          </blockquote>
          <figcaption>
            <p class="fr-quote__author" safe>
              {n.by(note.author, formatDateTime(note.updated_at, ctx.locale))}
            </p>
          </figcaption>
        </figure>
      ))}
    </>
  );
}
