import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import {
  Button,
  ErrorSummary,
  Input,
  RadioGroup,
  Select,
  Table,
  type TableColumn,
} from '../../../platform/views/components/index.js';
import type { ClaimRow, InvitationRow, MemberRow } from '../organisations.members.queries.js';
import type { MembersPageData } from '../organisations.members.service.js';
import { ClaimsTable } from './ClaimsTable.js';
import { Csrf, formValue, Heading, type MembersPageProps, Notices } from './MembersShared.js';

export interface MembersViewProps extends MembersPageProps {
  data: MembersPageData;
  viewerId: string;
  invite: FormState;
  notice?: string | undefined;
  problem?: string | undefined;
}

/** « Membres de … »: members, and for owners and administrators invitations, roles and claims. */
export function MembersPage({ ctx, w, data, viewerId, invite, notice, problem }: MembersViewProps) {
  const labels = ctx.m.components;
  const { organisation, canManage } = data;
  const base = `/organisations/${organisation.id}`;
  const roleOptions = (['owner', 'editor'] as const).map((role) => ({
    value: role,
    label: w.roles[role],
    hint: w.roleHints[role],
  }));
  const columns: TableColumn<MemberRow>[] = [
    {
      header: w.members.name,
      rowHeader: true,
      value: (m: MemberRow) =>
        m.user_id === viewerId ? `${m.display_name} ${w.members.you}` : m.display_name,
    },
    { header: w.members.email, value: (m: MemberRow) => m.email },
    { header: w.members.role, value: (m: MemberRow) => w.roles[m.role] },
    { header: w.members.since, value: (m: MemberRow) => formatDateTime(m.created_at, ctx.locale) },
  ];
  if (canManage)
    columns.push({
      header: w.members.actions,
      render: (m: MemberRow) => (
        <div>
          <form method="post" action={`${base}/membres/${m.user_id}/role`} class="fr-mb-2w">
            <Csrf ctx={ctx} />
            <Select
              name="role"
              id={`role-${m.user_id}`}
              label={w.members.newRole(m.display_name)}
              options={roleOptions.map(({ value, label }) => ({ value, label }))}
              value={m.role}
              placeholder={false}
              labels={labels}
            />
            <Button type="submit" kind="secondary" size="sm" label={w.members.changeRole} />
          </form>
          <form method="post" action={`${base}/membres/${m.user_id}/retrait`}>
            <Csrf ctx={ctx} />
            <button
              type="submit"
              class="fr-btn fr-btn--tertiary fr-btn--sm"
              title={w.members.removeLabel(m.display_name)}
              safe
            >
              {w.members.remove}
            </button>
          </form>
        </div>
      ),
    });
  return (
    <>
      <Heading ctx={ctx} w={w} title={w.members.title(organisation.name)} />
      <p class="fr-text--lead" safe>
        {w.members.lead}
      </p>
      <Notices notice={notice} problem={problem} />
      <ul class="fr-links-group fr-mb-4w">
        <li>
          <a class="fr-link" href={base} safe>
            {w.members.profile}
          </a>
        </li>
        <li>
          <a class="fr-link" href={`${base}/mouvement`} safe>
            {w.members.movement}
          </a>
        </li>
      </ul>
      <Table caption={w.members.caption} columns={columns} rows={data.members} emptyText={w.members.none} />
      {data.viewerRole ? (
        <form method="post" action={`${base}/membres/depart`} class="fr-mb-4w">
          <Csrf ctx={ctx} />
          <p class="fr-hint-text" safe>
            {w.members.leaveHint}
          </p>
          <Button type="submit" kind="secondary" label={w.members.leave} />
        </form>
      ) : (
        ''
      )}
      {canManage ? (
        <>
          <section class="fr-mt-6w" aria-labelledby="inviter-titre">
            <h2 id="inviter-titre" safe>
              {w.invite.title}
            </h2>
            <ErrorSummary errors={invite.summary} labels={labels} />
            <form method="post" action={`${base}/invitations`} novalidate>
              <Csrf ctx={ctx} />
              <Input
                name="email"
                type="email"
                label={w.invite.email}
                hint={w.invite.emailHint}
                autocomplete="off"
                spellcheck={false}
                value={formValue(invite, 'email')}
                error={invite.errors.email}
                required
                labels={labels}
              />
              <RadioGroup
                name="role"
                label={w.invite.role}
                options={roleOptions}
                value={formValue(invite, 'role') ?? 'editor'}
                error={invite.errors.role}
                required
                labels={labels}
              />
              <Button type="submit" label={w.invite.submit} />
            </form>
          </section>
          <section class="fr-mt-6w" aria-labelledby="invitations-titre">
            <h2 id="invitations-titre" safe>
              {w.invite.pending}
            </h2>
            <Table
              caption={w.invite.caption}
              captionPosition="hidden"
              rows={data.invitations}
              emptyText={w.invite.none}
              columns={[
                { header: w.invite.email, rowHeader: true, value: (i: InvitationRow) => i.email },
                { header: w.invite.role, value: (i: InvitationRow) => w.roles[i.role] },
                { header: w.invite.sentBy, value: (i: InvitationRow) => i.invited_by_name ?? '' },
                {
                  header: w.invite.expires,
                  value: (i: InvitationRow) => formatDateTime(i.expires_at, ctx.locale),
                },
                {
                  header: w.members.actions,
                  render: (i: InvitationRow) => (
                    <form method="post" action={`${base}/invitations/${i.id}/annulation`}>
                      <Csrf ctx={ctx} />
                      <button
                        type="submit"
                        class="fr-btn fr-btn--tertiary fr-btn--sm"
                        title={w.invite.revokeLabel(i.email)}
                        safe
                      >
                        {w.invite.revoke}
                      </button>
                    </form>
                  ),
                },
              ]}
            />
          </section>
          <section class="fr-mt-6w" aria-labelledby="revendications-titre">
            <h2 id="revendications-titre" safe>
              {w.claims.pending}
            </h2>
            <ClaimsTable ctx={ctx} w={w} claims={data.claims as ClaimRow[]} showOrganisation={false} />
          </section>
        </>
      ) : (
        <p class="fr-mt-4w fr-hint-text" safe>
          {w.members.editorNote}
        </p>
      )}
    </>
  );
}
