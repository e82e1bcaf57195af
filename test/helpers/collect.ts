import { createApiCallCollector } from '../../src/analyzers/api-calls.js';
import { parseScript } from '../../src/analyzers/parse-script.js';
import { traverse } from '../../src/analyzers/traverse.js';
import { FRAMEWORK_MODULES, FRAMEWORK_NAMESPACES } from '../../src/platforms/types.js';
import type { Usage } from '../../src/types.js';
import { LineIndex } from '../../src/util/line-index.js';

/** Runs the real parser and API-call collector on one source text. */
export function usagesOf(code: string, path = 'page.js', globals: readonly string[] = ['wx']): Usage[] {
  const parsed = parseScript(path, code);
  if (!parsed.ok) throw new Error(parsed.notification.message);
  const lines = new LineIndex(code);
  const collector = createApiCallCollector({
    file: path,
    thirdParty: false,
    namespaces: [...globals, ...FRAMEWORK_NAMESPACES],
    frameworkNamespaces: FRAMEWORK_NAMESPACES,
    frameworkModules: FRAMEWORK_MODULES,
    toRegion: (start, end) => lines.region(start, end),
  });
  traverse(parsed.ast, [collector.listeners]);
  return collector.usages;
}

/** `namespace.name@line:col(called|value)` for compact assertions. */
export function brief(usages: readonly Usage[]): string[] {
  return usages
    .map((u) => `${u.namespace}.${u.name}@${u.location.region.start.line}:${u.location.region.start.column}${u.called ? '' : '(value)'}`)
    .sort();
}
