import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { InputError } from '../errors.js';
import { isSeveritySetting, SEVERITY_SETTINGS, type Severity, type SeveritySetting } from '../types.js';
import { TOOL_VERSION } from '../version.js';
import { printable } from '../reporters/printable.js';
import { PLATFORM_IDS } from '../platforms/index.js';
import type { ScanFlags, Shard } from './scan-command.js';
import type { CliIO } from './io.js';

export type { CliIO } from './io.js';


function parseRuleFlag(value: string, previous: Record<string, SeveritySetting>): Record<string, SeveritySetting> {
  const match = /^([a-z0-9-]+)=(.+)$/.exec(value);
  if (!match) throw new InvalidArgumentError('expected ID=off|error|warning|note, e.g. --rule unused-private-info=off');
  const [, id, setting] = match;
  if (!isSeveritySetting(setting)) throw new InvalidArgumentError(`"${setting}" is not one of ${SEVERITY_SETTINGS.join(', ')}`);
  return { ...previous, [id!]: setting };
}

function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new InvalidArgumentError('expected i/n with 1 <= i <= n, e.g. --shard 2/4');
  return { index, count };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInteger(name: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number <= 0) throw new InvalidArgumentError(`${name} must be a positive whole number`);
    return number;
  };
}

/** What chooses the bundles and the rules, shared by `scan` and `baseline create`. */
function withScanInputs(command: Command): Command {
  return command
    .option('--rule <id=severity>', 'set a rule to off, error, warning or note (repeatable)', parseRuleFlag, {})
    .option('-c, --config <file>', 'JSON config file (see docs/configuration.md)')
    .option('--declared <file>', "the developer's declared privacy guide (JSON; docs/privacy-label.md): turns on undeclared-data-collection and over-declared-data")
    .option('--policy <file>', "vendor policy: the tracking SDKs and hosts allowed; others raise tracking-call to error (docs/policy.md)")
    .option('--strict', 'vendor profile: every rule on at its strict severity')
    .addOption(new Option('--platform <platform>', 'skip detection and treat the projects as this platform').choices([...PLATFORM_IDS]))
    .option('--exclude <pattern>', 'paths that are not app code, in .gitignore syntax, relative to the current folder (repeatable; with the .minivetignore files)', collect, [])
    .option('--batch <dir>', 'scan every bundle in a folder (sub-folders, .wxapkg and .zip files), each on its own')
    .option('-j, --jobs <n>', 'bundles scanned in parallel in batch mode (default: the number of cores)', positiveInteger('--jobs'))
    .option('--bundle-timeout <seconds>', 'batch mode: stop a bundle after this many seconds and report it as failed', positiveInteger('--bundle-timeout'), 300);
}

function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('minivet')
    .description('Static security and privacy linter for mini-apps (WeChat, Alipay, ByteDance, Baidu, QQ).')
    .version(TOOL_VERSION, '-v, --version')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showSuggestionAfterError();

  withScanInputs(
    program
      .command('scan')
      .description('scan mini-app projects (folders holding app.json, or naming it in project.config.json / mini.project.json)')
      .argument('[paths...]', 'project folders to scan', [])
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif', 'html']).default('text'))
      .option('-o, --output <file>', 'write the report to a file instead of standard output')
      .addOption(new Option('--fail-on <level>', 'exit 1 when a finding is at or above this level (default: error)').choices(['error', 'warning', 'note', 'none']))
      .option('--baseline <file>', 'show and count only findings that are not in this baseline (docs/baselines.md)')
      .option('--github', "SARIF within GitHub code scanning's upload limits: trimmed in a documented order, and one file per 20 runs"),
  )
    .option('-q, --quiet', 'text output: errors only, no notes about skipped files')
    .option('--no-color', 'never colour the text output')
    .option('--output-dir <dir>', 'batch mode: one report file per bundle in this folder, and a summary table on standard output')
    .option('--shard <i/n>', 'scan only part i of n of the bundles (every n-th from the i-th); `minivet merge` joins the parts (docs/scale-out.md)', parseShard)
    .action(async (paths: string[], flags: ScanFlags) => {
      const { runScan } = await import('./scan-command.js');
      setExit(await runScan(paths, flags, io));
    });

  withScanInputs(
    program
      .command('baseline')
      .description('record the findings a project has now, so later scans show only new ones (docs/baselines.md)')
      .command('create')
      .description('scan the projects and write the fingerprints of their findings to a baseline file')
      .argument('[paths...]', 'project folders to scan', [])
      .requiredOption('-o, --output <file>', 'the baseline file to write'),
  ).action(async (paths: string[], flags: ScanFlags) => {
    const { runScan } = await import('./scan-command.js');
    setExit(await runScan(paths, { ...flags, format: 'text', createBaseline: true }, io));
  });

  withScanInputs(
    program
      .command('privacy-label')
      .description("what each bundle collects, by its platform's privacy-guide categories, with the interfaces, SDKs and destinations of each (docs/privacy-label.md)")
      .argument('[paths...]', 'project folders to scan', [])
      .addOption(new Option('-f, --format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
      .option('-o, --output <file>', 'write the label to a file instead of standard output'),
  ).action(async (paths: string[], flags: Omit<ScanFlags, 'format'> & { format: 'markdown' | 'json' }) => {
    const { runScan } = await import('./scan-command.js');
    setExit(await runScan(paths, { ...flags, format: 'text', label: flags.format }, io));
  });

  program
    .command('merge')
    .description('join the SARIF files of the shards of one batch (scan --shard i/n) into one, in the batch order')
    .argument('<files...>', 'SARIF files written by minivet scan --shard')
    .requiredOption('-o, --output <file>', 'the merged SARIF file to write')
    .action(async (files: string[], flags: { output: string }) => {
      const [{ mergeSarifFiles }, { checkReportPath, writeNamedReport }] = await Promise.all([import('./merge.js'), import('./write-report.js')]);
      checkReportPath(flags.output);
      writeNamedReport(flags.output, mergeSarifFiles(files));
      setExit(0);
    });

  program
    .command('rules')
    .description('list every rule with its id, default severity and description')
    .action(async () => {
      const [{ formatRuleList }, { RULES }] = await Promise.all([import('./rule-list.js'), import('../rules/index.js')]);
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
