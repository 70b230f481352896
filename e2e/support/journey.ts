import assert from 'node:assert/strict';
import type { Locator, Page, Response } from 'playwright-core';
import { totpCode } from '../../src/platform/totp/index.js';

/** Clicks `target` (a link or a submit button) and waits for the page that answers; returns its response. */
export async function clickAndWait(page: Page, target: Locator): Promise<Response | null> {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), target.click()]);
  return response;
}

/** Goes to `path` and asserts the status of the answer (200 by default). */
export async function visit(page: Page, path: string, status = 200): Promise<void> {
  const response = await page.goto(path, { waitUntil: 'load' });
  assert.equal(response?.status(), status, `GET ${path}: status ${response?.status()}, expected ${status}`);
}

/**
 * Signs in through /connexion with a password, then with a TOTP code when `totpSecret` is given; ends on
 * the page the sign-in leads to. `codeTime` picks the 30-second step of the code (a code is never accepted
 * twice for one account).
 */
export async function signIn(
  page: Page,
  account: { email: string; password: string; totpSecret?: string },
  codeTime: number = Date.now(),
): Promise<void> {
  await visit(page, '/connexion');
  const form = page.locator('main form[action="/connexion"]');
  await form.locator('input[name="email"]').fill(account.email);
  await form.locator('input[name="password"]').fill(account.password);
  await clickAndWait(page, form.locator('button[type="submit"]').first());
  if (account.totpSecret) {
    assert.equal(
      new URL(page.url()).pathname,
      '/connexion/double-authentification',
      `the second factor is asked of ${account.email}`,
    );
    const second = page.locator('main form[action="/connexion/double-authentification"]');
    await second.locator('input[name="code"]').fill(totpCode(account.totpSecret, codeTime));
    await clickAndWait(page, second.locator('button[type="submit"]').first());
  }
  assert.notEqual(
    new URL(page.url()).pathname,
    '/connexion',
    `${account.email} is signed in (still on /connexion: ${await page.locator('main').textContent()})`,
  );
}

/** Signs out through the header's button. */
export async function signOut(page: Page): Promise<void> {
  await clickAndWait(page, page.locator('header form[action="/deconnexion"] button').first());
}

/** Calls `probe` until it returns a value (not undefined), at most `timeoutMs`; `what` names it on failure. */
export async function pollUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A small but well-formed one-page PDF. */
export function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
