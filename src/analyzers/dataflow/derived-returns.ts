import type { TSESTree } from '@typescript-eslint/types';
import type { Variable } from '@typescript-eslint/scope-manager';
import { unwrapTypeScript } from '../api-calls.js';
import { patternNames } from '../constants.js';
import { childNodes, type Node } from '../traverse.js';
import type { FunctionNode } from './extract-syntax.js';
import { bindingIn, callsValueWork, MAX_HELPER_LENGTH, memberChainRoot, MUTATING_METHODS, ownNodes, VALUE_GLOBALS, VALUE_METHODS, type Binding } from './pure-functions.js';

/** Nodes whose value comes from outside the function's arguments and locals. */
const OUTSIDE_VALUES: ReadonlySet<string> = new Set(['ThisExpression', 'Super', 'MetaProperty', 'AwaitExpression', 'YieldExpression', 'ImportExpression', 'TaggedTemplateExpression']);

/**
 * Whether a function's result is made from its parameters and nothing else: every value it returns
 * is built from its parameters, its locals, literals and value work on them (string, array, JSON
 * and math methods), whatever else the function does on the way (logging, a method called for its
 * side effects): `parse(text) { console.log(text); return JSON.parse(text.replace(…)) }`. Not when
 * a returned value may come from elsewhere: `this`, a module variable, a call of anything but value
 * work (another function, an API), a promise.
 *
 * Such a function's callers need not meet in its result: each call's result is made from that
 * call's own arguments (FlowFragment.derivedHelpers), while its parameters still get every
 * caller's values for what the function does with them inside.
 */
export function returnsOnlyParameterValues(fn: FunctionNode, variables: ReadonlyMap<TSESTree.Identifier, Variable>): boolean {
  if (fn.async || fn.generator || fn.params.length === 0 || fn.range[1] - fn.range[0] > MAX_HELPER_LENGTH) return false;
  const returned = fn.body.type === 'BlockStatement' ? ownNodes(fn).flatMap((node) => (node.type === 'ReturnStatement' && node.argument ? [node.argument] : [])) : [fn.body];
  if (returned.length === 0) return false;
  const { values: valuesOf, setLater } = localValues(fn);
  const local = bindingIn(fn, variables);
  const followed = new Set<string>();
  const stack: Node[] = [...returned];
  while (stack.length > 0) {
    const node = unwrapTypeScript(stack.pop()!) as Node;
    if (OUTSIDE_VALUES.has(node.type)) return false;
    switch (node.type) {
      case 'Identifier': {
        const binding = local(node);
        // `let result; wx.request({ success: (r) => (result = r) }); return result`: set from elsewhere.
        if (!madeInside(binding, node.name) || setLater.has(node.name)) return false;
        if (!followed.has(node.name)) {
          followed.add(node.name);
          stack.push(...(valuesOf.get(node.name) ?? []));
        }
        continue;
      }
      case 'CallExpression':
      case 'NewExpression':
        if (!callsValueWork(node.callee, local)) return false;
        if (node.callee.type === 'MemberExpression') stack.push(node.callee.object);
        stack.push(...node.arguments);
        continue;
      case 'MemberExpression':
        stack.push(node.object);
        if (node.computed) stack.push(node.property);
        continue;
      // `{ default: obj }`: a result built around the arguments keeps their place in it, which only the helper's own result node models.
      case 'ObjectExpression':
      case 'ArrayExpression':
        return false;
      default:
        stack.push(...childNodes(node));
    }
  }
  return !changedElsewhere(fn, followed, local);
}

/**
 * Whether what the result is made of may be changed by other code: handed to a function that is
 * not value work (`defineProperties(Constructor.prototype, props)` before `return Constructor`), or,
 * for a parameter, written to (`options.url = base + options.url`). The caller's object then
 * carries the change, which only the helper's own parameter node sees.
 */
function changedElsewhere(fn: FunctionNode, followed: ReadonlySet<string>, local: Binding): boolean {
  const stack: Node[] = [fn.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      if (!callsValueWork(node.callee, local) && !isConsole(node.callee) && handsOn(node, followed)) return true;
    } else if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression') {
      const root = memberChainRoot(node.left);
      if (root && followed.has(root.name) && local(root) === 'parameter') return true;
    }
    stack.push(...childNodes(node));
  }
  return false;
}

/** Whether a call is given one of `names`, or a field of one, as an argument or as its receiver. */
function handsOn(call: TSESTree.CallExpression | TSESTree.NewExpression, names: ReadonlySet<string>): boolean {
  const receiver = call.callee.type === 'MemberExpression' ? [call.callee.object] : [];
  return [...receiver, ...call.arguments].some((part) => names.has(rootName(part as Node) ?? ''));
}

/** `console.log(…)`: prints, never changes what it is given. */
function isConsole(callee: Node): boolean {
  return callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'console';
}

/** A name the function's own code gives its value: a parameter, a local (callbacks' included), or a listed global. */
function madeInside(binding: ReturnType<Binding>, name: string): boolean {
  return binding === 'parameter' || binding === 'local' || (binding === undefined && VALUE_GLOBALS.has(name));
}

/** What the function's code puts in each name, and the names set in callbacks other code runs. */
interface LocalValues {
  values: Map<string, Node[]>;
  /** `let result; wx.request({ success: (r) => (result = r) })`: set by whoever runs the callback. */
  setLater: Set<string>;
}

/**
 * What the function's own statements put in each name: initialisers, assignments, and what is
 * pushed into it or written to its fields (`out.push(x)`, `out.key = x`), callbacks of array
 * methods included (`list.forEach((item) => { text = text.replace(item.from, item.to) })`).
 */
function localValues(fn: FunctionNode): LocalValues {
  const values = new Map<string, Node[]>();
  const setLater = new Set<string>();
  const stack: { node: Node; later: boolean }[] = [{ node: fn.body, later: false }];
  while (stack.length > 0) {
    const { node, later } = stack.pop()!;
    const add = (name: string | undefined, ...value: Node[]): void => {
      if (name === undefined) return;
      if (later) setLater.add(name);
      else values.set(name, [...(values.get(name) ?? []), ...value]);
    };
    const method = node.type === 'CallExpression' ? methodName(node) : undefined;
    if (node.type === 'VariableDeclarator' && node.init) for (const name of patternNames(node.id)) add(name, node.init);
    else if (node.type === 'AssignmentExpression') add(rootName(node.left), node.right);
    else if (node.type === 'CallExpression' && method !== undefined && MUTATING_METHODS.has(method)) add(rootName((node.callee as TSESTree.MemberExpression).object), ...node.arguments);
    const valueCallbacks = node.type === 'CallExpression' && method !== undefined && VALUE_METHODS.has(method) ? new Set<Node>(node.arguments) : undefined;
    for (const child of childNodes(node)) {
      const isFunction = child.type === 'FunctionExpression' || child.type === 'ArrowFunctionExpression' || child.type === 'FunctionDeclaration';
      stack.push({ node: child, later: later || (isFunction && !valueCallbacks?.has(child)) });
    }
  }
  return { values, setLater };
}

/** `push` of `out.push(x)`. */
function methodName(call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee;
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
}

/** `a` of `a`, `a.b[c]`. */
function rootName(node: Node): string | undefined {
  return memberChainRoot(node)?.name;
}
