import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentsEn } from '../../i18n/components.en.js';
import { Badge, BadgesGroup } from './Badge.js';
import { Tag, TagsGroup } from './Tag.js';
import { $, $$, classes, dom, text } from './testing.js';

describe('Badge', () => {
  it('shows a status badge with its system or accent class', async () => {
    const lauréat = $(await dom(<Badge label="Lauréat" type="success" size="sm" />), 'p');
    assert.deepEqual(classes(lauréat), ['fr-badge', 'fr-badge--success', 'fr-badge--sm']);
    assert.equal(text(lauréat), 'Lauréat');
    const theme = $(await dom(<Badge label="Inclusion" color="purple-glycine" as="span" />), 'span');
    assert.deepEqual(classes(theme), ['fr-badge', 'fr-badge--purple-glycine']);
  });

  it('groups badges in a list', async () => {
    const root = await dom(<BadgesGroup badges={[{ label: 'Déposé' }, { label: 'Nouveau', type: 'new' }]} />);
    assert.ok(classes($(root, 'ul')).includes('fr-badges-group'));
    assert.equal($$(root, 'li .fr-badge').length, 2);
  });
});

describe('Tag', () => {
  it('is a paragraph, a link, or a pressable button', async () => {
    assert.equal($(await dom(<Tag label="Bretagne" />), '.fr-tag').tag, 'p');
    const link = $(await dom(<Tag label="Insertion" href="/aap?theme=insertion" />), 'a.fr-tag');
    assert.equal(link.attrs.href, '/aap?theme=insertion');
    const pressed = $(
      await dom(<Tag label="Ouverts" pressed type="submit" name="statut" value="ouvert" />),
      'button',
    );
    assert.deepEqual(
      [pressed.attrs['aria-pressed'], pressed.attrs.type, pressed.attrs.name, pressed.attrs.value],
      ['true', 'submit', 'statut', 'ouvert'],
    );
    const notPressed = $(await dom(<Tag label="Clos" pressed={false} />), 'button');
    assert.equal(notPressed.attrs['aria-pressed'], 'false');
  });

  it('removes a filter through a link whose name says so and includes the visible text', async () => {
    const link = $(await dom(<Tag label="Bretagne" dismissHref="/aap?theme=insertion" />), 'a');
    assert.ok(classes(link).includes('fr-tag--dismiss'));
    assert.equal(link.attrs['aria-label'], 'Retirer le filtre Bretagne');
    assert.equal(text(link), 'Bretagne');
    const en = $(await dom(<Tag label="Brittany" dismissHref="/" labels={componentsEn} />), 'a');
    assert.equal(en.attrs['aria-label'], 'Remove the filter Brittany');
  });

  it('groups tags in a list', async () => {
    const root = await dom(<TagsGroup size="sm" tags={[{ label: 'A' }, { label: 'B' }]} />);
    assert.deepEqual(classes($(root, 'ul')), ['fr-tags-group', 'fr-tags-group--sm']);
  });
});
