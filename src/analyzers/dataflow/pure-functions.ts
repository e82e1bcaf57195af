import type { TSESTree } from '@typescript-eslint/types';
import type { Variable } from '@typescript-eslint/scope-manager';
import { INERT_METHODS, PASS_THROUGH_FUNCTIONS, PASS_THROUGH_METHODS } from '../../platforms/flows.js';
import { unwrapTypeScript } from '../api-calls.js';
import { childNodes, type Node } from '../traverse.js';
import { calleeText, type FunctionNode } from './extract-syntax.js';

/** Larger functions are not checked: a helper worth summarising is small, and the check stays linear. */
export const MAX_HELPER_LENGTH = 1_500;

/** Methods a helper may call on its own values: string and array work that builds a value from its receiver and arguments. */
export const VALUE_METHODS: ReadonlySet<string> = new Set([
  ...PASS_THROUGH_METHODS,
  ...INERT_METHODS,
  'push', 'unshift', 'map', 'filter', 'forEach', 'reduce', 'find', 'keys', 'isArray', 'floor', 'ceil', 'round', 'max', 'min', 'abs', 'getTime',
]);

/** Globals a helper may read or call without reaching anything outside its arguments. */
export const VALUE_GLOBALS: ReadonlySet<string> = new Set([...PASS_THROUGH_FUNCTIONS, 'Object', 'Array', 'JSON', 'Math', 'Boolean', 'RegExp', 'Date', 'isNaN', 'isFinite', 'undefined', 'NaN', 'Infinity']);

/** Nodes that reach outside a helper's arguments and locals. */
const ESCAPING: ReadonlySet<string> = new Set(['ThisExpression', 'Super', 'MetaProperty', 'YieldExpression', 'AwaitExpression', 'ImportExpression', 'TaggedTemplateExpression', 'ClassBody']);

/**
 * What a small helper does with its arguments, if each call's result can be made from that call's
 * own arguments instead of every caller's meeting in the helper's parameters and coming out of
 * every call. It calls nothing but string, array and math methods and the functions written inside
 * it, writes only its own locals, and has no `this`. Either:
 * - a value helper (`stringify(query)`, `urlfix(url, params)`, `formatTime(date)`), whose arguments
 *   reach only the string it returns: `valueStarts` are the parameters that can start the string
 *   (`url` of `url + '?' + params`); the others join it after its start (FlowFragment.valueHelpers);
 * - a copy helper (`clone(obj) { return obj ? JSON.parse(JSON.stringify(obj)) : obj }`,
 *   `{ ...obj }`), which returns one parameter as it came or copied: `copyOf` is that parameter,
 *   and each call's result is a copy of its own argument, field by field (FlowFragment.copyHelpers).
 * Undefined for other functions. The function's statements are walked once for both.
 */
export function summariseHelper(fn: FunctionNode, variables: ReadonlyMap<TSESTree.Identifier, Variable>): { valueStarts: number[] } | { copyOf: number } | undefined {
  if (fn.async || fn.generator || fn.range[1] - fn.range[0] > MAX_HELPER_LENGTH || fn.params.length === 0) return undefined;
  const local = bindingIn(fn, variables);
  // Most functions return neither a string nor a parameter: the returned values are checked before the whole body is.
  const shape = shapeOf(fn);
  if (!shape) return undefined;
  if (returnsString(shape, local)) return onlyValueWork(fn, local) ? { valueStarts: startingParameters(fn, shape, local) } : undefined;
  const copyOf = copiedParameter(fn, shape);
  return copyOf !== undefined && onlyValueWork(fn, local) ? { copyOf } : undefined;
}

/** The one parameter every returned value is, as it came or copied; undefined otherwise. */
function copiedParameter(fn: FunctionNode, shape: HelperShape): number | undefined {
  if (shape.returned.length === 0) return undefined;
  const positions = new Set<number>();
  for (const value of shape.returned) if (!copiedParameters(fn, value, positions)) return undefined;
  return positions.size === 1 ? [...positions][0] : undefined;
}

