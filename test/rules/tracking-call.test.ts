import { describe, expect, it } from 'vitest';
import { scanProject } from '../../src/scan.js';
import { tempProject } from '../helpers/temp-project.js';
import { runTrackingFileRules, trackingKeys } from './tracking-helpers.js';

const sdks = scanProject('fixtures/tracking-sdks');

describe('tracking-call: SDKs in their documented call shapes', () => {
  it('reports every call to a tracker, naming the SDK and the event', () => {
    expect(trackingKeys(sdks, 'tracking-call')).toEqual([
      'tracking-call app.js:2:1 umeng (init)',
      'tracking-call app.js:6:1 aldstat (init)',
      'tracking-call app.js:7:1 talkingdata (init)',
      'tracking-call app.js:11:1 umeng (init)',
      'tracking-call app.js:13:1 sensorsdata (init)',
      'tracking-call app.js:18:1 sensorsdata (init)',
      'tracking-call app.js:20:1 growingio (init)',
      'tracking-call app.js:22:1 datarangers (init)',
      'tracking-call app.js:23:1 datarangers (init)',
      'tracking-call app.js:25:12 gravityengine (init)',
      'tracking-call app.js:26:1 gravityengine (init)',
      'tracking-call app.js:30:5 wechat-analytics app_launch',
      'tracking-call miniprogram_npm/@datarangers/sdk-mp/index.js:2:14 datarangers (shipped SDK)',
      'tracking-call miniprogram_npm/umtrack-wx/index.js:2:16 umeng (shipped SDK)',
      'tracking-call pages/index/index.js:5:5 umeng home_show',
      'tracking-call pages/index/index.js:6:5 aldstat home_banner_click',
      'tracking-call pages/index/index.js:7:5 baidu-mobstat home_view',
      'tracking-call pages/index/index.js:8:5 talkingdata home_open',
      'tracking-call pages/index/index.js:9:5 tencent-youshu browse_wxapp_page',
      'tracking-call pages/index/index.js:10:5 jiguang-janalytics custom_counting',
      'tracking-call pages/index/index.js:11:5 wechat-analytics home_click',
      'tracking-call pages/index/index.js:12:5 wechat-analytics 1',
      'tracking-call pages/index/index.js:13:5 wechat-analytics 1101',
      'tracking-call pages/index/index.js:17:5 umeng (dynamic)',
      'tracking-call pages/min/min.js:1:127 sensorsdata min_view',
      'tracking-call pages/min/min.js:1:153 aldstat min_ald',
      'tracking-call pages/min/min.js:1:184 growingio min_gio',
      'tracking-call pages/min/min.js:1:220 umeng min_uma',
      'tracking-call pages/min/min.js:1:249 wechat-analytics min_report',
      'tracking-call pages/shop/shop.js:12:5 tencent-mta (init)',
      'tracking-call pages/shop/shop.js:16:5 sensorsdata add_to_cart',
      'tracking-call pages/shop/shop.js:17:5 growingio order_submit',
      'tracking-call pages/shop/shop.js:18:5 datarangers checkout',
      'tracking-call pages/shop/shop.js:19:5 tencent-mta shop_enter',
      'tracking-call pages/shop/shop.js:20:5 gravityengine pay_click',
      'tracking-call pages/shop/shop.js:21:5 thinkingdata cart_add',
      'tracking-call pages/shop/shop.js:24:5 google-analytics purchase',
      'tracking-call utils/ald-stat.js:4:15 aldstat (shipped SDK)',
      'tracking-call utils/gio/gio-wechat.js:2:12 growingio (shipped SDK)',
      'tracking-call utils/gravityengine.wx.min.js:1:7 gravityengine (shipped SDK)',
      'tracking-call utils/mta_analysis.js:2:16 tencent-mta (shipped SDK)',
      'tracking-call utils/mtj-wx-sdk.js:2:17 baidu-mobstat (shipped SDK)',
    ]);
  });

  it("reports the session calls of Umeng's Alipay SDK, with the event each one reports", () => {
    const app = "import uma from 'umtrack-alipay';\nApp({\n  onLaunch() { uma.init('5d0340b50cafb268fa000df3', my); },\n  onShow() { uma.resume(); },\n  onHide() { uma.pause(); },\n});\n";
    const calls = runTrackingFileRules(app, { path: 'app.js', platform: 'alipay' }).filter((f) => f.ruleId === 'tracking-call');
    expect(calls.map((f) => `${f.location.region.start.line} ${f.properties?.method} ${f.properties?.event}`)).toEqual(['3 init (init)', '4 resume app shown (session start)', '5 pause app hidden (session end)', '1 (load) (init)']);
  });

  it('is a note by default and carries sdk, event, kind and hosts', () => {
    const call = sdks.findings.find((f) => f.ruleId === 'tracking-call' && f.properties?.event === 'home_show')!;
    expect(call.severity).toBe('note');
    expect(call.message).toBe('wx.uma.trackEvent sends event "home_show" to Umeng (U-Mini); its collection hosts are umini.shujupie.com and ulogs.umeng.com.');
    expect(call.properties).toMatchObject({ sdk: 'umeng', event: 'home_show', kind: 'third-party', method: 'trackEvent', hosts: ['umini.shujupie.com', 'ulogs.umeng.com'] });
    const configured = sdks.findings.find((f) => f.ruleId === 'tracking-call' && f.properties?.sdk === 'sensorsdata' && f.properties?.event === '(init)')!;
    expect(configured.properties?.hosts).toEqual(['demo.datasink.sensorsdata.cn']);
    const ga = sdks.findings.find((f) => f.properties?.sdk === 'google-analytics')!;
    expect(ga.message).toContain('wx.request sends event "purchase" straight to Google Analytics');
  });

  it('notes a shipped SDK file that nothing imports, and only that one', () => {
    const shipped = sdks.findings.filter((f) => f.properties?.shipped === true);
    expect(shipped.filter((f) => f.properties?.shippedButNotImported === true).map((f) => f.location.file)).toEqual(['utils/mtj-wx-sdk.js']);
    const lonely = shipped.find((f) => f.location.file === 'utils/mtj-wx-sdk.js')!;
    expect(lonely.message).toContain('No analysed file imports it, but it is shipped code');
    expect(shipped.find((f) => f.location.file.startsWith('miniprogram_npm/umtrack-wx'))!.thirdParty).toBe(true);
  });

  it('reports nothing for look-alikes: local helpers, local objects, strings, comments, page methods, the app\'s own server', () => {
    expect(sdks.findings.filter((f) => f.location.file === 'pages/neg/neg.js')).toEqual([]);
    // Requests inside a shipped SDK are its own plumbing: the shipped-SDK finding stands for them.
    expect(sdks.findings.filter((f) => f.location.file === 'utils/ald-stat.js').map((f) => f.properties?.event)).toEqual(['(shipped SDK)']);
  });

  it('gives byte-identical findings on a second scan', () => {
    expect(JSON.stringify(scanProject('fixtures/tracking-sdks').findings)).toBe(JSON.stringify(sdks.findings));
  });

  it('is a warning in the strict profile', () => {
    const strict = scanProject('fixtures/tracking-alipay', { profile: 'strict' });
    expect(strict.findings.filter((f) => f.ruleId === 'tracking-call').map((f) => f.severity)).toEqual(['warning', 'warning', 'warning', 'warning']);
  });

  it('covers Alipay: my.reportAnalytics and umtrack-alipay', () => {
    expect(trackingKeys(scanProject('fixtures/tracking-alipay'), 'tracking-call')).toEqual([
      'tracking-call app.js:1:1 umeng (init)',
      'tracking-call app.js:3:1 umeng (init)',
      'tracking-call pages/index/index.js:3:5 alipay-analytics tap_buy',
      'tracking-call pages/index/index.js:4:5 umeng buy',
    ]);
  });

  it('leaves a platform analytics call with no event name, which reports nothing (an unused shim of the API)', () => {
    const shim = 'module.exports = { reportAnalytics: function reportAnalytics() { return my.reportAnalytics(); }, track: function (k, v) { return my.reportAnalytics(k, v); } };';
    expect(runTrackingFileRules(shim, { path: 'wx2my.js', platform: 'alipay' }).filter((f) => f.ruleId === 'tracking-call').map((f) => f.location.region.start.line + ':' + f.location.region.start.column)).toEqual(['1:130']);
  });

  it("leaves a converter's shim table entry of the analytics API, which sends what its callers pass; not another entry calling it", () => {
    const entries = ['showToast', 'setStorageSync', 'getStorageSync', 'navigateTo', 'makePhoneCall'].map((name) => `${name}: { fn: function fn(o) { my.${name}(o); } },`).join(' ');
    const shims = `module.exports = { ${entries} reportAnalytics: { fn: function fn(key, value) { return my.reportAnalytics(key, value); } }, trackTap: { fn: function fn(key) { return my.reportAnalytics('tap', { key }); } } };`;
    expect(runTrackingFileRules(shims, { path: '__antmove/api/my.js', platform: 'alipay' }).filter((f) => f.ruleId === 'tracking-call').map((f) => f.message)).toEqual([expect.stringContaining('event "tap"')]);
  });

  it('covers Douyin, Baidu and frameworks: tt/swan.reportAnalytics, tt.sendtoTAQ, uni.reportEvent, aliases and computed names, and a DataRangers handle kept as this.$Rangers', () => {
    const douyin = runTrackingFileRules("const t = tt; t.reportAnalytics('tap', {}); tt['reportAnalytics']('tap2', {});", { platform: 'bytedance' });
    expect(douyin.map((f) => `${f.properties?.sdk} ${f.properties?.event}`)).toEqual(['bytedance-analytics tap', 'bytedance-analytics tap2']);
    // A DataRangers instance kept as `this.$Rangers` (a Taro build's analytics helper), whatever module the class came from.
    const rangers = runTrackingFileRules("function A() { this.$Rangers = new l.Z(); this.$Rangers.init({ app_id: 1 }); this.$Rangers.event('pay', {}); }", { platform: 'wechat' });
    expect(rangers.map((f) => `${f.properties?.sdk} ${f.properties?.event}`)).toEqual(['datarangers (init)', 'datarangers pay']);
    // Douyin's ad-conversion events name themselves in their options: `tt.sendtoTAQ({ event_type: 'form', extra })`.
    const conversions = runTrackingFileRules("tt.sendtoTAQ({ event_type: 'form', extra: { page: '/pages/about/inquiry' } }); tt.sendTAQ({ event_type: 'x' });", { platform: 'bytedance' });
    expect(conversions.map((f) => `${f.properties?.sdk} ${f.properties?.event}`)).toEqual(['bytedance-analytics form']);
    const baidu = runTrackingFileRules("swan.reportAnalytics('purchase', { price: 1 });", { platform: 'baidu' });
    expect(baidu.map((f) => f.properties?.sdk)).toEqual(['baidu-analytics']);
    const uni = runTrackingFileRules("uni.reportEvent('open', {}); Taro.reportAnalytics('t', {});");
    expect(uni.map((f) => `${f.properties?.sdk} ${f.properties?.event}`)).toEqual(['wechat-analytics open', 'wechat-analytics t']);
  });

  it('does not take feature tests, overrides or values for calls', () => {
    const code = "if (wx.reportEvent) {} const ok = typeof wx.reportAnalytics === 'function'; wx.reportEvent = function () {};";
    expect(runTrackingFileRules(code)).toEqual([]);
  });

  it('recognises user-defined trackers from the configuration', () => {
    const code = "const acme = require('@acme/stat-mp'); acme.track('signup', { plan: 'pro' }); wx.request({ url: 'https://eu.collect.acme.example/v1', data: {} });";
    const findings = runTrackingFileRules(code, {
      settings: { trackers: [{ id: 'acme-stat', name: 'Acme Stat', modules: ['@acme/stat-mp'], eventMethods: ['track'], hosts: ['*.collect.acme.example'] }] },
    });
    expect(findings.filter((f) => f.ruleId === 'tracking-call').map((f) => `${f.properties?.sdk} ${f.properties?.event}`)).toEqual(['acme-stat signup', 'acme-stat (dynamic)']);
  });
});

