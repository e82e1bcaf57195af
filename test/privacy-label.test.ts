import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseDeclaredPrivacy } from '../src/config/declared-privacy.js';
import { scanProject } from '../src/scan.js';
import { onlyRules } from './helpers/rule-sets.js';
import { readFileSync } from 'node:fs';
import { REPO, runMinivet } from './helpers/run-cli.js';
import { tempProject } from './helpers/temp-project.js';

const FIXTURE = 'fixtures/privacy-declared';
const DECLARATION = `${FIXTURE}/privacy-declaration.json`;

interface Label {
  bundles: {
    categories: { key: string; via: string[]; sdks: string[]; sentTo: { destination: string; targets: string[] }[]; places: { file: string; line: number }[] }[];
    otherData: { data: string; destination: string }[];
    declaration?: { undeclared: string[]; overDeclared: string[] };
  }[];
}

function label(args: string[]): Label {
  const run = runMinivet(['privacy-label', ...args, '-f', 'json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Label;
}

describe('minivet privacy-label', () => {
  it('lists the categories the code makes required, in WeChat\'s order, with their interfaces and places', () => {
    const [bundle] = label([FIXTURE]).bundles;
    expect(bundle!.categories.map((c) => c.key)).toEqual(['Location', 'PhoneNumber', 'Album']);
    expect(bundle!.categories.map((c) => c.via)).toEqual([['wx.getLocation'], ['open-type="getPhoneNumber"'], ['wx.chooseMedia']]);
    expect(bundle!.categories[0]!.places).toEqual([{ file: 'pages/index/index.js', line: 4 }]);
    expect(bundle!.declaration).toBeUndefined();
  });

  it('with --declared, names what is collected but not declared, declared but not collected, and unknown keys, whatever the rules', () => {
    const [bundle] = label([FIXTURE, '--declared', DECLARATION]).bundles;
    expect(bundle!.declaration).toEqual({ undeclared: ['Album'], overDeclared: ['Camera'], unknown: ['MyCustomKey'] });
    const [rulesOff] = label([FIXTURE, '--declared', DECLARATION, '--rule', 'undeclared-data-collection=off', '--rule', 'over-declared-data=off']).bundles;
    expect(rulesOff!.declaration).toEqual(bundle!.declaration);
  });

  it('gives a category only the destinations of its own interfaces', () => {
    const app = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/index/index'], requiredPrivateInfos: ['getLocation', 'chooseLocation'] }),
      'pages/index/index.js': "Page({ onLoad() { wx.getLocation({ success(res) { wx.setStorageSync('here', res); } }); }, pick() { wx.chooseLocation({ success(place) { wx.request({ url: 'https://api.example.com/place', data: place }); } }); } });\n",
    });
    const categories = label([app]).bundles[0]!.categories;
    expect(categories.map((c) => [c.key, c.sentTo])).toEqual([
      ['ChooseLocation', [{ destination: 'network', targets: ['api.example.com'] }]],
      ['Location', [{ destination: 'storage', targets: ['key "here"'] }]],
    ]);
  });

  it('does not take a page that sends to a tracker host for the tracker\'s own code', () => {
    const app = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/index/index'], requiredPrivateInfos: ['getLocation'] }),
      'pages/index/index.js': "Page({ onLoad() { wx.getLocation({ success(res) { wx.request({ url: 'https://umini.shujupie.com/wxm_logs', data: {} }); } }); } });\n",
    });
    expect(label([app]).bundles[0]!.categories[0]!.sdks).toEqual([]);
  });

  it('says where the data goes and which SDK collects it', () => {
    const app = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/index/index'], requiredPrivateInfos: ['getLocation'] }),
      'pages/index/index.js': "const umeng = require('../../utils/umtrack-wx.js');\nPage({ onLoad() { wx.getLocation({ success(res) { wx.setStorageSync('where', res); wx.request({ url: 'https://api.example.com/pos', data: res }); } }); } });\n",
      'utils/umtrack-wx.js': "module.exports = { init() { wx.getLocation({ success(r) { wx.request({ url: 'https://umini.shujupie.com/wxm_logs', data: r }); } }); } };\n",
      // A shipped Aldstat whose own code asks for the location.
      'utils/ald-stat.js': `${readFileSync(join(REPO, 'fixtures/tracking-sdks/utils/ald-stat.js'), 'utf8')}\nwx.getLocation({ type: 'wgs84' });\n`,
    });
    const [bundle] = label([app]).bundles;
    const location = bundle!.categories.find((c) => c.key === 'Location')!;
    expect(location.sentTo.find((s) => s.destination === 'storage')?.targets).toEqual(['key "where"']);
    expect(location.sentTo.find((s) => s.destination === 'network')?.targets).toEqual(['api.example.com', 'umini.shujupie.com']);
    // Aldstat's shipped code calls wx.getLocation itself; a file that only sends to a tracker's host is not the tracker's code.
    expect(location.sdks).toEqual(['Aldstat (阿拉丁统计)']);
    expect(bundle!.categories.map((c) => c.key)).toEqual(['Location']);
  });

  it('writes Markdown with bundle text escaped', () => {
    const run = runMinivet(['privacy-label', FIXTURE]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('| 位置信息 (location) | Location | wx.getLocation |');
    expect(run.stdout).toContain('open-type="getPhoneNumber"');
  });

  it('counts withdrawn interfaces still in the guide, and the categories that gate an API handing over no data', () => {
    const app = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'pages/index/index.wxml': '<button open-type="getUserInfo" bindgetuserinfo="onUser">Log in</button>\n',
      'pages/index/index.js': "Page({ copy() { wx.setClipboardData({ data: 'x' }); }, tilt() { wx.startGyroscope({}); }, look() { this.startCompass(); } });\n",
    });
    expect(label([app]).bundles[0]!.categories.map((c) => c.key)).toEqual(['UserInfo', 'Clipboard', 'Gyroscope']);
  });

  it('treats chooseLocation as its own category, not Location', () => {
    const app = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/index/index'], requiredPrivateInfos: ['chooseLocation'] }),
      'pages/index/index.js': 'Page({ pick() { wx.chooseLocation({}); } });\n',
      'privacy-declaration.json': JSON.stringify({ categories: ['Location'] }),
    });
    const project = scanProject(app, { ...onlyRules(['undeclared-data-collection', 'over-declared-data']), declared: parseDeclaredPrivacy(JSON.stringify({ categories: ['Location'] }), join(app, 'privacy-declaration.json')) });
    expect(project.findings.map((f) => `${f.ruleId} ${String(f.properties?.category)}`)).toEqual(['undeclared-data-collection ChooseLocation', 'over-declared-data Location']);
  });
});

