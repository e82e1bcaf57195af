import type { TSESTree } from '@typescript-eslint/types';
import { normaliseEntryPath } from '../bundle/wxapkg.js';

/** One source module recovered from a compiled app-service.js. */
export interface CompiledModule {
  /** The module's original path (`pages/index/index.js`). */
  path: string;
  /** The wrapper function whose body is the module's code. */
  body: TSESTree.BlockStatement;
}

function moduleOf(call: TSESTree.CallExpression): CompiledModule | undefined {
  if (call.callee.type !== 'Identifier' || call.callee.name !== 'define') return undefined;
  const [name, factory] = call.arguments;
  if (name?.type !== 'Literal' || typeof name.value !== 'string') return undefined;
  if (factory?.type !== 'FunctionExpression' && factory?.type !== 'ArrowFunctionExpression') return undefined;
  if (factory.body.type !== 'BlockStatement') return undefined;
  const path = normaliseEntryPath(name.value);
  return path ? { path, body: factory.body } : undefined;
}

/** Expressions a top-level statement evaluates: minifiers join `define(…)` calls with commas. */
function* topLevelCalls(statement: TSESTree.Node): Generator<TSESTree.CallExpression> {
  if (statement.type !== 'ExpressionStatement') return;
  const expressions = statement.expression.type === 'SequenceExpression' ? statement.expression.expressions : [statement.expression];
  for (const expression of expressions) if (expression.type === 'CallExpression') yield expression;
}

/**
 * The modules an app-service.js registers with `define("path", function (require, module, exports, …) {…})`.
 * Only top-level statements (and the bodies of top-level IIFEs) are looked at: the wrappers are
 * emitted there, and staying shallow keeps this a small fraction of one traversal.
 */
export function findCompiledModules(program: TSESTree.Program): CompiledModule[] {
  const modules: CompiledModule[] = [];
  const statements: TSESTree.Node[] = [...program.body];
  for (const statement of program.body) {
    for (const call of topLevelCalls(statement)) {
      const callee = call.callee.type === 'UnaryExpression' ? call.callee.argument : call.callee;
      if ((callee.type === 'FunctionExpression' || callee.type === 'ArrowFunctionExpression') && callee.body.type === 'BlockStatement') {
        statements.push(...callee.body.body);
      }
    }
  }
  const seen = new Set<string>();
  for (const statement of statements) {
    for (const call of topLevelCalls(statement)) {
      const found = moduleOf(call);
      // A path defined twice: the first definition is what require() returns.
      if (found && !seen.has(found.path)) {
        seen.add(found.path);
        modules.push(found);
      }
    }
  }
  return modules;
}
