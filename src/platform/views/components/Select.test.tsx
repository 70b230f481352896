import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentsEn } from '../../i18n/components.en.js';
import { Select } from './Select.js';
import { $, $$, classes, description, dom, labelOf, text } from './testing.js';

const regions = [
  { value: '53', label: 'Bretagne' },
  { value: '11', label: 'Île-de-France' },
  { value: '84', label: 'Auvergne-Rhône-Alpes', disabled: true },
];

describe('Select', () => {
  it('is a labelled fr-select with a placeholder first option, selected when there is no value', async () => {
    const root = await dom(<Select name="region" label="Région" options={regions} />);
    const select = $(root, 'select');
    assert.ok(classes(select).includes('fr-select'));
    assert.equal(select.attrs.id, 'field-region');
    assert.equal(text(labelOf(root, select)), 'Région');
    assert.ok(classes($(root, '.fr-select-group')).includes('fr-select-group'));
    const options = $$(root, 'option');
    assert.deepEqual(
      options.map((o) => [o.attrs.value, text(o)]),
      [
        ['', 'Sélectionner une option'],
        ['53', 'Bretagne'],
        ['11', 'Île-de-France'],
        ['84', 'Auvergne-Rhône-Alpes'],
      ],
    );
    assert.equal(options[0]?.attrs.selected, '');
    assert.equal(options[0]?.attrs.disabled, undefined, 'an optional select can be emptied again');
    assert.equal(options[3]?.attrs.disabled, '');
  });

  it('keeps the submitted value selected', async () => {
    const root = await dom(<Select name="region" label="Région" options={regions} value="11" />);
    assert.deepEqual(
      $$(root, 'option[selected]').map((o) => o.attrs.value),
      ['11'],
    );
  });

  it('shows its error, linked by aria-describedby, and marks it required', async () => {
    const root = await dom(
      <Select name="region" label="Région" options={regions} required error="Sélectionnez une région." />,
    );
    const select = $(root, 'select');
    assert.ok(classes($(root, '.fr-select-group')).includes('fr-select-group--error'));
    assert.equal(description(root, select), 'Sélectionnez une région.');
    assert.equal(select.attrs.required, '');
    assert.equal(select.attrs['aria-invalid'], 'true');
    assert.equal($(root, 'option[value=""]').attrs.disabled, '', 'the placeholder cannot be chosen');
    assert.equal(text($(root, 'label')), 'Région (obligatoire)');
  });

  it('renders option groups, a custom placeholder or none, and English words', async () => {
    const root = await dom(
      <Select
        name="thematique"
        label="Thématique"
        placeholder={false}
        value="reemploi"
        options={[{ label: 'Transition écologique', options: [{ value: 'reemploi', label: 'Réemploi' }] }]}
      />,
    );
    assert.equal($(root, 'optgroup').attrs.label, 'Transition écologique');
    assert.equal($$(root, 'option').length, 1);
    assert.equal($(root, 'optgroup option').attrs.selected, '');
    const en = await dom(<Select name="r" label="Region" options={regions} labels={componentsEn} />);
    assert.equal(text($(en, 'option[value=""]')), 'Select an option');
  });
});
