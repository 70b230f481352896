import { Alert, Button } from '../../../platform/views/components/index.js';
import type { InvitationRow, OrganisationHead } from '../organisations.members.queries.js';
import { Csrf, Heading, type MembersPageProps } from './MembersShared.js';

export interface InvitationViewProps extends MembersPageProps {
  token: string;
  invitation: InvitationRow;
  organisation: OrganisationHead;
  /** The signed-in person, or null (anonymous: sign in or create an account first). */
  viewer: { email: string; member: boolean } | null;
}

/** The page of an invitation link: what it is, and a button (nothing happens on GET). */
export function InvitationPage({ ctx, w, token, invitation, organisation, viewer }: InvitationViewProps) {
  const path = `/invitations/${token}`;
  return (
    <>
      <Heading ctx={ctx} w={w} title={w.invitation.title(organisation.name)} />
      <p class="fr-text--lead" safe>
        {w.invitation.lead(w.roles[invitation.role])}
      </p>
      <p safe>{w.invitation.sentTo(invitation.email)}</p>
      {viewer === null ? (
        <>
          <p safe>{w.invitation.signInFirst}</p>
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <a class="fr-btn" href={`/connexion?retour=${encodeURIComponent(path)}`} safe>
                {w.invitation.signIn}
              </a>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href="/inscription" safe>
                {w.invitation.signUp}
              </a>
            </li>
          </ul>
        </>
      ) : viewer.member ? (
        <Alert type="info" size="sm" description={w.invitation.alreadyMember} />
      ) : (
        <>
          {viewer.email !== invitation.email ? (
            <Alert type="warning" size="sm" description={w.invitation.otherAddress(viewer.email)} />
          ) : (
            ''
          )}
          <form method="post" action={path} class="fr-mt-4w">
            <Csrf ctx={ctx} />
            <Button type="submit" label={w.invitation.accept} />
          </form>
        </>
      )}
    </>
  );
}

/** An invitation link that no longer works: why, in plain words (404 or 410). */
export function InvitationGonePage({
  ctx,
  w,
  reason,
}: MembersPageProps & { reason: 'expired' | 'used' | 'revoked' | 'unknown' }) {
  return (
    <>
      <Heading ctx={ctx} w={w} title={w.invitation.goneTitle} />
      <Alert type="error" role="alert" description={w.invitation[reason]} />
    </>
  );
}
