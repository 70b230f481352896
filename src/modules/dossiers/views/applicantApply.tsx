import Html from '@kitajs/html';
import type { RequestContext } from '../../../platform/http/context.js';
import { Alert, RadioGroup } from '../../../platform/views/components/index.js';
import type { DossiersMessages } from '../dossiers.fr.js';
import type { MyOrganisation } from '../dossiers.queries.js';

/** The « Candidater » box of a call page; `organisations` null: an anonymous visitor. */
export function ApplyBox(props: {
  ctx: RequestContext;
  w: DossiersMessages;
  slug: string;
  organisations: readonly MyOrganisation[] | null;
  error?: string | undefined;
}): JSX.Element {
  const { ctx, w, slug, organisations } = props;
  const back = `/appels/${encodeURIComponent(slug)}`;
  return (
    <section
      class="fr-mt-6w fr-p-3w fr-background-alt--blue-france"
      id="candidater"
      aria-labelledby="candidater-titre"
    >
      <h2 id="candidater-titre" safe>
        {w.apply.title}
      </h2>
      <p safe>{w.apply.intro}</p>
      {props.error ? <Alert type="error" size="sm" description={props.error} role="alert" /> : ''}
      {organisations === null ? (
        <a class="fr-btn" href={`/connexion?retour=${encodeURIComponent(back)}`} safe>
          {w.apply.signIn}
        </a>
      ) : organisations.length === 0 ? (
        <>
          <p safe>{w.apply.noOrganisation}</p>
          <a class="fr-btn fr-btn--secondary" href="/organisations/nouvelle" safe>
            {w.apply.createOrganisation}
          </a>
        </>
      ) : (
        <form method="post" action={`${back}/candidature`}>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          {organisations.length === 1 ? (
            <input type="hidden" name="organisation" value={organisations[0]?.id ?? ''} />
          ) : (
            <RadioGroup
              name="organisation"
              label={w.apply.organisation}
              value={organisations[0]?.id ?? ''}
              options={organisations.map((o) => ({ value: o.id, label: o.name }))}
              labels={ctx.m.components}
            />
          )}
          {organisations.length === 1 ? (
            <p>
              {Html.escapeHtml(`${w.apply.organisation} : `)}
              <strong safe>{organisations[0]?.name ?? ''}</strong>
            </p>
          ) : (
            ''
          )}
          <button class="fr-btn" type="submit" safe>
            {w.apply.submit}
          </button>
        </form>
      )}
    </section>
  );
}
