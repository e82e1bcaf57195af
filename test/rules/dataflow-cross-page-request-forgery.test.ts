/**
 * cross-page-request-forgery through the built CLI on fixtures/cross-page-forgery: a page's query
 * reaching a web-view's whole URL, a payment, a stored token, an account binding and an order's
 * amount (also sent through the app's request helpers, judged at the page's call); against
 * look-alikes that stay silent: an amount sent to a statistics endpoint through the same helpers,
 * a query id appended to a fixed host (in code or in the template), a URL checked with startsWith a
 * host or by a checker function (a scheme alone is no check), a sharer's id kept for credit, an
 * inviter sent with the user's own sign-in, an order id the server looks up, and a page app.json
 * does not list.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runMinivet } from '../helpers/run-cli.js';
import { findingsOf, lineOf, where } from '../helpers/flow-rule-json.js';
import { onlyRulesConfig } from '../helpers/rule-sets.js';
import { tempProject } from '../helpers/temp-project.js';

const RULE = 'cross-page-request-forgery';
const ROOT = join(REPO, 'fixtures/cross-page-forgery');

/** The rule's findings on a project made of `files`, through the built CLI. */
const scanFiles = (files: Record<string, string>) => findingsOf(runMinivet(['scan', tempProject(files), '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));

describe(RULE, () => {
  const run = runMinivet(['scan', ROOT, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']);
  const findings = findingsOf(run);

  it('reports the query driving a web-view URL (also in pages Taro 2 and uni-app\u2019s Vue 3 build compiled), a payment, a stored login (also in a page wepy 1 compiled from a class), an account binding and an order amount', () => {
    expect(run.stderr).toBe('');
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual([
      'pages/bind/bind.js:4 sign-in',
      // Through two helpers (createOrder → request → wx.request): reported at the page's own call, with the endpoint it names.
      'pages/cart/cart.js:6 order',
      'pages/login/login.js:4 session',
      'pages/order/order.js:4 order',
      'pages/pay/pay.js:4 payment',
      'pages/scheme/scheme.wxml:1 web-view',
      'pages/taro/taro.wxml:1 web-view',
      'pages/uni/uni.wxml:1 web-view',
      'pages/web/web.wxml:1 web-view',
      'pages/wepy/wepy.js:16 session',
    ]);
    expect(lineOf(ROOT, 'pages/login/login.js:4')).toContain("setStorageSync('token'");
  });

  it('lists every part of the query that reaches the same sink, not only the one its path shows', () => {
    const pay = findings.find((finding) => finding.file === 'pages/pay/pay.js')!;
    const others = pay.related.filter((related) => related.message === 'another part of the query, read here, reaches the same place');
    // The path shows query.timeStamp (line 5); nonceStr, package and paySign are read on lines 6, 7 and 9, the fixed signType on 8 is not the query.
    expect([...pay.codeFlow!.map((step) => step.line), ...others.map((related) => related.line)].filter((line) => line >= 5 && line <= 9).sort()).toEqual([5, 6, 7, 9]);
  });

  it('says what the query value is and where it goes, with the path from onLoad', () => {
    const web = findings.find((finding) => finding.file === 'pages/web/web.wxml')!;
    expect(web.message).toBe(
      '`url` from the query of page pages/web/web, which any link to the page sets, becomes the URL the web-view loads with no check; load only URLs on hosts you list, or pass an id and build the URL yourself.',
    );
    expect(web.codeFlow?.map((step) => `${where(step)} ${step.message}`)).toEqual(['pages/web/web.js:4 page query, the query of page pages/web/web', 'pages/web/web.js:5 decodeURIComponent(query.url)', 'pages/web/web.js:5 url: decodeURIComponent(query.url)', 'pages/web/web.wxml:1 reaches <web-view src>']);
  });

  it('follows a Vue page\u2019s options as uni-app builds them: data fields are what the template binds', () => {
    const page = [
      '(global.webpackJsonp = global.webpackJsonp || []).push([["pages/index/webview"], {',
      '  bbc7: function (t, e, n) {',
      '    e.default = {',
      '      data: function () { return { webUrl: "" }; },',
      '      onLoad: function (t) { this.webUrl = t.url || ""; this.initData(); },',
      '      methods: { initData: function () {} },',
      '    };',
      '  },',
      '}]);',
      '',
    ].join('\n');
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/index/webview'] }),
      'project.config.json': '{}',
      'pages/index/webview.js': page,
      'pages/index/webview.wxml': '<view><web-view src="{{webUrl}}"></web-view></view>',
    });
    const vue = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));
    expect(vue.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/index/webview.wxml:1 web-view']);
  });

  it('takes Taro\u2019s page query, this.$router.params and getCurrentInstance().router.params, as the page\u2019s query', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/web/index', 'pages/h5/index'] }),
      'project.config.json': '{}',
      'pages/web/index.js': 'Component({ methods: { onLoad: function () { var value = this.$router.params.value; this.setData({ src: value }); } } });\n',
      'pages/web/index.wxml': '<web-view src="{{src}}"></web-view>',
      'pages/h5/index.js': "import { getCurrentInstance } from '@tarojs/taro';\nComponent({ methods: { onLoad() { const { url } = getCurrentInstance().router.params; this.setData({ src: url }); } } });\n",
      'pages/h5/index.wxml': '<web-view src="{{src}}"></web-view>',
    });
    const taro = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));
    expect(taro.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/h5/index.wxml:1 web-view', 'pages/web/index.wxml:1 web-view']);
    expect(taro.find((finding) => finding.file === 'pages/web/index.wxml')!.message).toContain('from the page query (this.$router.params)');
  });

  it('takes a Taro 1 or 2 class page’s setState as its data, which the template binds; setState elsewhere writes nothing the template reads', () => {
    const classPage = [
      'var _createClass = function () { function d(t, p) { for (var i = 0; i < p.length; i++) Object.defineProperty(t, p[i].key, p[i]); } return function (C, p) { d(C.prototype, p); return C; }; }();',
      'var Webview = function () {',
      '  function Webview() {}',
      "  _createClass(Webview, [{ key: 'componentDidMount', value: function componentDidMount() {",
      '    var url = this.$router.params.url;',
      '    this.setState({ url: decodeURIComponent(url) });',
      '  } }]);',
      '  return Webview;',
      '}();',
      "Page(require('../../npm/taro.js').default.createComponent(Webview, true));",
      '',
    ].join('\n');
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/web/index', 'pages/plain/index'] }),
      'project.config.json': '{}',
      'pages/web/index.js': classPage,
      'pages/web/index.wxml': '<web-view src="{{url}}"></web-view>',
      'pages/plain/index.js': 'Component({ methods: { onLoad: function () { this.setState({ url: this.$router.params.url }); } } });\n',
      'pages/plain/index.wxml': '<web-view src="{{url}}"></web-view>',
    });
    const taro = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));
    expect(taro.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/web/index.wxml:1 web-view']);
  });

  it('takes a URL whose fixed start is only a scheme as the query’s to point anywhere, and a fixed host as the page’s', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/open/open', 'pages/tmpl/tmpl', 'pages/fixed/fixed'] }),
      'project.config.json': '{}',
      'pages/open/open.js': "Page({ onLoad(options) { this.setData({ url: 'https://' + options.url }); } });\n",
      'pages/open/open.wxml': '<web-view src="{{url}}"></web-view>',
      'pages/tmpl/tmpl.js': 'Page({ onLoad(options) { this.setData({ url: `//${options.host}/index.html` }); } });\n',
      'pages/tmpl/tmpl.wxml': '<web-view src="{{url}}"></web-view>',
      'pages/fixed/fixed.js': "Page({ onLoad(options) { this.setData({ url: 'https://m.example.com/' + options.path }); } });\n",
      'pages/fixed/fixed.wxml': '<web-view src="{{url}}"></web-view>',
    });
    const opened = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));
    expect(opened.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/open/open.wxml:1 web-view', 'pages/tmpl/tmpl.wxml:1 web-view']);
  });

  it('takes Alipay’s Zhima credit-rent sign-and-pay (my.zmRentTransition) as a payment', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/pay/pay', 'pages/fixed/fixed'] }),
      'mini.project.json': '{}',
      'pages/pay/pay.axml': '<button onTap="pay">pay</button>',
      'pages/pay/pay.js': "Page({ onLoad(query) { this.setData({ query }); }, pay() { my.zmRentTransition({ creditRentType: 'signPay', outOrderNo: this.data.query.order_sn, zmOrderNo: this.data.query.zmOrderNo }); } });\n",
      'pages/fixed/fixed.axml': '<button onTap="pay">pay</button>',
      'pages/fixed/fixed.js': "Page({ pay() { my.request({ url: 'https://api.example.com/order', success: (res) => my.zmRentTransition({ creditRentType: 'signPay', outOrderNo: res.data.sn }) }); } });\n",
    });
    const rent = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));
    expect(rent.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/pay/pay.js:1 payment']);
  });
});

