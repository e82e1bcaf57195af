import { analyseFile, type AnalysisEnvironment } from './analyzers/analyse-file.js';
import { DataFlowBuilder } from './analyzers/dataflow/index.js';
import { FileIds } from './analyzers/dataflow/fragment.js';
import { ModuleResolver } from './analyzers/dataflow/modules.js';
import { FLOW_CATALOGS } from './platforms/flows.js';
import { applySuppressions, type Suppression } from './analyzers/suppressions.js';
import { summarisePrivacy } from './analyzers/privacy-summary.js';
import { detectPlatform } from './bundle/detect-platform.js';
import { loadProject } from './bundle/load-project.js';
import { DEFAULT_LIMITS } from './bundle/read-directory.js';
import { activeRules, ruleSettings, type ActiveRule, type ScanOptions } from './config.js';
import type { AppManifest, ManifestProblem } from './manifest/app-manifest.js';
import { JsonDocument } from './manifest/json-document.js';
import { parseAppManifest } from './manifest/parse-app-manifest.js';
import { platformCatalog, privateInfoApis } from './platforms/index.js';
import type { ProjectFacts, RuleSettings } from './rules/rule.js';
import { ruleDescriptors } from './rules/descriptors.js';
import type { ProjectResult, ScanResult } from './scan-result.js';
import type { BundleFile, Finding, FileNotification, Usage } from './types.js';
import { compareFindings, compareNotifications } from './util/sort.js';
import { TOOL_NAME, TOOL_URI, TOOL_VERSION } from './version.js';

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** Reading notifications after which a file was not analysed at all. */
const SKIPPING_KINDS = new Set<FileNotification['kind']>(['file-too-large', 'binary-file', 'unreadable-file', 'link-outside-root']);

/**
 * Page and component configs (and sitemap.json, theme.json, …) must parse for the project to compile.
 * The platform tools are more forgiving with these than with app.json, so comments and trailing
 * commas pass here and only real syntax errors are reported.
 */
