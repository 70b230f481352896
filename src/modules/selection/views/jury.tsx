import type { RequestContext } from '../../../platform/http/context.js';
import type { FormState } from '../../../platform/http/forms.js';
import {
  Alert,
  Breadcrumb,
  Card,
  Checkbox,
  CheckboxGroup,
  ErrorSummary,
  Input,
  Table,
  Textarea,
} from '../../../platform/views/components/index.js';
import { IMPACT_DOMAIN_LABELS, IMPACT_DOMAINS, type ImpactDomain } from '../../organisations/index.js';
import { type Criterion, levelsOf } from '../selection.grid.js';
import type { JuryMessages } from '../selection.jury.fr.js';
import type { JuryMemberRow, SelectionCallRow } from '../selection.jury.queries.js';
import type { SelectionSettings } from '../selection.jury.service.js';

interface PageProps {
  ctx: RequestContext;
  w: JuryMessages;
  call: SelectionCallRow;
}

function Csrf({ ctx }: { ctx: RequestContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

function one(state: FormState | undefined, key: string): string | undefined {
  const v = state?.values[key];
  return typeof v === 'string' ? v : Array.isArray(v) ? v[0] : undefined;
}

function many(state: FormState | undefined, key: string): string[] | undefined {
  const v = state?.values[key];
  if (v === undefined) return undefined;
  return typeof v === 'string' ? [v] : v;
}

export function selectionBase(callId: string): string {
  return `/admin/appels/${callId}/selection`;
}

function Crumbs({ ctx, w, call, current }: PageProps & { current: string }) {
  const items = [
    { label: w.home, href: '/' },
    { label: w.instruction, href: '/instruction' },
    { label: call.title, href: `/instruction/appels/${call.id}` },
  ];
  if (current !== w.hub.title) items.push({ label: w.hub.title, href: selectionBase(call.id) });
  return <Breadcrumb items={items} current={current} labels={ctx.m.components} />;
}

const domainLabel = (d: ImpactDomain) => IMPACT_DOMAIN_LABELS[d];
const DOMAIN_OPTIONS = IMPACT_DOMAINS.map((d) => ({ value: d, label: IMPACT_DOMAIN_LABELS[d] }));

/** GET /admin/appels/:callId/selection: the steps of the selection of a call. */
export function SelectionHubPage({ ctx, w, call }: PageProps) {
  const base = selectionBase(call.id);
  const steps = [
    { title: w.hub.jury, href: `${base}/jury`, description: w.hub.juryDesc },
    { title: w.hub.grid, href: `${base}/grille`, description: w.hub.gridDesc },
    { title: w.hub.assignment, href: `${base}/affectation`, description: w.hub.assignmentDesc },
    { title: w.hub.ranking, href: `${base}/classement`, description: w.hub.rankingDesc },
    { title: w.hub.auditions, href: `${base}/auditions`, description: w.hub.auditionsDesc },
    {
      title: w.hub.deliberation,
      href: `/evaluations/appels/${call.id}/deliberation`,
      description: w.hub.deliberationDesc,
    },
  ];
  return (
    <>
      <Crumbs ctx={ctx} w={w} call={call} current={w.hub.title} />
      <h1 safe>{`${w.hub.title} — ${call.title}`}</h1>
      <p class="fr-text--lead" safe>
        {w.hub.lead}
      </p>
      <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list">
        {steps.map((s) => (
          <li class="fr-col-12 fr-col-md-6 fr-col-lg-4">
            <Card title={s.title} href={s.href} description={s.description} headingLevel={2} />
          </li>
        ))}
      </ul>
    </>
  );
}

function MemberFields({
  ctx,
  w,
  state,
  member,
}: {
  ctx: RequestContext;
  w: JuryMessages;
  state?: FormState;
  member?: { domains: ImpactDomain[]; capacity: number; is_president: boolean };
}) {
  return (
    <>
      <CheckboxGroup
        name="domaines"
        label={w.jury.domains}
        options={DOMAIN_OPTIONS}
        values={many(state, 'domaines') ?? member?.domains ?? []}
        error={state?.errors.domaines}
        inline
        size="sm"
        labels={ctx.m.components}
      />
      <Input
        name="capacite"
        label={w.jury.capacity}
        type="number"
        inputmode="numeric"
        min={0}
        max={10000}
        required
        value={one(state, 'capacite') ?? (member ? String(member.capacity) : '10')}
        error={state?.errors.capacite}
        labels={ctx.m.components}
      />
    </>
  );
}

/** GET /admin/appels/:callId/selection/jury: the jury and the form to appoint an évaluateur. */
export function JuryPage({
  ctx,
  w,
  call,
  members,
  state,
  notice,
  problem,
}: PageProps & { members: JuryMemberRow[]; state?: FormState; notice?: string; problem?: string }) {
  const base = `${selectionBase(call.id)}/jury`;
  return (
    <>
      <Crumbs ctx={ctx} w={w} call={call} current={w.jury.title} />
      <ErrorSummary errors={state?.summary ?? []} labels={ctx.m.components} />
      {problem ? <Alert type="error" size="sm" description={problem} role="alert" /> : ''}
      {notice ? <Alert type="success" size="sm" description={notice} role="status" /> : ''}
      <h1 safe>{`${w.jury.title} — ${call.title}`}</h1>
      <p safe>{w.jury.lead}</p>
      <Table
        caption={w.jury.caption}
        rows={members}
        emptyText={w.jury.empty}
        multiline
        columns={[
          { header: w.jury.colName, value: (m) => m.display_name, rowHeader: true },
          { header: w.jury.colEmail, value: (m) => m.email },
          {
            header: w.jury.colDomains,
            value: (m) => (m.domains.length ? m.domains.map(domainLabel).join(', ') : w.jury.noDomain),
          },
          { header: w.jury.colCapacity, value: (m) => m.capacity, align: 'right' },
          { header: w.jury.colPresident, value: (m) => (m.is_president ? w.jury.president : '') },
          { header: w.jury.colAssigned, value: (m) => m.assigned, align: 'right' },
          {
            header: w.jury.colActions,
            render: (m) => (
              <ul class="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
                <li>
                  <a class="fr-btn fr-btn--secondary" href={`${base}/${m.user_id}`} safe>
                    {w.jury.edit(m.display_name)}
                  </a>
                </li>
                <li>
                  <form method="post" action={`${base}/${m.user_id}/retrait`}>
                    <Csrf ctx={ctx} />
                    <button type="submit" class="fr-btn fr-btn--tertiary" safe>
                      {w.jury.remove(m.display_name)}
                    </button>
                  </form>
                </li>
              </ul>
            ),
          },
        ]}
      />
      <section class="fr-mt-4w fr-p-3w fr-background-alt--grey" aria-labelledby="nommer-titre">
        <h2 id="nommer-titre" safe>
          {w.jury.appointTitle}
        </h2>
        <p class="fr-text--sm" safe>
          {w.jury.appointLead}
        </p>
        <form method="post" action={base} novalidate>
          <Csrf ctx={ctx} />
          <Input
            name="email"
            label={w.jury.email}
            type="email"
            autocomplete="off"
            required
            value={one(state, 'email') ?? ''}
            error={state?.errors.email}
            labels={ctx.m.components}
          />
          <MemberFields ctx={ctx} w={w} state={state} />
          <button type="submit" class="fr-btn" safe>
            {w.jury.appoint}
          </button>
        </form>
      </section>
    </>
  );
}

/** GET /admin/appels/:callId/selection/jury/:userId: a member's domains, capacity and presidency. */
export function JuryMemberPage({
  ctx,
  w,
  call,
  member,
  state,
}: PageProps & { member: JuryMemberRow; state?: FormState }) {
  const base = `${selectionBase(call.id)}/jury`;
  const president = state ? one(state, 'president') === '1' : member.is_president;
  return (
    <>
      <Crumbs ctx={ctx} w={w} call={call} current={member.display_name} />
      <ErrorSummary errors={state?.summary ?? []} labels={ctx.m.components} />
      <h1 safe>{w.jury.editTitle(member.display_name)}</h1>
      <p safe>{member.email}</p>
      <form method="post" action={`${base}/${member.user_id}`} novalidate>
        <Csrf ctx={ctx} />
        <MemberFields ctx={ctx} w={w} state={state} member={member} />
        <Checkbox
          name="president"
          value="1"
          label={w.jury.isPresident}
          checked={president}
          labels={ctx.m.components}
        />
        <ul class="fr-btns-group fr-btns-group--inline fr-mt-3w">
          <li>
            <button type="submit" class="fr-btn" safe>
              {w.jury.save}
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={base} safe>
              {w.jury.back}
            </a>
          </li>
        </ul>
      </form>
    </>
  );
}

function levelsText(c: Criterion): string {
  return c.levels.map((l) => `${l.value} : ${l.label}`).join('\n');
}

function CriterionFields({
  ctx,
  w,
  state,
  criterion,
}: {
  ctx: RequestContext;
  w: JuryMessages;
  state?: FormState;
  criterion?: Criterion;
}) {
  const v = (key: string, fallback: string) => one(state, key) ?? fallback;
  const required = state
    ? one(state, 'commentaire_obligatoire') === '1'
    : (criterion?.commentRequired ?? false);
  return (
    <>
      <Input
        name="libelle"
        label={w.grid.label}
        required
        maxlength={200}
        value={v('libelle', criterion?.label ?? '')}
        error={state?.errors.libelle}
        labels={ctx.m.components}
      />
      <Textarea
        name="description"
        label={w.grid.description}
        rows={3}
        maxlength={2000}
        value={v('description', criterion?.description ?? '')}
        error={state?.errors.description}
        labels={ctx.m.components}
      />
      <Input
        name="poids"
        label={w.grid.weight}
        hint={w.grid.weightHint}
        inputmode="decimal"
        required
        value={v('poids', criterion ? String(criterion.weight).replace('.', ',') : '1')}
        error={state?.errors.poids}
        labels={ctx.m.components}
      />
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-6">
          <Input
            name="note_min"
            label={w.grid.scaleMin}
            type="number"
            inputmode="numeric"
            min={0}
            max={100}
            required
            value={v('note_min', String(criterion?.scale.min ?? 0))}
            error={state?.errors.note_min}
            labels={ctx.m.components}
          />
        </div>
        <div class="fr-col-6">
          <Input
            name="note_max"
            label={w.grid.scaleMax}
            type="number"
            inputmode="numeric"
            min={0}
            max={100}
            required
            value={v('note_max', String(criterion?.scale.max ?? 5))}
            error={state?.errors.note_max}
            labels={ctx.m.components}
          />
        </div>
      </div>
      <Textarea
        name="niveaux"
        label={w.grid.levels}
        hint={w.grid.levelsHint}
        rows={6}
        value={v('niveaux', criterion ? levelsText(criterion) : '')}
        error={state?.errors.niveaux}
        labels={ctx.m.components}
      />
      <Checkbox
        name="commentaire_obligatoire"
        value="1"
        label={w.grid.commentRequiredField}
        checked={required}
        labels={ctx.m.components}
      />
    </>
  );
}

/** GET /admin/appels/:callId/selection/grille: settings, the grid's criteria and the form to add one. */
export function GridPage({
  ctx,
  w,
  call,
  settings,
  settingsState,
  criterionState,
  notice,
  problem,
}: PageProps & {
  settings: SelectionSettings;
  settingsState?: FormState;
  criterionState?: FormState;
  notice?: string;
  problem?: string;
}) {
  const base = `${selectionBase(call.id)}/grille`;
  const s = settingsState;
  const frozen = settings.gridFrozen;
  const criteria = settings.grid.criteria;
  return (
    <>
      <Crumbs ctx={ctx} w={w} call={call} current={w.grid.title} />
      <ErrorSummary
        errors={[...(s?.summary ?? []), ...(criterionState?.summary ?? [])]}
        labels={ctx.m.components}
      />
      {problem ? <Alert type="error" size="sm" description={problem} role="alert" /> : ''}
      {notice ? <Alert type="success" size="sm" description={notice} role="status" /> : ''}
      <h1 safe>{`${w.grid.title} — ${call.title}`}</h1>

      <section class="fr-mt-4w" aria-labelledby="parametres-titre">
        <h2 id="parametres-titre" safe>
          {w.grid.settingsTitle}
        </h2>
        <form method="post" action={`${base}/parametres`} novalidate>
          <Csrf ctx={ctx} />
          <Input
            name="evaluateurs_par_dossier"
            label={w.grid.reviewersPerDossier}
            type="number"
            inputmode="numeric"
            min={1}
            max={20}
            required
            value={one(s, 'evaluateurs_par_dossier') ?? String(settings.reviewersPerDossier)}
            error={s?.errors.evaluateurs_par_dossier}
            labels={ctx.m.components}
          />
          <Checkbox
            name="voir_autres"
            value="1"
            label={w.grid.showOtherReviews}
            checked={s ? one(s, 'voir_autres') === '1' : settings.showOtherReviews}
            labels={ctx.m.components}
          />
          <div class="fr-grid-row fr-grid-row--gutters fr-mt-1w">
            <div class="fr-col-6">
              <Input
                name="quota_min"
                label={w.grid.quotaMin}
                type="number"
                inputmode="numeric"
                min={0}
                value={one(s, 'quota_min') ?? (settings.quotaMin === null ? '' : String(settings.quotaMin))}
                error={s?.errors.quota_min}
                labels={ctx.m.components}
              />
            </div>
            <div class="fr-col-6">
              <Input
                name="quota_max"
                label={w.grid.quotaMax}
                type="number"
                inputmode="numeric"
                min={0}
                value={one(s, 'quota_max') ?? (settings.quotaMax === null ? '' : String(settings.quotaMax))}
                error={s?.errors.quota_max}
                labels={ctx.m.components}
              />
            </div>
          </div>
          <Input
            name="seuil_desaccord"
            label={w.grid.threshold}
            hint={w.grid.thresholdHint}
            inputmode="decimal"
            required
            value={one(s, 'seuil_desaccord') ?? String(settings.disagreementThreshold).replace('.', ',')}
            error={s?.errors.seuil_desaccord}
            labels={ctx.m.components}
          />
          <button type="submit" class="fr-btn" safe>
            {w.grid.saveSettings}
          </button>
        </form>
      </section>

      <section class="fr-mt-6w" aria-labelledby="grille-titre">
        <h2 id="grille-titre" safe>
          {w.grid.gridTitle}
        </h2>
        {frozen ? <Alert type="info" size="sm" description={w.grid.frozen} /> : ''}
        <Table
          caption={w.grid.caption}
          rows={criteria.map((c, i) => ({ c, i }))}
          emptyText={w.grid.empty}
          multiline
          columns={[
            { header: w.grid.colCriterion, value: ({ c }) => c.label, rowHeader: true },
            {
              header: w.grid.colWeight,
              value: ({ c }) => String(c.weight).replace('.', ','),
              align: 'right',
            },
            { header: w.grid.colScale, value: ({ c }) => w.grid.scale(c.scale.min, c.scale.max) },
            {
              header: w.grid.colLevels,
              value: ({ c }) =>
                levelsOf(c)
                  .map((l) => `${l.value} : ${l.label}`)
                  .join(' ; '),
            },
            {
              header: w.grid.colComment,
              value: ({ c }) => (c.commentRequired ? w.grid.commentRequired : w.grid.commentOptional),
            },
            {
              header: w.grid.colActions,
              render: ({ c, i }) =>
                frozen ? (
                  <span />
                ) : (
                  <ul class="fr-btns-group fr-btns-group--sm">
                    <li>
                      <a class="fr-btn fr-btn--secondary" href={`${base}/criteres/${c.id}`} safe>
                        {w.grid.edit(c.label)}
                      </a>
                    </li>
                    {i > 0 ? (
                      <li>
                        <form method="post" action={`${base}/criteres/${c.id}/deplacement`}>
                          <Csrf ctx={ctx} />
                          <input type="hidden" name="sens" value="haut" />
                          <button type="submit" class="fr-btn fr-btn--tertiary" safe>
                            {w.grid.up(c.label)}
                          </button>
                        </form>
                      </li>
                    ) : (
                      ''
                    )}
                    {i < criteria.length - 1 ? (
                      <li>
                        <form method="post" action={`${base}/criteres/${c.id}/deplacement`}>
                          <Csrf ctx={ctx} />
                          <input type="hidden" name="sens" value="bas" />
                          <button type="submit" class="fr-btn fr-btn--tertiary" safe>
                            {w.grid.down(c.label)}
                          </button>
                        </form>
                      </li>
                    ) : (
                      ''
                    )}
                    <li>
                      <form method="post" action={`${base}/criteres/${c.id}/suppression`}>
                        <Csrf ctx={ctx} />
                        <button type="submit" class="fr-btn fr-btn--tertiary" safe>
                          {w.grid.remove(c.label)}
                        </button>
                      </form>
                    </li>
                  </ul>
                ),
            },
          ]}
        />
        {frozen ? (
          ''
        ) : (
          <>
            <form method="post" action={`${base}/commentaire-general`} class="fr-mt-2w">
              <Csrf ctx={ctx} />
              <Checkbox
                name="obligatoire"
                value="1"
                label={w.grid.overallRequired}
                checked={settings.grid.overallCommentRequired}
                labels={ctx.m.components}
              />
              <button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary" safe>
                {w.grid.saveOverall}
              </button>
            </form>
            <section class="fr-mt-4w fr-p-3w fr-background-alt--grey" aria-labelledby="ajout-titre">
              <h3 id="ajout-titre" safe>
                {w.grid.addTitle}
              </h3>
              <form method="post" action={`${base}/criteres`} novalidate>
                <Csrf ctx={ctx} />
                <CriterionFields ctx={ctx} w={w} state={criterionState} />
                <button type="submit" class="fr-btn" safe>
                  {w.grid.add}
                </button>
              </form>
            </section>
          </>
        )}
      </section>
    </>
  );
}

/** GET /admin/appels/:callId/selection/grille/criteres/:criterionId: editing one criterion. */
export function CriterionPage({
  ctx,
  w,
  call,
  criterion,
  state,
  problem,
}: PageProps & { criterion: Criterion; state?: FormState; problem?: string }) {
  const base = `${selectionBase(call.id)}/grille`;
  return (
    <>
      <Crumbs ctx={ctx} w={w} call={call} current={criterion.label} />
      <ErrorSummary errors={state?.summary ?? []} labels={ctx.m.components} />
      {problem ? <Alert type="error" size="sm" description={problem} role="alert" /> : ''}
      <h1 safe>{w.grid.editTitle(criterion.label)}</h1>
      <form method="post" action={`${base}/criteres/${criterion.id}`} novalidate>
        <Csrf ctx={ctx} />
        <CriterionFields ctx={ctx} w={w} state={state} criterion={criterion} />
        <ul class="fr-btns-group fr-btns-group--inline fr-mt-3w">
          <li>
            <button type="submit" class="fr-btn" safe>
              {w.grid.save}
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={base} safe>
              {w.grid.back}
            </a>
          </li>
        </ul>
      </form>
    </>
  );
}
