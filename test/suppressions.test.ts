import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanProject } from '../src/scan.js';
import { runMinivet } from './helpers/run-cli.js';
import { multitoolProblems } from './helpers/sarif-multitool.js';
import { MANIFEST_RULE_IDS, onlyRules, onlyRulesConfig } from './helpers/rule-sets.js';
import { tempProject } from './helpers/temp-project.js';

const FIXTURE = 'fixtures/suppressions';

describe('in-source suppressions', () => {
  it('suppresses by next-line and same-line directives, for the named rules only, never from a string', () => {
    const project = scanProject(FIXTURE, onlyRules());
    const state = project.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.region.start.line}${f.suppressed ? ' suppressed' : ''}`);
    expect(state).toEqual([
      'undeclared-private-info pages/index/index.js:4 suppressed',
      'undeclared-private-info pages/index/index.js:5 suppressed',
      'undeclared-private-info pages/index/index.js:7',
      'missing-permission-description pages/index/index.js:9',
      'undeclared-private-info pages/index/index.js:9',
    ]);
    expect(project.findings[0]!.suppressed).toEqual({ justification: 'declared in ext.json by the third-party platform' });
  });

  it('covers the rest of a file with minivet-disable, and template comments', () => {
    const root = tempProject({
      'app.json': '{"pages":[]}',
      'a.js': 'wx.getLocation({});\n/* minivet-disable missing-permission-description, undeclared-private-info -- test doubles */\nwx.getLocation({});\nwx.chooseLocation({});',
      'p.wxml': '<!-- minivet-disable-next-line -->\n<button open-type="getPhoneNumber" />',
    });
    const lines = scanProject(root, onlyRules()).findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId}:${f.location.region.start.line}`);
    expect(lines).toEqual(['missing-permission-description:1', 'undeclared-private-info:1']);
  });

  it('leaves suppressed findings out of counts and exit codes, and says how many there were', () => {
    const run = runMinivet(['scan', FIXTURE, '--no-color', '--config', onlyRulesConfig(), '--rule', 'missing-permission-description=off']);
    expect(run.stdout).toContain('✖ 2 problems (2 errors, 0 warnings, 0 notes) · 2 suppressed in source');
    const json = JSON.parse(runMinivet(['scan', FIXTURE, '--format', 'json', '--config', onlyRulesConfig()]).stdout);
    expect(json.summary.error).toBe(3);
    expect(json.projects[0].findings[0]).toMatchObject({ suppressed: true, justification: 'declared in ext.json by the third-party platform' });
    const onlySuppressed = tempProject({ 'app.json': '{"pages":[]}', 'a.js': 'wx.getLocation({}); // minivet-disable-line' });
    expect(runMinivet(['scan', onlySuppressed, '--config', onlyRulesConfig()]).code).toBe(0);
  });

  it('ignores every directive in the strict vendor profile', () => {
    const project = scanProject(FIXTURE, onlyRules(MANIFEST_RULE_IDS, { profile: 'strict' }));
    expect(project.findings.filter((f) => f.suppressed)).toEqual([]);
    expect(runMinivet(['scan', FIXTURE, '--strict', '--no-color', '--config', onlyRulesConfig()]).stdout).toContain('5 problems (5 errors');
  });

  it('writes SARIF suppressions that pass the SARIF and GitHub rules', async () => {
    const out = join(tempProject({}), 'suppressed.sarif');
    runMinivet(['scan', FIXTURE, '--format', 'sarif', '--output', out, '--config', onlyRulesConfig()]);
    const sarif = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8'));
    const suppressed = sarif.runs[0].results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
    expect(suppressed.map((r: { suppressions: unknown[] }) => r.suppressions)).toEqual([
      [{ kind: 'inSource', justification: 'declared in ext.json by the third-party platform' }],
      [{ kind: 'inSource' }],
    ]);
    expect(await multitoolProblems(out)).toEqual([]);
  });
});
