import { describe, expect, it } from 'vitest';
import { insecureUrl } from '../../src/rules/security/support.js';
import { scanProject } from '../../src/scan.js';
import { findingKeys } from '../helpers/summarise.js';
import { tempProject } from '../helpers/temp-project.js';

const RULE = 'insecure-transport';
const only = (keys: string[]) => keys.filter((key) => key.startsWith(`${RULE} `));

describe('insecure-transport on fixtures/security-transport', () => {
  const project = scanProject('fixtures/security-transport');
  const findings = project.findings.filter((f) => f.ruleId === RULE);

  it('reports each plain URL once, at the literal, however far it travels', () => {
    expect(only(findingKeys(project))).toEqual([
      'insecure-transport app.js:4:14',
      'insecure-transport config/env.js:2:27',
      'insecure-transport config/env.js:3:20',
      'insecure-transport pages/web/web.js:4:25',
      'insecure-transport pages/web/web.wxml:1:45',
      'insecure-transport utils/http.js:28:53',
      'insecure-transport utils/http.js:37:46',
    ]);
  });

  it('points from the literal to every place it is used', () => {
    const app = findings[0]!;
    expect(app.properties).toMatchObject({ scheme: 'http', host: 'api.example.com', sinks: ['wx.request (url)', 'wx.downloadFile (url)'] });
    expect(app.relatedLocations?.map((r) => `${r.location.file}:${r.location.region.start.line}`)).toEqual(['pages/index/index.js:5', 'pages/index/index.js:6']);
    const web = findings.find((f) => f.location.file === 'pages/web/web.js')!;
    expect(web.message).toContain('reaches <web-view src> at pages/web/web.wxml:2:24');
    expect(web.relatedLocations?.map((r) => r.message)).toEqual(["the URL is held in url: 'http://h5.example.com/campaign' here", 'used as the URL of <web-view src> here']);
  });

  it('makes a private-network address a note and says why', () => {
    const lan = findings.find((f) => f.location.file === 'config/env.js' && f.location.region.start.line === 2)!;
    expect(lan.severity).toBe('note');
    expect(lan.properties?.privateNetwork).toBe(true);
    expect(lan.message).toContain('private-network address');
    expect(findings.filter((f) => f !== lan).every((f) => f.severity === 'warning')).toBe(true);
  });

  it('stays quiet on loopback, https, reassigned or mutated values, comments and images', () => {
    const lines = findings.map((f) => `${f.location.file}:${f.location.region.start.line}`);
    expect(lines).not.toContain('config/env.js:5');
    expect(lines).not.toContain('config/env.js:6');
    expect(lines.some((line) => line.startsWith('pages/gallery/'))).toBe(false);
    expect(lines.filter((line) => line.startsWith('utils/http.js:')).sort()).toEqual(['utils/http.js:28', 'utils/http.js:37']);
  });
});

describe('insecure-transport across platforms and module styles', () => {
  it('follows TypeScript exports into Alipay and framework calls', () => {
    const root = tempProject({
      'app.json': '{ "pages": ["pages/a/a"] }',
      'mini.project.json': '{}',
      'shared/api.ts': "export const API = 'http://alipay.example.com' as const;\nexport default { socket: 'ws://10.1.2.3:9000/ws' };",
      'pages/a/a.ts': [
        "import { API } from '../../shared/api';",
        "import cfg from '../../shared/api';",
        "my.request({ url: `${API}/items` });",
        "my.connectSocket({ url: cfg.socket });",
        "uni.request({ url: API + '/uni' });",
        "my.request({ url: 'http://[::1]:8080/debug' });",
      ].join('\n'),
    });
    const project = scanProject(root);
    expect(only(findingKeys(project))).toEqual(['insecure-transport shared/api.ts:1:20', 'insecure-transport shared/api.ts:2:26']);
    expect(project.findings.find((f) => f.ruleId === RULE)!.properties?.sinks).toEqual(['my.request (url)', 'uni.request (url)']);
  });

  it('in a file on its own, reports what it can resolve there', () => {
    const root = tempProject({
      'app.json': '{ "pages": ["pages/a/a"] }',
      'pages/a/a.js': "const HOST = 'http://' + host + '/x';\nwx.request({ url: HOST });\nwx.request({ url: 'http://' });",
    });
    const project = scanProject(root);
    expect(only(findingKeys(project))).toEqual(['insecure-transport pages/a/a.js:1:14', 'insecure-transport pages/a/a.js:3:19']);
    expect(project.findings[0]!.message).toContain('a host decided at run time');
  });
});

