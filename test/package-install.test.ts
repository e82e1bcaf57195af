import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from './helpers/run-cli.js';

/**
 * minivet installed as a user installs it: the tracked files of this checkout are packed as on a
 * fresh clone (npm runs the `prepare` build, so the tarball must carry dist/), the tarball is
 * installed into an empty project with ESLint beside it, and both the CLI and the ESLint plugin run
 * from there. Nothing of this checkout's own dist/ is used.
 */
const work = mkdtempSync(join(tmpdir(), 'minivet-pack-'));
const clone = join(work, 'clone');
const consumer = join(work, 'consumer');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' }, timeout: 240_000, maxBuffer: 64 * 1024 * 1024 });
}

beforeAll(() => {
  // A fresh clone: only what git tracks, without dist/; the dependencies come from this checkout.
  const tracked = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], REPO).split('\0').filter(Boolean);
  for (const file of tracked) {
    if (file.startsWith('eval/') || file.startsWith('test/') || file.startsWith('fixtures/')) continue;
    mkdirSync(join(clone, file, '..'), { recursive: true });
    cpSync(join(REPO, file), join(clone, file));
  }
  symlinkSync(join(REPO, 'node_modules'), join(clone, 'node_modules'), 'dir');
  run(npm, ['pack', '--pack-destination', work], clone);
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'))!;
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const eslintVersion = JSON.parse(run('node', ['-p', 'JSON.stringify(require("eslint/package.json").version)'], REPO));
  run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball), `eslint@${eslintVersion}`], consumer);
  cpSync(join(REPO, 'examples/weather-wechat'), join(consumer, 'app'), { recursive: true });
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed and installed package', () => {
  it('ships the build and the docs, and no tests, fixtures or corpus', () => {
    const files = run('tar', ['-tzf', join(work, readdirSync(work).find((name) => name.endsWith('.tgz'))!)], work).split('\n');
    expect(files).toContain('package/dist/cli/worker.js');
    expect(files).toContain('package/dist/eslint/plugin.js');
    expect(files).toContain('package/docs/rules/hardcoded-secret.md');
    expect(files.some((file) => /^package\/(test|fixtures|eval)\//.test(file))).toBe(false);
  });

  it('runs `minivet --version` and scans a mini-app from the installed bin', () => {
    const bin = join(consumer, 'node_modules/.bin/minivet');
    const version = spawnSync(bin, ['--version'], { cwd: consumer, encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const scan = spawnSync(bin, ['scan', 'app', '--format', 'json'], { cwd: consumer, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(scan.stderr).toBe('');
    expect(scan.status).toBe(1);
    const report = JSON.parse(scan.stdout) as { projects: { findings: { ruleId: string }[] }[] };
    expect(report.projects[0]!.findings.map((finding) => finding.ruleId)).toContain('undeclared-private-info');
  });

  it('loads the ESLint plugin from the installed package and reports through ESLint', () => {
    writeFileSync(join(consumer, 'eslint.config.js'), "import minivet from 'minivet/eslint-plugin';\nexport default [...minivet.configs.recommended];\n");
    const eslint = spawnSync(join(consumer, 'node_modules/.bin/eslint'), ['--format', 'json', 'app/pages'], { cwd: consumer, encoding: 'utf8' });
    expect(eslint.stderr).toBe('');
    const results = JSON.parse(eslint.stdout) as { messages: { ruleId: string | null; fatal?: boolean }[] }[];
    const messages = results.flatMap((result) => result.messages);
    expect(messages.some((message) => message.fatal)).toBe(false);
    expect(messages.map((message) => message.ruleId)).toContain('minivet/undeclared-private-info');
  });
});
