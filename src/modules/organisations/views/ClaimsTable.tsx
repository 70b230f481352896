import { formatDateTime } from '../../../platform/i18n/index.js';
import { ButtonsGroup, Table, Textarea } from '../../../platform/views/components/index.js';
import type { ClaimRow } from '../organisations.members.queries.js';
import { Csrf, type MembersPageProps } from './MembersShared.js';

/** Pending claims with, for each, a note and « Accepter » / « Refuser » (owners' page, administrators' page). */
export function ClaimsTable({
  ctx,
  w,
  claims,
  showOrganisation,
}: MembersPageProps & { claims: ClaimRow[]; showOrganisation: boolean }) {
  const labels = ctx.m.components;
  const columns = [
    {
      header: w.claims.who,
      rowHeader: true,
      value: (c: ClaimRow) => `${c.display_name} (${c.email})`,
    },
    ...(showOrganisation
      ? [
          {
            header: w.claims.organisation,
            render: (c: ClaimRow) => (
              <a href={`/organisations/${c.organisation_id}`} safe>
                {c.organisation_name}
              </a>
            ),
          },
        ]
      : []),
    { header: w.claims.date, value: (c: ClaimRow) => formatDateTime(c.created_at, ctx.locale) },
    { header: w.claims.why, value: (c: ClaimRow) => c.message },
    {
      header: w.claims.decision,
      render: (c: ClaimRow) => (
        <form method="post" action={`/organisations/${c.organisation_id}/revendications/${c.id}/acceptation`}>
          <Csrf ctx={ctx} />
          <input
            type="hidden"
            name="retour"
            value={showOrganisation ? '/admin/revendications' : `/organisations/${c.organisation_id}/membres`}
          />
          <Textarea
            name="note"
            id={`note-${c.id}`}
            label={w.claims.note}
            rows={2}
            maxlength={2000}
            labels={labels}
          />
          <ButtonsGroup
            inline="sm"
            size="sm"
            buttons={[
              { type: 'submit', label: w.claims.approve },
              {
                type: 'submit',
                kind: 'secondary',
                label: w.claims.reject,
                formaction: `/organisations/${c.organisation_id}/revendications/${c.id}/refus`,
              },
            ]}
          />
        </form>
      ),
    },
  ];
  return (
    <Table
      caption={w.claims.caption}
      captionPosition="hidden"
      rows={claims}
      columns={columns}
      emptyText={w.claims.none}
      multiline
    />
  );
}
