/**
 * Markup that depends only on its key (the language, which navigation entry is current, a static page) is
 * rendered the first time and reused: a page then costs only what changes from one request to the next.
 * Use it for content that is the same for every visitor; never for anything that holds user data.
 */
const rendered = new Map<string, string>();

export function renderOnce(key: string, render: () => JSX.Element): string {
  let html = rendered.get(key);
  if (html === undefined) {
    const output = render();
    if (typeof output !== 'string')
      throw new Error(`renderOnce(${key}): asynchronous markup cannot be reused`);
    html = output;
    rendered.set(key, html);
  }
  return html;
}
