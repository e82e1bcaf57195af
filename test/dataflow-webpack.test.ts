/**
 * A compiled build's webpack chunks (uni-app, Taro 2, mpvue): a page's `n("ad34")` is module ad34
 * of `common/vendor.js`, an ES export (`n.d(e, "a", …)`) is a field of the exports, and
 * regenerator's `mark`/`wrap` are taken per call, so one page's async functions do not meet
 * another's in the runtime.
 */
import { describe, expect, it } from 'vitest';
import { scanProject } from '../src/scan.js';
import { tempProject } from './helpers/temp-project.js';

describe('data flow across webpack chunks', () => {
  const root = tempProject({
    'app.json': JSON.stringify({ pages: ['pages/a/a', 'pages/b/b'] }),
    'project.config.json': '{}',
    'common/vendor.js': [
      "(global[\"webpackJsonp\"] = global[\"webpackJsonp\"] || []).push([[\"common/vendor\"], {",
      "  \"ad34\": function (t, e, n) {",
      "    function r(a) { this.key = a.key; }",
      "    r.prototype.getWxLocation = function (a, b) { wx.getLocation({ type: 'gcj02', success: function (c) { b(c); } }); };",
      "    r.prototype.getRegeo = function (a) { var b = this; b.getWxLocation(a, function (d) { a.success(d); }); };",
      "    t.exports.AMapWX = r;",
      "  },",
      "  \"1a2b\": function (t, e, n) {",
      "    \"use strict\";",
      "    n.d(e, \"a\", function () { return o; });",
      "    function o(x) { wx.setStorageSync('profile', x); }",
      "  },",
      "  \"c8ba\": function (t, e, n) {",
      "    var g = {};",
      "    g.mark = function (fn) { fn.marked = true; return fn; };",
      "    g.wrap = function (inner, outer) { return inner.call(outer); };",
      "    t.exports = g;",
      "  }",
      "}]);",
    ].join('\n'),
    'pages/a/a.js': [
      "(global[\"webpackJsonp\"] = global[\"webpackJsonp\"] || []).push([[\"pages/a/a\"], {",
      "  \"5b28\": function (t, e, n) {",
      "    \"use strict\";",
      "    var a = u(n(\"ad34\")), s = n(\"1a2b\"), g = u(n(\"c8ba\"));",
      "    function u(t) { return t && t.__esModule ? t : { default: t }; }",
      "    function w(fn) { return function () { return fn.apply(this, arguments); }; }",
      "    Page({",
      "      onLoad: function () {",
      "        var t = this;",
      "        this.amapPlugin = new a.default.AMapWX({ key: 'k' });",
      "        this.amapPlugin.getRegeo({ success: function (e) { t.setData({ city: e }); } });",
      "        this.refresh();",
      "      },",
      "      refresh: w(g.default.mark(function i() { return g.default.wrap(function (c) { for (;;) switch (c.prev = c.next) { case 0: return c.stop(); } }, i); })),",
      "      onTapProfile: function () { wx.getUserProfile({ desc: 'd', success: function (p) { (0, s.a)(p.userInfo); } }); },",
      "    });",
      "  }",
      "}, [[\"5b28\", \"common/vendor\"]]]);",
    ].join('\n'),
    'pages/a/a.wxml': '<view bindtap="onTapProfile">p</view>',
    'pages/b/b.js': [
      "(global[\"webpackJsonp\"] = global[\"webpackJsonp\"] || []).push([[\"pages/b/b\"], {",
      "  \"7c3d\": function (t, e, n) {",
      "    \"use strict\";",
      "    var g = u(n(\"c8ba\"));",
      "    function u(t) { return t && t.__esModule ? t : { default: t }; }",
      "    function w(fn) { return function () { return fn.apply(this, arguments); }; }",
      "    Page({",
      "      locate: w(g.default.mark(function i() { return g.default.wrap(function (c) { for (;;) switch (c.prev = c.next) { case 0: wx.authorize({ scope: 'scope.record' }); return c.stop(); } }, i); })),",
      "      onTap: function () { this.locate(); },",
      "    });",
      "  }",
      "}, [[\"7c3d\", \"common/vendor\"]]]);",
    ].join('\n'),
    'pages/b/b.wxml': '<view bindtap="onTap">b</view>',
  });
  const findings = scanProject(root).findings.filter((finding) => finding.ruleId === 'abusive-permission-prompt' || finding.ruleId === 'sensitive-data-to-storage');
  const where = findings.map((finding) => `${finding.ruleId} ${finding.location.file}:${finding.location.region.start.line}`);

  it("follows a page's require into the vendor chunk's module, and a method it calls through `var b = this`", () => {
    expect(where).toContain('abusive-permission-prompt common/vendor.js:4');
  });

  it('follows an ES export of a vendor module to the write inside', () => {
    expect(where).toContain('sensitive-data-to-storage common/vendor.js:11');
  });

  it("keeps each async function's body its own: a prompt one tap runs is not reached from another page's load", () => {
    expect(where.filter((entry) => entry.startsWith('abusive-permission-prompt'))).toEqual(['abusive-permission-prompt common/vendor.js:4']);
  });
});

