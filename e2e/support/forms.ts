import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ReceivedMail, TestSmtpServer } from '../../src/platform/mail/testing.js';

/** Submits the form of `main` posting to `action` and waits for the page that answers. */
export async function submit(page: Page, action: string): Promise<void> {
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.locator(`main form[action="${action}"] button[type="submit"]`).first().click(),
  ]);
}

/**
 * The path and query of the first link to `path` (with its `jeton`) in a message to `to`, waited for (the
 * job worker sends it). The link is absolute to PUBLIC_URL; the browser stays on the server's address.
 */
export async function linkFromMail(
  smtp: TestSmtpServer,
  to: string,
  path: string,
  serverOutput: () => string,
): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const mail = smtp.messages.find(
      (m: ReceivedMail) => m.envelope.to.includes(to) && (m.text ?? '').includes(path),
    );
    if (mail) {
      const found = new RegExp(`https?://[^\\s]+${path.replace(/\//g, '\\/')}\\?jeton=[\\w-]+`).exec(
        mail.text ?? '',
      );
      assert.ok(found, `a link to ${path} in: ${mail.text}`);
      const url = new URL(found[0]);
      return `${url.pathname}${url.search}`;
    }
    if (Date.now() > deadline) throw new Error(`No mail to ${to} with ${path}:\n${serverOutput()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