/** Adds the parameter `raw` returns as it came or copied; false when it returns anything else. */
function copiedParameters(fn: FunctionNode, raw: TSESTree.Node, positions: Set<number>): boolean {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  switch (node.type) {
    case 'Identifier': {
      const position = fn.params.findIndex((param) => (param.type === 'AssignmentPattern' ? param.left : param).type === 'Identifier' && ((param.type === 'AssignmentPattern' ? param.left : param) as TSESTree.Identifier).name === node.name);
      if (position < 0) return false;
      positions.add(position);
      return true;
    }
    case 'ConditionalExpression':
      return copiedParameters(fn, node.consequent, positions) && copiedParameters(fn, node.alternate, positions);
    case 'LogicalExpression':
      return copiedParameters(fn, node.left, positions) && copiedParameters(fn, node.right, positions);
    case 'ObjectExpression':
    case 'ArrayExpression': {
      const elements: (TSESTree.Node | null)[] = node.type === 'ObjectExpression' ? node.properties : node.elements;
      return elements.length === 1 && elements[0]?.type === 'SpreadElement' && copiedParameters(fn, elements[0].argument, positions);
    }
    case 'CallExpression': {
      // JSON.parse(JSON.stringify(x))
      const inner = node.arguments[0];
      return calleeText(node.callee) === 'JSON.parse' && inner?.type === 'CallExpression' && calleeText(inner.callee) === 'JSON.stringify' && inner.arguments[0] !== undefined && copiedParameters(fn, inner.arguments[0], positions);
    }
    default:
      return false;
  }
}

/** What the function returns and what its own code gives each name; undefined when a `return` has no value. */
interface HelperShape {
  returned: TSESTree.Node[];
  assigned: Map<string, TSESTree.Node[]>;
}

/** The body reaches nothing but the helper's arguments, its locals and value work on them (see summariseHelper). */
function onlyValueWork(fn: FunctionNode, local: Binding): boolean {
  const stack: Node[] = [fn.body, ...fn.params.flatMap((param) => (param.type === 'AssignmentPattern' ? [param.right] : []))];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ESCAPING.has(node.type)) return false;
    switch (node.type) {
      case 'Identifier': {
        const binding = local(node);
        // A module's value may be read (writes are checked below); a global only from the list.
        if (binding === 'outside-function' || (binding === undefined && !VALUE_GLOBALS.has(node.name))) return false;
        continue;
      }
      case 'MemberExpression':
        stack.push(node.object);
        if (node.computed) stack.push(node.property);
        continue;
      case 'Property':
        if (node.computed) stack.push(node.key);
        stack.push(node.value);
        continue;
      case 'CallExpression':
      case 'NewExpression':
        if (!callsValueWork(node.callee, local)) return false;
        stack.push(...(node.callee.type === 'MemberExpression' ? [node.callee.object] : []), ...node.arguments);
        continue;
      case 'AssignmentExpression':
        if (!writesLocal(node.left, local)) return false;
        stack.push(node.right);
        continue;
      case 'UpdateExpression':
        if (!writesLocal(node.argument, local)) return false;
        continue;
      case 'UnaryExpression':
        if (node.operator === 'delete' && !writesLocal(node.argument, local)) return false;
        stack.push(node.argument);
        continue;
      case 'LabeledStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
        if ('body' in node && node.body) stack.push(node.body);
        continue;
      default:
        stack.push(...childNodes(node));
    }
  }
  return true;
}

/** Methods whose result is a string made from their receiver and arguments. */
const STRING_METHODS: ReadonlySet<string> = new Set([
  'join', 'replace', 'replaceAll', 'toString', 'trim', 'trimStart', 'trimEnd', 'slice', 'substring', 'substr', 'concat', 'padStart', 'padEnd',
  'toFixed', 'toLowerCase', 'toUpperCase', 'repeat', 'charAt', 'stringify', 'toLocaleString', 'normalize',
]);
const STRING_FUNCTIONS: ReadonlySet<string> = new Set(['String', 'encodeURIComponent', 'encodeURI', 'decodeURIComponent', 'decodeURI', 'escape', 'unescape', 'btoa', 'atob']);

