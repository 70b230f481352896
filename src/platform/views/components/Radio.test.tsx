import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RadioGroup } from './Radio.js';
import { $, $$, byId, classes, dom, idRefs, labelOf, text } from './testing.js';

const formes = [
  { value: 'association', label: 'Association' },
  { value: 'scic', label: 'SCIC', hint: 'Société coopérative d’intérêt collectif' },
  { value: 'esus', label: 'Entreprise ESUS' },
];

describe('RadioGroup', () => {
  it('is a fieldset whose legend names the group and whose radios are labelled', async () => {
    const root = await dom(<RadioGroup name="forme" label="Forme juridique" options={formes} />);
    const fieldset = $(root, 'fieldset');
    assert.ok(classes(fieldset).includes('fr-fieldset'));
    assert.equal(text(byId(root, idRefs(fieldset, 'aria-labelledby')[0] ?? '')), 'Forme juridique');
    const radios = $$(root, 'input[type="radio"]');
    assert.deepEqual(
      radios.map((r) => [r.attrs.id, r.attrs.name, r.attrs.value, text(labelOf(root, r))]),
      [
        ['field-forme', 'forme', 'association', 'Association'],
        ['field-forme-2', 'forme', 'scic', 'SCIC Société coopérative d’intérêt collectif'],
        ['field-forme-3', 'forme', 'esus', 'Entreprise ESUS'],
      ],
    );
    assert.equal($$(root, '.fr-radio-group').length, 3);
  });

  it('keeps the checked value and requires a choice', async () => {
    const root = await dom(<RadioGroup name="forme" label="Forme" options={formes} value="scic" required />);
    assert.deepEqual(
      $$(root, 'input[checked]').map((r) => r.attrs.value),
      ['scic'],
    );
    assert.equal($$(root, 'input[required]').length, 3);
    assert.equal(text($(root, 'legend')), 'Forme (obligatoire)');
  });

  it('shows its error in the fieldset, included in the group name', async () => {
    const root = await dom(
      <RadioGroup name="forme" label="Forme" options={formes} error="Choisissez une forme." />,
    );
    const fieldset = $(root, 'fieldset');
    assert.ok(classes(fieldset).includes('fr-fieldset--error'));
    const messages = byId(root, idRefs(fieldset, 'aria-labelledby')[1] ?? '');
    assert.ok(messages && classes(messages).includes('fr-messages-group'));
    assert.equal(text(messages), 'Choisissez une forme.');
    assert.ok(classes($(root, '.fr-message')).includes('fr-message--error'));
  });
});
