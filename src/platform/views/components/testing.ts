/**
 * Test helpers for the component tests: render a JSX element to a string and query the markup
 * like a browser would (a small parser for the well-formed HTML @kitajs/html emits: quoted
 * attributes, void elements, `/>`). Test-only; no dependency.
 */

export interface El {
  tag: string;
  attrs: Record<string, string>;
  children: (El | string)[];
  parent: El | null;
}

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number.parseInt(code.slice(1), 10));
    return ENTITIES[code] ?? whole;
  });
}

/** Resolves what a component returned (string or promise) to the HTML string. */
export async function render(element: JSX.Element): Promise<string> {
  return await element;
}

/** Parses an HTML fragment into a tree whose root has the tag `#root`. Throws on mismatched tags. */
export function parse(html: string): El {
  const root: El = { tag: '#root', attrs: {}, children: [], parent: null };
  let current = root;
  const token =
    /<!--[\s\S]*?-->|<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*(\/?)>/g;
  let last = 0;
  for (let match = token.exec(html); match !== null; match = token.exec(html)) {
    if (match.index > last) current.children.push(decode(html.slice(last, match.index)));
    last = token.lastIndex;
    const [whole, closing, opening, rawAttrs = '', selfClosing] = match;
    if (whole.startsWith('<!--')) continue;
    if (closing) {
      const tag = closing.toLowerCase();
      if (current.tag !== tag) throw new Error(`Unexpected </${tag}> inside <${current.tag}>`);
      current = current.parent ?? root;
      continue;
    }
    const tag = (opening ?? '').toLowerCase();
    const attrs: Record<string, string> = {};
    for (const attr of rawAttrs.matchAll(/([^\s"'>/=]+)(?:="([^"]*)")?/g)) {
      const name = attr[1] ?? '';
      if (name in attrs) throw new Error(`Duplicate attribute ${name} on <${tag}>`);
      attrs[name] = decode(attr[2] ?? '');
    }
    const el: El = { tag, attrs, children: [], parent: current };
    current.children.push(el);
    if (!VOID.has(tag) && !selfClosing) current = el;
  }
  if (last < html.length) current.children.push(decode(html.slice(last)));
  if (current !== root) throw new Error(`Unclosed <${current.tag}>`);
  return root;
}

/** Renders then parses. */
export async function dom(element: JSX.Element): Promise<El> {
  return parse(await render(element));
}

function* descendants(el: El): Generator<El> {
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    yield child;
    yield* descendants(child);
  }
}

/** Matches one compound selector: `tag`, `.class`, `#id`, `[attr]`, `[attr="value"]`, `[attr~="word"]`. */
function matches(el: El, compound: string): boolean {
  const parts = compound.match(/^[a-z][\w-]*|\.[\w-]+|#[\w-]+|\[[^\]]+\]/gi) ?? [];
  if (parts.join('') !== compound) throw new Error(`Unsupported selector: ${compound}`);
  return parts.every((part) => {
    if (part.startsWith('.')) return classes(el).includes(part.slice(1));
    if (part.startsWith('#')) return el.attrs.id === part.slice(1);
    if (part.startsWith('[')) {
      const attr = /^\[([\w-]+)(?:(~?=)"([^"]*)")?\]$/.exec(part);
      if (!attr) throw new Error(`Unsupported selector: ${part}`);
      const [, name = '', op, value = ''] = attr;
      const actual = el.attrs[name];
      if (actual === undefined) return false;
      if (op === '=') return actual === value;
      if (op === '~=') return actual.split(/\s+/).includes(value);
      return true;
    }
    return el.tag === part.toLowerCase();
  });
}

/** All elements matching a selector made of compound selectors separated by spaces (descendant). */
export function $$(root: El, selector: string): El[] {
  const steps = selector.match(/(?:[^\s[]|\[[^\]]*\])+/g) ?? [];
  let scope: El[] = [root];
  for (const step of steps) {
    const found = new Set<El>();
    for (const el of scope) for (const d of descendants(el)) if (matches(d, step)) found.add(d);
    scope = [...found];
  }
  return scope;
}

/** The single element matching the selector; throws when there are none or several. */
export function $(root: El, selector: string): El {
  const found = $$(root, selector);
  if (found.length !== 1) throw new Error(`Expected one "${selector}", found ${found.length}`);
  return found[0] as El;
}

export function byId(root: El, id: string): El | undefined {
  for (const el of descendants(root)) if (el.attrs.id === id) return el;
  return undefined;
}

export function classes(el: El): string[] {
  return (el.attrs.class ?? '').split(/\s+/).filter(Boolean);
}

/** Text content with white space collapsed, as a screen reader would read it. */
export function text(el: El | undefined): string {
  if (!el) return '';
  const parts: string[] = [];
  const walk = (node: El) => {
    for (const child of node.children) {
      if (typeof child === 'string') parts.push(child);
      else walk(child);
    }
  };
  walk(el);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Ids referenced by an ARIA relationship attribute (space-separated list). */
export function idRefs(el: El, attr: string): string[] {
  return (el.attrs[attr] ?? '').split(/\s+/).filter(Boolean);
}

/** The `<label for>` of a form control, by the control's id. */
export function labelOf(root: El, control: El): El | undefined {
  const id = control.attrs.id;
  if (!id) return undefined;
  return $$(root, 'label').find((label) => label.attrs.for === id);
}

/** Text of the elements a control points to with `aria-describedby`. */
export function description(root: El, control: El): string {
  return idRefs(control, 'aria-describedby')
    .map((id) => text(byId(root, id)))
    .filter(Boolean)
    .join(' ');
}

export function allElements(root: El): El[] {
  return [...descendants(root)];
}

/** Checks every id is unique and every id reference (for, aria-*, href="#…") points to an element. */
export function brokenReferences(root: El): string[] {
  const problems: string[] = [];
  const ids = new Map<string, number>();
  for (const el of descendants(root)) {
    const id = el.attrs.id;
    if (id !== undefined) ids.set(id, (ids.get(id) ?? 0) + 1);
  }
  for (const [id, count] of ids) if (count > 1) problems.push(`duplicate id "${id}"`);
  for (const el of descendants(root)) {
    const refs = [
      ...(el.attrs.for ? [el.attrs.for] : []),
      ...idRefs(el, 'aria-describedby'),
      ...idRefs(el, 'aria-labelledby'),
      ...idRefs(el, 'aria-controls'),
      ...(el.attrs.href?.startsWith('#') && el.attrs.href.length > 1 ? [el.attrs.href.slice(1)] : []),
      ...(el.tag === 'button' && el.attrs.form ? [el.attrs.form] : []),
    ];
    for (const ref of refs) if (!ids.has(ref)) problems.push(`<${el.tag}> points to missing id "${ref}"`);
  }
  return problems;
}

/** Inline `style`, `<script>` or `on*` handlers: all forbidden by the CSP. */
export function cspViolations(root: El): string[] {
  const problems: string[] = [];
  for (const el of descendants(root)) {
    if (el.tag === 'script' || el.tag === 'style') problems.push(`<${el.tag}> element`);
    for (const name of Object.keys(el.attrs)) {
      if (name === 'style') problems.push(`style attribute on <${el.tag}>`);
      if (/^on/i.test(name)) problems.push(`${name} handler on <${el.tag}>`);
    }
  }
  return problems;
}
