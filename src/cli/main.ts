import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { activeRules, isSeveritySetting, parseConfigObject, type ScanOptions } from '../config.js';
import { InputError } from '../errors.js';
import { parsePolicy } from '../config/policy.js';
import { formatJson } from '../reporters/json.js';
import { formatSarif, toSarif } from '../reporters/sarif.js';
import { formatText } from '../reporters/text.js';
import { RULES } from '../rules/index.js';
import { assembleResult, scanProject } from '../scan.js';
import type { ProjectResult, ScanResult } from '../scan-result.js';
import { formatBatchSummary } from '../reporters/batch-summary.js';
import { listBatch, reportName, type BatchEntry } from './batch.js';
import { failedProject } from '../failed-project.js';
import { progressLine } from './progress.js';
import { scanInPool } from './scan-pool.js';
import type { Severity, SeveritySetting } from '../types.js';
import { TOOL_VERSION } from '../version.js';
import { exitCodeFor, type FailOn } from './exit-code.js';
import { sourceLookup } from './sources.js';
import { formatRuleList } from './rule-list.js';
import { isInternalError } from '../internal-error.js';
import { printable } from '../reporters/printable.js';
import { writeNamedReport, writeReportInFolder } from './write-report.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Rewrites the one progress line on a terminal; an empty text clears it. */
  progress: (text: string) => void;
  isTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
}

interface ScanFlags {
  format: 'text' | 'json' | 'sarif';
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
}

function parseRuleFlag(value: string, previous: Record<string, SeveritySetting>): Record<string, SeveritySetting> {
  const match = /^([a-z0-9-]+)=(.+)$/.exec(value);
  if (!match) throw new InvalidArgumentError('expected ID=off|error|warning|note, e.g. --rule unused-private-info=off');
  const [, id, setting] = match;
  if (!isSeveritySetting(setting)) throw new InvalidArgumentError(`"${setting}" is not one of off, error, warning, note`);
  return { ...previous, [id!]: setting };
}

/** Reads a JSON file the user named (config, policy); every failure is a one-line input error. */
function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(`${what} ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function readConfig(path: string): ScanOptions & { failOn?: FailOn } {
  return parseConfigObject(readJsonFile(path, 'config'), path);
}

function render(result: ScanResult, flags: ScanFlags, color: boolean): string {
  switch (flags.format) {
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(toSarif(result, sourceLookup(result), { srcRoot: process.cwd() }));
    default:
      return formatText(result, { color, quiet: flags.quiet ?? false, sources: sourceLookup(result) });
  }
}

function positiveInteger(name: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number <= 0) throw new InvalidArgumentError(`${name} must be a positive whole number`);
    return number;
  };
}

const EXTENSIONS: Record<ScanFlags['format'], string> = { text: 'txt', json: 'json', sarif: 'sarif' };

/** Every bundle to scan: the paths named, then each entry of --batch. A path that does not exist is a usage error up front. */
function bundlesToScan(paths: string[], flags: ScanFlags): BatchEntry[] {
  const bundles = [...paths.map((path) => ({ path })), ...(flags.batch ? listBatch(flags.batch) : [])];
  if (bundles.length === 0) return [{ path: '.' }];
  for (const path of paths) if (!existsSync(path)) throw new InputError(`${path}: no such file or directory`);
  return bundles;
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

async function runScan(paths: string[], flags: ScanFlags, io: CliIO): Promise<number> {
  const fromFile = flags.config ? readConfig(flags.config) : {};
  const policy = flags.policy ? parsePolicy(readJsonFile(flags.policy, 'policy'), flags.policy, (fromFile.trackers ?? []).map((tracker) => tracker.id)) : undefined;
  const options: ScanOptions = {
    ...fromFile,
    ...(policy ? { policy } : {}),
    profile: flags.strict ? 'strict' : fromFile.profile,
    rules: { ...fromFile.rules, ...flags.rule },
    platform: flags.platform ?? fromFile.platform,
  };
  const rules = activeRules(options);
  const bundles = bundlesToScan(paths, flags);
  const batch = bundles.length > 1 || flags.batch !== undefined;
  const projects = batch ? await scanBatch(bundles, options, flags, io) : [scanProject(bundles[0]!.path, options, rules)];
  const result = assembleResult(projects, rules);
  const color = flags.color && flags.output === undefined && io.isTTY && !io.env.NO_COLOR;
  if (flags.outputDir !== undefined) {
    try {
      mkdirSync(flags.outputDir, { recursive: true });
    } catch (error) {
      throw new InputError(`cannot create ${flags.outputDir}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    const unwritten = writeBundleReports(result, flags, flags.outputDir);
    io.stdout(formatBatchSummary(result));
    // Every other report is written first: one report in the way loses only itself.
    if (unwritten.length > 0) throw new InputError(unwritten.join('; '));
  } else {
    const report = render(result, flags, color) + (batch && flags.format === 'text' && flags.output === undefined ? `\n${formatBatchSummary(result)}` : '');
    if (flags.output !== undefined) writeNamedReport(flags.output, report);
    else io.stdout(report);
  }
  reportInternalErrors(result, io);
  return exitCodeFor(result, flags.failOn ?? fromFile.failOn ?? 'error');
}

