import type { TSESTree } from '@typescript-eslint/types';
import { unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';
import { calleeText } from './extract-syntax.js';

/** Calls whose result is a clock or chance, never the user's data. */
const CLOCK_CALLS = new Set(['Date.now', 'Math.random', 'performance.now']);

/** A value built only from literals and clocks (`Date.now() + 7200`, `new Date().toISOString()`): writing it reveals nothing about the user. */
export function isInert(raw: TSESTree.Node): boolean {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  switch (node.type) {
    case 'Literal':
    case 'UnaryExpression':
      return node.type === 'Literal' || node.operator === 'void' || node.operator === '!' || isInert(node.argument);
    case 'TemplateLiteral':
      return node.expressions.every((expression) => isInert(expression));
    case 'BinaryExpression':
      return node.left.type !== 'PrivateIdentifier' && isInert(node.left) && isInert(node.right);
    case 'ArrayExpression':
      return node.elements.every((element) => element !== null && element.type !== 'SpreadElement' && isInert(element));
    case 'ObjectExpression':
      return node.properties.every((property) => property.type === 'Property' && isInert(property.value));
    case 'NewExpression':
      return calleeText(node.callee) === 'Date' && node.arguments.every((argument) => argument.type !== 'SpreadElement' && isInert(argument));
    case 'CallExpression': {
      const name = calleeText(node.callee);
      if (name && CLOCK_CALLS.has(name)) return true;
      if (name?.startsWith('Math.')) return node.arguments.every((argument) => argument.type !== 'SpreadElement' && isInert(argument));
      // A method of an inert value: `new Date().toISOString()`, `Date.now().toString(36)`.
      return node.callee.type === 'MemberExpression' && isInert(node.callee.object) && node.arguments.every((argument) => argument.type !== 'SpreadElement' && isInert(argument));
    }
    default:
      return false;
  }
}
