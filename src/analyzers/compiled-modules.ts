import type { TSESTree } from '@typescript-eslint/types';
import { SERVICE_BUNDLE } from '../bundle/read-packages.js';
import { normaliseEntryPath } from '../bundle/wxapkg.js';

/**
 * The module path of a module recovered from a compiled bundle read from a folder, which is
 * analysed as `<bundle>/<module path>` (analyse-file.ts): `pages/a/a.js` of
 * `app-service.js/pages/a/a.js`. Undefined for any other path.
 */
export function bundledModulePath(path: string): string | undefined {
  for (let slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) if (SERVICE_BUNDLE.test(path.slice(0, slash))) return path.slice(slash + 1);
  return undefined;
}

/** One source module recovered from a compiled app-service.js. */
export interface CompiledModule {
  /** The module's original path (`pages/index/index.js`). */
  path: string;
  /** The wrapper function whose body is the module's code. */
  body: TSESTree.BlockStatement;
}

/** What a compiled service bundle holds: its modules, and the code beside them. */
export interface CompiledBundle {
  modules: CompiledModule[];
  /**
   * Top-level code that registers no module: the runtime's glue, or code an author hid beside the
   * modules (a `define` inside `if`, an aliased `define`, a second definition of one path). It is
   * analysed as code of the bundle file itself, so nothing in the bundle goes unread.
   */
  outside: TSESTree.Statement[];
  /** Module paths defined more than once, with the offset of each later definition. */
  redefined: { path: string; offset: number }[];
}

function moduleOf(call: TSESTree.CallExpression): CompiledModule | undefined {
  if (call.callee.type !== 'Identifier' || call.callee.name !== 'define') return undefined;
  const [name, factory] = call.arguments;
  if (name?.type !== 'Literal' || typeof name.value !== 'string') return undefined;
  if (factory?.type !== 'FunctionExpression' && factory?.type !== 'ArrowFunctionExpression') return undefined;
  if (factory.body.type !== 'BlockStatement') return undefined;
  const path = normaliseEntryPath(name.value);
  // A "module" named like a service bundle would share its path with the bundle file: it stays code of this bundle.
  return path && !SERVICE_BUNDLE.test(path) ? { path, body: factory.body } : undefined;
}

/** Expressions a top-level statement evaluates: minifiers join `define(…)` calls with commas. */
function expressionsOf(statement: TSESTree.ExpressionStatement): TSESTree.Expression[] {
  return statement.expression.type === 'SequenceExpression' ? statement.expression.expressions : [statement.expression];
}

/** The body of an immediately invoked function (`(function () {…})()`, `!function () {…}()`). */
function iifeBody(expression: TSESTree.Expression): TSESTree.Statement[] | undefined {
  if (expression.type !== 'CallExpression') return undefined;
  const callee = expression.callee.type === 'UnaryExpression' ? expression.callee.argument : expression.callee;
  if ((callee.type === 'FunctionExpression' || callee.type === 'ArrowFunctionExpression') && callee.body.type === 'BlockStatement') return callee.body.body;
  return undefined;
}

/** An expression left over from a comma sequence, as a statement of its own (same range). */
function statementOf(expression: TSESTree.Expression): TSESTree.ExpressionStatement {
  return { type: 'ExpressionStatement', expression, directive: undefined, range: expression.range, loc: expression.loc } as unknown as TSESTree.ExpressionStatement;
}

function definesAnyModule(statements: readonly TSESTree.Statement[]): boolean {
  return statements.some((statement) => statement.type === 'ExpressionStatement' && expressionsOf(statement).some((expression) => expression.type === 'CallExpression' && moduleOf(expression)));
}

class BundleSplitter {
  readonly bundle: CompiledBundle = { modules: [], outside: [], redefined: [] };
  private readonly seen = new Set<string>();

  /** Top-level statements, and those of top-level IIFEs that define modules (one level: wrappers are emitted there). */
  split(statements: readonly TSESTree.Statement[], nested: boolean): void {
    for (const statement of statements) {
      if (statement.type === 'ExpressionStatement') this.splitExpressions(statement, nested);
      else this.bundle.outside.push(statement);
    }
  }

  private splitExpressions(statement: TSESTree.ExpressionStatement, nested: boolean): void {
    const expressions = expressionsOf(statement);
    const leftover: TSESTree.Expression[] = [];
    for (const expression of expressions) {
      const module = expression.type === 'CallExpression' ? moduleOf(expression) : undefined;
      const body = nested ? undefined : iifeBody(expression);
      if (module) this.addModule(module, expression);
      else if (body && definesAnyModule(body)) this.split(body, true);
      else leftover.push(expression);
    }
    if (leftover.length === expressions.length) this.bundle.outside.push(statement);
    else this.bundle.outside.push(...leftover.map(statementOf));
  }

  private addModule(module: CompiledModule, call: TSESTree.Expression): void {
    if (this.seen.has(module.path)) {
      // A later definition of a path: analysed with the bundle's own code, and named.
      this.bundle.redefined.push({ path: module.path, offset: call.range[0] });
      this.bundle.outside.push(statementOf(call));
      return;
    }
    this.seen.add(module.path);
    this.bundle.modules.push(module);
  }
}

/**
 * The modules an app-service.js registers with `define("path", function (require, module, exports, …) {…})`,
 * and every other top-level statement. Only top-level statements (and the bodies of top-level IIFEs)
 * are looked at for wrappers: they are emitted there, and staying shallow keeps this a small fraction
 * of one traversal. Whatever is not a wrapper is returned as `outside`, never dropped.
 */
export function splitCompiledBundle(program: TSESTree.Program): CompiledBundle {
  const splitter = new BundleSplitter();
  splitter.split(program.body, false);
  return splitter.bundle;
}