/** One report per bundle in the output folder; the messages of those that could not be written. */
function writeBundleReports(result: ScanResult, flags: ScanFlags, folder: string): string[] {
  const taken = new Set<string>();
  const unwritten: string[] = [];
  for (const project of result.projects) {
    const single: ScanResult = { ...result, projects: [project] };
    try {
      writeReportInFolder(folder, reportName(project.displayPath, EXTENSIONS[flags.format], taken), render(single, flags, false));
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

function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('minivet')
    .description('Static security and privacy linter for mini-apps (WeChat, Alipay, ByteDance, Baidu, QQ).')
    .version(TOOL_VERSION, '-v, --version')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showSuggestionAfterError();

  program
    .command('scan')
    .description('scan mini-app projects (folders holding app.json, or naming it in project.config.json / mini.project.json)')
    .argument('[paths...]', 'project folders to scan', [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding is at or above this level (default: error)').choices(['error', 'warning', 'note', 'none']))
    .option('--rule <id=severity>', 'set a rule to off, error, warning or note (repeatable)', parseRuleFlag, {})
    .option('-c, --config <file>', 'JSON config file (see docs/configuration.md)')
    .option('--policy <file>', "vendor policy: the tracking SDKs and hosts allowed; others raise tracking-call to error (docs/policy.md)")
    .option('--strict', 'vendor profile: every rule on at its strict severity')
    .addOption(new Option('--platform <platform>', 'skip detection and treat the projects as this platform').choices(['wechat', 'alipay', 'bytedance', 'baidu', 'qq']))
    .option('-q, --quiet', 'text output: errors only, no notes about skipped files')
    .option('--no-color', 'never colour the text output')
    .option('--batch <dir>', 'scan every bundle in a folder (sub-folders, .wxapkg and .zip files), each on its own')
    .option('-j, --jobs <n>', 'bundles scanned in parallel in batch mode (default: the number of cores)', positiveInteger('--jobs'))
    .option('--output-dir <dir>', 'batch mode: one report file per bundle in this folder, and a summary table on standard output')
    .option('--bundle-timeout <seconds>', 'batch mode: stop a bundle after this many seconds and report it as failed', positiveInteger('--bundle-timeout'), 300)
    .action(async (paths: string[], flags: ScanFlags) => {
      setExit(await runScan(paths, flags, io));
    });

  program
    .command('rules')
    .description('list every rule with its id, default severity and description')
    .action(() => {
      io.stdout(formatRuleList(RULES));
      setExit(0);
    });

  return program;
}

/** Runs the CLI and resolves to the exit code: 0 clean, 1 findings at or above --fail-on, 2 usage or input error, 3 internal error. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander already printed its own one-line message otherwise.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof InputError) {
      // Input errors can name files of the bundle: no control character reaches the terminal.
      io.stderr(`minivet: ${printable(error.message)}\n`);
      return 2;
    }
    // A bug in minivet, not in the input: say so briefly, keep the stack for bug reports on demand.
    io.stderr(`minivet: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (io.env.MINIVET_DEBUG) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
    else io.stderr('minivet: please report this bug; set MINIVET_DEBUG=1 to see details\n');
    return 3;
  }
}

export type { Severity };
