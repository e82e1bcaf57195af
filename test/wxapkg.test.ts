import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWxapkgIndex } from '../src/bundle/wxapkg.js';
import { scanProject } from '../src/scan.js';
import { runMinivet } from './helpers/run-cli.js';
import { findingKeys } from './helpers/summarise.js';
import { tempProject } from './helpers/temp-project.js';
import { onlyRules, onlyRulesConfig } from './helpers/rule-sets.js';
import { packWxapkg, serviceBundle } from './helpers/wxapkg.js';

const APP_CONFIG = JSON.stringify({
  pages: ['pages/index/index', 'pages/map/map'],
  requiredPrivateInfos: ['chooseAddress'],
  global: { window: { navigationBarTitleText: 'Shop' } },
});

const INDEX_JS = `"use strict";
Page({
  onLoad: function onLoad() {
    wx.getLocation({ type: "gcj02" });
  }
});`;
// Minified: the whole module on one line.
const MAP_JS = `"use strict";var a=wx;Page({follow:function(){a.startLocationUpdate({})},pick:function(){wx.chooseAddress({})}});`;

function mainPackage(): Buffer {
  return packWxapkg([
    { name: '/app-config.json', content: APP_CONFIG },
    { name: '/app-service.js', content: serviceBundle({ 'pages/index/index.js': INDEX_JS, 'pages/map/map.js': MAP_JS }) },
    { name: '/page-frame.html', content: '<html><script>var $gwx = function(){}</script></html>' },
    { name: '/images/logo.png', content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]) },
  ]);
}