describe("an app's own `wrap` and `mark`", () => {
  it('is linked as any function is: only the code Babel writes for regenerator is taken per call', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
      'utils/guard.js': 'export function wrap(fn) { return function (...args) { try { return fn.apply(this, args); } catch (e) { return undefined; } }; }',
      'pages/a/a.js': [
        "import * as guard from '../../utils/guard.js';",
        'const readLocation = guard.wrap(function (cb) { wx.getLocation({ success: (r) => cb(r) }); });',
        "Page({ onTap() { readLocation((loc) => console.log('at', loc.latitude)); } });",
      ].join('\n'),
    });
    const leaks = scanProject(root).findings.filter((finding) => finding.ruleId === 'sensitive-data-leak');
    expect(leaks.map((finding) => `${finding.location.file}:${finding.location.region.start.line}`)).toEqual(['pages/a/a.js:3']);
  });
});

describe("mpvue's webpack 3 registration and webpack 5's export getters", () => {
  it('links `global.webpackJsonp([1], { 51: … })` modules and `n.d(e, { keep: () => keep })` exports', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
      'common/vendor.js': "global.webpackJsonp([1], {\n  51: function (t, e, n) {\n    n.d(e, { keep: function () { return keep; } });\n    function keep(x) { wx.setStorageSync('profile', x); }\n  },\n});\n",
      'pages/a/a.js': "global.webpackJsonp([2], {\n  60: function (t, e, n) {\n    var s = n(51);\n    Page({ onTap: function () { wx.getUserProfile({ desc: 'd', success: function (p) { Object(s.keep)(p.userInfo); } }); } });\n  },\n});\n",
      'pages/a/a.wxml': '<view bindtap="onTap">p</view>',
    });
    const stored = scanProject(root).findings.filter((finding) => finding.ruleId === 'sensitive-data-to-storage');
    expect(stored.map((finding) => `${finding.location.file}:${finding.location.region.start.line}`)).toEqual(['common/vendor.js:4']);
  });
});

