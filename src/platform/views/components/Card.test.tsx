import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ButtonsGroup } from './Button.js';
import { Card } from './Card.js';
import { Tile } from './Tile.js';
import { $, $$, classes, dom, text } from './testing.js';

describe('Card', () => {
  it('is clickable as a whole through its title link', async () => {
    const root = await dom(
      <Card
        title="Fabriques à initiatives 2025"
        href="/aap/fabriques"
        description="Soutenir l’émergence"
        detailStart="Ouvert jusqu’au 30 juin"
        badges={[{ label: 'Ouvert', type: 'success' }]}
        detailEnd="2 000 000 €"
      />,
    );
    assert.deepEqual(classes($(root, '.fr-card')), ['fr-card', 'fr-enlarge-link']);
    const link = $(root, 'h3.fr-card__title a');
    assert.equal(link.attrs.href, '/aap/fabriques');
    assert.equal(text(link), 'Fabriques à initiatives 2025');
    assert.equal(text($(root, '.fr-card__desc')), 'Soutenir l’émergence');
    assert.equal(text($(root, '.fr-card__start .fr-card__detail')), 'Ouvert jusqu’au 30 juin');
    assert.equal($$(root, '.fr-card__start .fr-badge').length, 1);
    assert.equal(text($(root, '.fr-card__end .fr-card__detail')), '2 000 000 €');
  });

  it('is not clickable as a whole when it has an action area', async () => {
    const root = await dom(
      <Card
        title="Dossier 42"
        href="/dossiers/42"
        footer={<ButtonsGroup buttons={[{ label: 'Reprendre', href: '/dossiers/42/modifier' }]} />}
      />,
    );
    assert.ok(!classes($(root, '.fr-card')).includes('fr-enlarge-link'));
    assert.equal($$(root, '.fr-card__footer a').length, 1);
  });

  it('says when its link opens a new window, and takes a heading level and an image', async () => {
    const root = await dom(
      <Card
        title="Guide"
        href="https://example.org/"
        newWindow
        headingLevel={4}
        image={{ src: '/img/guide.jpg', alt: '' }}
      />,
    );
    const link = $(root, 'h4 a');
    assert.equal(link.attrs.title, 'Guide - nouvelle fenêtre');
    assert.equal(link.attrs.target, '_blank');
    const img = $(root, '.fr-card__header img');
    assert.equal(img.attrs.alt, '');
    assert.equal(img.attrs.src, '/img/guide.jpg');
  });

  it('shows a plain title without link', async () => {
    const root = await dom(<Card title="Sans lien" />);
    assert.equal($$(root, 'a').length, 0);
    assert.equal(text($(root, '.fr-card__title')), 'Sans lien');
  });
});

describe('Tile', () => {
  it('is clickable, with a decorative pictogram', async () => {
    const root = await dom(
      <Tile
        title="Déposer un dossier"
        href="/dossiers/nouveau"
        description="Candidater"
        pictogram="/p/document-add.svg"
      />,
    );
    assert.deepEqual(classes($(root, '.fr-tile')), ['fr-tile', 'fr-enlarge-link']);
    assert.equal($(root, 'h3.fr-tile__title a').attrs.href, '/dossiers/nouveau');
    assert.equal($(root, 'svg').attrs['aria-hidden'], 'true');
    assert.deepEqual(
      $$(root, 'use').map((u) => u.attrs.href),
      [
        '/p/document-add.svg#artwork-decorative',
        '/p/document-add.svg#artwork-minor',
        '/p/document-add.svg#artwork-major',
      ],
    );
  });

  it('downloads a file and shows its detail', async () => {
    const root = await dom(<Tile title="Rapport" href="/r.pdf" download detail="PDF - 2 Mo" />);
    assert.ok(classes($(root, '.fr-tile')).includes('fr-tile--download'));
    assert.equal($(root, 'a').attrs.download, '');
    assert.equal(text($(root, '.fr-tile__detail')), 'PDF - 2 Mo');
  });
});
