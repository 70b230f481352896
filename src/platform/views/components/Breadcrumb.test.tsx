import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentsEn } from '../../i18n/components.en.js';
import { Breadcrumb } from './Breadcrumb.js';
import { $, $$, brokenReferences, dom, text } from './testing.js';

describe('Breadcrumb', () => {
  it('is a named navigation with links to ancestors and the current page marked', async () => {
    const root = await dom(
      <Breadcrumb
        items={[
          { label: 'Accueil', href: '/' },
          { label: 'Appels à projets', href: '/appels-a-projets' },
        ]}
        current="Fabriques à initiatives 2025"
      />,
    );
    assert.equal($(root, 'nav.fr-breadcrumb').attrs['aria-label'], 'vous êtes ici :');
    assert.deepEqual(
      $$(root, 'ol.fr-breadcrumb__list li a').map((a) => [
        text(a),
        a.attrs.href ?? null,
        a.attrs['aria-current'] ?? null,
      ]),
      [
        ['Accueil', '/', null],
        ['Appels à projets', '/appels-a-projets', null],
        ['Fabriques à initiatives 2025', null, 'page'],
      ],
    );
    const toggle = $(root, 'button.fr-breadcrumb__button');
    assert.equal(toggle.attrs.type, 'button');
    assert.equal(toggle.attrs['aria-expanded'], 'false');
    assert.equal(text(toggle), 'Voir le fil d’Ariane');
    assert.deepEqual(brokenReferences(root), []);
  });

  it('speaks English with the English catalogue', async () => {
    const root = await dom(<Breadcrumb items={[]} current="Home" labels={componentsEn} id="bc" />);
    assert.equal($(root, 'nav').attrs['aria-label'], 'you are here:');
    assert.equal($(root, 'button').attrs['aria-controls'], 'bc');
  });
});
