import type { TSESTree } from '@typescript-eslint/types';
import { ConstantResolver, type Alternative, type ModuleSummary, type StringValues } from '../../analyzers/constants.js';
import type { Listeners } from '../../analyzers/traverse.js';
import { FRAMEWORK_NAMESPACES } from '../../platforms/types.js';
import type { RelatedLocation, SourceLocation } from '../../types.js';
import { createRule, type FileContext, type Report } from '../rule.js';
import { isNotShipped, mergeListeners, sharedConstantCollector, type CapturedUse } from '../security/support.js';
import { fileAccessListeners } from './file-access.js';
import { displayPath, markUserDataPath, namespaceName, pathProblem, type Namespaces, type PathProblem } from './paths.js';

const ID = 'storage-outside-sandbox';

/** A path handed to a file API, kept for the project phase when it depends on other modules. */
type Sink = CapturedUse;

/** What the file phase leaves for the project phase, keyed by file so a re-analysed file replaces its entries. */
interface State {
  modules: Map<string, ModuleSummary>;
  deferred: Map<string, Sink[]>;
}

const newState = (): State => ({ modules: new Map(), deferred: new Map() });

interface Found {
  problem: PathProblem;
  alternative: Alternative;
}

function firstProblem(values: StringValues): Found | undefined {
  for (const alternative of values.alternatives) {
    const problem = pathProblem(alternative);
    if (problem) return { problem, alternative };
  }
  return undefined;
}

function explain(problem: PathProblem, userData: string): string {
  if (problem.kind === 'device') {
    const what = problem.root.endsWith('://') ? `a ${problem.root} URL` : `a device path (${problem.root})`;
    return `${what} outside the mini-app's sandbox: a mini-app may use only its code package, its temporary files and its ` +
      `user-data folder, so this either fails or reaches storage that other apps share. Keep files under ${userData}.`;
  }
  const strip = `Keep files under ${userData} and strip ".." from names you append.`;
  switch (problem.from) {
    case 'user-data':
      return `which climbs out of the user-data folder with "..": the folders above it are not the mini-app's to read or write. ${strip}`;
    case 'local':
      return `which climbs out of its local-file area (user, temporary or saved files) with "..". ${strip}`;
    case 'package':
      return 'which climbs above the code-package root with "..": package paths are written from the package root, and what lies above it is not the mini-app\'s.';
  }
}

function report(sink: Sink, found: Found, namespace: string, origin: RelatedLocation | undefined): Report {
  const path = displayPath(found.alternative, namespace);
  const userData = `${namespace}.env.USER_DATA_PATH`;
  return {
    location: sink.location,
    message: `${sink.label} is given "${path}", ${explain(found.problem, userData)}`,
    ...(origin ? { relatedLocations: [origin] } : {}),
    thirdParty: sink.thirdParty,
    properties: { problem: found.problem.kind === 'device' ? 'device-path' : `traversal-from-${found.problem.from}`, api: sink.label },
  };
}

/** The literal the offending path starts with, when it is written somewhere other than at the call. */
function originOf(found: Found, sink: Sink, locate: (file: string, start: number, end: number) => SourceLocation | undefined): RelatedLocation | undefined {
  const first = found.alternative.find((piece) => !('hole' in piece) && piece.origin);
  const origin = first && !('hole' in first) ? first.origin : undefined;
  if (!origin) return undefined;
  const location = locate(origin.file, origin.start, origin.end);
  if (!location || (location.file === sink.location.file && location.region.startOffset >= sink.location.region.startOffset && location.region.endOffset <= sink.location.region.endOffset)) return undefined;
  return { location, message: 'the path is written here' };
}

