import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApiCallCollector } from './analyzers/api-calls.js';
import { parseScript } from './analyzers/parse-script.js';
import { analyzeTemplate } from './analyzers/templates.js';
import { traverse, type Listeners } from './analyzers/traverse.js';
import { detectPlatform } from './bundle/detect-platform.js';
import { DEFAULT_LIMITS, readDirectory } from './bundle/read-directory.js';
import { activeRules, ruleSettings, type ActiveRule, type ScanOptions } from './config.js';
import { InputError } from './errors.js';
import type { AppManifest, ManifestProblem } from './manifest/app-manifest.js';
import { JsonDocument } from './manifest/json-document.js';
import { parseAppManifest } from './manifest/parse-app-manifest.js';
import { readProjectLayout } from './manifest/project-config.js';
import { platformCatalog, privateInfoApis } from './platforms/index.js';
import { FRAMEWORK_NAMESPACES, type PlatformCatalog } from './platforms/types.js';
import type { FileContext, ProjectFacts, RuleSettings } from './rules/rule.js';
import { ruleDescriptors } from './rules/descriptors.js';
import type { ProjectResult, ScanResult } from './scan-result.js';
import type { BundleFile, Finding, FileNotification, Severity, Usage } from './types.js';
import { LineIndex } from './util/line-index.js';
import { compareFindings, compareNotifications } from './util/sort.js';
import { TOOL_NAME, TOOL_URI, TOOL_VERSION } from './version.js';

/** Module specifiers whose default or namespace import is a framework namespace. */
const FRAMEWORK_MODULES: Readonly<Record<string, string>> = { '@tarojs/taro': 'Taro', '@dcloudio/uni-app': 'uni' };
/** Where a mini-app root is looked for when the scanned folder has no app.json and no project file names one. */
const CONVENTIONAL_APP_ROOTS = ['miniprogram', 'src', 'dist'];
/** Reading notifications after which a file was not analysed at all. */
const SKIPPING_KINDS = new Set<FileNotification['kind']>(['file-too-large', 'binary-file', 'unreadable-file', 'link-outside-root']);
const TEMPLATE_SCRIPT_TAGS = ['wxs', 'sjs', 'import-sjs', 'qs', 'filter'];

