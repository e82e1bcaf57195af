import esquery from 'esquery';
import type { TSESTree } from '@typescript-eslint/types';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

export type Node = TSESTree.Node;

/**
 * A listener receives the node and its ancestors (root first, parent last).
 * The ancestors array is reused during the walk: copy it if you keep it.
 */
export type Listener = (node: Node, ancestors: readonly Node[]) => void;

/** Selector → listener, as in ESLint rules: `'CallExpression'`, `'CallExpression > MemberExpression.callee'`, `'Program:exit'`. */
export type Listeners = Record<string, Listener>;

/**
 * The same listeners, each call made through `run`, which decides what an exception becomes (a guard).
 * `run` gets the listener and its arguments rather than a closure, so no function is allocated per call.
 */
export function runListenersThrough(listeners: Listeners, run: (listener: Listener, node: Node, ancestors: readonly Node[]) => void): Listeners {
  const result: Listeners = {};
  for (const [selector, listener] of Object.entries(listeners)) result[selector] = (node, ancestors) => run(listener, node, ancestors);
  return result;
}

interface CompiledListener {
  selector: esquery.Selector | undefined;
  listener: Listener;
}

interface Dispatch {
  byType: Map<string, CompiledListener[]>;
  anyType: CompiledListener[];
}

const EXIT = ':exit';
interface ParsedSelector {
  isExit: boolean;
  /** Undefined for a bare type name, which needs no matching beyond the dispatch on type. */
  selector: esquery.Selector | undefined;
  /** The node types it can match, or undefined when it may match any type. */
  types: string[] | undefined;
}

/** Selectors are parsed once per process, not once per file or module. */
const parsedSelectors = new Map<string, ParsedSelector>();

function parseSelector(rawSelector: string): ParsedSelector {
  let parsed = parsedSelectors.get(rawSelector);
  if (!parsed) {
    const isExit = rawSelector.endsWith(EXIT);
    const selector = esquery.parse(isExit ? rawSelector.slice(0, -EXIT.length) : rawSelector);
    parsed = { isExit, selector: selector.type === 'identifier' ? undefined : selector, types: subjectTypes(selector) };
    parsedSelectors.set(rawSelector, parsed);
  }
  return parsed;
}

/** The node types a selector can match, or undefined when it may match any type. */
function subjectTypes(selector: esquery.Selector): string[] | undefined {
  switch (selector.type) {
    case 'identifier':
      return [selector.value];
    case 'matches': {
      const all = selector.selectors.map(subjectTypes);
      return all.some((types) => types === undefined) ? undefined : [...new Set(all.flat() as string[])];
    }
    case 'compound': {
      const typed = selector.selectors.map(subjectTypes).filter((types) => types !== undefined);
      return typed.length > 0 ? typed[0] : undefined;
    }
    case 'child':
    case 'descendant':
    case 'sibling':
    case 'adjacent':
      return subjectTypes(selector.right);
    default:
      return undefined;
  }
}

function compile(listeners: readonly Listeners[]): { enter: Dispatch; exit: Dispatch } {
  const enter: Dispatch = { byType: new Map(), anyType: [] };
  const exit: Dispatch = { byType: new Map(), anyType: [] };
  for (const group of listeners) {
    for (const rawSelector in group) {
      const { isExit, selector, types } = parseSelector(rawSelector);
      const compiled: CompiledListener = { selector, listener: group[rawSelector]! };
      const target = isExit ? exit : enter;
      if (!types) target.anyType.push(compiled);
      else
        for (const type of types) {
          const list = target.byType.get(type);
          if (list) list.push(compiled);
          else target.byType.set(type, [compiled]);
        }
    }
  }
  return { enter, exit };
}

function fire(dispatch: Dispatch, node: Node, ancestors: Node[]): void {
  const typed = dispatch.byType.get(node.type);
  if (typed !== undefined) fireList(typed, node, ancestors);
  if (dispatch.anyType.length > 0) fireList(dispatch.anyType, node, ancestors);
}

function fireList(list: readonly CompiledListener[], node: Node, ancestors: Node[]): void {
  // esquery wants the ancestors parent first; built once per node, and only for a selector that needs it.
  let parentFirst: Node[] | undefined;
  for (let index = 0; index < list.length; index++) {
    const { selector, listener } = list[index]!;
    if (selector === undefined || esquery.matches(node as never, selector, (parentFirst ??= ancestors.slice().reverse()) as never)) listener(node, ancestors);
  }
}

/** A node's child nodes in source order (by the typescript-eslint visitor keys). */
export function childNodes(node: Node): Node[] {
  const keys = visitorKeys[node.type] ?? [];
  const children: Node[] = [];
  for (const key of keys) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof (item as Node).type === 'string') children.push(item as Node);
    } else if (value && typeof (value as Node).type === 'string') {
      children.push(value as Node);
    }
  }
  return children;
}

/** Pushes a node's children so that they pop in source order. */
function pushChildrenReversed(node: Node, stack: (Node | typeof EXITING)[]): void {
  const keys = visitorKeys[node.type];
  if (keys === undefined) return;
  for (let k = keys.length - 1; k >= 0; k--) {
    const value = (node as unknown as Record<string, unknown>)[keys[k]!];
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item = value[i] as Node | null;
        if (item && typeof item.type === 'string') stack.push(item);
      }
    } else if (value && typeof (value as Node).type === 'string') {
      stack.push(value as Node);
    }
  }
}

/** Marks, on the walk's stack, the exit of the node last entered (the top of the ancestors). */
const EXITING = Symbol('exiting');

/**
 * Walks the tree once, depth first, calling every matching listener of every group on enter and
 * on `:exit`. Iterative, so expressions nested 100,000 deep cannot overflow the call stack.
 */
export function traverse(root: Node, listeners: readonly Listeners[]): void {
  const { enter, exit } = compile(listeners);
  const ancestors: Node[] = [];
  const stack: (Node | typeof EXITING)[] = [root];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top === EXITING) {
      const node = ancestors.pop()!;
      fire(exit, node, ancestors);
      continue;
    }
    fire(enter, top, ancestors);
    stack.push(EXITING);
    ancestors.push(top);
    pushChildrenReversed(top, stack);
  }
}
