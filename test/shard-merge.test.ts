import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runMinivet } from './helpers/run-cli.js';
import { tempProject } from './helpers/temp-project.js';

const BIN = fileURLToPath(new URL('../bin/minivet.js', import.meta.url));
const run = promisify(execFile);

/** A batch folder of five small apps, each with a finding or two of its own. */
function batchFolder(): string {
  const files: Record<string, string> = {};
  for (const [index, name] of ['alpha', 'beta', 'gamma', 'delta', 'epsilon'].entries()) {
    files[`batch/${name}/app.json`] = '{"pages":["pages/a/a"]}';
    files[`batch/${name}/pages/a/a.js`] = `Page({ onLoad() { wx.setStorageSync('token${index}', this.data.token); wx.request({ url: 'http://api${index}.example/x' }); } });\n`;
  }
  return tempProject(files);
}

interface Log {
  runs: { automationDetails: { id: string }; properties: { bundleIndex: number } }[];
}

describe('minivet scan --shard i/n and minivet merge', () => {
  it('splits a batch over shard processes run side by side, and the merged SARIF equals the unsharded scan byte for byte', async () => {
    const root = batchFolder();
    const scan = (extra: string[]) => run(process.execPath, [BIN, 'scan', '--batch', 'batch', '--format', 'sarif', '--fail-on', 'none', '--jobs', '1', ...extra], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    await scan(['--output', 'all.sarif']);
    await Promise.all([1, 2, 3].map((index) => scan(['--shard', `${index}/3`, '--output', `shard-${index}.sarif`])));

    const shards = [1, 2, 3].map((index) => JSON.parse(readFileSync(join(root, `shard-${index}.sarif`), 'utf8')) as Log);
    // Every n-th bundle from the i-th: each bundle in exactly one shard.
    expect(shards.map((log) => log.runs.map((r) => r.properties.bundleIndex))).toEqual([[0, 3], [1, 4], [2]]);

    // A shard named twice, or one left out, is refused rather than merged into a wrong report.
    const twice = runMinivet(['merge', 'shard-1.sarif', 'shard-1.sarif', 'shard-2.sarif', 'shard-3.sarif', '-o', 'merged.sarif'], { cwd: root });
    expect([twice.code, twice.stderr]).toEqual([2, expect.stringMatching(/bundle 1 of the batch is in both shard-1\.sarif and shard-1\.sarif/)]);
    const missing = runMinivet(['merge', 'shard-1.sarif', 'shard-3.sarif', '-o', 'merged.sarif'], { cwd: root });
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/2 of the batch's 5 bundles are in none of the files \(bundle 2, 5\): is a shard missing\?/)]);

    const merged = runMinivet(['merge', 'shard-3.sarif', 'shard-1.sarif', 'shard-2.sarif', '-o', 'merged.sarif'], { cwd: root });
    expect(merged.code).toBe(0);
    expect(readFileSync(join(root, 'merged.sarif'), 'utf8')).toBe(readFileSync(join(root, 'all.sarif'), 'utf8'));
    expect((JSON.parse(readFileSync(join(root, 'all.sarif'), 'utf8')) as Log).runs.map((r) => r.automationDetails.id)).toEqual([
      'minivet/batch/alpha/',
      'minivet/batch/beta/',
      'minivet/batch/delta/',
      'minivet/batch/epsilon/',
      'minivet/batch/gamma/',
    ]);
  }, 120_000);

  it("gives each rule's help in a batch as a summary and a link, not the whole page once per run", () => {
    const root = batchFolder();
    type Help = { runs: { tool: { driver: { rules: { id: string; helpUri: string; help: { markdown: string } }[] } } }[] };
    const rule = (log: Help) => log.runs[0]!.tool.driver.rules.find((r) => r.id === 'insecure-transport')!;
    const single = rule(JSON.parse(runMinivet(['scan', 'batch/alpha', '--format', 'sarif', '--fail-on', 'none'], { cwd: root }).stdout) as Help);
    const batch = rule(JSON.parse(runMinivet(['scan', '--batch', 'batch', '--format', 'sarif', '--fail-on', 'none'], { cwd: root }).stdout) as Help);
    expect(single.help.markdown).toContain('## ');
    expect(batch.help.markdown).toContain(`See [insecure-transport](${batch.helpUri})`);
    expect(batch.help.markdown.length).toBeLessThan(single.help.markdown.length / 4);
  });

  it('writes an empty log for a shard with nothing to do', () => {
    const root = batchFolder();
    const empty = runMinivet(['scan', '--batch', 'batch', '--shard', '7/9', '--format', 'sarif', '--fail-on', 'none'], { cwd: root });
    expect(empty.code).toBe(0);
    expect((JSON.parse(empty.stdout) as Log).runs).toEqual([]);
  });

  it('refuses a shard that is not i/n, and a SARIF file that is not minivet shards, with one line each', () => {
    const root = batchFolder();
    for (const shard of ['0/3', '4/3', '2', 'a/b']) {
      const bad = runMinivet(['scan', '--batch', 'batch', '--shard', shard], { cwd: root });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/expected i\/n with 1 <= i <= n/);
    }
    writeFileSync(join(root, 'other.sarif'), JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'eslint' } }, results: [] }] }));
    writeFileSync(join(root, 'broken.sarif'), '{"version": ');
    for (const [file, message] of [
      ['other.sarif', /holds a run of eslint/],
      ['broken.sarif', /is not valid JSON/],
      ['missing.sarif', /cannot read missing\.sarif: no such file/],
    ] as const) {
      const bad = runMinivet(['merge', file, '-o', 'out.sarif'], { cwd: root });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(message);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
