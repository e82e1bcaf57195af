import { describe, expect, it } from 'vitest';
import { brief, usagesOf } from './helpers/collect.js';

describe('API-call resolution', () => {
  it('finds direct, computed and template-literal member calls with exact positions', () => {
    const usages = usagesOf(`wx.getLocation({});\nwx['chooseLocation']();\n  wx[\`choosePoi\`]();`);
    expect(brief(usages)).toEqual(['wx.chooseLocation@2:1', 'wx.choosePoi@3:3', 'wx.getLocation@1:1']);
    const first = usages.find((u) => u.name === 'getLocation')!;
    expect(first.location.region.end).toEqual({ line: 1, column: 15 });
    expect(first.via).toBe('member');
  });

  it('follows aliases, including ones declared after the function that uses them', () => {
    const code = `function later() { api.onLocationChange(() => {}); }\nconst api = wx;\nlet other; other = wx; other.startLocationUpdate();`;
    expect(brief(usagesOf(code))).toEqual(['wx.onLocationChange@1:20', 'wx.startLocationUpdate@3:24']);
    expect(usagesOf(code).every((u) => u.via === 'alias')).toBe(true);
  });

  it('follows destructuring with renames and defaults, reporting the call site', () => {
    const code = `const { getLocation, chooseAddress: pick = noop } = wx;\ngetLocation();\nconsole.log('x');\npick({});`;
    expect(brief(usagesOf(code))).toEqual(['wx.chooseAddress@4:1', 'wx.getLocation@2:1']);
  });

  it('keeps a destructured API that is never called here as a use (it may be exported)', () => {
    expect(brief(usagesOf(`const { getLocation } = wx;\nmodule.exports = { getLocation };`))).toEqual(['wx.getLocation@1:9(value)']);
  });

  it('counts functions passed as values, bound or applied', () => {
    const code = `const p = promisify(wx.getLocation);\nwx.chooseLocation.call(wx, {});\nconst pick = wx.choosePoi || fallback;`;
    expect(brief(usagesOf(code))).toEqual(['wx.chooseLocation@2:1', 'wx.choosePoi@3:14(value)', 'wx.getLocation@1:21(value)']);
  });

  it('treats promisifyAll targets as the platform namespace', () => {
    const code = `import { promisifyAll } from 'miniprogram-api-promise';\nconst wxp = {};\npromisifyAll(wx, wxp);\nwxp.getLocation().then(console.log);`;
    expect(brief(usagesOf(code))).toEqual(['wx.getLocation@4:1']);
  });

  it('resolves framework namespaces and Taro imports', () => {
    const code = `import Taro, { chooseLocation } from '@tarojs/taro';\nTaro.getLocation();\nchooseLocation({});\nuni.startLocationUpdate({});\nconst T = require('@tarojs/taro').default; T.choosePoi();`;
    const usages = usagesOf(code, 'page.ts');
    expect(brief(usages)).toEqual(['Taro.chooseLocation@3:1', 'Taro.choosePoi@5:44', 'Taro.getLocation@2:1', 'uni.startLocationUpdate@4:1']);
    expect(usages.every((u) => u.via === 'framework')).toBe(true);
  });

  it('resolves the framework copies compiled wepy 1 and Taro 1 builds require from npm/, through Babel\u2019s interop helper', () => {
    const code = [
      "var _wepy = require('./../../npm/wepy/lib/wepy.js');",
      'var _wepy2 = _interopRequireDefault(_wepy);',
      '_wepy2.default.getLocation({});',
      "var _index = require('../../npm/@tarojs/taro-weapp/index.js');",
      '_interopRequireDefault(_index).default;',
      'var _taro = _interopRequireDefault(_index);',
      '_taro.default.chooseLocation({});',
      // Another file of the package is not the namespace.
      "var _event = _interopRequireDefault(require('./../../npm/wepy/lib/event.js'));",
      '_event.default.getLocation({});',
    ].join('\n');
    const usages = usagesOf(code);
    expect(brief(usages)).toEqual(['Taro.chooseLocation@7:1', 'wepy.getLocation@3:1']);
    expect(usages.every((u) => u.via === 'framework')).toBe(true);
  });

  it('sees through TypeScript casts and non-null assertions', () => {
    const code = `(wx as WechatMiniprogram.Wx).getLocation({});\nwx!.chooseLocation({});\n(<any>wx).choosePoi({});`;
    expect(brief(usagesOf(code, 'page.ts'))).toEqual(['wx.chooseLocation@2:1', 'wx.choosePoi@3:1', 'wx.getLocation@1:1']);
  });

  it('ignores names in comments and strings, same-named methods and other objects', () => {
    const code = [
      '// wx.getLocation() in a comment',
      "const hint = 'wx.chooseLocation()';",
      'this.getLocation();',
      'app.wx.getLocation();',
      'my.getLocation();',
      'Page({ getLocation() { return 1; } });',
    ].join('\n');
    expect(usagesOf(code)).toEqual([]);
  });

  it('does not count feature tests', () => {
    const code = `if (wx.getFuzzyLocation) {}\nconst ok = typeof wx.getLocation === 'function';\nconst can = wx.choosePoi && true;\nconst t = wx.chooseLocation ? 1 : 0;\nconst b = !wx.startLocationUpdate;`;
    expect(usagesOf(code)).toEqual([]);
  });

  it('does not count the original kept by an API override, but counts calls', () => {
    const code = `const original = wx.getLocation;\nwx.getLocation = function (o) { return original.call(wx, o); };\nObject.defineProperty(wx, 'chooseLocation', { value: wrap(wx.chooseLocation) });\nwx.getLocation({});`;
    expect(brief(usagesOf(code))).toEqual(['wx.getLocation@4:1']);
  });

  it('does not resolve names computed at run time', () => {
    expect(usagesOf(`const name = 'getLocation';\nwx[name]({});`)).toEqual([]);
  });

  it('uses the platform globals it is given', () => {
    expect(brief(usagesOf(`qq.getLocation({}); wx.getLocation({});`, 'a.js', ['qq', 'wx']))).toEqual(['qq.getLocation@1:1', 'wx.getLocation@1:21']);
    expect(brief(usagesOf(`wx.getLocation({}); my.getLocation({});`, 'a.js', ['my']))).toEqual(['my.getLocation@1:21']);
  });

  it('walks nested code without recursion', () => {
    const depth = 400;
    const code = `${'['.repeat(depth)}wx.getLocation()${']'.repeat(depth)};`;
    expect(brief(usagesOf(code))).toEqual([`wx.getLocation@1:${depth + 1}`]);
  });
});
