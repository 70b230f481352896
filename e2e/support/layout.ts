import type { Locator, Page } from 'playwright-core';

/** What the browser says about the focused element (the suite's tsconfig has no DOM library). */
export interface Focused {
  tag: string;
  id: string;
  text: string;
  href: string | null;
  /** Whether the element is `#contenu` or inside it. */
  inMain: boolean;
  /** Whether the element is in the skip links or the header. */
  inTop: boolean;
}

interface FocusWindow {
  document: {
    activeElement: {
      tagName: string;
      id: string;
      textContent: string | null;
      getAttribute(name: string): string | null;
      closest(selector: string): unknown;
    } | null;
  };
}

/** The element's text, whitespace collapsed. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Page object of the frame every page shares (platform/views/Layout.tsx): skip links, header with the
 * language switch and the mobile menu button, main navigation, main content, footer.
 */
export class LayoutPage {
  constructor(readonly page: Page) {}

  get html(): Locator {
    return this.page.locator('html');
  }
  get skipLinks(): Locator {
    return this.page.locator('.fr-skiplinks');
  }
  /** A skip link by its visible text: "Contenu", "Menu", "Pied de page". */
  skipLink(name: string): Locator {
    return this.skipLinks.getByRole('link', { name, exact: true });
  }
  get header(): Locator {
    return this.page.locator('header.fr-header');
  }
  get mainNav(): Locator {
    return this.page.locator('nav#navigation-principale');
  }
  get mainNavLinks(): Locator {
    return this.mainNav.locator('a.fr-nav__link');
  }
  get main(): Locator {
    return this.page.locator('main#contenu');
  }
  get h1(): Locator {
    return this.page.locator('h1');
  }
  get footer(): Locator {
    return this.page.locator('footer.fr-footer');
  }
  /** The header's language button (one form per page, posting to /langue). */
  get languageButton(): Locator {
    return this.header.locator('.fr-header__tools form[action="/langue"] button[name="lang"]');
  }
  get menuButton(): Locator {
    return this.page.locator('#menu-bouton');
  }
  get menuModal(): Locator {
    return this.page.locator('#menu-modal');
  }

  async goto(path: string) {
    const response = await this.page.goto(path, { waitUntil: 'load' });
    if (!response) throw new Error(`No response for ${path}`);
    return response;
  }

  async lang(): Promise<string | null> {
    return this.html.getAttribute('lang');
  }

  /** Resolves once DSFR's script has started (it marks the root element). */
  async waitForDsfr(): Promise<void> {
    await this.page.waitForSelector('html[data-fr-js="true"]', { state: 'attached', timeout: 10_000 });
  }

  async focused(): Promise<Focused | null> {
    return this.page.evaluate(() => {
      const el = (globalThis as unknown as FocusWindow).document.activeElement;
      if (!el) return null;
      return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        text: (el.textContent ?? '').trim(),
        href: el.getAttribute('href'),
        inMain: Boolean(el.closest('#contenu')),
        inTop: Boolean(el.closest('.fr-skiplinks, header')),
      };
    });
  }

  /** Presses Tab until `target` has the focus; fails after `max` presses. Returns the number of presses. */
  async tabTo(target: Locator, max = 40): Promise<number> {
    for (let presses = 1; presses <= max; presses++) {
      await this.page.keyboard.press('Tab');
      if (
        await target.evaluate(
          (el) => el === (el as { ownerDocument: FocusWindow['document'] }).ownerDocument.activeElement,
        )
      ) {
        return presses;
      }
    }
    throw new Error(
      `Focus never reached the element after ${max} Tab presses (last: ${JSON.stringify(await this.focused())})`,
    );
  }
}
