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
import { craftZip, localRecord, type Member } from './helpers/zip-craft.js';

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
      'shop-main/miniprogram/.history/pages/index/index_1.js': 'wx.getLocation();',
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

describe('central directory vs local headers', () => {
  const APP_JSON: Member = { name: 'app.json', content: '{"pages":["pages/x"]}' };
  const text = (bytes: Uint8Array | undefined): string | undefined => (bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8'));
  const messages = (result: { notifications: { file: string; level: string; message: string }[] }): string[] =>
    result.notifications.map((n) => `${n.level} ${n.file}: ${n.message}`);

  it('analyses an entry whose local header sits inside a stored entry, and reports the overlap', () => {
    const nested: Member = { name: 'pages/x.js', content: 'wx.getLocation({});' };
    const crafted = craftZip([APP_JSON, { name: 'assets/blob.bin', content: localRecord(nested), method: 0 }, { ...nested, listedAtDataOf: 1 }]);
    const result = readZip(crafted.bytes, 'nested.zip');
    expect(text(result.entries.get('pages/x.js'))).toBe('wx.getLocation({});');
    expect(messages(result)).toEqual([
      'warning nested.zip: 2 entries overlap another entry\'s local header or data (the shape of an overlapping zip bomb), among them "assets/blob.bin", "pages/x.js"; they are read until they have given twice the archive\'s size',
    ]);
    const path = join(tempProject({}), 'nested.zip');
    writeFileSync(path, crafted.bytes);
    expect(findingKeys(scanProject(path, onlyRules(['undeclared-private-info'])))).toEqual(['undeclared-private-info pages/x.js:1:1']);
  });

  it('reads an entry under its central name when the local header names another', () => {
    const crafted = craftZip([APP_JSON, { name: 'pages/x.js', content: 'wx.getLocation();', local: { name: 'pages/decoy.js' } }]);
    const result = readZip(crafted.bytes, 'renamed.zip');
    expect([...result.entries.keys()]).toEqual(['app.json', 'pages/x.js']);
    expect(messages(result)).toEqual([
      'warning pages/x.js: local header disagrees with the central directory: it names "pages/decoy.js" where the central directory names "pages/x.js"; read by the central directory, as the platforms do',
    ]);
  });

  it('reads by the central sizes and method when the local header gives others', () => {
    const crafted = craftZip([
      APP_JSON,
      { name: 'pages/x.js', content: 'wx.getLocation();', local: { compressedSize: 3, uncompressedSize: 3 } },
      { name: 'pages/y.js', content: 'wx.chooseLocation();', method: 0, local: { method: 8 } },
    ]);
    const result = readZip(crafted.bytes, 'sizes.zip');
    expect(text(result.entries.get('pages/x.js'))).toBe('wx.getLocation();');
    expect(text(result.entries.get('pages/y.js'))).toBe('wx.chooseLocation();');
    const compressed = crafted.localOffsets[2]! - crafted.dataOffsets[1]!;
    expect(messages(result)).toEqual([
      `warning pages/x.js: local header disagrees with the central directory: sizes 3/3 bytes compressed/inflated (central directory: ${compressed}/17); read by the central directory, as the platforms do`,
      'warning pages/y.js: local header disagrees with the central directory: compression method 8 (central directory: 0); read by the central directory, as the platforms do',
    ]);
  });

  it('does not analyse a local header the central directory does not list, and names it', () => {
    const crafted = craftZip([
      APP_JSON,
      { name: 'pages/hidden.js', content: 'wx.getLocation();', unlisted: true },
      { name: 'pages/x.js', content: 'wx.chooseLocation();' },
    ]);
    const result = readZip(crafted.bytes, 'hidden.zip');
    expect([...result.entries.keys()]).toEqual(['app.json', 'pages/x.js']);
    expect(messages(result)).toEqual([
      `warning hidden.zip: a local header at offset ${crafted.localOffsets[1]} names "pages/hidden.js", which the central directory does not list; not analysed, as the platforms would not extract it`,
    ]);
  });

  it('does not report the local headers of a zip stored inside the archive', () => {
    const inner = zipOf({ 'a.js': 'x', 'b.js': 'y' });
    const crafted = craftZip([APP_JSON, { name: 'assets/inner.zip', content: inner, method: 0 }, { name: 'pages/x.js', content: 'x();' }]);
    const result = readZip(crafted.bytes, 'outer.zip');
    expect([...result.entries.keys()]).toEqual(['app.json', 'pages/x.js']);
    expect(result.notifications).toEqual([]);
  });

  it('reads a Zip64 archive', () => {
    const crafted = craftZip([{ ...APP_JSON, zip64: true }, { name: 'pages/x.js', content: 'wx.getLocation();', zip64: true, method: 0 }], { zip64End: true });
    expect(crafted.bytes.readUInt32LE(crafted.centralOffset + 20)).toBe(0xffffffff);
    expect(crafted.bytes.readUInt32LE(crafted.bytes.length - 6)).toBe(0xffffffff);
    const result = readZip(crafted.bytes, 'big.zip');
    expect(result.notifications).toEqual([]);
    expect(text(result.entries.get('app.json'))).toBe(APP_JSON.content);
    expect(text(result.entries.get('pages/x.js'))).toBe('wx.getLocation();');
  });

  it('skips an entry whose CRC-32 does not match, stored or deflated', () => {
    const crafted = craftZip([
      APP_JSON,
      { name: 'pages/x.js', content: 'wx.getLocation();', central: { crc: 0x12345678 } },
      { name: 'pages/y.js', content: 'wx.chooseLocation();', method: 0, central: { crc: 1 } },
    ]);
    const result = readZip(crafted.bytes, 'crc.zip');
    expect([...result.entries.keys()]).toEqual(['app.json']);
    expect(messages(result)).toEqual([
      expect.stringMatching(/^warning pages\/x\.js: entry fails its CRC-32 check \(the central directory says 0x12345678, the data gives 0x[0-9a-f]{8}\); skipped$/),
      expect.stringMatching(/^warning pages\/y\.js: entry fails its CRC-32 check \(the central directory says 0x00000001, /),
    ]);
  });

  it('skips encrypted entries and unknown compression methods, naming them', () => {
    const crafted = craftZip([
      APP_JSON,
      { name: 'pages/secret.js', content: 'a();', method: 0, flags: 0x0801 },
      { name: 'pages/bzip.js', content: 'b();', method: 0, central: { method: 12 }, local: { method: 12 } },
    ]);
    const result = readZip(crafted.bytes, 'odd.zip');
    expect([...result.entries.keys()]).toEqual(['app.json']);
    expect(messages(result)).toEqual(['warning pages/secret.js: entry is encrypted; skipped', 'warning pages/bzip.js: entry uses an unsupported compression (method 12); skipped']);
  });

  it('reports entries it cannot locate and goes on with the others', () => {
    const crafted = craftZip([
      APP_JSON,
      { name: 'pages/far.js', content: 'a();', central: { localOffset: 1_000_000_000 } },
      { name: 'pages/long.js', content: 'b();', central: { compressedSize: 0x7fff_0000 } },
      { name: 'pages/x.js', content: 'wx.getLocation();' },
    ]);
    const result = readZip(crafted.bytes, 'offsets.zip');
    expect([...result.entries.keys()]).toEqual(['app.json', 'pages/x.js']);
    expect(messages(result)).toContain('warning pages/far.js: entry cannot be located: no local header at offset 1000000000; skipped');
    expect(messages(result)).toContain(`warning pages/long.js: entry cannot be located: its data (offset ${crafted.dataOffsets[2]}, ${0x7fff_0000} bytes) runs past the end of the archive; skipped`);
  });

  it('keeps the entries before a garbled central directory entry, and says where it broke', () => {
    const crafted = craftZip([APP_JSON, { name: 'pages/x.js', content: 'wx.getLocation();' }]);
    const second = crafted.centralOffset + 46 + 'app.json'.length;
    const bytes = Buffer.from(crafted.bytes);
    bytes.write('garbage!', second, 'latin1');
    const result = readZip(bytes, 'garbled.zip');
    expect([...result.entries.keys()]).toEqual(['app.json']);
    expect(messages(result)).toEqual([
      `warning garbled.zip: the central directory is garbled at offset ${second} (after 1 entries); the rest of it was not read`,
      `warning garbled.zip: a local header at offset ${crafted.localOffsets[1]} names "pages/x.js", which the central directory does not list; not analysed, as the platforms would not extract it`,
    ]);
    const first = Buffer.from(crafted.bytes);
    first.write('garbage!', crafted.centralOffset, 'latin1');
    expect(messages(readZip(first, 'garbled.zip'))).toEqual([`error garbled.zip: not a readable .zip: the central directory is garbled at offset ${crafted.centralOffset} (after 0 entries); the rest of it was not read`]);
  });

  it('reports a split archive as one error', () => {
    const bytes = Buffer.from(craftZip([APP_JSON]).bytes);
    bytes.writeUInt16LE(1, bytes.length - 22 + 4);
    expect(messages(readZip(bytes, 'part.zip'))).toEqual(['error part.zip: not a readable .zip: the archive spans several disks (a split archive); join its parts first']);
  });

  it('never throws on a truncated or corrupted archive', () => {
    const crafted = craftZip(
      [APP_JSON, { name: 'pages/x.js', content: 'wx.getLocation();', zip64: true }, { name: 'pages/y.js', content: 'y();', method: 0 }],
      { zip64End: true, comment: 'PK\u0005\u0006 a comment' },
    );
    expect(readZip(crafted.bytes, 'whole.zip').entries.size).toBe(3);
    for (let length = 0; length < crafted.bytes.length; length += 7) {
      const result = readZip(crafted.bytes.subarray(0, length), 'cut.zip');
      expect(result.notifications.filter((n) => n.level === 'error').map((n) => n.message)).toEqual([
        'not a readable .zip: no end of central directory record (the file is truncated or not a zip)',
      ]);
    }
    for (let at = 0; at < crafted.bytes.length; at++) {
      const bytes = Buffer.from(crafted.bytes);
      bytes[at] = bytes[at]! ^ 0xff;
      const result = readZip(bytes, 'flipped.zip');
      expect(result.entries.size + result.notifications.length).toBeGreaterThan(0);
    }
  });
});

describe('macOS archive metadata', () => {
  // An AppleDouble file: a magic number and binary attributes, named after the file it describes.
  const appleDouble = new Uint8Array([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00, 0x4d, 0x61, 0x63, 0x20, 0x4f, 0x53, 0x20, 0x58, 0, 0, 0, 0]);
  const app = {
    'shop/app.json': '{"pages":["pages/index/index"]}',
    'shop/pages/index/index.js': "Page({ onLoad() { wx.request({ url: 'http://api.example.com/list' }); } });",
  };

  it('is not read from a zip made on a Mac (__MACOSX/ and ._ files)', () => {
    const contents = readZip(zipOf({ ...app, '__MACOSX/shop/._app.json': appleDouble, '__MACOSX/shop/pages/index/._index.js': appleDouble, 'shop/pages/index/._index.js': appleDouble }), 'mac.zip');
    expect([...contents.entries.keys()].sort()).toEqual(['shop/app.json', 'shop/pages/index/index.js']);
    expect(contents.notifications).toEqual([]);
  });

  it('is not read from a folder either, and the scan reports nothing about it', () => {
    const root = tempProject({ 'app.json': app['shop/app.json'], 'pages/index/index.js': app['shop/pages/index/index.js'] });
    writeFileSync(join(root, '._app.json'), appleDouble);
    const result = scanProject(root, onlyRules(['insecure-transport']));
    expect(result.notifications).toEqual([]);
    expect(findingKeys(result)).toEqual(['insecure-transport pages/index/index.js:1:37']);
  });
});