describe('insecure-transport through the data flow', () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'utils/request.js': [
      'class Request {',
      "  constructor() { this.baseUrl = 'http://api.one.example.com/api/'; }",
      '  get(path) { return wx.request({ url: this.baseUrl + path }); }',
      '}',
      'export default new Request();',
      "var BASE_URL = 'http://api.two.example.com';",
      'export function call(url) { return wx.request({ url: "".concat(BASE_URL).concat(url) }); }',
      'export function fetch(url) { return wx.request({ url }); }',
      "export function img(path) { let host = 'http://img.seven.example.com'; return `${host}/${path}`; }",
    ].join('\n'),
    'pages/a/a.js': [
      "import client, { call, fetch, img } from '../../utils/request.js';",
      'Page({',
      "  data: { qrCodePath: 'http://img.three.example.com/qr.jpg', site: 'http://api.eight.example.com' },",
      '  save() { wx.downloadFile({ url: this.data.qrCodePath }); },',
      "  go() { client.get('x'); call('/y'); fetch('http://api.four.example.com/z'); fetch('https://secure.example.com/'); },",
      "  back() { wx.request({ url: 'https://auth.example.com/login?next=' + 'http://api.five.example.com/' }); },",
      "  keep() { wx.request({ url: 'https://api.example.com/', data: { callback: 'http://api.six.example.com/' } }); },",
      "  poster() { wx.downloadFile({ url: img(this.data.site) }); },",
      '});',
    ].join('\n'),
  });
  const findings = scanProject(root).findings.filter((f) => f.ruleId === RULE);
  const hosts = findings.map((f) => f.properties?.host).sort();

  it('follows a URL through a class field, page data, a parameter and Babel\'s concat', () => {
    expect(hosts).toEqual(['api.four.example.com', 'api.one.example.com', 'api.two.example.com', 'img.seven.example.com', 'img.three.example.com']);
    const download = findings.find((f) => f.properties?.host === 'img.three.example.com')!;
    expect(download.location.file).toBe('pages/a/a.js');
    expect(download.message).toContain('reaches wx.downloadFile (url)');
  });

  it('leaves out a URL that does not start the request URL: a query parameter, a data field, the tail of a template', () => {
    expect(hosts).not.toContain('api.eight.example.com');
    expect(hosts).not.toContain('api.five.example.com');
    expect(hosts).not.toContain('api.six.example.com');
  });
});

describe('insecureUrl', () => {
  it.each([
    ['http://api.example.com/x', true, 'public', 'http://api.example.com'],
    ['ws://chat.example.com', true, 'public', 'ws://chat.example.com'],
    ['http://localhost:3000', true, 'loopback', 'http://localhost:3000'],
    ['http://127.0.0.1/', true, 'loopback', 'http://127.0.0.1'],
    ['http://127.0.', false, 'loopback', 'http://127.0.…'],
    ['http://192.168.1.2:8080', true, 'private', 'http://192.168.1.2:8080'],
    ['http://172.20.0.1', true, 'private', 'http://172.20.0.1'],
    ['http://172.32.0.1', true, 'public', 'http://172.32.0.1'],
    ['http://printer.local/', true, 'private', 'http://printer.local'],
    ['http://user:pass@api.example.com/', true, 'public', 'http://api.example.com'],
    ['http://api.', false, 'unknown', 'http://api.…'],
    ['http://cdn.example.com', false, 'public', 'http://cdn.example.com'],
  ])('%s (complete: %s) is %s', (text, complete, scope, display) => {
    const url = insecureUrl(text, complete)!;
    expect(url.scope).toBe(scope);
    expect(url.display).toBe(display);
  });

  it('ignores https, wss and other schemes', () => {
    for (const text of ['https://a.example.com', 'wss://a.example.com', 'ftp://a.example.com', '/relative', 'data:text/plain,http://x']) expect(insecureUrl(text, true)).toBeUndefined();
  });
});

