import { cpSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runMinivet } from './helpers/run-cli.js';
import { tempProject } from './helpers/temp-project.js';
import { onlyRulesConfig } from './helpers/rule-sets.js';
import { packWxapkg, serviceBundle } from './helpers/wxapkg.js';

/** A batch folder: two source trees, a package, a corrupt archive and a stray file that is not a bundle. */
function batchFolder(): string {
  const dir = tempProject({ 'notes.txt': 'not a bundle', 'broken.zip': 'not a zip at all' });
  cpSync(join(REPO, 'examples/weather-wechat'), join(dir, 'weather'), { recursive: true });
  cpSync(join(REPO, 'fixtures/wechat-ts'), join(dir, 'station'), { recursive: true });
  writeFileSync(
    join(dir, 'shop.wxapkg'),
    packWxapkg([
      { name: '/app-config.json', content: '{"pages":["pages/a"]}' },
      { name: '/app-service.js', content: serviceBundle({ 'pages/a.js': 'wx.getLocation({});' }) },
    ]),
  );
  return dir;
}

describe('batch mode', () => {
  it('scans every bundle, reports the broken one, and keeps going', () => {
    const dir = batchFolder();
    const run = runMinivet(['scan', '--batch', dir, '--jobs', '2', '--no-color', '--config', onlyRulesConfig()]);
    expect(run.code).toBe(1);
    const table = run.stdout.slice(run.stdout.indexOf('Bundle '));
    expect(table).toMatch(/broken\.zip +0 +0 +0 +0 {2}failed: .*the archive holds no app\.json/);
    expect(table).toMatch(/shop\.wxapkg +2 +0 +0 +2 {2}ok/);
    expect(table).toMatch(/weather +6 +1 +0 +17 {2}ok/);
    expect(table).toMatch(/Total \(4\) +10 +1 +0 +\d+ {2}1 failed/);
    expect(run.stdout).not.toContain('notes.txt');
  });

  it('gives the same SARIF with one job and with two, one run per bundle with distinct categories', () => {
    const dir = batchFolder();
    const one = runMinivet(['scan', '--batch', dir, '--jobs', '1', '--format', 'sarif']);
    const two = runMinivet(['scan', '--batch', dir, '--jobs', '2', '--format', 'sarif']);
    expect(two.stdout).toBe(one.stdout);
    const runs = JSON.parse(one.stdout).runs as { automationDetails: { id: string }; invocations: { executionSuccessful: boolean }[] }[];
    expect(runs.map((r) => r.automationDetails.id)).toEqual(['minivet/broken.zip/', 'minivet/shop.wxapkg/', 'minivet/station/', 'minivet/weather/']);
    expect(runs.map((r) => r.invocations[0]!.executionSuccessful)).toEqual([false, true, true, true]);
  });

  it('writes one report per bundle with --output-dir and prints the summary', () => {
    const dir = batchFolder();
    const out = join(tempProject({}), 'reports');
    const run = runMinivet(['scan', '--batch', dir, '--output-dir', out, '--format', 'json', '--config', onlyRulesConfig()]);
    expect(run.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['broken.zip.json', 'shop.wxapkg.json', 'station.json', 'weather.json']);
    const weather = JSON.parse(readFileSync(join(out, 'weather.json'), 'utf8'));
    expect(weather.projects).toHaveLength(1);
    expect(weather.summary).toEqual({ error: 6, warning: 1, note: 0 });
    expect(run.stdout).toMatch(/^Bundle +Errors +Warnings +Notes +Files +Status\n/);
  });

  it('stops a bundle that runs past its time limit and reports it, without losing the others', () => {
    const dir = batchFolder();
    const slow = join(dir, 'slow');
    mkdirSync(slow);
    writeFileSync(join(slow, 'app.json'), '{"pages":[]}');
    const depth = 120_000;
    // About a second of parsing each: far past the limit, while the other bundles take a fraction of it.
    for (let i = 0; i < 12; i++) writeFileSync(join(slow, `deep${i}.js`), `var x=${'['.repeat(depth)}0${']'.repeat(depth)};`);
    const run = runMinivet(['scan', '--batch', dir, '--bundle-timeout', '3', '--no-color', '--config', onlyRulesConfig()]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/slow +\d+ +\d+ +\d+ +\d+ {2}(failed: stopped after 3 s|partly analysed)/);
    expect(run.stdout).toMatch(/weather +6 +1 +0 +17 {2}ok/);
  });

  it('rejects bad batch options with one line', () => {
    expect(runMinivet(['scan', '--batch', 'no/such/dir']).stderr).toBe('minivet: --batch no/such/dir: no such folder\n');
    expect(runMinivet(['scan', '--batch', tempProject({ 'a.txt': 'x' })]).stderr).toMatch(/no bundles found/);
    const jobs = runMinivet(['scan', 'fixtures/alipay', '--jobs', '0']);
    expect(jobs.code).toBe(2);
    expect(jobs.stderr).toMatch(/--jobs must be a positive whole number/);
    expect(runMinivet(['scan', 'fixtures/alipay', 'no/such/path']).code).toBe(2);
  });
});