describe(`${RULE}: a page handing its query on to the web-view page`, () => {
  it('reads the route from the variable the URL is built in, when nothing else is assigned to it', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/launch/launch', 'pages/web/web'] }),
      'pages/web/web.js': 'Page({ data: { url: "" }, onLoad(query) { this.setData({ url: decodeURIComponent(query.url) }); } });\n',
      'pages/web/web.wxml': '<web-view src="{{url}}"></web-view>\n',
      'pages/launch/launch.js': [
        'Page({',
        '  onLoad(options) {',
        '    const { url, u } = options;',
        '    const goUrl = "/pages/web/web?url=" + encodeURIComponent(url || u);',
        '    if (url) { wx.redirectTo({ url: goUrl }); return; }',
        '    let next = "/pages/web/web?url=" + encodeURIComponent(u);',
        '    next = "/pages/web/web?url=" + encodeURIComponent("https://m.example.com/");',
        '    wx.navigateTo({ url: next });',
        '  },',
        '});',
        '',
      ].join('\n'),
    });
    const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));
    // The reassigned `next` is not read as either of its values.
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/launch/launch.js:5 hand-over', 'pages/web/web.wxml:1 web-view']);
  });

  it('is reported where it hands the URL over; not when the URL has a fixed start, when the page is its own, or when the receiving page checks it', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/launch/launch', 'pages/web/web', 'pages/safe/safe', 'pages/share/share'] }),
      'pages/web/web.js': 'Page({ data: { url: "" }, onLoad(query) { this.setData({ url: decodeURIComponent(query.url) }); if (query.again) wx.redirectTo({ url: "/pages/web/web?url=" + query.url }); } });\n',
      'pages/web/web.wxml': '<web-view src="{{url}}"></web-view>\n',
      "pages/safe/safe.js": "Page({ data: { url: '' }, onLoad(query) { const url = decodeURIComponent(query.url); if (url.startsWith('https://m.example.com/')) this.setData({ url }); } });\n",
      'pages/safe/safe.wxml': '<web-view src="{{url}}"></web-view>\n',
      'pages/launch/launch.js': [
        'Page({',
        '  onLoad(options) {',
        "    wx.redirectTo({ url: '/pages/web/web?url=' + encodeURIComponent(options.url) });",
        "    wx.navigateTo({ url: '/pages/web/web?url=' + encodeURIComponent('https://m.example.com/item?id=' + options.id) });",
        "    wx.navigateTo({ url: '/pages/safe/safe?url=' + encodeURIComponent(options.next) });",
        '  },',
        '});',
        '',
      ].join('\n'),
    });
    const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/launch/launch.js:3 hand-over', 'pages/web/web.wxml:1 web-view']);
    expect(findings[0]!.message).toBe('A value from the query of page pages/launch/launch, which any link to the page sets, is handed to page pages/web/web, whose web-view loads it as its URL, with no check; check the URL against hosts you list before handing it on, or pass an id and let that page build the URL.');
  });

  it('is reported where a template link hands the URL over; not when the template puts the value after a fixed start of that parameter', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/launch/launch', 'pages/web/web'] }),
      'pages/web/web.js': 'Page({ data: { url: "" }, onLoad(query) { this.setData({ url: decodeURIComponent(query.url) }); } });\n',
      'pages/web/web.wxml': '<web-view src="{{url}}"></web-view>\n',
      'pages/launch/launch.js': 'Page({ data: { next: "", id: "" }, onLoad(options) { this.setData({ next: options.next, id: options.id }); } });\n',
      'pages/launch/launch.wxml': [
        '<navigator url="/pages/web/web?url={{next}}">go</navigator>',
        '<navigator url="/pages/web/web?url=m%2ffeedback.htm%3fid%3d{{id}}">feedback</navigator>',
        '',
      ].join('\n'),
    });
    const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/launch/launch.wxml:1 hand-over', 'pages/web/web.wxml:1 web-view']);
  });
});

