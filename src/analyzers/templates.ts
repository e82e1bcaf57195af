import { Parser, type Handler } from 'htmlparser2';
import type { BundleFile, FileNotification, Region, Usage } from '../types.js';
import { LineIndex } from '../util/line-index.js';
import { maskTemplate, type InlineScript } from './template-masking.js';

export type { InlineScript } from './template-masking.js';

export interface TemplateElement {
  name: string;
  /** Raw attribute values as written in the file (entities not decoded); the first of duplicates wins. */
  attributes: Record<string, string>;
  /** Of the start tag. */
  region: Region;
  /** Of each attribute value (inside the quotes) where findable, else of the start tag. */
  attributeRegions: Record<string, Region>;
}

export interface TemplateAnalysis {
  usages: Usage[];
  inlineScripts: InlineScript[];
  elements: TemplateElement[];
  notifications: FileNotification[];
}

export interface TemplateOptions {
  /** Tags whose bodies are script, e.g. ['wxs'] or ['sjs', 'import-sjs']. */
  scriptTags: readonly string[];
}

export const MAX_TEMPLATE_ELEMENTS = 200_000;
/** htmlparser2 keeps open elements with Array#unshift, quadratic in depth; real templates nest a few dozen deep. */
export const MAX_TEMPLATE_DEPTH = 2_000;

class TooDeep extends Error {}

const COMPONENTS = new Set(['camera', 'live-pusher', 'live-player', 'voip-room', 'map', 'web-view']);

/** Reads one mini-app template: capability usages, elements, inline script modules. Never throws. */
export function analyzeTemplate(file: BundleFile, options: TemplateOptions): TemplateAnalysis {
  const result: TemplateAnalysis = { usages: [], inlineScripts: [], elements: [], notifications: [] };
  const lines = new LineIndex(file.text);
  const notify = (message: string, offset: number): void => {
    result.notifications.push({
      kind: 'template-error',
      file: file.path,
      message,
      level: 'warning',
      position: lines.position(offset),
    });
  };
  let markup: string;
  try {
    const masked = maskTemplate(file.text, options.scriptTags, notify);
    markup = masked.markup;
    result.inlineScripts = masked.scripts;
  } catch (error) {
    notify(`could not read template: ${errorMessage(error)}`, 0);
    return result;
  }
  parseMarkup(file, markup, lines, result, notify);
  return result;
}

// ---------------------------------------------------------------- markup

interface OpenElement {
  name: string;
  start: number;
  /** Index of the start tag's `>`, once read. */
  openEnd: number;
}

/** Drops end tags that match no open element itself: htmlparser2 would search its whole stack for each (quadratic on hostile input) and then ignore them silently. */
class MarkupParser extends Parser {
  isOpen: (name: string) => boolean = () => true;
  onStrayEndTag: (start: number) => void = () => {};
  source = '';

  override onclosetag(start: number, endIndex: number): void {
    if (!this.isOpen(this.source.slice(start, endIndex))) {
      this.onStrayEndTag(start);
      this.endIndex = endIndex;
      this.startIndex = endIndex + 1;
      return;
    }
    super.onclosetag(start, endIndex);
  }
}

function parseMarkup(
  file: BundleFile,
  markup: string,
  lines: LineIndex,
  result: TemplateAnalysis,
  notify: (m: string, o: number) => void,
): void {
  const stack: OpenElement[] = [];
  const openCounts = new Map<string, number>();
  let attributes: Record<string, string> = Object.create(null);
  let attributeRegions: Record<string, Region> = Object.create(null);
  let pendingValueRegions: [string, number, number][] = [];
  let elementCount = 0;
  let reportedStructure = false;
  let ending = false;
  const structureProblem = (message: string, offset: number): void => {
    // One per file: after the first, the rest are usually consequences.
    if (reportedStructure) return;
    reportedStructure = true;
    notify(message, offset);
  };

  const handler: Partial<Handler> = {
    onopentagname(name) {
      if (stack.length >= MAX_TEMPLATE_DEPTH) throw new TooDeep();
      stack.push({ name, start: parser.startIndex, openEnd: -1 });
      openCounts.set(name, (openCounts.get(name) ?? 0) + 1);
      attributes = Object.create(null);
      attributeRegions = Object.create(null);
      pendingValueRegions = [];
    },
    onattribute(name, value, quote) {
      if (Object.hasOwn(attributes, name)) return;
      if (quote === undefined) {
        attributes[name] = '';
        return;
      }
      // decodeEntities is off and masking keeps lengths, so the value's extent in the file is exact.
      const end = quote === null ? parser.endIndex : parser.endIndex - 1;
      const start = end - value.length;
      attributes[name] = file.text.slice(start, end);
      pendingValueRegions.push([name, start, end]);
    },
    onopentag(name) {
      const top = stack[stack.length - 1];
      const tagStart = parser.startIndex;
      const tagEnd = parser.endIndex + 1;
      if (top) top.openEnd = parser.endIndex;
      const region = lines.region(tagStart, tagEnd);
      for (const [attr, start, end] of pendingValueRegions) attributeRegions[attr] = lines.region(start, end);
      for (const attr of Object.keys(attributes)) attributeRegions[attr] ??= region;
      const element: TemplateElement = { name, attributes, region, attributeRegions };
      elementCount++;
      if (elementCount <= MAX_TEMPLATE_ELEMENTS) result.elements.push(element);
      else if (elementCount === MAX_TEMPLATE_ELEMENTS + 1) {
        notify(`more than ${MAX_TEMPLATE_ELEMENTS} elements: the element list is cut short (usages are still collected)`, tagStart);
      }
      collectUsages(file, element, tagStart, lines, result.usages);
    },
    onclosetag(name, implied) {
      const top = stack.pop();
      if (top) openCounts.set(top.name, (openCounts.get(top.name) ?? 1) - 1);
      // A self-closing tag is closed (implied) right at its own `>`.
      if (!top || !implied || (!ending && parser.endIndex === top.openEnd)) return;
      if (top.openEnd < 0) structureProblem(`unterminated start tag <${name}>`, top.start);
      else structureProblem(`<${name}> is not closed${ending ? ' before the end of the file' : ''}`, top.start);
    },
  };
  const parser = new MarkupParser(handler, {
    xmlMode: true,
    decodeEntities: false,
    lowerCaseTags: false,
    lowerCaseAttributeNames: false,
    recognizeSelfClosing: true,
  });
  parser.source = markup;
  parser.isOpen = (name) => (openCounts.get(name) ?? 0) > 0;
  parser.onStrayEndTag = (start) => structureProblem('end tag without a matching start tag', Math.max(0, start - 2));
  try {
    parser.write(markup);
    ending = true;
    parser.end();
    // htmlparser2 drops a start tag cut off by the end of the file without an event.
    const tail = markup.indexOf('<', markup.lastIndexOf('>') + 1);
    if (tail >= 0 && /[A-Za-z_]/.test(markup.charAt(tail + 1))) structureProblem('unterminated start tag', tail);
  } catch (error) {
    if (error instanceof TooDeep) {
      notify(`elements nested more than ${MAX_TEMPLATE_DEPTH} deep: the rest of the template is not analysed`, parser.startIndex);
      return;
    }
    notify(`template could not be parsed: ${errorMessage(error)}`, Math.min(parser.startIndex, markup.length));
  }
}

