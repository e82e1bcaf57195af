import type { TSESTree } from '@typescript-eslint/types';
import type { ActiveRule } from '../config.js';
import { RENDER_BUNDLE, SERVICE_BUNDLE } from '../bundle/read-packages.js';
import { platformObjectNames, type PlatformObjects } from './platform-objects.js';
import { DISTINCTIVE_PLATFORM_METHODS } from '../platforms/platform-methods.js';
import { PLATFORM_PRIVACY } from '../platforms/privacy-data.js';
import { PLATFORMS, privateInfoApis } from '../platforms/index.js';
import { FRAMEWORK_MODULES, FRAMEWORK_NAMESPACES, isFrameworkLibraryChunk, type PlatformCatalog } from '../platforms/types.js';
import { RuleStates, sharedServices, type FileContext, type RuleSettings, type SharedServices } from './context.js';
import type { BundleFile, Finding, FileNotification, Region, Usage } from '../types.js';
import { LineIndex } from '../util/line-index.js';
import { createApiCallCollector, type ApiCallCollector } from './api-calls.js';
import { splitCompiledBundle, type CompiledBundle } from './compiled-modules.js';
import { webpackFrameworkModules } from './framework-modules.js';
import { parseScript } from './parse-script.js';
import { recoverBundle } from './bundle-recovery.js';
import { DIRECTIVE_MARK, scriptSuppressions, templateSuppressions, type Suppression } from './suppressions.js';
import { analyzeTemplate } from './templates.js';
import { hasCompiledTemplates, readCompiledTemplates } from './compiled-templates.js';
import { runListenersThrough, traverse, type Listeners, type Node } from './traverse.js';
import { extractFlows } from './dataflow/extract.js';
import type { TrackerCallKind } from './dataflow/extract-options.js';
import type { FileIds, FlowFragment } from './dataflow/fragment.js';
import type { TemplateFlowFacts } from './dataflow/index.js';
import { trackerAnalysis } from './trackers.js';
import { customTrackers, trackerIndex, type TrackerIndex } from '../platforms/trackers.js';
import type { FlowCatalog } from '../platforms/flows.js';
import { guarded, internalErrorNotification, type InternalErrorSite } from '../internal-error.js';

/** Template elements whose bodies are script (`<wxs>`, `<sjs>`, …) in every template language. */
const SCRIPT_TAGS: readonly string[] = ['wxs', 'sjs', 'import-sjs', 'qs'];
/** Baidu's `<filter>` modules exist only in `.swan` templates; elsewhere `<filter>` is an ordinary custom component. */
const SWAN_SCRIPT_TAGS: readonly string[] = [...SCRIPT_TAGS, 'filter'];

/** The template elements of the file at `path` whose bodies are script. */
export function templateScriptTags(path: string): readonly string[] {
  return path.toLowerCase().endsWith('.swan') ? SWAN_SCRIPT_TAGS : SCRIPT_TAGS;
}

export interface FileAnalysis {
  usages: Usage[];
  notifications: FileNotification[];
  findings: Finding[];
  /** Source modules recovered from a compiled bundle: path → module text (for snippets and fingerprints). */
  virtualSources: Map<string, string>;
  /** Modules of a compiled bundle read from disk: the path they were analysed under → the bundle file and module path. */
  compiledModules: Map<string, CompiledModuleSite>;
  /** In-source suppression directives found in the file. */
  suppressions: Suppression[];
  /** Data-flow fragments of the file's modules and templates, when a data-flow rule is active. */
  flows?: { fragments: FlowFragment[]; templates: TemplateFlowFacts[] };
}

/** What the data-flow extraction needs besides the file: the platform's flow table and module resolution. */
export interface DataFlowEnvironment {
  catalog: FlowCatalog;
  fileIds: FileIds;
  appRoot: string;
  /** Makes a module recovered from a compiled bundle resolvable. */
  addModule(path: string): void;
  resolve(specifier: string, from: string): string | undefined;
}

export interface AnalysisEnvironment {
  platform: PlatformCatalog;
  rules: readonly ActiveRule[];
  settings: RuleSettings;
  /** Set when a data-flow rule is active: each script's flows are extracted after its traversal. */
  dataflow?: DataFlowEnvironment;
  /** The files were read from a folder, so compiled bundles are reported at their own lines (see analyseServiceBundle). */
  bundlesOnDisk?: boolean;
  /** A compiled package: its render-layer scripts (RENDER_BUNDLE) are checked by the rules but add no data flows. */
  compiled?: boolean;
  /** The project run's rule states, shared with the project checks; a file analysed alone gets its own. */
  ruleStates?: RuleStates;
  /** FRAMEWORK_MODULES and the build's numbered webpack modules that are a framework (`projectFrameworkModules`). */
  frameworkModules?: Readonly<Record<string, string>>;
}

