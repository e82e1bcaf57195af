import { templateScriptTags } from '../analyzers/analyse-file.js';
import { analyzeTemplate, type TemplateAnalysis } from '../analyzers/templates.js';
import { LineIndex } from '../util/line-index.js';
import type {
  EslintDirective,
  EslintFile,
  EslintFileProblem,
  EslintLanguage,
  EslintLocation,
  EslintParseResult,
  EslintPosition,
  EslintVisitStep,
} from './types.js';

/**
 * `minivet/template`: an ESLint language for mini-app templates (.wxml, .axml, .swan, .ttml, .qml).
 * The file is read once, by the same `analyzeTemplate` that `minivet scan` uses; the tree ESLint walks
 * is the template's root and its elements, so minivet's template rules (and selectors such as
 * `Element[name="web-view"]` in other plugins' rules) report at the element's line and column.
 * A template that is cut short or malformed still parses: what was read is analysed, and the problem
 * is a `minivet/template-error` message at its position, so the other rules keep their results
 * while the file is mid-edit. `<!-- eslint-disable… -->` comments work as in JavaScript.
 * Lines and columns are 1-based (`columnStart: 1`), as in minivet's own regions.
 */

export interface TemplateElementNode {
  type: 'Element';
  name: string;
  /** Raw attribute values as written (entities not decoded). */
  attributes: Readonly<Record<string, string>>;
  /** Of the start tag. */
  range: [number, number];
  loc: EslintLocation;
}

export interface TemplateCommentNode {
  type: 'Comment';
  /** The text between `<!--` and `-->`. */
  value: string;
  range: [number, number];
  loc: EslintLocation;
}

export interface TemplateRootNode {
  type: 'Template';
  range: [number, number];
  loc: EslintLocation;
  elements: TemplateElementNode[];
  comments: TemplateCommentNode[];
}

type TemplateNode = TemplateRootNode | TemplateElementNode | TemplateCommentNode;

const VISITOR_KEYS: Record<string, string[]> = { Template: ['elements'], Element: [], Comment: [] };
const DIRECTIVE = /^(eslint-disable-next-line|eslint-disable-line|eslint-disable|eslint-enable)(?:\s|$)/u;

function position(lines: LineIndex, offset: number): EslintPosition {
  const { line, column } = lines.position(offset);
  return { line, column };
}

function location(lines: LineIndex, start: number, end: number): EslintLocation {
  return { start: position(lines, start), end: position(lines, end) };
}

/** `<!-- … -->` comments outside inline script bodies. */
function findComments(text: string, analysis: TemplateAnalysis, lines: LineIndex): TemplateCommentNode[] {
  const comments: TemplateCommentNode[] = [];
  const pattern = /<!--([\s\S]*?)-->/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index;
    if (analysis.inlineScripts.some((script) => start >= script.startOffset && start < script.endOffset)) continue;
    const end = start + match[0].length;
    comments.push({ type: 'Comment', value: match[1]!, range: [start, end], loc: location(lines, start, end) });
  }
  return comments;
}

export class TemplateSourceCode {
  readonly text: string;
  readonly ast: TemplateRootNode;
  /** minivet's reading of the template, shared by every rule that runs on the file. */
  readonly analysis: TemplateAnalysis;
  readonly visitorKeys = VISITOR_KEYS;
  readonly lineIndex: LineIndex;
  #lines: string[] | undefined;
  #steps: EslintVisitStep[] | undefined;

  constructor(text: string, ast: TemplateRootNode, analysis: TemplateAnalysis, lineIndex: LineIndex) {
    this.text = text;
    this.ast = ast;
    this.analysis = analysis;
    this.lineIndex = lineIndex;
  }

  get lines(): string[] {
    this.#lines ??= this.text.split(/\r\n|[\r\n]/u);
    return this.#lines;
  }

  getLoc(node: TemplateNode): EslintLocation {
    return node.loc;
  }

  getRange(node: TemplateNode): [number, number] {
    return node.range;
  }

  getText(node?: TemplateNode): string {
    return node ? this.text.slice(node.range[0], node.range[1]) : this.text;
  }

  getLocFromIndex(index: number): EslintPosition {
    return position(this.lineIndex, index);
  }