function scriptListeners(context: FileContext): Listeners {
  const { file, platform } = context;
  if (isNotShipped(file.path) || file.kind !== 'script') return {};
  const state = context.state(newState);
  const { collector, listeners: collectorListeners } = sharedConstantCollector(context);
  state.modules.set(file.path, collector.module);
  const deferred: Sink[] = [];
  state.deferred.set(file.path, deferred);
  const ambient = new Set<string>();
  const namespaces: Namespaces = { names: new Set([...platform.globals, ...FRAMEWORK_NAMESPACES]), ambient };
  const sinks: Sink[] = [];
  const at = (range: readonly [number, number]): SourceLocation => ({ file: file.path, region: context.region(range[0], range[1]) });
  const display = platform.globals[0]!;

  const access = fileAccessListeners(platform, collector, (value) => namespaceName(value, namespaces), {
    path: (sink) => sinks.push({ label: sink.label, value: sink.value, location: at(sink.node.range), thirdParty: file.thirdParty }),
    handoff: ({ plugin, manager, node }) =>
      context.reportAt({
        location: at(node.range),
        message:
          `The mini-app's FileSystemManager (${manager}) is handed to plugin "${plugin}" (requirePlugin): plugin code, which the platform ` +
          `keeps apart from the mini-app's files and storage, can then read, overwrite and delete every file in the mini-app's user-data folder. ` +
          'Give the plugin the data it needs instead.',
        properties: { problem: 'manager-to-plugin', plugin },
      }),
  }, context.text);
  const own: Listeners = {
    VariableDeclaration(node) {
      // `declare const wx: WechatMiniprogram.Wx` only types the global; it does not shadow it.
      const declaration = node as TSESTree.VariableDeclaration;
      if (declaration.declare) for (const declarator of declaration.declarations) if (declarator.id.type === 'Identifier') ambient.add(declarator.id.name);
    },
    'Program:exit'() {
      // After the access listeners' own Program:exit, which emits the FileSystemManager calls.
      const local = new ConstantResolver([collector.module], { local: true });
      const locate = (origin: string, start: number, end: number): SourceLocation | undefined => (origin === file.path ? at([start, end]) : undefined);
      for (const sink of sinks) {
        const value = markUserDataPath(sink.value, namespaces);
        const values = local.strings(value);
        const found = firstProblem(values);
        if (found) context.reportAt(report(sink, found, display, originOf(found, sink, locate)));
        else if (values.external) deferred.push({ ...sink, value });
      }
    },
  };
  return mergeListeners(collectorListeners, access, own);
}

export default createRule({
  meta: {
    id: ID,
    description: 'A file API is given a path outside the mini-app\'s own storage (a device path, or ".." out of its folder), or a plugin is handed the mini-app\'s FileSystemManager.',
    rationale:
      'Each mini-app gets its own file area per user: its read-only code package, temporary files, and a user-data folder ' +
      '(env.USER_DATA_PATH); other mini-apps, plugins and the host app cannot reach it, and it cannot reach theirs. Code that ' +
      'names device paths (/sdcard, /data/data, file://) or climbs out of its folder with ".." is trying to read or write ' +
      'storage that belongs to the user\'s other apps. A FileSystemManager handed to a plugin gives third-party code the ' +
      'mini-app\'s files, which the platform deliberately keeps apart.',
    severity: 'error',
    tags: ['security', 'privacy'],
    cwe: [22, 36, 668],
    precision: 'high',
    securitySeverity: 6.5,
  },
  createScriptListeners: scriptListeners,
  checkProject(context) {
    const state = context.state(newState);
    const manifestFile = context.facts.manifest?.file;
    const appRoot = manifestFile && manifestFile.includes('/') ? manifestFile.slice(0, manifestFile.lastIndexOf('/')) : '';
    const resolver = new ConstantResolver(state.modules, { appRoot });
    const display = context.facts.platform.globals[0]!;
    const locate = (file: string, start: number, end: number): SourceLocation | undefined => {
      const module = state.modules.get(file);
      return module ? { file, region: module.region(start, end) } : undefined;
    };
    for (const sinks of state.deferred.values()) {
      for (const sink of sinks) {
        const found = firstProblem(resolver.strings(sink.value));
        if (found) context.report(report(sink, found, display, originOf(found, sink, locate)));
      }
    }
  },
});