describe('tracking-call: vendor policy', () => {
  const policy = { allowedTrackers: ['wechat-analytics', 'sensorsdata'], allowedHosts: ['*.datasink.sensorsdata.cn'] };
  const project = scanProject('fixtures/tracking-sdks', { policy });
  const calls = project.findings.filter((f) => f.ruleId === 'tracking-call');

  it('raises trackers outside the policy to error and says why', () => {
    const umeng = calls.find((f) => f.properties?.event === 'home_show')!;
    expect(umeng.severity).toBe('error');
    expect(umeng.properties?.policy).toBe('disallowed');
    expect(umeng.message).toContain('Not allowed: tracker "umeng" is not in the vendor policy\'s allowedTrackers.');
    expect(calls.filter((f) => f.properties?.sdk === 'umeng').every((f) => f.severity === 'error')).toBe(true);
  });

  it('keeps allowed trackers and hosts at their configured severity', () => {
    expect(calls.filter((f) => f.properties?.sdk === 'wechat-analytics').every((f) => f.severity === 'note')).toBe(true);
    expect(calls.filter((f) => f.properties?.sdk === 'sensorsdata').every((f) => f.severity === 'note')).toBe(true);
  });

  it('refuses an allowed tracker that sends to a host outside allowedHosts', () => {
    const dir = tempProject({
      'app.json': '{"pages":["pages/index/index"]}',
      'project.config.json': '{}',
      'app.js': "const sensors = require('sa-sdk-miniprogram'); sensors.setPara({ server_url: 'https://sa.example.com/sa' }); App({});",
    });
    const finding = scanProject(dir, { policy }).findings.find((f) => f.ruleId === 'tracking-call')!;
    expect(finding.severity).toBe('error');
    expect(finding.message).toContain('host sa.example.com is not in the vendor policy\'s allowedHosts');
  });
});

