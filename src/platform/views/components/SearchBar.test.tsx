import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SearchBar } from './SearchBar.js';
import { $, classes, description, dom, labelOf, text } from './testing.js';

describe('SearchBar', () => {
  it('is a GET form with a labelled search field and a submit button', async () => {
    const root = await dom(
      <SearchBar id="rech" action="/organisations" label="Rechercher une structure" value="ressourcerie" />,
    );
    const form = $(root, 'form');
    assert.deepEqual([form.attrs.method, form.attrs.action], ['get', '/organisations']);
    assert.equal($(root, '.fr-search-bar').attrs.role, 'search');
    const input = $(root, 'input');
    assert.deepEqual(
      [input.attrs.type, input.attrs.name, input.attrs.value],
      ['search', 'q', 'ressourcerie'],
    );
    assert.equal(text(labelOf(root, input)), 'Rechercher une structure');
    const button = $(root, 'button');
    assert.deepEqual(
      [button.attrs.type, button.attrs.title, text(button)],
      ['submit', 'Rechercher', 'Rechercher'],
    );
  });

  it('shows its error linked to the field', async () => {
    const root = await dom(<SearchBar error="Saisissez au moins 2 caractères." value="a" />);
    const input = $(root, 'input');
    assert.ok(classes(input).includes('fr-input--error'));
    assert.equal(description(root, input), 'Saisissez au moins 2 caractères.');
    assert.equal($(root, 'form').attrs.action, undefined, 'posts to the current page by default');
  });
});
