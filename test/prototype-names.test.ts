/**
 * A mini-app named after Object.prototype (fixtures/prototype-names): `constructor`, `__proto__`,
 * `prototype`, `toString`, `hasOwnProperty`, `valueOf` and `then` as page paths, component and
 * template names, handlers, storage keys, identifiers, property names, require specifiers and
 * app.json keys. A table indexed by such a name must miss, not find Object.prototype's member:
 * neither `minivet scan` nor the ESLint plugin may crash on it, and the real finding is still found.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO, runMinivet } from './helpers/run-cli.js';
import { tempProject } from './helpers/temp-project.js';
import { recommendedConfig } from './eslint/helpers.js';

const FIXTURE = 'fixtures/prototype-names';
const ROOT = join(REPO, FIXTURE);
/** The finding the fixture is built to have: wx.getLocation is not in requiredPrivateInfos. */
const PAGE = 'pages/constructor/index.js';
const LINE = readFileSync(join(ROOT, PAGE), 'utf8').split('\n').findIndex((line) => line.includes('wx.getLocation(')) + 1;

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  message: string;
}

describe('names of Object.prototype in the scanned app', () => {
  it('the fixture has the call the finding is about', () => {
    expect(LINE).toBeGreaterThan(0);
  });

  it('scans with text output: findings, no internal error', () => {
    const run = runMinivet(['scan', FIXTURE, '--no-color']);
    expect(run.stderr).not.toMatch(/internal error/i);
    expect(run.stdout).not.toMatch(/internal error/i);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${PAGE}\n`);
    expect(run.stdout).toMatch(new RegExp(`^ +${LINE}:\\d+ +error +wx\\.getLocation is used.*"getLocation" is not listed`, 'm'));
  });

  it('scans with JSON output: findings, no internal error', () => {
    const run = runMinivet(['scan', FIXTURE, '--format', 'json']);
    expect(run.stderr).not.toMatch(/internal error/i);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/internal error/i);
    const json = JSON.parse(run.stdout) as { projects: { failure?: unknown; findings: JsonFinding[]; notifications: { message: string }[] }[] };
    expect(json.projects).toHaveLength(1);
    const [project] = json.projects;
    expect(project!.failure).toBeUndefined();
    expect(project!.notifications.map((n) => n.message).join('\n')).not.toMatch(/internal error|could not (?:parse|read)/i);
    expect(project!.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'undeclared-private-info', file: PAGE, line: LINE, message: expect.stringContaining('"getLocation"') }),
    );
  });

  it('scans with SARIF output: findings, no internal error', () => {
    const run = runMinivet(['scan', FIXTURE, '--format', 'sarif']);
    expect(run.stderr).not.toMatch(/internal error/i);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/internal error/i);
    const sarif = JSON.parse(run.stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    const results = sarif.runs.flatMap((run) => run.results);
    expect(
      results.some(
        (result) =>
          result.ruleId === 'undeclared-private-info' &&
          result.locations.some((l) => l.physicalLocation.artifactLocation.uri.endsWith(PAGE) && l.physicalLocation.region.startLine === LINE),
      ),
    ).toBe(true);
  });

  it('lints through ESLint with the minivet plugin: no crash, no fatal message, the same finding', async () => {
    const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: recommendedConfig(), cache: false });
    const results = await eslint.lintFiles(['.']);
    const linted = results.map((result) => relative(ROOT, result.filePath).split('\\').join('/')).sort();
    expect(linted).toEqual(expect.arrayContaining(['app.js', 'app.json', PAGE, 'pages/constructor/index.wxml', 'utils/constructor.js', 'utils/__proto__.js']));
    const problems: string[] = [];
    const findings: string[] = [];
    for (const result of results) {
      const file = relative(ROOT, result.filePath).split('\\').join('/');
      for (const message of result.messages) {
        if (message.fatal || message.ruleId === null || message.messageId === 'crashed' || /internal error|crashed/i.test(message.message)) {
          problems.push(`${file}:${message.line}:${message.column} ${message.ruleId ?? 'fatal'} ${message.message}`);
        }
        findings.push(`${message.ruleId} ${file}:${message.line}`);
      }
    }
    expect(problems).toEqual([]);
    expect(findings).toContain(`minivet/undeclared-private-info ${PAGE}:${LINE}`);
  });
});

describe('the lookups issue 12 reproduced, each on its own', () => {
  const scan = (files: Record<string, string>) => {
    const root = tempProject({ 'app.json': JSON.stringify({ pages: ['pages/index/index'] }), ...files });
    const run = runMinivet(['scan', root, '--strict', '--format', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as { projects: { findings: JsonFinding[] & { level?: string }[]; notifications: { message: string }[] }[] };
  };

  it("require('constructor') is a module, not Object's constructor", () => {
    const report = scan({ 'pages/index/index.js': "require('constructor').chooseLocation({});\n" });
    expect(JSON.stringify(report)).not.toContain('native code');
  });

  it('a tracker method named toString is no tracking call', () => {
    const report = scan({ 'pages/index/index.js': 'wx.getLocation({ success(loc) { wx.uma.toString(loc); } });\n' });
    expect(report.projects[0]!.findings.filter((finding) => finding.ruleId === 'sensitive-data-leak')).toEqual([]);
  });

  it('open-type="constructor" names no source', () => {
    const report = scan({
      'pages/index/index.wxml': '<button open-type="constructor" bindtap="go">go</button>',
      'pages/index/index.js': "Page({ go(e) { wx.setStorageSync('k', e.detail); } });\n",
    });
    expect(JSON.stringify(report)).not.toMatch(/undefined/);
  });
});
