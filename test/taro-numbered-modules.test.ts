/**
 * A production Taro 3 build bundles `@tarojs/taro` as a numbered webpack module (`t(92954)`), which
 * pages read through webpack's getter of its default export (`d = t.n(u)`, `d().getLocation(…)`).
 * The module is known by its entry's three statements (`initNativeApi` hook, then `e.exports = o`),
 * and a name bound to it counts only inside the module function that declares it.
 */
import { describe, expect, it } from 'vitest';
import { webpackFrameworkModules } from '../src/analyzers/framework-modules.js';
import { scanProject } from '../src/scan.js';
import { tempProject } from './helpers/temp-project.js';

const TARO_CHUNK = [
  '(wx["webpackJsonp"] = wx["webpackJsonp"] || []).push([ [ 3440 ], {',
  '    44995: function(e, t, n) { t.Z = { getLocation: function() {}, setStorageSync: function() {} }; },',
  '    92954: function(e, t, n) {',
  '        var r = n(32180), i = r.hooks, o = n(44995).Z;',
  '        i.isExist("initNativeApi") && i.call("initNativeApi", o), e.exports = o, e.exports["default"] = e.exports;',
  '    }',
  '} ]);',
].join('\n');

const COMMON_CHUNK = [
  '(wx["webpackJsonp"] = wx["webpackJsonp"] || []).push([ [ 8592 ], {',
  '    70230: function(e, n, t) {',
  '        var u = t(92954), d = t.n(u);',
  '        n.locate = function() { return d().getLocation({ type: "gcj02" }); };',
  '        n.login = function() { d().login({ success: function(r) { d().setStorageSync("token", r.code); } }); };',
  '        n.nearby = function(d) { return d().getLocation(); };',
  '        n.moduleRead = function() { return u.getLocation(); };',
  '    },',
  '    51234: function(e, n, t) {',
  '        var u = t(66058), d = t.n(u);',
  '        n.fromMap = function() { return u.getLocation() || d().getLocation(); };',
  '    }',
  '} ]);',
].join('\n');

describe('webpackFrameworkModules', () => {
  it("finds Taro's entry by its hook and export, and nothing in look-alikes", () => {
    expect(webpackFrameworkModules([TARO_CHUNK])).toEqual({ 'webpack:92954': 'Taro' });
    expect(webpackFrameworkModules(['"4rm4": function (e, t, n) { var o = n("ab12"); r.hooks.call("initNativeApi", o); e.exports = o; }'])).toEqual({ 'webpack:4rm4': 'Taro' });
    // The hook called with something the module does not export, and the hook's own definition.
    expect(webpackFrameworkModules(['12: function (e, t, n) { i.call("initNativeApi", o); e.exports = p; }'])).toEqual({});
    expect(webpackFrameworkModules(['var hooks = { initNativeApi: TaroHook(1) }; module.exports = hooks;'])).toEqual({});
  });
});

describe('Taro 3 numbered modules in a production build', () => {
  const root = tempProject({
    'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
    'project.config.json': '{}',
    'taro.js': TARO_CHUNK,
    'common.js': COMMON_CHUNK,
    'pages/index/index.js': 'Page({})',
  });
  const findings = scanProject(root).findings;
  const lines = (ruleId: string): number[] => findings.filter((finding) => finding.ruleId === ruleId && finding.location.file === 'common.js').map((finding) => finding.location.region.start.line);

  it("reads calls through webpack's getter of the module as Taro's API", () => {
    expect(lines('undeclared-private-info')).toContain(4);
    expect(findings.find((finding) => finding.ruleId === 'undeclared-private-info' && finding.location.region.start.line === 4)?.message).toContain('Taro.getLocation');
    expect(lines('sensitive-data-to-storage')).toEqual([5]);
  });

  it('reads the module itself as the namespace where it is bound', () => {
    expect(lines('undeclared-private-info')).toContain(7);
  });

  it('leaves a parameter of the same name, and the same names bound to another module, alone', () => {
    expect(lines('undeclared-private-info')).not.toContain(6);
    expect(lines('undeclared-private-info')).not.toContain(11);
  });
});
