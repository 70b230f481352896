import { formatFileSizeFr } from '../../../platform/files/index.js';
import type { RequestContext } from '../../../platform/http/context.js';
import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import {
  Alert,
  Badge,
  Breadcrumb,
  ErrorSummary,
  Textarea,
  Upload,
} from '../../../platform/views/components/index.js';
import type { InstructionMessages } from '../dossiers.instruction.fr.js';
import type { MessageFileRow, MessageRow } from '../dossiers.instruction.queries.js';

export function Csrf({ ctx }: { ctx: RequestContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

/** A plain text with its line breaks (no inline style: the CSP refuses it), one paragraph per blank line. */
export function Lines({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim() !== '')
        .map((p) => (
          <p class="fr-mb-1w">
            {p
              .trim()
              .split('\n')
              .map((line, i) => (
                <>
                  {i > 0 ? <br /> : ''}
                  <span safe>{line}</span>
                </>
              ))}
          </p>
        ))}
    </>
  );
}

/** The thread of a dossier, oldest first: author, side (« Équipe d’instruction » or the organisation), date. */
export function MessageThread(props: {
  ctx: RequestContext;
  w: InstructionMessages;
  messages: readonly MessageRow[];
  files: readonly MessageFileRow[];
  dossierId: string;
  organisationName: string;
}) {
  const { ctx, w } = props;
  if (props.messages.length === 0) return <p safe>{w.messages.empty}</p>;
  return (
    <ol class="fr-raw-list" id="fil-messages">
      {props.messages.map((m) => (
        <li class="fr-mb-3w fr-p-2w fr-background-alt--grey">
          <p class="fr-text--sm fr-mb-1w" safe>
            {w.messages.at(
              m.author_name ?? w.messages.unknownAuthor,
              m.side === 'staff' ? w.messages.staffSide : (m.organisation_name ?? props.organisationName),
              formatDateTime(m.created_at, ctx.locale),
            )}
          </p>
          <Lines text={m.body} />
          {props.files
            .filter((f) => f.message_id === m.id)
            .map((f) => (
              <p class="fr-mb-0">
                <a
                  class="fr-link fr-icon-attachment-line fr-link--icon-left"
                  href={`/dossiers/${props.dossierId}/fichiers/${f.id}`}
                  safe
                >
                  {`${f.name} (${formatFileSizeFr(f.size)})`}
                </a>
              </p>
            ))}
        </li>
      ))}
    </ol>
  );
}

/** The form to post a message (the field `corps`). */
export function MessageForm(props: {
  ctx: RequestContext;
  w: InstructionMessages;
  action: string;
  hint: string;
  state: FormState;
}) {
  const { ctx, w, state } = props;
  const value = state.values.corps;
  return (
    <form method="post" action={props.action} enctype="multipart/form-data" novalidate>
      <Csrf ctx={ctx} />
      <Textarea
        name="corps"
        label={w.messages.body}
        hint={props.hint}
        rows={5}
        maxlength={10000}
        required
        value={typeof value === 'string' ? value : ''}
        error={state.errors.corps}
        labels={ctx.m.components}
      />
      <Upload
        name="piece"
        label={w.messages.attachment}
        hint={w.messages.attachmentHint}
        maxSize={w.messages.attachmentMax}
        error={state.errors.piece}
        labels={ctx.m.components}
      />
      <button type="submit" class="fr-btn" safe>
        {w.messages.send}
      </button>
    </form>
  );
}

export interface ApplicantMessagesPageProps {
  ctx: RequestContext;
  w: InstructionMessages;
  dossier: { id: string; reference: string; title: string; organisation_name: string; status_label: string };
  messages: readonly MessageRow[];
  files: readonly MessageFileRow[];
  state: FormState;
  notice?: string | undefined;
}

/** GET /dossiers/:id/messages: the applicant's side of the thread (never the staff's annotations). */
export function ApplicantMessagesPage({
  ctx,
  w,
  dossier,
  messages,
  files,
  state,
  notice,
}: ApplicantMessagesPageProps) {
  return (
    <>
      <Breadcrumb
        items={[
          { label: w.home, href: '/' },
          { label: dossier.reference, href: `/dossiers/${dossier.id}` },
        ]}
        current={w.messages.title}
        labels={ctx.m.components}
      />
      <ErrorSummary errors={state.summary} labels={ctx.m.components} />
      {notice ? <Alert type="success" size="sm" description={notice} /> : ''}
      <h1 safe>{w.messages.applicantTitle(dossier.reference)}</h1>
      <p class="fr-mb-1w" safe>
        {dossier.title}
      </p>
      <Badge label={dossier.status_label} type="info" noIcon />
      <section class="fr-mt-4w" aria-labelledby="messages-titre">
        <h2 id="messages-titre" safe>
          {w.messages.title}
        </h2>
        <MessageThread
          ctx={ctx}
          w={w}
          messages={messages}
          files={files}
          dossierId={dossier.id}
          organisationName={dossier.organisation_name}
        />
        <MessageForm
          ctx={ctx}
          w={w}
          action={`/dossiers/${dossier.id}/messages`}
          hint={w.messages.applicantHint}
          state={state}
        />
      </section>
      <p class="fr-mt-4w">
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/dossiers/${dossier.id}`} safe>
          {w.messages.back}
        </a>
      </p>
    </>
  );
}