describe('tracking-call: SDK handles however the code reaches them', () => {
  const dir = tempProject({
    'app.json': '{"pages":["pages/index/index"]}',
    'project.config.json': '{}',
    'app.js': "require('./utils/ald-stat.js');\nimport './utils/td_sdk/tdweapp.js';\nApp({});",
    'utils/ald-stat.js': 'module.exports = {};',
    'utils/td_sdk/tdweapp.js': 'module.exports = {};',
    'pages/index/index.js': [
      "const ald = require('../../utils/ald-stat.js');",
      "var _sensorsdata = require('../../utils/sensorsdata.js'), _sensorsdata2 = _interopRequireDefault(_sensorsdata);",
      "_sensorsdata2.default.track('buy', {});",
      "getApp().td_app_sdk.event({ id: 'open' });",
      "mta.Event.stat('share', {});",
      "const helper = _interopRequireDefault(require('../../utils/helper.js'));",
      "helper.default.track('not-a-tracker', {});",
      'Page({});',
    ].join('\n'),
    'utils/sensorsdata.js': 'module.exports = {};',
    'utils/helper.js': 'module.exports = { track() {} };',
  });
  const keys = trackingKeys(scanProject(dir), 'tracking-call');

  it('takes loading a self-starting SDK in app.js as its start, and a page loading it again as a use', () => {
    expect(keys).toContain('tracking-call app.js:1:1 aldstat (init)');
    expect(keys).toContain('tracking-call app.js:2:1 talkingdata (init)');
    expect(keys.filter((key) => key.startsWith('tracking-call pages/index/index.js:1:'))).toEqual([]);
  });

  it('follows compiler interop wrappers, App properties the SDK attaches itself to, and documented globals', () => {
    expect(keys).toContain('tracking-call pages/index/index.js:3:1 sensorsdata buy');
    expect(keys).toContain('tracking-call pages/index/index.js:4:1 talkingdata open');
    expect(keys).toContain('tracking-call pages/index/index.js:5:1 tencent-mta share');
    expect(keys.some((key) => key.includes('not-a-tracker'))).toBe(false);
  });
});