/** The framework modules of a project: the packages by name, and its build's numbered webpack modules that are one of them. */
export function projectFrameworkModules(files: readonly BundleFile[]): Readonly<Record<string, string>> {
  const numbered = webpackFrameworkModules(files.filter((file) => file.kind === 'script').map((file) => file.text));
  return Object.keys(numbered).length === 0 ? FRAMEWORK_MODULES : { ...FRAMEWORK_MODULES, ...numbered };
}

/** Where a module recovered from a compiled bundle on disk physically is. */
export interface CompiledModuleSite {
  /** The bundle file (`app-service.js`, `pages_x/app-service.js`, `chunk_3.appservice.js`). */
  file: string;
  /** The module's original path (`pages/index/index.js`). */
  module: string;
}

/**
 * What one traversal looks at: a parsed tree (a whole script, or one module inside a compiled bundle),
 * the file it is reported against, the text its node ranges index, and how a range becomes a region.
 */
interface ScriptUnit {
  file: BundleFile;
  root: Node;
  text: string;
  region(start: number, end: number): Region;
}

function fileContext(unit: Omit<ScriptUnit, 'root'>, env: AnalysisEnvironment, active: ActiveRule, sink: Finding[], shared: SharedServices): FileContext {
  const { file } = unit;
  return {
    shared,
    file,
    platform: env.platform,
    text: unit.text,
    settings: env.settings,
    state: (env.ruleStates ??= new RuleStates()).for(active.rule.meta.id),
    region: unit.region,
    report({ range, ...rest }) {
      this.reportAt({ ...rest, location: { file: file.path, region: unit.region(range[0], range[1]) } });
    },
    reportAt(report) {
      sink.push({ ruleId: active.rule.meta.id, thirdParty: file.thirdParty, ...report, severity: report.severity ?? active.severity });
    },
  };
}

/** What stands for the platform object in a script's text (shared by `minivet scan` and the ESLint plugin). */
const FOREIGN = new Map<string, ReadonlySet<string>>();

/** The other platforms' API globals (`my`, `tt`, `swan` on WeChat), less this platform's own (QQ also answers to `wx`). */
function foreignGlobals(platform: PlatformCatalog): ReadonlySet<string> {
  let foreign = FOREIGN.get(platform.id);
  if (!foreign) {
    const own = new Set(platform.globals);
    foreign = new Set(Object.values(PLATFORMS).flatMap((other) => other.globals).filter((name) => !own.has(name)));
    FOREIGN.set(platform.id, foreign);
  }
  return foreign;
}

export function platformObjectsIn(text: string, platform: PlatformCatalog): PlatformObjects {
  return platformObjectNames(text, new Set([...platform.globals, ...FRAMEWORK_NAMESPACES]), foreignGlobals(platform));
}

/** The API-call collector for one script of a project on `platform` (also run by the ESLint plugin on ESLint's tree). */
export function createScriptCollector(file: BundleFile, platform: PlatformCatalog, region: (start: number, end: number) => Region, platformObjects?: PlatformObjects, frameworkModules = FRAMEWORK_MODULES): ApiCallCollector {
  return createApiCallCollector({
    file: file.path,
    thirdParty: file.thirdParty,
    namespaces: [...platform.globals, ...FRAMEWORK_NAMESPACES],
    ...(platformObjects && platformObjects.names.size + platformObjects.properties.size > 0 && { platformObjects: platformObjects.names, platformProperties: platformObjects.properties, trustedAliasMethods: trustedAliasMethods(platform) }),
    frameworkNamespaces: FRAMEWORK_NAMESPACES,
    frameworkModules,
    toRegion: region,
  });
}

/** Methods read through a platform object found by its methods: those methods and the privacy interfaces. */
function trustedAliasMethods(platform: PlatformCatalog): ReadonlySet<string> {
  const privacy = PLATFORM_PRIVACY[platform.id].interfaces.filter((entry) => entry.kind === 'api').map((entry) => entry.name);
  return new Set([...DISTINCTIVE_PLATFORM_METHODS, ...privateInfoApis(platform), ...privacy]);
}

/** A rule's or analyzer's failure site in this file. */
function ruleSite(ruleId: string, file: string): InternalErrorSite {
  return { stage: `rule ${ruleId}`, ruleId, file, lost: "this rule's other checks of this file were skipped" };
}