/**
 * Every value the helper returns is a string built from its inputs (a template, `+`, `join`, a
 * local only ever given such values). A string is one value: the call's result may carry all of its
 * arguments' fields. A helper returning an object keeps them apart, and is linked as any function.
 */
function returnsString({ returned, assigned }: HelperShape, local: Binding): boolean {
  if (returned.length === 0) return false;
  // A parameter passed back as it came (`let fixUrl = url; if (p) fixUrl = url + '?' + p`) is neutral: some other value must be a built string.
  type Kind = 'string' | 'neutral' | 'other';
  const all = (kinds: Kind[]): Kind => (kinds.includes('other') ? 'other' : kinds.includes('string') ? 'string' : 'neutral');
  const kindOf = (raw: TSESTree.Node, depth: number): Kind => {
    const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
    switch (node.type) {
      case 'TemplateLiteral':
        return 'string';
      case 'Literal':
        return typeof node.value === 'string' ? 'string' : 'other';
      case 'BinaryExpression':
        return node.operator === '+' && (kindOf(node.left as TSESTree.Node, depth) === 'string' || kindOf(node.right, depth) === 'string') ? 'string' : 'other';
      case 'ConditionalExpression':
        return all([kindOf(node.consequent, depth), kindOf(node.alternate, depth)]);
      case 'CallExpression': {
        const callee = node.callee;
        if (callee.type === 'Identifier') return STRING_FUNCTIONS.has(callee.name) && local(callee) === undefined ? 'string' : 'other';
        return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && STRING_METHODS.has(callee.property.name) ? 'string' : 'other';
      }
      case 'Identifier': {
        const binding = local(node);
        const values = assigned.get(node.name) ?? [];
        if (binding === 'parameter') return values.length === 0 || depth >= 2 ? 'neutral' : all(['neutral', ...values.map((value) => kindOf(value, depth + 1))]);
        return depth < 2 && binding === 'local' && values.length > 0 ? all(values.map((value) => kindOf(value, depth + 1))) : 'other';
      }
      default:
        return 'other';
    }
  };
  return all(returned.map((value) => kindOf(value, 0))) === 'string';
}

/** The function's own statements, not those of functions written inside it. */
export function ownNodes(fn: FunctionNode): Node[] {
  const nodes: Node[] = [];
  const stack: Node[] = [fn.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    nodes.push(node);
    if (node.type !== 'FunctionDeclaration' && node.type !== 'FunctionExpression' && node.type !== 'ArrowFunctionExpression') stack.push(...childNodes(node));
  }
  return nodes;
}

/** The function's returned values and each name's values, from one walk of its own statements. */
function shapeOf(fn: FunctionNode): HelperShape | undefined {
  const assigned = new Map<string, TSESTree.Node[]>();
  const add = (name: string, value: TSESTree.Node): void => {
    assigned.set(name, [...(assigned.get(name) ?? []), value]);
  };
  if (fn.body.type !== 'BlockStatement') return { returned: [fn.body], assigned };
  const returned: TSESTree.Node[] = [];
  for (const node of ownNodes(fn)) {
    if (node.type === 'ReturnStatement') {
      if (!node.argument) return undefined;
      returned.push(node.argument);
    } else if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) add(node.id.name, node.init);
    else if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier') add(node.left.name, node.right);
  }
  return { returned, assigned };
}

