import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentsEn } from '../../i18n/components.en.js';
import { Toggle } from './Toggle.js';
import { $, classes, description, dom, labelOf, text } from './testing.js';

describe('Toggle', () => {
  it('is a labelled checkbox switch, its hint and messages in its description', async () => {
    const root = await dom(
      <Toggle
        name="notifications"
        label="Recevoir les notifications"
        hint="Par courriel"
        checked
        showState
      />,
    );
    const input = $(root, 'input');
    assert.equal(input.attrs.type, 'checkbox');
    assert.ok(classes(input).includes('fr-toggle__input'));
    assert.equal(input.attrs.checked, '');
    const label = labelOf(root, input);
    assert.equal(text(label), 'Recevoir les notifications');
    assert.equal(label?.attrs['data-fr-checked-label'], 'Activé');
    assert.equal(label?.attrs['data-fr-unchecked-label'], 'Désactivé');
    assert.equal(description(root, input), 'Par courriel');
  });

  it('shows its error and the state words of the chosen language', async () => {
    const root = await dom(
      <Toggle name="partage" label="Share" showState error="Sharing is mandatory." labels={componentsEn} />,
    );
    assert.ok(classes($(root, '.fr-toggle')).includes('fr-toggle--error'));
    assert.equal(description(root, $(root, 'input')), 'Sharing is mandatory.');
    assert.equal($(root, 'label').attrs['data-fr-checked-label'], 'On');
  });

  it('prints no state words unless asked', async () => {
    const root = await dom(<Toggle name="annuaire" label="Annuaire" />);
    assert.equal($(root, 'label').attrs['data-fr-checked-label'], undefined);
    assert.equal($(root, 'input').attrs.checked, undefined);
  });
});