/**
 * The listeners of one rule or analyzer, each guarded: the first exception becomes a notification and
 * silences that group for the rest of the walk, while every other group goes on.
 */
function guardListeners(listeners: Listeners, site: InternalErrorSite, sink: FileNotification[]): Listeners {
  let failed = false;
  return runListenersThrough(listeners, (listener, node, ancestors) => {
    if (failed) return;
    try {
      listener(node, ancestors);
    } catch (error) {
      failed = true;
      sink.push(internalErrorNotification(site, error));
    }
  });
}

/** Tracker calls that hand the SDK no data of the app's (set-up and switches): known to the detector, not sinks. */
const SENDS_NOTHING: ReadonlySet<string> = new Set(['init', 'config-file', 'autotrack', 'page-proxy', 'request', 'read']);

/** Runs the API-call collector and every rule's listeners over one tree, in one traversal. */
function analyseUnit(unit: ScriptUnit, env: AnalysisEnvironment, result: FileAnalysis): void {
  const path = unit.file.path;
  const sink = result.notifications;
  const namespaces = new Set([...env.platform.globals, ...FRAMEWORK_NAMESPACES]);
  // The platform object under another name (a uni-app page's `e`), found once for every analysis of the unit.
  const platformObjects = platformObjectsIn(unit.text.slice(unit.root.range[0], unit.root.range[1]), env.platform);
  const collector = createScriptCollector(unit.file, env.platform, unit.region, platformObjects, env.frameworkModules);
  const shared = sharedServices();
  const listeners: Listeners[] = [guardListeners(collector.listeners, { stage: 'the API-call analysis', file: path, lost: "the file's API calls were collected only in part" }, sink)];
  for (const active of env.rules) {
    if (!active.rule.createScriptListeners) continue;
    const site = ruleSite(active.rule.meta.id, path);
    const created = guarded(site, sink, () => active.rule.createScriptListeners!(fileContext(unit, env, active, result.findings, shared)));
    if (created) listeners.push(guardListeners(created, site, sink));
  }
  // Tracking calls and log writes are sinks of the data flow; the tracker detector (shared with the tracking rules) finds them.
  const trackerCalls = new Map<string, TrackerCallKind>();
  const sdkAttachments = new Map<string, string>();
  const index = trackerIndex(customTrackers(env.settings));
  if (env.dataflow) {
    const context = { file: unit.file, text: unit.text, platform: env.platform, settings: env.settings, shared } as FileContext;
    const trackers = trackerAnalysis(context, index, (analysis) => {
      for (const call of analysis.calls) {
        const at = `${call.range[0]}:${call.range[1]}`;
        trackerCalls.set(at, SENDS_NOTHING.has(call.role) ? 'known' : 'tracker');
        if (call.attachName !== undefined) sdkAttachments.set(at, call.attachName);
      }
      for (const call of analysis.logWrites) trackerCalls.set(`${call.range[0]}:${call.range[1]}`, 'log');
    });
    listeners.push(guardListeners(trackers, { stage: 'the tracker analysis', file: path, lost: "the file's tracker calls are missing from its data flows" }, sink));
  }
  const walked = guarded({ stage: 'the syntax-tree walk', file: path, lost: "the file's checks ran only in part" }, sink, () => {
    traverse(unit.root, listeners);
    return true;
  });
  result.usages.push(...collector.usages);
  // The flow graph models the logic layer: compiled templates and styles hold none of its flows, only graph nodes (42% of one package's code).
  const renderLayer = env.compiled === true && RENDER_BUNDLE.test(path);
  if (env.dataflow && walked !== undefined && !renderLayer) extractUnitFlows(unit, { namespaces, platformObjects, frameworkModules: env.frameworkModules ?? FRAMEWORK_MODULES }, env.dataflow, { trackerCalls, sdkAttachments, index }, result);
}

