// The step page of a dossier (src/modules/dossiers/views/applicantPages.tsx), made livelier: fields whose
// condition depends on an answer of the same page appear and disappear as it changes, and the draft is saved
// a moment after each change (POST /dossiers/:id/brouillon, JSON, with the page's lock version). Without
// this script the page works the same, by saving.

// A type only, erased when compiled: the form schema is the one file of the calls module that a browser
// program can see (its index brings the server along).
import type { Condition } from '../../calls/calls.form.js';

/** The answer of POST /dossiers/:id/brouillon. */
interface DraftAnswer {
  ok?: boolean;
  lockVersion?: number;
  message?: string;
}

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const form = document.getElementById('dossier-form');

if (form instanceof HTMLFormElement) {
  const page = form;
  const status = document.getElementById('dossier-autosave');
  const csrf = page.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
  const url = page.dataset.autosave;
  const section = page.dataset.section;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let saving = false;
  let again = false;

  const fields = (): Field[] =>
    [...page.elements].filter(
      (e): e is Field =>
        e instanceof HTMLInputElement || e instanceof HTMLSelectElement || e instanceof HTMLTextAreaElement,
    );

  /** The values named `name` on this page (checked boxes and radios only), or null if there is no such field. */
  function valuesOf(name: string): string[] | null {
    const inputs = fields().filter((e) => e.name === name);
    if (inputs.length === 0) return null;
    const out: string[] = [];
    for (const input of inputs) {
      if (
        input instanceof HTMLInputElement &&
        (input.type === 'checkbox' || input.type === 'radio') &&
        !input.checked
      )
        continue;
      const wrapper = input.closest<HTMLElement>('.dossier-field');
      if (wrapper?.hidden) continue;
      if (input.value.trim() !== '') out.push(input.value.trim());
    }
    return out;
  }

  function asNumber(text: string): number | null {
    const n = Number(text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.'));
    return Number.isFinite(n) ? n : null;
  }

  /** Whether a condition holds on this page's answers; undefined when its field is not on this page. */
  function holds(condition: Condition): boolean | undefined {
    const values = valuesOf(condition.field);
    if (values === null) return undefined;
    const input = fields().find((e) => e.name === condition.field);
    const money = Boolean(input?.closest('.fr-input-wrap--addon'));
    const same = (value: string | number | boolean) =>
      values.some((v) => {
        if (typeof value === 'number') {
          const n = asNumber(v);
          return n !== null && (money ? Math.round(n * 100) : n) === value;
        }
        return v === value;
      });
    switch (condition.op) {
      case 'is_answered':
        return values.length > 0;
      case 'is_yes':
        return values.includes('oui');
      case 'is_no':
        return values.includes('non');
      case 'equals':
        return same(condition.value);
      case 'not_equals':
        return values.length > 0 && !same(condition.value);
      case 'in':
        return condition.values.some(same);
      default:
        return undefined;
    }
  }

  function applyConditions() {
    for (const wrapper of page.querySelectorAll<HTMLElement>('.dossier-field[data-show-if]')) {
      let condition: Condition;
      try {
        condition = JSON.parse(wrapper.dataset.showIf ?? '');
      } catch {
        continue;
      }
      const result = holds(condition);
      if (result !== undefined) wrapper.hidden = !result;
    }
  }

  function say(text: string) {
    if (status) status.textContent = text;
  }

  async function save() {
    if (stopped || !url) return;
    if (saving) {
      again = true;
      return;
    }
    saving = true;
    const answers: Record<string, string | string[]> = {};
    for (const [name, value] of new FormData(page)) {
      if (name === '_csrf' || name === 'lock_version' || typeof value !== 'string') continue;
      const before = answers[name];
      answers[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
    }
    // Boxes of a multiple choice with nothing ticked: an empty list, so that unticking is saved.
    for (const box of page.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'))
      if (!(box.name in answers)) answers[box.name] = [];
    const lock = page.querySelector<HTMLInputElement>('input[name="lock_version"]');
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ section, lock_version: Number(lock?.value ?? 0), fields: answers }),
      });
      const data: DraftAnswer = await response.json().catch(() => ({}));
      if (response.ok && data.ok) {
        for (const input of document.querySelectorAll<HTMLInputElement>('input[name="lock_version"]'))
          input.value = String(data.lockVersion);
        say(data.message ?? '');
      } else {
        if (response.status === 409) stopped = true;
        say(data.message ?? '');
      }
    } catch {
      // Offline or the server did not answer: the buttons still save.
    } finally {
      saving = false;
      if (again && !stopped) {
        again = false;
        schedule();
      }
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(save, 1500);
  }

  page.addEventListener('input', () => {
    applyConditions();
    schedule();
  });
  page.addEventListener('change', () => {
    applyConditions();
    schedule();
  });
  page.addEventListener('submit', () => {
    clearTimeout(timer);
    stopped = true;
  });
  applyConditions();
}
