import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMinivet } from './helpers/run-cli.js';
import { multitoolProblems } from './helpers/sarif-multitool.js';
import { tempProject } from './helpers/temp-project.js';

const SDKS = 'fixtures/tracking-sdks';

function writeJson(value: unknown): string {
  const path = join(tempProject({}), 'file.json');
  writeFileSync(path, JSON.stringify(value));
  return path;
}

describe('vendor policy and privacy summary through the CLI', () => {
  it('raises trackers outside --policy to errors and fails the run', () => {
    const allowAll = runMinivet(['scan', SDKS, '--format', 'json']);
    expect(allowAll.code).toBe(0);
    const policy = writeJson({ allowedTrackers: ['wechat-analytics', 'umeng'] });
    const run = runMinivet(['scan', SDKS, '--format', 'json', '--policy', policy]);
    expect(run.code).toBe(1);
    const findings = JSON.parse(run.stdout).projects[0].findings as { ruleId: string; severity: string; properties: Record<string, unknown> }[];
    const calls = findings.filter((f) => f.ruleId === 'tracking-call');
    expect(calls.some((f) => f.properties.sdk === 'umeng' && f.severity === 'note')).toBe(true);
    expect(calls.some((f) => f.properties.sdk === 'growingio' && f.severity === 'error' && f.properties.policy === 'disallowed')).toBe(true);
  });

  it('rejects a bad policy with one line naming the file', () => {
    const unknown = runMinivet(['scan', SDKS, '--policy', writeJson({ allowedTrackers: ['no-such-sdk'] })]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^minivet: .*file\.json: "allowedTrackers" lists unknown tracker "no-such-sdk"/);
    const broken = join(tempProject({ 'p.json': '{ nope' }), 'p.json');
    expect(runMinivet(['scan', SDKS, '--policy', broken]).stderr).toMatch(/^minivet: policy .*p\.json is not valid JSON/);
  });

  it('accepts trackers defined in the config and lets the policy name them', () => {
    const root = tempProject({
      'app.json': '{"pages":["pages/a"]}',
      'pages/a.js': "const stat = require('@acme/stat-mp');\nstat.track('checkout', { total: 3 });",
    });
    const config = writeJson({ trackers: [{ id: 'acme-stat', name: 'Acme Stat', modules: ['@acme/stat-mp'], eventMethods: ['track'] }] });
    const policy = join(tempProject({ 'policy.json': JSON.stringify({ allowedTrackers: ['acme-stat'] }) }), 'policy.json');
    const run = runMinivet(['scan', root, '--format', 'json', '--config', config, '--policy', policy]);
    const project = JSON.parse(run.stdout).projects[0];
    expect(project.privacy.trackers.map((t: { sdk: string }) => t.sdk)).toEqual(['acme-stat']);
    expect(project.findings.find((f: { ruleId: string }) => f.ruleId === 'tracking-call')).toMatchObject({ severity: 'note', properties: { sdk: 'acme-stat', event: 'checkout' } });
  });

  it('reports the privacy summary in text, JSON and SARIF run properties, and the SARIF stays valid', async () => {
    const text = runMinivet(['scan', 'examples/weather-wechat', '--no-color']).stdout;
    expect(text).toContain('Privacy summary of examples/weather-wechat:\n  Trackers: none found\n  Personal data collected: camera via <camera>; location via');
    expect(text).toContain('  Privacy consent flow: missing');
    const json = JSON.parse(runMinivet(['scan', 'examples/weather-wechat', '--format', 'json']).stdout);
    expect(json.projects[0].privacy.dataTypes.map((d: { type: string }) => d.type)).toEqual(['camera', 'location']);
    const out = join(tempProject({}), 'sdks.sarif');
    runMinivet(['scan', SDKS, '--format', 'sarif', '--output', out]);
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    expect(sarif.runs[0].properties.privacy.trackers.length).toBeGreaterThan(10);
    expect(await multitoolProblems(out)).toEqual([]);
  });
});
