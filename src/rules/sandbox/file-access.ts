import type { TSESTree } from '@typescript-eslint/types';
import { staticPropertyName, unwrapTypeScript } from '../../analyzers/api-calls.js';
import { propertyKeyName, type ConstantCollector, type Scope, type SymValue } from '../../analyzers/constants.js';
import type { Listeners, Node } from '../../analyzers/traverse.js';
import { LEGACY_FILE_APIS } from '../../platforms/file-system.js';
import { FRAMEWORK_NAMESPACES, type FilePathParams, type PlatformCatalog } from '../../platforms/types.js';
import { own } from '../../util/own.js';

/**
 * Finds, in one script, the paths handed to file APIs and the FileSystemManagers handed to plugins.
 * A FileSystemManager is recognised as `<ns>.getFileSystemManager()` itself, a variable initialised
 * with it, or `this.x` assigned it in the same file; a plugin as `requirePlugin('name')` or a variable
 * initialised with it. Bindings are matched by scope (the constant collector's), and decided when the
 * file ends, so a function declared before `const fs = …` is still seen.
 */

type Binding = NonNullable<ReturnType<Scope['lookup']>>;
type RefValue = Extract<SymValue, { kind: 'ref' }>;

/** How an expression may reach a FileSystemManager or a plugin, decided at the end of the file. */
type Handle = { kind: 'direct'; name: string } | { kind: 'binding'; ref: RefValue } | { kind: 'this'; property: string };

export interface PathSink {
  /** `FileSystemManager.readFile (filePath)`, `wx.saveFile (tempFilePath)`. */
  label: string;
  value: SymValue;
  node: Node;
}

export interface PluginHandoff {
  plugin: string;
  /** `wx.getFileSystemManager()`: how the manager was obtained, for the message. */
  manager: string;
  node: Node;
}

interface PendingCall {
  receiver: Handle;
  /** Captured where the call stands, so its scope is the call's. */
  sinks: PathSink[];
}

interface PendingHandoff {
  plugin: Handle;
  values: { handle: Handle; node: Node }[];
}

/** The expression holding the path: an option of the options object (or of whatever object is passed), or a positional argument. */
function pathValues(call: TSESTree.CallExpression, params: FilePathParams, capture: (node: Node) => SymValue): { name: string; value: SymValue; node: Node }[] {
  const out: { name: string; value: SymValue; node: Node }[] = [];
  (params.args ?? []).forEach((name, index) => {
    const argument = call.arguments[index];
    if (argument && argument.type !== 'SpreadElement') out.push({ name, value: capture(argument), node: argument });
  });
  const first = call.arguments[0] && unwrapTypeScript(call.arguments[0]);
  if (!params.options || !first || first.type === 'SpreadElement') return out;
  for (const option of params.options) {
    if (first.type !== 'ObjectExpression') {
      out.push({ name: option, value: { kind: 'member', object: capture(first), property: option }, node: first });
      continue;
    }
    // The last property of that name wins, as at run time.
    const property = [...first.properties].reverse().find((p): p is TSESTree.Property => p.type === 'Property' && propertyKeyName(p) === option);
    if (property) out.push({ name: option, value: capture(property.value), node: property.value });
  }
  return out;
}

