import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMinivet } from './helpers/run-cli.js';
import { multitoolProblems } from './helpers/sarif-multitool.js';
import { tempProject } from './helpers/temp-project.js';

/** A page that stores a token and holds a secret, and, after an edit, one that also stores the phone number. */
const PAGE = [
  "const APP_SECRET = 'f3a9c1e07b5d48e2a6c4b8d0e1f2a3b4';",
  'Page({',
  '  onLogin(res) {',
  "    wx.setStorageSync('token', res.data.token);",
  "    wx.request({ url: 'https://api.shop.example/login', data: { secret: APP_SECRET } });",
  '  },',
  '});',
].join('\n');

const EDITED = [
  '// Code moved down by this comment and a new handler: the old findings keep their fingerprints.',
  '',
  PAGE.replace('  onLogin(res) {', "  onPhone(e) {\n    wx.setStorageSync('phone', e.detail.phoneNumber);\n  },\n  onLogin(res) {"),
].join('\n');

function project(): string {
  return tempProject({ 'app.json': '{"pages":["pages/a/a"]}', 'app.js': 'App({});', 'pages/a/a.js': PAGE });
}

interface SarifResult {
  ruleId: string;
  baselineState?: string;
  suppressions?: { kind: string }[];
  locations: { physicalLocation: { region: { startLine: number } } }[];
}

function sarifResults(stdout: string): SarifResult[] {
  return (JSON.parse(stdout) as { runs: { results: SarifResult[] }[] }).runs[0]!.results;
}

describe('baselines (minivet baseline create, scan --baseline)', () => {
  it('records every finding, then shows only what a change introduced, after code moved', () => {
    const root = project();
    const created = runMinivet(['baseline', 'create', '-o', 'minivet-baseline.json', '.'], { cwd: root });
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/baseline of \d+ findings in 1 project written to minivet-baseline\.json/);
    const baseline = JSON.parse(readFileSync(join(root, 'minivet-baseline.json'), 'utf8')) as { projects: Record<string, { ruleId: string }[]> };
    expect(baseline.projects['.']!.map((entry) => entry.ruleId)).toEqual(expect.arrayContaining(['hardcoded-secret', 'sensitive-data-to-storage']));

    writeFileSync(join(root, 'pages/a/a.js'), EDITED);
    const sarif = sarifResults(runMinivet(['scan', '.', '--format', 'sarif', '--baseline', 'minivet-baseline.json', '--fail-on', 'none'], { cwd: root }).stdout);
    const state = (ruleId: string, line: number) => sarif.find((r) => r.ruleId === ruleId && r.locations[0]!.physicalLocation.region.startLine === line);
    // The token write moved from line 4 to line 9 and is still known; the phone write is new.
    expect(state('sensitive-data-to-storage', 9)).toMatchObject({ baselineState: 'unchanged', suppressions: [{ kind: 'external' }] });
    expect(state('sensitive-data-to-storage', 6)).toMatchObject({ baselineState: 'new' });
    expect(state('sensitive-data-to-storage', 6)?.suppressions).toBeUndefined();
    // A hard-coded secret is never hidden by a baseline: known, but not suppressed.
    expect(state('hardcoded-secret', 3)).toMatchObject({ baselineState: 'unchanged' });
    expect(state('hardcoded-secret', 3)?.suppressions).toBeUndefined();
  });

  it('counts only new findings in the text output and the exit code, and says how many it left out', () => {
    const root = project();
    runMinivet(['baseline', 'create', '-o', 'base.json', '.', '--rule', 'hardcoded-secret=off'], { cwd: root });
    const unchanged = runMinivet(['scan', '.', '--baseline', 'base.json', '--rule', 'hardcoded-secret=off', '--fail-on', 'warning'], { cwd: root });
    expect(unchanged.code).toBe(0);
    expect(unchanged.stdout).toMatch(/✔ 0 problems .* · \d+ already in the baseline, not shown/);

    writeFileSync(join(root, 'pages/a/a.js'), EDITED);
    const changed = runMinivet(['scan', '.', '--baseline', 'base.json', '--rule', 'hardcoded-secret=off', '--fail-on', 'warning'], { cwd: root });
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain("wx.setStorageSync('phone'");
    expect(changed.stdout).not.toContain("wx.setStorageSync('token'");
  });

  it("writes SARIF with baseline states that passes the SARIF Multitool's GitHub and SARIF rules", async () => {
    const root = project();
    runMinivet(['baseline', 'create', '-o', 'base.json', '.'], { cwd: root });
    writeFileSync(join(root, 'pages/a/a.js'), EDITED);
    runMinivet(['scan', '.', '--format', 'sarif', '--baseline', 'base.json', '--output', 'out.sarif', '--fail-on', 'none'], { cwd: root });
    expect(new Set(sarifResults(readFileSync(join(root, 'out.sarif'), 'utf8')).map((r) => r.baselineState))).toEqual(new Set(['new', 'unchanged']));
    expect(await multitoolProblems(join(root, 'out.sarif'))).toEqual([]);
  }, 120_000);

  it('marks findings in JSON output too', () => {
    const root = project();
    runMinivet(['baseline', 'create', '-o', 'base.json', '.'], { cwd: root });
    const json = JSON.parse(runMinivet(['scan', '.', '--format', 'json', '--baseline', 'base.json', '--fail-on', 'none'], { cwd: root }).stdout) as { projects: { findings: { baselineState?: string }[] }[] };
    const states = json.projects[0]!.findings.map((finding) => finding.baselineState);
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['unchanged']));
  });

  it('refuses a file that is not a baseline, before scanning, with a one-line message', () => {
    const root = project();
    writeFileSync(join(root, 'not-a-baseline.json'), '{"runs": []}');
    for (const [file, message] of [
      ['not-a-baseline.json', /not-a-baseline\.json is not a minivet baseline/],
      ['missing.json', /cannot read baseline missing\.json: ENOENT/],
    ] as const) {
      const run = runMinivet(['scan', '.', '--baseline', file], { cwd: root });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stdout).toBe('');
    }
  });

  it('keys projects by their folder from where minivet runs, whatever the name, and says when the baseline does not know one', () => {
    const root = tempProject({ 'constructor/app.json': '{"pages":["pages/a/a"]}', 'constructor/pages/a/a.js': PAGE, '__proto__/app.json': '{"pages":["pages/a/a"]}', '__proto__/pages/a/a.js': PAGE });
    expect(runMinivet(['baseline', 'create', '-o', 'base.json', 'constructor', '__proto__'], { cwd: root }).code).toBe(0);
    expect(Object.keys((JSON.parse(readFileSync(join(root, 'base.json'), 'utf8')) as { projects: object }).projects)).toEqual(['__proto__', 'constructor']);
    const known = runMinivet(['scan', 'constructor', '--baseline', 'base.json', '--rule', 'hardcoded-secret=off', '--fail-on', 'warning'], { cwd: root });
    expect([known.code, known.stderr]).toEqual([0, '']);
    const elsewhere = runMinivet(['scan', '.', '--baseline', '../base.json', '--rule', 'hardcoded-secret=off', '--fail-on', 'warning'], { cwd: join(root, 'constructor') });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain('the baseline ../base.json has no entry for ., so all its findings count as new');
  });

  it('needs -o to create one', () => {
    const run = runMinivet(['baseline', 'create', '.'], { cwd: project() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '-o, --output <file>' not specified");
  });
});
