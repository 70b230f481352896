import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Checkbox, CheckboxGroup } from './Checkbox.js';
import { fieldId } from './shared.js';
import { $, $$, byId, classes, description, dom, idRefs, labelOf, text } from './testing.js';

const publics = [
  { value: 'jeunes', label: 'Jeunes' },
  { value: 'seniors', label: 'Personnes âgées', hint: 'Plus de 60 ans' },
  { value: 'qpv', label: 'Quartiers prioritaires' },
];

describe('Checkbox', () => {
  it('is a labelled checkbox that keeps its state and shows its error', async () => {
    const root = await dom(
      <Checkbox
        name="attestation"
        value="oui"
        label="J’atteste sur l’honneur"
        checked
        required
        error="Vous devez attester sur l’honneur."
      />,
    );
    const input = $(root, 'input');
    assert.equal(input.attrs.type, 'checkbox');
    assert.equal(input.attrs.id, fieldId('attestation'));
    assert.equal(input.attrs.value, 'oui');
    assert.equal(input.attrs.checked, '');
    assert.equal(input.attrs.required, '');
    assert.equal(text(labelOf(root, input)), 'J’atteste sur l’honneur (obligatoire)');
    assert.ok(classes($(root, '.fr-checkbox-group')).includes('fr-checkbox-group--error'));
    assert.equal(description(root, input), 'Vous devez attester sur l’honneur.');
  });
});

describe('CheckboxGroup', () => {
  it('is a fieldset with a legend and one labelled box per option, sharing the name', async () => {
    const root = await dom(<CheckboxGroup name="publics" label="Publics bénéficiaires" options={publics} />);
    const fieldset = $(root, 'fieldset');
    assert.ok(classes(fieldset).includes('fr-fieldset'));
    const legend = $(root, 'fieldset legend');
    assert.equal(text(legend), 'Publics bénéficiaires');
    assert.ok(idRefs(fieldset, 'aria-labelledby').includes(legend.attrs.id ?? '?'));
    const boxes = $$(root, 'input[type="checkbox"]');
    assert.equal(boxes.length, 3);
    for (const box of boxes) {
      assert.equal(box.attrs.name, 'publics');
      assert.ok(labelOf(root, box), `box ${box.attrs.value} has a label`);
    }
    assert.equal(text(labelOf(root, boxes[1] ?? boxes[0]!)), 'Personnes âgées Plus de 60 ans');
  });

  it('gives the first box the field id, so an error summary link lands on it', async () => {
    const root = await dom(<CheckboxGroup name="publics" label="Publics" options={publics} />);
    assert.deepEqual(
      $$(root, 'input').map((i) => i.attrs.id),
      ['field-publics', 'field-publics-2', 'field-publics-3'],
    );
  });

  it('keeps the checked values', async () => {
    const root = await dom(
      <CheckboxGroup name="publics" label="Publics" options={publics} values={['jeunes', 'qpv']} />,
    );
    assert.deepEqual(
      $$(root, 'input[checked]').map((i) => i.attrs.value),
      ['jeunes', 'qpv'],
    );
  });

  it('puts the group in error, the message in its name, and does not require every box', async () => {
    const root = await dom(
      <CheckboxGroup
        name="publics"
        label="Publics"
        options={publics}
        required
        error="Cochez au moins un public."
      />,
    );
    const fieldset = $(root, 'fieldset');
    assert.ok(classes(fieldset).includes('fr-fieldset--error'));
    const named = idRefs(fieldset, 'aria-labelledby').map((id) => text(byId(root, id)));
    assert.deepEqual(named, ['Publics (obligatoire)', 'Cochez au moins un public.']);
    assert.equal($$(root, 'input[required]').length, 0);
  });

  it('lays options inline on request', async () => {
    const root = await dom(<CheckboxGroup name="f" label="Financeurs" options={publics} inline />);
    assert.equal($$(root, '.fr-fieldset__element--inline').length, 3);
  });
});
