import type { RequestContext } from '../../../platform/http/context.js';
import type { FormState } from '../../../platform/http/forms.js';
import { Alert, Breadcrumb } from '../../../platform/views/components/index.js';
import type { MembersMessages } from '../organisations.members.fr.js';

/** What every page of members, invitations, claims and movement gets. */
export interface MembersPageProps {
  ctx: RequestContext;
  w: MembersMessages;
}

export function Csrf({ ctx }: { ctx: RequestContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

/** The value a form sent back for `key` (text fields only). */
export function formValue(state: FormState, key: string): string | undefined {
  const v = state.values[key];
  return typeof v === 'string' ? v : undefined;
}

/** A success notice (after post/redirect/get) or an error, above the page's content. */
export function Notices({ notice, problem }: { notice?: string | undefined; problem?: string | undefined }) {
  return (
    <>
      {notice ? <Alert type="success" size="sm" role="status" description={notice} /> : ''}
      {problem ? <Alert type="error" size="sm" role="alert" description={problem} /> : ''}
    </>
  );
}

/** Breadcrumb (home, then the given items) and the page's one h1. */
export function Heading({
  ctx,
  w,
  title,
  items = [],
}: MembersPageProps & { title: string; items?: { label: string; href: string }[] }) {
  return (
    <>
      <Breadcrumb
        items={[{ label: w.breadcrumb.home, href: '/' }, ...items]}
        current={title}
        labels={ctx.m.components}
      />
      <h1 safe>{title}</h1>
    </>
  );
}

/** A refusal the rules gave (last owner, invitation gone, stale charter…): its message and a way back. */
export function MembersProblemPage({
  ctx,
  w,
  title,
  message,
  back,
}: MembersPageProps & { title: string; message: string; back?: { href: string; label: string } }) {
  return (
    <>
      <Heading ctx={ctx} w={w} title={title} />
      <Alert type="error" role="alert" title={title} description={message} />
      {back ? (
        <p class="fr-mt-4w">
          <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={back.href} safe>
            {back.label}
          </a>
        </p>
      ) : (
        ''
      )}
    </>
  );
}
