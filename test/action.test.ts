import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO } from './helpers/run-cli.js';
import { multitoolProblems } from './helpers/sarif-multitool.js';
import { tempProject } from './helpers/temp-project.js';

const SCRIPT = fileURLToPath(new URL('../action/scan.mjs', import.meta.url));

/** A repository holding two mini-apps and the tooling around them, as the Action meets it. */
function repository(): string {
  return tempProject({
    'package.json': '{"private": true}',
    'README.md': '# two apps\n',
    'shop/app.json': '{"pages":["pages/a/a"]}',
    'shop/pages/a/a.js': "Page({ onLoad() { wx.setStorageSync('token', this.data.token); } });\n",
    'admin/project.config.json': '{"miniprogramRoot":"miniprogram/"}',
    'admin/miniprogram/app.json': '{"pages":["pages/b/b"]}',
    'admin/miniprogram/pages/b/b.js': "Page({ onLoad() { wx.request({ url: 'http://api.admin.example/list' }); } });\n",
  });
}

interface ActionRun {
  code: number | null;
  outputs: Record<string, string>;
  log: string;
}

/** Runs the Action's scan step as action.yml does: inputs in MINIVET_* variables, outputs to GITHUB_OUTPUT. */
function runAction(root: string, inputs: Record<string, string>): ActionRun {
  const outputFile = join(root, 'github-output');
  writeFileSync(outputFile, '');
  const env: Record<string, string> = { ...(process.env as Record<string, string>), NO_COLOR: '1', GITHUB_OUTPUT: outputFile, MINIVET_SARIF: join(root, 'sarif', 'minivet.sarif') };
  for (const [name, value] of Object.entries(inputs)) env[`MINIVET_${name.toUpperCase().replace(/-/g, '_')}`] = value;
  const run = spawnSync(process.execPath, [SCRIPT], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
  return { code: run.status, outputs, log: run.stdout + run.stderr };
}

describe('the GitHub Action', () => {
  it("declares every input its scan step reads, and hands the scan's outputs to the upload and verdict steps", () => {
    const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
      runs: { using: string; steps: { id?: string; uses?: string; env?: Record<string, string>; with?: Record<string, string> }[] };
    };
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['baseline', 'config', 'fail-on', 'paths', 'policy', 'strict', 'upload']);
    const scan = action.runs.steps.find((step) => step.id === 'scan')!;
    for (const input of ['paths', 'fail-on', 'strict', 'policy', 'baseline', 'config']) {
      expect(scan.env![`MINIVET_${input.toUpperCase().replace(/-/g, '_')}`]).toBe(`\${{ inputs.${input} }}`);
    }
    const upload = action.runs.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    expect(upload.with!['sarif_file']).toBe('${{ steps.scan.outputs.sarif }}');
  });

  it('scans both mini-apps of the repository, one SARIF run and category each, and the SARIF passes the Multitool', async () => {
    const root = repository();
    const run = runAction(root, { paths: '.', 'fail-on': 'none', strict: 'false' });
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({ 'exit-code': '0', sarif: join(root, 'sarif') });
    const log = JSON.parse(readFileSync(join(root, 'sarif', 'minivet.sarif'), 'utf8')) as { runs: { automationDetails: { id: string }; results: { ruleId: string }[] }[] };
    expect(log.runs.map((r) => r.automationDetails.id)).toEqual(['minivet/admin/', 'minivet/shop/']);
    expect(log.runs.map((r) => r.results.map((result) => result.ruleId))).toEqual([['insecure-transport'], ['sensitive-data-to-storage']]);
    expect(await multitoolProblems(join(root, 'sarif', 'minivet.sarif'))).toEqual([]);
  }, 120_000);

  it('reports a failing verdict through its output, after writing the report to upload', () => {
    const root = repository();
    const strict = runAction(root, { paths: 'shop admin', 'fail-on': 'error', strict: 'true' });
    expect(strict.code).toBe(0);
    expect(strict.outputs['exit-code']).toBe('1');
    expect(strict.outputs['sarif']).toBe(join(root, 'sarif'));
    expect(strict.log).toContain('minivet scan shop admin --format sarif --github');
  });

  it('fails only on findings that are not in the baseline', () => {
    const root = repository();
    spawnSync(process.execPath, [join(REPO, 'bin/minivet.js'), 'baseline', 'create', '-o', 'minivet-baseline.json', '.'], { cwd: root });
    const run = runAction(root, { paths: '.', 'fail-on': 'warning', baseline: 'minivet-baseline.json' });
    expect(run.outputs['exit-code']).toBe('0');
  });

  it('uploads nothing after a usage error, and passes its exit code on', () => {
    const run = runAction(repository(), { paths: 'no-such-folder', 'fail-on': 'error' });
    expect(run.outputs).toEqual({ 'exit-code': '2' });
    expect(run.log).toContain('no-such-folder: no such file or directory');
  });
});
