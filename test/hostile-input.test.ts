import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMinivet } from './helpers/run-cli.js';
import { tempProject } from './helpers/temp-project.js';

/**
 * Bundles written by someone who wants to get past review (issue 12): the text a reviewer reads must
 * not be steerable by the bundle, bounded output stays bounded, and a manifest or file minivet cannot
 * read is named, never skipped in silence.
 */
const ESC = '\u001b';
const manifest = (extra = {}) => JSON.stringify({ pages: ['pages/index/index'], ...extra });

function textScan(root: string, args: string[] = []) {
  return runMinivet(['scan', root, '--no-color', ...args]);
}

describe('output a bundle cannot hijack', () => {
  it('shows escape sequences from file names and source lines as visible escapes, on a terminal or not', () => {
    const root = tempProject({
      'app.json': manifest(),
      'pages/index/index.js': `wx.getClipboardData({}); // ${ESC}[1A${ESC}[2K${ESC}]0;owned\u0007 \u202Egnp.js\n`,
      [`pages/index/${ESC}[2Jevil.js`]: 'wx.getClipboardData({});\n',
    });
    const run = textScan(root, ['--rule', 'clipboard-read=error']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('clipboard-read');
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202E]/);
    expect(run.stdout).toContain('\\u{1B}[1A');
    expect(run.stdout).toContain('pages/index/\\u{1B}[2Jevil.js');
  });

  it('cuts a huge value echoed in a message, in every format', () => {
    const huge = `getLocation${'x'.repeat(600_000)}`;
    const root = tempProject({ 'app.json': manifest({ requiredPrivateInfos: [huge] }), 'pages/index/index.js': 'Page({});\n' });
    for (const format of ['json', 'sarif']) {
      const run = runMinivet(['scan', root, '--format', format, '--fail-on', 'none']);
      // The value is cut (the SARIF log also carries every rule's help, so its size alone says little).
      expect(run.stdout).not.toMatch(/x{2000}/);
      expect(run.stdout.length).toBeLessThan(400_000);
      expect(run.stdout).toContain('…');
    }
    const text = textScan(root, ['--fail-on', 'none']);
    expect(Math.max(...text.stdout.split('\n').map((line) => line.length))).toBeLessThan(1_000);
  });

  it('prints short excerpts for thousands of findings on one megabyte line', () => {
    const line = `\t${'wx.getClipboardData({});'.repeat(5_000)}${' '.repeat(900_000)}\n`;
    const root = tempProject({ 'app.json': manifest(), 'pages/index/index.js': line });
    const run = textScan(root, ['--rule', 'clipboard-read=error', '--fail-on', 'none']);
    const excerpts = run.stdout.split('\n').filter((l) => l.includes('│'));
    expect(excerpts.length).toBeGreaterThanOrEqual(5_000);
    expect(Math.max(...excerpts.map((l) => l.length))).toBeLessThan(140);
  });
});