/** A page wepy 1 compiled from a class: methods in the object the constructor builds, onLoad in Babel's `_createClass`. */
function wepyPage(name: string, onLoad: string, methods: string): string {
  return [
    "var _createClass = function () { function d(t, p) { for (var i = 0; i < p.length; i++) Object.defineProperty(t, p[i].key, p[i]); } return function (C, p) { d(C.prototype, p); return C; }; }();",
    "var _wepy = require('./../../npm/wepy/lib/wepy.js');",
    'var _wepy2 = _interopRequireDefault(_wepy);',
    "var _requestData = require('./../../api/requestData.js');",
    'function _interopRequireDefault(obj) { return obj && obj.__esModule ? obj : { default: obj }; }',
    `var ${name} = function (_wepy$page) {`,
    `  function ${name}() { var _this = this; _this.methods = { ${methods} }; return _this; }`,
    `  _createClass(${name}, [{ key: 'onLoad', value: function onLoad(options) { ${onLoad} } }]);`,
    `  return ${name};`,
    '}(_wepy2.default.page);',
    `Page(require('./../../npm/wepy/lib/wepy.js').default.$createPage(${name}, 'pages/${name.toLowerCase()}/${name.toLowerCase()}'));`,
    '',
  ].join('\n');
}

describe(`${RULE}: pages wepy 1 and Taro 1 compiled, with the framework's copy under npm/`, () => {
  it('takes the framework namespace of the build\u2019s copy (its API is added at run time), and judges the order by every part of the query the request is sent', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/pay/pay', 'pages/card/card', 'pages/comment/comment'] }),
      'project.config.json': '{}',
      // Like the real wepy 1: `request` and the rest of the platform API are copied onto the object at run time.
      'npm/wepy/lib/wepy.js': "'use strict';\nvar wepy = { page: function () {}, $createPage: function (C) { return {}; } };\nexports.default = wepy;\n",
      'api/requestData.js': [
        "var _wepy = require('./../npm/wepy/lib/wepy.js');",
        'var _wepy2 = _interopRequireDefault(_wepy);',
        'function _interopRequireDefault(obj) { return obj && obj.__esModule ? obj : { default: obj }; }',
        "var requestData = function requestData(url) { var data = arguments.length > 2 && arguments[2] !== undefined ? arguments[2] : {}; return _wepy2.default.request({ url: url, method: 'POST', data: data }); };",
        'module.exports = { requestData: requestData };',
        '',
      ].join('\n'),
      // The order's amount and the shop's id, both from the query, sent in one request: judged by the amount, whichever read the path shows.
      'pages/pay/pay.js': wepyPage('Pay', 'this.shopId = options.m_id; this.Bury_Money = options.Bury_Money;', "confirm: function () { var data = { m_id: this.shopId, Bury_Money: this.Bury_Money }; (0, _requestData.requestData)('https://api.example.com/downOrder', 'POST', data); }"),
      'pages/card/card.js': wepyPage('Card', '', "input: function (event) { (0, _requestData.requestData)('https://api.example.com/card', 'POST', { Bury_Money: event.detail.value }); }"),
      // Look-alike: the id of an order passed in the query, which the server looks up.
      'pages/comment/comment.js': wepyPage('Comment', 'this.orderInfo = JSON.parse(options.orderInfo);', "send: function () { (0, _requestData.requestData)('https://api.example.com/pay/comment', 'POST', { order_id: this.orderInfo.id, content: 'ok' }); }"),
    });
    const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/pay/pay.js:7 order']);
    expect(findings[0]!.message).toMatch(/^`Bury_Money` from the query of page pages\/pay\/pay/);
    expect(findings[0]!.codeFlow!.at(-1)!.message).toBe('reaches wepy.request');
  });
});

