import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Alert } from './Alert.js';
import { Notice } from './Notice.js';
import { $, $$, classes, dom, text } from './testing.js';

describe('Alert', () => {
  it('shows a typed alert with its title heading and description', async () => {
    const root = await dom(
      <Alert
        type="success"
        title="Dossier déposé"
        description="Un accusé de réception vous a été envoyé."
        role="status"
      />,
    );
    const alert = $(root, '.fr-alert');
    assert.deepEqual(classes(alert), ['fr-alert', 'fr-alert--success']);
    assert.equal(alert.attrs.role, 'status');
    assert.equal(text($(root, 'h3.fr-alert__title')), 'Dossier déposé');
    assert.equal(text($(root, 'p')), 'Un accusé de réception vous a été envoyé.');
  });

  it('has no close button (it would need an inline handler) and takes rich content', async () => {
    const root = await dom(
      <Alert type="info" size="sm" headingLevel={4} title="Instruction">
        <p>
          <a href="/dossiers/42">Suivre le dossier</a>
        </p>
      </Alert>,
    );
    assert.equal($$(root, 'button').length, 0);
    assert.ok(classes($(root, '.fr-alert')).includes('fr-alert--sm'));
    assert.equal($(root, 'h4').attrs.class, 'fr-alert__title');
    assert.equal($(root, 'a').attrs.href, '/dossiers/42');
  });
});

describe('Notice', () => {
  it('shows the title, the description and a link that says it opens a new window', async () => {
    const root = await dom(
      <Notice
        type="warning"
        title="Maintenance le 12 juin"
        description="Le service sera indisponible de 20 h à 22 h."
        link={{ href: 'https://status.example.gouv.fr/', label: 'En savoir plus', newWindow: true }}
      />,
    );
    assert.deepEqual(classes($(root, '.fr-notice')), ['fr-notice', 'fr-notice--warning']);
    assert.equal(text($(root, '.fr-notice__title')), 'Maintenance le 12 juin');
    assert.equal(text($(root, '.fr-notice__desc')), 'Le service sera indisponible de 20 h à 22 h.');
    const link = $(root, 'a.fr-notice__link');
    assert.equal(link.attrs.title, 'En savoir plus - nouvelle fenêtre');
    assert.equal(link.attrs.target, '_blank');
    assert.equal($$(root, 'button').length, 0);
  });
});
