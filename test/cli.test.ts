import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { RULES } from '../src/rules/index.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMinivet } from './helpers/run-cli.js';
import { onlyRulesConfig } from './helpers/rule-sets.js';
import { tempProject } from './helpers/temp-project.js';

describe('minivet CLI', () => {
  it('prints its version and help', () => {
    const version = runMinivet(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    const help = runMinivet(['scan', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--fail-on <level>');
    expect(help.stdout).toContain('--format <format>');
  });

  it('lists every rule with its severity and description', () => {
    const run = runMinivet(['rules']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^undeclared-private-info\s+error\s+A location or address API is used/m);
    expect(run.stdout).toMatch(/^unused-private-info\s+warning\s+/m);
    expect(run.stdout.trim().split('\n')).toHaveLength(RULES.length);
  });

  it('scans the example, prints findings grouped by file, and exits 1 on errors', () => {
    const run = runMinivet(['scan', 'examples/weather-wechat', '--config', onlyRulesConfig()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('examples/weather-wechat/pages/stores/stores.js\n  6:5  error    wx.chooseLocation is used');
    expect(run.stdout).toMatch(/✖ 7 problems \(6 errors, 1 warning, 0 notes\)/);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('honours --fail-on and --rule', () => {
    expect(runMinivet(['scan', 'examples/weather-wechat', '--fail-on', 'none']).code).toBe(0);
    const only = onlyRulesConfig();
    expect(runMinivet(['scan', 'fixtures/conflicting', '--config', only, '--rule', 'conflicting-private-info=warning']).code).toBe(0);
    expect(runMinivet(['scan', 'fixtures/conflicting', '--config', only, '--rule', 'conflicting-private-info=warning', '--fail-on', 'warning']).code).toBe(1);
    const off = runMinivet(['scan', 'fixtures/conflicting', '--config', only, '--rule', 'conflicting-private-info=off']);
    expect(off.code).toBe(0);
    expect(off.stdout).toContain('0 problems');
  });

  it('reads a config file and lets flags override it', () => {
    const config = onlyRulesConfig(undefined, { rules: { 'unused-private-info': 'error' }, failOn: 'warning' });
    const run = runMinivet(['scan', 'examples/weather-wechat', '--config', config, '--rule', 'undeclared-private-info=off', '--rule', 'missing-permission-description=off']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/1:?\d* *error *"chooseAddress" is listed|error {4}"chooseAddress" is listed/);
    expect(run.stdout).toContain('1 problem (1 error');
  });

  it('writes JSON and SARIF reports to --output', () => {
    const dir = tempProject({});
    const jsonPath = join(dir, 'out.json');
    expect(runMinivet(['scan', 'fixtures/wechat-ts', '--format', 'json', '--output', jsonPath, '--config', onlyRulesConfig()]).code).toBe(1);
    const json = JSON.parse(readFileSync(jsonPath, 'utf8'));
    expect(json.formatVersion).toBe(1);
    expect(json.projects[0].findings[0]).toMatchObject({ ruleId: 'undeclared-private-info', file: 'miniprogram/services/location.ts', line: 12, column: 3 });
    const sarifPath = join(dir, 'out.sarif');
    const run = runMinivet(['scan', 'fixtures/wechat-ts', '--format', 'sarif', '-o', sarifPath, '--config', onlyRulesConfig()]);
    expect(run.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(2);
  });

  it('exits 2 with one line and no stack trace on bad input', () => {
    const cases: [string[], RegExp][] = [
      [['scan', 'no/such/path'], /^minivet: no\/such\/path: no such file or directory\n$/],
      [['scan', 'docs'], /^minivet: no app\.json found in .*docs/],
      [['scan', 'fixtures/alipay', '--rule', 'bogus=off'], /^minivet: unknown rule "bogus"/],
      [['scan', 'fixtures/alipay', '--rule', 'bogus'], /expected ID=off\|error\|warning\|note/],
      [['scan', 'fixtures/alipay', '--format', 'xml'], /Allowed choices are text, json, sarif/],
      [['scan', 'fixtures/alipay', '--config', 'no-such-config.json'], /^minivet: cannot read config no-such-config\.json: ENOENT\n$/],
      [['scna'], /unknown command 'scna'/],
    ];
    for (const [args, message] of cases) {
      const run = runMinivet(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('reports a malformed app.json as findings, not a crash', () => {
    const run = runMinivet(['scan', 'fixtures/bad-manifest']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('7:31  error    trailing commas are not allowed in JSON  invalid-manifest');
  });

  it('names a file with a syntax error and still reports the others', () => {
    const run = runMinivet(['scan', 'fixtures/syntax-error']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("fixtures/syntax-error/pages/broken/broken.js:4:3  error  syntax error: ',' expected; file not analysed");
    expect(run.stdout).toContain('fixtures/syntax-error/pages/ok/ok.js');
  });

  it('skips an oversized file with a notification', () => {
    const root = tempProject({ 'app.json': '{"pages":[]}', 'ok.js': 'wx.getLocation();' });
    writeFileSync(join(root, 'vendor.js'), `var a=${'1+'.repeat(3_000_000)}1;`);
    const run = runMinivet(['scan', root]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/vendor\.js {2}warning {2}file is 5\.7 MiB, over the 5\.0 MiB limit; not analysed/);
    expect(run.stdout).toContain('ok.js');
  });

  it('shows a short excerpt for a finding deep in a long minified line, with the exact column', () => {
    const root = tempProject({ 'app.json': '{"pages":[]}', 'vendor.min.js': `${'var a=1;'.repeat(100_000)}wx.getLocation({});${'var b=2;'.repeat(100_000)}` });
    const run = runMinivet(['scan', root, '--no-color', '--config', onlyRulesConfig(['undeclared-private-info'])]);
    const lines = run.stdout.split('\n');
    const at = lines.findIndex((line) => line.includes('1:800001  error'));
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^ +│ …;?(var a=1;)+wx\.getLocation\(\{\}\);(var b=2;)+…$/);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(400);
  });

  it('parses deeply nested minified code in the CLI (large worker stack)', () => {
    const depth = 50_000;
    const root = tempProject({ 'app.json': '{"pages":[]}', 'deep.js': `var x=${'['.repeat(depth)}wx.getLocation()${']'.repeat(depth)};` });
    const run = runMinivet(['scan', root, '--format', 'json']);
    const json = JSON.parse(run.stdout);
    // Parsed and analysed: no error or warning (a 50,000-deep array is a structure the data-flow graph bounds, with a note).
    expect(json.projects[0].notifications.filter((n: { level: string }) => n.level !== 'note')).toEqual([]);
    expect(json.projects[0].findings.map((f: { ruleId: string }) => f.ruleId)).toContain('undeclared-private-info');
  });

  it('does not write a report when the scan fails on input', () => {
    const dir = tempProject({});
    const out = join(dir, 'never.sarif');
    expect(runMinivet(['scan', 'no/such/path', '-o', out]).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