describe("tracking-call: GrowingIO's gio-minp set up with one options object", () => {
  it("reports gio('setConfig', options) as the SDK's init, and reads its host", () => {
    const dir = tempProject({
      'app.json': '{"pages":["pages/index/index"]}',
      'app.js': "import { gioInit } from './utils/gioConfig.js';\ngioInit();\nApp({});",
      'utils/gioConfig.js': [
        "const gio = require('./gio-minp/index.js').default;",
        "const config = { projectId: 'ae08570d515c7766', appId: 'wx0000000000000000', host: 'collect.example.com' };",
        "function gioInit() { gio('setConfig', config); }",
        'module.exports = { gioInit };',
      ].join('\n'),
      'utils/gio-minp/index.js': 'module.exports = { default: function gio() {} };',
      'pages/index/index.js': "const gio = require('../../utils/gio-minp/index.js').default;\ngio('setConfigs', {});\nPage({});",
    });
    const findings = scanProject(dir).findings.filter((f) => f.ruleId === 'tracking-call' && !f.location.file.includes('gio-minp'));
    expect(findings.map((f) => `${f.location.file}:${f.location.region.start.line} ${f.properties?.event}`)).toEqual(['utils/gioConfig.js:3 (init)']);
    expect(findings[0]!.properties?.hosts).toEqual(['collect.example.com']);
  });
});

