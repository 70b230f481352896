import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callsBuilderFr as w } from './calls.builder.fr.js';
import {
  addField,
  addRule,
  addSection,
  answeringFieldCount,
  checkDraft,
  type DraftForm,
  deleteField,
  deleteSection,
  EMPTY_FORM,
  fieldValues,
  issuesToInputs,
  moveField,
  moveSection,
  pathOf,
  readField,
  readRule,
  readStoredForm,
  suggestId,
  toDraft,
  updateField,
} from './calls.builder.js';
import { PIONNIERS_FORM } from './calls.form.sample.js';

const ids = (form: DraftForm) => form.sections.map((s) => [s.id, ...s.fields.map((f) => f.id)]);

function small(): DraftForm {
  let form = addSection(EMPTY_FORM, { id: 'a', title: 'A' });
  form = addSection(form, { id: 'b', title: 'B' });
  form = addField(form, 'a', {
    id: 'oui_non',
    type: 'yes_no',
    label: 'Oui ou non ?',
    required: true,
  }) as DraftForm;
  form = addField(form, 'a', { id: 'nom', type: 'text', label: 'Nom' }) as DraftForm;
  form = addField(form, 'b', { id: 'montant', type: 'money', label: 'Montant' }) as DraftForm;
  return form;
}

describe('form builder operations', () => {
  test('add sections and fields; the empty form and a small form are valid', () => {
    assert.equal(checkDraft(EMPTY_FORM).ok, true);
    const form = small();
    assert.deepEqual(ids(form), [
      ['a', 'oui_non', 'nom'],
      ['b', 'montant'],
    ]);
    assert.equal(checkDraft(form).ok, true);
    assert.equal(answeringFieldCount(form), 3);
    assert.equal(answeringFieldCount(EMPTY_FORM), 0);
    assert.deepEqual(EMPTY_FORM.sections, [], 'operations never change their input');
    assert.equal(addField(form, 'inconnue', { id: 'x', type: 'text', label: 'X' }), null);
  });

  test('moves stay in place at the ends and cross sections in reading order', () => {
    const form = small();
    assert.deepEqual(ids(moveField(form, 'nom', 'up') as DraftForm)[0], ['a', 'nom', 'oui_non']);
    assert.deepEqual(ids(moveField(form, 'nom', 'down') as DraftForm), [
      ['a', 'oui_non'],
      ['b', 'nom', 'montant'],
    ]);
    assert.deepEqual(ids(moveField(form, 'montant', 'up') as DraftForm), [
      ['a', 'oui_non', 'nom', 'montant'],
      ['b'],
    ]);
    assert.deepEqual(ids(moveField(form, 'oui_non', 'up') as DraftForm), ids(form));
    assert.deepEqual(ids(moveField(form, 'montant', 'down') as DraftForm), ids(form));
    assert.deepEqual(
      (moveSection(form, 'b', 'up') as DraftForm).sections.map((s) => s.id),
      ['b', 'a'],
    );
    assert.deepEqual(
      (moveSection(form, 'a', 'up') as DraftForm).sections.map((s) => s.id),
      ['a', 'b'],
    );
    assert.equal(moveField(form, 'inconnu', 'up'), null);
  });

  test('a condition on a later field is refused by the check, with its path and message', () => {
    const form = small();
    const field = readField(
      { label: 'Précisez', cond_field: 'montant', cond_op: 'is_answered' },
      'text',
      form,
      w,
    );
    assert.deepEqual(field.errors, {});
    const candidate = addField(form, 'a', field.value) as DraftForm;
    const checked = checkDraft(candidate);
    assert.equal(checked.ok, false);
    if (checked.ok) return;
    const { errors, general } = issuesToInputs(
      checked.issues,
      pathOf(candidate, 'field', 'precisez'),
      'text',
    );
    assert.deepEqual(general, []);
    assert.equal(
      errors.cond_field,
      'Le champ « Précisez » (precisez) : la condition porte sur le champ « montant », qui doit être placé avant lui.',
    );
    // Moving the referenced field before it makes the same condition valid.
    const moved = moveField(moveField(candidate, 'montant', 'up') as DraftForm, 'montant', 'up') as DraftForm;
    assert.deepEqual(ids(moved)[0], ['a', 'oui_non', 'nom', 'montant', 'precisez']);
    assert.equal(checkDraft(moved).ok, true);
  });

  test('deleting a field another condition names is refused, deleting a section takes its fields', () => {
    let form = small();
    form = addRule(form, {
      id: 'regle',
      condition: { field: 'oui_non', op: 'is_yes' },
      reason: 'Répondez oui.',
    });
    assert.equal(checkDraft(form).ok, true);
    const without = deleteField(form, 'oui_non') as DraftForm;
    const checked = checkDraft(without);
    assert.equal(checked.ok, false);
    if (!checked.ok) {
      const { general } = issuesToInputs(checked.issues, null);
      assert.match(
        general[0] ?? '',
        /La règle d’éligibilité « regle » : la condition porte sur le champ « oui_non », qui n’existe pas/,
      );
    }
    assert.deepEqual(ids(deleteSection(form, 'a') as DraftForm), [['b', 'montant']]);
  });

  test('field posts are read with their limits, French numbers, euros, dates and options', () => {
    const form = small();
    const money = readField(
      { label: 'Budget', min_euros: '1 500', max_euros: '20 000,50', required: 'oui' },
      'money',
      form,
      w,
    );
    assert.deepEqual(money.value, {
      id: 'budget',
      type: 'money',
      label: 'Budget',
      required: true,
      minCents: 150000,
      maxCents: 2000050,
    });
    const choice = readField(
      { label: 'Statut', options: 'asso | Association\nscop | SCOP\n', display: 'select' },
      'choice',
      form,
      w,
    );
    assert.deepEqual(choice.value.options, [
      { value: 'asso', label: 'Association' },
      { value: 'scop', label: 'SCOP' },
    ]);
    assert.equal(choice.value.display, 'select');
    const bad = readField({ label: 'Statut', options: 'sans barre ni libellé |' }, 'choice', form, w);
    assert.equal(
      bad.errors.options,
      'La ligne « sans barre ni libellé | » doit être de la forme « valeur | libellé »',
    );
    const date = readField({ label: 'Début', min_date: '31/02/2027' }, 'date', form, w);
    assert.equal(date.errors.min_date, 'Date au plus tôt doit être une date réelle, au format jj/mm/aaaa');
    const file = readField(
      { label: 'Statuts', allowed_types: 'application/pdf\nimage/*', max_size_mb: '2,5' },
      'attachment',
      form,
      w,
    );
    assert.deepEqual(file.value.allowedTypes, ['application/pdf', 'image/*']);
    assert.equal(file.value.maxSize, 2.5 * 1024 * 1024);
    const block = readField(
      {
        label: 'Partenaires',
        children: '[{"id":"p_nom","type":"text","label":"Nom"}]',
        max_occurrences: '5',
      },
      'repeatable_block',
      form,
      w,
    );
    assert.deepEqual(block.errors, {});
    assert.equal(checkDraft(addField(form, 'b', block.value) as DraftForm).ok, true);
    const brokenJson = readField({ label: 'Partenaires', children: '[{' }, 'repeatable_block', form, w);
    assert.match(brokenJson.errors.children ?? '', /^Les champs du bloc doivent être une liste JSON valide/);
    // A money condition is typed in euros and stored in cents.
    const cond = readField(
      { label: 'Détail', cond_field: 'montant', cond_op: 'equals', cond_value: '12,50' },
      'text',
      form,
      w,
    );
    assert.deepEqual(cond.value.showIf, { field: 'montant', op: 'equals', value: 1250 });
    const rule = readRule({ reason: 'Raison' }, form, w);
    assert.equal(rule.errors.cond_field, 'Choisissez le champ de la condition');
  });

  test('limits refused by the schema land under their input; values round-trip to the edit page', () => {
    const form = small();
    const text = readField({ label: 'Titre', min_length: '50', max_length: '10' }, 'text', form, w);
    const candidate = addField(form, 'a', text.value) as DraftForm;
    const checked = checkDraft(candidate);
    assert.equal(checked.ok, false);
    if (!checked.ok) {
      const { errors } = issuesToInputs(checked.issues, pathOf(candidate, 'field', 'titre'), 'text');
      assert.equal(
        errors.min_length,
        'Le champ « Titre » (titre) : le minimum (50) dépasse le maximum (10).',
      );
    }
    const sample = toDraft(PIONNIERS_FORM);
    for (const section of sample.sections) {
      for (const field of section.fields) {
        const back = readField(fieldValues(field, sample), field.type as never, sample, w, field.id);
        assert.deepEqual(back.errors, {}, field.id);
        const same = updateField(sample, field.id, back.value) as DraftForm;
        const checkedSame = checkDraft(same);
        assert.ok(checkedSame.ok, field.id);
        assert.deepEqual(checkedSame.form, PIONNIERS_FORM, `${field.id} survives its edit page unchanged`);
      }
    }
  });

  test('ids are derived from labels and kept unique; a stored form is read back', () => {
    assert.equal(suggestId('Nom du projet', new Set()), 'nom_du_projet');
    assert.equal(suggestId('Nom du projet', new Set(['nom_du_projet'])), 'nom_du_projet_2');
    assert.equal(suggestId('2 salariés', new Set()), 'champ_2_salaries');
    assert.equal(suggestId('', new Set(), 'section'), 'section');
    assert.deepEqual(readStoredForm({ version: 1, sections: [], eligibility: [] }), EMPTY_FORM);
    assert.deepEqual(readStoredForm(JSON.parse(JSON.stringify(PIONNIERS_FORM))), PIONNIERS_FORM);
  });
});
