import type { TSESTree } from '@typescript-eslint/types';
import type { Variable } from '@typescript-eslint/scope-manager';
import { unwrapTypeScript } from '../api-calls.js';
import { childNodes, type Node } from '../traverse.js';
import { PROMISE_CALLBACKS } from './extract-base.js';
import { memberName } from './extract-syntax.js';

/**
 * A promise chain rebuilt step by step in a loop (`let p = Promise.resolve(config); while
 * (chain.length) p = p.then(chain.shift(), chain.shift())`): a variable declared once whose value is
 * written back as a step of its own chain inside a loop. Its first value only starts the chain
 * (`chainStart` in extract-expressions.ts).
 */
export function isRebuiltChain(variable: Variable): boolean {
  if (variable.defs.length !== 1 || variable.defs[0]!.type !== 'Variable') return false;
  return variable.references.some((reference) => !reference.init && isChainStep(reference.writeExpr, variable) && inLoop(variable.scope.block, reference.identifier.range));
}

/** `p.then(…)`, `p.catch(…)`: a step of a promise chain on the variable itself, written back to it. */
function isChainStep(written: TSESTree.Node | null | undefined, variable: Variable): boolean {
  const call = written && (unwrapTypeScript(written as Node) as TSESTree.Node);
  if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return false;
  const method = memberName(call.callee);
  const receiver = unwrapTypeScript(call.callee.object as Node) as TSESTree.Node;
  return method !== undefined && PROMISE_CALLBACKS.has(method) && receiver.type === 'Identifier' && variable.references.some((reference) => reference.identifier === receiver);
}

const LOOPS: ReadonlySet<string> = new Set(['WhileStatement', 'DoWhileStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement']);

/**
 * Whether `range` lies in a loop inside `block`: a chain rebuilt in a loop (`while (chain.length)`)
 * takes at least one step, while one extended under a condition (`if (cb) p = p.then(cb)`) may keep
 * its first value. Descends along the one path of nodes that contain the range.
 */
function inLoop(block: TSESTree.Node, range: readonly [number, number]): boolean {
  let node: TSESTree.Node | undefined = block;
  while (node) {
    if (LOOPS.has(node.type) && node !== block) return true;
    node = childNodes(node as Node).find((child) => child.range[0] <= range[0] && range[1] <= child.range[1]) as TSESTree.Node | undefined;
  }
  return false;
}
