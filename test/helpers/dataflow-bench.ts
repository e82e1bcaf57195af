/**
 * The data-flow micro-benchmark (fixtures/dataflow-bench, described in its README.md): load its
 * cases, check that each is a complete mini-app, match a scan's findings against each case's
 * expected.json, and count true positives, false positives and misses overall, per group and per
 * rule. Shared by test/dataflow-bench.test.ts and any script that wants the same table.
 *
 * A finding matches an expected flow when its rule id, file and start line are equal. Findings are
 * counted once per (rule, file, line): several sources reaching one sink are one flow.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Finding } from '../../src/types.js';

/** The rules the benchmark measures. Findings of any other rule are ignored. */
export const FLOW_RULE_IDS = ['sensitive-data-to-storage', 'sensitive-data-leak', 'unchecked-referrer-data'] as const;
export type FlowRuleId = (typeof FLOW_RULE_IDS)[number];

/** A flow: the rule and where its sink call (or template element) starts. */
export interface Flow {
  rule: string;
  /** POSIX path relative to the case folder. */
  file: string;
  /** 1-based line. */
  line: number;
}

export interface BenchCase {
  /** `<group>/<case>-<variant>`, e.g. `scope/shadowed-name-false`. */
  id: string;
  group: string;
  /** The case name without the variant suffix (`shadowed-name`). */
  name: string;
  /** `true`: the app has the flows listed; `false`: a look-alike with none. */
  variant: 'true' | 'false';
  /** Absolute path of the case folder (a mini-app root). */
  dir: string;
  description: string;
  flows: Flow[];
}

export interface CaseOutcome {
  benchCase: BenchCase;
  truePositives: Flow[];
  falsePositives: Flow[];
  falseNegatives: Flow[];
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  /** tp / (tp + fp); 1 when nothing was reported (nothing was reported wrongly). */
  precision: number;
  /** tp / (tp + fn); 1 when nothing was expected. */
  recall: number;
}

export interface BenchSummary {
  cases: number;
  overall: Score;
  byGroup: Map<string, Score>;
  byRule: Map<string, Score>;
  outcomes: CaseOutcome[];
}

const CASE_DIR = /^([a-z0-9]+(?:-[a-z0-9]+)*)-(true|false)$/;
const FLOW_RULES: ReadonlySet<string> = new Set(FLOW_RULE_IDS);

export const flowKey = (flow: Flow): string => `${flow.rule} ${flow.file}:${flow.line}`;

function compareFlows(a: Flow, b: Flow): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule);
}

