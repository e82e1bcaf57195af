import { describe, expect, it } from 'vitest';
import { scanProject } from '../../src/scan.js';
import type { ProjectResult } from '../../src/scan-result.js';
import { runMinivet } from '../helpers/run-cli.js';
import { findingKeys } from '../helpers/summarise.js';
import { tempProject } from '../helpers/temp-project.js';

const RULE = 'clipboard-read';
const findings = (project: ProjectResult) => project.findings.filter((f) => f.ruleId === RULE);
const keys = (project: ProjectResult) => findingKeys(project).filter((key) => key.startsWith(`${RULE} `));

/** A one-page project of the platform whose marker file is given, with `code` as the page script. */
function project(code: string, extra: Record<string, string> = {}): ProjectResult {
  return scanProject(tempProject({ 'app.json': '{"pages":["pages/index/index"]}', 'pages/index/index.js': code, ...extra }));
}

describe('clipboard-read on fixtures/sandbox-clipboard (WeChat, with a consent flow)', () => {
  const scanned = scanProject('fixtures/sandbox-clipboard');

  it('reports every read: direct, through an alias, destructured, promisified, inside a TypeScript wrapper', () => {
    expect(keys(scanned)).toEqual([
      'clipboard-read pages/index/index.js:4:5',
      'clipboard-read pages/paste/paste.js:7:5',
      'clipboard-read pages/paste/paste.js:10:5',
      'clipboard-read pages/paste/paste.js:13:28',
      'clipboard-read utils/clipboard.ts:3:35',
    ]);
    expect(findings(scanned).every((f) => f.severity === 'warning')).toBe(true);
  });

  it('says the mini-app has a consent flow, and where', () => {
    const [first] = findings(scanned);
    expect(first!.message).toContain('wx.getClipboardData reads the system clipboard, which every app on the device shares');
    expect(first!.message).toContain('The mini-app has a privacy consent flow (wx.onNeedPrivacyAuthorization at app.js:3)');
    expect(findings(scanned).map((f) => f.properties?.consentFlow)).toEqual(['present', 'present', 'present', 'present', 'present']);
    expect(findings(scanned)[3]!.message).toContain('wx.getClipboardData (passed as a function value) reads');
  });

  it('stays quiet on writes, comments, strings, feature tests, page methods of the same name and other platforms\' APIs', () => {
    expect(keys(scanned).filter((key) => key.includes('pages/index/index.js'))).toEqual(['clipboard-read pages/index/index.js:4:5']);
    expect(keys(scanned).some((key) => key.includes('pages/privacy/'))).toBe(false);
  });
});

describe('clipboard-read: the consent flow in the message', () => {
  const read = "Page({ onPaste() { wx.getClipboardData({ success() {} }); } });";

  it('says when there is none, naming what is missing', () => {
    const [finding] = findings(project(read));
    expect(finding!.message).toContain(
      'The mini-app has no privacy consent flow (no onNeedPrivacyAuthorization or requirePrivacyAuthorize and no button open-type="agreePrivacyAuthorization")',
    );
    expect(finding!.properties).toEqual({ api: 'wx.getClipboardData', consentFlow: 'absent' });
  });

  it('counts requirePrivacyAuthorize and the agree button, but not getPrivacySetting alone', () => {
    const viaApi = findings(project(read, { 'app.js': 'wx.requirePrivacyAuthorize({ success() {} }); App({});' }));
    expect(viaApi[0]!.message).toContain('privacy consent flow (wx.requirePrivacyAuthorize at app.js:1)');
    const viaButton = findings(project(read, { 'pages/index/index.wxml': '<button open-type="agreePrivacyAuthorization">OK</button>' }));
    expect(viaButton[0]!.message).toContain('privacy consent flow (open-type="agreePrivacyAuthorization" at pages/index/index.wxml:1)');
    const settingOnly = findings(project(read, { 'app.js': 'wx.getPrivacySetting({ success() {} }); App({});' }));
    expect(settingOnly[0]!.properties?.consentFlow).toBe('absent');
  });

  it('notes files that could not be analysed when no flow was found', () => {
    const [finding] = findings(project(read, { 'app.js': 'App({ ' }));
    expect(finding!.message).toContain('1 file(s) could not be analysed; a consent flow there would not be seen');
  });
});

