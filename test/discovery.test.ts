import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMinivet } from './helpers/run-cli.js';
import { tempProject } from './helpers/temp-project.js';

/**
 * A repository that is not a mini-app itself: two apps (one behind project.config.json), a build
 * script inside one, an installed package and a retired app that .minivetignore names.
 */
function monorepo(): string {
  return tempProject({
    'package.json': '{"private": true}',
    '.minivetignore': '# retired, never shipped again\nlegacy/\n',
    'apps/shop/app.json': '{"pages":["pages/a/a"]}',
    'apps/shop/pages/a/a.js': "Page({ onLoad() { wx.setStorageSync('token', this.data.token); } });\n",
    'apps/shop/scripts/upload.js': "wx.request({ url: 'http://cdn.shop.example/upload' });\n",
    'apps/admin/project.config.json': '{"miniprogramRoot":"miniprogram/"}',
    'apps/admin/miniprogram/app.json': '{"pages":["pages/b/b"]}',
    'apps/admin/miniprogram/pages/b/b.js': 'Page({ onLoad() { wx.getClipboardData({}); } });\n',
    'legacy/old/app.json': '{"pages":["pages/c/c"]}',
    'legacy/old/pages/c/c.js': 'Page({});\n',
    'node_modules/some-kit/app.json': '{"pages":["p"]}',
  });
}

function bundlesOf(stdout: string): string[] {
  return (JSON.parse(stdout) as { projects: { path: string }[] }).projects.map((project) => project.path);
}

function rulesOf(stdout: string): string[] {
  return (JSON.parse(stdout) as { projects: { findings: { ruleId: string; file: string }[] }[] }).projects.flatMap((p) => p.findings.map((f) => `${f.file} ${f.ruleId}`));
}

describe('a folder that holds several mini-apps', () => {
  it('scans each app inside it and names them, skipping installed packages and ignored folders', () => {
    const root = monorepo();
    const run = runMinivet(['scan', '--format', 'json', '--fail-on', 'none'], { cwd: root });
    expect(run.code).toBe(0);
    expect(bundlesOf(run.stdout)).toEqual(['apps/admin', 'apps/shop']);
    expect(run.stderr).toBe('minivet: . is not a mini-app itself; scanning the 2 found inside it: apps/admin, apps/shop\n');
  });

  it('still says what it looked for when no app is inside', () => {
    const run = runMinivet(['scan'], { cwd: tempProject({ 'readme.md': 'tools only\n' }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no app\.json found/);
  });
});

describe('--exclude, the config key exclude and .minivetignore', () => {
  it('leaves files that are not app code unread', () => {
    const root = monorepo();
    const all = rulesOf(runMinivet(['scan', 'apps/shop', '--format', 'json', '--fail-on', 'none'], { cwd: root }).stdout);
    expect(all).toContain('scripts/upload.js insecure-transport');
    const excluded = rulesOf(runMinivet(['scan', 'apps/shop', '--format', 'json', '--fail-on', 'none', '--exclude', 'scripts/'], { cwd: root }).stdout);
    expect(excluded).not.toContain('scripts/upload.js insecure-transport');
    expect(excluded).toContain('pages/a/a.js sensitive-data-to-storage');

    writeFileSync(join(root, 'minivet.json'), JSON.stringify({ exclude: ['**/upload.js'] }));
    expect(rulesOf(runMinivet(['scan', 'apps/shop', '-c', 'minivet.json', '--format', 'json', '--fail-on', 'none'], { cwd: root }).stdout)).not.toContain('scripts/upload.js insecure-transport');

    writeFileSync(join(root, 'apps/shop/.minivetignore'), 'scripts/\n');
    expect(rulesOf(runMinivet(['scan', 'apps/shop', '--format', 'json', '--fail-on', 'none'], { cwd: root }).stdout)).not.toContain('scripts/upload.js insecure-transport');
  });

  it("applies the working folder's .minivetignore and --exclude to the apps found inside it, and never excludes the manifest", () => {
    const root = monorepo();
    writeFileSync(join(root, '.minivetignore'), 'legacy/\napps/shop/scripts/\n');
    const found = rulesOf(runMinivet(['scan', '--format', 'json', '--fail-on', 'none'], { cwd: root }).stdout);
    expect(found).not.toContain('scripts/upload.js insecure-transport');
    expect(found).toContain('pages/a/a.js sensitive-data-to-storage');

    const noJson = runMinivet(['scan', 'apps/shop', '--format', 'json', '--fail-on', 'none', '--exclude', '*.json'], { cwd: root });
    expect(noJson.code).toBe(0);
    expect(rulesOf(noJson.stdout)).toContain('pages/a/a.js sensitive-data-to-storage');
  });

  it('refuses an exclude setting that is not a list of patterns', () => {
    const root = monorepo();
    writeFileSync(join(root, 'minivet.json'), JSON.stringify({ exclude: 'scripts/' }));
    const run = runMinivet(['scan', 'apps/shop', '-c', 'minivet.json'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/"exclude" must be a list of gitignore-style patterns/);
  });
});
