import type { RequestContext } from '../../../platform/http/context.js';
import type { FormState } from '../../../platform/http/forms.js';
import {
  Alert,
  Breadcrumb,
  Checkbox,
  ErrorSummary,
  Input,
  Select,
  Textarea,
} from '../../../platform/views/components/index.js';
import type { CallsBuilderMessages } from '../calls.builder.fr.js';
import {
  conditionTargets,
  type DraftField,
  type DraftForm,
  type DraftSection,
  limitInputs,
} from '../calls.builder.js';
import { FIELD_TYPES, type FieldType } from '../calls.form.js';
import type { CallRow } from '../calls.queries.js';

export interface BuilderProps {
  ctx: RequestContext;
  w: CallsBuilderMessages;
  call: CallRow;
  form: DraftForm;
}

function Csrf({ ctx }: { ctx: RequestContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

function value(state: FormState, key: string): string | undefined {
  const v = state.values[key];
  return typeof v === 'string' ? v : undefined;
}

const base = (call: CallRow) => `/admin/appels/${call.id}/formulaire`;

function Crumbs({
  ctx,
  w,
  call,
  current,
  inBuilder,
}: Omit<BuilderProps, 'form'> & { current: string; inBuilder?: boolean }) {
  const items = [
    { label: ctx.locale === 'en' ? 'Home' : 'Accueil', href: '/' },
    { label: 'Administration', href: '/admin' },
    { label: ctx.locale === 'en' ? 'Calls' : 'Appels', href: '/admin/appels' },
    { label: call.title, href: `/admin/appels/${call.id}/apercu` },
  ];
  if (inBuilder) items.push({ label: w.breadcrumb, href: base(call) });
  return <Breadcrumb items={items} current={current} labels={ctx.m.components} />;
}

/** A condition in words: « Statut juridique est égal à asso ». */
export function conditionText(condition: unknown, form: DraftForm, w: CallsBuilderMessages): string {
  if (!condition || typeof condition !== 'object') return '';
  const c = condition as { field?: unknown; op?: unknown; value?: unknown; values?: unknown };
  const target = conditionTargets(form).find((t) => t.id === c.field);
  const op = w.ops[c.op as keyof CallsBuilderMessages['ops']] ?? String(c.op);
  const shown = (v: unknown) =>
    target?.type === 'money' && typeof v === 'number' ? `${v / 100} €` : String(v);
  const val = Array.isArray(c.values)
    ? c.values.map(shown).join(', ')
    : c.value === undefined
      ? ''
      : shown(c.value);
  return w.conditionText(target ? `« ${target.label} »` : String(c.field), op, val);
}

function typeName(type: string, w: CallsBuilderMessages): string {
  return w.types[type as FieldType] ?? type;
}

/** A one-button form (move, delete), its accessible name completed for screen readers. */
function ActionButton(props: {
  ctx: RequestContext;
  action: string;
  label: string;
  context: string;
  direction?: 'up' | 'down';
  danger?: boolean;
}) {
  return (
    <form method="post" action={props.action}>
      <Csrf ctx={props.ctx} />
      {props.direction ? <input type="hidden" name="direction" value={props.direction} /> : ''}
      <button
        type="submit"
        class={['fr-btn fr-btn--sm', props.danger ? 'fr-btn--tertiary' : 'fr-btn--secondary']}
      >
        <span safe>{props.label}</span>
        <span class="fr-sr-only" safe>{` ${props.context}`}</span>
      </button>
    </form>
  );
}

function EditLink({ href, label, context }: { href: string; label: string; context: string }) {
  return (
    <a class="fr-btn fr-btn--sm fr-btn--secondary" href={href}>
      <span safe>{label}</span>
      <span class="fr-sr-only" safe>{` ${context}`}</span>
    </a>
  );
}

export interface BuilderPageProps extends BuilderProps {
  notice?: string | undefined;
  problems?: string[] | undefined;
}

/** GET /admin/appels/:id/formulaire: sections, fields and rules, with their actions. */
export function BuilderPage({ ctx, w, call, form, notice, problems }: BuilderPageProps) {
  const url = base(call);
  const editable = call.status !== 'closed_early';
  const title = w.title(call.title);
  return (
    <>
      <Crumbs ctx={ctx} w={w} call={call} current={w.breadcrumb} />
      <h1 safe>{title}</h1>
      {problems && problems.length > 0 ? (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <h2 class="fr-alert__title" safe>
            {w.errors.invalid}
          </h2>
          <ul>
            {problems.map((p) => (
              <li safe>{p}</li>
            ))}
          </ul>
        </div>
      ) : (
        ''
      )}
      {notice ? <Alert type="success" size="sm" description={notice} /> : ''}
      {call.status === 'published' ? (
        <Alert type="info" size="sm" description={`${w.published(call.form_version)} ${w.deleteWarning}`} />
      ) : (
        ''
      )}
      {editable ? '' : <Alert type="warning" size="sm" description={w.closedEarly} />}
      <p safe>{w.lead}</p>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        {editable ? (
          <li>
            <a class="fr-btn" href={`${url}/sections/nouvelle`} safe>
              {w.addSection}
            </a>
          </li>
        ) : (
          ''
        )}
        <li>
          <a class="fr-btn fr-btn--secondary" href={`${url}/apercu`} safe>
            {w.preview}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--tertiary" href={`/admin/appels/${call.id}/apercu`} safe>
            {w.backToCall}
          </a>
        </li>
      </ul>
      <h2 safe>{w.sections}</h2>
      {form.sections.length === 0 ? <p safe>{w.empty}</p> : ''}
      {form.sections.map((section, s) => (
        <SectionBlock
          ctx={ctx}
          w={w}
          call={call}
          form={form}
          section={section}
          n={s + 1}
          editable={editable}
        />
      ))}
      <h2 class="fr-mt-6w" id="eligibilite" safe>
        {w.eligibility}
      </h2>
      {form.eligibility.length === 0 ? (
        <p safe>{w.noRules}</p>
      ) : (
        <div class="fr-table">
          <table>
            <caption safe>{w.rulesCaption}</caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {w.colRule}
                </th>
                <th scope="col" safe>
                  {w.colCondition}
                </th>
                <th scope="col" safe>
                  {w.colReason}
                </th>
                {editable ? (
                  <th scope="col" safe>
                    {w.colActions}
                  </th>
                ) : (
                  ''
                )}
              </tr>
            </thead>
            <tbody>
              {form.eligibility.map((rule) => (
                <tr>
                  <th scope="row" safe>
                    {rule.id}
                  </th>
                  <td safe>{conditionText(rule.condition, form, w)}</td>
                  <td safe>{rule.reason}</td>
                  {editable ? (
                    <td>
                      <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
                        <li>
                          <EditLink
                            href={`${url}/regles/${rule.id}/modifier`}
                            label={w.edit}
                            context={w.ruleNamed(rule.id)}
                          />
                        </li>
                        <li>
                          <ActionButton
                            ctx={ctx}
                            action={`${url}/regles/${rule.id}/suppression`}
                            label={w.delete}
                            context={w.ruleNamed(rule.id)}
                            danger
                          />
                        </li>
                      </ul>
                    </td>
                  ) : (
                    ''
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable ? (
        <p>
          <a class="fr-btn fr-btn--secondary" href={`${url}/regles/nouvelle`} safe>
            {w.addRule}
          </a>
        </p>
      ) : (
        ''
      )}
    </>
  );
}

function SectionBlock({
  ctx,
  w,
  call,
  form,
  section,
  n,
  editable,
}: BuilderProps & { section: DraftSection; n: number; editable: boolean }) {
  const url = base(call);
  const named = w.sectionNamed(section.title);
  return (
    <section class="fr-mt-4w fr-p-3w fr-background-alt--grey" aria-labelledby={`section-${section.id}`}>
      <h3 id={`section-${section.id}`} safe>
        {w.section(n, section.title)}
      </h3>
      <p class="fr-text--sm fr-mb-1w" safe>{`${w.inputs.id} : ${section.id}`}</p>
      {section.description ? <p safe>{section.description}</p> : ''}
      {section.showIf ? (
        <p class="fr-text--sm" safe>
          {w.previewShownIf(conditionText(section.showIf, form, w))}
        </p>
      ) : (
        ''
      )}
      {editable ? (
        <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
          <li>
            <EditLink href={`${url}/sections/${section.id}/modifier`} label={w.edit} context={named} />
          </li>
          <li>
            <ActionButton
              ctx={ctx}
              action={`${url}/sections/${section.id}/deplacement`}
              label={w.moveUp}
              context={named}
              direction="up"
            />
          </li>
          <li>
            <ActionButton
              ctx={ctx}
              action={`${url}/sections/${section.id}/deplacement`}
              label={w.moveDown}
              context={named}
              direction="down"
            />
          </li>
          <li>
            <ActionButton
              ctx={ctx}
              action={`${url}/sections/${section.id}/suppression`}
              label={w.delete}
              context={named}
              danger
            />
          </li>
        </ul>
      ) : (
        ''
      )}
      {section.fields.length === 0 ? (
        <p safe>{w.noFields}</p>
      ) : (
        <div class="fr-table">
          <table>
            <caption safe>{w.fieldsCaption(section.title)}</caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {w.colField}
                </th>
                <th scope="col" safe>
                  {w.colType}
                </th>
                <th scope="col" safe>
                  {w.colCondition}
                </th>
                {editable ? (
                  <th scope="col" safe>
                    {w.colActions}
                  </th>
                ) : (
                  ''
                )}
              </tr>
            </thead>
            <tbody>
              {section.fields.map((field) => (
                <FieldRow ctx={ctx} w={w} call={call} form={form} field={field} editable={editable} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable ? (
        <p class="fr-mb-0">
          <a class="fr-btn fr-btn--sm" href={`${url}/sections/${section.id}/champs/nouveau`}>
            <span safe>{w.addField}</span>
            <span class="fr-sr-only" safe>{` (${section.title})`}</span>
          </a>
        </p>
      ) : (
        ''
      )}
    </section>
  );
}

function FieldRow({
  ctx,
  w,
  call,
  form,
  field,
  editable,
}: BuilderProps & { field: DraftField; editable: boolean }) {
  const url = `${base(call)}/champs/${field.id}`;
  const label = String(field.label ?? field.id);
  const named = w.fieldNamed(label);
  return (
    <tr>
      <th scope="row">
        <span safe>{label}</span>
        {field.required === true ? <span class="fr-text--sm" safe>{` (${w.required})`}</span> : ''}
        <br />
        <span class="fr-text--xs" safe>
          {field.id}
        </span>
      </th>
      <td safe>{typeName(field.type, w)}</td>
      <td safe>{conditionText(field.showIf, form, w)}</td>
      {editable ? (
        <td>
          <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
            <li>
              <EditLink href={`${url}/modifier`} label={w.edit} context={named} />
            </li>
            <li>
              <ActionButton
                ctx={ctx}
                action={`${url}/deplacement`}
                label={w.moveUp}
                context={named}
                direction="up"
              />
            </li>
            <li>
              <ActionButton
                ctx={ctx}
                action={`${url}/deplacement`}
                label={w.moveDown}
                context={named}
                direction="down"
              />
            </li>
            <li>
              <ActionButton ctx={ctx} action={`${url}/suppression`} label={w.delete} context={named} danger />
            </li>
          </ul>
        </td>
      ) : (
        ''
      )}
    </tr>
  );
}

// --- Edit pages -----------------------------------------------------------------------------------------

export interface EditPageProps extends BuilderProps {
  state: FormState;
  /** Problems of the whole form (not tied to one input). */
  problems?: string[] | undefined;
}

function Problems({ problems, w }: { problems?: string[] | undefined; w: CallsBuilderMessages }) {
  if (!problems || problems.length === 0) return '';
  return (
    <div class="fr-alert fr-alert--error fr-mb-3w">
      <p class="fr-alert__title" safe>
        {w.errors.invalid}
      </p>
      <ul>
        {problems.map((p) => (
          <li safe>{p}</li>
        ))}
      </ul>
    </div>
  );
}

/** The condition inputs (`cond_field`, `cond_op`, `cond_value`) in a fieldset. */
function ConditionInputs({
  ctx,
  w,
  form,
  state,
  legend,
  hint,
  exceptId,
  required,
}: {
  ctx: RequestContext;
  w: CallsBuilderMessages;
  form: DraftForm;
  state: FormState;
  legend: string;
  hint?: string;
  exceptId?: string | undefined;
  required?: boolean;
}) {
  const labels = ctx.m.components;
  const targets = conditionTargets(form).filter((t) => t.id !== exceptId);
  return (
    <fieldset class="fr-fieldset" aria-labelledby="condition-legend">
      <legend class="fr-fieldset__legend" id="condition-legend">
        <span safe>{legend}</span>
        {hint ? (
          <span class="fr-hint-text" safe>
            {hint}
          </span>
        ) : (
          ''
        )}
      </legend>
      <div class="fr-fieldset__element">
        <Select
          name="cond_field"
          label={w.inputs.condField}
          value={value(state, 'cond_field')}
          error={state.errors.cond_field}
          placeholder={required ? w.inputs.condFieldChoose : w.inputs.condFieldNone}
          options={targets.map((t) => ({ value: t.id, label: `${t.label} (${t.id})` }))}
          labels={labels}
        />
      </div>
      <div class="fr-fieldset__element">
        <Select
          name="cond_op"
          label={w.inputs.condOp}
          value={value(state, 'cond_op')}
          error={state.errors.cond_op}
          options={Object.entries(w.ops).map(([op, label]) => ({ value: op, label }))}
          labels={labels}
        />
      </div>
      <div class="fr-fieldset__element">
        <Textarea
          name="cond_value"
          label={w.inputs.condValue}
          hint={w.inputs.condValueHint}
          value={value(state, 'cond_value')}
          error={state.errors.cond_value}
          rows={2}
          labels={labels}
        />
      </div>
    </fieldset>
  );
}

export interface SectionFormPageProps extends EditPageProps {
  /** The section being edited, or undefined for a new one. */
  section?: DraftSection | undefined;
}

/** GET/POST …/formulaire/sections/nouvelle and …/sections/:sectionId/modifier. */
export function SectionFormPage({ ctx, w, call, form, state, problems, section }: SectionFormPageProps) {
  const labels = ctx.m.components;
  const title = section ? w.sectionForm.edit(section.title) : w.sectionForm.add;
  const input = (name: string) => ({ name, value: value(state, name), error: state.errors[name], labels });
  const action = section
    ? `${base(call)}/sections/${section.id}/modifier`
    : `${base(call)}/sections/nouvelle`;
  // A section's condition may only name a field of an earlier section.
  const index = section ? form.sections.findIndex((s) => s.id === section.id) : form.sections.length;
  const earlier: DraftForm = { ...form, sections: form.sections.slice(0, index) };
  return (
    <>
      <Crumbs ctx={ctx} w={w} call={call} current={title} inBuilder />
      <h1 safe>{title}</h1>
      <ErrorSummary errors={state.summary} labels={labels} />
      <Problems problems={problems} w={w} />
      <form method="post" action={action} novalidate>
        <Csrf ctx={ctx} />
        <Input {...input('title')} label={w.inputs.title} required />
        <Input {...input('id')} label={w.inputs.id} hint={w.inputs.idHint} spellcheck={false} />
        <Textarea {...input('description')} label={w.inputs.description} />
        <ConditionInputs
          ctx={ctx}
          w={w}
          form={earlier}
          state={state}
          legend={w.inputs.condition}
          hint={w.inputs.conditionHint}
        />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn" safe>
              {w.save}
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--tertiary" href={base(call)} safe>
              {w.cancel}
            </a>
          </li>
        </ul>
      </form>
    </>
  );
}

export interface FieldTypePageProps extends EditPageProps {
  section: DraftSection;
}

/** GET …/sections/:sectionId/champs/nouveau without a type: choose it (a GET form, no script needed). */
export function FieldTypePage({ ctx, w, call, state, section }: FieldTypePageProps) {
  const labels = ctx.m.components;
  const title = w.fieldForm.add(section.title);
  return (
    <>
      <Crumbs ctx={ctx} w={w} call={call} current={title} inBuilder />
      <h1 safe>{title}</h1>
      <ErrorSummary errors={state.summary} labels={labels} />
      <form method="get" action={`${base(call)}/sections/${section.id}/champs/nouveau`} novalidate>
        <Select
          name="type"
          label={w.fieldForm.chooseType}
          hint={w.fieldForm.chooseTypeHint}
          value={value(state, 'type')}
          error={state.errors.type}
          options={FIELD_TYPES.map((t) => ({ value: t, label: w.types[t] }))}
          required
          labels={labels}
        />
        <button type="submit" class="fr-btn" safe>
          {w.continue}
        </button>
      </form>
    </>
  );
}

export interface FieldFormPageProps extends EditPageProps {
  type: FieldType;
  /** The section a new field goes to; or the field being edited. */
  section?: DraftSection | undefined;
  field?: DraftField | undefined;
}

/** GET/POST …/sections/:sectionId/champs/nouveau?type=… and …/champs/:fieldId/modifier. */
export function FieldFormPage({
  ctx,
  w,
  call,
  form,
  state,
  problems,
  type,
  section,
  field,
}: FieldFormPageProps) {
  const labels = ctx.m.components;
  const i = w.inputs;
  const title = field
    ? w.fieldForm.edit(String(field.label ?? field.id))
    : w.fieldForm.add(section?.title ?? '');
  const input = (name: string) => ({ name, value: value(state, name), error: state.errors[name], labels });
  const action = field
    ? `${base(call)}/champs/${field.id}/modifier`
    : `${base(call)}/sections/${section?.id ?? ''}/champs/nouveau`;
  const limits = new Set(limitInputs(type));
  return (
    <>
      <Crumbs ctx={ctx} w={w} call={call} current={title} inBuilder />
      <h1 safe>{title}</h1>
      <ErrorSummary errors={state.summary} labels={labels} />
      <Problems problems={problems} w={w} />
      <p class="fr-badge fr-badge--info" safe>
        {w.fieldForm.typeIs(w.types[type])}
      </p>
      <form method="post" action={action} novalidate>
        <Csrf ctx={ctx} />
        <input type="hidden" name="type" value={type} />
        <Input {...input('label')} label={i.label} required />
        <Input {...input('id')} label={i.id} hint={i.idHint} spellcheck={false} />
        <Textarea {...input('hint')} label={i.hint} hint={i.hintHint} rows={2} />
        {type === 'heading' ? (
          ''
        ) : (
          <Checkbox
            name="required"
            value="oui"
            label={i.required}
            checked={value(state, 'required') === 'oui'}
            labels={labels}
          />
        )}
        {limits.has('min_length') ? (
          <Input {...input('min_length')} label={i.minLength} inputmode="numeric" />
        ) : (
          ''
        )}
        {limits.has('max_length') ? (
          <Input {...input('max_length')} label={i.maxLength} inputmode="numeric" />
        ) : (
          ''
        )}
        {limits.has('min') ? <Input {...input('min')} label={i.min} inputmode="decimal" /> : ''}
        {limits.has('max') ? <Input {...input('max')} label={i.max} inputmode="decimal" /> : ''}
        {limits.has('step') ? (
          <Input {...input('step')} label={i.step} hint={i.stepHint} inputmode="decimal" />
        ) : (
          ''
        )}
        {limits.has('min_euros') ? (
          <Input {...input('min_euros')} label={i.minEuros} inputmode="decimal" />
        ) : (
          ''
        )}
        {limits.has('max_euros') ? (
          <Input {...input('max_euros')} label={i.maxEuros} inputmode="decimal" />
        ) : (
          ''
        )}
        {limits.has('min_date') ? <Input {...input('min_date')} label={i.minDate} hint={i.dateHint} /> : ''}
        {limits.has('max_date') ? <Input {...input('max_date')} label={i.maxDate} hint={i.dateHint} /> : ''}
        {limits.has('options') ? (
          <Textarea {...input('options')} label={i.options} hint={i.optionsHint} rows={6} />
        ) : (
          ''
        )}
        {limits.has('display') ? (
          <Select
            {...input('display')}
            label={i.display}
            placeholder={false}
            options={[
              { value: 'radio', label: i.displayRadio },
              { value: 'select', label: i.displaySelect },
            ]}
          />
        ) : (
          ''
        )}
        {limits.has('min_selections') ? (
          <Input {...input('min_selections')} label={i.minSelections} inputmode="numeric" />
        ) : (
          ''
        )}
        {limits.has('max_selections') ? (
          <Input {...input('max_selections')} label={i.maxSelections} inputmode="numeric" />
        ) : (
          ''
        )}
        {limits.has('allowed_types') ? (
          <Textarea {...input('allowed_types')} label={i.allowedTypes} hint={i.allowedTypesHint} rows={3} />
        ) : (
          ''
        )}
        {limits.has('max_size_mb') ? (
          <Input {...input('max_size_mb')} label={i.maxSizeMb} inputmode="decimal" required />
        ) : (
          ''
        )}
        {limits.has('min_occurrences') ? (
          <Input {...input('min_occurrences')} label={i.minOccurrences} inputmode="numeric" />
        ) : (
          ''
        )}
        {limits.has('max_occurrences') ? (
          <Input {...input('max_occurrences')} label={i.maxOccurrences} inputmode="numeric" />
        ) : (
          ''
        )}
        {limits.has('children') ? (
          <Textarea
            {...input('children')}
            label={i.children}
            hint={i.childrenHint}
            rows={10}
            spellcheck={false}
          />
        ) : (
          ''
        )}
        <ConditionInputs
          ctx={ctx}
          w={w}
          form={form}
          state={state}
          legend={i.condition}
          hint={i.conditionHint}
          exceptId={field?.id}
        />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn" safe>
              {w.save}
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--tertiary" href={base(call)} safe>
              {w.cancel}
            </a>
          </li>
        </ul>
      </form>
    </>
  );
}

export interface RuleFormPageProps extends EditPageProps {
  ruleId?: string | undefined;
}

/** GET/POST …/formulaire/regles/nouvelle and …/regles/:ruleId/modifier. */
export function RuleFormPage({ ctx, w, call, form, state, problems, ruleId }: RuleFormPageProps) {
  const labels = ctx.m.components;
  const title = ruleId ? w.ruleForm.edit(ruleId) : w.ruleForm.add;
  const input = (name: string) => ({ name, value: value(state, name), error: state.errors[name], labels });
  const action = ruleId ? `${base(call)}/regles/${ruleId}/modifier` : `${base(call)}/regles/nouvelle`;
  return (
    <>
      <Crumbs ctx={ctx} w={w} call={call} current={title} inBuilder />
      <h1 safe>{title}</h1>
      <ErrorSummary errors={state.summary} labels={labels} />
      <Problems problems={problems} w={w} />
      <form method="post" action={action} novalidate>
        <Csrf ctx={ctx} />
        <ConditionInputs ctx={ctx} w={w} form={form} state={state} legend={w.inputs.ruleCondition} required />
        <Textarea {...input('reason')} label={w.inputs.reason} hint={w.inputs.reasonHint} rows={3} required />
        <Input {...input('id')} label={w.inputs.id} hint={w.inputs.idHint} spellcheck={false} />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn" safe>
              {w.save}
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--tertiary" href={`${base(call)}#eligibilite`} safe>
              {w.cancel}
            </a>
          </li>
        </ul>
      </form>
    </>
  );
}

// --- Preview --------------------------------------------------------------------------------------------

function PreviewField({ w, form, field }: { w: CallsBuilderMessages; form: DraftForm; field: DraftField }) {
  const label = String(field.label ?? field.id);
  if (field.type === 'heading') {
    return (
      <>
        <h3 class="fr-h5 fr-mt-3w" safe>
          {label}
        </h3>
        {field.hint ? (
          <p class="fr-hint-text" safe>
            {String(field.hint)}
          </p>
        ) : (
          ''
        )}
      </>
    );
  }
  const options = Array.isArray(field.options) ? (field.options as { value: string; label: string }[]) : [];
  const children = Array.isArray(field.fields) ? (field.fields as DraftField[]) : [];
  return (
    <div class="fr-mb-3w">
      <p class="fr-mb-0">
        <strong safe>{label}</strong>
        {field.required === true ? <span safe>{` (${w.required})`}</span> : ''}
      </p>
      {field.hint ? (
        <p class="fr-hint-text fr-mb-0" safe>
          {String(field.hint)}
        </p>
      ) : (
        ''
      )}
      <p class="fr-text--sm fr-mb-0" safe>
        {typeName(field.type, w)}
      </p>
      {field.showIf ? (
        <p class="fr-text--sm fr-mb-0" safe>
          {w.previewShownIf(conditionText(field.showIf, form, w))}
        </p>
      ) : (
        ''
      )}
      {options.length > 0 ? (
        <ul>
          {options.map((o) => (
            <li safe>{o.label}</li>
          ))}
        </ul>
      ) : (
        ''
      )}
      {children.length > 0 ? (
        <ul>
          {children.map((c) => (
            <li safe>{`${String(c.label ?? c.id)} — ${typeName(c.type, w)}`}</li>
          ))}
        </ul>
      ) : (
        ''
      )}
    </div>
  );
}

/** GET …/formulaire/apercu: the form as applicants will read it (no input). */
export function BuilderPreviewPage({ ctx, w, call, form }: BuilderProps) {
  return (
    <>
      <Crumbs ctx={ctx} w={w} call={call} current={w.preview} inBuilder />
      <h1 safe>{w.previewTitle(call.title)}</h1>
      <p safe>{w.previewLead}</p>
      {form.sections.length === 0 ? <p safe>{w.empty}</p> : ''}
      {form.sections.map((section, s) => (
        <section class="fr-mt-4w" aria-labelledby={`apercu-${section.id}`}>
          <h2 id={`apercu-${section.id}`} safe>
            {w.section(s + 1, section.title)}
          </h2>
          {section.description ? <p safe>{section.description}</p> : ''}
          {section.showIf ? (
            <p class="fr-text--sm" safe>
              {w.previewShownIf(conditionText(section.showIf, form, w))}
            </p>
          ) : (
            ''
          )}
          {section.fields.map((field) => (
            <PreviewField w={w} form={form} field={field} />
          ))}
        </section>
      ))}
      {form.eligibility.length > 0 ? (
        <section class="fr-mt-4w" aria-labelledby="apercu-eligibilite">
          <h2 id="apercu-eligibilite" safe>
            {w.eligibility}
          </h2>
          <ul>
            {form.eligibility.map((rule) => (
              <li safe>{`${conditionText(rule.condition, form, w)} — ${rule.reason}`}</li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      <p>
        <a class="fr-link" href={base(call)} safe>
          {w.breadcrumb}
        </a>
      </p>
    </>
  );
}