describe(`${RULE}: an order's price from the query, computed with and encoded`, () => {
  it('follows arithmetic on the price and a Base64 encoder (whose bit operations are not followed); not a comparison of it', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/reserve/reserve', 'pages/check/check'] }),
      'project.config.json': '{}',
      // A Base64 encoder as apps copy it: charCodeAt and bit shifts, which carry no value in the graph.
      'utils/base64.js': [
        'var Base64 = {',
        "  _keyStr: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=',",
        "  encode: function (str) { var out = ''; for (var i = 0; i < str.length; i += 3) { var c = str.charCodeAt(i); out += this._keyStr.charAt(c >> 2); } return out; },",
        '};',
        'module.exports = Base64;',
        '',
      ].join('\n'),
      'utils/request.js': "function myRequest(url, data, method) { return new Promise(function (resolve) { wx.request({ url: 'https://api.example.com' + url, data: data, method: method, success: resolve }); }); }\nmodule.exports = { myRequest: myRequest };\n",
      'pages/reserve/reserve.js': [
        "const request = require('../../utils/request');",
        "const base64 = require('../../utils/base64.js');",
        'Page({',
        '  data: { nowPrice: 0 },',
        '  onLoad(options) {',
        '    const product = JSON.parse(options.product);',
        '    this.setData({ nowPrice: product.settlementPrice });',
        '  },',
        '  async toReserve() {',
        '    let { nowPrice } = this.data;',
        '    nowPrice = nowPrice * 100;',
        '    const object = base64.encode(JSON.stringify({ orderPrice: nowPrice }));',
        "    await request.myRequest('/mutual/createOrder', { data: object }, 'post');",
        '  },',
        '});',
        '',
      ].join('\n'),
      'pages/check/check.js': "const request = require('../../utils/request');\nPage({ onLoad(options) { request.myRequest('/order/create', { isExpensive: options.price > 100 }, 'post'); } });\n",
    });
    const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/reserve/reserve.js:13 order']);
    expect(findings[0]!.codeFlow!.map((step) => step.line).filter((line) => line === 11 || line === 12)).toEqual([11, 12]);
  });
});

describe(`${RULE}: rows of an order from the query`, () => {
  it('judges a row by its price even when the way the search meets first reads an id off the row', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/settle/settle'] }),
      'project.config.json': '{}',
      'app.js': "App({ httpPost(url, data) { return new Promise((resolve) => wx.request({ url: 'https://api.example.com/' + url, method: 'POST', data, success: resolve })); } });\n",
      'pages/settle/settle.js': [
        'const app = getApp();',
        'Page({',
        '  data: { list: [] },',
        '  onLoad(options) {',
        '    this.setData({ list: JSON.parse(options.jsonData) });',
        '  },',
        '  submit() {',
        '    const products = [];',
        '    this.data.list.forEach((l) => {',
        '      l.skuList.forEach((s) => products.push({ merId: l.merId, productUnitPrice: s.price }));',
        '    });',
        "    app.httpPost('order/create', { products });",
        '  },',
        '});',
        '',
      ].join('\n'),
    });
    const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/settle/settle.js:12 order']);
    expect(findings[0]!.message).toMatch(/^`productUnitPrice` from the query/);
  });

  it('takes a trade’s details parsed from the query and posted whole as the order; not a trade number the server looks up', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/trade/trade', 'pages/detail/detail', 'pages/status/status'] }),
      'project.config.json': '{}',
      'utils/http.js': "export default class Http { static post(url, data) { return new Promise((resolve) => wx.request({ url, method: 'POST', data, success: resolve })); } }\n",
      'service/base.js': "import Http from '../utils/http.js';\nexport default class BaseService { constructor() { this.post = Http.post.bind(Http); } }\n",
      'service/order.js': "import BaseService from './base.js';\nexport default class OrderService extends BaseService { createOrder(trade) { return this.post('https://api.example.com/orders', trade); } find(no) { return this.post('https://api.example.com/orders/find', { no }); } }\n",
      'pages/trade/trade.js': "import OrderService from '../../service/order.js';\nconst orders = new OrderService();\nPage({\n  onLoad(options) {\n    const tradeInfo = JSON.parse(options.tradeInfo);\n    this.setData({ tradeInfo });\n  },\n  confirm() { orders.createOrder(this.data.tradeInfo); },\n});\n",
      'pages/detail/detail.js': "import OrderService from '../../service/order.js';\nconst orders = new OrderService();\nPage({ onLoad(options) { orders.find(options.tradeNo); } });\n",
      'pages/status/status.js': "Page({ onLoad(options) { wx.request({ url: 'https://api.example.com/pay/status', data: { trade: options.trade } }); } });\n",
    });
    const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/trade/trade.js:8 order']);
  });

  it('names the amount it judged the order by, not a sharer\u2019s field on the same way', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/pay/pay'] }),
      'project.config.json': '{}',
      'pages/pay/pay.js': "Page({ onLoad(options) { wx.request({ url: 'https://api.example.com/order/create', method: 'POST', data: { amount: { fromPrice: options.p } } }); } });\n",
    });
    const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));
    expect(findings.map((finding) => finding.properties['action'])).toEqual(['order']);
    expect(findings[0]!.message).toMatch(/^`amount` from the query/);
  });
});

describe(`${RULE}: where the query is read for a web-view`, () => {
  it('is reported when one read starts the URL though the first path found joins the query after a fixed start; lists the reads that start it', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/web/web'] }),
      'project.config.json': '{}',
      'pages/web/web.js': [
        'Page({',
        '  onLoad(options) {',
        "    let url = 'https://m.example.com/shop?id=' + options.shop_id;",
        "    if (options.type === 'back') url = decodeURIComponent(options.back);",
        "    if (options.type === 'pay') url = decodeURIComponent(options.url);",
        "    this.setData({ src: url + '&from=' + options.from });",
        '  },',
        '});',
        '',
      ].join('\n'),
      'pages/web/web.wxml': '<web-view src="{{src}}"></web-view>\n',
    });
    const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/web/web.wxml:1 web-view']);
    // The path the graph met first joins shop_id after a fixed start; the finding shows a read that starts the URL (line 4),
    // and lists the other one (line 5), not the reads joined after a fixed start (shop_id, from).
    expect(findings[0]!.codeFlow!.map((step) => `${step.line} ${step.message}`)).toContain('4 options.back');
    const others = findings[0]!.related.filter((related) => related.message === 'another part of the query, read here, reaches the same place');
    expect(others.map((related) => related.line)).toEqual([5]);
  });
});

