import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentsEn } from '../../i18n/components.en.js';
import { componentsFr } from '../../i18n/components.fr.js';
import { fieldId, formatLabel, optionId, safeUrl } from './shared.js';

describe('fieldId', () => {
  it('turns a field name into a valid, stable id', () => {
    assert.equal(fieldId('email'), 'field-email');
    assert.equal(fieldId('adresse.codePostal'), 'field-adresse-codePostal');
    assert.equal(fieldId('themes[]'), 'field-themes');
    assert.equal(fieldId('pièces jointes'), 'field-pieces-jointes');
    assert.equal(fieldId('<script>'), 'field-script');
    assert.equal(fieldId(''), 'field-unnamed');
    assert.match(fieldId('a b/c"d\'e'), /^[A-Za-z][\w-]*$/);
  });

  it('numbers the options of a group after the first, which carries the group id', () => {
    assert.deepEqual(
      [0, 1, 2].map((i) => optionId('field-duree', i)),
      ['field-duree', 'field-duree-2', 'field-duree-3'],
    );
  });
});

describe('safeUrl', () => {
  it('keeps ordinary URLs and refuses script-bearing schemes', () => {
    for (const ok of [
      '/dossiers?page=2',
      'https://www.economie.gouv.fr/',
      '#contenu',
      'mailto:contact@example.fr',
    ]) {
      assert.equal(safeUrl(ok), ok);
    }
    for (const bad of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
    ]) {
      assert.equal(safeUrl(bad), '#', bad);
    }
  });
});

describe('component word catalogues', () => {
  it('have the same keys in French and English, and placeholders filled by formatLabel', () => {
    assert.deepEqual(Object.keys(componentsEn).sort(), Object.keys(componentsFr).sort());
    assert.equal(
      formatLabel(componentsFr.uploadHint, { size: '10 Mo', types: 'pdf' }),
      'Taille maximale : 10 Mo. Formats acceptés : pdf.',
    );
    assert.equal(formatLabel('{missing}', {}), '{missing}');
  });
});