// ---------------------------------------------------------------- usages

function collectUsages(file: BundleFile, element: TemplateElement, tagStart: number, lines: LineIndex, usages: Usage[]): void {
  const tag = element.name.toLowerCase();
  const add = (kind: Usage['kind'], name: string, region: Region): void => {
    usages.push({ kind, name, called: true, via: 'template', location: { file: file.path, region }, thirdParty: file.thirdParty });
  };
  if (COMPONENTS.has(tag)) add('component', tag, lines.region(tagStart + 1, tagStart + 1 + element.name.length));

  // Custom buttons (van-button, t-button, …) forward open-type to a built-in <button> whose own value is a binding.
  if (tag === 'button' || tag.endsWith('-button')) {
    const value = element.attributes['open-type'];
    const region = element.attributeRegions['open-type'];
    if (value !== undefined && region !== undefined) {
      for (const part of openTypeNames(value, region.startOffset)) {
        let name = part.name;
        if (name === 'getAuthorize') {
          const scope = literalValue(element.attributes['scope'] ?? '')?.trim();
          if (scope) name = `getAuthorize:${scope}`;
        }
        add('open-type', name, part.region ? lines.region(part.region[0], part.region[1]) : region);
      }
    }
  }
  if (tag === 'input') {
    const value = element.attributes['type'];
    const region = element.attributeRegions['type'];
    if (value !== undefined && region !== undefined && literalValue(value)?.trim() === 'nickname') {
      add('input-type', 'nickname', region);
    }
  }
}

/** The string a value stands for when it is text and `{{'literal'}}` only; undefined when it depends on data. */
export function literalValue(value: string): string | undefined {
  if (!value.includes('{{')) return value;
  const resolved = value.replace(/\{\{\s*(?:'([^'\\]*)'|"([^"\\]*)")\s*\}\}/g, (_, a?: string, b?: string) => a ?? b ?? '');
  return resolved.includes('{{') ? undefined : resolved;
}

/**
 * Splits `a|b` at bars outside mustaches; parts that depend on data are skipped.
 * Plain parts get their own region; parts built from literal mustaches keep the whole value's region.
 */
function openTypeNames(value: string, valueStart: number): { name: string; region?: [number, number] }[] {
  const parts: [number, number][] = [];
  let from = 0;
  let inMustache = false;
  for (let k = 0; k < value.length; k++) {
    if (value.startsWith('{{', k)) inMustache = true;
    else if (value.startsWith('}}', k)) inMustache = false;
    else if (!inMustache && value[k] === '|') {
      parts.push([from, k]);
      from = k + 1;
    }
  }
  parts.push([from, value.length]);
  const names: { name: string; region?: [number, number] }[] = [];
  for (const [start, end] of parts) {
    const raw = value.slice(start, end);
    const literal = literalValue(raw);
    if (literal === undefined) continue;
    if (literal === raw) {
      const name = raw.trim();
      if (!name) continue;
      const at = valueStart + start + raw.indexOf(name);
      names.push({ name, region: [at, at + name.length] });
    } else {
      for (const name of literal.split('|').map((s) => s.trim())) if (name) names.push({ name });
    }
  }
  return names;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
