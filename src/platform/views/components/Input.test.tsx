import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentsEn } from '../../i18n/components.en.js';
import { Button } from './Button.js';
import { Input, Textarea } from './Input.js';
import { $, $$, classes, description, dom, labelOf, text } from './testing.js';

describe('Input', () => {
  it('labels the field with its label and hint, and gives it an id derived from its name', async () => {
    const root = await dom(
      <Input name="association_nom" label="Nom de l’association" hint="Tel que déclaré en préfecture" />,
    );
    const input = $(root, 'input');
    assert.equal(input.attrs.id, 'field-association_nom');
    assert.equal(input.attrs.name, 'association_nom');
    assert.equal(input.attrs.type, 'text');
    assert.ok(classes(input).includes('fr-input'));
    assert.equal(text(labelOf(root, input)), 'Nom de l’association Tel que déclaré en préfecture');
    assert.equal(text($(root, 'label .fr-hint-text')), 'Tel que déclaré en préfecture');
    assert.equal($(root, '.fr-input-group').parent, root, 'the fr-input-group is the outer element');
  });

  it('shows the error under the field, linked by aria-describedby, and keeps the value', async () => {
    const root = await dom(
      <Input
        name="siret"
        label="Numéro SIRET"
        value="123 456"
        error="Le numéro SIRET doit comporter 14 chiffres."
      />,
    );
    const input = $(root, 'input');
    const group = $(root, '.fr-input-group');
    assert.ok(classes(group).includes('fr-input-group--error'));
    assert.equal(input.attrs.value, '123 456');
    assert.equal(input.attrs['aria-invalid'], 'true');
    assert.equal(description(root, input), 'Le numéro SIRET doit comporter 14 chiffres.');
    const message = $(root, '.fr-messages-group .fr-message--error');
    assert.ok(classes(message).includes('fr-message'));
    assert.equal(message.tag, 'p');
    assert.equal($(root, '.fr-messages-group').attrs['aria-live'], 'polite');
  });

  it('has no error state, message nor aria-invalid without error', async () => {
    const root = await dom(<Input name="ville" label="Ville" />);
    const input = $(root, 'input');
    assert.equal(input.attrs['aria-invalid'], undefined);
    assert.equal($$(root, '.fr-message').length, 0);
    assert.ok(!classes($(root, '.fr-input-group')).includes('fr-input-group--error'));
    assert.equal(description(root, input), '');
  });

  it('marks a required field with the attribute and a visible marker, in the chosen language', async () => {
    const fr = await dom(<Input name="courriel" label="Courriel" required />);
    assert.equal($(fr, 'input').attrs.required, '');
    assert.equal(text($(fr, 'label')), 'Courriel (obligatoire)');
    const en = await dom(<Input name="courriel" label="E-mail" required labels={componentsEn} />);
    assert.equal(text($(en, 'label')), 'E-mail (required)');
  });

  it('passes the type-specific attributes through', async () => {
    const root = await dom(
      <Input
        name="montant"
        label="Montant"
        type="number"
        inputmode="numeric"
        autocomplete="off"
        min={0}
        max={150000}
        step={100}
        value={0}
        spellcheck={false}
      />,
    );
    const input = $(root, 'input');
    assert.deepEqual(
      [input.attrs.type, input.attrs.inputmode, input.attrs.autocomplete, input.attrs.min, input.attrs.max],
      ['number', 'numeric', 'off', '0', '150000'],
    );
    assert.equal(input.attrs.step, '100');
    assert.equal(input.attrs.value, '0', 'the value 0 is kept');
    assert.equal(input.attrs.spellcheck, 'false');
  });

  it('never sends a password back to the browser', async () => {
    const root = await dom(
      <Input name="mot_de_passe" type="password" label="Mot de passe" value="s3cret" error="Trop court." />,
    );
    assert.equal($(root, 'input').attrs.value, undefined);
  });

  it('disables the field and its group', async () => {
    const root = await dom(<Input name="numero" label="Numéro" disabled value="FI-1" />);
    assert.equal($(root, 'input').attrs.disabled, '');
    assert.ok(classes($(root, '.fr-input-group')).includes('fr-input-group--disabled'));
  });

  it('shows a success message with the valid state', async () => {
    const root = await dom(<Input name="code" label="Code" valid="Code accepté." />);
    assert.ok(classes($(root, '.fr-input-group')).includes('fr-input-group--valid'));
    assert.equal(text($(root, '.fr-message--valid')), 'Code accepté.');
  });

  it('wraps the field with its add-on button or icon', async () => {
    const withAddon = await dom(
      <Input name="code_invitation" label="Code" addon={<Button label="Valider" type="submit" />} />,
    );
    const wrap = $(withAddon, '.fr-input-wrap');
    assert.ok(classes(wrap).includes('fr-input-wrap--addon'));
    assert.equal($$(withAddon, '.fr-input-wrap input').length, 1);
    assert.equal(text($(withAddon, '.fr-input-wrap button[type="submit"]')), 'Valider');
    const withIcon = await dom(<Input name="mail" label="Courriel" icon="fr-icon-mail-line" />);
    assert.ok(classes($(withIcon, '.fr-input-wrap')).includes('fr-icon-mail-line'));
  });

  it('accepts an explicit id', async () => {
    const root = await dom(<Input name="q" id="recherche-libre" label="Recherche" />);
    assert.equal($(root, 'label').attrs.for, 'recherche-libre');
    assert.equal($(root, 'input').attrs['aria-describedby'], 'recherche-libre-messages');
  });
});

describe('Textarea', () => {
  it('is a labelled fr-input textarea that keeps its value and shows its error', async () => {
    const root = await dom(
      <Textarea
        name="projet_presentation"
        label="Présentation du projet"
        value="Une ressourcerie"
        rows={5}
        maxlength={2000}
        error="Décrivez le projet en 50 caractères au moins."
      />,
    );
    const area = $(root, 'textarea');
    assert.ok(classes(area).includes('fr-input'));
    assert.equal(text(labelOf(root, area)), 'Présentation du projet');
    assert.equal(text(area), 'Une ressourcerie');
    assert.equal(area.attrs.rows, '5');
    assert.equal(area.attrs.maxlength, '2000');
    assert.equal(description(root, area), 'Décrivez le projet en 50 caractères au moins.');
    assert.ok(classes($(root, '.fr-input-group')).includes('fr-input-group--error'));
  });
});
