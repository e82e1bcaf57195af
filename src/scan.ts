import { relative, resolve, sep } from 'node:path';
import { analyseFile, projectFrameworkModules, type AnalysisEnvironment, type CompiledModuleSite } from './analyzers/analyse-file.js';
import { DataFlowBuilder } from './analyzers/dataflow/index.js';
import type { FlowStats } from './analyzers/dataflow/solve.js';
import { RuleStates, type DeclaredPrivacy } from './analyzers/context.js';
import { FileIds } from './analyzers/dataflow/fragment.js';
import { ModuleResolver } from './analyzers/dataflow/modules.js';
import { FLOW_CATALOGS } from './platforms/flows.js';
import { applySuppressions, type Suppression } from './analyzers/suppressions.js';
import { summarisePrivacy } from './analyzers/privacy-summary.js';
import { detectPlatform } from './bundle/detect-platform.js';
import { loadProject } from './bundle/load-project.js';
import { markCloudFunctions } from './bundle/cloud-functions.js';
import { DEFAULT_LIMITS, type ReadLimits } from './bundle/read-directory.js';
import { readImportedPackages } from './bundle/imported-packages.js';
import { activeRules, ruleSettings, type ActiveRule, type ScanOptions } from './config.js';
import type { AppManifest, ManifestProblem } from './manifest/app-manifest.js';
import { JsonDocument } from './manifest/json-document.js';
import { parseAppManifest } from './manifest/parse-app-manifest.js';
import { platformCatalog, privateInfoApis } from './platforms/index.js';
import type { ProjectFacts, Report, RuleSettings } from './rules/rule.js';
import { ruleDescriptors } from './rules/descriptors.js';
import { ruleAppliesTo } from './rules/rule.js';
import type { ProjectResult, ScanResult } from './scan-result.js';
import type { BundleFile, Finding, FileNotification, PlatformId, SourceLocation, Usage } from './types.js';
import { compareFindings, compareNotifications } from './util/sort.js';
import { TOOL_NAME, TOOL_URI, TOOL_VERSION } from './version.js';
import { guarded, internalErrorNotification } from './internal-error.js';
import { InputError } from './errors.js';
import { failedProject } from './failed-project.js';
import { reportOnce } from './analyzers/report-once.js';

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** Reading notifications after which a file was not analysed at all. */
const SKIPPING_KINDS = new Set<FileNotification['kind']>(['file-too-large', 'binary-file', 'unreadable-file', 'link-outside-root']);

/** Editor, compiler and package-manager settings kept beside the app: no platform tool reads them as the app's config. */
const TOOLING_CONFIG = /^(?:jsconfig|tsconfig(?:\.[\w-]+)?|package(?:-lock)?|\.?eslintrc|\.?prettierrc|\.?babelrc|\.?stylelintrc|tslint|composer|lerna|renovate|\.?swcrc)\.json$/i;

/**
 * Page and component configs (and sitemap.json, theme.json, …) must parse for the project to compile.
 * The platform tools are more forgiving with these than with app.json, so comments, trailing commas
 * and duplicate keys (a component registered twice in usingComponents) pass here and only real
 * syntax errors are reported.
 */
function checkJsonConfig(file: BundleFile): ManifestProblem[] {
  if (TOOLING_CONFIG.test(file.path.slice(file.path.lastIndexOf('/') + 1))) return [];
  const problems = JsonDocument.parse(file.text, { lenient: true, duplicateKeys: false }).problems;
  if (problems.length === 0 || isJsonLines(file.text)) return [];
  return problems.map((problem) => ({ file: file.path, region: problem.region, message: problem.message }));
}

/** Records of one JSON object a line, as a cloud database's export and import files are written: data, not a config. */
function isJsonLines(text: string): boolean {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.length > 1 && lines.every((line) => line.trimStart().startsWith('{') && JsonDocument.parse(line, { lenient: true, duplicateKeys: false }).problems.length === 0);
}