describe('tracking-call: SDK handles that travel between modules (through the data flow)', () => {
  const dir = tempProject({
    'app.json': '{"pages":["pages/index/index"]}',
    'project.config.json': '{}',
    'app.js': [
      "import sensors from 'sa-sdk-miniprogram';",
      "import { notSdk } from './utils/plain';",
      'App({ sdk: sensors, onLaunch() { notSdk.track("launch"); } });',
    ].join('\n'),
    'utils/analytics.js': [
      "import sensors from 'sa-sdk-miniprogram';",
      'export const sa = sensors;',
      'export default sensors;',
      'export function report(name) { sensors.track(name, {}); }',
    ].join('\n'),
    'utils/cjs.js': "const sensors = require('sa-sdk-miniprogram');\nmodule.exports = { handle: sensors, version: '1' };",
    'utils/plain.js': 'export const notSdk = { track() {} };\nexport const config = { track() {} };',
    'utils/send.js': 'export function send(sdk, name) { sdk.track(name, {}); }',
    'pages/index/index.js': [
      "import analytics, { sa, report } from '../../utils/analytics';",
      "import { config } from '../../utils/plain';",
      "import { send } from '../../utils/send';",
      "const { handle } = require('../../utils/cjs');",
      'Page({',
      "  onShow() { sa.track('show', {}); analytics.login('user-1'); },",
      "  onTap() { handle.track('tap', {}); getApp().sdk.track('via-app', {}); },",
      "  onBuy() { report('buy'); send(sa, 'sent'); config.track('config'); },",
      "  onOther() { sa.registerApp.track('field-of-handle'); this.track('own-method'); },",
      '});',
    ].join('\n'),
  });
  const keys = trackingKeys(scanProject(dir), 'tracking-call');

  it('follows a handle through named, default and CommonJS exports, and through getApp()', () => {
    expect(keys).toContain('tracking-call pages/index/index.js:6:14 sensorsdata show');
    expect(keys).toContain('tracking-call pages/index/index.js:6:36 sensorsdata login');
    expect(keys).toContain('tracking-call pages/index/index.js:7:13 sensorsdata tap');
    expect(keys).toContain('tracking-call pages/index/index.js:7:38 sensorsdata via-app');
  });

  it("reports an app's own helper at its SDK call, once, not at each call of the helper", () => {
    expect(keys).toContain('tracking-call utils/analytics.js:4:32 sensorsdata (dynamic)');
    expect(keys).toContain('tracking-call utils/send.js:1:35 sensorsdata (dynamic)');
    expect(keys.filter((key) => key.startsWith('tracking-call pages/index/index.js:8:'))).toEqual([]);
  });

  it('leaves methods of the same name on other objects, fields of a handle and page methods alone', () => {
    expect(keys.some((key) => /launch|config|field-of-handle|own-method/.test(key))).toBe(false);
  });

  it('points to where the SDK was loaded', () => {
    const finding = scanProject(dir).findings.find((f) => f.ruleId === 'tracking-call' && f.properties?.event === 'show');
    expect(finding?.relatedLocations?.[0]?.location.file).toBe('utils/analytics.js');
  });
});

describe('tracking-call: an SDK configured through an App option', () => {
  const dir = tempProject({
    'app.json': '{"pages":["pages/index/index"]}',
    'mini.project.json': '{}',
    'app.js': [
      "import 'umtrack-alipay';",
      'App({',
      "  umengConfig: { appKey: 'k', uploadUserInfo: true },",
      '  onLaunch() {},',
      '});',
    ].join('\n'),
    'pages/index/index.js': 'Page({});',
  });
  const project = scanProject(dir);

  it('reports the load and the option that configures it, and reads the option as the configuration', () => {
    expect(trackingKeys(project, 'tracking-call')).toEqual(['tracking-call app.js:1:1 umeng (init)', 'tracking-call app.js:3:3 umeng (init)']);
    expect(trackingKeys(project, 'identifier-to-tracker')).toEqual(['identifier-to-tracker app.js:3:3 umeng user-profile']);
  });
});

describe('tracking-call: an SDK reached under the App property its configuration names', () => {
  const dir = tempProject({
    'app.json': '{"pages":["pages/index/index"]}',
    'project.config.json': '{}',
    'app.js': "import { scStats } from './utils/shence';\nApp({ onLaunch() { scStats(); } });",
    'utils/shence.js': [
      'let sa = null;',
      'export function scStats() {',
      "  sa = require('./sensorsdata.min.js');",
      "  sa.setPara({ name: 'sc_stats', server_url: 'https://x.datasink.sensorsdata.cn/sa', autoTrack: { appLaunch: false, appShow: false, appHide: false, pageShow: false, pageShare: false } });",
      '  sa.init();',
      '}',
    ].join('\n'),
    'utils/sensorsdata.min.js': 'module.exports = {};',
    'pages/index/index.js': [
      'const app = getApp();',
      "Page({ onBuy() { app.sc_stats.track('buy', {}); app.other.track('not-sensors', {}); } });",
    ].join('\n'),
  });
  const keys = trackingKeys(scanProject(dir), 'tracking-call');

  it('follows setPara({ name }) to getApp()[name], and nothing else on the App', () => {
    expect(keys).toContain('tracking-call pages/index/index.js:2:18 sensorsdata buy');
    expect(keys.some((key) => key.includes('not-sensors'))).toBe(false);
  });
});