describe(`${RULE}: reads of the query its path does not show`, () => {
  it('lists the one read of a query the page keeps whole (`this.options = options`) where it is read', () => {
    const findings = scanFiles({
      'app.json': JSON.stringify({ pages: ['pages/recharge/recharge'] }),
      'project.config.json': '{}',
      'pages/recharge/recharge.js': [
        'Page({',
        '  onLoad(options) {',
        '    this.options = options;',
        '  },',
        '  pay() {',
        "    wx.request({ url: 'https://api.example.com/card/recharge', method: 'POST', data: {",
        '      money: this.options.money,',
        '    } });',
        '  },',
        '});',
        '',
      ].join('\n'),
    });
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/recharge/recharge.js:6 order']);
    expect(findings[0]!.related.filter((related) => related.message === 'another part of the query, read here, reaches the same place').map((related) => related.line)).toEqual([7]);
  });

  it('shows the call that hands the query to a helper loading the web-view, and lists the other such calls, where each is written', () => {
    const findings = scanFiles({
      'app.json': JSON.stringify({ pages: ['pages/web/web'] }),
      'project.config.json': '{}',
      'pages/web/web.js': [
        'Page({',
        '  onLoad(options) {',
        "    if (options.login) this.openSigned(options.url);",
        '    else this.open(options.url);',
        "    if (options.url.indexOf('lottery') >= 0) this.title(options.url);",
        '  },',
        '  open(url) { this.setData({ src: url }); },',
        "  openSigned(url) { this.setData({ src: url + '?token=' + wx.getStorageSync('token') }); },",
        '  title(text) { wx.setNavigationBarTitle({ title: text }); },',
        '});',
        '',
      ].join('\n'),
      'pages/web/web.wxml': '<web-view src="{{src}}"></web-view>\n',
    });
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/web/web.wxml:1 web-view']);
    // The path enters `open` at its call; the other call handing `options.url` to a helper that sets the URL is listed too, not the
    // one that only sets the title (line 5).
    expect(findings[0]!.codeFlow!.map((step) => `${step.line} ${step.message}`)).toEqual(['2 page query, the query of page pages/web/web', '4 this.open(options.url)', '7 parameter url', '7 src: url', '1 reaches <web-view src>']);
    const others = findings[0]!.related.filter((related) => related.message === 'another part of the query, read here, reaches the same place');
    expect(others.map((related) => related.line)).toContain(3);
    expect(findings[0]!.related.map((related) => related.line)).not.toContain(5);
  });
});

describe(`${RULE}: uni-app pages compiled and minified`, () => {
  it('follows an event uni-app compiled (`@click="pay(order)"`), and the parameters minified code names like the platform object', () => {
    // The module's `t` is uni (t.navigateTo, t.navigateBack); pay's own `t` is the order the template passes.
    const page = [
      '(global["webpackJsonp"]=global["webpackJsonp"]||[]).push([["pages/order/order"],{1254:function(t,e,n){"use strict";(function(t){',
      'var o={data:function(){return{order:{note:""}}},',
      'onLoad:function(t){this.order=JSON.parse(decodeURIComponent(t.order))},',
      'methods:{pay:function(t){var i=t.paymentInfo;wx.requestPayment({timeStamp:i.timeStamp,nonceStr:i.nonceStr,package:i.package,paySign:i.paySign})},',
      'back:function(){t.navigateBack({delta:1})},',
      'open:function(e){t.navigateTo({url:"/pages/detail/detail?id="+e.id})}}};',
      'e.default=o}).call(this,n("543d")["default"])}},[["167f","common/runtime","common/vendor"]]]);',
      '',
    ].join('\n');
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/order/order', 'pages/detail/detail'] }),
      'project.config.json': '{}',
      'pages/order/order.js': page,
      'pages/order/order.wxml': `<view><button data-event-opts="{{[['tap',[['pay',['$0'],['order']]]]]}}" bindtap="__e">Pay</button><view data-event-opts="{{[['tap',[['back',['$event']]]]]}}" bindtap="__e">Back</view></view>\n`,
      'pages/detail/detail.js': 'Page({});\n',
    });
    const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/order/order.wxml:1 payment']);
    expect(findings[0]!.codeFlow!.at(-1)!.message).toBe('reaches wx.requestPayment');
  });
});

describe(`${RULE}: the query the page keeps as this.options`, () => {
  const page = (onLoad: string) =>
    findingsOf(
      runMinivet(['scan', tempProject({
        'app.json': JSON.stringify({ pages: ['pages/recharge/recharge'] }),
        'project.config.json': '{}',
        'pages/recharge/recharge.wxml': '<button bindtap="pay">pay</button>',
        'pages/recharge/recharge.js': [
          'Page({',
          `  ${onLoad}`,
          '  pay() {',
          "    wx.request({ url: 'https://shop.example.com/api/card_recharge', method: 'POST', data: { money: this.options.money }, success: (res) => wx.requestPayment(res.data) });",
          '  },',
          '});',
          '',
        ].join('\n'),
      }), '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']),
    ).map((finding) => `${where(finding)} ${finding.properties['action']}`);

  it('reads this.options in any method of the page as its query, whatever onLoad does with it, and with no onLoad', () => {
    expect(page('onLoad() {},')).toEqual(['pages/recharge/recharge.js:4 order']);
    expect(page('')).toEqual(['pages/recharge/recharge.js:4 order']);
    expect(page('onLoad(options) { console.log(options); },')).toEqual(['pages/recharge/recharge.js:4 order']);
  });
});

