import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { fitGitHubLimits } from '../src/reporters/github-limits.js';
import { runMinivet } from './helpers/run-cli.js';
import { multitoolProblems } from './helpers/sarif-multitool.js';
import { tempProject } from './helpers/temp-project.js';

function result(index: number, level: Sarif.Result.level): Sarif.Result {
  return { ruleId: 'r', level, message: { text: `finding ${index}` }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a.js' }, region: { startLine: index + 1 } } }] };
}

function run(results: Sarif.Result[]): Sarif.Run {
  return { tool: { driver: { name: 'minivet' } }, results, invocations: [{ executionSuccessful: true }] };
}

describe("GitHub's upload limits (--github)", () => {
  it('keeps the 25,000 most severe results of a run, each group in report order, and says how many it left out', () => {
    const results = Array.from({ length: 25_010 }, (_, index) => result(index, index % 1000 === 0 ? 'error' : 'note'));
    const [fitted] = fitGitHubLimits({ version: '2.1.0', runs: [run(results)] });
    const kept = fitted!.runs[0]!.results!;
    expect(kept).toHaveLength(25_000);
    expect(kept.filter((r) => r.level === 'error')).toHaveLength(26);
    expect(kept.map((r) => Number(r.message.text!.split(' ')[1]))).toEqual([...kept.map((r) => Number(r.message.text!.split(' ')[1]))].sort((a, b) => a - b));
    expect(fitted!.runs[0]!.invocations![0]!.toolExecutionNotifications).toEqual([{ level: 'warning', message: { text: '10 results left out: GitHub accepts at most 25000 per run; the most severe were kept' } }]);
  });

  it('cuts related locations to 1,000 per result and long paths to their first and last 5,000 steps', () => {
    const big = result(0, 'warning');
    big.relatedLocations = Array.from({ length: 1_200 }, (_, id) => ({ id, message: { text: `r${id}` } }));
    big.codeFlows = [{ threadFlows: [{ locations: Array.from({ length: 12_000 }, (_, step) => ({ location: { message: { text: `s${step}` } } })) }] }];
    const fitted = fitGitHubLimits({ version: '2.1.0', runs: [run([big])] })[0]!.runs[0]!;
    const cut = fitted.results![0]!;
    expect(cut.relatedLocations).toHaveLength(999);
    const steps = cut.codeFlows![0]!.threadFlows[0]!.locations;
    expect(steps).toHaveLength(10_000);
    expect([steps[0]!.location!.message!.text, steps.at(-1)!.location!.message!.text]).toEqual(['s0', 's11999']);
    expect(fitted.invocations![0]!.toolExecutionNotifications).toHaveLength(2);
  });

  it('leaves a log within the limits as it is', () => {
    const log: Sarif.Log = { version: '2.1.0', runs: [run([result(0, 'error')])] };
    expect(fitGitHubLimits(log)).toEqual([log]);
  });

  it('writes a batch of more than 20 bundles as files of 20 runs each, which the Multitool accepts', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 21; index++) {
      const name = `app-${String(index).padStart(2, '0')}`;
      files[`batch/${name}/app.json`] = '{"pages":["pages/a/a"]}';
      files[`batch/${name}/pages/a/a.js`] = "Page({ onLoad() { wx.setStorageSync('token', this.data.token); } });\n";
    }
    const root = tempProject(files);
    const scan = runMinivet(['scan', '--batch', 'batch', '--format', 'sarif', '--github', '--output', 'report.sarif', '--fail-on', 'none'], { cwd: root });
    expect(scan.code).toBe(0);
    expect(scan.stderr).toContain('21 runs are more than GitHub accepts in one file (20); written as report.sarif, report.part2.sarif');
    const runs = (name: string) => (JSON.parse(readFileSync(join(root, name), 'utf8')) as Sarif.Log).runs;
    expect(runs('report.sarif')).toHaveLength(20);
    expect(runs('report.part2.sarif').map((r) => r.automationDetails!.id)).toEqual(['minivet/batch/app-20/']);
    expect(await multitoolProblems(join(root, 'report.part2.sarif'))).toEqual([]);

    const stdout = runMinivet(['scan', '--batch', 'batch', '--format', 'sarif', '--github'], { cwd: root });
    expect(stdout.code).toBe(2);
    expect(stdout.stderr).toMatch(/name a file with --output/);
  }, 120_000);
});
