import { describe, expect, it } from 'vitest';
import { scanProject } from '../src/scan.js';
import { findingKeys } from './helpers/summarise.js';
import { onlyRules } from './helpers/rule-sets.js';
import { tempProject } from './helpers/temp-project.js';

/**
 * A helper whose result is made only from its parameters (analyzers/dataflow/derived-returns.ts):
 * each call's result comes from that call's own arguments, so what one caller passes does not come
 * out of every other call, while what the helper does inside still sees every caller's values.
 */
const parseHelper = [
  'export const codec = {',
  '  parse(text) {',
  "    if (!text || typeof text != 'string') return;",
  '    const fixes = [];',
  '    this.collect(JSON.parse(text), fixes);',
  '    fixes.forEach((fix) => { text = text.replace(fix.from, fix.to); });',
  '    const out = JSON.parse(text);',
  "    console.log('parsed', out);",
  '    return out;',
  '  },',
  '  collect(value, fixes) { fixes.push({ from: /x/, to: "y" }); },',
  '};',
].join('\n');

describe('calls of a helper made only from its parameters', () => {
  const root = tempProject({
    'app.json': '{ "pages": ["pages/login/login", "pages/list/list"] }',
    'utils/codec.js': parseHelper,
    'utils/img.js': "export function img(path) {\n  let base = 'http://cdn.example.com';\n  return `${base}/${path}`;\n}\nexport function isLogin(user) {\n  return !!(user.token && user.uid);\n}",
    'pages/login/login.js': [
      "import { codec } from '../../utils/codec';",
      "import { isLogin } from '../../utils/img';",
      'Page({',
      '  onLogin() {',
      "    const user = codec.parse(wx.getStorageSync('session_token'));",
      "    wx.setStorageSync('logged', isLogin({ token: user.token, uid: 1 }));",
      "    console.log('user', { token: user.token });",
      '  },',
      '});',
    ].join('\n'),
    'pages/list/list.js': [
      "import { codec } from '../../utils/codec';",
      "import { img } from '../../utils/img';",
      'Page({',
      '  onShow() {',
      "    wx.request({ url: 'https://api.example.com/list', success: (res) => {",
      '      const list = codec.parse(res.data);',
      "      console.log('list', list);",
      '      wx.downloadFile({ url: img(list.cover) });',
      '    } });',
      '  },',
      '});',
    ].join('\n'),
  });
  const keys = findingKeys(scanProject(root, onlyRules(['sensitive-data-leak', 'sensitive-data-to-storage', 'insecure-transport'])));

  it("keeps one caller's values out of another call's result", () => {
    expect(keys.filter((key) => key.includes('pages/list/'))).toEqual([]);
    expect(keys).toContain('sensitive-data-leak pages/login/login.js:7:5');
  });

  it('still sees every caller\'s values inside the helper', () => {
    expect(keys).toContain('sensitive-data-leak utils/codec.js:8:5');
  });

  it("still gives each result the helper's own constants", () => {
    expect(keys).toContain('insecure-transport utils/img.js:2:14');
  });

  it('gives a yes-or-no answer none of the values it was asked about', () => {
    expect(keys.filter((key) => key.startsWith('sensitive-data-to-storage'))).toEqual([]);
  });
});

describe('a storage reader that keeps a copy of every entry in one object', () => {
  const root = tempProject({
    'app.json': '{ "pages": ["pages/a/a"] }',
    'mode/keys.js': "module.exports = { SESSION_KEY: 'session_key', RED_URL: 'red_url' };",
    'utils/store.js': [
      'let model = {};',
      'function setByKey(key, value) {',
      '  model[key] = value;',
      '  wx.setStorageSync(key, value);',
      '}',
      'function getByKey(key) {',
      '  if (model[key]) return model[key];',
      '  return wx.getStorageSync(key);',
      '}',
      'module.exports = { setByKey, getByKey };',
    ].join('\n'),
    'pages/a/a.js': [
      "const store = require('../../utils/store');",
      "const keys = require('../../mode/keys');",
      'Page({',
      '  onLoad() {',
      "    wx.request({ url: 'https://api.example.com/login', success: (res) => store.setByKey(keys.SESSION_KEY, res.data.session_key) });",
      '  },',
      '  open() {',
      "    wx.navigateToMiniProgram({ appId: 'wx123', path: store.getByKey(keys.RED_URL) });",
      "    wx.navigateToMiniProgram({ appId: 'wx123', extraData: { s: store.getByKey(keys.SESSION_KEY) } });",
      '  },',
      '});',
    ].join('\n'),
  });
  const keys = findingKeys(scanProject(root, onlyRules(['sensitive-data-leak', 'session-key-exposed', 'sensitive-data-to-storage'])));

  it("gives each call its own key's entry, not every entry the object holds", () => {
    expect(keys).toEqual([
      'sensitive-data-to-storage pages/a/a.js:5:74',
      'session-key-exposed pages/a/a.js:5:74',
      'sensitive-data-leak pages/a/a.js:9:5',
      'session-key-exposed pages/a/a.js:9:5',
    ]);
  });
});
