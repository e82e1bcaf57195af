import type { TSESTree } from '@typescript-eslint/types';
import { staticPropertyName, unwrapTypeScript } from '../../analyzers/api-calls.js';
import { patternNames } from '../../analyzers/constants.js';
import type { Listeners, Node } from '../../analyzers/traverse.js';
import { describeUsage, viaNote } from '../describe-usage.js';
import { createRule } from '../rule.js';
import { CONFIG_GLOBALS, GLOBAL_OBJECTS, hiddenApisOf, isNotShipped, stringValue } from './support.js';

/** Calls that change an object passed as their first argument. */
const MUTATORS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['Object', new Set(['assign', 'defineProperty', 'defineProperties', 'setPrototypeOf', 'freeze', 'seal'])],
  ['Reflect', new Set(['set', 'defineProperty', 'deleteProperty', 'setPrototypeOf'])],
]);

/** `WeixinJSBridge`, `window.WeixinJSBridge`: the global a bridge expression names, if it names one of `names`. */
function globalNamed(node: Node, names: ReadonlySet<string>): string | undefined {
  const expression = unwrapTypeScript(node);
  if (expression.type === 'Identifier') return names.has(expression.name) ? expression.name : undefined;
  if (expression.type === 'MemberExpression') {
    const property = staticPropertyName(expression);
    const object = unwrapTypeScript(expression.object);
    if (property !== undefined && names.has(property) && object.type === 'Identifier' && GLOBAL_OBJECTS.has(object.name)) return property;
  }
  return undefined;
}

/** The config global a write target starts from: `__wxConfig`, `__wxConfig.a.b`, `window.__wxConfig.x`. */
function configRoot(node: Node): string | undefined {
  let current = unwrapTypeScript(node);
  for (;;) {
    const named = globalNamed(current, CONFIG_GLOBALS);
    if (named) return named;
    if (current.type !== 'MemberExpression') return undefined;
    current = unwrapTypeScript(current.object);
  }
}

export default createRule({
  meta: {
    id: 'hidden-api',
    description: 'Code calls an undocumented or private platform interface (JS bridge, wx.invoke) or changes __wxConfig.',
    rationale:
      'Private bridge calls and undocumented API members reach native capabilities without the checks, permission prompts and ' +
      'review the documented API goes through; published research on super-apps found hidden APIs that expose sensitive ' +
      'abilities this way. They also change or disappear without notice. Writing to the runtime configuration (__wxConfig) ' +
      'tampers with what the platform believes about the mini-app.',
    severity: 'warning',
    tags: ['security'],
    cwe: [693, 471],
    precision: 'high',
    securitySeverity: 5.3,
  },
  createScriptListeners(context): Listeners {
    if (isNotShipped(context.file.path)) return {};
    const writes: { node: TSESTree.Node; global: string; how: string }[] = [];
    /** A file that declares its own `__wxConfig` writes to that, not to the runtime's. */
    const declared = new Set<string>();
    // Only this platform's bridge exists at run time: WeChat's JS-SDK shipped in an Alipay port of a web app calls none.
    const bridges = new Set(context.platform.bridgeGlobals);

    const write = (node: TSESTree.Node, target: Node, how: string): void => {
      const global = configRoot(target);
      if (global) writes.push({ node, global, how });
    };

    return {
      CallExpression(node) {
        const call = node as TSESTree.CallExpression;
        const callee = unwrapTypeScript(call.callee);
        if (callee.type !== 'MemberExpression') return;
        const method = staticPropertyName(callee);
        if (method === undefined) return;
        const bridge = bridges.size > 0 ? globalNamed(callee.object, bridges) : undefined;
        if (bridge) {
          const first = call.arguments[0];
          const invoked = first ? stringValue(first) : undefined;
          context.report({
            range: callee.range,
            message:
              `${bridge}.${method}(${invoked !== undefined ? `'${invoked}'` : '…'}) calls the platform's private JavaScript bridge, which is not ` +
              `part of the mini-app API: it bypasses the documented API's checks and permission prompts and may change without notice. ` +
              `Use the documented API${invoked !== undefined ? ` that provides '${invoked}'` : ''} instead.`,
            properties: { bridge, method, ...(invoked !== undefined ? { invoked } : {}) },
          });
          return;
        }
        const object = unwrapTypeScript(callee.object);
        if (object.type === 'Identifier' && MUTATORS.get(object.name)?.has(method) && call.arguments[0]) {
          write(call, call.arguments[0], `${object.name}.${method}`);
        }
      },
      AssignmentExpression(node) {
        const assignment = node as TSESTree.AssignmentExpression;
        write(assignment, assignment.left, 'assignment');
      },
      UpdateExpression(node) {
        write(node as TSESTree.UpdateExpression, (node as TSESTree.UpdateExpression).argument, 'assignment');
      },
      'UnaryExpression[operator="delete"]'(node) {
        write(node as TSESTree.UnaryExpression, (node as TSESTree.UnaryExpression).argument, 'delete');
      },
      VariableDeclarator(node) {
        for (const name of patternNames((node as TSESTree.VariableDeclarator).id)) if (CONFIG_GLOBALS.has(name)) declared.add(name);
      },
      'FunctionDeclaration, FunctionExpression, ArrowFunctionExpression'(node) {
        for (const param of (node as TSESTree.FunctionLike).params) for (const name of patternNames(param)) if (CONFIG_GLOBALS.has(name)) declared.add(name);
      },
      'Program:exit'() {
        for (const { node, global, how } of writes) {
          if (declared.has(global)) continue;
          context.report({
            range: node.range,
            message:
              `${how === 'delete' ? 'Deletes from' : how === 'assignment' ? 'Writes to' : `Changes (${how})`} ${global}, the runtime's own ` +
              `configuration of the mini-app. It is undocumented and private; changing it tampers with what the platform believes ` +
              `about the app (pages, permissions, environment). Read settings through the documented API (wx.getAccountInfoSync, ` +
              `wx.getSystemInfoSync) and keep your own configuration in your own module.`,
            properties: { global, how },
          });
        }
      },
    };
  },
  checkProject({ facts, report }) {
    for (const usage of facts.usages) {
      if (usage.kind !== 'api' || usage.namespace === undefined || isNotShipped(usage.location.file)) continue;
      const table = hiddenApisOf(usage.namespace);
      if (!table || !Object.hasOwn(table, usage.name)) continue;
      const note = table[usage.name]!;
      report({
        location: usage.location,
        message:
          `${describeUsage(usage)} is used${viaNote(usage)}: it is not a documented API (${note}). Undocumented interfaces ` +
          `bypass the checks and review the documented API goes through and may change or vanish without notice; use the documented API instead.`,
        thirdParty: usage.thirdParty,
        properties: { api: usage.name, namespace: usage.namespace },
      });
    }
  },
});
