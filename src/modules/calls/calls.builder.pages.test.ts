import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp, type TestClient } from '../../platform/testing/app.js';
import { fieldId } from '../../platform/views/components/shared.js';
import { createTestUser, openTestSession, type TestUser } from '../accounts/testing.js';
import { PIONNIERS_FORM } from './calls.form.sample.js';
import { seedDemoCalls } from './calls.seed.js';

const DAY = 24 * 60 * 60 * 1000;

describe('calls: form builder, versions and instructeurs', () => {
  let t: TestApp;
  let admin: TestUser;
  let client: TestClient;
  let n = 0;

  async function signedIn(user: TestUser): Promise<TestClient> {
    const c = t.client();
    c.cookies.set(
      t.app.sessionCookieName,
      await openTestSession(t.database.db, user.id, { secondFactor: true }),
    );
    await c.get('/admin');
    return c;
  }

  /** A draft call created through its page, open since yesterday; its id. */
  async function createCall(): Promise<string> {
    const opens = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    const res = await client.post('/admin/appels/nouveau', {
      slug: `constructeur-${++n}`,
      kind: 'projets',
      title: `Appel construit ${n}`,
      presentation: 'Présentation.',
      opens_date: opens,
      opens_time: '00:00',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 1000));
    const id = /\/admin\/appels\/([0-9a-f-]{36})\//.exec(String(res.headers.location))?.[1];
    assert.ok(id);
    return id;
  }

  async function row(id: string) {
    return t.database.db
      .selectFrom('calls')
      .select(['form', 'form_version', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  async function versions(id: string) {
    return t.database.db
      .selectFrom('call_form_versions')
      .select(['version', 'form'])
      .where('call_id', '=', id)
      .orderBy('version')
      .execute();
  }

  async function post(path: string, form: Record<string, string>, status = 303) {
    const res = await client.post(path, form);
    assert.equal(res.statusCode, status, `${path}: ${res.body.slice(0, 3000)}`);
    return res;
  }

  /** The ids of sections and fields, in reading order. */
  async function layout(id: string): Promise<string[][]> {
    const { form } = await row(id);
    const f = form as { sections: { id: string; fields: { id: string }[] }[] };
    return f.sections.map((s) => [s.id, ...s.fields.map((x) => x.id)]);
  }

  before(async () => {
    t = await createTestApp();
    admin = await createTestUser(t.database.db, {
      email: 'admin.formulaire@exemple.fr',
      roles: [{ role: 'administrator', scope: null }],
    });
    client = await signedIn(admin);
  });
  after(() => t.close());

  test('an administrator builds a form with a conditional field and a rule, reorders and deletes', async () => {
    const id = await createCall();
    const base = `/admin/appels/${id}/formulaire`;
    const preview = await client.get(`/admin/appels/${id}/apercu`);
    assert.match(preview.body, new RegExp(`href="${base}"`));
    assert.match(preview.body, new RegExp(`href="/admin/appels/${id}/instructeurs"`));

    // A form with no field cannot be published.
    const early = await client.post(`/admin/appels/${id}/publication`, {});
    assert.equal(early.statusCode, 400);
    assert.match(
      early.body,
      /Pour publier l’appel, indiquez d’abord : Au moins une question dans le formulaire/,
    );

    const empty = await client.get(base);
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /Le formulaire n’a encore aucune section/);

    await post(`${base}/sections/nouvelle`, { title: 'Le projet', id: '', description: 'Présentez-le.' });
    await post(`${base}/sections/nouvelle`, { title: 'Financement', id: 'financement' });
    assert.deepEqual(await layout(id), [['le_projet'], ['financement']]);

    // The type is chosen first (a GET form), then the field's own inputs.
    const choose = await client.get(`${base}/sections/le_projet/champs/nouveau`);
    assert.equal(choose.statusCode, 200);
    assert.match(choose.body, /<option value="repeatable_block"[^>]*>Bloc répétable<\/option>/);
    const moneyPage = await client.get(`${base}/sections/financement/champs/nouveau?type=money`);
    assert.match(moneyPage.body, /Montant minimal \(euros\)/);

    await post(`${base}/sections/le_projet/champs/nouveau`, {
      type: 'yes_no',
      label: 'Avez-vous déjà été financé ?',
      id: 'deja_finance',
      required: 'oui',
    });
    await post(`${base}/sections/le_projet/champs/nouveau`, {
      type: 'money',
      label: 'Montant reçu',
      id: 'montant_recu',
      min_euros: '100',
      max_euros: '1 000 000',
      cond_field: 'deja_finance',
      cond_op: 'is_yes',
    });
    await post(`${base}/sections/financement/champs/nouveau`, {
      type: 'choice',
      label: 'Statut juridique',
      options: 'asso | Association\nscop | SCOP',
      display: 'radio',
    });
    assert.deepEqual(await layout(id), [
      ['le_projet', 'deja_finance', 'montant_recu'],
      ['financement', 'statut_juridique'],
    ]);
    const saved = (await row(id)).form as { sections: { fields: Record<string, unknown>[] }[] };
    assert.deepEqual(saved.sections[0]?.fields[1], {
      id: 'montant_recu',
      type: 'money',
      label: 'Montant reçu',
      required: false,
      minCents: 10000,
      maxCents: 100000000,
      showIf: { field: 'deja_finance', op: 'is_yes' },
    });

    // A condition on a later field: refused with its message under the condition, values kept, nothing saved.
    const before = (await row(id)).form;
    const later = await post(
      `${base}/sections/le_projet/champs/nouveau`,
      {
        type: 'text',
        label: 'Précisions',
        id: 'precisions',
        cond_field: 'statut_juridique',
        cond_op: 'equals',
        cond_value: 'asso',
      },
      400,
    );
    assert.match(
      later.body,
      /Le champ « Précisions » \(precisions\) : la condition porte sur le champ « statut_juridique », qui doit être placé avant lui\./,
    );
    assert.match(later.body, new RegExp(`href="#${fieldId('cond_field')}"`));
    assert.match(later.body, /name="label" value="Précisions"/);
    assert.deepEqual((await row(id)).form, before);

    // The overview shows the condition in words.
    const overview = await client.get(base);
    assert.match(overview.body, /« Avez-vous déjà été financé \? » vaut oui/);

    // A rule on an unknown option value is refused; on a real one, saved.
    const badRule = await post(
      `${base}/regles/nouvelle`,
      {
        cond_field: 'statut_juridique',
        cond_op: 'equals',
        cond_value: 'sarl',
        reason: 'Réservé aux associations.',
      },
      400,
    );
    assert.match(badRule.body, /la valeur « sarl » n’est pas une option du champ « statut_juridique »/);
    await post(`${base}/regles/nouvelle`, {
      cond_field: 'statut_juridique',
      cond_op: 'in',
      cond_value: 'asso\nscop',
      reason: 'Réservé aux associations et SCOP.',
      id: 'statut_ess',
    });
    const rules = ((await row(id)).form as { eligibility: unknown[] }).eligibility;
    assert.deepEqual(rules, [
      {
        id: 'statut_ess',
        condition: { field: 'statut_juridique', op: 'in', values: ['asso', 'scop'] },
        reason: 'Réservé aux associations et SCOP.',
      },
    ]);

    // Reorder: the question moves up into the first section; the sections swap.
    await post(`${base}/champs/statut_juridique/deplacement`, { direction: 'up' });
    assert.deepEqual(await layout(id), [
      ['le_projet', 'deja_finance', 'montant_recu', 'statut_juridique'],
      ['financement'],
    ]);
    await post(`${base}/sections/financement/deplacement`, { direction: 'up' });
    assert.deepEqual(await layout(id), [
      ['financement'],
      ['le_projet', 'deja_finance', 'montant_recu', 'statut_juridique'],
    ]);
    // Moving the conditional field above the one it depends on is refused, nothing changes.
    const badMove = await post(`${base}/champs/montant_recu/deplacement`, { direction: 'up' }, 400);
    assert.match(badMove.body, /Cette modification rendrait le formulaire invalide/);
    assert.match(badMove.body, /qui doit être placé avant lui/);

    // Edit: the page shows the saved values, euros back from cents.
    const edit = await client.get(`${base}/champs/montant_recu/modifier`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /name="min_euros" value="100"/);
    assert.match(edit.body, /<option value="deja_finance" selected/);
    await post(`${base}/champs/montant_recu/modifier`, {
      type: 'money',
      label: 'Montant déjà reçu',
      id: 'montant_recu',
      max_euros: '50 000',
      cond_field: 'deja_finance',
      cond_op: 'is_yes',
    });
    const edited = ((await row(id)).form as { sections: { fields: Record<string, unknown>[] }[] }).sections[1]
      ?.fields[1];
    assert.deepEqual(edited, {
      id: 'montant_recu',
      type: 'money',
      label: 'Montant déjà reçu',
      required: false,
      maxCents: 5000000,
      showIf: { field: 'deja_finance', op: 'is_yes' },
    });

    // Deleting a field a rule names is refused; deleting the rule then the field works.
    const refused = await post(`${base}/champs/statut_juridique/suppression`, {}, 400);
    assert.match(refused.body, /La règle d’éligibilité « statut_ess »/);
    await post(`${base}/regles/statut_ess/suppression`, {});
    await post(`${base}/champs/statut_juridique/suppression`, {});
    await post(`${base}/sections/financement/suppression`, {});
    assert.deepEqual(await layout(id), [['le_projet', 'deja_finance', 'montant_recu']]);

    const page = await client.get(`${base}/apercu`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Montant déjà reçu/);
    assert.match(page.body, /Affiché si : « Avez-vous déjà été financé \? » vaut oui/);

    assert.equal((await client.get(`${base}/champs/inconnu/modifier`)).statusCode, 404);
    // A page older than the form (the field deleted meanwhile): 409 with the reason, nothing saved.
    const gone = await post(`${base}/champs/statut_juridique/deplacement`, { direction: 'up' }, 409);
    assert.match(gone.body, /Cet élément n’existe plus dans le formulaire/);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('object_id', '=', id)
      .where('action', '=', 'calls.form.update')
      .execute();
    assert.equal(audit.length, 12, 'one event per saved change');
    assert.deepEqual(await versions(id), [], 'a draft records no version');
  });

  test('publishing records version 1; a later change records version 2 and keeps version 1', async () => {
    const id = await createCall();
    const base = `/admin/appels/${id}/formulaire`;
    await post(`${base}/sections/nouvelle`, { title: 'Projet', id: 'projet' });
    await post(`${base}/sections/projet/champs/nouveau`, {
      type: 'text',
      label: 'Nom du projet',
      id: 'nom',
      required: 'oui',
    });
    assert.equal((await row(id)).form_version, 0);
    await post(`/admin/appels/${id}/publication`, {});
    const published = await row(id);
    assert.equal(published.form_version, 1);
    const v1 = await versions(id);
    assert.equal(v1.length, 1);
    assert.deepEqual(v1[0]?.form, published.form);

    const page = await client.get(base);
    assert.match(page.body, /le formulaire en est à sa version 1/);
    assert.match(page.body, /Supprimer un champ d’un formulaire publié est possible/);

    await post(`${base}/sections/projet/champs/nouveau`, {
      type: 'long_text',
      label: 'Résumé',
      id: 'resume',
    });
    const after = await row(id);
    assert.equal(after.form_version, 2);
    const all = await versions(id);
    assert.deepEqual(
      all.map((v) => v.version),
      [1, 2],
    );
    assert.deepEqual(all[0]?.form, published.form, 'version 1 unchanged');
    assert.deepEqual(all[1]?.form, after.form);

    // An invalid change records no version.
    await post(`${base}/sections/projet/champs/nouveau`, { type: 'text', label: 'Nom', id: 'nom' }, 400);
    assert.equal((await row(id)).form_version, 2);

    // Deleting a field of a published form is allowed: a new version.
    await post(`${base}/champs/resume/suppression`, {});
    assert.equal((await row(id)).form_version, 3);

    // Closed early: the form no longer changes (409), nothing recorded.
    await post(`/admin/appels/${id}/cloture`, { closed_message: 'Clos.' });
    const closed = await post(
      `${base}/sections/projet/champs/nouveau`,
      { type: 'text', label: 'Autre', id: 'autre' },
      409,
    );
    assert.match(closed.body, /Un appel clos par anticipation ne change plus de formulaire/);
    assert.equal((await row(id)).form_version, 3);
    assert.equal((await versions(id)).length, 3);
  });

  test('instructeurs are added by address, refused for an unknown one, and removed', async () => {
    const id = await createCall();
    const url = `/admin/appels/${id}/instructeurs`;
    const someone = await createTestUser(t.database.db, {
      email: 'instructrice@exemple.fr',
      name: 'Inès Tructrice',
    });

    const empty = await client.get(url);
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /Aucun instructeur pour cet appel/);

    const unknown = await post(url, { email: 'personne@exemple.fr' }, 400);
    assert.match(unknown.body, /Aucun compte n’utilise cette adresse/);
    assert.match(unknown.body, /value="personne@exemple.fr"/);
    assert.match(unknown.body, new RegExp(`href="#${fieldId('email')}"`));

    await post(url, { email: 'Instructrice@Exemple.fr' });
    const list = await client.get(`${url}?ajoute=1`);
    assert.match(list.body, /Inès Tructrice/);
    assert.match(list.body, /L’instructeur est ajouté/);
    const [assignment] = await t.database.db
      .selectFrom('role_assignments')
      .select(['id', 'user_id'])
      .where('role', '=', 'instructor')
      .where('scope_type', '=', 'call')
      .where('scope_id', '=', id)
      .execute();
    assert.equal(assignment?.user_id, someone.id);
    const again = await post(url, { email: 'instructrice@exemple.fr' }, 409);
    assert.match(again.body, /déjà instructeur de cet appel/);

    // Another call's page cannot remove this assignment.
    const other = await createCall();
    assert.equal(
      (await client.post(`/admin/appels/${other}/instructeurs/${assignment?.id}/retrait`, {})).statusCode,
      404,
    );

    await post(`${url}/${assignment?.id}/retrait`, {});
    assert.doesNotMatch((await client.get(url)).body, /Inès Tructrice/);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('actor_id', '=', admin.id)
      .where('action', 'in', ['roles.grant', 'roles.revoke'])
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['roles.grant', 'roles.revoke'],
    );

    // Not for anyone else.
    const plain = await signedIn(await createTestUser(t.database.db));
    assert.equal((await plain.get(url)).statusCode, 403);
  });

  test('the demo calls get the sample form as version 1, idempotently', async () => {
    await seedDemoCalls(t.database.db);
    await seedDemoCalls(t.database.db);
    const call = await t.database.db
      .selectFrom('calls')
      .select(['id', 'form', 'form_version'])
      .where('slug', '=', 'fonds-amorcage-french-impact')
      .executeTakeFirstOrThrow();
    assert.equal(call.form_version, 1);
    assert.deepEqual(call.form, JSON.parse(JSON.stringify(PIONNIERS_FORM)));
    const rows = await versions(call.id);
    assert.deepEqual(
      rows.map((r) => r.version),
      [1],
    );
  });
});
