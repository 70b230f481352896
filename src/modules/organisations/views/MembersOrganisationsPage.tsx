import { Badge } from '../../../platform/views/components/Badge.js';
import { Button, Table } from '../../../platform/views/components/index.js';
import type { OwnOrganisationRow } from '../organisations.members.queries.js';
import { Csrf, Heading, type MembersPageProps, Notices } from './MembersShared.js';
import { MovementBanner } from './MovementBanner.js';

/**
 * « Mes organisations » (/compte/organisations): each organisation with the person's role, its banner, its
 * pages, and « Travailler en tant que » (the current one is marked).
 */
export function MembersOrganisationsPage({
  ctx,
  w,
  organisations,
  currentId,
  notice,
  problem,
}: MembersPageProps & {
  organisations: OwnOrganisationRow[];
  currentId: string | null;
  notice?: string | undefined;
  problem?: string | undefined;
}) {
  return (
    <>
      <Heading
        ctx={ctx}
        w={w}
        title={w.account.title}
        items={[{ label: w.breadcrumb.account, href: '/compte' }]}
      />
      <p class="fr-text--lead" safe>
        {w.account.lead}
      </p>
      <Notices notice={notice} problem={problem} />
      <Table
        caption={w.account.caption}
        captionPosition="hidden"
        rows={organisations}
        emptyText={w.account.none}
        multiline
        columns={[
          {
            header: w.account.name,
            rowHeader: true,
            render: (o: OwnOrganisationRow) => (
              <>
                <a href={`/organisations/${o.id}`} safe>
                  {o.name}
                </a>
                {o.id === currentId ? (
                  <Badge label={w.account.currentBadge} color="green-menthe" size="sm" as="span" />
                ) : (
                  ''
                )}
              </>
            ),
          },
          { header: w.account.role, value: (o: OwnOrganisationRow) => w.roles[o.role] },
          {
            header: w.account.banner,
            render: (o: OwnOrganisationRow) =>
              o.movement_joined_at ? (
                <MovementBanner label={w.movement.banner} as="span" />
              ) : (
                <span safe>{w.account.notInMovement}</span>
              ),
          },
          {
            header: w.account.links,
            render: (o: OwnOrganisationRow) => (
              <ul class="fr-links-group">
                <li>
                  <a class="fr-link" href={`/organisations/${o.id}`} safe>
                    {w.account.profile}
                  </a>
                </li>
                <li>
                  <a class="fr-link" href={`/organisations/${o.id}/membres`} safe>
                    {w.account.members}
                  </a>
                </li>
              </ul>
            ),
          },
          {
            header: w.account.workAs,
            render: (o: OwnOrganisationRow) =>
              o.id === currentId ? (
                <span class="fr-text--sm" safe>
                  {w.account.current}
                </span>
              ) : (
                <form method="post" action="/compte/organisation-courante">
                  <Csrf ctx={ctx} />
                  <input type="hidden" name="organisation_id" value={o.id} />
                  <button
                    type="submit"
                    class="fr-btn fr-btn--secondary fr-btn--sm"
                    title={w.account.workAsLabel(o.name)}
                    safe
                  >
                    {w.account.workAs}
                  </button>
                </form>
              ),
          },
        ]}
      />
      <p class="fr-mt-4w">
        <Button
          href="/organisations/nouvelle"
          kind="secondary"
          icon="fr-icon-add-line"
          label={w.account.create}
        />
      </p>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/compte" safe>
          {w.account.backToAccount}
        </a>
      </p>
    </>
  );
}
