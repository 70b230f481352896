import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentsEn } from '../../i18n/components.en.js';
import { Button, ButtonsGroup } from './Button.js';
import { $, $$, classes, dom, text } from './testing.js';

describe('Button', () => {
  it('is a type="button" fr-btn by default, and submits when asked', async () => {
    const plain = $(await dom(<Button label="Annuler" />), 'button');
    assert.equal(plain.attrs.type, 'button');
    assert.deepEqual(classes(plain), ['fr-btn']);
    assert.equal(text(plain), 'Annuler');
    const submit = $(
      await dom(<Button label="Enregistrer" type="submit" name="action" value="brouillon" />),
      'button',
    );
    assert.deepEqual(
      [submit.attrs.type, submit.attrs.name, submit.attrs.value],
      ['submit', 'action', 'brouillon'],
    );
  });

  it('applies kind, size and icon classes', async () => {
    const button = $(
      await dom(<Button label="Télécharger" kind="secondary" size="sm" icon="fr-icon-download-line" />),
      'button',
    );
    assert.deepEqual(classes(button), [
      'fr-btn',
      'fr-btn--secondary',
      'fr-btn--sm',
      'fr-icon-download-line',
      'fr-btn--icon-left',
    ]);
  });

  it('keeps the text of an icon-only button for screen readers and repeats it in title', async () => {
    const button = $(
      await dom(<Button label="Supprimer la pièce jointe" icon="fr-icon-delete-line" iconPosition="only" />),
      'button',
    );
    assert.equal(text(button), 'Supprimer la pièce jointe');
    assert.equal(button.attrs.title, 'Supprimer la pièce jointe');
    assert.ok(!classes(button).some((c) => c.startsWith('fr-btn--icon-')));
  });

  it('renders a link styled as a button when given href', async () => {
    const link = $(await dom(<Button label="Reprendre" href="/dossiers/42" />), 'a');
    assert.equal(link.attrs.href, '/dossiers/42');
    assert.deepEqual(classes(link), ['fr-btn']);
    assert.equal(link.attrs.target, undefined);
  });

  it('says when a link opens a new window', async () => {
    const link = $(await dom(<Button label="Règlement" href="https://example.gouv.fr/" newWindow />), 'a');
    assert.equal(link.attrs.target, '_blank');
    assert.equal(link.attrs.rel, 'noopener');
    assert.equal(link.attrs.title, 'Règlement - nouvelle fenêtre');
    const en = $(await dom(<Button label="Rules" href="/r" newWindow labels={componentsEn} />), 'a');
    assert.equal(en.attrs.title, 'Rules - new window');
  });

  it('disables buttons and links', async () => {
    assert.equal($(await dom(<Button label="Transmettre" disabled />), 'button').attrs.disabled, '');
    const link = $(await dom(<Button label="Voir" href="/x" disabled />), 'a');
    assert.equal(link.attrs.href, undefined);
    assert.equal(link.attrs['aria-disabled'], 'true');
    assert.equal(link.attrs.role, 'link');
  });

  it('marks download links', async () => {
    const link = $(await dom(<Button label="PDF" href="/r.pdf" download />), 'a');
    assert.equal(link.attrs.download, '');
  });
});

describe('ButtonsGroup', () => {
  it('lists the buttons in a fr-btns-group', async () => {
    const root = await dom(
      <ButtonsGroup
        inline
        align="right"
        buttons={[
          { label: 'Déposer', type: 'submit' },
          { label: 'Annuler', kind: 'secondary' },
        ]}
      />,
    );
    const group = $(root, 'ul');
    assert.deepEqual(classes(group), ['fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--right']);
    assert.deepEqual(
      $$(root, 'li button').map((b) => text(b)),
      ['Déposer', 'Annuler'],
    );
  });
});

describe('ButtonsGroup layout', () => {
  it('puts buttons side by side from a breakpoint, in reverse visual order', async () => {
    const root = await dom(<ButtonsGroup inline="lg" reverse buttons={[{ label: 'Confirmer' }]} />);
    assert.deepEqual(classes($(root, 'ul')), [
      'fr-btns-group',
      'fr-btns-group--inline-lg',
      'fr-btns-group--inline-reverse',
    ]);
  });
});
