import { describe, expect, it } from 'vitest';
import { platformObjectNames } from '../src/analyzers/platform-objects.js';
import { scanProject } from '../src/scan.js';
import { tempProject } from './helpers/temp-project.js';

const KNOWN = new Set(['wx', 'uni']);

describe('platformObjectNames', () => {
  it('takes a name called with two methods only the platform object has', () => {
    expect([...platformObjectNames('e.getLocation({}); e.setStorageSync("k", v); f.setStorageSync("k", v);', KNOWN).names]).toEqual(['e']);
  });

  it('takes a property the platform object is kept in, apart from names', () => {
    const found = platformObjectNames('getApp().core.showToast({}); this.core.setStorageSync("k", v); x.core.navigateTo({});', KNOWN);
    expect([...found.properties]).toEqual(['core']);
    expect(found.names.size).toBe(0);
  });

  it("takes uni-app's Vue 3 vendor module for the platform: its `index` export, in files that require it", () => {
    expect([...platformObjectNames('const t = require("../../common/vendor.js"); t.index.request({ url });', KNOWN).properties]).toEqual(['index']);
    expect([...platformObjectNames('const t = require("../../lib/vendor.js"); t.index.request({ url });', KNOWN).properties]).toEqual([]);
    expect([...platformObjectNames('const t = require("./common/vendors.js"); t.index.request({ url });', KNOWN).properties]).toEqual([]);
  });

  it("leaves out a name bound to another platform's global: an Alipay adaptor shipped in a WeChat bundle", () => {
    const foreign = new Set(['my', 'tt']);
    expect([...platformObjectNames('var me = my;\nme.getLocation({}); me.setStorageSync("k", v);', KNOWN, foreign).names]).toEqual([]);
    // Look-alikes: the platform's own global, or a choice that includes it, is still the platform.
    expect([...platformObjectNames('var me = wx;\nme.getLocation({}); me.setStorageSync("k", v);', KNOWN, foreign).names]).toEqual(['me']);
    expect([...platformObjectNames('var me = typeof wx === "object" ? wx : my;\nme.getLocation({}); me.setStorageSync("k", v);', KNOWN, foreign).names]).toEqual(['me']);
    // A run-time choice written as assignments in branches, and minified code's reuse of one-letter names.
    expect([...platformObjectNames('if(typeof wx==="object")t=wx,n="wechat";else if(typeof my==="object")t=my,n="alipay";t.getLocation({});t.setStorage({})', KNOWN, foreign).names]).toEqual(['t']);
    expect([...platformObjectNames('function a(){var t;if(typeof my==="object")t=my}function b(t){t.getLocation({});t.setStorage({})}', KNOWN, foreign).names]).toEqual(['t']);
    expect([...platformObjectNames('function a(){var e=my;return e}!function(e){e.getLocation({});e.setStorageSync("k",1)}(wx);', KNOWN, foreign).names]).toEqual(['e']);
    // A condition in parentheses is not a parameter list.
    expect([...platformObjectNames('var me = my;\nif (!me.request && me.httpRequest) { me.x = 1; }\nme.getLocation({}); me.setStorageSync("k", v);', KNOWN, foreign).names]).toEqual([]);
    // Declarations ended by a comment or a line break count; a call chained on the next line is no alias.
    expect([...platformObjectNames('var me = my // Alipay\nme.getLocation({}); me.setStorageSync("k", v);', KNOWN, foreign).names]).toEqual([]);
    expect([...platformObjectNames('var me = my\n  .getSystemInfoSync();\nme.getLocation({}); me.setStorageSync("k", v);', KNOWN, foreign).names]).toEqual(['me']);
  });

  it("takes with one such method the parameter uni-app's webpack build hands `uni` in: a wrapper called with a module's default export", () => {
    const helper = (closing: string) => `(global.webpackJsonp=global.webpackJsonp||[]).push([["common/vendor"],{1585:function(e,l,a){"use strict";(function(e){var b="http://api.example.com";l.myRequest=function(o){return e.request({url:b+o.url,fail:function(){e.showToast({title:"x"})}})}}).call(this,${closing})}}]);`;
    expect([...platformObjectNames(helper('a("543d")["default"]'), KNOWN).names]).toEqual(['e']);
    expect([...platformObjectNames(helper('a("543d").default'), KNOWN).names]).toEqual(['e']);
    // Look-alikes: the wrapper handed webpack's global, or another export, and a name outside such a wrapper.
    expect([...platformObjectNames(helper('a("c8ba")'), KNOWN).names]).toEqual([]);
    expect([...platformObjectNames(helper('a("543d")["createPage"]'), KNOWN).names]).toEqual([]);
    expect([...platformObjectNames('function f(e){e.request({});e.showToast({})}', KNOWN).names]).toEqual([]);
    // Newer builds hand `wx` and `uni` both; each parameter is paired with its own argument.
    const two = '{"3c9a":function(e,t,n){"use strict";(function(e,t){t.request({url:u});t.showToast({title:"x"});e.x()}).call(this,n("3223").default,n("df3c")["default"])},"4b1c":function(e,t,n){"use strict";(function(r){r.request({});r.showToast({})}).call(this,n("c8ba"))}}';
    expect([...platformObjectNames(two, KNOWN).names]).toEqual(['t']);
  });

  it("leaves out WeChat's JS-SDK for web pages, which an H5 app's port ships: configured with jsApiList, used once ready", () => {
    const sdk = 'o.config({ appId: a, signature: s, jsApiList: ["getLocation", "scanQRCode"] }), o.ready(function () { o.getLocation({ type: "gcj02" }); o.scanCode({}); });';
    expect([...platformObjectNames(sdk, KNOWN).names]).toEqual([]);
    // Look-alikes: a platform object in a file that mentions jsApiList, and one whose `ready` sits in a file without it.
    expect([...platformObjectNames(`${sdk} e.getLocation({}); e.setStorageSync("k", v);`, KNOWN).names]).toEqual(['e']);
    expect([...platformObjectNames('e.ready(); e.getLocation({}); e.setStorageSync("k", v);', KNOWN).names]).toEqual(['e']);
  });

  it('leaves out known namespaces, this, members and names with one such method or only generic ones', () => {
    const none = (text: string) => platformObjectNames(text, KNOWN).names.size + platformObjectNames(text, KNOWN).properties.size;
    expect(none('wx.showToast(); wx.navigateTo(); this.showToast(); this.navigateTo(); a.wx.showToast(); a.wx.navigateTo();')).toBe(0);
    expect(none('api.request(); api.login(); h.showToast(); app.ui.showToast();')).toBe(0);
  });
});

