import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMinivet } from './helpers/run-cli.js';
import { tempProject } from './helpers/temp-project.js';

/**
 * Batch runs over folders an uploader controls (issue 12): reports are written only where minivet
 * means to write them, batch entries never lead out of the batch folder, and a bundle stuck on a
 * special file cannot keep the process alive.
 */
const app = (code: string) => ({ 'app.json': JSON.stringify({ pages: ['pages/index/index'] }), 'pages/index/index.js': code });

function batchFolder(): string {
  const root = tempProject({});
  for (const [name, code] of [['shop', 'Page({});\n'], ['mall', 'wx.getClipboardData({});\n']] as const) {
    for (const [path, text] of Object.entries(app(code))) {
      mkdirSync(join(root, name, path, '..'), { recursive: true });
      writeFileSync(join(root, name, path), text);
    }
  }
  return root;
}

describe('reports are written only where minivet means to', () => {
  it('replaces a link planted in --output-dir instead of writing through it', () => {
    const batch = batchFolder();
    const out = tempProject({ 'victim.txt': 'precious\n' });
    symlinkSync(join(out, 'victim.txt'), join(out, 'shop.sarif'));
    const run = runMinivet(['scan', '--batch', batch, '--format', 'sarif', '--output-dir', out, '--fail-on', 'none']);
    expect(run.code).toBe(0);
    expect(readFileSync(join(out, 'victim.txt'), 'utf8')).toBe('precious\n');
    expect(lstatSync(join(out, 'shop.sarif')).isFile()).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'shop.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('writes the other reports and fails with a clear line when a folder is in the way of one', () => {
    const batch = batchFolder();
    const out = tempProject({ 'shop.json/keep': '' });
    const run = runMinivet(['scan', '--batch', batch, '--format', 'json', '--output-dir', out, '--fail-on', 'none']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/shop\.json: a folder is in the way/);
    expect(JSON.parse(readFileSync(join(out, 'mall.json'), 'utf8')).projects).toHaveLength(1);
  });

  it('refuses to write --output through a symbolic link, and still writes to a regular file or /dev/null', () => {
    const root = tempProject(app('Page({});\n'));
    const out = tempProject({ 'victim.txt': 'precious\n' });
    symlinkSync(join(out, 'victim.txt'), join(out, 'report.sarif'));
    const refused = runMinivet(['scan', root, '--format', 'sarif', '--output', join(out, 'report.sarif')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/symbolic link/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(out, 'victim.txt'), 'utf8')).toBe('precious\n');
    expect(runMinivet(['scan', root, '--format', 'sarif', '--output', join(out, 'plain.sarif')]).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'plain.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(runMinivet(['scan', root, '--output', '/dev/null']).code).toBe(0);
  });

  it('fails on an --output path it could not write before scanning, not after', () => {
    // The folder scanned holds no mini-app: a scan would fail on that; the output is judged first.
    const notAnApp = tempProject({ 'readme.txt': 'no app here\n' });
    const out = tempProject({});
    for (const [path, message] of [
      [join(out, 'missing', 'report.sarif'), /the folder .*missing does not exist/],
      [out, /it is a folder/],
    ] as const) {
      const run = runMinivet(['scan', notAnApp, '--output', path]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/app\.json/);
    }
  });

  it('does not wait on a FIFO named as the --output file', () => {
    const root = tempProject(app('Page({});\n'));
    const out = tempProject({});
    execFileSync('mkfifo', [join(out, 'report.txt')]);
    const run = runMinivet(['scan', root, '--output', join(out, 'report.txt')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/report\.txt/);
  });
});

describe('batch entries stay inside the batch folder', () => {
  it('reports a linked entry as not scanned, and scans the real ones', () => {
    const batch = batchFolder();
    const elsewhere = tempProject(app('wx.chooseLocation({}); // OUTSIDE\n'));
    symlinkSync(elsewhere, join(batch, 'linked'));
    symlinkSync(join(elsewhere, 'app.json'), join(batch, 'linked.zip'));
    const run = runMinivet(['scan', '--batch', batch, '--format', 'json', '--fail-on', 'none']);
    const report = JSON.parse(run.stdout) as { projects: { path: string; findings: { ruleId: string }[]; notifications: { kind: string; level: string; message: string }[] }[] };
    const byName = new Map(report.projects.map((project) => [project.path.split('/').pop(), project]));
    expect([...byName.keys()]).toEqual(['linked', 'linked.zip', 'mall', 'shop']);
    for (const name of ['linked', 'linked.zip']) {
      expect(byName.get(name)!.notifications).toEqual([expect.objectContaining({ kind: 'link-outside-root', level: 'error', message: expect.stringMatching(/symbolic link/) })]);
      expect(byName.get(name)!.findings).toEqual([]);
    }
    expect(byName.get('mall')!.findings.map((finding) => finding.ruleId)).toContain('clipboard-read');
  });

  it('names a FIFO posing as a package, and the process ends once the report is written', () => {
    const batch = batchFolder();
    execFileSync('mkfifo', [join(batch, 'pipe.wxapkg')]);
    execFileSync('mkfifo', [join(batch, 'shop', 'pages', 'index', 'stuck.js')]);
    const run = runMinivet(['scan', '--batch', batch, '--format', 'json', '--fail-on', 'none', '--bundle-timeout', '20']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { projects: { path: string; notifications: { file: string; level: string }[] }[] };
    const pipe = report.projects.find((project) => project.path.endsWith('pipe.wxapkg'))!;
    expect(pipe.notifications).toEqual([expect.objectContaining({ level: 'error' })]);
    const shop = report.projects.find((project) => project.path.endsWith('shop'))!;
    expect(shop.notifications).toContainEqual(expect.objectContaining({ file: 'pages/index/stuck.js', level: 'error' }));
  });
});
