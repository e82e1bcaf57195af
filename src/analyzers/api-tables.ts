import type { TSESTree } from '@typescript-eslint/types';
import { DISTINCTIVE_PLATFORM_METHODS } from '../platforms/platform-methods.js';
import type { Node } from './traverse.js';
import { propertyKey } from './property-key.js';

/** How many properties named like platform APIs make an object a table of API shims. */
const TABLE_EVIDENCE = 5;
/** How many of an object's properties are read to tell a table of API shims. */
const MAX_PROPERTIES_READ = 256;
/** How far up from a call the function of a table entry is looked for. */
const MAX_DEPTH = 24;

/**
 * The API name of the table entry whose function a node is in: an object with several properties
 * named like platform APIs, each a function or `{ fn: function }` (antmove's `_my`, which converts a
 * WeChat app's `wx.getClipboardData` into Alipay's `my.getClipboard`). The platform call in such an
 * entry runs only when the app calls the entry, so that call, not the shim's body, is the use.
 */
export function apiTableEntryOf(ancestors: readonly Node[]): string | undefined {
  const start = ancestors.length - 1;
  for (let at = start; at >= 0 && at > start - MAX_DEPTH; at--) {
    const node = ancestors[at]!;
    if (node.type !== 'FunctionExpression' && node.type !== 'ArrowFunctionExpression') continue;
    return entryName(node, ancestors, at);
  }
  return undefined;
}

/** The entry `fn` is the value of (`name: fn`, `name() {}` or `name: { fn }`), when its object is a table of API shims. */
function entryName(fn: Node, ancestors: readonly Node[], at: number): string | undefined {
  let property = ancestors[at - 1];
  let object = ancestors[at - 2];
  if (property?.type !== 'Property' || property.value !== fn || object?.type !== 'ObjectExpression') return undefined;
  // `{ fn: function fn () {…} }`, under the API's name one object up.
  if (propertyKey(property) === 'fn' && ancestors[at - 3]?.type === 'Property' && ancestors[at - 4]?.type === 'ObjectExpression') {
    property = ancestors[at - 3] as TSESTree.Property;
    object = ancestors[at - 4];
  }
  const name = propertyKey(property as TSESTree.Property);
  return name !== undefined && isApiTable(object as TSESTree.ObjectExpression) ? name : undefined;
}

function isApiTable(object: TSESTree.ObjectExpression): boolean {
  let named = 0;
  // Looked at for each platform call inside the object: a bundle's module map of thousands of entries is not read through each time.
  const read = Math.min(object.properties.length, MAX_PROPERTIES_READ);
  for (let index = 0; index < read; index++) {
    const property = object.properties[index]!;
    if (property.type !== 'Property') continue;
    const name = propertyKey(property);
    if (name !== undefined && DISTINCTIVE_PLATFORM_METHODS.has(name) && ++named >= TABLE_EVIDENCE) return true;
  }
  return false;
}