describe('compiled packages (.wxapkg)', () => {
  it('scans a package: app-config.json is the manifest, define() modules keep their paths and positions', () => {
    const dir = tempProject({});
    const pkg = join(dir, 'shop.wxapkg');
    writeFileSync(pkg, mainPackage());
    const project = scanProject(pkg, onlyRules());
    expect(project.compiled).toBe(true);
    expect(findingKeys(project)).toEqual([
      'missing-permission-description pages/index/index.js:4:5',
      'undeclared-private-info pages/index/index.js:4:5',
      'missing-permission-description pages/map/map.js:1:47',
      'undeclared-private-info pages/map/map.js:1:47',
    ]);
    expect(project.findings[1]!.message).toContain('app-config.json');
    expect(project.virtualSources?.get('pages/map/map.js')).toBe(MAP_JS);
    expect(project.notifications).toEqual([]);
  });

  it('scans a folder holding a main package and a subpackage as one bundle', () => {
    const dir = tempProject({});
    writeFileSync(join(dir, '__APP__.wxapkg'), mainPackage());
    writeFileSync(
      join(dir, 'sub.wxapkg'),
      packWxapkg([{ name: '/sub/app-service.js', content: serviceBundle({ 'sub/pages/a.js': 'wx.chooseLocation({});' }) }]),
    );
    const project = scanProject(dir, onlyRules());
    expect(findingKeys(project)).toContain('undeclared-private-info sub/pages/a.js:1:1');
  });

  it('gives SARIF fingerprints from the recovered module text', () => {
    const dir = tempProject({});
    writeFileSync(join(dir, 'shop.wxapkg'), mainPackage());
    const run = runMinivet(['scan', join(dir, 'shop.wxapkg'), '--format', 'sarif']);
    const sarif = JSON.parse(run.stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'undeclared-private-info');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('pages/index/index.js');
    expect(result.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
  });
});

describe('hostile packages', () => {
  const good = mainPackage();

  it('rejects bad magic, truncation, encryption and absurd counts with one clear notification', () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ['empty', new Uint8Array(), /shorter than the 14-byte header/],
      ['bad magic', Buffer.concat([Buffer.from([0x00]), good.subarray(1)]), /bad magic bytes/],
      ['encrypted', Buffer.from('V1MMWX' + 'x'.repeat(100)), /encrypted/],
      ['index past end', good.subarray(0, 40), /runs past the end/],
    ];
    for (const [name, bytes, message] of cases) {
      const result = readWxapkgIndex(bytes, 'x.wxapkg');
      expect(result.entries, name).toEqual([]);
      expect(result.notifications.map((n) => n.message).join('\n'), name).toMatch(message);
    }
    const absurd = Buffer.from(good);
    absurd.writeUInt32BE(4_000_000_000, 14);
    expect(readWxapkgIndex(absurd, 'x.wxapkg').notifications[0]!.message).toMatch(/over the limit of 100000/);
  });

  it('skips entries that leave the package or point outside its data, and flags duplicates and overlaps', () => {
    const bytes = packWxapkg([
      { name: '/../../etc/passwd', content: 'root:x:0:0' },
      { name: '/a/../../escape.js', content: 'x' },
      { name: '\\windows\\style.js', content: 'wx.getLocation();' },
      { name: '/C:/abs.js', content: 'x' },
      { name: '/ok.js', content: 'wx.chooseLocation();' },
      { name: '/ok.js', content: 'second' },
      { name: '/far.js', content: 'x', offset: 10_000_000 },
      { name: '/overlap.js', content: 'y', offset: 14 + 4 },
    ]);
    const result = readWxapkgIndex(bytes, 'evil.wxapkg');
    expect(result.entries.map((e) => e.path)).toEqual(['windows/style.js', 'ok.js']);
    const messages = result.notifications.map((n) => `${n.file}: ${n.message}`);
    expect(messages.filter((m) => m.includes('leaves the package'))).toHaveLength(3);
    expect(messages.some((m) => m.startsWith('ok.js: duplicate entry'))).toBe(true);
    expect(messages.some((m) => m.startsWith('far.js: entry data (offset 10000000'))).toBe(true);
    expect(messages.some((m) => m.startsWith('overlap.js: entry data'))).toBe(true);
  });

  it('analyses entries that share one blob of data once, naming the others', () => {
    const blob = `wx.getLocation({});\n${'// padding\n'.repeat(1_000)}`;
    const names = ['/app-config.json', '/pages/a.js', ...Array.from({ length: 300 }, (_, i) => `/pages/copy${i}.js`)];
    const dataStart = 14 + 4 + names.reduce((sum, name) => sum + 12 + Buffer.byteLength(name), 0);
    const config = '{"pages":["pages/a"]}';
    const bytes = packWxapkg(
      names.map((name, i) =>
        i < 2 ? { name, content: i === 0 ? config : blob } : { name, content: '', offset: dataStart + config.length, size: Buffer.byteLength(blob) },
      ),
    );
    const root = tempProject({ 'crafted.wxapkg': bytes });
    const project = scanProject(join(root, 'crafted.wxapkg'), onlyRules(['undeclared-private-info']));
    expect(findingKeys(project)).toEqual(['undeclared-private-info pages/a.js:1:1']);
    const twins = project.notifications.filter((n) => n.message.includes('the very bytes of "pages/a.js"'));
    expect(twins).toHaveLength(300);
  });

  it('still analyses the good entries of a damaged package, and never writes outside the output', () => {
    const bytes = packWxapkg([
      { name: '/app-config.json', content: '{"pages":[]}' },
      { name: '/../../../tmp/minivet-pwned.js', content: 'wx.getLocation();' },
      { name: '/app-service.js', content: serviceBundle({ 'pages/p.js': 'wx.chooseLocation({})' }) },
    ]);
    const dir = tempProject({});
    writeFileSync(join(dir, 'damaged.wxapkg'), bytes);
    const run = runMinivet(['scan', join(dir, 'damaged.wxapkg'), '--format', 'json', '--config', onlyRulesConfig()]);
    const json = JSON.parse(run.stdout);
    expect(json.projects[0].findings.map((f: { file: string }) => f.file)).toEqual(['pages/p.js']);
    expect(json.projects[0].notifications[0].message).toMatch(/leaves the package; skipped/);
  });

  it('reports a truncated package and keeps the entries that are whole', () => {
    const truncated = good.subarray(0, good.length - 20);
    const result = readWxapkgIndex(truncated, 't.wxapkg');
    expect(result.notifications[0]!.message).toMatch(/may be truncated/);
    expect(result.entries.map((e) => e.path)).toContain('app-config.json');
  });

  it('exits 2 for a file that is neither a folder nor a package', () => {
    const dir = tempProject({ 'notes.txt': 'hello' });
    const run = runMinivet(['scan', join(dir, 'notes.txt')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not a folder, a \.wxapkg package or a \.zip archive/);
  });
});