export function fileAccessListeners(
  platform: PlatformCatalog,
  collector: ConstantCollector,
  namespaceOf: (value: SymValue) => string | undefined,
  emit: { path(sink: PathSink): void; handoff(handoff: PluginHandoff): void },
  /** The script's text: a file that never names the manager factory or requirePlugin skips that part of the work. */
  text: string,
): Listeners {
  const table = platform.fileSystem;
  const mayHaveManagers = text.includes(table.managerFactory);
  const mayHavePlugins = mayHaveManagers && text.includes('requirePlugin');
  const frameworks = new Set(FRAMEWORK_NAMESPACES);
  const managers = new Map<Binding, string>();
  const plugins = new Map<Binding, string>();
  const thisManagers = new Map<string, string>();
  /** `this.x` assigned anything but a manager somewhere in the file: not trusted. */
  const thisOther = new Set<string>();
  const calls: PendingCall[] = [];
  const handoffs: PendingHandoff[] = [];

  /** `wx.getFileSystemManager()` → the text to show, or undefined. */
  const managerCall = (node: Node): string | undefined => {
    const call = unwrapTypeScript(node);
    if (call.type !== 'CallExpression' || call.arguments.length > 0) return undefined;
    const callee = unwrapTypeScript(call.callee);
    if (callee.type !== 'MemberExpression' || staticPropertyName(callee) !== table.managerFactory) return undefined;
    const namespace = namespaceOf(collector.capture(callee.object));
    return namespace ? `${namespace}.${table.managerFactory}()` : undefined;
  };
  /** `requirePlugin('name')` → the plugin's name, when `requirePlugin` is the global. */
  const pluginCall = (node: Node): string | undefined => {
    const call = unwrapTypeScript(node);
    if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier' || call.callee.name !== 'requirePlugin') return undefined;
    const callee = collector.capture(call.callee);
    if (callee.kind === 'ref' && callee.scope.lookup(callee.name)) return undefined;
    const argument = call.arguments[0];
    return argument?.type === 'Literal' && typeof argument.value === 'string' ? argument.value : 'unnamed';
  };
  const handleOf = (node: Node, direct: (node: Node) => string | undefined): Handle | undefined => {
    const expression = unwrapTypeScript(node);
    const name = direct(expression);
    if (name) return { kind: 'direct', name };
    if (expression.type === 'Identifier') {
      const ref = collector.capture(expression);
      return ref.kind === 'ref' ? { kind: 'binding', ref } : undefined;
    }
    if (expression.type === 'MemberExpression' && expression.object.type === 'ThisExpression') {
      const property = staticPropertyName(expression);
      return property ? { kind: 'this', property } : undefined;
    }
    return undefined;
  };
  const bindingOf = (ref: RefValue): Binding | undefined => {
    const binding = ref.scope.lookup(ref.name);
    return binding && !(binding.mutable && ref.scope.reassigned.has(ref.name)) ? binding : undefined;
  };
  const resolve = (handle: Handle, bindings: Map<Binding, string>, viaThis: boolean): string | undefined => {
    if (handle.kind === 'direct') return handle.name;
    if (handle.kind === 'this') return viaThis && !thisOther.has(handle.property) ? thisManagers.get(handle.property) : undefined;
    const binding = bindingOf(handle.ref);
    return binding ? bindings.get(binding) : undefined;
  };
  /** Values handed to a plugin: the arguments, and the property values of object literals among them. */
  const handedValues = (nodes: readonly Node[], out: { handle: Handle; node: Node }[] = [], depth = 0): { handle: Handle; node: Node }[] => {
    for (const raw of nodes) {
      const node = unwrapTypeScript(raw);
      if (node.type === 'ObjectExpression' && depth < 3) {
        const values = node.properties.filter((p): p is TSESTree.Property => p.type === 'Property').map((p) => p.value);
        handedValues(values, out, depth + 1);
        continue;
      }
      const handle = handleOf(node, managerCall);
      if (handle) out.push({ handle, node });
    }
    return out;
  };

  return {
    VariableDeclarator(node) {
      const declarator = node as TSESTree.VariableDeclarator;
      if (!mayHaveManagers || declarator.id.type !== 'Identifier' || !declarator.init) return;
      const manager = managerCall(declarator.init);
      const plugin = manager ? undefined : pluginCall(declarator.init);
      if (!manager && !plugin) return;
      const ref = collector.capture(declarator.id);
      const binding = ref.kind === 'ref' ? ref.scope.lookup(ref.name) : undefined;
      if (binding && manager) managers.set(binding, manager);
      if (binding && plugin) plugins.set(binding, plugin);
    },
    AssignmentExpression(node) {
      const assignment = node as TSESTree.AssignmentExpression;
      const left = assignment.left;
      if (!mayHaveManagers || left.type !== 'MemberExpression') return;
      if (left.object.type === 'ThisExpression') {
        const property = staticPropertyName(left);
        const manager = managerCall(assignment.right);
        if (property && manager && assignment.operator === '=') thisManagers.set(property, manager);
        else if (property) thisOther.add(property);
        return;
      }
      // plugin.fs = wx.getFileSystemManager()
      const plugin = mayHavePlugins ? handleOf(left.object, pluginCall) : undefined;
      if (plugin) handoffs.push({ plugin, values: handedValues([assignment.right]) });
    },
    CallExpression(node) {
      const call = node as TSESTree.CallExpression;
      const callee = unwrapTypeScript(call.callee);
      if (callee.type === 'Identifier') {
        const plugin = mayHavePlugins ? handleOf(callee, pluginCall) : undefined;
        if (plugin?.kind === 'binding') handoffs.push({ plugin, values: handedValues(call.arguments) });
        return;
      }
      if (callee.type !== 'MemberExpression') return;
      const method = staticPropertyName(callee);
      if (method === undefined) return;
      const plugin = mayHavePlugins ? handleOf(callee.object, pluginCall) : undefined;
      if (plugin && plugin.kind !== 'this') handoffs.push({ plugin, values: handedValues(call.arguments) });
      // Namespace APIs first (`wx.saveFile`), then FileSystemManager methods of the same name (`fs.saveFile`).
      const namespace = (own(table.apis, method) ?? own(LEGACY_FILE_APIS, method)) ? namespaceOf(collector.capture(callee.object)) : undefined;
      if (namespace) {
        const params = own(table.apis, method) ?? (frameworks.has(namespace) ? own(LEGACY_FILE_APIS, method) : undefined);
        if (params) for (const path of pathValues(call, params, collector.capture)) emit.path({ label: `${namespace}.${method} (${path.name})`, value: path.value, node: path.node });
        return;
      }
      if (!mayHaveManagers) return;
      const params = own(table.managerMethods, method);
      const receiver = params && handleOf(callee.object, managerCall);
      if (!receiver) return;
      const sinks = pathValues(call, params, collector.capture).map((path) => ({ label: `FileSystemManager.${method} (${path.name})`, value: path.value, node: path.node }));
      calls.push({ receiver, sinks });
    },
    'Program:exit'() {
      for (const { receiver, sinks } of calls) if (resolve(receiver, managers, true)) sinks.forEach(emit.path);
      for (const { plugin, values } of handoffs) {
        const name = resolve(plugin, plugins, false);
        if (!name) continue;
        for (const { handle, node } of values) {
          const manager = resolve(handle, managers, true);
          if (manager) emit.handoff({ plugin: name, manager, node });
        }
      }
    },
  };
}
