import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentsEn } from '../../i18n/components.en.js';
import { ButtonsGroup } from './Button.js';
import { Modal, ModalButton } from './Modal.js';
import { $, brokenReferences, byId, classes, dom, text } from './testing.js';

describe('Modal', () => {
  it('is a dialog named by its title, with a labelled close button and an action area', async () => {
    const root = await dom(
      <>
        <ModalButton modalId="retrait" label="Retirer le dossier" />
        <Modal
          id="retrait"
          title="Retirer le dossier ?"
          footer={<ButtonsGroup buttons={[{ label: 'Confirmer', type: 'submit' }]} />}
        >
          <p>Le dossier ne sera plus instruit.</p>
        </Modal>
      </>,
    );
    const dialog = $(root, 'dialog.fr-modal');
    assert.equal(dialog.attrs.id, 'retrait');
    assert.equal(text(byId(root, dialog.attrs['aria-labelledby'] ?? '')), 'Retirer le dossier ?');
    const close = $(root, '.fr-modal__header button');
    assert.deepEqual(
      [close.attrs.title, text(close), close.attrs['aria-controls']],
      ['Fermer', 'Fermer', 'retrait'],
    );
    assert.ok(classes(close).includes('fr-btn--close'));
    assert.equal(text($(root, '.fr-modal__content p')), 'Le dossier ne sera plus instruit.');
    assert.equal(text($(root, '.fr-modal__footer button')), 'Confirmer');
    const opener = $(root, 'button[data-fr-opened]');
    assert.deepEqual(
      [opener.attrs['data-fr-opened'], opener.attrs['aria-controls'], opener.attrs.type],
      ['false', 'retrait', 'button'],
    );
    assert.deepEqual(brokenReferences(root), []);
  });

  it('prints the close word of the chosen language and takes a size', async () => {
    const root = await dom(<Modal id="m" title="Help" size="lg" labels={componentsEn} />);
    assert.equal($(root, '.fr-btn--close').attrs.title, 'Close');
    assert.ok($(root, '.fr-col-lg-8'));
  });
});