describe('--declared', () => {
  it('reports an undeclared category at the code and an over-declared one at its key, and nothing for look-alikes', () => {
    const run = runMinivet(['scan', FIXTURE, '--declared', DECLARATION, '-f', 'json', '--rule', 'privacy-api-without-consent=off', '--rule', 'abusive-permission-prompt=off']);
    const findings = (JSON.parse(run.stdout) as { projects: { findings: { ruleId: string; file: string; line: number }[] }[] }).projects[0]!.findings;
    expect(findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual([
      'undeclared-data-collection pages/index/index.js:8',
      'over-declared-data privacy-declaration.json:7',
    ]);
  });

  it('does not apply a guide declared for another platform, and says so', () => {
    const other = tempProject({ 'decl.json': JSON.stringify({ platform: 'alipay', categories: ['location'] }) });
    const run = runMinivet(['scan', FIXTURE, '--declared', join(other, 'decl.json'), '-f', 'json']);
    const project = (JSON.parse(run.stdout) as { projects: { findings: { ruleId: string }[]; notifications: { message: string }[] }[] }).projects[0]!;
    expect(project.findings.filter((f) => f.ruleId.includes('declared'))).toEqual([]);
    expect(project.notifications.map((n) => n.message)).toContainEqual(expect.stringContaining('is for alipay, and this bundle is wechat: it was not applied'));
    // The note hides no other problem of the manifest.
    const broken = tempProject({ 'app.json/placeholder': '', 'pages/index/index.js': 'Page({});\n', 'project.config.json': '{"miniprogramRoot":"./"}' });
    const brokenRun = runMinivet(['scan', broken, '--declared', join(other, 'decl.json'), '-f', 'json']);
    const messages = (JSON.parse(brokenRun.stdout) as { projects: { notifications: { message: string }[] }[] }).projects[0]!.notifications.map((n) => n.message);
    expect(messages).toContainEqual(expect.stringContaining('the manifest is a folder'));
  });

  it('notes declared keys it does not know, since a typo would pass silently', () => {
    const run = runMinivet(['scan', FIXTURE, '--declared', DECLARATION, '-f', 'json']);
    const notes = (JSON.parse(run.stdout) as { projects: { notifications: { file: string; message: string }[] }[] }).projects[0]!.notifications;
    expect(notes).toContainEqual(expect.objectContaining({ file: 'privacy-declaration.json', message: expect.stringContaining('"MyCustomKey"') }));
  });

  it('reads WeChat\'s getprivacysetting response as it is', () => {
    const declared = parseDeclaredPrivacy(
      JSON.stringify({ errcode: 0, errmsg: 'ok', setting_list: [{ privacy_key: 'Location', privacy_text: '门店' }, { privacy_key: 'Album', privacy_text: '评价' }], update_time: 1 }),
      'setting.json',
    );
    expect(declared.platform).toBe('wechat');
    expect(declared.categories.map((c) => [c.key, c.purpose])).toEqual([['Location', '门店'], ['Album', '评价']]);
  });

  it('turns a bad declaration into one clear input error before the scan', () => {
    const bad = tempProject({ 'a.json': '{ "categories": "Location" }', 'b.json': '{ "categories": [ { "purpose": "x" } ] }', 'c.json': '{ "categories": [', 'd.json': '{ "pages": [] }', 'e.json': '{ "categories": [""] }', 'f.json': `{ "categories": ["${'x'.repeat(1_100_000)}"] }` });
    for (const [file, expected] of [
      ['a.json', '"categories" must be an array'],
      ['b.json', 'a category has no "key" string'],
      ['c.json', 'line 1'],
      ['d.json', 'expected "categories"'],
      ['missing.json', 'cannot read declared privacy guide'],
      ['e.json', 'a category key is empty'],
      ['f.json', 'larger than 1 MB'],
    ]) {
      const run = runMinivet(['scan', FIXTURE, '--declared', join(bad, file!)]);
      expect(run.code, file).toBe(2);
      expect(run.stderr, file).toContain(expected);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
