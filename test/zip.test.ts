import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readZip } from '../src/bundle/read-zip.js';
import { scanProject } from '../src/scan.js';
import { runMinivet } from './helpers/run-cli.js';
import { findingKeys } from './helpers/summarise.js';
import { tempProject } from './helpers/temp-project.js';
import { onlyRules } from './helpers/rule-sets.js';
import { packWxapkg, serviceBundle } from './helpers/wxapkg.js';

function zipOf(files: Record<string, string | Uint8Array>): Uint8Array {
  const tree: Zippable = {};
  for (const [name, content] of Object.entries(files)) tree[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(tree, { level: 9 });
}

function writeZip(files: Record<string, string | Uint8Array>, name = 'upload.zip'): string {
  const dir = tempProject({});
  const path = join(dir, name);
  writeFileSync(path, zipOf(files));
  return path;
}

describe('zip archives', () => {
  it('scans a zipped source tree inside one top folder, honouring miniprogramRoot', () => {
    const path = writeZip({
      'shop-main/project.config.json': '{"miniprogramRoot":"miniprogram/"}',
      'shop-main/miniprogram/app.json': '{"pages":["pages/index/index"]}',
      'shop-main/miniprogram/pages/index/index.js': 'Page({ onLoad() { wx.chooseLocation({}); } });',
      'shop-main/miniprogram/images/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      'shop-main/node_modules/x/index.js': 'wx.getLocation();',
    });
    const project = scanProject(path, onlyRules());
    expect(project.appRoot).toBe('shop-main/miniprogram');
    expect(findingKeys(project)).toEqual(['undeclared-private-info shop-main/miniprogram/pages/index/index.js:1:19']);
    expect(project.compiled).toBe(false);
  });

  it('scans zipped packages', () => {
    const path = writeZip({
      'app.wxapkg': packWxapkg([
        { name: '/app-config.json', content: '{"pages":["pages/a"]}' },
        { name: '/app-service.js', content: serviceBundle({ 'pages/a.js': 'wx.choosePoi({});' }) },
      ]),
    });
    const project = scanProject(path, onlyRules());
    expect(project.compiled).toBe(true);
    expect(findingKeys(project)).toEqual(['undeclared-private-info pages/a.js:1:1']);
  });

  it('refuses zip-slip names and analyses the rest', () => {
    const path = writeZip({
      'app.json': '{"pages":[]}',
      '../../outside.js': 'wx.getLocation();',
      'ok.js': 'wx.chooseLocation();',
    });
    const project = scanProject(path, onlyRules());
    expect(findingKeys(project)).toEqual(['undeclared-private-info ok.js:1:1']);
    expect(project.notifications.map((n) => n.message)).toContain('entry name "../../outside.js" leaves the archive; skipped');
  });

  it('stops a zip bomb by its inflation ratio and by its size, counting real bytes', () => {
    const zeros = new Uint8Array(24 * 1024 * 1024);
    const bomb = zipOf({ 'app.json': '{"pages":[]}', 'bomb.js': zeros, 'ok.js': 'wx.chooseLocation();' });
    expect(bomb.length).toBeLessThan(200_000);
    const byRatio = readZip(bomb, 'bomb.zip');
    expect(byRatio.entries.has('bomb.js')).toBe(false);
    expect(byRatio.entries.has('ok.js')).toBe(true);
    expect(byRatio.notifications.map((n) => `${n.file}: ${n.message}`)).toContain('bomb.js: entry inflates more than 200 times its compressed size (a zip bomb?); skipped');
    const bySize = readZip(bomb, 'bomb.zip', { maxEntryBytes: 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024, maxRatio: 1e9, maxEntries: 10 });
    expect(bySize.notifications.map((n) => n.message)).toContain('entry inflates past 1.0 MiB; skipped');
  });

  it('bounds the total inflated size and the entry count', () => {
    const many: Record<string, string> = { 'app.json': '{"pages":[]}' };
    for (let i = 0; i < 30; i++) many[`f${i}.js`] = `var x${i} = ${'1+'.repeat(20_000)}1;`;
    const result = readZip(zipOf(many), 'many.zip', { maxEntryBytes: 1e9, maxTotalBytes: 200_000, maxRatio: 1e9, maxEntries: 1_000 });
    expect(result.notifications.some((n) => /takes the archive past 195\.3 KiB inflated/.test(n.message))).toBe(true);
    const counted = readZip(zipOf(many), 'many.zip', { maxEntryBytes: 1e9, maxTotalBytes: 1e9, maxRatio: 1e9, maxEntries: 5 });
    expect(counted.notifications.map((n) => n.message)).toContain('archive has more than 5 entries; the rest were not read');
  });

  it('reports a corrupt archive as an input error with one line', () => {
    const dir = tempProject({ 'broken.zip': 'PK\u0003\u0004 this is not really a zip' });
    const run = runMinivet(['scan', join(dir, 'broken.zip')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^minivet: .*broken\.zip: the archive holds no app\.json and no \.wxapkg package/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
