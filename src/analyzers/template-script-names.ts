/**
 * Template scripts (`<wxs>`, `.wxs`, `<sjs>`, `<filter>`) are ES5 run by the platforms' own
 * interpreters, which reserve fewer words than ECMAScript: WeChat's list of WXS keywords has no
 * `class`, so component libraries write `var class = ''` (iView Weapp's `step`), which every
 * JavaScript parser rejects. These are words no template-script dialect uses as a keyword.
 */
const NAMES_ONLY_IN_TEMPLATE_SCRIPTS: ReadonlySet<string> = new Set(['class', 'enum', 'extends', 'super']);

const WORD_START = /[A-Za-z_$]/;
const WORD_PART = /[\w$]/;

/**
 * The text with each such word used as a name spelled `_lass`, `_num`, … (same length, so every
 * offset holds), or undefined when there is none. Strings and comments are left as they are, and
 * so are property names (`a.class`, `{ class: 1 }`), which every parser accepts.
 */
export function renameTemplateScriptNames(text: string): string | undefined {
  let renamed: string[] | undefined;
  let from = 0;
  for (let at = 0; at < text.length; ) {
    const skipped = skipStringOrComment(text, at);
    if (skipped > at) {
      at = skipped;
      continue;
    }
    if (!WORD_START.test(text[at]!) || (at > 0 && WORD_PART.test(text[at - 1]!))) {
      at++;
      continue;
    }
    let end = at + 1;
    while (end < text.length && WORD_PART.test(text[end]!)) end++;
    const word = text.slice(at, end);
    if (NAMES_ONLY_IN_TEMPLATE_SCRIPTS.has(word) && !isPropertyName(text, at, end)) {
      (renamed ??= []).push(text.slice(from, at), `_${word.slice(1)}`);
      from = end;
    }
    at = end;
  }
  return renamed ? renamed.join('') + text.slice(from) : undefined;
}

/** Where a string literal or comment starting at `at` ends; `at` itself when none starts there. */
function skipStringOrComment(text: string, at: number): number {
  const char = text[at];
  if (char === '"' || char === "'") {
    let end = at + 1;
    while (end < text.length && text[end] !== char && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
    return Math.min(end + 1, text.length);
  }
  if (char === '/' && text[at + 1] === '/') {
    const end = text.indexOf('\n', at);
    return end === -1 ? text.length : end;
  }
  if (char === '/' && text[at + 1] === '*') {
    const end = text.indexOf('*/', at + 2);
    return end === -1 ? text.length : end + 2;
  }
  return at;
}

/** After a dot, or before a colon that is not a ternary's: a property name, not a variable. */
function isPropertyName(text: string, start: number, end: number): boolean {
  let before = start - 1;
  while (before >= 0 && /\s/.test(text[before]!)) before--;
  if (text[before] === '.') return true;
  let after = end;
  while (after < text.length && /\s/.test(text[after]!)) after++;
  return text[after] === ':' && (text[before] === '{' || text[before] === ',');
}
