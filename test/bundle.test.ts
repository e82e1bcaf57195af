import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { manifestEntryPoints } from '../src/bundle/file-cap.js';
import { readMemoryTree } from '../src/bundle/read-memory-tree.js';
import { readDirectory } from '../src/bundle/read-directory.js';
import { fileKind } from '../src/bundle/file-kinds.js';
import { scanProject } from '../src/scan.js';
import { tempProject } from './helpers/temp-project.js';

const APP = JSON.stringify({ pages: ['pages/index/index'] });

describe('bundle reader', () => {
  it('classifies files by name', () => {
    expect(fileKind('pages/a.wxml')).toBe('template');
    expect(fileKind('pages/a.axml')).toBe('template');
    expect(fileKind('pages/a.ts')).toBe('script');
    expect(fileKind('typings/wx.d.ts')).toBe('other');
    expect(fileKind('utils/f.wxs')).toBe('template-script');
    expect(fileKind('images/logo.png')).toBe('other');
  });

  it('never follows links out of the root, and survives link loops', () => {
    const outside = tempProject({ 'secret.js': 'wx.getLocation();' });
    const root = tempProject({ 'app.json': APP, 'pages/index/index.js': 'Page({});' });
    symlinkSync(join(outside, 'secret.js'), join(root, 'pages/index/escape.js'));
    symlinkSync(outside, join(root, 'outside-dir'));
    symlinkSync(root, join(root, 'pages/loop'));
    const contents = readDirectory(root, '');
    expect(contents.files.map((f) => f.path)).toEqual(['app.json', 'pages/index/index.js']);
    expect(contents.notifications.map((n) => `${n.kind} ${n.file}`)).toEqual([
      'link-outside-root outside-dir',
      'link-outside-root pages/index/escape.js',
    ]);
  });

  it('skips binary and oversized files with notifications, and reads invalid UTF-8 leniently', () => {
    const root = tempProject({
      'app.json': APP,
      'pages/index/index.js': 'wx.getLocation();',
      'pages/index/blob.js': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]),
      'pages/index/latin1.js': new Uint8Array([...Buffer.from("const s = '"), 0xe9, ...Buffer.from("'; wx.chooseLocation();")]),
      'pages/index/huge.js': `// ${'x'.repeat(2048)}`,
    });
    const contents = readDirectory(root, '', { maxFileBytes: 1024, maxFiles: 100 });
    expect(contents.files.map((f) => f.path)).toEqual(['app.json', 'pages/index/index.js', 'pages/index/latin1.js']);
    expect(contents.notifications.map((n) => `${n.kind} ${n.file}`).sort()).toEqual([
      'binary-file pages/index/blob.js',
      'file-too-large pages/index/huge.js',
      'invalid-encoding pages/index/latin1.js',
    ]);
    expect(contents.notifications.find((n) => n.kind === 'file-too-large')!.message).toMatch(/2\.0 KiB, over the 1\.0 KiB limit/);
  });

  it('skips node_modules, marks miniprogram_npm as third party, and bounds the file count', () => {
    const root = tempProject({
      'app.json': APP,
      'node_modules/dep/index.js': 'wx.getLocation();',
      'miniprogram_npm/sdk/index.js': 'wx.getLocation();',
      'a.js': '1', 'b.js': '2', 'c.js': '3',
    });
    const all = readDirectory(root, '');
    expect(all.files.map((f) => `${f.path}${f.thirdParty ? ' (third party)' : ''}`)).toEqual([
      'a.js', 'app.json', 'b.js', 'c.js', 'miniprogram_npm/sdk/index.js (third party)',
    ]);
    const bounded = readDirectory(root, '', { maxFileBytes: 1024, maxFiles: 3 });
    // The manifest first, then first-party code, third-party code last; each file left out is named.
    expect(bounded.files.map((f) => f.path)).toEqual(['a.js', 'app.json', 'b.js']);
    expect(bounded.notifications.map((n) => `${n.kind} ${n.file}`)).toEqual(['too-many-files c.js', 'too-many-files miniprogram_npm/sdk/index.js', 'too-many-files .']);
    expect(bounded.overflow).toBe(2);
  });

  it("skips what editors write beside the app: Alipay's .tea build folder, VS Code's .history copies", () => {
    const root = tempProject({
      'app.json': APP,
      'pages/index/index.js': 'wx.getLocation();',
      '.tea/entryFiles-production/index$.worker.js': "AlipayJSBridge.call('internalAPI');",
      '.history/pages/index/index_20261201.js': 'wx.getLocation();',
      '.vscode/settings.js': '1',
      'tea/kept.js': '1',
    });
    expect(readDirectory(root, '').files.map((f) => f.path)).toEqual(['app.json', 'pages/index/index.js', 'tea/kept.js']);
  });

  it('fills the file cap with pages and components first, so padding cannot push them out', () => {
    const padding = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`aaa/pad${String(i).padStart(2, '0')}.js`, '1']));
    const manifest = JSON.stringify({ pages: ['pages/index/index'], subPackages: [{ root: 'sub', pages: ['detail/detail'] }], usingComponents: { card: '/components/card/card' } });
    const files = { ...padding, 'app.json': manifest, 'pages/index/index.js': 'wx.getLocation();', 'pages/index/index.wxml': '<view/>', 'sub/detail/detail.js': '1', 'components/card/card.js': '1' };
    const inMemory = new Map(Object.entries(files).map(([path, text]) => [path, Buffer.from(text)] as const));
    const limits = { maxFileBytes: 1024, maxFiles: 10 };
    const entryPoints = manifestEntryPoints(manifest);
    // A folder on disk and an archive's tree in memory choose alike.
    for (const read of [() => readDirectory(tempProject(files), '', limits, entryPoints), () => readMemoryTree(inMemory, '', limits, entryPoints)]) {
      const bounded = read();
      expect(bounded.files.map((f) => f.path)).toEqual(expect.arrayContaining(['app.json', 'components/card/card.js', 'pages/index/index.js', 'pages/index/index.wxml', 'sub/detail/detail.js']));
      expect(bounded.notifications.filter((n) => n.file.startsWith('aaa/'))).toHaveLength(25);
    }
    // The scan finds the entry points in the manifest it located, in a folder and in a zip.
    const zipped = join(tempProject({}), 'app.zip');
    writeFileSync(zipped, zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, strToU8(text)]))));
    for (const root of [tempProject(files), zipped]) {
      const scanned = scanProject(root, { maxFiles: 10 });
      expect(scanned.findings.map((finding) => finding.location.file)).toContain('pages/index/index.js');
      expect(scanned.notifications.filter((n) => n.file.startsWith('aaa/'))).toHaveLength(25);
    }
  });
});