describe('insecure-transport: options built elsewhere, appended URLs and Vue state', () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a","pages/b/b"]}',
    'common/vendor.js': 'exports.index = {}; exports.reactive = (s) => s;',
    'utils/request.js': [
      "const v = require('../common/vendor.js');",
      'class Http {',
      "  constructor() { this.baseUrl = 'http://api.one.example.com/api'; if (!this.baseUrl.endsWith('/')) this.baseUrl += '/'; }",
      '  request(path, extra) {',
      '    const options = Object.assign(v.index.$u.deepClone(this.config), extra, { url: this.baseUrl + path });',
      '    v.index.request({ ...options, success() {} });',
      '  }',
      '}',
      'module.exports = new Http();',
    ].join('\n'),
    'pages/a/a.js': [
      "const v = require('../../common/vendor.js');",
      "const state = v.reactive({ image: 'http://dev.two.example.com/a.png' });",
      'Page({ show() { console.log(state.image); } });',
    ].join('\n'),
    'pages/b/b.js': [
      "const v = require('../../common/vendor.js');",
      "const poster = v.reactive({ image: 'https://cdn.example.com/p.png' });",
      'Page({ save() { v.index.downloadFile({ url: poster.image }); } });',
    ].join('\n'),
  });
  const hosts = scanProject(root).findings.filter((f) => f.ruleId === RULE).map((f) => f.properties?.host);

  it("follows a URL into options spread or assigned into a copy, through uni-app's vendor `index`, and past `+=`", () => {
    expect(hosts).toEqual(['api.one.example.com']);
  });

  it("keeps each page's reactive state apart: one page's plain-HTTP URL does not reach another page's download", () => {
    expect(hosts).not.toContain('dev.two.example.com');
  });
});

describe('insecure-transport: a URL handed to a handler as a data- attribute', () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'pages/a/a.wxml': [
      '<button data-url="http://lan.example.com/v2/center" bindtap="open">open</button>',
      '<button data-url="https://secure.example.com/v2/center" data-page-url="http://other.example.com/" bindtap="open">secure</button>',
    ].join('\n'),
    'pages/a/a.js': "Page({ open(e) { const { url } = e.currentTarget.dataset; wx.downloadFile({ url }); } });",
  });
  const findings = scanProject(root).findings.filter((f) => f.ruleId === RULE);

  it('follows data-url to e.currentTarget.dataset.url, and no other data- attribute', () => {
    expect(findings.map((f) => f.properties?.host)).toEqual(['lan.example.com']);
  });
});

describe("insecure-transport: a helper object's methods call each other through this", () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'utils/util.js': [
      'const utils = {',
      "  base: function () { return 'http://api.example.com/'; },",
      "  secure: function () { return 'https://api.example.com/'; },",
      '  request: function (path) { return new Promise((resolve) => { wx.request({ url: this.base() + path, success: resolve }); }); },',
      '  upload: function (path) { wx.uploadFile({ url: this.secure() + path, filePath: path, name: "f" }); },',
      '};',
      'module.exports = utils;',
    ].join('\n'),
    'pages/a/a.js': "const utils = require('../../utils/util.js');\nPage({ onLoad() { utils.request('list'); } });",
  });
  const findings = scanProject(root).findings.filter((f) => f.ruleId === RULE);

  it("takes a method's this to be its object, in arrow functions within it too", () => {
    expect(findings.map((f) => `${f.location.region.start.line} ${f.properties?.host}`)).toEqual(['2 api.example.com']);
    expect(findings[0]!.message).toContain('wx.request (url) at utils/util.js:4');
  });
});

describe("insecure-transport: a page defined through a wrapper of Page", () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a","pages/b/b"]}',
    'utils/page.js': 'export const xPage = (options) => Page(options);\nexport const toPage = (options) => wx.navigateTo(options);',
    'pages/a/a.wxml': '<web-view src="{{link}}"></web-view>',
    'pages/a/a.js': "import { xPage } from '../../utils/page.js';\nxPage({ data: { link: '' }, onLoad() { this.show('http://h5.example.com/a'); }, show(link) { this.setData({ link }); } });",
    'pages/b/b.wxml': '<web-view src="{{link}}"></web-view>',
    'pages/b/b.js': [
      "import { toPage } from '../../utils/page.js';",
      "toPage({ url: 'http://h5.example.com/b', link: 'http://h5.example.com/c' });",
      'function savePage(o) { wx.downloadFile({ url: o.data.link }); }',
      "savePage({ data: { link: 'http://dl.example.com/d' } });",
    ].join('\n'),
  });
  const findings = scanProject(root).findings.filter((f) => f.ruleId === RULE);

  it("reads xPage({ data, onLoad, … }) as the page's options, and toPage({ url }) or savePage({ data }) as calls", () => {
    expect(findings.map((f) => `${f.location.file} ${f.properties?.host}`)).toEqual(['pages/a/a.js h5.example.com', 'pages/b/b.js dl.example.com']);
  });
});

