import Html from '@kitajs/html';
import type { RequestContext } from '../../../platform/http/context.js';
import {
  CheckboxGroup,
  fieldId,
  Input,
  RadioGroup,
  Select,
  Textarea,
} from '../../../platform/views/components/index.js';
import type { AnsweringChildField, ChildField, FormField, RepeatableBlockField } from '../../calls/index.js';
import { frenchDate, frenchEuros, frenchNumber, frenchSize } from '../../calls/index.js';
import type { DossiersMessages } from '../dossiers.fr.js';
import type { Answers } from '../dossiers.service.js';

/**
 * The fields of a dossier's step page, rendered by type, and the read-only answers of the summary. Every
 * field keeps what the person typed (a malformed answer is shown again with its message); `required` marks
 * the label only (a draft may leave it empty; the summary checks it before submission).
 */

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** What an input shows for a stored (normalised) or typed (raw) answer. */
export function inputValue(field: AnsweringChildField | RepeatableBlockField, value: unknown): string {
  if (value === undefined || value === null) return '';
  switch (field.type) {
    case 'number':
      return typeof value === 'number'
        ? String(value).replace('.', ',')
        : typeof value === 'string'
          ? value
          : '';
    case 'money':
      return typeof value === 'number'
        ? (value / 100).toFixed(2).replace('.', ',')
        : typeof value === 'string'
          ? value
          : '';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? frenchDate(value)
        : typeof value === 'string'
          ? value
          : '';
    case 'yes_no':
      return value === true ? 'oui' : value === false ? 'non' : typeof value === 'string' ? value : '';
    default:
      return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  }
}

