import { parseTree, type Node } from 'jsonc-parser';
import type { EslintFix } from './types.js';

/**
 * Text edits to app.json that fix what the manifest rules find, as one minimal replacement each
 * (ESLint applies a fix as a single range). Formatting is kept: entries go where the existing ones
 * are, on their own lines when the array is written one entry per line. An edit is offered only
 * when the manifest has the shape it expects; otherwise there is no fix, never a broken file.
 */

const FIELD = 'requiredPrivateInfos';

function root(text: string): Node | undefined {
  try {
    const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
    return tree?.type === 'object' ? tree : undefined;
  } catch {
    return undefined; // nested too deeply for the parser: no fix
  }
}

/** The value of a top-level property; the last one when the key is repeated, as JSON.parse reads it. */
function field(object: Node, key: string): { property: Node; value: Node | undefined } | undefined {
  let found: { property: Node; value: Node | undefined } | undefined;
  for (const property of object.children ?? []) {
    if (property.type === 'property' && property.children?.[0]?.value === key) found = { property, value: property.children[1] };
  }
  return found;
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The whitespace that starts the line holding `offset`. */
function indentAt(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** One indentation step as the file writes it. */
function indentUnit(text: string): string {
  const match = /\n([ \t]+)\S/.exec(text);
  return match?.[1]?.startsWith('\t') ? '\t' : ' '.repeat(Math.min(match?.[1]?.length ?? 2, 8));
}

/** Adds `apis` to app.json "requiredPrivateInfos", creating the field when it is missing. */
export function declarePrivateInfosFix(text: string, apis: readonly string[]): EslintFix | undefined {
  if (apis.length === 0) return undefined;
  const object = root(text);
  if (!object) return undefined;
  const existing = field(object, FIELD);
  const quoted = apis.map((api) => JSON.stringify(api));
  const eol = eolOf(text);
  if (!existing) {
    const properties = object.children ?? [];
    const last = properties[properties.length - 1];
    if (!last) {
      const start = object.offset + 1;
      return { range: [start, object.offset + object.length - 1], text: `${eol}${indentUnit(text)}"${FIELD}": [${quoted.join(', ')}]${eol}` };
    }
    const at = last.offset + last.length;
    return { range: [at, at], text: `,${eol}${indentAt(text, last.offset)}"${FIELD}": [${quoted.join(', ')}]` };
  }
  const array = existing.value;
  if (array?.type !== 'array') return undefined;
  const items = array.children ?? [];
  const last = items[items.length - 1];
  if (!last) return { range: [array.offset + 1, array.offset + array.length - 1], text: quoted.join(', ') };
  const multiline = /[\r\n]/.test(text.slice(array.offset, items[0]!.offset));
  const separator = multiline ? `,${eol}${indentAt(text, items[0]!.offset)}` : ', ';
  const at = last.offset + last.length;
  return { range: [at, at], text: quoted.map((entry) => separator + entry).join('') };
}

/** Removes the "requiredPrivateInfos" entry that starts at `entryOffset`. */
export function removePrivateInfoFix(text: string, entryOffset: number): EslintFix | undefined {
  const object = root(text);
  const array = object ? field(object, FIELD)?.value : undefined;
  if (array?.type !== 'array') return undefined;
  const items = array.children ?? [];
  const index = items.findIndex((item) => item.offset === entryOffset);
  if (index < 0) return undefined;
  const item = items[index]!;
  const next = items[index + 1];
  const previous = items[index - 1];
  if (next) return { range: [item.offset, next.offset], text: '' };
  if (previous) return { range: [previous.offset + previous.length, item.offset + item.length], text: '' };
  return { range: [array.offset + 1, array.offset + array.length - 1], text: '' };
}
