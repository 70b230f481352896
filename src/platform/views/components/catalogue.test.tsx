import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ComponentCatalogue, catalogue } from './catalogue.js';
import * as components from './index.js';
import {
  $$,
  allElements,
  brokenReferences,
  byId,
  cspViolations,
  dom,
  labelOf,
  parse,
  render,
  text,
} from './testing.js';

const root = await dom(<ComponentCatalogue />);

describe('ComponentCatalogue', () => {
  it('has one h2 per component and one h3 per example, and no h1', () => {
    assert.equal($$(root, 'h1').length, 0);
    assert.deepEqual(
      $$(root, 'h2').map((h) => h.attrs.id),
      catalogue.map((entry) => entry.slug),
    );
    assert.deepEqual(
      $$(root, 'h3').map((h) => text(h)),
      catalogue.flatMap((entry) => entry.examples.map((example) => example.title)),
    );
  });

  it('shows at least two examples of every component, and every exported component in one of them', () => {
    for (const entry of catalogue)
      assert.ok(entry.examples.length >= 2 || entry.slug === 'resume-des-erreurs', entry.slug);
    const documented = catalogue.flatMap((entry) => entry.code.split(/,\s*/));
    const exported = Object.entries(components)
      .filter(
        ([name, value]) =>
          typeof value === 'function' && /^[A-Z]/.test(name) && name !== 'ComponentCatalogue',
      )
      .map(([name]) => name);
    assert.deepEqual(
      exported.filter((name) => !documented.includes(name)),
      [],
    );
  });

  it('has unique ids and no reference to a missing id', () => {
    assert.deepEqual(brokenReferences(root), []);
  });

  it('has no inline style, script or event handler (strict CSP)', () => {
    assert.deepEqual(cspViolations(root), []);
  });

  it('labels every form control', () => {
    const controls = allElements(root).filter(
      (el) => ['input', 'select', 'textarea'].includes(el.tag) && el.attrs.type !== 'hidden',
    );
    assert.ok(controls.length > 20);
    for (const control of controls) {
      assert.ok(text(labelOf(root, control)).length > 0, `${control.tag}#${control.attrs.id} has a label`);
    }
  });

  it('gives every table a caption, every image an alt, every button and link a name', () => {
    for (const table of $$(root, 'table')) assert.ok(text($$(table, 'caption')[0]).length > 0);
    for (const img of $$(root, 'img')) assert.ok(img.attrs.alt !== undefined);
    for (const el of [...$$(root, 'button'), ...$$(root, 'a')]) {
      assert.ok(
        text(el).length > 0 || el.attrs['aria-label'],
        `<${el.tag} class="${el.attrs.class}"> has a name`,
      );
    }
  });

  it('says when a link opens a new window', () => {
    for (const link of $$(root, 'a[target="_blank"]')) {
      assert.match(link.attrs.title ?? '', / - nouvelle fenêtre$/);
      assert.ok((link.attrs.title ?? '').startsWith(text(link)), 'the title repeats the link text');
      assert.match(link.attrs.rel ?? '', /noopener/);
    }
  });

  it('links the error summary of its example to the fields rendered with it', () => {
    const links = $$(root, '#resume-erreurs-exemple a');
    assert.equal(links.length, 4);
    for (const link of links) {
      const target = byId(root, (link.attrs.href ?? '#').slice(1));
      assert.ok(target && ['input', 'select', 'textarea'].includes(target.tag), link.attrs.href);
    }
  });

  it('renders each example on its own into well-formed markup', async () => {
    for (const entry of catalogue) {
      for (const example of entry.examples) {
        const html = await render(example.render());
        assert.doesNotThrow(() => parse(html), `${entry.slug}: ${example.title}`);
        assert.ok(html.length > 0);
      }
    }
  });
});