describe('the platform object under another name', () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"],"requiredPrivateInfos":["getLocation"],"permission":{"scope.userLocation":{"desc":"x"}}}',
    'pages/a/a.js': [
      '(function (e) {',
      '  Page({',
      '    onLoad() {',
      "      e.getLocation({ success(res) { e.setStorageSync('latitude', res.latitude); } });",
      "      e.showToast({ title: 'ok' });",
      '    },',
      '  });',
      '}).call(this, n("543d").default);',
      'function hooks(e) { e.invoke({}); var n = e; n.invoke({}); }',
      "function other(h) { h.setStorageSync('phone', h.phone); }",
      "function kept(res) { getApp().core.setStorageSync('token', res.data.token); getApp().core.showToast({}); }",
      "function paste() { getApp().core.getClipboardData({ success(r) {} }); getApp().core.invoke({}); x.lib.getClipboardData({}); }",
    ].join('\n'),
  });
  const findings = scanProject(root).findings;

  it('is traced as the platform: its storage writes and sources are flows', () => {
    expect(findings.filter((f) => f.ruleId === 'sensitive-data-to-storage').map((f) => `${f.location.file}:${f.location.region.start.line}`)).toEqual(['pages/a/a.js:4', 'pages/a/a.js:11']);
  });

  it('is trusted only for distinctive methods and privacy interfaces: a reused name\'s e.invoke is no hidden API', () => {
    expect(findings.filter((f) => f.ruleId === 'hidden-api')).toEqual([]);
  });

  it('is an API call in the property it is kept in (`getApp().core.getClipboardData`), not in other properties', () => {
    expect(findings.filter((f) => f.ruleId === 'clipboard-read').map((f) => `${f.location.file}:${f.location.region.start.line}`)).toEqual(['pages/a/a.js:12']);
  });
});

