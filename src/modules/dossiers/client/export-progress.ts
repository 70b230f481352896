// The progress page of an export (src/modules/dossiers/views/exports.tsx), kept up to date: every two
// seconds the page is read again in the background; its count and bar are copied into this one, and once
// the export is no longer running (ready, failed) the page is loaded again to show the result. Without
// this script the « Actualiser » link does the same by hand. The count is not announced at every step
// (too talkative for a screen reader): the new page says the outcome.

const region = document.querySelector<HTMLElement>('[data-export-progress]');

if (region) {
  const url = region.dataset.exportProgress ?? window.location.pathname;
  const EVERY_MS = 2000;
  /** After this long the page stops asking: the link is still there. */
  const GIVE_UP_MS = 30 * 60 * 1000;
  const started = Date.now();
  region.removeAttribute('aria-live');

  async function check() {
    let html: string;
    try {
      const response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (!response.ok) return;
      html = await response.text();
    } catch {
      return; // Offline for a moment: try again at the next turn.
    } finally {
      if (Date.now() - started < GIVE_UP_MS) setTimeout(check, EVERY_MS);
    }
    const fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-export-progress]');
    if (!fresh) {
      window.location.reload();
      return;
    }
    const count = fresh.querySelector('[data-export-count]');
    const shown = region?.querySelector('[data-export-count]');
    if (count && shown) shown.textContent = count.textContent;
    const bar = fresh.querySelector('progress');
    const current = region?.querySelector('progress');
    if (bar && current) {
      current.max = bar.max;
      current.value = bar.value;
      current.setAttribute('aria-label', bar.getAttribute('aria-label') ?? '');
    } else if (bar && region) {
      // The total became known: the bar appears after the count.
      shown?.after(document.importNode(bar, true));
    }
  }

  setTimeout(check, EVERY_MS);
}
