import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import { Alert, Button, Checkbox, ErrorSummary } from '../../../platform/views/components/index.js';
import type { MovementPageData } from '../organisations.movement.service.js';
import { CharterText } from './CharterPage.js';
import { Csrf, Heading, type MembersPageProps, Notices } from './MembersShared.js';
import { MovementBanner } from './MovementBanner.js';

export interface MovementViewProps extends MembersPageProps {
  data: MovementPageData;
  state: FormState;
  notice?: string | undefined;
  problem?: string | undefined;
}

/**
 * « … et le mouvement French Impact »: the status (since when, which version, by whom) and, for owners,
 * the charter with the form to join, or the form to leave.
 */
export function MovementPage({ ctx, w, data, state, notice, problem }: MovementViewProps) {
  const labels = ctx.m.components;
  const { organisation, membership, charter, canManage } = data;
  const base = `/organisations/${organisation.id}`;
  return (
    <>
      <Heading ctx={ctx} w={w} title={w.movement.title(organisation.name)} />
      <Notices notice={notice} problem={problem} />
      <ErrorSummary errors={state.summary} labels={labels} />
      {membership ? (
        <>
          <MovementBanner label={w.movement.banner} size="md" />
          <p class="fr-mt-2w" safe>
            {w.movement.member(formatDateTime(membership.accepted_at, ctx.locale))}
          </p>
          <p safe>
            {w.movement.acceptedVersion(
              membership.charter_version,
              membership.accepted_by_name ?? w.movement.unknownPerson,
            )}
          </p>
        </>
      ) : (
        <>
          <p safe>{w.movement.notMember}</p>
          <p safe>{w.movement.why}</p>
        </>
      )}
      {membership ? (
        canManage ? (
          <section class="fr-mt-6w" aria-labelledby="quitter-titre">
            <h2 id="quitter-titre" safe>
              {w.movement.leaveTitle}
            </h2>
            <form method="post" action={`${base}/mouvement/depart`} novalidate>
              <Csrf ctx={ctx} />
              <Checkbox
                name="confirmation"
                value="oui"
                label={w.movement.leaveConfirm}
                error={state.errors.confirmation}
                required
                labels={labels}
              />
              <Button type="submit" kind="secondary" label={w.movement.leave} />
            </form>
          </section>
        ) : (
          <p class="fr-hint-text" safe>
            {w.movement.ownersOnly}
          </p>
        )
      ) : charter ? (
        <section class="fr-mt-6w" aria-labelledby="charte-titre">
          <h2 id="charte-titre" safe>
            {w.movement.charterHeading(charter.version)}
          </h2>
          <CharterText charter={charter} />
          {organisation.closed_at ? (
            <Alert type="warning" size="sm" description={w.movement.closed} />
          ) : canManage ? (
            <form method="post" action={`${base}/mouvement/adhesion`} novalidate>
              <Csrf ctx={ctx} />
              <input type="hidden" name="charter_version" value={String(charter.version)} />
              <Checkbox
                name="accept"
                value="oui"
                label={w.movement.accept}
                error={state.errors.accept}
                required
                labels={labels}
              />
              <Button type="submit" label={w.movement.join} />
            </form>
          ) : (
            <p class="fr-hint-text" safe>
              {w.movement.ownersOnly}
            </p>
          )}
        </section>
      ) : (
        <p safe>{w.charter.none}</p>
      )}
      <p class="fr-mt-4w">
        <a class="fr-link" href={`${base}/membres`} safe>
          {w.back(organisation.name)}
        </a>
      </p>
    </>
  );
}
