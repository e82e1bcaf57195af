import type { TSESTree } from '@typescript-eslint/types';
import type { ActiveRule } from '../config.js';
import { SERVICE_BUNDLE } from '../bundle/read-packages.js';
import { FRAMEWORK_NAMESPACES, type PlatformCatalog } from '../platforms/types.js';
import type { FileContext, RuleSettings } from '../rules/rule.js';
import type { BundleFile, Finding, FileNotification, Region, Usage } from '../types.js';
import { LineIndex } from '../util/line-index.js';
import { createApiCallCollector, type ApiCallCollector } from './api-calls.js';
import { findCompiledModules } from './compiled-modules.js';
import { parseScript } from './parse-script.js';
import { DIRECTIVE_MARK, scriptSuppressions, templateSuppressions, type Suppression } from './suppressions.js';
import { analyzeTemplate } from './templates.js';
import { traverse, type Listeners, type Node } from './traverse.js';
import { extractFlows } from './dataflow/extract.js';
import type { FileIds, FlowFragment } from './dataflow/fragment.js';
import type { TemplateFlowFacts } from './dataflow/index.js';
import { trackerAnalysis } from './trackers.js';
import { customTrackers, trackerIndex } from '../platforms/trackers.js';
import type { FlowCatalog } from '../platforms/flows.js';

/** Module specifiers whose default or namespace import is a framework namespace. */
export const FRAMEWORK_MODULES: Readonly<Record<string, string>> = { '@tarojs/taro': 'Taro', '@dcloudio/uni-app': 'uni' };
/** Template elements whose bodies are script (`<wxs>`, `<sjs>`, …). */
export const TEMPLATE_SCRIPT_TAGS: readonly string[] = ['wxs', 'sjs', 'import-sjs', 'qs', 'filter'];

