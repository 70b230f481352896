import type { RequestContext } from '../http/context.js';

export interface ErrorPageProps {
  ctx: RequestContext;
  status: number;
  title: string;
  message: string;
  help?: string;
  /** Request id, shown on 5xx pages so that support can find the log line. */
  reference?: string;
}

/** The DSFR "page d'erreur" pattern: status, title, what happened, what to do. */
export function ErrorPage({ ctx, status, title, message, help, reference }: ErrorPageProps) {
  const { m } = ctx;
  return (
    <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--middle fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-8">
        <h1 safe>{title}</h1>
        <p class="fr-text--sm fr-mb-3w" safe>
          {m.errors.title(status)}
        </p>
        <p class="fr-text--lead fr-mb-3w" safe>
          {message}
        </p>
        {help ? (
          <p class="fr-text--sm fr-mb-5w" safe>
            {help}
          </p>
        ) : (
          ''
        )}
        {reference ? (
          <p class="fr-text--sm">
            <span safe>{m.errors.reference}</span> <code safe>{reference}</code>
          </p>
        ) : (
          ''
        )}
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <a class="fr-btn" href="/" safe>
              {m.errors.backHome}
            </a>
          </li>
        </ul>
      </div>
    </div>
  );
}
