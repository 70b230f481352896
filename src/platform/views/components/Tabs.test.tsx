import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Accordion, AccordionsGroup } from './Accordion.js';
import { Tabs } from './Tabs.js';
import { $, $$, brokenReferences, byId, classes, dom, text } from './testing.js';

describe('Tabs', () => {
  it('renders every panel, each labelled by its tab, the selected one marked', async () => {
    const root = await dom(
      <Tabs
        id="dossier"
        label="Informations du dossier"
        selected={1}
        tabs={[
          { label: 'Projet', content: <p>Une ressourcerie</p> },
          { label: 'Budget', content: <p>25 000 €</p> },
          { label: 'Pièces', content: <p>3 pièces</p> },
        ]}
      />,
    );
    assert.equal($(root, '[role="tablist"]').attrs['aria-label'], 'Informations du dossier');
    const tabs = $$(root, 'button[role="tab"]');
    assert.deepEqual(
      tabs.map((t) => [text(t), t.attrs['aria-selected'], t.attrs.tabindex]),
      [
        ['Projet', 'false', '-1'],
        ['Budget', 'true', '0'],
        ['Pièces', 'false', '-1'],
      ],
    );
    const panels = $$(root, '[role="tabpanel"]');
    assert.equal(panels.length, 3, 'all panels are in the page');
    assert.deepEqual(
      panels.map((p) => text(p)),
      ['Une ressourcerie', '25 000 €', '3 pièces'],
    );
    for (const [i, tab] of tabs.entries()) {
      const panel = byId(root, tab.attrs['aria-controls'] ?? '');
      assert.equal(panel, panels[i]);
      assert.equal(panel?.attrs['aria-labelledby'], tab.attrs.id);
    }
    assert.deepEqual(
      panels.map((p) => classes(p).includes('fr-tabs__panel--selected')),
      [false, true, false],
    );
    assert.deepEqual(brokenReferences(root), []);
  });
});

describe('Accordion', () => {
  it('puts its content right after its button, controlled by it, closed by default', async () => {
    const root = await dom(
      <Accordion id="faq-qui" title="Qui peut candidater ?">
        <p>Les associations.</p>
      </Accordion>,
    );
    const button = $(root, 'h3.fr-accordion__title button.fr-accordion__btn');
    assert.equal(button.attrs.type, 'button');
    assert.equal(button.attrs['aria-expanded'], 'false');
    const content = byId(root, button.attrs['aria-controls'] ?? '');
    assert.ok(content && classes(content).includes('fr-collapse'));
    assert.equal(text(content), 'Les associations.');
    assert.ok(!classes(content).includes('fr-collapse--expanded'));
  });

  it('groups accordions, opens one on load and can let several be open', async () => {
    const root = await dom(
      <AccordionsGroup
        exclusive={false}
        headingLevel={4}
        items={[
          { id: 'a1', title: 'Délais', expanded: true, content: <p>Trois mois.</p> },
          { id: 'a2', title: 'Versement', content: <p>En deux fois.</p> },
        ]}
      />,
    );
    assert.equal($(root, '.fr-accordions-group').attrs['data-fr-group'], 'false');
    assert.deepEqual(
      $$(root, 'h4 button').map((b) => b.attrs['aria-expanded']),
      ['true', 'false'],
    );
    assert.ok(classes($(root, '#a1')).includes('fr-collapse--expanded'));
    assert.equal(text($(root, '#a2')), 'En deux fois.');
  });
});
