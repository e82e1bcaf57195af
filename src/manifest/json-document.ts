import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Located, Region } from '../types.js';
import { LineIndex } from '../util/line-index.js';

export type JsonNode = Node;

/** A problem found while parsing, before the caller attaches its file path. */
export interface JsonProblem {
  message: string;
  region: Region;
}

export interface JsonProperty {
  key: string;
  keyNode: JsonNode;
  /** Absent when the text stops after the key (a syntax error already says so). */
  valueNode?: JsonNode;
}

export interface JsonParseOptions {
  /** Accept comments and trailing commas (JSONC). Default false: platform manifests are strict JSON. */
  lenient?: boolean;
  /** Report duplicate keys (default true). The platforms' tools take the last one silently in page and component configs. */
  duplicateKeys?: boolean;
}

/** Past this many, syntax errors in one file are summarised: garbage input yields one per token. */
const MAX_SYNTAX_PROBLEMS = 20;

/** A JSON text parsed once, with its syntax and duplicate-key problems and position helpers. */
export class JsonDocument {
  readonly lines: LineIndex;
  readonly root: JsonNode | undefined;
  readonly problems: JsonProblem[] = [];

  private constructor(readonly text: string, options: JsonParseOptions) {
    this.lines = new LineIndex(text);
    // A BOM becomes a space: the parser skips it and every offset still points into `text`.
    const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
    const errors: ParseError[] = [];
    let root: JsonNode | undefined;
    try {
      root = parseTree(source, errors, {
        allowTrailingComma: options.lenient === true,
        disallowComments: options.lenient !== true,
      });
    } catch (error) {
      // jsonc-parser recurses per nesting level; thousands of levels overflow the stack.
      if (!(error instanceof RangeError)) throw error;
      root = undefined;
      errors.length = 0;
      this.problems.push({
        message: 'the JSON is nested too deeply to be parsed',
        region: this.fileRegion,
      });
    }
    this.root = root;
    this.addSyntaxProblems(source, errors);
    if (root && options.duplicateKeys !== false) this.addDuplicateKeyProblems(root);
  }

  static parse(text: string, options: JsonParseOptions = {}): JsonDocument {
    return new JsonDocument(text, options);
  }

  get fileRegion(): Region {
    return this.lines.region(0, this.text.length);
  }

  regionOf(node: JsonNode): Region {
    // Kept inside the text: a node that runs into an unterminated block comment ends one past the end.
    const start = Math.min(node.offset, this.text.length);
    return this.lines.region(start, Math.min(Math.max(start, node.offset + node.length), this.text.length));
  }

  located<T>(node: JsonNode, value: T): Located<T> {
    return { value, region: this.regionOf(node) };
  }

  /** The properties of an object node in source order, duplicates included. */
  properties(node: JsonNode | undefined): JsonProperty[] {
    if (node?.type !== 'object') return [];
    const result: JsonProperty[] = [];
    for (const property of node.children ?? []) {
      const keyNode = property.children?.[0];
      if (property.type !== 'property' || keyNode?.type !== 'string') continue;
      const valueNode = property.children?.[1];
      const key = keyNode.value as string;
      result.push(valueNode ? { key, keyNode, valueNode } : { key, keyNode });
    }
    return result;
  }

  /** The property named `key`; with duplicate keys the last one, as JSON.parse would. */
  property(node: JsonNode | undefined, key: string): JsonProperty | undefined {
    let found: JsonProperty | undefined;
    for (const property of this.properties(node)) if (property.key === key) found = property;
    return found;
  }

  isObject(node: JsonNode | undefined): node is JsonNode {
    return node?.type === 'object';
  }

  stringValue(node: JsonNode | undefined): string | undefined {
    return node?.type === 'string' ? (node.value as string) : undefined;
  }

  booleanValue(node: JsonNode | undefined): boolean | undefined {
    return node?.type === 'boolean' ? (node.value as boolean) : undefined;
  }

  arrayItems(node: JsonNode | undefined): JsonNode[] | undefined {
    return node?.type === 'array' ? (node.children ?? []) : undefined;
  }

  private addSyntaxProblems(source: string, errors: readonly ParseError[]): void {
    let previousOffset = -1;
    let reported = 0;
    let skipped = 0;
    let firstSkipped: ParseError | undefined;
    for (const error of errors) {
      // One mistake often yields several errors at the same place (e.g. a trailing comma);
      // the parser reports in text order, so comparing with the previous one is enough.
      if (error.offset === previousOffset) continue;
      previousOffset = error.offset;
      if (reported >= MAX_SYNTAX_PROBLEMS) {
        skipped++;
        firstSkipped ??= error;
        continue;
      }
      reported++;
      this.problems.push(describeSyntaxError(source, error, this.lines));
    }
    if (firstSkipped) {
      this.problems.push({
        message: `${skipped} more syntax error${skipped === 1 ? '' : 's'} not shown`,
        region: errorRegion(firstSkipped, this.lines, source.length),
      });
    }
  }

  /** Walks the whole tree without recursion, so deep but parseable input cannot overflow here. */
  private addDuplicateKeyProblems(root: JsonNode): void {
    const pending: JsonNode[] = [root];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (node.type === 'object') {
        const seen = new Set<string>();
        for (const { key, keyNode } of this.properties(node)) {
          if (seen.has(key)) {
            this.problems.push({
              message: `duplicate key ${JSON.stringify(key)}; the last one wins`,
              region: this.regionOf(keyNode),
            });
          }
          seen.add(key);
        }
      }
      for (const child of node.children ?? []) {
        if (child.type === 'object' || child.type === 'array' || child.type === 'property') pending.push(child);
      }
    }
  }
}

/** The region of a parse error, kept inside the text: jsonc-parser ends an unterminated block comment one past the end. */
function errorRegion(error: ParseError, lines: LineIndex, length: number): Region {
  const start = Math.min(error.offset, length);
  return lines.region(start, Math.min(Math.max(start, error.offset + error.length), length));
}

function describeSyntaxError(source: string, error: ParseError, lines: LineIndex): JsonProblem {
  const code = printParseErrorCode(error.error);
  const region = errorRegion(error, lines, source.length);
  if (code === 'PropertyNameExpected' || code === 'ValueExpected') {
    const comma = trailingCommaBefore(source, error.offset);
    if (comma !== undefined) {
      return { message: 'trailing commas are not allowed in JSON', region: lines.region(comma, comma + 1) };
    }
  }
  if (code === 'InvalidCommentToken') return { message: 'comments are not allowed in JSON', region };
  if (code === 'InvalidSymbol') {
    const found = source.slice(error.offset, error.offset + Math.min(error.length, 20));
    return { message: `syntax error: unexpected ${JSON.stringify(found)}`, region };
  }
  if (code === 'ValueExpected' && !/\S/.test(source)) {
    return { message: 'the file is empty', region };
  }
  // 'CloseBraceExpected' → 'close brace expected'
  return { message: `syntax error: ${code.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase()}`, region };
}

/** The offset of a ',' directly before a closing '}' or ']' at `offset`, if that is what is there. */
function trailingCommaBefore(source: string, offset: number): number | undefined {
  const closer = source[offset];
  if (closer !== '}' && closer !== ']') return undefined;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(source[i]!)) i--;
  return source[i] === ',' ? i : undefined;
}
