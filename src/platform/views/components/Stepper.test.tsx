import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentsEn } from '../../i18n/components.en.js';
import { Stepper } from './Stepper.js';
import { $, $$, dom, text } from './testing.js';

describe('Stepper', () => {
  it('says which step this is, of how many, and what comes next', async () => {
    const root = await dom(
      <Stepper title="Votre structure" current={1} total={3} nextTitle="Votre projet" />,
    );
    assert.equal(text($(root, 'h2.fr-stepper__title')), 'Votre structure Étape 1 sur 3');
    const steps = $(root, '.fr-stepper__steps');
    assert.deepEqual([steps.attrs['data-fr-current-step'], steps.attrs['data-fr-steps']], ['1', '3']);
    assert.equal(text($(root, '.fr-stepper__details')), 'Étape suivante : Votre projet');
  });

  it('has no next step on the last one and clamps the step', async () => {
    const root = await dom(
      <Stepper title="Dépôt" current={9} total={3} nextTitle="Rien" labels={componentsEn} />,
    );
    assert.equal(text($(root, '.fr-stepper__state')), 'Step 3 of 3');
    assert.equal($$(root, '.fr-stepper__details').length, 0);
  });
});
