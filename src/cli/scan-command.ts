import { existsSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { isDirectory } from '../bundle/read-directory.js';
import { availableParallelism } from 'node:os';
import { activeRules, parseConfigObject, type ScanOptions } from '../config.js';
import { InputError } from '../errors.js';
import { parsePolicy } from '../config/policy.js';
import { formatJson } from '../reporters/json.js';
import type * as Sarif from 'sarif';
import { formatSarif, toSarif, type SarifOptions } from '../reporters/sarif.js';
import { fitGitHubLimits, GITHUB_LIMITS } from '../reporters/github-limits.js';
import { formatText } from '../reporters/text.js';
import { bundlePage } from '../reporters/html/bundle-page.js';
import { formatLabelJson, formatLabelMarkdown } from '../reporters/privacy-label.js';
import { parseDeclaredPrivacy } from '../config/declared-privacy.js';
import { indexPage } from '../reporters/html/index-page.js';
import { assembleResult, scanProject } from '../scan.js';
import { releaseScanMemory, tuneHeapFor } from './heap.js';
import type { ProjectResult, ScanResult } from '../scan-result.js';
import { formatBatchSummary } from '../reporters/batch-summary.js';
import { reportName, type BatchEntry } from './batch.js';
import { bundlesToScan, shardIndexes, type Shard } from './select-bundles.js';
import { failedProject } from '../failed-project.js';
import { fileProgress, progressLine } from './progress.js';
import { scanInPool } from './scan-pool.js';
import type { SeveritySetting } from '../types.js';
import { exitCodeFor, type FailOn } from './exit-code.js';
import { sourceLookup } from './sources.js';
import { isInternalError } from '../internal-error.js';
import { checkReportPath, writeNamedReport, writeReportInFolder } from './write-report.js';
import type { CliIO } from './io.js';
import { readJsonFile, readUserFile } from './read-json.js';
import { applyBaseline, createBaseline, formatBaseline, readBaseline, type Baseline } from './baseline.js';

/**
 * The `scan` command: everything it needs is loaded only when it runs, so `minivet --version`,
 * `--help` and `rules` start without the analysis core.
 */

export type { Shard } from './select-bundles.js';

export interface ScanFlags {
  format: 'text' | 'json' | 'sarif' | 'html';
  output?: string;
  failOn?: FailOn;
  rule: Record<string, SeveritySetting>;
  config?: string;
  quiet?: boolean;
  color: boolean;
  strict?: boolean;
  platform?: ScanOptions['platform'];
  policy?: string;
  batch?: string;
  jobs?: number;
  outputDir?: string;
  bundleTimeout: number;
  /** Paths of the scanned folders that are not app code (gitignore syntax), with their .minivetignore. */
  exclude?: string[];
  /** SARIF cut to GitHub code scanning's upload limits (github-limits.ts). */
  github?: boolean;
  /** `--shard i/n`: scan only the i-th of n parts of the bundles named (1-based). */
  shard?: Shard;
  /** Compare with this baseline file: only new findings are shown and counted. */
  baseline?: string;
  /** `privacy-label`: write the privacy label in this format instead of a report. */
  label?: 'markdown' | 'json';
  /** `--declared`: the developer's declared privacy guide. */
  declared?: string;
  /** `baseline create`: write the findings' fingerprints to `output` instead of a report. */
  createBaseline?: boolean;
}

/** A privacy guide is a few dozen entries; anything this large is not one. */
const MAX_DECLARATION_BYTES = 1024 * 1024;

function readDeclaredPrivacy(path: string): ReturnType<typeof parseDeclaredPrivacy> {
  return parseDeclaredPrivacy(readUserFile(path, 'declared privacy guide', MAX_DECLARATION_BYTES), path);
}

function readConfig(path: string): ScanOptions & { failOn?: FailOn } {
  return parseConfigObject(readJsonFile(path, 'config'), path);
}

/** The SARIF log of a result; `batch`: each project's place in the whole batch, when the scan is one (see SarifOptions). */
function sarifOf(result: ScanResult, batch?: SarifOptions['batch']): Sarif.Log {
  return toSarif(result, sourceLookup(result), { srcRoot: process.cwd(), ...(batch && { batch }) });
}

/**
 * The batch's HTML index; bundle pages link back to it, so no bundle's page may take its name. A
 * shard writes its own (`index.shard-2-of-4.html`): shards may share a folder.
 */
const SHARD_INDEX = /^index\.shard-\d+-of-\d+\.html$/i;

function htmlIndexName(shard: Shard | undefined): string {
  return shard ? `index.shard-${shard.index}-of-${shard.count}.html` : 'index.html';
}

function render(result: ScanResult, flags: ScanFlags, color: boolean, batch?: SarifOptions['batch'], indexHref?: string): string {
  switch (flags.format) {
    case 'html':
      return bundlePage(result, result.projects[0]!, { sources: sourceLookup(result), ...(indexHref && { indexHref }) });
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(sarifOf(result, batch));
    default:
      return formatText(result, { color, quiet: flags.quiet ?? false, sources: sourceLookup(result) });
  }
}

const EXTENSIONS: Record<ScanFlags['format'], string> = { text: 'txt', json: 'json', sarif: 'sarif', html: 'html' };

/** Scans one bundle here, with a progress line on a terminal once it takes more than a second. */
function scanOne(path: string, options: ScanOptions, rules: ReturnType<typeof activeRules>, io: CliIO): ProjectResult {
  const progress = fileProgress(io.stderrIsTTY ? io.progress : undefined);
  try {
    return scanProject(path, { ...options, onFilesRead: tuneHeapFor, ...(progress.onFileAnalysed && { onFileAnalysed: progress.onFileAnalysed }) }, rules);
  } finally {
    progress.done();
    releaseScanMemory();
  }
}

/** Scans the bundles on worker threads; refused entries become failed results in their place. */
async function scanBatch(bundles: readonly BatchEntry[], options: ScanOptions, flags: ScanFlags, io: CliIO): Promise<ProjectResult[]> {
  // Each bundle gets a soft budget inside the scan and a hard stop a little later.
  const bundleTimeoutMs = flags.bundleTimeout * 1000;
  const started = performance.now();
  const showProgress = io.stderrIsTTY && bundles.length > 1;
  const scannable = bundles.filter((bundle) => bundle.refused === undefined).map((bundle) => bundle.path);
  const scanned = await scanInPool(scannable, { ...options, timeLimitMs: bundleTimeoutMs * 0.8 }, {
    jobs: flags.jobs ?? availableParallelism(),
    bundleTimeoutMs,
    onDone: showProgress ? (done, total) => io.progress(progressLine(done, total, performance.now() - started)) : undefined,
  });
  if (showProgress) io.progress('');
  let next = 0;
  return bundles.map((bundle) => (bundle.refused === undefined ? scanned[next++]! : failedProject(bundle.path, bundle.refused.message, bundle.refused.kind)));
}

export async function runScan(paths: string[], flags: ScanFlags, io: CliIO): Promise<number> {
  const fromFile = flags.config ? readConfig(flags.config) : {};
  const policy = flags.policy ? parsePolicy(readJsonFile(flags.policy, 'policy'), flags.policy, (fromFile.trackers ?? []).map((tracker) => tracker.id)) : undefined;
  const declared = flags.declared === undefined ? undefined : readDeclaredPrivacy(flags.declared);
  const options: ScanOptions = {
    ...fromFile,
    ...(policy ? { policy } : {}),
    ...(declared ? { declared } : {}),
    profile: flags.strict ? 'strict' : fromFile.profile,
    rules: { ...fromFile.rules, ...flags.rule },
    platform: flags.platform ?? fromFile.platform,
    exclude: [...(fromFile.exclude ?? []), ...(flags.exclude ?? [])],
    excludeBase: process.cwd(),
  };
  const rules = activeRules(options);
  // A report that could not be written fails the run before the scan, not after it.
  if (flags.output !== undefined) checkReportPath(flags.output);
  if (flags.outputDir !== undefined && existsSync(flags.outputDir) && !isDirectory(flags.outputDir)) throw new InputError(`cannot create ${flags.outputDir}: a file is in the way`);
  if (flags.github && (flags.format !== 'sarif' || flags.outputDir !== undefined)) throw new InputError('--github shapes SARIF for an upload: use it with --format sarif, and --output or standard output');
  const everyBundle = bundlesToScan(paths, flags.batch, options.exclude ?? [], io);
  // A baseline that cannot be read fails the run before the scan, not after it.
  const baseline = flags.baseline === undefined ? undefined : readBaseline(flags.baseline);
  const batch = everyBundle.length > 1 || flags.batch !== undefined || flags.shard !== undefined;
  if (batch && flags.format === 'html' && flags.outputDir === undefined) throw new InputError('--format html writes one page per bundle: give --output-dir for a batch (it also writes index.html, which links them all)');
  const indexes = shardIndexes(everyBundle.length, flags.shard);
  const bundles = indexes.map((index) => everyBundle[index]!);
  // A batch's runs say where they stand in it, and link to the rule docs rather than repeat them.
  const placement = batch ? { indexes, count: everyBundle.length, briefHelp: true } : undefined;
  const projects = batch ? (bundles.length === 0 ? [] : await scanBatch(bundles, options, flags, io)) : [scanOne(bundles[0]!.path, options, rules, io)];
  const scanned = assembleResult(projects, rules);
  if (flags.createBaseline) return writeBaseline(scanned, flags.output!, io);
  if (flags.label) return writeLabel(scanned, flags.label, flags.output, io);
  const result = baseline ? compared(scanned, baseline, flags.baseline!, io) : scanned;
  const color = flags.color && flags.output === undefined && io.isTTY && !io.env.NO_COLOR;
  if (flags.outputDir !== undefined) {
    try {
      mkdirSync(flags.outputDir, { recursive: true });
    } catch (error) {
      throw new InputError(`cannot create ${flags.outputDir}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    const unwritten = writeBundleReports(result, flags, flags.outputDir, indexes, everyBundle);
    io.stdout(formatBatchSummary(result));
    // Every other report is written first: one report in the way loses only itself.
    if (unwritten.length > 0) throw new InputError(unwritten.join('; '));
  } else if (flags.github) {
    writeGitHubParts(sarifOf(result, placement), flags.output, io);
  } else {
    const report = render(result, flags, color, placement) + (batch && flags.format === 'text' && flags.output === undefined ? `\n${formatBatchSummary(result)}` : '');
    if (flags.output !== undefined) writeNamedReport(flags.output, report);
    else io.stdout(report);
  }
  reportInternalErrors(result, io);
  return exitCodeFor(result, flags.failOn ?? fromFile.failOn ?? 'error');
}

/**
 * `--github`: the SARIF cut to GitHub's upload limits (github-limits.ts). More than 20 runs make
 * more files: `report.sarif`, then `report.part2.sarif`, … beside it, each named on standard error.
 */
function writeGitHubParts(log: Sarif.Log, output: string | undefined, io: CliIO): void {
  const parts = fitGitHubLimits(log);
  if (output === undefined) {
    if (parts.length > 1) throw new InputError(`${log.runs.length} runs are more than GitHub accepts in one file (${GITHUB_LIMITS.runsPerFile}): name a file with --output, and minivet writes one file per ${GITHUB_LIMITS.runsPerFile} runs`);
    io.stdout(formatSarif(parts[0]!));
    return;
  }
  const stem = output.replace(/\.sarif$/i, '');
  const names = parts.map((_, index) => (index === 0 ? output : `${stem}.part${index + 1}.sarif`));
  for (const [index, part] of parts.entries()) writeNamedReport(names[index]!, formatSarif(part));
  // Parts left by an earlier, larger run would be uploaded with this one.
  for (let stale = parts.length + 1; isFile(`${stem}.part${stale}.sarif`); stale++) unlinkSync(`${stem}.part${stale}.sarif`);
  if (parts.length > 1) io.stderr(`minivet: ${log.runs.length} runs are more than GitHub accepts in one file (${GITHUB_LIMITS.runsPerFile}); written as ${names.join(', ')}\n`);
}

/** The scan compared with the baseline; a project the baseline does not know is named, since all its findings count as new. */
function compared(scanned: ScanResult, baseline: Baseline, path: string, io: CliIO): ScanResult {
  const { result, unknownProjects } = applyBaseline(scanned, baseline, path, sourceLookup(scanned), process.cwd());
  for (const key of unknownProjects) io.stderr(`minivet: the baseline ${path} has no entry for ${key}, so all its findings count as new (projects are named relative to the folder minivet runs in; make the baseline from the same folder)\n`);
  return result;
}

function isFile(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** `baseline create`: the fingerprints of every finding, written where -o says. */
function writeBaseline(result: ScanResult, path: string, io: CliIO): number {
  const baseline = createBaseline(result, sourceLookup(result), process.cwd());
  writeNamedReport(path, formatBaseline(baseline));
  const findings = Object.values(baseline.projects).reduce((sum, entries) => sum + entries.length, 0);
  const projects = Object.keys(baseline.projects).length;
  io.stdout(`minivet: baseline of ${findings} ${findings === 1 ? 'finding' : 'findings'} in ${projects} ${projects === 1 ? 'project' : 'projects'} written to ${path}\n`);
  reportInternalErrors(result, io);
  return exitCodeFor(result, 'none');
}

/** `privacy-label`: the label of every bundle, to -o or standard output; fails only on internal errors. */
function writeLabel(result: ScanResult, format: 'markdown' | 'json', output: string | undefined, io: CliIO): number {
  const text = format === 'json' ? formatLabelJson(result) : formatLabelMarkdown(result);
  if (output !== undefined) writeNamedReport(output, text);
  else io.stdout(text);
  reportInternalErrors(result, io);
  return exitCodeFor(result, 'none');
}

/** One report per bundle in the output folder; the messages of those that could not be written. */
function writeBundleReports(result: ScanResult, flags: ScanFlags, folder: string, indexes: readonly number[], everyBundle: readonly BatchEntry[]): string[] {
  // Names are chosen over the whole batch, so shards writing into one folder never take the same one.
  const html = flags.format === 'html';
  const index = htmlIndexName(flags.shard);
  const taken = new Set<string>(html ? ['index.html', index.toLowerCase()] : []);
  // Every shard's index name is kept free, whichever shard this is.
  const names = everyBundle.map((bundle) => reportName(bundle.path, EXTENSIONS[flags.format], taken, html ? SHARD_INDEX : undefined));
  const unwritten: string[] = [];
  for (const [at, project] of result.projects.entries()) {
    const single: ScanResult = { ...result, projects: [project] };
    try {
      // One run per file: its rules keep their full help.
      writeReportInFolder(folder, names[indexes[at]!]!, render(single, flags, false, { indexes: [indexes[at]!], count: everyBundle.length, briefHelp: false }, html ? index : undefined));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      unwritten.push(error.message);
    }
  }
  if (html) {
    try {
      writeReportInFolder(folder, index, indexPage(result, indexes.map((at) => names[at]!)));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      unwritten.push(error.message);
    }
  }
  return unwritten;
}

/** One line on standard error when the run is incomplete, and the stacks when MINIVET_DEBUG is set. */
function reportInternalErrors(result: ScanResult, io: CliIO): void {
  const errors = result.projects.flatMap((project) => project.notifications.filter(isInternalError).map((n) => ({ project, n })));
  if (errors.length === 0) return;
  io.stderr(`minivet: ${errors.length === 1 ? '1 internal error' : `${errors.length} internal errors`}: the report holds everything else, but the run is incomplete (exit code 3); please report this bug${io.env.MINIVET_DEBUG ? '' : ', and set MINIVET_DEBUG=1 to see the stacks'}\n`);
  if (!io.env.MINIVET_DEBUG) return;
  for (const { project, n } of errors) io.stderr(`${project.displayPath}: ${n.file}: ${n.message}\n${n.stack ?? '(no stack)'}\n`);
}
