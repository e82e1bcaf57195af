import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApiCallCollector } from './analyzers/api-calls.js';
import { parseScript } from './analyzers/parse-script.js';
import { analyzeTemplate } from './analyzers/templates.js';
import { traverse } from './analyzers/traverse.js';
import { detectPlatform } from './bundle/detect-platform.js';
import { DEFAULT_LIMITS, readDirectory } from './bundle/read-directory.js';
import { activeRules, type ActiveRule, type ScanOptions } from './config.js';
import { InputError } from './errors.js';
import type { AppManifest } from './manifest/app-manifest.js';
import { parseAppManifest } from './manifest/parse-app-manifest.js';
import { readProjectLayout } from './manifest/project-config.js';
import { platformCatalog, privateInfoApis } from './platforms/index.js';
import { FRAMEWORK_NAMESPACES, type PlatformCatalog } from './platforms/types.js';
import type { ProjectFacts } from './rules/rule.js';
import { ruleDescriptors } from './rules/descriptors.js';
import type { ProjectResult, ScanResult } from './scan-result.js';
import type { BundleFile, Finding, FileNotification, Usage } from './types.js';
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
}

function analyseScript(file: BundleFile, text: string, platform: PlatformCatalog, lines: LineIndex): FileAnalysis {
  const parsed = parseScript(file.path, text);
  if (!parsed.ok) return { usages: [], notifications: [parsed.notification] };
  const collector = createApiCallCollector({
    file: file.path,
    thirdParty: file.thirdParty,
    namespaces: [...platform.globals, ...FRAMEWORK_NAMESPACES],
    frameworkNamespaces: FRAMEWORK_NAMESPACES,
    frameworkModules: FRAMEWORK_MODULES,
    toRegion: (start, end) => lines.region(start, end),
  });
  traverse(parsed.ast, [collector.listeners]);
  return { usages: collector.usages, notifications: [] };
}

function analyseFile(file: BundleFile, platform: PlatformCatalog): FileAnalysis {
  const lines = new LineIndex(file.text);
  switch (file.kind) {
    case 'script':
    case 'template-script':
      return analyseScript(file, file.text, platform, lines);
    case 'template': {
      const template = analyzeTemplate(file, { scriptTags: TEMPLATE_SCRIPT_TAGS });
      const result: FileAnalysis = { usages: [...template.usages], notifications: [...template.notifications] };
      for (const inline of template.inlineScripts) {
        const script = analyseScript(file, inline.text, platform, lines);
        result.usages.push(...script.usages);
        result.notifications.push(...script.notifications);
      }
      return result;
    }
    default:
      return { usages: [], notifications: [] };
  }
}

function runRules(rules: readonly ActiveRule[], facts: ProjectFacts): Finding[] {
  const findings: Finding[] = [];
  for (const { rule, severity } of rules) {
    rule.check({
      facts,
      report(report) {
        findings.push({ ruleId: rule.meta.id, severity, ...report });
      },
    });
  }
  return findings;
}

/** Scans one mini-app project folder. Throws InputError for a path that is not a scannable project. */
export function scanProject(path: string, options: ScanOptions = {}, rules: readonly ActiveRule[] = activeRules(options)): ProjectResult {
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
  for (const file of contents.files) {
    const analysis = analyseFile(file, platform);
    usages.push(...analysis.usages);
    notifications.push(...analysis.notifications);
    if (analysis.notifications.some((notification) => notification.level === 'error')) failed.add(file.path);
    if (file.kind === 'script' || file.kind === 'template-script') scriptFiles++;
    if (file.kind === 'template') templateFiles++;
    bytes += file.text.length;
  }

  const facts: ProjectFacts = { platform, manifest, usages, unanalysedFiles: [...skipped, ...failed].sort() };
  const findings = runRules(rules, facts).sort(compareFindings);
  return {
    root,
    displayPath: path,
    appRoot,
    platform: platformId,
    findings,
    notifications: notifications.sort(compareNotifications),
    stats: {
      filesAnalysed: contents.files.length - failed.size,
      filesSkipped: skipped.size + failed.size,
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