  getParent(node: TemplateNode): TemplateNode | undefined {
    return node.type === 'Template' ? undefined : this.ast;
  }

  getAncestors(node: TemplateNode): TemplateNode[] {
    return node.type === 'Template' ? [] : [this.ast];
  }

  traverse(): Iterable<EslintVisitStep> {
    if (!this.#steps) {
      const root = this.ast;
      const steps: EslintVisitStep[] = [{ kind: 1, target: root, phase: 1, args: [root, undefined] }];
      for (const element of root.elements) {
        steps.push({ kind: 1, target: element, phase: 1, args: [element, root] });
        steps.push({ kind: 1, target: element, phase: 2, args: [element, root] });
      }
      steps.push({ kind: 1, target: root, phase: 2, args: [root, undefined] });
      this.#steps = steps;
    }
    return this.#steps;
  }

  getInlineConfigNodes(): TemplateCommentNode[] {
    return this.ast.comments.filter((comment) => DIRECTIVE.test(comment.value.trim()));
  }

  /** `<!-- eslint-disable minivet/x -- why -->` and its -line, -next-line and enable forms. */
  getDisableDirectives(): { directives: EslintDirective[]; problems: EslintFileProblem[] } {
    const directives: EslintDirective[] = [];
    const problems: EslintFileProblem[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const [body = '', ...rest] = comment.value.trim().split(/\s-{2,}\s/u);
      const label = DIRECTIVE.exec(body)![1]!;
      const value = body.slice(label.length).trim();
      if (label === 'eslint-disable-line' && comment.loc.start.line !== comment.loc.end.line) {
        problems.push({ ruleId: null, message: `${label} comment should not span multiple lines.`, loc: comment.loc });
        continue;
      }
      directives.push({
        type: label.slice('eslint-'.length) as EslintDirective['type'],
        node: comment,
        value,
        justification: rest.join(' -- ').trim(),
      });
    }
    return { directives, problems };
  }
}

function parseTemplate(file: EslintFile): EslintParseResult<TemplateRootNode> & { sourceCode?: TemplateSourceCode } {
  const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
  // analyzeTemplate never throws on input; the path is ESLint's until the rules know the project.
  const analysis = analyzeTemplate({ path: file.path, kind: 'template', text, thirdParty: false }, { scriptTags: templateScriptTags(file.path) });
  const lines = new LineIndex(text);
  const elements: TemplateElementNode[] = analysis.elements.map((element) => ({
    type: 'Element',
    name: element.name,
    attributes: element.attributes,
    range: [element.region.startOffset, element.region.endOffset],
    loc: { start: { ...element.region.start }, end: { ...element.region.end } },
  }));
  const ast: TemplateRootNode = {
    type: 'Template',
    range: [0, text.length],
    loc: location(lines, 0, text.length),
    elements,
    comments: findComments(text, analysis, lines),
  };
  return { ok: true, ast, sourceCode: new TemplateSourceCode(text, ast, analysis, lines) };
}

export const templateLanguage: EslintLanguage<TemplateRootNode, TemplateSourceCode> = {
  fileType: 'text',
  lineStart: 1,
  columnStart: 1,
  nodeTypeKey: 'type',
  visitorKeys: VISITOR_KEYS,
  defaultLanguageOptions: {},
  // No options; tolerate what configs and rule testers add for JavaScript (parser, globals, …).
  validateLanguageOptions() {},
  parse(file) {
    try {
      return parseTemplate(file);
    } catch (error) {
      // Defensive: analyzeTemplate reports bad input itself; a bug here must not stop ESLint.
      return { ok: false, errors: [{ message: `minivet could not read the template: ${error instanceof Error ? error.message : String(error)}`, line: 1, column: 1 }] };
    }
  },
  createSourceCode(file, result) {
    const withCode = result as { ok: true; ast: TemplateRootNode; sourceCode?: TemplateSourceCode };
    if (withCode.sourceCode) return withCode.sourceCode;
    // Only reached when ESLint passes a result it did not get from parse() above.
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    const analysis = analyzeTemplate({ path: file.path, kind: 'template', text, thirdParty: false }, { scriptTags: templateScriptTags(file.path) });
    return new TemplateSourceCode(text, result.ast, analysis, new LineIndex(text));
  },
};