function extractUnitFlows(unit: ScriptUnit, names: { namespaces: ReadonlySet<string>; platformObjects: PlatformObjects; frameworkModules: Readonly<Record<string, string>> }, dataflow: DataFlowEnvironment, trackers: { trackerCalls: ReadonlyMap<string, TrackerCallKind>; sdkAttachments: ReadonlyMap<string, string>; index: TrackerIndex }, result: FileAnalysis): void {
  const flows = (result.flows ??= { fragments: [], templates: [] });
  try {
    flows.fragments.push(
      extractFlows(unit.root, {
        file: unit.file.path,
        thirdParty: unit.file.thirdParty,
        ...((unit.file.thirdParty || isFrameworkLibraryChunk(unit.file.path)) && { library: true }),
        ...(trackers.index.moduleTracker(unit.file.path) && { trackerSdk: true }),
        text: unit.text,
        region: unit.region,
        catalog: dataflow.catalog,
        namespaces: names.namespaces,
        platformObjects: names.platformObjects.names,
        platformProperties: names.platformObjects.properties,
        frameworkModules: names.frameworkModules,
        resolve: (specifier) => dataflow.resolve(specifier, unit.file.path),
        appRoot: dataflow.appRoot,
        fileIds: dataflow.fileIds,
        trackerCalls: trackers.trackerCalls,
        sdkHandles: { sdkOf: (specifier) => trackers.index.moduleTracker(specifier)?.id, methods: trackers.index.handleMethods, attachments: trackers.sdkAttachments },
        ...(unit.file.cloudFunction && { cloudFunction: unit.file.cloudFunction }),
      }),
    );
  } catch (error) {
    // The other checks of the file stand; only its data flows are missing, and the user is told.
    const file = unit.file.path;
    if (error instanceof RangeError) result.notifications.push({ kind: 'analysis-error', file, level: 'warning', message: "data flows not traced: code nested too deeply; the file's other checks ran" });
    else result.notifications.push(internalErrorNotification({ stage: 'the data-flow extraction', file, lost: "the file's data flows were not traced; its other checks ran" }, error));
  }
}

/**
 * A compiled service bundle (app-service.js and its chunks): each `define("pages/x.js", function () {…})`
 * body is analysed as the module it was compiled from. The bundle is parsed once; modules are
 * subtrees of that one tree.
 * - Read from a package or an archive, nothing is on disk: a module is reported under its original
 *   path, with positions inside the module, and its text is kept for excerpts.
 * - Read from a folder (an unpacked package, perhaps with decompiled sources beside it), the bundle is
 *   the file a reviewer opens: a module is analysed under `<bundle>/<module path>`, so it never merges
 *   with a decompiled copy of itself, and its positions are the bundle's own. The scan then reports it
 *   at the bundle file, naming the module as its logical location.
 * Code beside the modules is analysed as the bundle file's own code, so nothing in it goes unread.
 */
function analyseServiceBundle(file: BundleFile, program: TSESTree.Program, lines: LineIndex, env: AnalysisEnvironment, result: FileAnalysis): boolean {
  const bundle = splitCompiledBundle(program);
  if (bundle.modules.length === 0) return false;
  const onDisk = env.bundlesOnDisk === true;
  const identity = (path: string): string => (onDisk ? `${file.path}/${path}` : path);
  for (const module of bundle.modules) env.dataflow?.addModule(identity(module.path));
  for (const module of bundle.modules) {
    const [start, end] = [module.body.range[0] + 1, module.body.range[1] - 1];
    const path = identity(module.path);
    const moduleFile: BundleFile = { path, kind: 'script', text: file.text.slice(start, end), thirdParty: file.thirdParty || module.path.startsWith('miniprogram_npm/') };
    let region: ScriptUnit['region'];
    if (onDisk) {
      result.compiledModules.set(path, { file: file.path, module: module.path });
      region = (s, e) => lines.region(s, e);
    } else {
      const moduleLines = new LineIndex(moduleFile.text);
      result.virtualSources.set(path, moduleFile.text);
      region = (s, e) => moduleLines.region(s - start, e - start);
    }
    analyseUnit({ file: moduleFile, root: syntheticProgram(module.body.body, module.body.range), text: file.text, region }, env, result);
  }
  analyseBundleOwnCode(file, program, bundle, lines, env, result);
  return true;
}

/** Statements visited as a Program of their own, so `Program:exit` listeners run once for them. */
function syntheticProgram(body: readonly TSESTree.Node[], range: readonly [number, number]): Node {
  return { type: 'Program', body, range, sourceType: 'script', comments: [], tokens: [] } as unknown as Node;
}

/** The bundle's code outside its modules, analysed under the bundle's own path; redefinitions are named. */
function analyseBundleOwnCode(file: BundleFile, program: TSESTree.Program, bundle: CompiledBundle, lines: LineIndex, env: AnalysisEnvironment, result: FileAnalysis): void {
  for (const { path, offset } of bundle.redefined) {
    result.notifications.push({
      kind: 'analysis-error',
      file: file.path,
      level: 'warning',
      position: lines.position(offset),
      message: `module "${path}" is defined again here; this definition is analysed as code of ${file.path} itself, not as ${path}`,
    });
  }
  if (bundle.outside.length === 0) return;
  if (env.bundlesOnDisk !== true) result.virtualSources.set(file.path, file.text);
  analyseUnit({ file, root: syntheticProgram(bundle.outside, program.range), text: file.text, region: (s, e) => lines.region(s, e) }, env, result);
}