function readTextIfFile(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

function joinPosix(base: string, name: string): string {
  return base === '' ? name : `${base}/${name}`;
}

/** Finds the folder holding app.json: the one a project file names, the scanned folder, or a conventional subfolder. */
function locateAppRoot(root: string): { appRoot: string; layoutProblems: FileNotification[] } {
  const layout = readProjectLayout((relative) => readTextIfFile(join(root, relative)));
  const layoutProblems: FileNotification[] = layout.problems.map((problem) => ({
    kind: 'analysis-error',
    file: problem.file,
    level: 'warning',
    message: problem.message,
    position: problem.region.start,
  }));
  const candidates = [layout.appRoot, '', ...CONVENTIONAL_APP_ROOTS];
  for (const candidate of candidates) {
    if (existsSync(join(root, candidate, 'app.json'))) return { appRoot: candidate, layoutProblems };
  }
  const looked = [...new Set(candidates)].map((candidate) => joinPosix(candidate, 'app.json')).join(', ');
  throw new InputError(`no app.json found in ${root} (looked for ${looked}); ${frameworkHint(root)}`);
}

/**
 * Page and component configs (and sitemap.json, theme.json, …) must parse for the project to compile.
 * The platform tools are more forgiving with these than with app.json, so comments and trailing
 * commas pass here and only real syntax errors are reported.
 */
function checkJsonConfig(file: BundleFile): ManifestProblem[] {
  return JsonDocument.parse(file.text, { lenient: true }).problems.map((problem) => ({ file: file.path, region: problem.region, message: problem.message }));
}

/** Taro and uni-app keep their manifest in other files until built: say so instead of a bare "not found". */
function frameworkHint(root: string): string {
  if (['src/app.config.ts', 'src/app.config.js'].some((file) => existsSync(join(root, file)))) {
    return 'this looks like a Taro project: build it for the platform and scan the output folder that holds app.json';
  }
  if (existsSync(join(root, 'pages.json')) || existsSync(join(root, 'src/pages.json'))) {
    return 'this looks like a uni-app project: build it for the platform (e.g. mp-weixin) and scan the output folder that holds app.json';
  }
  return 'is this a mini-app project?';
}

interface FileAnalysis {
  usages: Usage[];
  notifications: FileNotification[];
  findings: Finding[];
}

function fileContext(file: BundleFile, text: string, platform: PlatformCatalog, lines: LineIndex, severity: Severity, ruleId: string, sink: Finding[], settings: RuleSettings): FileContext {
  return {
    file,
    platform,
    text,
    settings,
    region: (start, end) => lines.region(start, end),
    report({ range, ...rest }) {
      sink.push({ ruleId, thirdParty: file.thirdParty, ...rest, severity: rest.severity ?? severity, location: { file: file.path, region: lines.region(range[0], range[1]) } });
    },
  };
}

/** Parses a script once and runs the API-call collector and every rule's listeners in one traversal. */
function analyseScript(file: BundleFile, text: string, platform: PlatformCatalog, lines: LineIndex, rules: readonly ActiveRule[], settings: RuleSettings, result: FileAnalysis): void {
  const parsed = parseScript(file.path, text);
  if (!parsed.ok) {
    result.notifications.push(parsed.notification);
    return;
  }
  const collector = createApiCallCollector({
    file: file.path,
    thirdParty: file.thirdParty,
    namespaces: [...platform.globals, ...FRAMEWORK_NAMESPACES],
    frameworkNamespaces: FRAMEWORK_NAMESPACES,
    frameworkModules: FRAMEWORK_MODULES,
    toRegion: (start, end) => lines.region(start, end),
  });
  const listeners: Listeners[] = [collector.listeners];
  for (const { rule, severity } of rules) {
    if (rule.createScriptListeners) listeners.push(rule.createScriptListeners(fileContext(file, text, platform, lines, severity, rule.meta.id, result.findings, settings)));
  }
  traverse(parsed.ast, listeners);
  result.usages.push(...collector.usages);
}

function analyseFile(file: BundleFile, platform: PlatformCatalog, rules: readonly ActiveRule[], settings: RuleSettings): FileAnalysis {
  const result: FileAnalysis = { usages: [], notifications: [], findings: [] };
  const lines = new LineIndex(file.text);
  switch (file.kind) {
    case 'script':
    case 'template-script':
      analyseScript(file, file.text, platform, lines, rules, settings, result);
      break;
    case 'template': {
      const template = analyzeTemplate(file, { scriptTags: TEMPLATE_SCRIPT_TAGS });
      result.usages.push(...template.usages);
      result.notifications.push(...template.notifications);
      for (const { rule, severity } of rules) {
        if (!rule.checkTemplate) continue;
        rule.checkTemplate({ ...fileContext(file, file.text, platform, lines, severity, rule.meta.id, result.findings, settings), template });
      }
      for (const inline of template.inlineScripts) analyseScript(file, inline.text, platform, lines, rules, settings, result);
      break;
    }
    default:
      break;
  }
  return result;
}

function runProjectRules(rules: readonly ActiveRule[], facts: ProjectFacts, settings: RuleSettings): Finding[] {
  const findings: Finding[] = [];
  for (const { rule, severity } of rules) {
    rule.checkProject?.({
      facts,
      settings,
      report(report) {
        findings.push({ ruleId: rule.meta.id, ...report, severity: report.severity ?? severity });
      },
    });
  }
  return findings;
}

/** Scans one mini-app project folder. Throws InputError for a path that is not a scannable project. */
export function scanProject(path: string, options: ScanOptions = {}, rules: readonly ActiveRule[] = activeRules(options)): ProjectResult {
  const settings = ruleSettings(options);
  const root = resolve(path);
  if (!existsSync(root)) throw new InputError(`${path}: no such file or directory`);
  if (!statSync(root).isDirectory()) throw new InputError(`${path}: not a folder; give the folder that holds the mini-app's app.json`);
  const { appRoot, layoutProblems } = locateAppRoot(root);
  const contents = readDirectory(root, appRoot, {
    maxFileBytes: options.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes,
    maxFiles: options.maxFiles ?? DEFAULT_LIMITS.maxFiles,
  });
  const markers = new Set(['mini.project.json', 'project.swan.json', 'project.tt.json', 'project.config.json'].filter((name) => existsSync(join(root, name)) || existsSync(join(root, appRoot, name))));
  const platformId = options.platform ?? detectPlatform(contents.files, markers);
  const platform = platformCatalog(platformId);

  const manifestPath = joinPosix(appRoot, 'app.json');
  const manifestFile = contents.files.find((file) => file.path === manifestPath);
  const manifest: AppManifest | undefined = manifestFile
    ? parseAppManifest(manifestPath, manifestFile.text, platform.hasRequiredPrivateInfos ? { knownPrivateInfos: privateInfoApis(platform) } : {})
    : undefined;

  const usages: Usage[] = [];
  const notifications: FileNotification[] = [...layoutProblems, ...contents.notifications];
  const skipped = new Set(contents.notifications.filter((n) => SKIPPING_KINDS.has(n.kind)).map((n) => n.file));
  const failed = new Set<string>();
  let scriptFiles = 0;
  let templateFiles = 0;
  let bytes = 0;
  const fileFindings: Finding[] = [];
  for (const file of contents.files) {
    const analysis = analyseFile(file, platform, rules, settings);
    usages.push(...analysis.usages);
    fileFindings.push(...analysis.findings);
    notifications.push(...analysis.notifications);
    if (analysis.notifications.some((notification) => notification.level === 'error')) failed.add(file.path);
    if (file.kind === 'script' || file.kind === 'template-script') scriptFiles++;
    if (file.kind === 'template') templateFiles++;
    bytes += Buffer.byteLength(file.text);
  }

  const configProblems = contents.files
    .filter((file) => file.kind === 'json' && file.path !== manifestPath && !file.thirdParty)
    .flatMap((file) => checkJsonConfig(file));
  const facts: ProjectFacts = { platform, manifest, usages, configProblems, unanalysedFiles: [...skipped, ...failed].sort() };
  const findings = [...fileFindings, ...runProjectRules(rules, facts, settings)].sort(compareFindings);
  return {
    root,
    displayPath: path,
    appRoot,
    platform: platformId,
    findings,
    notifications: notifications.sort(compareNotifications),
    stats: {
      filesAnalysed: contents.files.length - failed.size,
      filesSkipped: skipped.size + failed.size + contents.overflow,
      scriptFiles,
      templateFiles,
      bytes,
    },
  };
}

/** Scans each path as a mini-app project. Throws InputError on the first path that cannot be scanned at all. */
export function scan(paths: readonly string[], options: ScanOptions = {}): ScanResult {
  const rules = activeRules(options);
  const projects = paths.map((path) => scanProject(path, options, rules));
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION, informationUri: TOOL_URI },
    rules: ruleDescriptors(rules),
    projects,
  };
}