describe('scan keeps going past bad files', () => {
  it('analyses the rest when files are skipped, and says how many were skipped', () => {
    const root = tempProject({
      'app.json': APP,
      'pages/index/index.js': 'wx.getLocation();',
      'pages/index/blob.js': new Uint8Array([0, 1, 2, 3]),
      'pages/index/broken.wxml': '<view><button open-type="getPhoneNumber"',
    });
    mkdirSync(join(root, 'empty'));
    writeFileSync(join(root, 'pages/index/big.js'), 'x'.repeat(3000));
    const project = scanProject(root, { maxFileBytes: 2048 });
    expect(project.findings.map((f) => `${f.ruleId} ${f.location.file}`)).toContain('undeclared-private-info pages/index/index.js');
    expect(project.notifications.map((n) => n.kind).sort()).toEqual(['binary-file', 'file-too-large', 'template-error']);
    expect(project.stats.filesSkipped).toBe(2);
  });

  it('reports code nested too deeply for the parser on the main thread instead of crashing', () => {
    const depth = 5000;
    const root = tempProject({ 'app.json': APP, 'deep.js': `${'['.repeat(depth)}wx.getLocation()${']'.repeat(depth)};`, 'ok.js': 'wx.chooseLocation();' });
    const project = scanProject(root);
    expect(project.notifications.map((n) => `${n.kind} ${n.file}`)).toEqual(['analysis-error deep.js']);
    expect(project.findings.map((f) => f.location.file)).toContain('ok.js');
  });
});