describe('tracking-call: calls that read what an SDK holds about the user', () => {
  it('reports sa.getPresetProperties() on the SDK, not a method of the same name elsewhere', () => {
    const dir = tempProject({
      'app.json': '{"pages":["pages/index/index"]}',
      'app.js': "const sa = require('./utils/sensorsdata.js');\nconst headers = sa.getPresetProperties();\nconst other = { getPresetProperties() { return {}; } };\nother.getPresetProperties();\nApp({});",
      'utils/sensorsdata.js': 'module.exports = {};',
      'pages/index/index.js': 'Page({});',
    });
    const reads = scanProject(dir).findings.filter((f) => f.ruleId === 'tracking-call' && f.properties?.event === 'getPresetProperties');
    expect(reads.map((f) => f.location.region.start.line)).toEqual([2]);
    expect(reads[0]!.message).toContain('reads what it holds about the user (getPresetProperties) from Sensors Data');
  });
});

describe("tracking-call: an SDK's file that builds its host at run time", () => {
  it('is the SDK shipped here, not the app sending to it', () => {
    const code = [
      '!function () { var a = "log";',
      '  function d() { wx.request({ url: "https://" + a + ".aldwx.com/config/app.json" }); }',
      '  function s(e) { wx.request({ url: "https://" + a + ".aldwx.com/d.html", data: e }); }',
      '}();',
    ].join('\n');
    const calls = (path: string) =>
      scanProject(tempProject({ 'app.json': '{"pages":["pages/a/a"]}', 'pages/a/a.js': 'Page({});', [path]: code }))
        .findings.filter((f) => f.ruleId === 'tracking-call')
        .map((f) => `${f.location.region.start.line} ${f.properties?.shipped === true ? 'shipped' : f.properties?.event}`);
    expect(calls('utils/ald-stat.js')).toEqual(['2 shipped']);
    expect(calls('utils/report.js')).toHaveLength(2);
  });
});

describe("tracking-call: the SDK's own code", () => {
  const dir = tempProject({
    'app.json': '{"pages":["pages/index/index"]}',
    'project.config.json': '{}',
    'utils/sensorsdata.min.js': "module.exports = { login(id) { this.track('$SignUp', { id }); }, track() {} };",
    'utils/analytics.js': "export const sa = require('./sensorsdata.min.js');",
    'pages/index/index.js': "import { sa } from '../../utils/analytics';\nPage({ onLogin() { sa.login('u1'); } });",
  });
  const keys = trackingKeys(scanProject(dir), 'tracking-call');

  it('is not the app calling the SDK: a handle reaching its own methods inside it is not reported', () => {
    expect(keys).toContain('tracking-call pages/index/index.js:2:20 sensorsdata login');
    expect(keys.some((key) => key.includes('$SignUp'))).toBe(false);
  });
});

describe("tracking-call: an SDK named by the collection endpoint its set-up call hands it", () => {
  const calls = (appJs: string) =>
    scanProject(tempProject({ 'app.json': '{"pages":["pages/a/a"]}', 'pages/a/a.js': 'Page({});', 'app.js': appJs }))
      .findings.filter((f) => f.ruleId === 'tracking-call' || f.ruleId === 'identifier-to-tracker')
      .map((f) => `${f.ruleId} ${f.location.region.start.line} ${f.properties?.sdk} ${f.properties?.event ?? (f.properties?.dataTypes as string[] | undefined)?.join(',')}`);

  it("reports a bundled module's init with ARMS RUM's endpoint as ARMS RUM's set-up, with the user fields it is given", () => {
    const appJs = [
      'var i = n("dfba");',
      "i.default.init({ pid: 'abc@123', endpoint: 'https://abc-default-cn.rum.aliyuncs.com', user: { name: wx.getStorageSync('loginphone') } });",
      'App({});',
    ].join('\n');
    expect(calls(appJs)).toEqual(['identifier-to-tracker 2 aliyun-arms-rum phone', 'tracking-call 2 aliyun-arms-rum (init)']);
  });

  it('takes no other init, and no other method, for its set-up', () => {
    const appJs = [
      'var i = n("dfba");',
      "i.default.init({ pid: 'abc@123', endpoint: 'https://collect.example.com/rum' });",
      "i.default.report({ endpoint: 'https://abc-default-cn.rum.aliyuncs.com' });",
      "i.default.init({ endpoint: 'https://rum.aliyuncs.com.example.com' });",
      'App({});',
    ].join('\n');
    // The endpoint written out elsewhere still names the SDK, as any of its collection URLs does, but as its code, not its set-up.
    expect(calls(appJs)).toEqual(['tracking-call 3 aliyun-arms-rum (shipped SDK)']);
  });
});

