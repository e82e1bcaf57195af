import { printable } from '../printable.js';

/**
 * A tagged template for HTML that escapes every interpolated value unless it is already HTML made by
 * this template. Everything a bundle controls (file names, messages quoting code, excerpts, hosts)
 * reaches the page only through it, so a file named `<script>…</script>.js` stays text.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

/** Markup-safe, and with control and bidirectional characters shown as escapes: a bundle cannot reorder what the reviewer reads. */
export function escapeHtml(text: string): string {
  // Tabs and line breaks are layout, not hostile: they stay (as HTML collapses them), the rest is escaped.
  return printable(text.replace(/[\t\r\n]/g, ' ')).replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** `html\`<td>${name}</td>\``: the literal parts are trusted markup, the values are escaped. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1]!;
  });
  return new Html(out);
}

/** Markup written by minivet itself (its stylesheet and script), never text from a bundle. */
export function trusted(markup: string): Html {
  return new Html(markup);
}