function checkJsonConfig(file: BundleFile): ManifestProblem[] {
  return JsonDocument.parse(file.text, { lenient: true }).problems.map((problem) => ({ file: file.path, region: problem.region, message: problem.message }));
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

/** Scans one mini-app project (a folder, a .wxapkg, or a folder of packages). Throws InputError for a path that is none of these. */
export function scanProject(path: string, options: ScanOptions = {}, rules: readonly ActiveRule[] = activeRules(options)): ProjectResult {
  const settings = ruleSettings(options);
  const project = loadProject(path, {
    maxFileBytes: options.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes,
    maxFiles: options.maxFiles ?? DEFAULT_LIMITS.maxFiles,
  });
  const { contents, manifestPath } = project;
  const platformId = options.platform ?? detectPlatform(contents.files, project.markers);
  const platform = platformCatalog(platformId);
  const env: AnalysisEnvironment = { platform, rules, settings };
  if (rules.some(({ rule }) => rule.meta.dataflow)) {
    const texts = new Map(contents.files.map((file) => [file.path, file.text]));
    const resolver = new ModuleResolver(new Set(contents.files.filter((file) => file.kind === 'script' || file.path.endsWith('.json')).map((file) => file.path)), (file) => texts.get(file), project.appRoot);
    env.dataflow = { catalog: FLOW_CATALOGS[platformId], fileIds: new FileIds(), appRoot: project.appRoot, resolve: (specifier, from) => resolver.resolve(specifier, from), addModule: (path) => resolver.addFile(path) };
  }
  const flows = env.dataflow && new DataFlowBuilder(env.dataflow.catalog, env.dataflow.fileIds);

  const manifestFile = contents.files.find((file) => file.path === manifestPath);
  const manifest: AppManifest | undefined = manifestFile
    ? parseAppManifest(manifestPath, manifestFile.text, platform.hasRequiredPrivateInfos ? { knownPrivateInfos: privateInfoApis(platform) } : {})
    : undefined;

  const usages: Usage[] = [];
  const notifications: FileNotification[] = [...contents.notifications];
  // A file that was read is not skipped, whatever notes it carries (an overlapping package entry, say).
  const read = new Set(contents.files.map((file) => file.path));
  const skipped = new Set(contents.notifications.filter((n) => SKIPPING_KINDS.has(n.kind) && !read.has(n.file)).map((n) => n.file));
  const failed = new Set<string>();
  const virtualSources = new Map<string, string>();
  let scriptFiles = 0;
  let templateFiles = 0;
  let bytes = 0;
  const fileFindings: Finding[] = [];
  const suppressions: Suppression[] = [];
  let timedOut = 0;
  const deadline = options.timeLimitMs === undefined ? Infinity : performance.now() + options.timeLimitMs;
  for (const file of contents.files) {
    if (performance.now() > deadline) {
      notifications.push({ kind: 'time-limit', file: file.path, level: 'error', message: `not analysed: the project's time limit of ${formatSeconds(options.timeLimitMs!)} was reached` });
      skipped.add(file.path);
      timedOut++;
      continue;
    }
    const analysis = analyseFile(file, env);
    usages.push(...analysis.usages);
    fileFindings.push(...analysis.findings);
    notifications.push(...analysis.notifications);
    for (const [modulePath, text] of analysis.virtualSources) virtualSources.set(modulePath, text);
    suppressions.push(...analysis.suppressions);
    if (flows && analysis.flows) {
      for (const fragment of analysis.flows.fragments) flows.addFragment(fragment);
      for (const template of analysis.flows.templates) flows.addTemplate(template);
    }
    if (analysis.notifications.some((notification) => notification.level === 'error')) failed.add(file.path);
    if (file.kind === 'script' || file.kind === 'template-script') scriptFiles++;
    if (file.kind === 'template') templateFiles++;
    bytes += Buffer.byteLength(file.text);
  }

  // Compiled packages merge page configs into app-config.json; only source trees have them separately.
  const configProblems = project.compiled
    ? []
    : contents.files.filter((file) => file.kind === 'json' && file.path !== manifestPath && !file.thirdParty).flatMap((file) => checkJsonConfig(file));
  const facts: ProjectFacts = { platform, manifest, usages, configProblems, unanalysedFiles: [...skipped, ...failed].sort() };
  if (flows) {
    facts.dataflow = flows.finish(contents.files, manifestPath);
    if (facts.dataflow.stats.truncated) {
      notifications.push({
        kind: 'analysis-error',
        file: manifestPath ?? '',
        level: 'warning',
        message: `data flows traced only in part: the flow graph reached its bound of ${facts.dataflow.stats.nodes.toLocaleString('en-US')} nodes; some flows may be missing`,
      });
    }
  }
  const findings = [...fileFindings, ...runProjectRules(rules, facts, settings)].sort(compareFindings);
  // Vendors vet what developers upload: in the strict profile the bundle cannot silence its own findings.
  if (settings.profile !== 'strict') applySuppressions(findings, suppressions);
  const privacy = summarisePrivacy(facts, findings.filter((finding) => !finding.suppressed));
  return {
    root: project.root,
    displayPath: path,
    appRoot: project.appRoot,
    platform: platformId,
    compiled: project.compiled,
    findings,
    notifications: notifications.sort(compareNotifications),
    privacy,
    stats: {
      filesAnalysed: contents.files.length - failed.size - timedOut,
      filesSkipped: skipped.size + failed.size + contents.overflow,
      scriptFiles,
      templateFiles,
      bytes,
    },
    ...(virtualSources.size > 0 ? { virtualSources } : {}),
  };
}

/** The result of a scan: the tool, the rules that ran, and one result per project. */
export function assembleResult(projects: ProjectResult[], rules: readonly ActiveRule[]): ScanResult {
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION, informationUri: TOOL_URI },
    rules: ruleDescriptors(rules),
    projects,
  };
}

/** Scans each path as a mini-app project. Throws InputError on the first path that cannot be scanned at all. */
export function scan(paths: readonly string[], options: ScanOptions = {}): ScanResult {
  const rules = activeRules(options);
  return assembleResult(paths.map((path) => scanProject(path, options, rules)), rules);
}