/** The positions of the parameters the returned string can start with (through locals, two assignments deep). */
function startingParameters(fn: FunctionNode, { returned, assigned }: HelperShape, local: Binding): number[] {
  const positions = new Map<string, number>();
  fn.params.forEach((param, index) => {
    const name = param.type === 'Identifier' ? param.name : param.type === 'AssignmentPattern' && param.left.type === 'Identifier' ? param.left.name : undefined;
    if (name !== undefined) positions.set(name, index);
  });
  const starts = new Set<number>();
  const visit = (raw: TSESTree.Node, depth: number): void => {
    const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
    if (depth > 3) return;
    if (node.type === 'Identifier') {
      const binding = local(node);
      if (binding === 'parameter' && positions.has(node.name)) starts.add(positions.get(node.name)!);
      if (binding === 'parameter' || binding === 'local') for (const value of assigned.get(node.name) ?? []) visit(value, depth + 1);
    } else if (node.type === 'BinaryExpression') visit(node.left as TSESTree.Node, depth);
    else if (node.type === 'TemplateLiteral') {
      if (node.quasis[0]?.value.cooked === '' && node.expressions[0]) visit(node.expressions[0], depth);
    } else if (node.type === 'ConditionalExpression') {
      visit(node.consequent, depth);
      visit(node.alternate, depth);
    } else if (node.type === 'CallExpression') {
      const callee = node.callee;
      if (callee.type === 'Identifier' && node.arguments[0]) visit(node.arguments[0], depth);
      // `url.trim()`, `base.concat(path)`: the receiver starts it; an array's `join` starts with an element the helper built.
      else if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name !== 'join') visit(callee.object, depth);
    }
  };
  for (const value of returned) visit(value, 0);
  return [...starts].sort((a, b) => a - b);
}

/** How a name is bound, seen from the helper. */
export type Binding = (identifier: TSESTree.Identifier) => 'local' | 'parameter' | 'outside' | 'outside-function' | undefined;

export function bindingIn(fn: FunctionNode, variables: ReadonlyMap<TSESTree.Identifier, Variable>): Binding {
  const inside = (node: Node): boolean => node.range[0] >= fn.range[0] && node.range[1] <= fn.range[1];
  return (identifier) => {
    const variable = variables.get(identifier);
    const definition = variable?.defs[0];
    // `arguments` (declared by no one) and outside functions used as values reach beyond the arguments.
    if (!definition) return variable ? 'outside-function' : undefined;
    if (inside(definition.name)) return definition.type === 'Parameter' ? 'parameter' : 'local';
    return definition.type === 'FunctionName' ? 'outside-function' : 'outside';
  };
}

/** Methods that change their receiver: only on the helper's own locals. */
export const MUTATING_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'sort', 'reverse', 'splice', 'fill', 'copyWithin']);

/** A call of a listed global, of a function written inside the helper, or of a value method. */
export function callsValueWork(callee: TSESTree.Node, local: Binding): boolean {
  if (callee.type === 'Identifier') {
    const binding = local(callee);
    return binding === 'local' || (binding === undefined && VALUE_GLOBALS.has(callee.name));
  }
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  const method = callee.property.name;
  const object = callee.object;
  if (object.type === 'Identifier' && local(object) === undefined) return VALUE_GLOBALS.has(object.name) && (object.name !== 'Object' || OBJECT_READS.has(method));
  if (MUTATING_METHODS.has(method)) return writesLocal(object, local);
  return VALUE_METHODS.has(method);
}

/** `Object` methods that read their argument (not `defineProperty`, `assign` into it, `freeze`). */
const OBJECT_READS: ReadonlySet<string> = new Set(['keys', 'values', 'entries']);

/** The target is a local of the helper, or a field of one; a parameter may be rebound, but its fields are the caller's object. */
function writesLocal(raw: TSESTree.Node, local: Binding): boolean {
  if (raw.type === 'Identifier') return local(raw) === 'local' || local(raw) === 'parameter';
  const root = memberChainRoot(raw);
  return root !== undefined && local(root) === 'local';
}

/** The identifier a member chain starts from: `a` of `a`, `a.b[c]`. */
export function memberChainRoot(node: Node): TSESTree.Identifier | undefined {
  let target = node;
  while (target.type === 'MemberExpression') target = target.object;
  return target.type === 'Identifier' ? target : undefined;
}
