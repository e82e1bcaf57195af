import type { TSESTree } from '@typescript-eslint/types';
import { staticPropertyName, unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';

/** A primitive a test can be decided on; `undefined` stands for itself, so a miss is `NOT_STATIC`. */
type Primitive = string | number | boolean | bigint | null | undefined;
const NOT_STATIC = Symbol('not static');
type Decided = Primitive | typeof NOT_STATIC;

/** Identifiers followed to their one value: a flag defined from another flag, bounded. */
const MAX_DEPTH = 4;

/**
 * Whether an `if` test is always true or always false, from literals and variables that are given a
 * literal once and never written again (`let dev = false; … if (dev)`): the switch between a
 * development and a release server. `onlyValueOf` gives such a variable's initialiser. Undefined
 * when the test depends on anything else.
 */
export function staticTruth(test: TSESTree.Node, onlyValueOf: (identifier: TSESTree.Identifier) => TSESTree.Node | undefined): boolean | undefined {
  const value = decide(test, onlyValueOf, 0);
  return value === NOT_STATIC ? undefined : Boolean(value);
}

function decide(raw: TSESTree.Node, onlyValueOf: (identifier: TSESTree.Identifier) => TSESTree.Node | undefined, depth: number): Decided {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  if (depth > MAX_DEPTH) return NOT_STATIC;
  switch (node.type) {
    case 'Literal':
      return 'regex' in node && node.regex ? NOT_STATIC : (node.value as Primitive);
    case 'Identifier': {
      if (node.name === 'undefined') return undefined;
      const init = onlyValueOf(node);
      return init ? decide(init, onlyValueOf, depth + 1) : NOT_STATIC;
    }
    case 'UnaryExpression': {
      if (node.operator !== '!') return NOT_STATIC;
      const operand = decide(node.argument, onlyValueOf, depth + 1);
      return operand === NOT_STATIC ? NOT_STATIC : !operand;
    }
    case 'BinaryExpression':
      return compare(node, onlyValueOf, depth);
    case 'MemberExpression':
      // A shipped build is a production build: bundlers put 'production' in place of process.env.NODE_ENV.
      return isNodeEnv(node) ? 'production' : NOT_STATIC;
    case 'LogicalExpression': {
      const left = decide(node.left, onlyValueOf, depth + 1);
      if (left === NOT_STATIC) return NOT_STATIC;
      if (node.operator === '&&') return left ? decide(node.right, onlyValueOf, depth + 1) : left;
      if (node.operator === '||') return left ? left : decide(node.right, onlyValueOf, depth + 1);
      return left ?? decide(node.right, onlyValueOf, depth + 1);
    }
    default:
      return NOT_STATIC;
  }
}

/** `process.env.NODE_ENV`, however its members are written. */
function isNodeEnv(node: TSESTree.MemberExpression): boolean {
  const env = node.object;
  return staticPropertyName(node) === 'NODE_ENV' && env.type === 'MemberExpression' && staticPropertyName(env) === 'env' && env.object.type === 'Identifier' && env.object.name === 'process';
}

function compare(node: TSESTree.BinaryExpression, onlyValueOf: (identifier: TSESTree.Identifier) => TSESTree.Node | undefined, depth: number): Decided {
  if (node.left.type === 'PrivateIdentifier') return NOT_STATIC;
  const left = decide(node.left, onlyValueOf, depth + 1);
  const right = left === NOT_STATIC ? NOT_STATIC : decide(node.right, onlyValueOf, depth + 1);
  if (left === NOT_STATIC || right === NOT_STATIC) return NOT_STATIC;
  switch (node.operator) {
    case '===': return left === right;
    case '!==': return left !== right;
    // eslint-disable-next-line eqeqeq -- the program's own loose comparison, decided as it would run
    case '==': return left == right;
    // eslint-disable-next-line eqeqeq
    case '!=': return left != right;
    default: return NOT_STATIC;
  }
}