describe("insecure-transport: a URL opened through the app's own page-name router", () => {
  const project = scanProject('fixtures/page-router');

  it('follows this.forward(\'web-view\', { url }) through wx.goPage and a mixin that keeps the query on the page', () => {
    expect(only(findingKeys(project))).toEqual(['insecure-transport pages/mine/mine.js:11:56']);
    const finding = project.findings.find((f) => f.ruleId === RULE)!;
    expect(finding.message).toContain('reaches <web-view src> at pages/web-view/web-view.wxml:1:16');
  });
});

describe('insecure-transport: a request class configured through a hand-written merge', () => {
  const config = (merge: string) =>
    tempProject({
      'app.json': '{"pages":["pages/a/a"]}',
      'utils/merge.js': `export function deepMerge(target = {}, source = {}) {\n  target = JSON.parse(JSON.stringify(target));\n  for (const prop in source) {\n    ${merge}\n  }\n  return target;\n}`,
      'utils/http.js': [
        "import { deepMerge } from './merge.js';",
        'export default class Http {',
        "  constructor() { this.config = { baseUrl: '', header: {} }; }",
        '  create(custom) { this.config = deepMerge(this.config, custom); }',
        '  request(options = {}) {',
        "    options.url = options.url || '';",
        '    options.url = this.config.baseUrl + options.url;',
        '    wx.request(options);',
        '  }',
        '}',
      ].join('\n'),
      'utils/request.js': "import Http from './http.js';\nconst settings = { baseUrl: 'http://api.example.com/gateway', timeout: 3000 };\nconst http = new Http();\nhttp.create(settings);\nexport default http;",
      'pages/a/a.js': "import http from '../../utils/request.js';\nPage({ onLoad() { http.request({ url: '/list' }); } });",
    });

  it('copies every field a loop copies key by key, and a write that keeps the value it finds (`url = url || ""`) replaces nothing', () => {
    const findings = scanProject(config('target[prop] = source[prop];')).findings.filter((f) => f.ruleId === RULE);
    expect(findings.map((f) => `${f.location.file}:${f.location.region.start.line} ${f.properties?.host}`)).toEqual(['utils/request.js:2 api.example.com']);
    expect(findings[0]!.message).toContain('reaches wx.request (url) at utils/http.js:8');
  });

  it('copies nothing when the keys differ (`target[prop] = source[other]`), or the loop copies a list of keys', () => {
    expect(scanProject(config("const other = 'x'; target[prop] = source[other];")).findings.filter((f) => f.ruleId === RULE)).toEqual([]);
    expect(scanProject(config("for (const key of ['timeout']) target[key] = source[key];")).findings.filter((f) => f.ruleId === RULE)).toEqual([]);
    const viaKeys = scanProject(config("Object.keys(source).forEach((key) => { target[key] = source[key]; });")).findings.filter((f) => f.ruleId === RULE);
    expect(viaKeys.map((f) => f.properties?.host)).toEqual(['api.example.com']);
  });
});

