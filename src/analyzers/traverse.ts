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

/** The same listeners, each call made through `run`, which decides what an exception becomes (a guard). */
export function runListenersThrough(listeners: Listeners, run: (action: () => void) => void): Listeners {
  const result: Listeners = {};
  for (const [selector, listener] of Object.entries(listeners)) result[selector] = (node, ancestors) => run(() => listener(node, ancestors));
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
/** Selectors are parsed once per process, not once per file. */
const parsedSelectors = new Map<string, esquery.Selector>();

function parseSelector(source: string): esquery.Selector {
  let parsed = parsedSelectors.get(source);
  if (!parsed) {
    parsed = esquery.parse(source);
    parsedSelectors.set(source, parsed);
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
    for (const [rawSelector, listener] of Object.entries(group)) {
      const isExit = rawSelector.endsWith(EXIT);
      const source = isExit ? rawSelector.slice(0, -EXIT.length) : rawSelector;
      const parsed = parseSelector(source);
      const types = subjectTypes(parsed);
      // A bare type name needs no matching beyond the dispatch on type.
      const compiled: CompiledListener = {
        selector: parsed.type === 'identifier' ? undefined : parsed,
        listener,
      };
      const target = isExit ? exit : enter;
      if (!types) target.anyType.push(compiled);
      else
        for (const type of types) {
          const list = target.byType.get(type) ?? [];
          list.push(compiled);
          target.byType.set(type, list);
        }
    }
  }
  return { enter, exit };
}

function fire(dispatch: Dispatch, node: Node, ancestors: Node[]): void {
  const typed = dispatch.byType.get(node.type);
  if (typed === undefined && dispatch.anyType.length === 0) return;
  for (const list of [typed ?? [], dispatch.anyType]) {
    for (const { selector, listener } of list) {
      if (selector === undefined || esquery.matches(node as never, selector, ancestors.slice().reverse() as never)) {
        listener(node, ancestors);
      }
    }
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

/**
 * Walks the tree once, depth first, calling every matching listener of every group on enter and
 * on `:exit`. Iterative, so expressions nested 100,000 deep cannot overflow the call stack.
 */
export function traverse(root: Node, listeners: readonly Listeners[]): void {
  const { enter, exit } = compile(listeners);
  const ancestors: Node[] = [];
  // Each frame: the node, and whether its children have been pushed (then it is exiting).
  const stack: { node: Node; exiting: boolean }[] = [{ node: root, exiting: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.exiting) {
      ancestors.pop();
      fire(exit, frame.node, ancestors);
      continue;
    }
    fire(enter, frame.node, ancestors);
    stack.push({ node: frame.node, exiting: true });
    ancestors.push(frame.node);
    const children = childNodes(frame.node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, exiting: false });
  }
}