describe("a development build's main chunk: modules by position, and what main.js puts on Vue's prototype", () => {
  const vendor = [
    '(global["webpackJsonp"] = global["webpackJsonp"] || []).push([["common/vendor"],{',
    '/***/ 13: (function(module, exports, __webpack_require__) {',
    "  var apiRoot = 'http://app.example.cn/'; exports.default = { user: { info: apiRoot + 'user/info' } };",
    '/***/ }),',
    '/***/ 14: (function(module, exports, __webpack_require__) {',
    '  exports.default = { request: function request(req) { uni.request({ url: req.url }); } };',
    '/***/ }),',
    '/***/ 15: (function(module, exports, __webpack_require__) {',
    '  var myRequest = function myRequest(options) { return new Promise(function (resolve) { uni.request({ url: options.url, success: resolve }); }); };',
    '  exports.myRequest = myRequest;',
    '/***/ })',
    '}]);',
  ].join('\n');
  const page = (method: string): string =>
    [
      '(global["webpackJsonp"] = global["webpackJsonp"] || []).push([["pages/a/a"],{',
      '  20: (function(module, exports, __webpack_require__) {',
      `    exports.default = { data: function data() { return {}; }, onLoad: function onLoad() { ${method} } };`,
      '  })',
      '},[[20,"common/runtime","common/vendor"]]]);',
    ].join('\n');
  const main = [
    '(global["webpackJsonp"] = global["webpackJsonp"] || []).push([["common/main"],[',
    '/* 0 */',
    '/***/ (function(module, exports, __webpack_require__) {',
    '  var _vue = _interopRequireDefault(__webpack_require__(/*! vue */ 2));',
    '  var _api = _interopRequireDefault(__webpack_require__(/*! ./config/api */ 13));',
    '  var _app = _interopRequireDefault(__webpack_require__(/*! ./common/app */ 14));',
    '  function _interopRequireDefault(obj) { return obj && obj.__esModule ? obj : { default: obj }; }',
    '  _vue.default.prototype.$api = _api.default;',
    '  _vue.default.prototype.$app = _app.default;',
    '  var _http = __webpack_require__(/*! ./http/api.js */ 15);',
    '  _vue.default.prototype.$myRequest = _http.myRequest;',
    '/***/ })',
    '],[[0,"common/runtime","common/vendor"]]]);',
  ].join('\n');
  const scanWith = (method: string): string[] => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
      'project.config.json': '{}',
      'app.js': 'require("./common/runtime.js"); require("./common/vendor.js"); require("./common/main.js");',
      'common/vendor.js': vendor,
      'common/main.js': main,
      'pages/a/a.js': page(method),
      'pages/a/a.wxml': '<view/>',
    });
    return scanProject(root).findings.filter((finding) => finding.ruleId === 'insecure-transport').map((finding) => `${finding.location.file}:${finding.location.region.start.line}`);
  };

  it("follows this.$app.request({ url: this.$api.user.info }) to the request helper and the API table main.js put there", () => {
    expect(scanWith('this.$app.request({ url: this.$api.user.info });')).toEqual(['common/vendor.js:3']);
  });

  it('reads the prototype through the name Babel gives `this` in a callback (`var _this2 = this`)', () => {
    expect(scanWith('var _this2 = this; uni.getSystemInfo({ success: function success() { _this2.$app.request({ url: _this2.$api.user.info }); } });')).toEqual(['common/vendor.js:3']);
  });

  it('follows a helper put on the prototype and called as a method of the instance (`this.$myRequest({ url })`)', () => {
    expect(scanWith("var _this2 = this; this.$myRequest({ url: 'http://plain.example.cn/a' }); uni.getSystemInfo({ success: function () { _this2.$myRequest({ url: 'http://plain.example.cn/b' }); } });")).toEqual(['pages/a/a.js:3', 'pages/a/a.js:3']);
  });

  it('finds nothing when the page sends a URL of its own', () => {
    expect(scanWith("this.$app.request({ url: 'https://secure.example.cn/user/info' });")).toEqual([]);
  });
});

describe("Babel's interop wrapper in a minified build (`var r = n('47a9'); r(n('x'))`)", () => {
  it('gives each call its own module back: modules wrapped by the same helper do not meet in it', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
      'project.config.json': '{}',
      'common/vendor.js': [
        '(global["webpackJsonp"] = global["webpackJsonp"] || []).push([["common/vendor"], {',
        '  "47a9": function (t, e, n) { t.exports = function (e) { return e && e.__esModule ? e : { default: e }; }; },',
        "  \"7b1c\": function (t, e, n) { t.exports = { token: wx.getStorageSync('token') }; },",
        "  \"c3f0\": function (t, e, n) { t.exports = { title: 'Shop' }; }",
        '}]);',
      ].join('\n'),
      'pages/a/a.js': [
        '(global["webpackJsonp"] = global["webpackJsonp"] || []).push([["pages/a/a"], {',
        '  "5b28": function (t, e, n) {',
        '    var r = n("47a9"), s = r(n("7b1c")), c = r(n("c3f0"));',
        '    Page({ onLoad: function () { console.log(c.default); }, onShow: function () { console.log(s.default.token); } });',
        '  }',
        '}, [["5b28", "common/vendor"]]]);',
      ].join('\n'),
      'pages/a/a.wxml': '<view/>',
    });
    const leaks = scanProject(root).findings.filter((finding) => finding.ruleId === 'sensitive-data-leak');
    expect(leaks.map((finding) => `${finding.location.file}:${finding.location.region.start.line}:${finding.location.region.start.column}`)).toEqual(['pages/a/a.js:4:83']);
  });
});
