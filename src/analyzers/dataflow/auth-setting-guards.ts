import type { TSESTree } from '@typescript-eslint/types';
import { unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';

/**
 * What the `if` tests around the code being walked say of a permission's entry in `getSetting`'s
 * `authSetting` (`res.authSetting['scope.userLocation']`): the values it may still have, as a mask
 * of GRANTED, REFUSED and UNASKED. A prompt whose permission can only be granted there shows no
 * dialog: `if (auth === false) { … } else if (auth === undefined) { ask } else { getLocation() }`.
 */
export type ScopeFacts = ReadonlyMap<string, number>;

const GRANTED = 1;
const REFUSED = 2;
const UNASKED = 4;
const ANY = GRANTED | REFUSED | UNASKED;

export const NO_SCOPE_FACTS: ScopeFacts = new Map();

/** The facts inside the arm of an `if` whose test is `test` (`holds`: the consequent). */
export function narrowScopes(facts: ScopeFacts, test: TSESTree.Node, holds: boolean): ScopeFacts {
  const tested = scopeTest(test);
  if (!tested) return facts;
  const mask = holds ? tested.mask : ANY & ~tested.mask;
  const narrowed = (facts.get(tested.scope) ?? ANY) & mask;
  // No value left: the test reads a newer setting (`openSetting`'s, after a refusal), which replaces the old.
  return new Map([...facts, [tested.scope, narrowed === 0 ? mask : narrowed]]);
}

/** Whether the tests around the code leave the permission granted and nothing else. */
export function isGranted(facts: ScopeFacts, scope: string): boolean {
  const values = facts.get(scope);
  return values === GRANTED;
}

/** The permissions the tests around the code leave granted, sorted; undefined when none. */
export function grantedScopes(facts: ScopeFacts): string[] | undefined {
  if (facts.size === 0) return undefined;
  const granted = [...facts.keys()].filter((scope) => isGranted(facts, scope)).sort();
  return granted.length > 0 ? granted : undefined;
}

/** A test of one permission's setting alone: the permission, and the values for which the test holds. */
function scopeTest(raw: TSESTree.Node): { scope: string; mask: number } | undefined {
  let node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  // `if (console.log(res), res.authSetting['scope.userLocation'])`, as minifiers write it: the test is the last expression.
  if (node.type === 'SequenceExpression') node = unwrapTypeScript(node.expressions[node.expressions.length - 1]! as Node) as TSESTree.Node;
  const scope = settingScope(node);
  if (scope !== undefined) return { scope, mask: GRANTED };
  if (node.type === 'UnaryExpression' && node.operator === '!') {
    const inner = scopeTest(node.argument);
    return inner && { scope: inner.scope, mask: ANY & ~inner.mask };
  }
  if (node.type === 'LogicalExpression' && (node.operator === '||' || node.operator === '&&')) {
    const left = scopeTest(node.left);
    const right = scopeTest(node.right);
    if (!left || !right || left.scope !== right.scope) return undefined;
    return { scope: left.scope, mask: node.operator === '||' ? left.mask | right.mask : left.mask & right.mask };
  }
  if (node.type === 'BinaryExpression') return comparison(node);
  return undefined;
}

/** `auth === false`, `auth == undefined`, `typeof auth === 'undefined'`, `auth != true`, either way round. */
function comparison(node: TSESTree.BinaryExpression): { scope: string; mask: number } | undefined {
  const equal = node.operator === '===' || node.operator === '==';
  if (!equal && node.operator !== '!==' && node.operator !== '!=') return undefined;
  const sides = [node.left as TSESTree.Node, node.right];
  for (const [index, side] of sides.entries()) {
    const other = unwrapTypeScript(sides[1 - index] as Node) as TSESTree.Node;
    const plain = unwrapTypeScript(side as Node) as TSESTree.Node;
    const typeOf = plain.type === 'UnaryExpression' && plain.operator === 'typeof' ? settingScope(plain.argument) : undefined;
    const scope = typeOf ?? settingScope(plain);
    if (scope === undefined) continue;
    const mask = typeOf !== undefined ? (other.type === 'Literal' && other.value === 'undefined' ? UNASKED : undefined) : valueMask(other, node.operator.length === 2);
    if (mask === undefined) return undefined;
    return { scope, mask: equal ? mask : ANY & ~mask };
  }
  return undefined;
}

/** The setting values a literal compares equal to (loosely: `undefined == null`). */
function valueMask(node: TSESTree.Node, loose: boolean): number | undefined {
  if (node.type === 'Identifier' && node.name === 'undefined') return UNASKED;
  if (node.type === 'UnaryExpression' && node.operator === 'void') return UNASKED;
  // Minified booleans: `!0` is true, `!1` false.
  if (node.type === 'UnaryExpression' && node.operator === '!' && node.argument.type === 'Literal' && (node.argument.value === 0 || node.argument.value === 1)) return node.argument.value === 0 ? GRANTED : REFUSED;
  if (node.type !== 'Literal') return undefined;
  if (node.value === null) return loose ? UNASKED : 0;
  if (node.value === true) return GRANTED;
  if (node.value === false) return REFUSED;
  return undefined;
}

/** `res.authSetting['scope.userLocation']`, `authSetting["scope.userLocation"]`: the permission named. */
function settingScope(raw: TSESTree.Node): string | undefined {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  if (node.type !== 'MemberExpression' || !node.computed || node.property.type !== 'Literal' || typeof node.property.value !== 'string') return undefined;
  const object = unwrapTypeScript(node.object as Node) as TSESTree.Node;
  const holder = object.type === 'Identifier' ? object.name : object.type === 'MemberExpression' && !object.computed && object.property.type === 'Identifier' ? object.property.name : undefined;
  return holder !== undefined && /^auth_?setting$/i.test(holder) ? node.property.value : undefined;
}
