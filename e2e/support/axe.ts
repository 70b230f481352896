import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { AxeResults, Result, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

/** RGAA 4.1 is built on WCAG 2.1 AA: run exactly the rules of these levels. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type AxeWindow = { axe?: { run(context: unknown, options: RunOptions): Promise<AxeResults> } };

/**
 * Injects axe-core into the page and runs the WCAG 2.1 A/AA rules on the whole document.
 *
 * The platform's CSP (`script-src 'self' 'nonce-…'`) forbids inline scripts, and `addScriptTag({ path })`
 * inserts axe as an inline `<script>`: the page would refuse it. So the contexts that run axe are created
 * with `bypassCSP: true`. That switch only concerns this test browser context; the CSP itself is checked
 * in a separate context that does not bypass it (see the CSP test).
 */
export async function runAxe(page: Page): Promise<AxeResults> {
  const loaded = await page.evaluate(() => typeof (globalThis as unknown as AxeWindow).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(
    (tags) =>
      (globalThis as unknown as Required<AxeWindow>).axe.run(
        (globalThis as unknown as { document: unknown }).document,
        { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
      ),
    WCAG_TAGS,
  );
}

/** One line per violation and one per element: rule id, impact, help, CSS target, HTML excerpt. */
export function formatViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `      - ${JSON.stringify(n.target)} ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`)
        .join('\n');
      return `  * ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/** Asserts zero axe violations on the page, with a message listing each one and its elements. */
export async function assertNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await runAxe(page);
  const count = results.violations.reduce((n, v) => n + v.nodes.length, 0);
  assert.equal(
    results.violations.length,
    0,
    `axe: ${results.violations.length} rule(s) violated on ${count} element(s) — ${label} (${page.url()})\n${formatViolations(results.violations)}`,
  );
}