describe('insecure-transport behind a switch between servers', () => {
  const project = (switchLine: string) => tempProject({
    'app.json': '{ "pages": ["pages/a/a"] }',
    'config/api.js': [
      switchLine,
      'let root;',
      'if (dev) {',
      "  root = 'http://192.168.13.170:9102';",
      '} else {',
      "  root = 'http://api.example.com:9102';",
      '}',
      "module.exports = { user: root + '/ding/auth' };",
    ].join('\n'),
    'pages/a/a.js': "const api = require('../../config/api.js');\nPage({ onLoad() { wx.request({ url: api.user }); } });",
  });
  const lines = (root: string) => scanProject(root).findings.filter((f) => f.ruleId === RULE).map((f) => `${f.location.region.start.line} ${f.properties?.host}`);

  it('follows the arm a flag set once decides, and not the arm that never runs', () => {
    expect(lines(project('let dev = false;'))).toEqual(['6 api.example.com']);
    expect(lines(project("const env = 'dev'; const dev = env === 'dev' && !false;"))).toEqual(['4 192.168.13.170']);
  });

  it('reports both arms when the flag may change: either may run, and neither replaces the other', () => {
    expect(lines(project('let dev = false; export function debug() { dev = true; }'))).toEqual(['4 192.168.13.170', '6 api.example.com']);
    expect(lines(project('const dev = wx.getStorageSync("dev");'))).toEqual(['4 192.168.13.170', '6 api.example.com']);
  });

  it('takes an empty first value for no write, and a NODE_ENV test as a production build makes it', () => {
    const hosts = (code: string) => scanProject(tempProject({ 'app.json': '{ "pages": ["pages/a/a"] }', 'pages/a/a.js': `${code}\nPage({ onLoad() { wx.request({ url: root + '/x' }); } });` })).findings.filter((f) => f.ruleId === RULE).map((f) => f.properties?.host);
    expect(hosts("let root = '';\nif (getApp().globalData.debugMode) { root = 'http://dev.example.com'; } else { root = 'https://api.example.com'; }")).toEqual(['dev.example.com']);
    expect(hosts("let root = null;\nif (process.env.NODE_ENV === 'development') { root = 'http://10.0.0.8:8080'; } else { root = 'http://api.example.com'; }")).toEqual(['api.example.com']);
  });

  it('still leaves out a URL a later write may replace: one arm after a first value, or a write after the if', () => {
    const replaced = (code: string) => lines(tempProject({ 'app.json': '{ "pages": ["pages/a/a"] }', 'pages/a/a.js': `${code}\nPage({ onLoad() { wx.request({ url: root + '/x' }); } });` }));
    expect(replaced("let root = 'http://api.example.com';\nif (wx.getStorageSync('secure')) root = 'https://api.example.com';")).toEqual([]);
    expect(replaced("let root;\nif (wx.getStorageSync('dev')) { root = 'http://10.0.0.8'; } else { root = 'http://api.example.com'; }\nroot = 'https://api.example.com';")).toEqual([]);
  });
});

describe('insecure-transport: a flag the switch cannot trust', () => {
  it('decides by a var only when it is declared above the test', () => {
    const root = (code: string) => tempProject({ 'app.json': '{ "pages": ["pages/a/a"] }', 'pages/a/a.js': code });
    const hosts = (code: string) => scanProject(root(code)).findings.filter((f) => f.ruleId === RULE).map((f) => f.properties?.host);
    const use = "\nPage({ onLoad() { wx.request({ url: base + '/x' }); } });";
    expect(hosts(`var dev = false;\nvar base;\nif (dev) base = 'http://10.0.0.8';\nelse base = 'http://api.example.com';${use}`)).toEqual(['api.example.com']);
    // Hoisted: the test reads undefined, not the value below; either arm may run, so both URLs are kept.
    expect(hosts(`var base;\nif (dev) base = 'http://10.0.0.8';\nelse base = 'http://api.example.com';\nvar dev = true;${use}`)).toEqual(['10.0.0.8', 'api.example.com']);
  });
});

describe('insecure-transport: uses the constants and the data flow each find', () => {
  it('lists a request the data flow reaches (a var written in both arms) beside the uses the constants found', () => {
    const root = tempProject({
      'app.json': '{ "pages": ["pages/a/a"] }',
      'utils/base.js': "module.exports = { baseURL: 'http://api.example.com/api' };",
      'utils/request.js': [
        "import base from './base';",
        'export default (name, parameters) => {',
        '  if (parameters) {',
        "    var url = base.baseURL + name + '/' + parameters;",
        '  } else {',
        '    var url = base.baseURL + name;',
        '  }',
        '  return new Promise((resolve) => { wx.request({ url, success: resolve }); });',
        '};',
      ].join('\n'),
      'pages/a/a.js': [
        "import base from '../../utils/base';",
        "import request from '../../utils/request';",
        "Page({ onLoad() { request('/x'); }, upload() { wx.uploadFile({ url: base.baseURL + '/avatar', filePath: 'f', name: 'file' }); } });",
      ].join('\n'),
    });
    const findings = scanProject(root).findings.filter((f) => f.ruleId === RULE);
    expect(findings.map((f) => `${f.location.file}:${f.location.region.start.line}`)).toEqual(['utils/base.js:1']);
    expect(findings[0]!.relatedLocations?.map((r) => `${r.location.file}:${r.location.region.start.line} ${r.message}`)).toEqual([
      'pages/a/a.js:3 used as the URL of wx.uploadFile (url) here',
      'utils/request.js:8 used as the URL of wx.request (url) here',
    ]);
  });
});
