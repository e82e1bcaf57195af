import type { TSESTree } from '@typescript-eslint/types';
import { unwrapTypeScript } from '../../analyzers/api-calls.js';
import { propertyKeyName, type SymValue } from '../../analyzers/constants.js';
import { API_NAMESPACES, namespaceMember, NETWORK_APIS } from './support.js';

/** The URL a platform network call loads: what the call is (`wx.request (url)`), its value, and the expression. */
export interface NetworkUrl {
  label: string;
  value: SymValue;
  node: TSESTree.Node;
}

/**
 * `wx.request({ url })`, `my.uploadFile(options)`, `tt.connectSocket({ url })`: the URL of a network
 * call on a platform namespace, as the constant collector captures it. The `url` property of the
 * options object literal, or the `url` member of whatever object is passed.
 */
export function networkCallUrl(call: TSESTree.CallExpression, capture: (node: TSESTree.Node) => SymValue): NetworkUrl | undefined {
  const target = namespaceMember(call.callee);
  if (!target || !API_NAMESPACES.has(target.namespace)) return undefined;
  const option = NETWORK_APIS.get(target.member);
  const options = call.arguments[0];
  if (!option || !options || options.type === 'SpreadElement') return undefined;
  const label = `${target.namespace}.${target.member} (${option})`;
  const unwrapped = unwrapTypeScript(options);
  if (unwrapped.type !== 'ObjectExpression') return { label, value: { kind: 'member', object: capture(unwrapped), property: option }, node: unwrapped };
  for (let i = unwrapped.properties.length - 1; i >= 0; i--) {
    const property = unwrapped.properties[i]!;
    if (property.type === 'Property' && propertyKeyName(property) === option) return { label, value: capture(property.value), node: property.value };
  }
  return undefined;
}
