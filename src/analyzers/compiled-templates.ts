import type { Region } from '../types.js';
import type { TemplateElement } from './templates.js';

/**
 * Templates a compiled package holds only as generated code. The WeChat compiler turns each
 * `.wxml` into a render function (`var m3=function(e,s,r,gg){ var z=gz$gwx_4() … }`) that builds
 * elements with `_n('web-view')` / `_mz(z,'web-view',['src',2],…)`, and an op list (`gz$gwx_4`:
 * `Z([[7],[3,'url']])`) holding every attribute's value: a string `[3,'…']`, a data path
 * `[[7],[3,'url']]`, a field `[[6],base,[3,'name']]`, an operator `[[2,'+'],a,b]`, or a mix of text
 * and bindings `[a,…]`. The package's `.wxml` files are gone, so this text is the only place a
 * page's `<web-view src="{{url}}">` survives (page-frame.html, page-frame.js, chunk_N.webview.js,
 * and app-service.js in newer packages).
 *
 * Only the elements the data flow reads are recovered (READ_TAGS); the code is read as text, never run.
 */
export interface CompiledTemplate {
  /** The template the render function was compiled from, relative to the package root: `pages/a/a.wxml`. */
  template: string;
  elements: TemplateElement[];
}

const READ_TAGS: ReadonlySet<string> = new Set(['web-view']);

/** A compiled text is read only when it holds render functions, and only this much of it. */
export const MAX_COMPILED_TEXT = 32 * 1024 * 1024;
const MAX_OPS = 200_000;
const MAX_OP_DEPTH = 32;
/** A mix of text and bindings (`[a, [3,'https://x/?t='], [[7],[3,'token']]]`): the compiler's `var a=11`. */
const CONCAT_OP = 11;