describe(`${RULE}: orders sent as records parsed from the query, and through cloud functions`, () => {
  const service = [
    'export class OrderService {',
    '  constructor(base) { this.baseUrl = base; }',
    '  post(url, data) { return new Promise((resolve) => wx.request({ url, data, method: "POST", success: resolve })); }',
    '  createOrder(trade) { return this.post(`${this.baseUrl}/orders`, trade); }',
    '  available(items) { return this.post(`${this.baseUrl}/coupons/available`, { items }); }',
    '  getOrderList(filter) { return this.post(`${this.baseUrl}/orders/list`, filter); }',
    '}',
    '',
  ].join('\n');
  const root = tempProject({
    'app.json': JSON.stringify({ pages: ['pages/trade/trade', 'pages/goods/goods', 'pages/form/form', 'pages/cloud/cloud', 'pages/lookup/lookup'] }),
    'utils/cloud.js': 'export function callCloud(name, data) { return wx.cloud.callFunction({ name, data }); }\n',
    'pages/lookup/lookup.js': [
      "import { OrderService } from '../../services/order.js';",
      'const orders = new OrderService(getApp().globalData.base);',
      'Page({',
      '  onLoad(options) {',
      '    orders.getOrderList(JSON.parse(options.filter));',
      '    const info = JSON.parse(options.info);',
      "    wx.request({ url: 'https://shop.example.com/pay/create', method: 'POST', data: { remark: info.remark } });",
      '    const cartIds = JSON.parse(options.cartIds);',
      "    wx.request({ url: 'https://shop.example.com/order/create', method: 'POST', data: { cartIds } });",
      '  },',
      '});',
      '',
    ].join('\n'),
    'services/order.js': service,
    'pages/trade/trade.js': [
      "import { OrderService } from '../../services/order.js';",
      'const orders = new OrderService(getApp().globalData.base);',
      'Page({',
      '  onLoad(options) {',
      '    const trade = JSON.parse(options.trade);',
      '    this.setData({ trade });',
      '    orders.available(trade.items);',
      '  },',
      '  onConfirmTap() { orders.createOrder(this.data.trade); },',
      '});',
      '',
    ].join('\n'),
    'pages/goods/goods.js': [
      'Page({',
      '  onLoad(options) {',
      '    const goods = JSON.parse(decodeURIComponent(options.goods));',
      "    wx.request({ url: 'https://shop.example.com/order/create', method: 'POST', data: { goodsId: goods.id } });",
      '  },',
      '});',
      '',
    ].join('\n'),
    'pages/form/form.js': [
      'Page({',
      '  data: { form: { price: 0 } },',
      '  onLoad(options) { this.setData({ [`form.price`]: options.price }); },',
      "  submit() { wx.request({ url: 'https://shop.example.com/order/submit', method: 'POST', data: JSON.stringify(this.data.form) }); },",
      '});',
      '',
    ].join('\n'),
    'pages/cloud/cloud.js': [
      "import { callCloud } from '../../utils/cloud.js';",
      'Page({',
      '  onLoad(options) {',
      "    wx.cloud.callFunction({ name: 'order', data: { action: 'create', totalFee: options.totalFee } });",
      "    wx.cloud.callFunction({ name: 'goods', data: { action: 'list', maxPrice: options.maxPrice } });",
      "    callCloud('createOrder', { totalFee: options.fee });",
      '  },',
      '});',
      '',
    ].join('\n'),
  });
  const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));

  it('reports a parsed record sent whole by a helper named for orders, a field set under a template-literal key, and an amount sent to an order cloud function, directly or through a helper', () => {
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual([
      'pages/cloud/cloud.js:4 order',
      'pages/cloud/cloud.js:6 order',
      'pages/form/form.js:4 order',
      'pages/trade/trade.js:9 order',
    ]);
    const trade = findings.find((finding) => finding.file === 'pages/trade/trade.js')!;
    expect(trade.message).toMatch(/^A record parsed from the query of page pages\/trade\/trade, /);
    // The path shows where the record is parsed.
    expect(trade.codeFlow?.map((step) => `${where(step)} ${step.message}`)).toContain('pages/trade/trade.js:5 JSON.parse(options.trade)');
  });

  it('stays silent on the same record sent to a helper for something else or one that lists orders, a field or ids read off a parsed record, and a cloud function that lists goods', () => {
    expect(findings.filter((finding) => ['pages/trade/trade.js:7', 'pages/goods/goods.js:4', 'pages/cloud/cloud.js:5'].includes(where(finding)) || finding.file === 'pages/lookup/lookup.js')).toEqual([]);
  });
});

describe(`${RULE}: one page's query, another page's action`, () => {
  const root = tempProject({
    'app.json': JSON.stringify({ pages: ['pages/remark/remark', 'pages/checkout/checkout', 'pages/brand/brand'] }),
    'utils/request.js': [
      'export function post(url, data, page) {',
      '  wx.request({ url, method: "POST", data: Object.assign({}, data, page.data.extra) });',
      '}',
      '',
    ].join('\n'),
    'pages/remark/remark.js': "Page({ onLoad(options) { wx.setStorageSync('remark', options.remark); } });\n",
    'pages/checkout/checkout.js': [
      "import { post } from '../../utils/request.js';",
      'Page({',
      '  data: { extra: {} },',
      '  onLoad(options) { this.setData({ extra: { totalPrice: options.totalPrice } }); },',
      "  submit() { post('https://shop.example.com/order/submit', { remark: wx.getStorageSync('remark') }, this); },",
      '});',
      '',
    ].join('\n'),
    'pages/brand/brand.js': [
      "import { post } from '../../utils/request.js';",
      "Page({ onLoad() { post('https://shop.example.com/order/brand', { id: 1 }, this); } });",
      '',
    ].join('\n'),
  });
  const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));

  it('judges the action by its own page\u2019s query when another page\u2019s stored query reaches it too', () => {
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/checkout/checkout.js:5 order']);
    expect(findings[0]!.message).toMatch(/^`totalPrice` from the query of page pages\/checkout\/checkout,/);
  });

  it('does not carry a page\u2019s query into another page\u2019s request through a helper both hand their `this`', () => {
    expect(findings.filter((finding) => finding.file === 'pages/brand/brand.js')).toEqual([]);
  });
});

