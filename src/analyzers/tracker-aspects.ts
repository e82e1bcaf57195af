import type { TSESTree } from '@typescript-eslint/types';
import { CONSTRUCTORS } from './tracker-collector.js';
import { unwrap } from './tracker-syntax.js';
import type { Node } from './traverse.js';

/** Baidu's aspect API on the constructors (`Page.after`, `App.after`). */
const ASPECTS: ReadonlySet<string> = new Set(['after']);

/**
 * `Page.after({ methods: { onReady }, events: { '[data-log]:tap' } })`: Baidu's way of adding
 * handlers to every page, app or component without replacing the constructor. True for such a
 * call: a constructor's aspect method given `methods` or `events`.
 */
export function isAspectHook(root: Node, props: readonly string[], args: readonly Node[]): boolean {
  return root.type === 'Identifier' && CONSTRUCTORS.has(root.name) && props.length === 1 && ASPECTS.has(props[0]!) && hooksEveryInstance(args[0]);
}

/** `{ methods: {…} }` or `{ events: {…} }`: what an aspect adds to every instance. */
function hooksEveryInstance(argument: Node | undefined): boolean {
  const options = argument && (unwrap(argument) as TSESTree.Node);
  return options?.type === 'ObjectExpression' && options.properties.some((property) => property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && (property.key.name === 'methods' || property.key.name === 'events'));
}