/**
 * Parses one script and analyses it. `base` is where `text` starts in the file (an inline `<wxs>`
 * body inside its template): the parser sees only the script, positions are shifted into the file.
 */
function analyseScript(file: BundleFile, text: string, lines: LineIndex, env: AnalysisEnvironment, result: FileAnalysis, inlineAt?: number): void {
  const base = inlineAt ?? 0;
  // Comments are collected only when a directive may be among them.
  const parse = (source: string) => parseScript(file.path, source, { comments: source.includes(DIRECTIVE_MARK), templateScript: inlineAt !== undefined || file.kind === 'template-script' });
  let parsed = parse(text);
  const recovered = !parsed.ok && inlineAt === undefined && SERVICE_BUNDLE.test(file.path) ? recoverBundle(text, parsed, parse) : undefined;
  if (recovered) {
    result.notifications.push(...recovered.notifications);
    parsed = { ok: true, ast: recovered.ast };
  }
  if (!parsed.ok) {
    const { offset } = parsed;
    // An inline script's error is placed in the template, even when the script starts at its very beginning.
    const position = inlineAt !== undefined && offset !== undefined ? lines.position(base + offset) : parsed.notification.position;
    result.notifications.push({ ...parsed.notification, ...(position && { position }) });
    return;
  }
  if (parsed.ast.comments) {
    const comments = parsed.ast.comments.map((comment) => ({ value: comment.value, range: [comment.range[0] + base, comment.range[1] + base] as const }));
    result.suppressions.push(...scriptSuppressions(comments, lines, file.path));
  }
  if (inlineAt === undefined && SERVICE_BUNDLE.test(file.path) && analyseServiceBundle(file, parsed.ast, lines, env, result)) return;
  analyseUnit({ file, root: parsed.ast, text, region: (s, e) => lines.region(s + base, e + base) }, env, result);
}

/** The templates a compiled package keeps as render code in this file, for the data flow (compiled-templates.ts). */
function addCompiledTemplates(file: BundleFile, lines: LineIndex, result: FileAnalysis): void {
  if (!hasCompiledTemplates(file.text)) return;
  const templates = guarded({ stage: 'the compiled-template reader', file: file.path, lost: "the file's compiled templates add no data flows" }, result.notifications, () => readCompiledTemplates(file.text, (s, e) => lines.region(s, e)));
  const flows = (result.flows ??= { fragments: [], templates: [] });
  for (const { template, elements } of templates ?? []) flows.templates.push({ file: file.path, elements, thirdParty: file.thirdParty, page: template.replace(/\.[^./]+$/, '') });
}

/** Analyses one file: scripts in one traversal, templates once, with every active rule's file-level checks. */
export function analyseFile(file: BundleFile, env: AnalysisEnvironment): FileAnalysis {
  const result: FileAnalysis = { usages: [], notifications: [], findings: [], virtualSources: new Map(), compiledModules: new Map(), suppressions: [] };
  const lines = new LineIndex(file.text);
  switch (file.kind) {
    case 'script':
    case 'template-script':
      analyseScript(file, file.text, lines, env, result);
      // Only a compiled package's bundles hold render code; other scripts are not searched for it.
      if (env.dataflow && file.kind === 'script' && (RENDER_BUNDLE.test(file.path) || SERVICE_BUNDLE.test(file.path))) addCompiledTemplates(file, lines, result);
      break;
    case 'compiled-template':
      if (env.dataflow) addCompiledTemplates(file, lines, result);
      break;
    case 'template': {
      const template = analyzeTemplate(file, { scriptTags: templateScriptTags(file.path) });
      result.usages.push(...template.usages);
      result.notifications.push(...template.notifications);
      result.suppressions.push(...templateSuppressions(file.text, lines, file.path));
      if (env.dataflow) (result.flows ??= { fragments: [], templates: [] }).templates.push({ file: file.path, elements: template.elements, thirdParty: file.thirdParty });
      const unit = { file, text: file.text, region: (s: number, e: number) => lines.region(s, e) };
      for (const active of env.rules) {
        const check = active.rule.checkTemplate;
        if (check) guarded(ruleSite(active.rule.meta.id, file.path), result.notifications, () => check({ ...fileContext(unit, env, active, result.findings, sharedServices()), template }));
      }
      for (const inline of template.inlineScripts) analyseScript(file, inline.text, lines, env, result, inline.startOffset);
      break;
    }
    default:
      break;
  }
  return result;
}