describe(`${RULE}: prices worked out with a number library`, () => {
  const root = tempProject({
    'app.json': JSON.stringify({ pages: ['pages/pay/pay'] }),
    // A stand-in for a shipped, minified bignumber.js: its digit arrays are not followed.
    'utils/bignumber.js': 'function B(n){this.c=[+n|0];}B.prototype.plus=function(o){var r=new B(0);r.c=[this.c[0]+o.c[0]];return r};B.prototype.toFixed=function(){return String(this.c[0])};export { B as BigNumber };\n',
    'pages/pay/pay.js': [
      "import { BigNumber } from '../../utils/bignumber.js';",
      'Page({',
      '  onLoad(options) {',
      '    const total = new BigNumber(options.price).plus(new BigNumber(options.fee));',
      "    wx.request({ url: 'https://shop.example.com/order/create', method: 'POST', data: { payAmount: total.toFixed(2) } });",
      "    wx.request({ url: 'https://shop.example.com/order/create', method: 'POST', data: { payAmount: NP.times(options.unit, 3) } });",
      "    wx.request({ url: 'https://shop.example.com/order/create', method: 'POST', data: { count: new BigNumber(2).toFixed(0) } });",
      '  },',
      '});',
      '',
    ].join('\n'),
  });
  const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));

  it('follows an amount through new BigNumber(…).plus(…) and NP.times(…), not into the library\u2019s code; a number made of literals stays silent', () => {
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/pay/pay.js:5 order', 'pages/pay/pay.js:6 order']);
  });
});

describe(`${RULE}: one finding for one place, and the endpoint named two helpers out`, () => {
  const root = tempProject({
    'app.json': JSON.stringify({ pages: ['pages/pay/pay', 'pages/withdraw/withdraw', 'pages/topup/topup'] }),
    'pages/topup/topup.js': [
      "import { post } from '../../utils/request.js';",
      'Page({',
      '  onLoad(options) { this.setData({ amount: options.amount }); this.confirm(); },',
      "  confirm() { post({ url: '/topup/recurring/confirm', params: { amount: this.data.amount } }); },",
      '});',
      '',
    ].join('\n'),
    'pages/withdraw/withdraw.js': [
      "import { post } from '../../utils/request.js';",
      'Page({',
      '  onLoad(options) { this.setData({ money: options.money }); this.withdraw(); },',
      "  withdraw() { post({ url: 'user/bankCard/withdraw', params: { money: this.data.money } }); },",
      '});',
      '',
    ].join('\n'),
    // The helper sends from two callbacks: the call in the page reaches the request twice.
    'utils/request.js': [
      'const startPost = (options) => { wx.request({ url: options.url, method: "POST", data: options.params }); };',
      'export const post = (options) => { wx.getStorage({ key: "token", success: () => startPost(options), fail: () => startPost(options) }); };',
      '',
    ].join('\n'),
    'pages/pay/pay.js': [
      "import { post } from '../../utils/request.js';",
      'Page({',
      '  onLoad(options) { this.setData({ money: options.money }); this.pay(); },',
      "  pay() { post({ url: '/order/pay', params: { money: this.data.money } }); },",
      '});',
      '',
    ].join('\n'),
  });
  const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));

  it('reports a call that reaches a request along two paths once; an amount sent to an endpoint named at the call counts for an order or a top-up, not for a withdrawal', () => {
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/pay/pay.js:4 order', 'pages/topup/topup.js:4 order']);
  });
});

describe(`${RULE}: an amount sent through a helper whose name says it only reads`, () => {
  const root = tempProject({
    'app.json': JSON.stringify({ pages: ['pages/coupons/coupons'] }),
    'utils/common.js': [
      'const send = (method) => (url, data) => new Promise((resolve) => wx.request({ url: getApp().base + url, method, data, success: resolve }));',
      "export const Get = send('GET');",
      "export const Post = send('POST');",
      "export const fetch = send('POST');",
      '',
    ].join('\n'),
    'pages/coupons/coupons.js': [
      "import { Get, Post, fetch } from '../../utils/common.js';",
      'Page({',
      '  onLoad(query) {',
      '    Get(getApp().api.coupons, { minAmount: query.money });',
      '    Post(getApp().api.submit, { payAmount: query.total });',
      '    fetch(getApp().api.createOrder, { totalPrice: query.price });',
      '  },',
      '});',
      '',
    ].join('\n'),
  });
  const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));

  it('is no order: the query filters what is shown; the same amount through a helper that may write, or one named as generic request helpers are (`fetch`), still is', () => {
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/coupons/coupons.js:5 order', 'pages/coupons/coupons.js:6 order']);
  });
});

describe(`${RULE}: pages in subpackages and the page stack`, () => {
  const root = tempProject({
    'app.json': JSON.stringify({ pages: ['pages/pay/pay', 'pages/a/a', 'pages/b/b'], subPackages: [{ root: 'packageA', pages: ['pages/pay/pay'] }] }),
    'pages/pay/pay.js': 'Page({});\n',
    'packageA/pages/pay/pay.js': "Page({ onLoad(query) { wx.requestPayment({ timeStamp: query.timeStamp, nonceStr: 'n', package: 'p', signType: 'MD5', paySign: 's' }); } });\n",
    'pages/a/a.js': 'Page({ onLoad(query) { const stack = getCurrentPages(); stack[stack.length - 2].setData({ url: query.url }); } });\n',
    'pages/b/b.js': "Page({ data: { url: '' } });\n",
    'pages/b/b.wxml': '<web-view src="{{url}}"></web-view>\n',
  });
  const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));

  it('takes a subpackage page for itself, not for the main page its path ends like, and a write through getCurrentPages() as a way between pages', () => {
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['packageA/pages/pay/pay.js:1 payment', 'pages/b/b.wxml:1 web-view']);
  });
});

