import type { SectionView } from '../dossiers.diff.js';
import { Lines } from './instruction-messages.js';

/**
 * The answers of a frozen version, section by section (a heading per section, a description list of its
 * fields), for the staff's instruction page and the évaluateur's review page.
 */
export function AnswerSections({
  sections,
  notAnswered,
}: {
  sections: readonly SectionView[];
  notAnswered: string;
}) {
  return (
    <>
      {sections.map((s) => (
        <>
          <h3 class="fr-h5" safe>
            {s.title}
          </h3>
          <dl>
            {s.fields.map((f) => (
              <>
                <dt class="fr-text--bold" safe>
                  {f.label}
                </dt>
                <dd class="fr-mb-2w">
                  {f.value === '' ? <em safe>{notAnswered}</em> : <Lines text={f.value} />}
                </dd>
              </>
            ))}
          </dl>
        </>
      ))}
    </>
  );
}
