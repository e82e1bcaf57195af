import { describe, expect, it } from 'vitest';
import { activeRules } from '../src/config.js';
import { createRule } from '../src/rules/rule.js';
import { assembleResult, scanProject } from '../src/scan.js';
import { exitCodeFor } from '../src/cli/exit-code.js';
import { formatJson } from '../src/reporters/json.js';
import { formatSarif, toSarif } from '../src/reporters/sarif.js';
import { formatText } from '../src/reporters/text.js';
import { sourceLookup } from '../src/cli/sources.js';

/**
 * A rule that fails must not take the scan down: its failure becomes an internal-error notification
 * naming the rule and the file, every other rule's findings stand, and the run is marked incomplete.
 * The failing rule here is a real rule object run by the real scan over a real fixture.
 */
const broken = createRule({
  meta: { id: 'broken-rule', description: 'fails on purpose', rationale: 'test', severity: 'warning', tags: ['security'], cwe: [], precision: 'high', securitySeverity: 1 },
  createScriptListeners(context) {
    if (context.file.path.endsWith('app.js')) throw new Error('cannot start on app.js');
    return {
      CallExpression() {
        throw new TypeError('MUTATORS[object.name]?.has is not a function');
      },
    };
  },
  checkTemplate() {
    throw new Error('template check failed');
  },
  checkProject() {
    throw new RangeError('project check failed');
  },
});

const fixture = 'fixtures/wechat-js';
const rules = activeRules({});
const healthy = scanProject(fixture, {}, rules);
const project = scanProject(fixture, {}, [...rules, { rule: broken, severity: 'warning' }]);
const result = assembleResult([project], rules);
const internal = project.notifications.filter((n) => n.kind === 'internal-error');

describe('a rule that throws', () => {
  it('leaves every other finding in place', () => {
    const key = (f: { ruleId: string; location: { file: string; region: { startOffset: number } } }) => `${f.ruleId} ${f.location.file} ${f.location.region.startOffset}`;
    expect(healthy.findings.length).toBeGreaterThan(5);
    expect(project.findings.map(key)).toEqual(healthy.findings.map(key));
  });

  it('becomes error-level internal-error notifications naming the rule and the file', () => {
    expect(internal.length).toBeGreaterThan(2);
    for (const n of internal) {
      expect(n.level).toBe('error');
      expect(n.ruleId).toBe('broken-rule');
      expect(n.message).toMatch(/^internal error in rule broken-rule: /);
    }
    const files = internal.map((n) => n.file);
    expect(files).toContain('app.js');
    expect(files).toContain('app.json');
    expect(internal.some((n) => n.file.endsWith('.wxml'))).toBe(true);
    expect(internal.find((n) => n.file === 'app.js')!.message).toContain('cannot start on app.js');
  });

  it('reports one notification per rule and file, not one per node', () => {
    const keys = internal.map((n) => `${n.file}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('marks the run incomplete: exit code 3 whatever --fail-on says, SARIF executionSuccessful false', () => {
    expect(exitCodeFor(result, 'none')).toBe(3);
    expect(exitCodeFor(assembleResult([healthy], rules), 'none')).toBe(0);
    const log = toSarif(result, sourceLookup(result), { srcRoot: process.cwd() });
    const invocation = log.runs[0]!.invocations![0]!;
    expect(invocation.executionSuccessful).toBe(false);
    const notes = invocation.toolExecutionNotifications!.filter((n) => n.descriptor?.id === 'internal-error');
    expect(notes.length).toBe(internal.length);
    expect(notes.every((n) => n.level === 'error' && n.associatedRule?.id === 'broken-rule')).toBe(true);
  });

  it('shows an internal error line in text and JSON, and never the stack', () => {
    const text = formatText(result, { color: false, quiet: false, sources: sourceLookup(result) });
    expect(text).toContain('internal error in rule broken-rule');
    expect(text).toContain('run incomplete');
    const json = JSON.parse(formatJson(result)) as { projects: { incomplete: boolean; notifications: { kind: string; ruleId?: string }[] }[] };
    expect(json.projects[0]!.incomplete).toBe(true);
    expect(json.projects[0]!.notifications.filter((n) => n.kind === 'internal-error' && n.ruleId === 'broken-rule').length).toBe(internal.length);
    const sarif = formatSarif(toSarif(result, sourceLookup(result), { srcRoot: process.cwd() }));
    for (const output of [text, JSON.stringify(json), sarif]) expect(output).not.toMatch(/\bat .*\.ts:\d+/);
    expect(internal[0]!.stack).toMatch(/fault-isolation\.test\.ts/);
  });
});