function subdirectories(path: string): string[] {
  return readdirSync(path)
    .filter((name) => statSync(join(path, name)).isDirectory())
    .sort();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and checks one expected.json; throws with the path on any malformed field. */
function readExpected(path: string, variant: 'true' | 'false'): { description: string; flows: Flow[] } {
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const fail = (message: string): never => {
    throw new Error(`${path}: ${message}`);
  };
  if (!isRecord(json)) return fail('not a JSON object');
  const { description, flows } = json;
  if (typeof description !== 'string' || description.trim() === '') fail('"description" must be a non-empty string');
  if (!Array.isArray(flows)) return fail('"flows" must be an array');
  const parsed: Flow[] = flows.map((entry: unknown, i) => {
    if (!isRecord(entry)) return fail(`flows[${i}] is not an object`);
    const { rule, file, line } = entry;
    if (typeof rule !== 'string' || !FLOW_RULES.has(rule)) fail(`flows[${i}].rule must be one of ${FLOW_RULE_IDS.join(', ')}`);
    if (typeof file !== 'string' || file === '' || file.startsWith('/') || file.includes('\\')) fail(`flows[${i}].file must be a relative POSIX path`);
    if (typeof line !== 'number' || !Number.isInteger(line) || line < 1) fail(`flows[${i}].line must be a 1-based line number`);
    return { rule: rule as string, file: file as string, line: line as number };
  });
  if (variant === 'false' && parsed.length > 0) fail('a -false case expects no flows');
  if (variant === 'true' && parsed.length === 0) fail('a -true case expects at least one flow');
  const keys = parsed.map(flowKey);
  const duplicate = keys.find((key, i) => keys.indexOf(key) !== i);
  if (duplicate) fail(`flow listed twice: ${duplicate}`);
  return { description: description as string, flows: parsed.sort(compareFlows) };
}

/** Every case under `root` (`<group>/<case>-true|false/expected.json`), sorted by id. */
export function loadBenchCases(root: string): BenchCase[] {
  const cases: BenchCase[] = [];
  for (const group of subdirectories(root)) {
    for (const folder of subdirectories(join(root, group))) {
      const match = CASE_DIR.exec(folder);
      if (!match) throw new Error(`${join(root, group, folder)}: a case folder is named <case>-true or <case>-false`);
      const variant = match[2] as 'true' | 'false';
      const dir = join(root, group, folder);
      const { description, flows } = readExpected(join(dir, 'expected.json'), variant);
      cases.push({ id: `${group}/${folder}`, group, name: match[1]!, variant, dir, description, flows });
    }
  }
  return cases;
}

/** Cases whose -true or -false counterpart is missing. */
export function unpairedCases(cases: readonly BenchCase[]): string[] {
  const ids = new Set(cases.map((c) => c.id));
  return cases.filter((c) => !ids.has(`${c.group}/${c.name}-${c.variant === 'true' ? 'false' : 'true'}`)).map((c) => c.id);
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function scriptOf(base: string): string | undefined {
  return ['.js', '.ts'].map((ext) => base + ext).find((path) => existsSync(path));
}

/**
 * What keeps a case from being a complete WeChat mini-app, or its expectations from pointing at
 * real code: app.json must parse and list pages that each have a script and a template; every
 * `usingComponents` entry must resolve to a component with script, template and json; every
 * expected flow must name an existing file and a non-blank line in it.
 */
export function fixtureProblems(benchCase: BenchCase): string[] {
  const problems: string[] = [];
  const { dir } = benchCase;
  let manifest: unknown;
  try {
    manifest = readJson(join(dir, 'app.json'));
  } catch (error) {
    return [`app.json: ${(error as Error).message}`];
  }
  if (!existsSync(join(dir, 'app.js'))) problems.push('app.js is missing');
  const pages = isRecord(manifest) && Array.isArray(manifest.pages) ? manifest.pages : [];
  if (pages.length === 0) problems.push('app.json lists no pages');
  const owners: string[] = [];
  for (const page of pages) {
    if (typeof page !== 'string') {
      problems.push(`app.json pages: ${JSON.stringify(page)} is not a string`);
      continue;
    }
    if (!scriptOf(join(dir, page))) problems.push(`page ${page} has no script`);
    if (!existsSync(join(dir, `${page}.wxml`))) problems.push(`page ${page} has no .wxml`);
    owners.push(page);
  }
  const seen = new Set<string>();
  while (owners.length > 0) {
    const owner = owners.pop()!;
    if (seen.has(owner)) continue;
    seen.add(owner);
    const jsonPath = join(dir, `${owner}.json`);
    if (!existsSync(jsonPath)) continue;
    let config: unknown;
    try {
      config = readJson(jsonPath);
    } catch (error) {
      problems.push(`${owner}.json: ${(error as Error).message}`);
      continue;
    }
    const using = isRecord(config) && isRecord(config.usingComponents) ? config.usingComponents : {};
    for (const [tag, target] of Object.entries(using)) {
      if (typeof target !== 'string') {
        problems.push(`${owner}.json: usingComponents.${tag} is not a string`);
        continue;
      }
      const component = target.startsWith('/') ? target.slice(1) : posix.join(posix.dirname(owner), target);
      const missing = [scriptOf(join(dir, component)) ? '' : 'script', ...['.wxml', '.json'].filter((ext) => !existsSync(join(dir, component + ext)))].filter(Boolean);
      if (missing.length > 0) problems.push(`${owner}.json: component ${tag} (${component}) lacks ${missing.join(', ')}`);
      else owners.push(component);
    }
  }
  for (const flow of benchCase.flows) {
    const path = join(dir, flow.file);
    if (!existsSync(path) || !statSync(path).isFile()) {
      problems.push(`expected flow ${flowKey(flow)}: no such file`);
      continue;
    }
    const lines = readFileSync(path, 'utf8').split(/\r\n|\r|\n/);
    const text = lines[flow.line - 1];
    if (text === undefined || text.trim() === '') problems.push(`expected flow ${flowKey(flow)}: the line is ${text === undefined ? 'past the end of the file' : 'blank'}`);
  }
  return problems;
}

/** The benchmark's rules' findings as flows, suppressed ones left out, one per (rule, file, line). */
export function reportedFlows(findings: readonly Finding[]): Flow[] {
  const byKey = new Map<string, Flow>();
  for (const finding of findings) {
    if (!FLOW_RULES.has(finding.ruleId) || finding.suppressed) continue;
    const flow = { rule: finding.ruleId, file: finding.location.file, line: finding.location.region.start.line };
    byKey.set(flowKey(flow), flow);
  }
  return [...byKey.values()].sort(compareFlows);
}

/** Matches what a scan reported for one case against what the case expects. */
export function scoreCase(benchCase: BenchCase, reported: readonly Flow[]): CaseOutcome {
  const expected = new Set(benchCase.flows.map(flowKey));
  const found = new Set(reported.map(flowKey));
  return {
    benchCase,
    truePositives: benchCase.flows.filter((flow) => found.has(flowKey(flow))),
    falsePositives: reported.filter((flow) => !expected.has(flowKey(flow))),
    falseNegatives: benchCase.flows.filter((flow) => !found.has(flowKey(flow))),
  };
}

export function score(tp: number, fp: number, fn: number): Score {
  return { tp, fp, fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

type Tally = { tp: number; fp: number; fn: number };

function add(tallies: Map<string, Tally>, key: string, field: keyof Tally, n = 1): void {
  const tally = tallies.get(key) ?? { tp: 0, fp: 0, fn: 0 };
  tally[field] += n;
  tallies.set(key, tally);
}

function scores(tallies: Map<string, Tally>): Map<string, Score> {
  return new Map([...tallies].map(([key, { tp, fp, fn }]) => [key, score(tp, fp, fn)]));
}

/** Counts over all outcomes, per group (of the case) and per rule (of the flow). */
export function summarise(outcomes: readonly CaseOutcome[]): BenchSummary {
  const groups = new Map<string, Tally>();
  const rules = new Map<string, Tally>(FLOW_RULE_IDS.map((rule) => [rule, { tp: 0, fp: 0, fn: 0 }]));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const outcome of outcomes) {
    const { group } = outcome.benchCase;
    add(groups, group, 'tp', 0);
    for (const [field, flows] of [['tp', outcome.truePositives], ['fp', outcome.falsePositives], ['fn', outcome.falseNegatives]] as const) {
      add(groups, group, field, flows.length);
      for (const flow of flows) add(rules, flow.rule, field);
    }
    tp += outcome.truePositives.length;
    fp += outcome.falsePositives.length;
    fn += outcome.falseNegatives.length;
  }
  return {
    cases: outcomes.length,
    overall: score(tp, fp, fn),
    byGroup: new Map([...scores(groups)].sort(([a], [b]) => a.localeCompare(b))),
    byRule: scores(rules),
    outcomes: [...outcomes],
  };
}

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

/**
 * A plain-text table of the summary, then every missed flow and every false alarm by case. `title`
 * names the case collection (the holdout set, fixtures/dataflow-holdout, passes its own).
 */
export function formatSummary(summary: BenchSummary, title = 'Data-flow micro-benchmark'): string {
  const rows: string[][] = [['', 'TP', 'FP', 'FN', 'precision', 'recall']];
  const row = (label: string, s: Score) => rows.push([label, String(s.tp), String(s.fp), String(s.fn), percent(s.precision), percent(s.recall)]);
  for (const [group, s] of summary.byGroup) row(`group ${group}`, s);
  rows.push([]);
  for (const [rule, s] of summary.byRule) row(`rule ${rule}`, s);
  rows.push([]);
  row('overall', summary.overall);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((r) => (r[column] ?? '').length)));
  const lines = [`${title}: ${summary.cases} cases`, ''];
  for (const r of rows) {
    lines.push(r.length === 0 ? '' : r.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
  }
  const missed = summary.outcomes.flatMap((o) => o.falseNegatives.map((flow) => `  ${o.benchCase.id}: ${flowKey(flow)}`));
  const alarms = summary.outcomes.flatMap((o) => o.falsePositives.map((flow) => `  ${o.benchCase.id}: ${flowKey(flow)}`));
  if (missed.length > 0) lines.push('', `Missed (${missed.length}):`, ...missed);
  if (alarms.length > 0) lines.push('', `False alarms (${alarms.length}):`, ...alarms);
  return lines.join('\n');
}
