import type { TSESTree } from '@typescript-eslint/types';
import type { SourceLocation } from '../../types.js';
import type { FlowLabel } from '../../platforms/flows.js';
import { unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';
import type { FlowFragment, Ref } from './fragment.js';
import type { ExtractOptions } from './extract-options.js';
import { propertyName } from './extract-syntax.js';
import type { ScopeFacts } from './auth-setting-guards.js';

/** What the API handlers need of the extractor. */
export interface ApiCallTarget {
  readonly fragment: FlowFragment;
  readonly options: ExtractOptions;
  readonly owner: string | undefined;
  expression(node: TSESTree.Node | null | undefined): Ref[];
  field(base: readonly Ref[], name: string, at: Node, byName?: boolean): Ref[];
  /** `direct`: the call passes `at`'s own arguments as written (see ExtractorBase.invoke). */
  invoke(callees: readonly Ref[], args: Ref[][], at: Node, receiver?: Ref[], passThrough?: boolean, direct?: boolean, sited?: boolean): Ref[];
  source(label: FlowLabel, origin: string, at: Node, named?: FlowLabel, text?: string): Ref;
  node(key: string, at: { range: readonly [number, number] }, label?: string): string;
  copy(refs: readonly Ref[], target: string): void;
  temp(at: Node, suffix?: string): string;
  location(node: { range: readonly [number, number] }): SourceLocation;
  constantString(identifier: TSESTree.Identifier): string | undefined;
  /** What a variable is declared with (`const table = db.collection('x')` → the call), if it is declared once with a value. */
  initializerOf(identifier: TSESTree.Identifier): TSESTree.Node | undefined;
  /** What a variable holds wherever it is read: its initializer, when nothing else is ever assigned to it. */
  onlyValueOf(identifier: TSESTree.Identifier): TSESTree.Node | undefined;
  /** The position of `node` among the parameters of the function the code is in, when it is one of them as declared. */
  parameterPosition(node: TSESTree.Node): number | undefined;
  /** The position of `node` among the parameters of a function around the code (its own or one whose closure it is in), with that function's key. */
  enclosingParameter(node: TSESTree.Node): { position: number; fn: string } | undefined;
  /** What the `if` tests around the code being walked read, in server code. */
  readonly conditions: readonly Ref[];
  /** The parameter that switches on the code being walked (`if (persist) …`), if any. */
  readonly switchParameter: { position: number; onByDefault: boolean } | undefined;
  /** How many `fail` callbacks (`{ fail: () => … }`) enclose the code being walked: it answers a failure or a refusal. */
  readonly failDepth: number;
  /** What the `if` tests around the code being walked say of permissions' settings (`authSetting['scope.userLocation']`). */
  readonly scopeFacts: ScopeFacts;
}

export interface CallShape {
  args: Ref[][];
  nodes: readonly TSESTree.Node[];
}

/** The value node of option `name` in an object-literal argument. */
export function optionValue(node: TSESTree.Node | undefined, name: string): TSESTree.Node | undefined {
  const object = node && (unwrapTypeScript(node as Node) as TSESTree.Node);
  if (object?.type !== 'ObjectExpression') return undefined;
  for (const property of object.properties) {
    if (property.type !== 'Property') continue;
    if (propertyName(property) === name) return property.value;
  }
  return undefined;
}

/** How deep a string built from constants is followed (`A + B + C` nests one level per `+`). */
const MAX_STATIC_DEPTH = 16;

/** A string the code spells out: a literal, a const bound to one, or one built from those with `+` and templates (`${NS}:token`). */
export function staticString(target: ApiCallTarget, raw: TSESTree.Node, depth = 0): string | undefined {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'Identifier') return target.constantString(node);
  if (depth >= MAX_STATIC_DEPTH) return undefined;
  // `${NAMESPACE}:token`, PREFIX + 'token': a key built only from constants is that key, not a computed one.
  if (node.type === 'TemplateLiteral') {
    let text = node.quasis[0]?.value.cooked ?? undefined;
    for (let index = 0; index < node.expressions.length && text !== undefined; index++) {
      const part = staticString(target, node.expressions[index]!, depth + 1);
      const after = node.quasis[index + 1]?.value.cooked ?? undefined;
      text = part === undefined || after === undefined ? undefined : text + part + after;
    }
    return text;
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const left = staticString(target, node.left, depth + 1);
    const right = left === undefined ? undefined : staticString(target, node.right, depth + 1);
    return right === undefined ? undefined : left! + right;
  }
  return undefined;
}