function arrayValue(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

export interface FieldRenderContext {
  ctx: RequestContext;
  w: DossiersMessages;
  dossierId: string;
  /** Ids of the fields visible for the saved (or submitted) answers. */
  visible: ReadonlySet<string>;
  errors: Record<string, string>;
  lockVersion: number;
}

function labelOf(field: FormField | ChildField, r: FieldRenderContext): string {
  return 'required' in field && field.required
    ? `${field.label} (${r.ctx.m.components.required})`
    : field.label;
}

/** A field's wrapper: hidden while its condition does not hold; the page's script shows it live. */
function Conditional(props: {
  field: FormField | ChildField;
  shown: boolean;
  children: JSX.Element;
}): JSX.Element {
  const { field, children } = props;
  return (
    <div
      class="dossier-field"
      data-field={field.id}
      data-show-if={field.showIf ? JSON.stringify(field.showIf) : undefined}
      hidden={!props.shown}
    >
      {children}
    </div>
  );
}

/** One answering field (outside blocks, or a child of an occurrence named `block.i.child`). */
function ScalarField(props: {
  field: AnsweringChildField;
  name: string;
  value: unknown;
  r: FieldRenderContext;
}): JSX.Element {
  const { field, name, value, r } = props;
  const label = labelOf(field, r);
  const error = r.errors[name];
  const hint = field.hint;
  const labels = r.ctx.m.components;
  const text = inputValue(field, value);
  switch (field.type) {
    case 'text':
      return <Input name={name} label={label} hint={hint} error={error} value={text} labels={labels} />;
    case 'long_text':
      return (
        <Textarea name={name} label={label} hint={hint} error={error} value={text} rows={6} labels={labels} />
      );
    case 'number':
      return (
        <Input
          name={name}
          label={label}
          hint={hint}
          error={error}
          value={text}
          inputmode="decimal"
          labels={labels}
        />
      );
    case 'money':
      return (
        <Input
          name={name}
          label={label}
          hint={hint}
          error={error}
          value={text}
          inputmode="decimal"
          labels={labels}
          addon={
            <span class="fr-input-wrap__addon fr-p-1w" aria-hidden="true" safe>
              {r.w.step.euroSuffix}
            </span>
          }
        />
      );
    case 'date':
      return (
        <Input
          name={name}
          label={label}
          hint={[hint, r.w.step.dateHint].filter(Boolean).join(' ')}
          error={error}
          value={text}
          inputmode="numeric"
          labels={labels}
        />
      );
    case 'email':
      return (
        <Input
          name={name}
          label={label}
          hint={hint}
          error={error}
          value={text}
          type="email"
          autocomplete="email"
          labels={labels}
        />
      );
    case 'phone':
      return (
        <Input
          name={name}
          label={label}
          hint={hint}
          error={error}
          value={text}
          type="tel"
          autocomplete="tel"
          labels={labels}
        />
      );
    case 'url':
      return (
        <Input name={name} label={label} hint={hint} error={error} value={text} type="url" labels={labels} />
      );
    case 'siret':
      return (
        <Input
          name={name}
          label={label}
          hint={[hint, r.w.step.siretHint].filter(Boolean).join(' ')}
          error={error}
          value={text}
          inputmode="numeric"
          labels={labels}
        />
      );
    case 'commune':
      return (
        <Input
          name={name}
          label={label}
          hint={[hint, r.w.step.communeHint].filter(Boolean).join(' ')}
          error={error}
          value={text}
          labels={labels}
        />
      );
    case 'yes_no':
      return (
        <RadioGroup
          name={name}
          label={label}
          hint={hint}
          error={error}
          value={text}
          inline
          options={[
            { value: 'oui', label: r.w.step.yes },
            { value: 'non', label: r.w.step.no },
          ]}
          labels={labels}
        />
      );
    case 'choice':
      return field.display === 'select' ? (
        <Select
          name={name}
          label={label}
          hint={hint}
          error={error}
          value={text}
          options={field.options.map((o) => ({ value: o.value, label: o.label }))}
          labels={labels}
        />
      ) : (
        <RadioGroup
          name={name}
          label={label}
          hint={hint}
          error={error}
          value={text}
          options={field.options.map((o) => ({ value: o.value, label: o.label }))}
          labels={labels}
        />
      );
    case 'multiple_choice':
      return (
        <CheckboxGroup
          name={name}
          label={label}
          hint={hint}
          error={error}
          values={arrayValue(value)}
          options={field.options.map((o) => ({ value: o.value, label: o.label }))}
          labels={labels}
        />
      );
    case 'attachment':
      return <AttachmentField field={field} name={name} value={value} r={r} />;
  }
}

/**
 * An attachment: the current file (download link), then a file input and buttons that belong to their own
 * forms (`form` attribute: forms cannot nest), rendered after the page's form by `AttachmentForms`.
 */
function AttachmentField(props: {
  field: Extract<AnsweringChildField, { type: 'attachment' }>;
  name: string;
  value: unknown;
  r: FieldRenderContext;
}): JSX.Element {
  const { field, name, value, r } = props;
  const id = fieldId(name);
  const error = r.errors[name];
  const labels = r.ctx.m.components;
  const file = isRecord(value) && typeof value.fileId === 'string' ? value : null;
  const types = field.allowedTypes.join(', ');
  const hint = [
    `${labels.uploadHint.replace('{size}', frenchSize(field.maxSize)).replace('{types}', types)}`,
    field.hint,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div class={['fr-upload-group', 'fr-mb-3w', Boolean(error) && 'fr-upload-group--error']}>
      <label class="fr-label" for={id}>
        {Html.escapeHtml(labelOf(field, r))}{' '}
        <span class="fr-hint-text" safe>
          {hint}
        </span>
      </label>
      {file ? (
        <p class="fr-mt-1w fr-mb-1w">
          {Html.escapeHtml(r.w.attachment.current)}{' '}
          <a href={`/dossiers/${r.dossierId}/fichiers/${String(file.fileId)}`} download="" safe>
            {String(file.name)}
          </a>{' '}
          <span class="fr-text--sm" safe>
            {`(${frenchSize(Number(file.size) || 0)})`}
          </span>
        </p>
      ) : (
        <p class="fr-mt-1w fr-mb-1w fr-text--sm" safe>
          {r.w.attachment.none}
        </p>
      )}
      <input
        class="fr-upload"
        type="file"
        id={id}
        name="fichier"
        form={`upload-${id}`}
        accept={field.allowedTypes.join(',')}
        aria-describedby={`${id}-messages`}
      />
      <div class="fr-messages-group" id={`${id}-messages`} aria-live="polite">
        {error ? (
          <p class="fr-message fr-message--error" safe>
            {error}
          </p>
        ) : (
          ''
        )}
      </div>
      <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mt-1w">
        <li>
          <button class="fr-btn fr-btn--secondary" type="submit" form={`upload-${id}`} safe>
            {file ? r.w.attachment.replace : r.w.attachment.upload}
          </button>
        </li>
        {file ? (
          <li>
            <button class="fr-btn fr-btn--tertiary" type="submit" form={`remove-${id}`} safe>
              {r.w.attachment.remove}
            </button>
          </li>
        ) : (
          ''
        )}
      </ul>
    </div>
  );
}

/** The upload and removal forms of the page's attachment fields (after the page's form). */
export function AttachmentForms(props: { paths: readonly string[]; r: FieldRenderContext }): JSX.Element {
  const { r } = props;
  return (
    <>
      {props.paths.map((path) => {
        const id = fieldId(path);
        const base = `/dossiers/${r.dossierId}/pieces/${encodeURIComponent(path)}`;
        return (
          <>
            <form id={`upload-${id}`} method="post" action={base} enctype="multipart/form-data">
              <input type="hidden" name="_csrf" value={r.ctx.csrfToken} />
              <input type="hidden" name="lock_version" value={String(r.lockVersion)} />
            </form>
            <form id={`remove-${id}`} method="post" action={`${base}/suppression`}>
              <input type="hidden" name="_csrf" value={r.ctx.csrfToken} />
              <input type="hidden" name="lock_version" value={String(r.lockVersion)} />
            </form>
          </>
        );
      })}
    </>
  );
}

/** The number of occurrences a block shows: those answered, at least its minimum (and one), plus one asked for. */
export function occurrenceCount(block: RepeatableBlockField, value: unknown, add: boolean): number {
  const answered = Array.isArray(value) ? value.length : 0;
  const n = Math.max(answered, block.minOccurrences, 1) + (add ? 1 : 0);
  return Math.min(n, block.maxOccurrences);
}

function BlockField(props: {
  field: RepeatableBlockField;
  value: unknown;
  add: boolean;
  r: FieldRenderContext;
}): JSX.Element {
  const { field, value, r } = props;
  const list = Array.isArray(value) ? value : [];
  const count = occurrenceCount(field, value, props.add);
  const error = r.errors[field.id];
  const id = fieldId(field.id);
  return (
    <fieldset
      class={['fr-fieldset', Boolean(error) && 'fr-fieldset--error']}
      id={id}
      aria-labelledby={`${id}-legend`}
    >
      <legend class="fr-fieldset__legend" id={`${id}-legend`}>
        {Html.escapeHtml(labelOf(field, r))}
        {field.hint ? (
          <span class="fr-hint-text" safe>
            {field.hint}
          </span>
        ) : (
          ''
        )}
      </legend>
      {error ? (
        <div class="fr-messages-group">
          <p class="fr-message fr-message--error" safe>
            {error}
          </p>
        </div>
      ) : (
        ''
      )}
      {Array.from({ length: count }, (_, i) => {
        const occurrence: unknown = list[i];
        const values = isRecord(occurrence) ? occurrence : {};
        return (
          <div class="fr-fieldset__element fr-p-2w fr-mb-2w fr-background-alt--grey">
            <p class="fr-text--bold" safe>
              {r.w.step.occurrence(i + 1)}
            </p>
            {field.fields.map((child) => (
              <Conditional field={child} shown={r.visible.has(child.id)}>
                {child.type === 'heading' ? (
                  <h4 class="fr-h6" safe>
                    {child.label}
                  </h4>
                ) : (
                  <ScalarField
                    field={child}
                    name={`${field.id}.${i}.${child.id}`}
                    value={Object.hasOwn(values, child.id) ? values[child.id] : undefined}
                    r={r}
                  />
                )}
              </Conditional>
            ))}
          </div>
        );
      })}
      {count < field.maxOccurrences ? (
        <div class="fr-fieldset__element">
          <button
            class="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left"
            type="submit"
            name="ajouter"
            value={field.id}
            safe
          >
            {r.w.step.addOccurrence}
          </button>
        </div>
      ) : (
        ''
      )}
    </fieldset>
  );
}

/** The fields of a section, in order, each in its conditional wrapper. */
export function SectionFields(props: {
  fields: readonly FormField[];
  display: Answers;
  addTo?: string | undefined;
  r: FieldRenderContext;
}): JSX.Element {
  const { r, display } = props;
  return (
    <>
      {props.fields.map((field) => (
        <Conditional field={field} shown={r.visible.has(field.id)}>
          {field.type === 'heading' ? (
            <>
              <h3 class="fr-h5 fr-mt-3w" safe>
                {field.label}
              </h3>
              {field.hint ? (
                <p class="fr-hint-text" safe>
                  {field.hint}
                </p>
              ) : (
                ''
              )}
            </>
          ) : field.type === 'repeatable_block' ? (
            <BlockField field={field} value={display[field.id]} add={props.addTo === field.id} r={r} />
          ) : (
            <ScalarField field={field} name={field.id} value={display[field.id]} r={r} />
          )}
        </Conditional>
      ))}
    </>
  );
}

/** The attachment fields of a section, as answer paths (`id`, or `block.i.child` per shown occurrence). */
export function attachmentPaths(fields: readonly FormField[], display: Answers, addTo?: string): string[] {
  const paths: string[] = [];
  for (const field of fields) {
    if (field.type === 'attachment') paths.push(field.id);
    if (field.type === 'repeatable_block') {
      const count = occurrenceCount(field, display[field.id], addTo === field.id);
      for (let i = 0; i < count; i++)
        for (const child of field.fields)
          if (child.type === 'attachment') paths.push(`${field.id}.${i}.${child.id}`);
    }
  }
  return paths;
}

/** An answer as read on the summary (normalised values). */
export function answerText(field: AnsweringChildField, value: unknown, w: DossiersMessages): string | null {
  if (value === undefined || value === null) return null;
  switch (field.type) {
    case 'number':
      return typeof value === 'number' ? frenchNumber(value) : String(value);
    case 'money':
      return typeof value === 'number' ? frenchEuros(value) : String(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? frenchDate(value)
        : String(value);
    case 'yes_no':
      return value === true ? w.step.yes : value === false ? w.step.no : String(value);
    case 'choice':
      return field.options.find((o) => o.value === value)?.label ?? String(value);
    case 'multiple_choice':
      return arrayValue(value)
        .map((v) => field.options.find((o) => o.value === v)?.label ?? v)
        .join(', ');
    case 'attachment':
      return isRecord(value) ? `${String(value.name)} (${frenchSize(Number(value.size) || 0)})` : null;
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

function AnswerValue(props: {
  field: AnsweringChildField;
  value: unknown;
  dossierId: string;
  w: DossiersMessages;
}): JSX.Element {
  const { field, value, w } = props;
  const text = answerText(field, value, w);
  if (text === null)
    return (
      <span class="fr-text--sm fr-text-mention--grey" safe>
        {w.summary.notAnswered}
      </span>
    );
  if (field.type === 'attachment' && isRecord(value))
    return (
      <a href={`/dossiers/${props.dossierId}/fichiers/${String(value.fileId)}`} download="" safe>
        {text}
      </a>
    );
  return (
    <span class="dossier-answer" safe>
      {text}
    </span>
  );
}

/** The visible answering fields of a section, read-only (summary, read-only step). */
export function AnswersList(props: {
  fields: readonly FormField[];
  values: Answers;
  dossierId: string;
  w: DossiersMessages;
}): JSX.Element {
  const { w, values } = props;
  return (
    <dl class="dossier-answers">
      {props.fields.map((field) => {
        if (field.type === 'heading') return '';
        if (field.type === 'repeatable_block') {
          const list = Array.isArray(values[field.id]) ? (values[field.id] as unknown[]) : [];
          return (
            <>
              <dt class="fr-text--bold fr-mt-2w" safe>
                {field.label}
              </dt>
              <dd>
                {list.length === 0 ? (
                  <span class="fr-text--sm fr-text-mention--grey" safe>
                    {w.summary.notAnswered}
                  </span>
                ) : (
                  <ol>
                    {list.map((item) => {
                      const occurrence = isRecord(item) ? item : {};
                      return (
                        <li>
                          <ul>
                            {field.fields.map((child) =>
                              child.type === 'heading' || !Object.hasOwn(occurrence, child.id) ? (
                                ''
                              ) : (
                                <li>
                                  {Html.escapeHtml(`${child.label} : `)}
                                  <AnswerValue
                                    field={child}
                                    value={occurrence[child.id]}
                                    dossierId={props.dossierId}
                                    w={w}
                                  />
                                </li>
                              ),
                            )}
                          </ul>
                        </li>
                      );
                    })}
                  </ol>
                )}
              </dd>
            </>
          );
        }
        return (
          <>
            <dt class="fr-text--bold fr-mt-2w" safe>
              {field.label}
            </dt>
            <dd>
              <AnswerValue field={field} value={values[field.id]} dossierId={props.dossierId} w={w} />
            </dd>
          </>
        );
      })}
    </dl>
  );
}
