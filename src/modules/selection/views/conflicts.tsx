import type { RequestContext } from '../../../platform/http/context.js';
import type { FormState } from '../../../platform/http/forms.js';
import {
  Alert,
  Breadcrumb,
  ErrorSummary,
  Select,
  Table,
  Textarea,
} from '../../../platform/views/components/index.js';
import type { AssignmentMessages } from '../selection.assignment.fr.js';
import { type ConflictsPage as ConflictsPageData, REASON_MAX } from '../selection.conflicts.service.js';

/**
 * GET /evaluations/appels/:callId/conflits: the call's dossiers (reference, organisation, title — never
 * their answers) with what the évaluateur declared, and the declaration form.
 */
export function ConflictsPage(props: {
  ctx: RequestContext;
  w: AssignmentMessages;
  page: ConflictsPageData;
  form?: FormState | undefined;
  notice?: string | undefined;
  problem?: string | undefined;
}) {
  const { ctx, w, page } = props;
  const form = props.form ?? { values: {}, errors: {}, summary: [] };
  const value = (name: string) => {
    const v = form.values[name];
    return typeof v === 'string' ? v : '';
  };
  const open = page.dossiers.filter((d) => d.declared === null);
  return (
    <>
      <Breadcrumb
        items={[{ label: w.home, href: '/' }]}
        current={w.conflicts.title}
        labels={ctx.m.components}
      />
      <ErrorSummary errors={form.summary} labels={ctx.m.components} />
      {props.problem ? <Alert type="error" size="sm" description={props.problem} role="alert" /> : ''}
      {props.notice ? <Alert type="success" size="sm" description={props.notice} role="status" /> : ''}
      <h1 safe>{w.conflicts.title}</h1>
      <p class="fr-text--lead" safe>
        {page.call.title}
      </p>
      <p safe>{w.conflicts.lead}</p>
      <Table
        caption={w.conflicts.caption}
        emptyText={w.conflicts.empty}
        columns={[
          { header: w.conflicts.colReference, rowHeader: true, value: (d) => d.reference },
          { header: w.conflicts.colOrganisation, value: (d) => d.organisation_name },
          { header: w.conflicts.colTitle, value: (d) => d.title },
          { header: w.conflicts.colDeclared, value: (d) => d.declared ?? w.conflicts.notDeclared },
        ]}
        rows={page.dossiers}
        multiline
      />
      {open.length > 0 ? (
        <form method="post" action={`/evaluations/appels/${page.call.id}/conflits`} novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <fieldset class="fr-fieldset">
            <legend class="fr-fieldset__legend">
              <h2 class="fr-h4 fr-mb-0" safe>
                {w.conflicts.formHeading}
              </h2>
            </legend>
            <div class="fr-fieldset__element">
              <Select
                name="dossier"
                label={w.conflicts.dossier}
                required
                value={value('dossier')}
                error={form.errors.dossier}
                options={open.map((d) => ({ value: d.id, label: `${d.reference} – ${d.organisation_name}` }))}
                labels={ctx.m.components}
              />
            </div>
            <div class="fr-fieldset__element">
              <Textarea
                name="raison"
                label={w.conflicts.reason}
                hint={w.conflicts.reasonHint}
                rows={4}
                maxlength={REASON_MAX}
                required
                value={value('raison')}
                error={form.errors.raison}
                labels={ctx.m.components}
              />
            </div>
            <div class="fr-fieldset__element">
              <button type="submit" class="fr-btn" safe>
                {w.conflicts.submit}
              </button>
            </div>
          </fieldset>
        </form>
      ) : (
        ''
      )}
    </>
  );
}
