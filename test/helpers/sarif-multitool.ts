import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface MultitoolProblem {
  level: 'error' | 'warning' | 'note' | 'none';
  ruleId: string;
  message: string;
}

/**
 * The platform binary of @microsoft/sarif-multitool. Not node_modules/.bin/sarif-multitool:
 * that wrapper spawns with `shell: true`, so the `;` in `--rule-kind "Gh;Sarif"` splits the command.
 */
export function multitoolBinary(): string {
  return createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;
}

/** Every rule violation the multitool reports for a SARIF file (GitHub and SARIF rule kinds). */
export async function multitoolResults(sarifPath: string, timeoutMs = 120_000): Promise<MultitoolProblem[]> {
  const dir = await mkdtemp(join(tmpdir(), 'minivet-multitool-'));
  const out = join(dir, 'validation.sarif');
  try {
    // It exits 0 whatever it finds; a non-zero exit means it could not run at all (execFile throws).
    await run(multitoolBinary(), ['validate', sarifPath, '--rule-kind', 'Gh;Sarif', '-o', out, '--quiet'], {
      timeout: timeoutMs,
      // Invariant globalisation: the .NET binary then needs no libicu on the machine.
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    });
    return parseValidationLog(JSON.parse(await readFile(out, 'utf8')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The problems as readable "RULEID: message" strings. */
export async function multitoolProblems(sarifPath: string): Promise<string[]> {
  return (await multitoolResults(sarifPath)).map((problem) => `${problem.ruleId}: ${problem.message}`);
}

interface ValidationLog {
  runs: {
    tool: { driver: { rules?: {
          id: string;
          messageStrings?: Record<string, { text: string }>;
          defaultConfiguration?: { level?: MultitoolProblem['level'] };
        }[]; } };
    results?: {
      ruleId: string;
      level?: MultitoolProblem['level'];
      message: { text?: string; id?: string; arguments?: string[] };
    }[];
  }[];
}

function parseValidationLog(log: ValidationLog): MultitoolProblem[] {
  const problems: MultitoolProblem[] = [];
  for (const run of log.runs) {
    const rules = new Map((run.tool.driver.rules ?? []).map((rule) => [rule.id, rule]));
    for (const result of run.results ?? []) {
      const { text, id, arguments: args = [] } = result.message;
      const rule = rules.get(result.ruleId);
      const template = text ?? (id ? rule?.messageStrings?.[id]?.text : undefined) ?? id ?? '';
      problems.push({
        // SARIF: an absent level is the rule's default, else warning.
        level: result.level ?? rule?.defaultConfiguration?.level ?? 'warning',
        ruleId: result.ruleId,
        message: template.replace(/\{(\d+)\}/g, (placeholder, n: string) => args[Number(n)] ?? placeholder),
      });
    }
  }
  return problems;
}