describe(`${RULE}: a URL after a host the analysis does not know`, () => {
  const root = tempProject({
    'app.json': JSON.stringify({ pages: ['pages/edit/edit', 'pages/buy/buy', 'pages/any/any'] }),
    'app.js': "App({ globalData: { host: wx.getStorageSync('online') ? 'https://example.com/Api' : 'https://127.0.0.1/Api' } });\n",
    'pages/edit/edit.js': [
      'Page({',
      '  onLoad(option) { this.setData({ goodsinfo: JSON.parse(decodeURIComponent(option.info)) }); },',
      '  save() {',
      '    wx.request({ url: `${getApp().globalData.host}/Goodsinfoswr/${this.data.p}`, method: "POST", data: this.data.goodsinfo });',
      '  },',
      '});',
      '',
    ].join('\n'),
    'pages/buy/buy.js': [
      'Page({',
      '  onLoad(option) { this.setData({ goodsinfo: JSON.parse(decodeURIComponent(option.info)) }); },',
      '  submit() {',
      '    wx.request({ url: getApp().globalData.host + "/order/submit", method: "POST", data: this.data.goodsinfo });',
      '  },',
      '});',
      '',
    ].join('\n'),
    'pages/any/any.js': [
      'Page({',
      '  onLoad(option) { this.setData({ goodsinfo: JSON.parse(decodeURIComponent(option.info)), path: option.path }); },',
      '  submit() {',
      '    wx.request({ url: `${getApp().globalData.host}/api/${this.data.path}`, method: "POST", data: this.data.goodsinfo });',
      '  },',
      '});',
      '',
    ].join('\n'),
  });
  const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));

  it('reads the endpoint from the text written after it: an item saved to a settings endpoint is no order, one submitted to an order endpoint is, and a URL that names no endpoint is judged as before', () => {
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/any/any.js:4 order', 'pages/buy/buy.js:4 order']);
  });
});

describe(`${RULE}: several of the query's values sent to one sign-in request`, () => {
  const page = (fields: string): string =>
    [
      'Page({',
      '  onLoad(e) { const t = this; t.setData({ sale: e.sale, ref: e.ref }); },',
      '  register() {',
      '    const s = { mobile: this.data.mobile };',
      `    ${fields}`,
      "    wx.request({ url: getApp().globalData.root + '/member/register', method: 'POST', data: Object.assign({ sign: 'x' }, s) });",
      '  },',
      '});',
      '',
    ].join('\n');
  const run = (fields: string) => {
    const root = tempProject({ 'app.json': JSON.stringify({ pages: ['pages/r/r'] }), 'pages/r/r.js': page(fields), 'pages/r/r.wxml': '<button bindtap="register">r</button>' });
    return findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));
  };

  it('signs in when any value on the way is sent as an account, whichever way the path shows', () => {
    const findings = run('this.data.sale && (s.sale = this.data.sale); this.data.ref && (s.openid = this.data.ref);');
    expect(findings.map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/r/r.js:6 sign-in']);
    expect(findings[0]!.message).toMatch(/^`openid` from the query/);
  });

  it('takes an identifier sent to a bind URL as an account', () => {
    expect(run('s.identifying = this.data.ref;').map((finding) => `${where(finding)} ${finding.properties['action']}`)).toEqual(['pages/r/r.js:6 sign-in']);
  });

  it('does not when none is, or when the account is a referral', () => {
    expect(run('s.sale = this.data.sale; s.remark = this.data.ref;')).toEqual([]);
    expect(run('s.sale = this.data.sale; s.inviterOpenid = this.data.ref;')).toEqual([]);
  });
});

describe(`${RULE}: the launch query`, () => {
  const app = (onLaunch: string): string[] => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'app.js': ['App({', '  onLaunch(options) {', `    ${onLaunch}`, '  },', '});', ''].join('\n'),
      'pages/index/index.js': 'Page({});\n',
    });
    return findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none'])).map((finding) => `${where(finding)} ${finding.properties['action']}: ${finding.message}`);
  };

  it("takes a login stored from the query a link opens the mini-app with as the user's login", () => {
    expect(app("if (options.query.user) { const lander = JSON.parse(options.query.user); wx.setStorageSync('principal', lander.username); wx.setStorageSync('token', options.query.token); }")).toEqual([
      expect.stringMatching(/^app\.js:3 session: `username` from the launch query of App\.onLaunch, which any link to the mini-app sets, is stored as the user\u2019s login/),
      expect.stringMatching(/^app\.js:3 session: `token` from the launch query/),
    ]);
  });

  it('leaves the sharer it credits, and what pages do with their own query, to the other rules', () => {
    expect(app("wx.setStorageSync('sharer', options.query.from); wx.request({ url: 'https://shop.example.com/order/create', data: { price: options.query.price } });")).toEqual([]);
  });

  it('takes an account kept under a sharer\u2019s key for the sharer, whatever the query calls it; a token under it is still a login', () => {
    expect(app("wx.setStorageSync('invite_uid', options.query.uid); wx.setStorageSync('fromUser', { uid: options.query.uid });")).toEqual([]);
    expect(app("wx.setStorageSync('shareUser', { token: options.query.token });")).toEqual([expect.stringMatching(/^app\.js:3 session: `token`/)]);
  });
});