function runProjectRules(rules: readonly ActiveRule[], facts: ProjectFacts, settings: RuleSettings, states: RuleStates, notifications: FileNotification[], manifestPath: string): Finding[] {
  const findings: Finding[] = [];
  for (const { rule, severity } of rules) {
    if (!rule.checkProject) continue;
    const own: Finding[] = [];
    const report = reportOnce((found: Report): void => {
      own.push({ ruleId: rule.meta.id, ...found, severity: found.severity ?? severity });
    });
    try {
      rule.checkProject({ facts, settings, state: states.for(rule.meta.id), report });
      findings.push(...own);
    } catch (error) {
      // A check that fails part-way keeps nothing: half a project check could claim absences that are not there.
      notifications.push(internalErrorNotification({ stage: `rule ${rule.meta.id}`, ruleId: rule.meta.id, file: manifestPath, lost: "this rule's project-wide checks were skipped" }, error));
    }
  }
  return findings;
}

/** A location inside a module of a compiled bundle on disk, moved to the bundle file (its region already is the bundle's). */
function physicalLocation(location: SourceLocation, modules: ReadonlyMap<string, CompiledModuleSite>): SourceLocation {
  const site = modules.get(location.file);
  return site ? { ...location, file: site.file, module: site.module } : location;
}

/** Messages that name a place inside a module (`at app-service.js/pages/x.js:14:25`) name the bundle file; the line is already the bundle's. */
function physicalText(text: string, modules: ReadonlyMap<string, CompiledModuleSite>, bundles: ReadonlySet<string>): string {
  for (const bundle of bundles) {
    if (!text.includes(`${bundle}/`)) continue;
    for (const [path, site] of modules) if (site.file === bundle && text.includes(path)) text = text.split(path).join(site.file);
  }
  return text;
}

/** Messages quote values from the bundle: one that echoes a 600 KB string is cut to this many characters. */
const MAX_MESSAGE_CHARS = 2_000;

function bounded(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text;
}

/** Findings as reported: messages bounded, and places inside compiled modules on disk moved to their bundle files. */
function finishFindings(findings: Finding[], modules: ReadonlyMap<string, CompiledModuleSite>): Finding[] {
  const bundles = new Set([...modules.values()].map((site) => site.file));
  const text = (message: string): string => bounded(modules.size === 0 ? message : physicalText(message, modules, bundles));
  const move = (location: SourceLocation): SourceLocation => (modules.size === 0 ? location : physicalLocation(location, modules));
  return findings.map((finding) => ({
    ...finding,
    message: text(finding.message),
    location: move(finding.location),
    ...(finding.relatedLocations && { relatedLocations: finding.relatedLocations.map((related) => ({ ...related, message: text(related.message), location: move(related.location) })) }),
    ...(finding.codeFlow && { codeFlow: finding.codeFlow.map((step) => ({ ...step, message: text(step.message), location: move(step.location) })) }),
  }));
}

/** Notifications name files only; a module's notification names its bundle (its position is the bundle's). */
function relocateNotifications(notifications: FileNotification[], modules: ReadonlyMap<string, CompiledModuleSite>): FileNotification[] {
  if (modules.size === 0) return notifications;
  return notifications.map((notification) => {
    const site = modules.get(notification.file);
    return site ? { ...notification, file: site.file, message: `module ${site.module}: ${notification.message}` } : notification;
  });
}

/**
 * Scans one mini-app project (a folder, a .wxapkg, or a folder of packages). Throws InputError for a
 * path that is none of these; a bug met anywhere else becomes an internal-error notification, and a
 * bug that stops the whole bundle becomes a failed result, so a batch always gets its report.
 */
export function scanProject(path: string, options: ScanOptions = {}, rules: readonly ActiveRule[] = activeRules(options)): ProjectResult {
  try {
    return scanProjectParts(path, options, rules);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const notification = internalErrorNotification({ stage: 'the scan', file: '.', lost: 'the bundle was not analysed' }, error);
    // The notification keeps its stack for MINIVET_DEBUG.
    return { ...failedProject(path, notification.message, 'internal-error'), notifications: [notification] };
  }
}

function readLimits(options: ScanOptions): ReadLimits {
  return { maxFileBytes: options.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes, maxFiles: options.maxFiles ?? DEFAULT_LIMITS.maxFiles };
}

