/**
 * The parts of ESLint's plugin, rule and language interfaces the plugin uses, written out so that
 * minivet does not depend on ESLint at run time (ESLint is an optional peer) and the shapes are the
 * same for ESLint 9 and 10. They are structurally compatible with `ESLint.Plugin` from `eslint`.
 */

/** An ESLint position: 1-based line; the column base is the language's (`columnStart`). */
export interface EslintPosition {
  line: number;
  column: number;
}

export interface EslintLocation {
  start: EslintPosition;
  end: EslintPosition;
}

export interface EslintFix {
  range: readonly [number, number];
  text: string;
}

export interface EslintFixer {
  replaceTextRange(range: readonly [number, number], text: string): EslintFix;
}

export interface EslintSuggestion {
  messageId: string;
  data?: Record<string, string>;
  fix(fixer: EslintFixer): EslintFix | null;
}

export interface EslintReport {
  loc: EslintLocation | EslintPosition;
  messageId: string;
  data?: Record<string, string>;
  fix?: (fixer: EslintFixer) => EslintFix | null;
  suggest?: EslintSuggestion[];
}

/** What the plugin reads of `context.sourceCode`; the rest depends on the language. */
export interface EslintSourceCode {
  text: string;
  ast: { type: string };
  getAncestors?(node: unknown): unknown[];
  getLocFromIndex?(index: number): EslintPosition;
}

export interface EslintRuleContext {
  id: string;
  cwd: string;
  filename: string;
  physicalFilename: string;
  sourceCode: EslintSourceCode;
  settings: Record<string, unknown>;
  languageOptions: Record<string, unknown>;
  options: unknown[];
  report(report: EslintReport): void;
}

export type EslintListener = (node: never) => void;

export interface EslintRuleMeta {
  type: 'problem' | 'suggestion' | 'layout';
  docs: { description: string; url: string; recommended?: boolean };
  messages: Record<string, string>;
  schema: [];
  fixable?: 'code';
  hasSuggestions?: boolean;
}

export interface EslintRule {
  meta: EslintRuleMeta;
  create(context: EslintRuleContext): Record<string, EslintListener>;
}

export type EslintSeverity = 'error' | 'warn' | 'off';

/** A plugin as configs refer to it. */
export interface EslintPluginObject {
  meta?: { name?: string; version?: string; namespace?: string };
  rules?: Record<string, EslintRule>;
  languages?: Record<string, EslintLanguage<unknown, EslintTextSourceCode>>;
}

/** A flat config object, as far as the plugin's configs use it. */
export interface EslintConfig {
  name: string;
  files: string[];
  plugins: Record<string, EslintPluginObject>;
  language?: string;
  languageOptions?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  rules: Record<string, EslintSeverity>;
}

// ---------------------------------------------------------------- languages

export interface EslintFile {
  path: string;
  physicalPath: string;
  bom: boolean;
  body: string | Uint8Array;
}

export interface EslintFileError {
  message: string;
  line: number;
  column: number;
}

export type EslintParseResult<Root> = { ok: true; ast: Root } | { ok: false; errors: EslintFileError[] };

export interface EslintVisitStep {
  kind: 1;
  target: unknown;
  phase: 1 | 2;
  args: unknown[];
}

export interface EslintDirective {
  type: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  node: unknown;
  value: string;
  justification: string;
}

export interface EslintFileProblem {
  ruleId: null;
  message: string;
  loc: EslintLocation;
}

/** What ESLint needs of a language's SourceCode (a TextSourceCode in @eslint/core's terms). */
export interface EslintTextSourceCode {
  text: string;
  ast: unknown;
  getLoc(node: never): EslintLocation;
  getRange(node: never): [number, number];
  traverse(): Iterable<EslintVisitStep>;
}

export interface EslintLanguage<Root, Code extends EslintTextSourceCode> {
  fileType: 'text';
  lineStart: 0 | 1;
  columnStart: 0 | 1;
  nodeTypeKey: string;
  visitorKeys: Record<string, string[]>;
  defaultLanguageOptions?: Record<string, unknown>;
  validateLanguageOptions(options: Record<string, unknown>): void;
  parse(file: EslintFile, context: { languageOptions: Record<string, unknown> }): EslintParseResult<Root>;
  createSourceCode(file: EslintFile, result: { ok: true; ast: Root }, context: { languageOptions: Record<string, unknown> }): Code;
}