const RENDER_FUNCTION = /d_\[x\[(\d+)\]\]=\{\}\s*var (m\d+)=function\(e,s,r,gg\)\{\s*var z=gz\$([\w$]+)\(\)/g;
const OP_LIST = /function gz\$([\w$]+)\(\)\{/g;
const PATH_LIST = /var x=\[((?:'(?:[^'\\\n]|\\.)*',?)*)\]/g;

export function hasCompiledTemplates(text: string): boolean {
  return text.length <= MAX_COMPILED_TEXT && text.includes('gz$gwx') && text.includes('d_[x[');
}

/** The templates a compiled render text holds, with their elements of READ_TAGS. */
export function readCompiledTemplates(text: string, region: (start: number, end: number) => Region): CompiledTemplate[] {
  if (!hasCompiledTemplates(text)) return [];
  const ops = opLists(text);
  const pathLists = [...text.matchAll(PATH_LIST)].map((match) => ({ at: match.index, paths: stringsOf(match[1]!) }));
  const functions = [...text.matchAll(RENDER_FUNCTION)];
  const templates: CompiledTemplate[] = [];
  functions.forEach((match, index) => {
    const paths = lastBefore(pathLists, match.index)?.paths;
    const template = paths?.[Number(match[1])];
    const list = ops.get(match[3]!);
    if (template === undefined || !list) return;
    const end = functions[index + 1]?.index ?? text.length;
    const elements = elementsIn(text, match.index, end, list, region);
    if (elements.length > 0) templates.push({ template: template.replace(/^\.?\//, ''), elements });
  });
  return templates;
}

function lastBefore<T extends { at: number }>(items: readonly T[], offset: number): T | undefined {
  let found: T | undefined;
  for (const item of items) if (item.at < offset) found = item;
  return found;
}

function stringsOf(list: string): string[] {
  return [...list.matchAll(/'((?:[^'\\\n]|\\.)*)'/g)].map((match) => match[1]!.replace(/\\(.)/g, '$1'));
}

/** Each op-list function's ops, in order (`Z(z[3])` is op 3 again). */
function opLists(text: string): Map<string, Op[]> {
  const lists = new Map<string, Op[]>();
  let budget = MAX_OPS;
  for (const match of text.matchAll(OP_LIST)) {
    const start = text.indexOf('function Z(ops){z.push(ops)}', match.index);
    const end = text.indexOf('})(__WXML_GLOBAL__.ops_cached', match.index);
    if (start < 0 || end < 0 || start > end) continue;
    const list: Op[] = [];
    const reader = new OpReader(text, start, end, list);
    for (let at = text.indexOf('Z(', start + 20); at >= 0 && at < end && budget > 0; at = text.indexOf('Z(', at + 2), budget--) {
      reader.at = at + 2;
      const op = reader.op(0);
      if (op !== undefined) list.push(op);
      at = Math.max(at, reader.at - 2);
    }
    lists.set(match[1]!, list);
  }
  return lists;
}

type Op = string | number | Op[];

/** Reads one op literal: arrays of numbers, quoted strings, `a` (the mix op) and `z[N]` references. */
class OpReader {
  constructor(
    private readonly text: string,
    public at: number,
    private readonly end: number,
    private readonly list: readonly Op[],
  ) {}

  op(depth: number): Op | undefined {
    if (depth > MAX_OP_DEPTH || this.at >= this.end) return undefined;
    const char = this.text[this.at]!;
    if (char === '[') return this.array(depth);
    if (char === "'" || char === '"') return this.string(char);
    const reference = /^z\[(\d+)\]/.exec(this.text.slice(this.at, this.at + 12));
    if (reference) {
      this.at += reference[0].length;
      return this.list[Number(reference[1])];
    }
    const word = /^-?[\w.]+/.exec(this.text.slice(this.at, this.at + 24));
    if (!word) return undefined;
    this.at += word[0].length;
    return word[0] === 'a' ? CONCAT_OP : Number.isNaN(Number(word[0])) ? word[0] : Number(word[0]);
  }

  private array(depth: number): Op[] | undefined {
    const items: Op[] = [];
    this.at++;
    while (this.at < this.end) {
      if (this.text[this.at] === ']') {
        this.at++;
        return items;
      }
      if (this.text[this.at] === ',') {
        this.at++;
        continue;
      }
      const item = this.op(depth + 1);
      if (item === undefined) return undefined;
      items.push(item);
    }
    return undefined;
  }

  /** A quoted string, with the escapes the compiler writes (`\\x3d` for `=`, `\\u4e2d`, `\\'`). */
  private string(quote: string): string {
    let value = '';
    for (this.at++; this.at < this.end && this.text[this.at] !== quote; this.at++) {
      if (this.text[this.at] !== '\\') {
        value += this.text[this.at];
        continue;
      }
      const escape = /^(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4}))/.exec(this.text.slice(this.at + 1, this.at + 6));
      if (escape) {
        value += String.fromCharCode(parseInt(escape[1] ?? escape[2]!, 16));
        this.at += escape[0].length;
      } else value += this.text[++this.at] ?? '';
    }
    this.at++;
    return value;
  }
}

/** Elements of READ_TAGS a render function builds, with the attributes it sets from its ops. */
function elementsIn(text: string, start: number, end: number, ops: readonly Op[], region: (start: number, end: number) => Region): TemplateElement[] {
  const body = text.slice(start, end);
  const elements: TemplateElement[] = [];
  for (const match of body.matchAll(/var (\w+)=_n\('([\w-]+)'\)/g)) {
    if (!READ_TAGS.has(match[2]!)) continue;
    const at = start + match.index;
    const element: TemplateElement = { name: match[2]!, attributes: {}, region: region(at, at + match[0].length), attributeRegions: {} };
    const setter = new RegExp(`_rz\\(z,${match[1]!},'([\\w:-]+)',(\\d+),`, 'g');
    for (const set of body.matchAll(setter)) setAttribute(element, set[1]!, ops[Number(set[2])], region(start + set.index, start + set.index + set[0].length));
    elements.push(element);
  }
  for (const match of body.matchAll(/_mz\(z,'([\w-]+)',\[([^\]]*)\]/g)) {
    if (!READ_TAGS.has(match[1]!)) continue;
    const at = start + match.index;
    const span = region(at, at + match[0].length);
    const element: TemplateElement = { name: match[1]!, attributes: {}, region: span, attributeRegions: {} };
    // ['class',1,'src',1]: the first index is the op's own, the others count from it.
    const pairs = [...match[2]!.matchAll(/'([\w:-]+)',(\d+)/g)];
    const first = Number(pairs[0]?.[2] ?? 0);
    pairs.forEach((pair, index) => setAttribute(element, pair[1]!, ops[index === 0 ? first : first + Number(pair[2])], span));
    elements.push(element);
  }
  return elements;
}

function setAttribute(element: TemplateElement, name: string, op: Op | undefined, at: Region): void {
  const value = op === undefined ? undefined : attributeValue(op);
  if (value === undefined || name in element.attributes) return;
  element.attributes[name] = value;
  element.attributeRegions[name] = at;
}

/** The value as a template would write it: text, `{{expression}}`, or both. */
function attributeValue(op: Op): string | undefined {
  if (!Array.isArray(op)) return undefined;
  if (op[0] === 3 && typeof op[1] === 'string') return op[1];
  if (op[0] === CONCAT_OP) return op.slice(1).map((part) => (Array.isArray(part) && part[0] === 3 ? String(part[1]) : `{{${expressionOf(part) ?? ''}}}`)).join('');
  const expression = expressionOf(op);
  return expression === undefined ? undefined : `{{${expression}}}`;
}

/** The binding an op computes, as template code (`user.token`, `base + '?t=' + token`). */
function expressionOf(op: Op): string | undefined {
  if (!Array.isArray(op)) return undefined;
  const [head, ...rest] = op;
  if (head === 3) return `'${String(rest[0] ?? '').replace(/'/g, '')}'`;
  if (!Array.isArray(head)) return undefined;
  const code = head[0];
  if (code === 7) return typeof (rest[0] as Op[] | undefined)?.[1] === 'string' ? String((rest[0] as Op[])[1]) : undefined;
  if (code === 6) {
    const base = expressionOf(rest[0] ?? []);
    const field = Array.isArray(rest[1]) && rest[1][0] === 3 ? String(rest[1][1]) : undefined;
    return base === undefined ? undefined : field !== undefined && /^[A-Za-z_$][\w$]*$/.test(field) ? `${base}.${field}` : base;
  }
  const parts = rest.map((part) => expressionOf(part)).filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(code === 2 && typeof head[1] === 'string' ? ` ${head[1]} ` : ' + ') : undefined;
}