describe('tracking-call: Matomo, kept on the App or a Vue instance', () => {
  it("reports its page views, events and user id wherever the app keeps it, and nothing else of the same names", () => {
    const dir = tempProject({
      'app.json': '{"pages":["pages/a/a"]}',
      'app.js': "import MatomoTracker from '@datapunt/matomo-tracker-js';\nApp({ matomo: new MatomoTracker({ urlBase: 'https://stats.example.org/', siteId: 3 }) });",
      'pages/a/a.js': [
        'const app = getApp();',
        'Page({',
        "  onLoad() { app.matomo.trackPageView('home'); },",
        "  onTap() { getApp().matomo.trackEvent('cart', 'add', 'sku-1'); this.$matomo.setUserId(wx.getStorageSync('openid')); },",
        "  other() { this.tracker.trackPageView('x'); app.matomo.disableCookies(); },",
        '});',
      ].join('\n'),
    });
    const findings = scanProject(dir).findings.filter((f) => f.ruleId === 'tracking-call' && f.properties?.sdk === 'matomo');
    expect(findings.map((f) => `${f.location.file}:${f.location.region.start.line} ${f.properties?.event}`)).toEqual([
      'app.js:2 (init)',
      'pages/a/a.js:3 home',
      'pages/a/a.js:4 add',
      'pages/a/a.js:4 setUserId',
    ]);
    expect(findings[0]!.properties?.hosts).toEqual(['stats.example.org']);
  });
});

describe('tracking-call: a tracking package the bundle does not hold', () => {
  const found = (files: Record<string, string>, options = {}) =>
    scanProject(tempProject({ 'app.json': '{"pages":["pages/a/a"]}', 'pages/a/a.js': 'Page({});', ...files }), options)
      .findings.filter((f) => f.ruleId === 'tracking-call' && String(f.properties?.sdk).startsWith('package:'))
      .map((f) => `${f.location.file}:${f.location.region.start.line} ${f.properties?.sdk} ${f.severity}`);
  const app = "import '@acme/miniapp-tracker-sdk';\nimport debounce from 'lodash/debounce';\nimport track from './utils/tracker';\nimport uma from 'umtrack-wx';\nconst stats = require('tongji-lite/dist/index');\nApp({});";

  it('reports loading one whose name says it tracks, once per package, and not relative modules, other packages or catalogued SDKs', () => {
    expect(found({ 'app.js': app })).toEqual(['app.js:1 package:@acme/miniapp-tracker-sdk note', 'app.js:5 package:tongji-lite note']);
  });

  it('leaves a package the bundle ships to the analysis of its code, and is an error under a policy that does not allow it', () => {
    expect(found({ 'app.js': app, 'miniprogram_npm/@acme/miniapp-tracker-sdk/index.js': 'module.exports = {};', 'miniprogram_npm/tongji-lite/dist/index.js': 'module.exports = {};' })).toEqual([]);
    expect(found({ 'app.js': app }, { policy: { allowedTrackers: ['umeng'] } })).toEqual(['app.js:1 package:@acme/miniapp-tracker-sdk error', 'app.js:5 package:tongji-lite error']);
  });
});

