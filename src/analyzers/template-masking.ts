/**
 * Template masking: script bodies and `{{…}}` interiors blanked, offsets kept, so the markup parser
 * (templates.ts) reads only markup; the inline scripts come out on their own.
 */

export interface InlineScript {
  /** The script body; `startOffset` places it in the template (a parser's offsets + startOffset = template offsets). */
  text: string;
  startOffset: number;
  endOffset: number;
  moduleName?: string;
}

interface Masked {
  markup: string;
  scripts: InlineScript[];
}

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

/**
 * Blanks script bodies and `{{…}}` interiors, keeping offsets: the XML tokenizer would read
 * `a<b` in either as the start of a tag. Comments are skipped so `<!-- <wxs> {{ -->` is inert.
 */
export function maskTemplate(text: string, scriptTags: readonly string[], notify: (m: string, o: number) => void): Masked {
  const blanks: [number, number][] = [];
  const scripts: InlineScript[] = [];
  const n = text.length;
  let mustaches = true;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 60 /* < */) {
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i + 4);
        if (end < 0) {
          notify('unterminated comment', i);
          break;
        }
        i = end + 3;
        continue;
      }
      const tag = scriptTagAt(text, i, scriptTags);
      if (tag !== undefined) {
        const next = maskScript(text, i, tag, blanks, scripts, notify);
        if (next < 0) break;
        i = next;
        continue;
      }
    } else if (mustaches && c === 123 /* { */ && text.charCodeAt(i + 1) === 123) {
      const end = mustacheEnd(text, i + 2);
      if (end < 0) {
        // No close anywhere ahead: stop looking, which also keeps the scan linear.
        mustaches = false;
      } else {
        blanks.push([i + 2, end]);
        i = end + 2;
        continue;
      }
    }
    i++;
  }
  let markup = '';
  let at = 0;
  for (const [start, end] of blanks) {
    markup += text.slice(at, start) + blank(text.slice(start, end));
    at = end;
  }
  markup += text.slice(at);
  return { markup, scripts };
}

function scriptTagAt(text: string, i: number, tags: readonly string[]): string | undefined {
  for (const tag of tags) {
    if (text.slice(i + 1, i + 1 + tag.length).toLowerCase() !== tag.toLowerCase()) continue;
    const after = text.charAt(i + 1 + tag.length);
    if (after === '' || after === '>' || after === '/' || /\s/.test(after)) return tag;
  }
  return undefined;
}

/** Handles one script element starting at `start`; returns where to resume, or -1 to stop scanning. */
function maskScript(
  text: string,
  start: number,
  tag: string,
  blanks: [number, number][],
  scripts: InlineScript[],
  notify: (m: string, o: number) => void,
): number {
  let k = start + 1 + tag.length;
  let quote = 0;
  for (; k < text.length; k++) {
    const ch = text.charCodeAt(k);
    if (quote !== 0) {
      if (ch === quote) quote = 0;
    } else if (ch === 34 || ch === 39) quote = ch;
    else if (ch === 62 /* > */) break;
  }
  if (k >= text.length) return -1; // unterminated start tag: the markup parse reports it
  if (text.charCodeAt(k - 1) === 47 /* / */) return k + 1; // <wxs src="…" module="m"/>
  const bodyStart = k + 1;
  const close = new RegExp(`</${escapeRegExp(tag)}\\s*>`, 'gi');
  close.lastIndex = bodyStart;
  const found = close.exec(text);
  const bodyEnd = found ? found.index : text.length;
  if (!found) notify(`unclosed <${tag}>`, start);
  if (bodyEnd > bodyStart) {
    blanks.push([bodyStart, bodyEnd]);
    if (/\S/.test(text.slice(bodyStart, bodyEnd))) {
      const script: InlineScript = {
        text: text.slice(bodyStart, bodyEnd),
        startOffset: bodyStart,
        endOffset: bodyEnd,
      };
      const moduleName = attributeInTag(text.slice(start, bodyStart), 'module') ?? attributeInTag(text.slice(start, bodyStart), 'name');
      if (moduleName !== undefined) script.moduleName = moduleName;
      scripts.push(script);
    }
  }
  return found ? found.index + found[0].length : -1;
}

function attributeInTag(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${escapeRegExp(name)}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s/>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** Index of the `}}` closing a mustache whose interior starts at `from`, or -1. Skips nested braces and quoted strings. */
function mustacheEnd(text: string, from: number): number {
  let depth = 0;
  let quote = 0;
  for (let k = from; k < text.length; k++) {
    const ch = text.charCodeAt(k);
    if (quote !== 0) {
      if (ch === 92 /* \ */) k++;
      else if (ch === quote || ch === 10 || ch === 13) quote = 0; // a string never spans lines
    } else if (ch === 34 || ch === 39) quote = ch;
    else if (ch === 123) depth++;
    else if (ch === 125) {
      if (depth > 0) depth--;
      else if (text.charCodeAt(k + 1) === 125) return k;
    }
  }
  return -1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
