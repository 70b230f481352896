import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentsEn } from '../../i18n/components.en.js';
import { $, classes, description, dom, labelOf, text } from './testing.js';
import { Upload, uploadHint } from './Upload.js';

describe('Upload', () => {
  it('is a labelled file input whose hint gives the size and formats it accepts', async () => {
    const root = await dom(
      <Upload name="statuts" label="Statuts" accept={['.pdf', '.jpg']} maxSize="10 Mo" required />,
    );
    const input = $(root, 'input');
    assert.equal(input.attrs.type, 'file');
    assert.ok(classes(input).includes('fr-upload'));
    assert.equal(input.attrs.accept, '.pdf,.jpg');
    assert.equal(input.attrs.required, '');
    assert.equal(
      text(labelOf(root, input)),
      'Statuts (obligatoire) Taille maximale : 10 Mo. Formats acceptés : pdf, jpg.',
    );
    assert.ok(classes($(root, '.fr-upload-group')).length > 0);
  });

  it('shows its error linked to the field', async () => {
    const root = await dom(<Upload name="budget" label="Budget" error="Format non accepté." />);
    assert.ok(classes($(root, '.fr-upload-group')).includes('fr-upload-group--error'));
    assert.equal(description(root, $(root, 'input')), 'Format non accepté.');
  });

  it('builds the hint from what is known, in the chosen language', () => {
    assert.equal(uploadHint({ maxSize: '5 Mo' }), 'Taille maximale : 5 Mo.');
    assert.equal(uploadHint({ accept: ['.pdf'] }), 'Formats acceptés : pdf.');
    assert.equal(
      uploadHint({ accept: ['.pdf'], multiple: true, hint: 'Comptes 2024.' }),
      'Formats acceptés : pdf. Plusieurs fichiers possibles. Comptes 2024.',
    );
    assert.equal(uploadHint({}), '');
    assert.equal(
      uploadHint({ maxSize: '5 MB', accept: ['.pdf', '.png'], labels: componentsEn }),
      'Maximum size: 5 MB. Accepted formats: pdf, png.',
    );
  });

  it('allows several files', async () => {
    const root = await dom(<Upload name="pieces" label="Pièces" multiple />);
    assert.equal($(root, 'input').attrs.multiple, '');
  });
});
