import { readFileSync, writeFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isSeveritySetting, parseConfigObject, type ScanOptions } from '../config.js';
import { InputError } from '../errors.js';
import { formatJson } from '../reporters/json.js';
import { formatSarif, toSarif } from '../reporters/sarif.js';
import { formatText } from '../reporters/text.js';
import { RULES } from '../rules/index.js';
import { scan } from '../scan.js';
import type { ScanResult } from '../scan-result.js';
import type { Severity, SeveritySetting } from '../types.js';
import { TOOL_VERSION } from '../version.js';
import { exitCodeFor, type FailOn } from './exit-code.js';
import { sourceLookup } from './sources.js';
import { formatRuleList } from './rule-list.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
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
}

function parseRuleFlag(value: string, previous: Record<string, SeveritySetting>): Record<string, SeveritySetting> {
  const match = /^([a-z0-9-]+)=(.+)$/.exec(value);
  if (!match) throw new InvalidArgumentError('expected ID=off|error|warning|note, e.g. --rule unused-private-info=off');
  const [, id, setting] = match;
  if (!isSeveritySetting(setting)) throw new InvalidArgumentError(`"${setting}" is not one of off, error, warning, note`);
  return { ...previous, [id!]: setting };
}

function readConfig(path: string): ScanOptions & { failOn?: FailOn } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read config ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(`config ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseConfigObject(value, path);
}

function render(result: ScanResult, flags: ScanFlags, color: boolean): string {
  switch (flags.format) {
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(toSarif(result, sourceLookup(result), { srcRoot: process.cwd() }));
    default:
      return formatText(result, { color, quiet: flags.quiet ?? false });
  }
}

function runScan(paths: string[], flags: ScanFlags, io: CliIO): number {
  const fromFile = flags.config ? readConfig(flags.config) : {};
  const options: ScanOptions = {
    ...fromFile,
    profile: flags.strict ? 'strict' : fromFile.profile,
    rules: { ...fromFile.rules, ...flags.rule },
    platform: flags.platform ?? fromFile.platform,
  };
  const result = scan(paths.length > 0 ? paths : ['.'], options);
  const toFile = flags.output !== undefined;
  const color = flags.color && !toFile && io.isTTY && !io.env.NO_COLOR;
  const report = render(result, flags, color);
  if (toFile) {
    try {
      writeFileSync(flags.output!, report);
    } catch (error) {
      throw new InputError(`cannot write ${flags.output}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  } else {
    io.stdout(report);
  }
  return exitCodeFor(result, flags.failOn ?? fromFile.failOn ?? 'error');
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
    .option('--strict', 'vendor profile: every rule on at its strict severity')
    .addOption(new Option('--platform <platform>', 'skip detection and treat the projects as this platform').choices(['wechat', 'alipay', 'bytedance', 'baidu', 'qq']))
    .option('-q, --quiet', 'text output: errors only, no notes about skipped files')
    .option('--no-color', 'never colour the text output')
    .action((paths: string[], flags: ScanFlags) => {
      setExit(runScan(paths, flags, io));
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

/** Runs the CLI and returns the exit code: 0 clean, 1 findings at or above --fail-on, 2 usage or input error. */
export function runCli(argv: readonly string[], io: CliIO): number {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    program.parse(argv as string[], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander already printed its own one-line message otherwise.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof InputError) {
      io.stderr(`minivet: ${error.message}\n`);
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
