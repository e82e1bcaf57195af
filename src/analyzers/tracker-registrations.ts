import type { TSESTree } from '@typescript-eslint/types';
import type { ModuleRegistration } from './tracker-analysis.js';
import { CONSTRUCTORS } from './tracker-collector.js';
import { describeChain, memberChain, unwrap, type Chain } from './tracker-syntax.js';

/**
 * `Page(stat.$Page({ … }))`, `App(SLStat.$App({ … }))`: options handed to a loaded module's function
 * on their way to the constructor. `moduleHandles` maps the file's local names to the specifiers
 * they were loaded from.
 */
export function registrationOf(node: TSESTree.CallExpression, chain: Chain, moduleHandles: ReadonlyMap<string, string>): ModuleRegistration | undefined {
  if (chain.root.type !== 'Identifier' || chain.props.length > 0 || !CONSTRUCTORS.has(chain.root.name)) return undefined;
  const inner = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
  const handle = inner?.type === 'CallExpression' ? memberChain(inner.callee) : undefined;
  const specifier = handle?.root.type === 'Identifier' ? moduleHandles.get(handle.root.name) : undefined;
  if (!inner || !handle || specifier === undefined) return undefined;
  return { specifier, callee: describeChain(handle), constructorName: chain.root.name, range: inner.range };
}