describe('clipboard-read on other platforms and frameworks', () => {
  it('reports my.getClipboard on Alipay, where no consent flow exists, and not my.getClipboardData', () => {
    const alipay = scanProject('fixtures/sandbox-clipboard-alipay');
    expect(keys(alipay)).toEqual(['clipboard-read pages/index/index.js:3:5']);
    expect(findings(alipay)[0]!.message).toContain('my.getClipboard reads the system clipboard');
    expect(findings(alipay)[0]!.message).toContain('Alipay gives mini-apps no privacy-consent flow to put in front of it');
    expect(findings(alipay)[0]!.properties?.consentFlow).toBe('unsupported');
  });

  it("reports WeChat's getClipboardData on Alipay where a converted app's API shim answers to it, not on my itself", () => {
    const page = [
      "const _my = require('/__antmove/api/index.js')(my);",
      'Page({',
      "  onLoad() { _my.showToast({ title: 'hi' }); _my.setStorageSync('k', 1); },",
      '  onPaste() { _my.getClipboardData({ success: (res) => this.setData({ code: res.data }) }); my.getClipboardData(); },',
      '});',
    ].join('\n');
    const project = scanProject(tempProject({ 'app.json': '{"pages":["pages/index/index"]}', 'mini.project.json': '{}', 'pages/index/index.axml': '<view/>', 'pages/index/index.js': page }));
    expect(keys(project)).toEqual(['clipboard-read pages/index/index.js:4:15']);
  });

  it("leaves the body of a converter's shim table entry while the app never calls it; not a table of too few API names", () => {
    const entries = ['showToast', 'setStorageSync', 'getStorageSync', 'navigateTo', 'makePhoneCall'].map((name) => `${name}: { fn: function fn(o) { my.${name}(o); } },`).join(' ');
    const shims = `module.exports = { ${entries} getClipboardData: { fn: function fn(obj = {}) { my.getClipboard({ ...obj }); } } };`;
    const small = 'module.exports = { showToast: function (o) { my.showToast(o); }, getClipboardData: function (o) { my.getClipboard(o); } };';
    const files = { 'app.json': '{"pages":["pages/index/index"]}', 'mini.project.json': '{}', 'pages/index/index.axml': '<view/>', '__antmove/api/my.js': shims, 'utils/clip.js': small };
    expect(keys(scanProject(tempProject({ ...files, 'pages/index/index.js': 'Page({});' })))).toEqual(['clipboard-read utils/clip.js:1:99']);
    // Once the app calls the shim, its body reads too, and the call is reported where it is.
    const called = "const _my = require('../../__antmove/api/my.js');\nPage({ onShow() { _my.showToast({}); _my.setStorageSync('k', 1); _my.getClipboardData({}); } });";
    expect(keys(scanProject(tempProject({ ...files, 'pages/index/index.js': called })))).toEqual(['clipboard-read __antmove/api/my.js:1:378', 'clipboard-read pages/index/index.js:2:66', 'clipboard-read utils/clip.js:1:99']);
  });

  it('reports Douyin, Baidu and QQ reads (QQ also answers to wx)', () => {
    const douyin = project("Page({ onShow() { tt.getClipboardData({}); } });", { 'project.tt.json': '{}', 'app.js': 'tt.onNeedPrivacyAuthorization((resolve) => resolve({ event: "agree" })); App({});' });
    expect(keys(douyin)).toEqual(['clipboard-read pages/index/index.js:1:19']);
    expect(findings(douyin)[0]!.properties?.consentFlow).toBe('present');
    const baidu = project("Page({ onShow() { swan.getClipboardData({}); } });", { 'project.swan.json': '{}' });
    expect(keys(baidu)).toEqual(['clipboard-read pages/index/index.js:1:19']);
    const qq = scanProject(tempProject({ 'app.json': '{"pages":["pages/index/index"]}', 'pages/index/index.qml': '<view/>', 'pages/index/index.js': 'qq.getClipboardData({}); wx.getClipboardData({});' }));
    expect(keys(qq)).toEqual(['clipboard-read pages/index/index.js:1:1', 'clipboard-read pages/index/index.js:1:26']);
  });

  it('reports uni and Taro reads under the framework name, on any platform', () => {
    const uni = project("export default { methods: { paste() { uni.getClipboardData({}); } } };");
    expect(keys(uni)).toEqual(['clipboard-read pages/index/index.js:1:39']);
    expect(findings(uni)[0]!.message).toContain('uni.getClipboardData (uni compiles to the platform API) reads');
    const taro = project("import Taro from '@tarojs/taro';\nexport async function paste() { return Taro.getClipboardData(); }");
    expect(keys(taro)).toEqual(['clipboard-read pages/index/index.js:2:40']);
    const uniOnAlipay = project('uni.getClipboardData({});', { 'mini.project.json': '{}' });
    expect(keys(uniOnAlipay)).toEqual(['clipboard-read pages/index/index.js:1:1']);
  });

  it('marks reads in shipped third-party code', () => {
    const scanned = project('Page({});', { 'miniprogram_npm/share-code/index.js': 'module.exports = () => wx.getClipboardData({});' });
    expect(keys(scanned)).toEqual(['clipboard-read miniprogram_npm/share-code/index.js:1:24']);
    expect(findings(scanned)[0]!.thirdParty).toBe(true);
  });
});

describe('clipboard-read through the CLI', () => {
  it('prints the finding as a warning, and follows --rule', () => {
    const run = runMinivet(['scan', 'fixtures/sandbox-clipboard-alipay', '--no-color']);
    expect(run.stdout).toMatch(/3:5\s+warning\s+my\.getClipboard reads the system clipboard.*clipboard-read/);
    const raised = runMinivet(['scan', 'fixtures/sandbox-clipboard-alipay', '--rule', 'clipboard-read=error', '--format', 'json']);
    expect(raised.code).toBe(1);
    expect(raised.stdout).toMatch(/"ruleId": "clipboard-read",\s+"severity": "error"/);
    const off = runMinivet(['scan', 'fixtures/sandbox-clipboard-alipay', '--rule', 'clipboard-read=off', '--format', 'json']);
    expect(off.stdout).not.toContain('"clipboard-read"');
  });
});
