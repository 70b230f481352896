import { formatDateTime } from '../../../platform/i18n/index.js';
import type { CharterVersion } from '../organisations.movement.queries.js';
import { Heading, type MembersPageProps } from './MembersShared.js';

/** The charter's text: paragraphs separated by a blank line. */
export function CharterText({ charter }: { charter: CharterVersion }) {
  return (
    <div class="fr-mb-4w">
      {charter.body
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((paragraph) => (
          <p safe>{paragraph}</p>
        ))}
    </div>
  );
}

/** « /charte »: the current version with its number and date, the earlier versions below. */
export function CharterPage({ ctx, w, versions }: MembersPageProps & { versions: CharterVersion[] }) {
  const [current, ...earlier] = versions;
  return (
    <>
      <Heading ctx={ctx} w={w} title={current?.title ?? w.charter.title} />
      {current ? (
        <>
          <p class="fr-text--sm fr-mb-4w" safe>
            {w.charter.version(current.version, formatDateTime(current.published_at, ctx.locale))}
          </p>
          <CharterText charter={current} />
        </>
      ) : (
        <p safe>{w.charter.none}</p>
      )}
      {earlier.length ? (
        <section class="fr-mt-6w" aria-labelledby="versions-precedentes">
          <h2 id="versions-precedentes" safe>
            {w.charter.earlier}
          </h2>
          {earlier.map((version) => (
            <details class="fr-mb-2w">
              <summary safe>
                {w.charter.earlierItem(version.version, formatDateTime(version.published_at, ctx.locale))}
              </summary>
              <CharterText charter={version} />
            </details>
          ))}
        </section>
      ) : (
        ''
      )}
    </>
  );
}
