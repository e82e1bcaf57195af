/**
 * Shapes compilers and converters give pages and the platform object:
 * - a uni-app development build hands `uni` to a module as a parameter named `uni`
 *   (`(function (uni) { … }).call(this, n("543d").default)`);
 * - antmove, converting a WeChat app to Alipay, registers pages through `_Page({…})`;
 * - Taro 3 with React renders the web-view as `jsx(WebView, { src })`, keeps a URL in `useState`,
 *   and reads the query off `getCurrentInstance().router`, often through compiled optional chaining.
 */
import { describe, expect, it } from 'vitest';
import { scanProject } from '../src/scan.js';
import { tempProject } from './helpers/temp-project.js';

function findingsOf(files: Record<string, string>, ruleId: string, extra: Record<string, string> = { 'project.config.json': '{}' }): string[] {
  const root = tempProject({ ...extra, ...files });
  return scanProject(root).findings.filter((finding) => finding.ruleId === ruleId).map((finding) => `${finding.location.file}:${finding.location.region.start.line}`);
}

describe('the platform handed to a development build as a parameter', () => {
  const vendor = [
    '(global["webpackJsonp"] = global["webpackJsonp"] || []).push([["common/vendor"], {',
    '  12: function (module, exports, __webpack_require__) {',
    '    /* WEBPACK VAR INJECTION */(function(uni) {',
    "      exports.save = function (res) { uni.setStorageSync('token', res.data.access_token); };",
    '    /* WEBPACK VAR INJECTION */}.call(this, __webpack_require__(1)["default"]))',
    '  },',
    '  13: function (module, exports) {',
    "    exports.keep = function (uni, res) { uni.setStorageSync('token', res.data.access_token); };",
    '    exports.other = function (cache, res) { cache.setStorageSync(\'token\', res.data.access_token); };',
    '  }',
    '}]);',
  ].join('\n');
  const found = findingsOf({ 'app.json': JSON.stringify({ pages: ['pages/a/a'] }), 'pages/a/a.js': 'Page({})', 'common/vendor.js': vendor }, 'sensitive-data-to-storage');

  it('reads calls on a parameter named like the platform as platform calls', () => {
    expect(found).toContain('common/vendor.js:4');
    expect(found).toContain('common/vendor.js:8');
  });

  it('leaves parameters of other names alone', () => {
    expect(found).not.toContain('common/vendor.js:9');
  });
});

describe("antmove's page registration", () => {
  const page = (registration: string): string[] =>
    findingsOf(
      {
        'app.json': JSON.stringify({ pages: ['pages/h5/h5'] }),
        'pages/h5/h5.js': [
          'const _Page = require("/__antmove/component/componentClass.js")("Page");',
          `${registration}({`,
          '  onLoad: function (e) {',
          '    let url = decodeURIComponent(e.url);',
          '    this.setData({ url: url });',
          '  },',
          '});',
        ].join('\n'),
        'pages/h5/h5.axml': "<web-view src='{{url}}'></web-view>",
      },
      'cross-page-request-forgery',
      { 'mini.project.json': '{}' },
    );

  it('reads `_Page({…})` as a page definition', () => {
    expect(page('_Page')).toEqual(['pages/h5/h5.axml:1']);
  });

  it('takes a prefixed wrapper (`_renderPage`) as it takes `renderPage`, and not a name of underscores alone', () => {
    expect(page('_renderPage')).toEqual(['pages/h5/h5.axml:1']);
    expect(page('__Page')).toEqual([]);
  });
});

describe('Taro 3 React pages', () => {
  const app = (body: string[]): string[] =>
    findingsOf(
      {
        'app.json': JSON.stringify({ pages: ['pages/w/index'] }),
        'pages/w/index.js': [
          "var taro = require('@tarojs/taro');",
          "var react = require('react');",
          "var runtime = require('react/jsx-runtime');",
          "var components = require('@tarojs/components');",
          ...body,
          "Page(taro.createPageConfig(d, 'pages/w/index'));",
        ].join('\n'),
      },
      'cross-page-request-forgery',
    );

  it('reads the query kept through compiled optional chaining and rendered as a WebView', () => {
    expect(app([
      'function d() {',
      '  var e, o, n = decodeURIComponent(null !== (e = null === (o = taro.getCurrentInstance().router) || void 0 === o ? void 0 : o.params.url) && void 0 !== e ? e : "");',
      '  return (0, runtime.jsx)(components.WebView, { src: n || "" });',
      '}',
    ])).toEqual(['pages/w/index.js:7']);
  });

  it('follows a URL set through useState', () => {
    expect(app([
      'function sliced(arr) { return Array.isArray(arr) ? arr : []; }',
      'function d() {',
      "  var e = (0, react.useState)(''), n = sliced(e, 2), t = n[0], r = n[1];",
      '  (0, taro.useReady)(function () { r(decodeURIComponent(taro.getCurrentInstance().router.params.url)); });',
      '  return (0, runtime.jsx)(components.WebView, { src: t });',
      '}',
    ])).toEqual(['pages/w/index.js:9']);
  });

  it('leaves a WebView with a fixed host, and other elements, alone', () => {
    expect(app([
      'function d() {',
      '  var id = taro.getCurrentInstance().router.params.id;',
      "  (0, runtime.jsx)(components.View, { src: id });",
      "  return (0, runtime.jsx)(components.WebView, { src: 'https://help.example.com/a?id=' + id });",
      '}',
    ])).toEqual([]);
  });
});

describe("a Vue page's methods spread with Vuex's helpers", () => {
  const page = (methods: string): string[] =>
    findingsOf(
      {
        'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
        'pages/index/index.js': [
          'var _self;',
          'function r(target) { for (var i = 1; i < arguments.length; i++) Object.assign(target, arguments[i]); return target; }',
          'var _default = {',
          '  data: function data() { return { a: 1 }; },',
          '  onLoad: function onLoad() { _self = this; _self.getSite(); },',
          `  methods: ${methods},`,
          '};',
          'exports.default = _default;',
        ].join('\n'),
      },
      'abusive-permission-prompt',
    );
  const getSite = '{ getSite: function getSite() { wx.getLocation({ success: function (e) { console.log(e); } }); } }';

  it('reads the methods inside `_objectSpread({}, mapMutations([…]), {…})`, minified and nested too', () => {
    expect(page(`_objectSpread({}, (0, _vuex.mapMutations)(['setUserInfo']), ${getSite})`)).toEqual(['pages/index/index.js:6']);
    expect(page(`r(r({}, Object(o.mapMutations)(['setUserInfo'])), {}, ${getSite})`)).toEqual(['pages/index/index.js:6']);
  });

  it('leaves a method no lifecycle handler calls alone', () => {
    expect(page(`_objectSpread({}, (0, _vuex.mapMutations)(['setUserInfo']), ${getSite.replace('getSite: function getSite', 'onTap: function onTap')})`)).toEqual([]);
  });
});