describe('nothing read is skipped in silence', () => {
  const project = () => tempProject({ 'app.json': manifest(), 'pages/index/index.js': 'wx.getClipboardData({});\n' });

  for (const [shape, make] of [
    ['a symbolic link', (root: string) => (renameSync(join(root, 'app.json'), join(root, 'real.json')), symlinkSync('real.json', join(root, 'app.json')))],
    ['a folder', (root: string) => (rmSync(join(root, 'app.json')), mkdirSync(join(root, 'app.json')))],
    ['a FIFO', (root: string) => (rmSync(join(root, 'app.json')), execFileSync('mkfifo', [join(root, 'app.json')]))],
  ] as const) {
    it(`reports a manifest that is ${shape} as an error, and still scans the code`, () => {
      const root = project();
      make(root);
      const run = runMinivet(['scan', root, '--format', 'json', '--rule', 'clipboard-read=warning']);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as { projects: { findings: { ruleId: string }[]; notifications: { file: string; level: string; message: string }[] }[] };
      const [result] = report.projects;
      expect(result!.notifications.filter((n) => n.file === 'app.json' && n.level === 'error').length).toBe(1);
      expect(result!.findings.map((f) => f.ruleId)).toContain('clipboard-read');
    });
  }

  it('waits on no FIFO and prints nothing through a link when the report shows source lines, in text and SARIF', () => {
    const piped = project();
    rmSync(join(piped, 'app.json'));
    execFileSync('mkfifo', [join(piped, 'app.json')]);
    const elsewhere = tempProject({ 'app.json': `${manifest()}\n// OUTSIDE-SECRET\n` });
    const linked = project();
    rmSync(join(linked, 'app.json'));
    symlinkSync(join(elsewhere, 'app.json'), join(linked, 'app.json'));
    for (const format of ['text', 'sarif']) {
      const run = runMinivet(['scan', piped, '--format', format, '--no-color', '--rule', 'clipboard-read=warning', '--fail-on', 'none']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('clipboard-read');
      // A manifest linked out of the folder is no manifest: one clear line, nothing of the outside file.
      const outside = runMinivet(['scan', linked, '--format', format, '--no-color']);
      expect(outside.code).toBe(2);
      expect(outside.stdout + outside.stderr).not.toContain('OUTSIDE-SECRET');
    }
  });

  it('names a FIFO among the scripts instead of blocking on it', () => {
    const root = project();
    execFileSync('mkfifo', [join(root, 'pages/index/pipe.js')]);
    const run = runMinivet(['scan', root, '--format', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { projects: { notifications: { file: string; kind: string; level: string }[] }[] };
    expect(report.projects[0]!.notifications).toContainEqual(expect.objectContaining({ file: 'pages/index/pipe.js', kind: 'unreadable-file', level: 'error' }));
  });
});

describe('nothing outside the bundle is read', () => {
  const outside = () => tempProject({ 'app.json': manifest(), 'pages/index/index.js': 'wx.getClipboardData({}); // OUTSIDE-SECRET\n' });

  it('does not follow a mini-app root that is a link out of the scanned folder', () => {
    const elsewhere = outside();
    const root = tempProject({ 'project.config.json': JSON.stringify({ miniprogramRoot: 'miniprogram/' }) });
    symlinkSync(elsewhere, join(root, 'miniprogram'));
    const run = runMinivet(['scan', root, '--fail-on', 'none']);
    expect(run.stdout + run.stderr).not.toContain('OUTSIDE-SECRET');
    expect(run.stdout + run.stderr).not.toContain('clipboard-read');
  });

  it('does not read a project file through a link, nor one of absurd size', () => {
    const elsewhere = tempProject({ 'project.config.json': JSON.stringify({ miniprogramRoot: 'inner/' }) });
    const root = tempProject({ 'app.json': manifest(), 'pages/index/index.js': 'Page({});\n', 'inner/app.json': manifest(), 'inner/pages/index/index.js': 'wx.getClipboardData({});\n' });
    symlinkSync(join(elsewhere, 'project.config.json'), join(root, 'project.config.json'));
    const linked = JSON.parse(runMinivet(['scan', root, '--format', 'json', '--fail-on', 'none']).stdout) as { projects: { appRoot: string }[] };
    expect(linked.projects[0]!.appRoot).toBe('');
    rmSync(join(root, 'project.config.json'));
    // A sparse 2 GB project file: refused by its size before any byte is read.
    const fd = openSync(join(root, 'project.config.json'), 'w');
    writeFileSync(fd, '{"miniprogramRoot": "inner/"');
    closeSync(fd);
    execFileSync('truncate', ['-s', '2G', join(root, 'project.config.json')]);
    const sparse = runMinivet(['scan', root, '--format', 'json', '--fail-on', 'none']);
    expect(sparse.code).toBe(0);
    expect((JSON.parse(sparse.stdout) as { projects: { appRoot: string }[] }).projects[0]!.appRoot).toBe('');
  });

  it('refuses package entries that are links, FIFOs or devices, by name, and scans the rest', () => {
    const elsewhere = tempProject({ 'real.wxapkg': 'not a package' });
    const root = tempProject({ 'main.wxapkg': 'not a package either' });
    symlinkSync('/dev/zero', join(root, 'zero.wxapkg'));
    symlinkSync(join(elsewhere, 'real.wxapkg'), join(root, 'outside.wxapkg'));
    execFileSync('mkfifo', [join(root, 'pipe.wxapkg')]);
    const run = runMinivet(['scan', root, '--format', 'json', '--fail-on', 'none']);
    const report = JSON.parse(run.stdout) as { projects: { notifications: { file: string; level: string; message: string }[] }[] };
    const notes = report.projects[0]!.notifications;
    for (const name of ['zero.wxapkg', 'outside.wxapkg']) expect(notes).toContainEqual(expect.objectContaining({ file: name, level: 'error', message: 'package is a symbolic link; not followed' }));
    expect(notes).toContainEqual(expect.objectContaining({ file: 'pipe.wxapkg', level: 'error' }));
    expect(notes).toContainEqual(expect.objectContaining({ file: 'main.wxapkg' }));
  });
});

describe('a tsconfig.json of any shape', () => {
  it('drops a bad "paths" entry with a warning and still resolves modules through the good ones', () => {
    const root = tempProject({
      'app.json': manifest({ requiredPrivateInfos: ['getLocation'], permission: { 'scope.userLocation': { desc: 'nearby shops' } } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '*': [null], 'u/*': ['utils/*'] } } }),
      'utils/keep.js': "module.exports = { keep(value) { wx.setStorageSync('lastPlace', value); } };\n",
      'pages/index/index.js': "const { keep } = require('u/keep');\nwx.getLocation({ success(place) { keep(place); } });\n",
    });
    const run = runMinivet(['scan', root, '--format', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { projects: { findings: { ruleId: string; file: string }[]; notifications: { kind: string; file: string; level: string }[] }[] };
    const [project] = report.projects;
    expect(project!.notifications).toContainEqual(expect.objectContaining({ kind: 'analysis-error', file: 'tsconfig.json', level: 'warning' }));
    expect(project!.notifications.some((n) => n.kind === 'internal-error')).toBe(false);
    expect(project!.findings).toContainEqual(expect.objectContaining({ ruleId: 'sensitive-data-to-storage', file: 'utils/keep.js' }));
  });
});

describe('archives of any shape', () => {
  it('reads a zip whose entries sit 32,000 folders deep in linear time', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const deep = 'd/'.repeat(32_000);
    const files: Record<string, Uint8Array> = { 'app.json': strToU8(manifest()), 'pages/index/index.js': strToU8('wx.getClipboardData({});\n') };
    for (let i = 0; i < 4; i++) files[`${deep}f${i}.js`] = strToU8('var x = 1;\n');
    const root = tempProject({ 'deep.zip': zipSync(files, { level: 0 }) });
    const started = Date.now();
    const run = runMinivet(['scan', join(root, 'deep.zip'), '--format', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    // 1.5 s here; 40 s when every ancestor path was built by joining.
    expect(Date.now() - started).toBeLessThan(15_000);
    const report = JSON.parse(run.stdout) as { projects: { findings: { ruleId: string }[] }[] };
    expect(report.projects[0]!.findings.map((f) => f.ruleId)).toContain('clipboard-read');
  });
});

// How cost grows with the size of each hostile shape: test/resource-growth.test.ts.