describe("webpack's names for an imported framework", () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'common.js': [
      'var _tarojs_taro__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__("./node_modules/@tarojs/taro/index.js");',
      'var _tarojs_taro__WEBPACK_IMPORTED_MODULE_0___default = __webpack_require__.n(_tarojs_taro__WEBPACK_IMPORTED_MODULE_0__);',
      'var BASE_URL = "http://api.nine.example.com/api";',
      'function request(url) { return _tarojs_taro__WEBPACK_IMPORTED_MODULE_0___default().request({ url: "".concat(BASE_URL).concat(url) }); }',
      "function save(res) { _tarojs_taro__WEBPACK_IMPORTED_MODULE_0__[\"default\"].setStorageSync('token', res.data.token); }",
      'module.exports = { request, save };',
    ].join('\n'),
    'pages/a/a.js': 'Page({});',
  });
  const findings = scanProject(root).findings;

  it('are the framework namespace: a request through the default import, a storage write through .default', () => {
    expect(findings.filter((f) => f.ruleId === 'insecure-transport').map((f) => `${f.location.file}:${f.location.region.start.line}`)).toEqual(['common.js:3']);
    expect(findings.filter((f) => f.ruleId === 'sensitive-data-to-storage').map((f) => `${f.location.file}:${f.location.region.start.line}`)).toEqual(['common.js:5']);
  });
});

describe('the platform object under another name, in ESLint', () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'project.config.json': '{}',
    'pages/a/a.js': "(function (e) { Page({ onShow() { e.showToast({}); e.getClipboardData({ success() {} }); } }); }).call(this, n('543d').default);",
  });

  it('finds the same API calls as minivet scan', async () => {
    const { ESLint } = await import('eslint');
    const { recommendedConfig } = await import('./eslint/helpers.js');
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: recommendedConfig(), cache: false });
    const [result] = await eslint.lintFiles([`${root}/pages/a/a.js`]);
    const cli = scanProject(root).findings.filter((f) => f.ruleId === 'clipboard-read').map((f) => f.location.region.start.line);
    expect(cli).toEqual([1]);
    expect(result!.messages.filter((m) => m.ruleId === 'minivet/clipboard-read').map((m) => m.line)).toEqual(cli);
  });
});

describe('the platform object under a minified name, per binding', () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'project.config.json': '{}',
    'pages/a/a.js': [
      // The module's `t` is uni: one of its methods here, and a plugin's field (uView's `uni.$u`); the text scan's evidence is in `other`.
      "(function (t) { Page({ onShow: function () { t.$u.toast('hi'); t.getLocation({ success: function (res) { wx.setStorageSync('pos', res); } }); } }); }).call(this, n('543d').default);",
      'function other(t) { t.showToast({}); t.navigateTo({}); }',
      // A module loaded through webpack and wrapped by Babel: its `.default` holds the platform, by the methods called on it.
      'var o = r(n(1)); function show() { o.default.showToast({}); o.default.navigateTo({}); o.default.getLocation({}); }',
    ].join('\n'),
  });
  const findings = scanProject(root).findings;

  it('keeps a binding that a plugin field is read off as the platform object', () => {
    expect(findings.filter((f) => f.ruleId === 'sensitive-data-to-storage').map((f) => `${f.location.file}:${f.location.region.start.line}`)).toEqual(['pages/a/a.js:1']);
  });

  it('finds API calls on a `.default` the text scan took for the platform, when its module is no framework the analysis knows', () => {
    expect(findings.filter((f) => f.ruleId === 'undeclared-private-info').map((f) => `${f.location.file}:${f.location.region.start.line}`)).toContain('pages/a/a.js:3');
  });
});