function scanProjectParts(path: string, options: ScanOptions = {}, allRules: readonly ActiveRule[] = activeRules(options)): ProjectResult {
  const limits = readLimits(options);
  const project = loadProject(path, limits, { base: options.excludeBase ?? resolve(path), patterns: options.exclude ?? [] });
  const settings = ruleSettings(options);
  const { contents, manifestPath } = project;
  markCloudFunctions(contents.files, project.cloudFunctionRoot);
  const platformId = options.platform ?? detectPlatform(contents.files, project.markers);
  const declaredNotes: FileNotification[] = [];
  const declared = options.declared && declaredFor(options.declared, project.root, platformId, manifestPath, declaredNotes);
  if (declared) settings.declared = declared;
  const platform = platformCatalog(platformId);
  if (platform.shipsImportedNodeModules && project.onDisk) readImportedPackages(project.root, project.appRoot, contents.files, contents.notifications, limits);
  options.onFilesRead?.(contents.files.reduce((chars, file) => chars + file.text.length, 0));
  const rules = rulesFor(platformId, allRules);
  const ruleStates = new RuleStates();
  const env: AnalysisEnvironment = { platform, rules, settings, bundlesOnDisk: project.onDisk, compiled: project.compiled, ruleStates, frameworkModules: projectFrameworkModules(contents.files) };
  if (rules.some(({ rule }) => rule.meta.dataflow)) {
    const texts = new Map(contents.files.map((file) => [file.path, file.text]));
    const resolver = new ModuleResolver(new Set(contents.files.filter((file) => file.kind === 'script' || file.path.endsWith('.json')).map((file) => file.path)), (file) => texts.get(file), project.appRoot);
    for (const problem of resolver.configProblems) contents.notifications.push({ kind: 'analysis-error', file: problem.file, level: 'warning', message: problem.message });
    env.dataflow = { catalog: FLOW_CATALOGS[platformId], fileIds: new FileIds(), appRoot: project.appRoot, resolve: (specifier, from) => resolver.resolve(specifier, from), addModule: (path) => resolver.addFile(path) };
  }
  const flows = env.dataflow && new DataFlowBuilder(env.dataflow.catalog, env.dataflow.fileIds);

  const notifications: FileNotification[] = [...contents.notifications, ...declaredNotes];
  const manifestFile = contents.files.find((file) => file.path === manifestPath);
  const manifest: AppManifest | undefined = manifestFile
    ? guarded({ stage: 'the manifest reader', file: manifestPath, lost: 'the manifest checks were skipped' }, notifications, () =>
        parseAppManifest(manifestPath, manifestFile.text, { compiled: project.compiled, ...(platform.hasRequiredPrivateInfos ? { knownPrivateInfos: privateInfoApis(platform) } : {}) }),
      )
    : undefined;
  if (project.onDisk && !manifestFile && !contents.notifications.some((n) => n.file === manifestPath)) {
    // The manifest stands there (that is how the root was found) but is a folder, a link or a special file.
    notifications.push({ kind: 'unreadable-file', file: manifestPath, level: 'error', message: 'the manifest is a folder, a link or a special file, not a file that could be read; every manifest check was skipped' });
  }

  const usages: Usage[] = [];
  // A file that was read is not skipped, whatever notes it carries (an overlapping package entry, say).
  const read = new Set(contents.files.map((file) => file.path));
  const skipped = new Set(contents.notifications.filter((n) => SKIPPING_KINDS.has(n.kind) && !read.has(n.file)).map((n) => n.file));
  const failed = new Set<string>();
  const virtualSources = new Map<string, string>();
  const compiledModules = new Map<string, CompiledModuleSite>();
  let scriptFiles = 0;
  let templateFiles = 0;
  let bytes = 0;
  const fileFindings: Finding[] = [];
  const suppressions: Suppression[] = [];
  let timedOut = 0;
  const deadline = options.timeLimitMs === undefined ? Infinity : performance.now() + options.timeLimitMs;
  for (const [index, file] of contents.files.entries()) {
    options.onFileAnalysed?.(index, contents.files.length);
    if (performance.now() > deadline) {
      notifications.push({ kind: 'time-limit', file: file.path, level: 'error', message: `not analysed: the project's time limit of ${formatSeconds(options.timeLimitMs!)} was reached` });
      skipped.add(file.path);
      timedOut++;
      continue;
    }
    const analysis = guarded({ stage: 'the file analysis', file: file.path, lost: 'the file was not analysed' }, notifications, () => analyseFile(file, env));
    if (!analysis) {
      failed.add(file.path);
      continue;
    }
    usages.push(...analysis.usages);
    fileFindings.push(...analysis.findings);
    notifications.push(...analysis.notifications);
    for (const [modulePath, text] of analysis.virtualSources) virtualSources.set(modulePath, text);
    for (const [path, site] of analysis.compiledModules) compiledModules.set(path, site);
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
    facts.dataflow = guarded({ stage: 'the data-flow analysis', file: manifestPath, lost: 'no data flows were traced in this bundle' }, notifications, () => flows.finish(contents.files, manifestPath));
    if (facts.dataflow?.stats.truncated) {
      notifications.push({
        kind: 'analysis-error',
        file: manifestPath ?? '',
        level: 'warning',
        message: `data flows traced only in part: the flow graph reached its bound of ${facts.dataflow.stats.nodes.toLocaleString('en-US')} nodes; some flows may be missing`,
      });
    }
    const copyNote = copyBoundNote(facts.dataflow?.stats);
    if (copyNote) notifications.push({ kind: 'analysis-error', file: manifestPath ?? '', level: 'note', message: copyNote });
  }
  const findings = finishFindings([...fileFindings, ...runProjectRules(rules, facts, settings, ruleStates, notifications, manifestPath)], compiledModules).sort(compareFindings);
  // Vendors vet what developers upload: in the strict profile the bundle cannot silence its own findings.
  if (settings.profile !== 'strict') applySuppressions(findings, suppressions);
  const privacy = guarded({ stage: 'the privacy summary', file: manifestPath, lost: 'the privacy summary is missing' }, notifications, () =>
    summarisePrivacy(facts, findings.filter((finding) => !finding.suppressed), settings.declared),
  );
  const unknownKeys = privacy?.declaration?.unknown ?? [];
  if (unknownKeys.length > 0) {
    // A misspelt key would otherwise pass silently: custom keys are allowed, so this is a note, not a finding.
    notifications.push({ kind: 'analysis-error', file: settings.declared!.file, level: 'note', message: `the declared privacy guide lists ${unknownKeys.map((key) => `"${key}"`).join(', ')}, which ${unknownKeys.length === 1 ? 'is not a category' : 'are not categories'} minivet knows for ${platformId}; a custom key is allowed but never checked against the code` });
  }
  return {
    root: project.root,
    displayPath: path,
    appRoot: project.appRoot,
    platform: platformId,
    compiled: project.compiled,
    findings,
    notifications: relocateNotifications(notifications, compiledModules).sort(compareNotifications),
    ...(privacy !== undefined ? { privacy } : {}),
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

/**
 * The declared privacy guide as this project's rules read it: its file relative to the project, like
 * every other finding's. A guide for another platform (a mixed batch) is not applied, and the
 * bundle says so, rather than reporting every category as undeclared.
 */
function declaredFor(declared: DeclaredPrivacy, root: string, platform: PlatformId, manifestPath: string, notifications: FileNotification[]): RuleSettings['declared'] {
  if (declared.platform !== undefined && declared.platform !== platform) {
    notifications.push({ kind: 'analysis-error', file: manifestPath, level: 'note', message: `the declared privacy guide ${declared.path} is for ${declared.platform}, and this bundle is ${platform}: it was not applied` });
    return undefined;
  }
  return { ...declared, file: relative(root, resolve(declared.path)).split(sep).join('/') };
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

/** What the data-flow graph's bounds on copied fields left out, when they tripped. */
function copyBoundNote(stats: FlowStats | undefined): string | undefined {
  if (!stats || (stats.overfilledValues === 0 && !stats.copyBudgetSpent)) return undefined;
  const parts: string[] = [];
  if (stats.overfilledValues > 0) parts.push(`${stats.overfilledValues.toLocaleString('en-US')} value${stats.overfilledValues === 1 ? '' : 's'} received more fields through copies than the per-value bound`);
  if (stats.copyBudgetSpent) parts.push('copies made more fields than the graph allows for code of this size');
  return `data flows traced in part: ${parts.join(', and ')} (typically structures that contain themselves); fields past the bounds are not traced`;
}

/** The rules that apply to a platform: a rule naming `meta.platforms` runs only on those. */
export function rulesFor(platform: PlatformId, rules: readonly ActiveRule[]): readonly ActiveRule[] {
  return rules.filter(({ rule }) => ruleAppliesTo(rule, platform));
}
