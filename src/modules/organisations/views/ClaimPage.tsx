import type { FormState } from '../../../platform/http/forms.js';
import { Alert, Button, ErrorSummary, Textarea } from '../../../platform/views/components/index.js';
import type { ClaimRow, OrganisationHead } from '../organisations.members.queries.js';
import { ClaimsTable } from './ClaimsTable.js';
import { Csrf, formValue, Heading, type MembersPageProps, Notices } from './MembersShared.js';

export interface ClaimViewProps extends MembersPageProps {
  organisation: OrganisationHead;
  pending: ClaimRow | undefined;
  member: boolean;
  state: FormState;
  notice?: string | undefined;
}

/** « Gérer le profil de … »: the request form, or the pending request with « Retirer ma demande ». */
export function ClaimPage({ ctx, w, organisation, pending, member, state, notice }: ClaimViewProps) {
  const labels = ctx.m.components;
  const base = `/organisations/${organisation.id}`;
  return (
    <>
      <Heading ctx={ctx} w={w} title={w.claims.title(organisation.name)} />
      <Notices notice={notice} />
      {member ? (
        <Alert type="info" size="sm" description={w.claims.alreadyMember} />
      ) : pending ? (
        <>
          <Alert type="info" size="sm" description={w.claims.pendingYours} />
          <form method="post" action={`${base}/revendications/${pending.id}/retrait`} class="fr-mt-4w">
            <Csrf ctx={ctx} />
            <Button type="submit" kind="secondary" label={w.claims.withdraw} />
          </form>
        </>
      ) : (
        <>
          <p safe>{w.claims.lead}</p>
          <ErrorSummary errors={state.summary} labels={labels} />
          <form method="post" action={`${base}/revendication`} novalidate>
            <Csrf ctx={ctx} />
            <Textarea
              name="message"
              label={w.claims.message}
              hint={w.claims.messageHint}
              rows={6}
              maxlength={2000}
              value={formValue(state, 'message')}
              error={state.errors.message}
              required
              labels={labels}
            />
            <Button type="submit" label={w.claims.submit} />
          </form>
        </>
      )}
      <p class="fr-mt-4w">
        <a class="fr-link" href={base} safe>
          {organisation.name}
        </a>
      </p>
    </>
  );
}

/** The administrators' list of pending claims of every organisation. */
export function ClaimsAdminPage({
  ctx,
  w,
  claims,
  notice,
}: MembersPageProps & { claims: ClaimRow[]; notice?: string | undefined }) {
  return (
    <>
      <Heading
        ctx={ctx}
        w={w}
        title={w.claims.adminTitle}
        items={[{ label: 'Administration', href: '/admin' }]}
      />
      <Notices notice={notice} />
      <p safe>{w.claims.adminLead}</p>
      <ClaimsTable ctx={ctx} w={w} claims={claims} showOrganisation />
    </>
  );
}