describe('node_modules packages a platform ships because the app imports them', () => {
  const sdk = "var P=App;App=function(o){o.onLaunch=w(o.onLaunch);return P(o)};function w(f){return function(){my.request({url:'https://umini.shujupie.com/x'});return f&&f.apply(this,arguments)}}";
  const files = (manifest: Record<string, string>) =>
    tempProject({
      ...manifest,
      'app.js': "import uma from 'umtrack-alipay';\nimport { helper } from '@scope/tools/lib/helper';\nApp({});",
      'pages/a/a.js': 'Page({});',
      'node_modules/umtrack-alipay/package.json': '{"main": "lib/uma.min.js"}',
      'node_modules/umtrack-alipay/lib/uma.min.js': `require('./part');\n${sdk}`,
      'node_modules/umtrack-alipay/lib/part.js': 'module.exports = {};',
      'node_modules/@scope/tools/lib/helper.js': "export const helper = () => require('../../../umtrack-alipay/lib/part');",
      'node_modules/unused/index.js': sdk,
    });
  const alipay = scanProject(files({ 'app.json': '{"pages":["pages/a/a"]}', 'mini.project.json': '{}' }));
  const wechat = scanProject(files({ 'app.json': '{"pages":["pages/a/a"]}', 'project.config.json': '{}' }));

  it('reads, on Alipay, the imported packages and the scripts they reach, as third-party code', () => {
    const hook = alipay.findings.find((f) => f.ruleId === 'interaction-history-tracking');
    expect(hook?.location.file).toBe('node_modules/umtrack-alipay/lib/uma.min.js');
    expect(hook?.thirdParty).toBe(true);
    expect(alipay.stats.scriptFiles).toBe(5);
    expect(alipay.findings.some((f) => f.location.file.startsWith('node_modules/unused'))).toBe(false);
  });

  it('does not follow a linked package folder out of node_modules, nor a relative path out of it', () => {
    const outside = tempProject({ 'index.js': sdk, 'secret.js': sdk });
    const root = tempProject({
      'app.json': '{"pages":["pages/a/a"]}',
      'mini.project.json': '{}',
      'app.js': "import 'linked';\nimport 'escape';\nApp({});",
      'pages/a/a.js': 'Page({});',
      'node_modules/escape/index.js': "require('../../../" + outside.split('/').slice(-1)[0] + "/secret');",
    });
    symlinkSync(outside, join(root, 'node_modules/linked'));
    const result = scanProject(root);
    expect(result.stats.scriptFiles).toBe(3);
    expect(result.findings.some((f) => f.ruleId === 'interaction-history-tracking')).toBe(false);
    // node_modules itself a link to a folder outside: nothing in it is read.
    const modules = tempProject({ 'pkg/index.js': sdk });
    const linkedRoot = tempProject({ 'app.json': '{"pages":["pages/a/a"]}', 'mini.project.json': '{}', 'app.js': "import 'pkg';\nApp({});", 'pages/a/a.js': 'Page({});' });
    symlinkSync(modules, join(linkedRoot, 'node_modules'));
    expect(scanProject(linkedRoot).stats.scriptFiles).toBe(2);
  });

  it("reads, on Baidu, the components pages load from a package (usingComponents), through a folder's own package.json", () => {
    const root = tempProject({
      'app.json': '{"pages":["pages/a/a"]}',
      'project.swan.json': '{}',
      'app.js': 'App({});',
      'pages/a/a.js': 'Page({});',
      'pages/a/a.json': '{ "usingComponents": { "smt-rate": "@smt-ui/component/src/rate", "local": "../../components/x/x" } }',
      'node_modules/@smt-ui/component/src/rate/package.json': '{"main": "./src/index.js"}',
      'node_modules/@smt-ui/component/src/rate/src/index.js': "const log = require('../../common/log');\nComponent({});",
      'node_modules/@smt-ui/component/src/common/log.js': sdk.replace(/my\.request/g, 'swan.request'),
      'node_modules/@smt-ui/component/src/unused/src/index.js': sdk,
    });
    const baidu = scanProject(root);
    expect(baidu.stats.scriptFiles).toBe(4);
    expect(baidu.findings.find((f) => f.ruleId === 'interaction-history-tracking')?.location.file).toBe('node_modules/@smt-ui/component/src/common/log.js');
  });

  it('reads no node_modules where the platform builds packages into miniprogram_npm first (WeChat)', () => {
    expect(wechat.stats.scriptFiles).toBe(2);
    expect(wechat.findings.some((f) => f.location.file.startsWith('node_modules/'))).toBe(false);
  });
});
