import { afterAll, describe, expect, it } from 'vitest';
import { RULES, scanProject } from '../../src/index.js';
import {
  FLOW_RULE_IDS,
  fixtureProblems,
  formatSummary,
  loadBenchCases,
  reportedFlows,
  scoreCase,
  summarise,
  unpairedCases,
  type BenchCase,
  type BenchSummary,
  type CaseOutcome,
} from './dataflow-bench.js';
import { onlyRules } from './rule-sets.js';

/**
 * The tests every set of data-flow cases gets (the benchmark, the holdout): each fixture is a
 * valid mini-app, each case is scanned once with only the flow rules on, and the precision and
 * recall table is printed at the end. `judge` decides what the set's figures must be.
 */
export function describeCaseSet(title: string, root: string, judge: { name: string; check(summary: BenchSummary, table: string, cases: readonly BenchCase[]): void }): void {
  const cases = loadBenchCases(root);
  const outcomes = new Map<string, CaseOutcome>();

  const outcomeOf = (benchCase: BenchCase): CaseOutcome => {
    let outcome = outcomes.get(benchCase.id);
    if (!outcome) {
      const project = scanProject(benchCase.dir, onlyRules(FLOW_RULE_IDS));
      expect(project.notifications, `${benchCase.id} is analysed in full`).toEqual([]);
      outcome = scoreCase(benchCase, reportedFlows(project.findings));
      outcomes.set(benchCase.id, outcome);
    }
    return outcome;
  };

  describe(`${title}: the fixtures`, () => {
    it('has cases, each -true case paired with a -false look-alike', () => {
      expect(cases.length).toBeGreaterThan(0);
      expect(unpairedCases(cases)).toEqual([]);
    });

    it.each(cases.map((c) => [c.id, c] as const))('%s is a complete mini-app that parses, and its expected sinks exist', (_id, benchCase) => {
      expect(fixtureProblems(benchCase)).toEqual([]);
      expect(scanProject(benchCase.dir, onlyRules([])).notifications).toEqual([]);
    });
  });

  describe(`${title}: precision and recall`, () => {
    afterAll(() => {
      if (outcomes.size > 0) console.log(formatSummary(summarise([...outcomes.values()]), title));
    });

    it('has the flow rules registered', () => {
      expect(RULES.map((rule) => rule.meta.id)).toEqual(expect.arrayContaining([...FLOW_RULE_IDS]));
    });

    it.each(cases.map((c) => [c.id, c] as const))('scans %s', (_id, benchCase) => {
      outcomeOf(benchCase);
    });

    it(judge.name, () => {
      const summary = summarise(cases.map(outcomeOf));
      judge.check(summary, formatSummary(summary, title), cases);
    });
  });
}
