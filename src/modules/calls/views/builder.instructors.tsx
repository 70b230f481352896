import type { RequestContext } from '../../../platform/http/context.js';
import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import { Alert, Breadcrumb, ErrorSummary, Input } from '../../../platform/views/components/index.js';
import type { CallsBuilderMessages } from '../calls.builder.fr.js';
import type { InstructorRow } from '../calls.instructors.queries.js';
import type { CallRow } from '../calls.queries.js';

export interface InstructorsPageProps {
  ctx: RequestContext;
  w: CallsBuilderMessages;
  call: CallRow;
  instructors: InstructorRow[];
  state: FormState;
  notice?: string | undefined;
  problem?: string | undefined;
}

/** GET/POST /admin/appels/:id/instructeurs: the instructeurs of a call, add one by address, remove one. */
export function InstructorsPage({ ctx, w, call, instructors, state, notice, problem }: InstructorsPageProps) {
  const t = w.instructors;
  const labels = ctx.m.components;
  const email = state.values.email;
  return (
    <>
      <Breadcrumb
        items={[
          { label: ctx.locale === 'en' ? 'Home' : 'Accueil', href: '/' },
          { label: 'Administration', href: '/admin' },
          { label: ctx.locale === 'en' ? 'Calls' : 'Appels', href: '/admin/appels' },
          { label: call.title, href: `/admin/appels/${call.id}/apercu` },
        ]}
        current={t.breadcrumb}
        labels={labels}
      />
      <h1 safe>{t.title(call.title)}</h1>
      <ErrorSummary errors={state.summary} labels={labels} />
      {problem ? <Alert type="error" size="sm" description={problem} /> : ''}
      {notice ? <Alert type="success" size="sm" description={notice} /> : ''}
      <p safe>{t.lead}</p>
      {instructors.length === 0 ? (
        <p safe>{t.empty}</p>
      ) : (
        <div class="fr-table">
          <table>
            <caption safe>{t.caption}</caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t.colName}
                </th>
                <th scope="col" safe>
                  {t.colEmail}
                </th>
                <th scope="col" safe>
                  {t.colSince}
                </th>
                <th scope="col" safe>
                  {t.colActions}
                </th>
              </tr>
            </thead>
            <tbody>
              {instructors.map((row) => (
                <tr>
                  <th scope="row" safe>
                    {row.display_name}
                  </th>
                  <td safe>{row.email}</td>
                  <td safe>{formatDateTime(row.granted_at, ctx.locale)}</td>
                  <td>
                    <form method="post" action={`/admin/appels/${call.id}/instructeurs/${row.id}/retrait`}>
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary">
                        <span safe>{t.remove}</span>
                        <span class="fr-sr-only" safe>{` ${row.email}`}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 class="fr-mt-4w" safe>
        {t.add}
      </h2>
      <form method="post" action={`/admin/appels/${call.id}/instructeurs`} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <Input
          name="email"
          type="email"
          label={t.email}
          hint={t.emailHint}
          value={typeof email === 'string' ? email : undefined}
          error={state.errors.email}
          autocomplete="off"
          required
          labels={labels}
        />
        <button type="submit" class="fr-btn" safe>
          {t.submit}
        </button>
      </form>
      <p class="fr-mt-4w">
        <a class="fr-link" href={`/admin/appels/${call.id}/apercu`} safe>
          {w.backToCall}
        </a>
      </p>
    </>
  );
}