export interface FileAnalysis {
  usages: Usage[];
  notifications: FileNotification[];
  findings: Finding[];
  /** Source modules recovered from a compiled bundle: path → module text (for snippets and fingerprints). */
  virtualSources: Map<string, string>;
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
  /** The script parser; `parseScript` (typescript-estree) unless given. The ESLint plugin's project index passes a faster one for JavaScript. */
  parse?: typeof parseScript;
  /** Set when a data-flow rule is active: each script's flows are extracted after its traversal. */
  dataflow?: DataFlowEnvironment;
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

function fileContext(unit: Omit<ScriptUnit, 'root'>, env: AnalysisEnvironment, active: ActiveRule, sink: Finding[]): FileContext {
  const { file } = unit;
  return {
    file,
    platform: env.platform,
    text: unit.text,
    settings: env.settings,
    region: unit.region,
    report({ range, ...rest }) {
      this.reportAt({ ...rest, location: { file: file.path, region: unit.region(range[0], range[1]) } });
    },
    reportAt(report) {
      sink.push({ ruleId: active.rule.meta.id, thirdParty: file.thirdParty, ...report, severity: report.severity ?? active.severity });
    },
  };
}

/** The API-call collector for one script of a project on `platform` (also run by the ESLint plugin on ESLint's tree). */
export function createScriptCollector(file: BundleFile, platform: PlatformCatalog, region: (start: number, end: number) => Region): ApiCallCollector {
  return createApiCallCollector({
    file: file.path,
    thirdParty: file.thirdParty,
    namespaces: [...platform.globals, ...FRAMEWORK_NAMESPACES],
    frameworkNamespaces: FRAMEWORK_NAMESPACES,
    frameworkModules: FRAMEWORK_MODULES,
    toRegion: region,
  });
}

/** Runs the API-call collector and every rule's listeners over one tree, in one traversal. */
function analyseUnit(unit: ScriptUnit, env: AnalysisEnvironment, result: FileAnalysis): void {
  const collector = createScriptCollector(unit.file, env.platform, unit.region);
  const listeners: Listeners[] = [collector.listeners];
  for (const active of env.rules) {
    if (active.rule.createScriptListeners) listeners.push(active.rule.createScriptListeners(fileContext(unit, env, active, result.findings)));
  }
  // Tracking calls and log writes are sinks of the data flow; the tracker detector (shared with the tracking rules) finds them.
  const trackerCalls = new Map<string, 'tracker' | 'log'>();
  if (env.dataflow) {
    const context = { file: unit.file, text: unit.text, platform: env.platform, settings: env.settings } as FileContext;
    listeners.push(
      trackerAnalysis(context, trackerIndex(customTrackers(env.settings)), (analysis) => {
        for (const call of analysis.calls) if (call.role !== 'init' && call.role !== 'config-file' && call.role !== 'autotrack' && call.role !== 'page-proxy' && call.role !== 'request') trackerCalls.set(`${call.range[0]}:${call.range[1]}`, 'tracker');
        for (const call of analysis.logWrites) trackerCalls.set(`${call.range[0]}:${call.range[1]}`, 'log');
      }),
    );
  }
  traverse(unit.root, listeners);
  result.usages.push(...collector.usages);
  if (env.dataflow) extractUnitFlows(unit, env, env.dataflow, trackerCalls, result);
}

function extractUnitFlows(unit: ScriptUnit, env: AnalysisEnvironment, dataflow: DataFlowEnvironment, trackerCalls: ReadonlyMap<string, 'tracker' | 'log'>, result: FileAnalysis): void {
  const flows = (result.flows ??= { fragments: [], templates: [] });
  try {
    flows.fragments.push(
      extractFlows(unit.root, {
        file: unit.file.path,
        thirdParty: unit.file.thirdParty,
        text: unit.text,
        region: unit.region,
        catalog: dataflow.catalog,
        namespaces: new Set([...env.platform.globals, ...FRAMEWORK_NAMESPACES]),
        resolve: (specifier) => dataflow.resolve(specifier, unit.file.path),
        appRoot: dataflow.appRoot,
        fileIds: dataflow.fileIds,
        trackerCalls,
      }),
    );
  } catch (error) {
    // The other checks of the file stand; only its data flows are missing, and the user is told.
    const reason = error instanceof RangeError ? 'code nested too deeply' : `internal error (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    result.notifications.push({ kind: 'analysis-error', file: unit.file.path, level: 'warning', message: `data flows not traced: ${reason}; the file's other checks ran` });
  }
}

/**
 * A compiled app-service.js: each `define("pages/x.js", function () {…})` body is analysed as the
 * module it was compiled from, reported under its original path with positions inside the module.
 * The bundle is parsed once; modules are subtrees of that one tree.
 */
function analyseServiceBundle(file: BundleFile, program: TSESTree.Program, env: AnalysisEnvironment, result: FileAnalysis): boolean {
  const modules = findCompiledModules(program);
  if (modules.length === 0) return false;
  for (const module of modules) env.dataflow?.addModule(module.path);
  for (const module of modules) {
    const [start, end] = [module.body.range[0] + 1, module.body.range[1] - 1];
    const moduleText = file.text.slice(start, end);
    const lines = new LineIndex(moduleText);
    const moduleFile: BundleFile = { path: module.path, kind: 'script', text: moduleText, thirdParty: file.thirdParty || module.path.startsWith('miniprogram_npm/') };
    result.virtualSources.set(module.path, moduleText);
    // The module's statements are visited through a synthetic Program so `Program:exit` listeners run per module.
    const root = { type: 'Program', body: module.body.body, range: module.body.range, sourceType: 'script', comments: [], tokens: [] } as unknown as Node;
    analyseUnit({ file: moduleFile, root, text: file.text, region: (s, e) => lines.region(s - start, e - start) }, env, result);
  }
  return true;
}

/**
 * Parses one script and analyses it. `base` is where `text` starts in the file (an inline `<wxs>`
 * body inside its template): the parser sees only the script, positions are shifted into the file.
 */
function analyseScript(file: BundleFile, text: string, lines: LineIndex, env: AnalysisEnvironment, result: FileAnalysis, inlineAt?: number): void {
  const base = inlineAt ?? 0;
  // Comments are collected only when a directive may be among them.
  const parsed = (env.parse ?? parseScript)(file.path, text, { comments: text.includes(DIRECTIVE_MARK) });
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
  if (inlineAt === undefined && SERVICE_BUNDLE.test(file.path) && analyseServiceBundle(file, parsed.ast, env, result)) return;
  analyseUnit({ file, root: parsed.ast, text, region: (s, e) => lines.region(s + base, e + base) }, env, result);
}

/** Analyses one file: scripts in one traversal, templates once, with every active rule's file-level checks. */
export function analyseFile(file: BundleFile, env: AnalysisEnvironment): FileAnalysis {
  const result: FileAnalysis = { usages: [], notifications: [], findings: [], virtualSources: new Map(), suppressions: [] };
  const lines = new LineIndex(file.text);
  switch (file.kind) {
    case 'script':
    case 'template-script':
      analyseScript(file, file.text, lines, env, result);
      break;
    case 'template': {
      const template = analyzeTemplate(file, { scriptTags: TEMPLATE_SCRIPT_TAGS });
      result.usages.push(...template.usages);
      result.notifications.push(...template.notifications);
      result.suppressions.push(...templateSuppressions(file.text, lines, file.path));
      if (env.dataflow) (result.flows ??= { fragments: [], templates: [] }).templates.push({ file: file.path, elements: template.elements, thirdParty: file.thirdParty });
      const unit = { file, text: file.text, region: (s: number, e: number) => lines.region(s, e) };
      for (const active of env.rules) {
        active.rule.checkTemplate?.({ ...fileContext(unit, env, active, result.findings), template });
      }
      for (const inline of template.inlineScripts) analyseScript(file, inline.text, lines, env, result, inline.startOffset);
      break;
    }
    default:
      break;
  }
  return result;
}
