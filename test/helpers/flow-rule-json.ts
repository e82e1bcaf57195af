import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliRun } from './run-cli.js';

/** A data-flow finding as `minivet scan --format json` writes it (docs/json-format.md). */
export interface JsonStep {
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  properties: Record<string, unknown>;
  related: { message: string; file: string; line: number; column: number }[];
  codeFlow?: JsonStep[];
  suppressed?: boolean;
  justification?: string;
}

export const findingsOf = (run: CliRun): JsonFinding[] => JSON.parse(run.stdout).projects[0].findings;
export const where = (f: { file: string; line: number }): string => `${f.file}:${f.line}`;
export const step = (s: JsonStep): string => `${s.file}:${s.line}:${s.column} ${s.message}`;

/** The text of line `file:line` of a fixture, to check that an expectation still points at its code. */
export function lineOf(root: string, at: string): string {
  const [file, line] = at.split(':');
  return readFileSync(join(root, file!), 'utf8').split('\n')[Number(line) - 1]!;
}

interface Placed {
  at: string;
  code: string;
}

/**
 * The checks every data-flow rule's fixture test starts with: the expectations still point at their
 * code, only the rule ran (with the exit code its severity gives), and the findings are exactly the
 * expected places, so every listed look-alike is a checked negative.
 */
export function itReportsExactly(options: {
  rule: string;
  exitCode: number;
  what: string;
  run: () => { run: CliRun; findings: JsonFinding[] };
  lineOf: (at: string) => string;
  expected: readonly Placed[];
  negatives: readonly Placed[];
}): void {
  it('keeps the fixture lines the expectations point at', () => {
    for (const { at, code } of [...options.expected, ...options.negatives]) expect(options.lineOf(at).trim(), at).toBe(code);
  });

  it(`runs only this rule and exits ${options.exitCode}`, () => {
    const { run } = options.run();
    expect(run.code).toBe(options.exitCode);
    expect(JSON.parse(run.stdout).rules.map((r: { id: string }) => r.id)).toEqual([options.rule]);
  });

  it(`reports exactly the ${options.what}: every look-alike stays quiet`, () => {
    const { findings } = options.run();
    expect(findings.map(where)).toEqual(options.expected.map((e) => e.at));
    const quiet = new Set(options.negatives.map((n) => n.at));
    expect(findings.filter((f) => quiet.has(where(f)))).toEqual([]);
  });
}