describe('tracking-call: calls on a tracker a package puts on the App instance', () => {
  const found = (files: Record<string, string>) =>
    scanProject(tempProject({ 'app.json': '{"pages":["pages/a/a"]}', ...files }))
      .findings.filter((f) => f.ruleId === 'tracking-call' && f.properties?.method !== '(load)' && String(f.properties?.sdk).startsWith('package:'))
      .map((f) => `${f.location.file}:${f.location.region.start.line} ${f.properties?.method} ${f.properties?.role} ${f.properties?.event}`);
  const load = "import '@acme/miniapp-tracker-sdk';\n";
  const app = "App({\n  onLaunch() { this.Tracker.App.config({ appName: 'shop' }); },\n  onError(e) { this.Tracker.err('app', e); },\n});\n";
  const page = [
    'const app = getApp();',
    'Page({',
    "  onTap() { app.Tracker.click('buy'); },",
    "  onLogin(uid) { const { Tracker } = getApp(); Tracker && Tracker.setUserId(uid); },",
    "  onShow() { const tracker = getApp().globalData.appTracker; tracker.track(`page-${this.route}`); this.Tracker.click('x'); app.api.click('y'); },",
    '});',
  ].join('\n');

  it('reports each call, with its method, role and event, when the app loads a tracking package it does not set the handle of', () => {
    expect(found({ 'app.js': load + app, 'pages/a/a.js': page })).toEqual([
      'app.js:3 App.config init (init)',
      'app.js:4 err event app',
      'pages/a/a.js:3 click event buy',
      'pages/a/a.js:4 setUserId identify setUserId',
      'pages/a/a.js:5 track event (dynamic)',
    ]);
  });

  it('reports nothing for app data under such words, a name reused in minified code, builtin methods, or `this` outside the entry', () => {
    const app2 = "App({ globalData: { statistics: { views: [] }, trackingList: [], appTracker: null } });\n";
    const page2 = [
      'function a() { var e = getApp().Tracker; e && e.click("open"); }',
      'function b(e) { e.setData({ x: 1 }); e.showLoading("y"); }',
      'Page({ onShow() { getApp().globalData.statistics.views.push(this.route); getApp().globalData.trackingList.forEach(String); getApp().Tracker.list.push(1); getApp().globalData.appTracker.track("x"); } });',
    ].join('\n');
    expect(found({ 'app.js': load + app2, 'pages/a/a.js': page2, 'pages/app/app.js': "Page({ onLoad() { this.Tracker.click('x'); } });" })).toEqual([]);
  });

  it("reports calls on the binding the app imports from such a package, and on a local that takes the App's handle or a fallback", () => {
    const entry = "import Tracker from '@acme/miniapp-tracker-sdk';\nimport Utils from '@acme/miniapp-utils';\nApp({\n  onLaunch() { Tracker.App.init({ server: 'https://t.example.com' }); Utils.track('x'); },\n});\n";
    const helper = "export function bind(id) { const app = getApp(); let Tracker = app.Tracker || globalThis.Tracker; Tracker && Tracker.setUserId(id); }\n";
    expect(found({ 'app.js': entry, 'utils/bind.js': helper })).toEqual(['app.js:4 App.init init (init)', 'utils/bind.js:1 setUserId identify setUserId']);
  });

  it('reports nothing without such a package, or for a property the app sets itself', () => {
    expect(found({ 'app.js': app, 'pages/a/a.js': page })).toEqual([]);
    const ownTracker = "App({\n  Tracker: { click() {}, err() {}, setUserId() {}, App: { config() {} } },\n  onLaunch() { getApp().globalData.appTracker = makeTracker(); },\n});\n";
    expect(found({ 'app.js': load + ownTracker, 'pages/a/a.js': page })).toEqual([]);
  });
});

describe('tracking-call: modules a webpack development build loads by number', () => {
  it("reads the request webpack wrote before the module's number (`__webpack_require__(/*! ./utils/alipayLogger.js */ 26)`), and no other comment", () => {
    const dir = tempProject({
      'app.json': '{"pages":["pages/index/index"]}',
      'mini.project.json': '{}',
      'pages/index/index.axml': '<view/>',
      'app.js': [
        'var _alipayLogger = _interopRequireDefault(__webpack_require__(/*! ./utils/alipayLogger.js */ 26));',
        'var _other = _interopRequireDefault(__webpack_require__(/* ./utils/alipayLogger.js */ 27));',
        "App({ onLaunch() { _alipayLogger.default.init({ pid: 'p1', autoReportPage: true }); _other.default.init({ pid: 'p2' }); } });",
      ].join('\n'),
      'pages/index/index.js': [
        'var _alipayLogger = _interopRequireDefault(__webpack_require__(/*! ../../utils/alipayLogger.js */ 26));',
        "Page({ onLoad() { _alipayLogger.default._lgPV({ page: 'index' }); _alipayLogger.default.api({ api: 'pay', success: true, time: 1 }); } });",
      ].join('\n'),
    });
    expect(trackingKeys(scanProject(dir), 'tracking-call')).toEqual([
      'tracking-call app.js:3:20 alipay-cloud-monitor (init)',
      'tracking-call pages/index/index.js:2:19 alipay-cloud-monitor page view',
      'tracking-call pages/index/index.js:2:67 alipay-cloud-monitor pay',
    ]);
  });
});
