import { describe, expect, it } from 'vitest';
import { scanProject } from '../../src/scan.js';
import { onlyRules } from '../helpers/rule-sets.js';
import { tempProject } from '../helpers/temp-project.js';

const RULE = 'extradata-without-appid-check';

describe(RULE, () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'app.js': [
      "const PARTNERS = ['wx1111111111111111'];",
      'App({',
      '  globalData: {},',
      '  onLaunch(options) {',
      '    if (options && options.referrerInfo && options.referrerInfo.extraData && options.referrerInfo.extraData.sourceId) {',
      '      this.globalData.sourceId = options.referrerInfo.extraData.sourceId;',
      '    }',
      '    this.globalData.options = options;',
      '  },',
      '  onShow({ referrerInfo = {}, scene }) {',
      '    if (scene == 1037 && referrerInfo.extraData) {',
      '      // let appid = referrerInfo.appId;',
      '      const extraData = referrerInfo.extraData;',
      '      this.track(extraData);',
      '      console.log(referrerInfo.appId);',
      '    }',
      '  },',
      '  checked(options) {',
      '    if (!PARTNERS.includes(options.referrerInfo.appId)) return;',
      '    this.globalData.coupon = options.referrerInfo.extraData.coupon;',
      '  },',
      '  compared(options) {',
      "    const { referrerInfo } = options;",
      "    if (referrerInfo.appId !== 'wx1111111111111111') return;",
      '    wx.setStorageSync("points", (referrerInfo.extraData || {}).points);',
      '  },',
      '  presence(options) {',
      '    const { referrerInfo } = options;',
      '    if (referrerInfo.appId !== undefined) this.globalData.x = referrerInfo.extraData;',
      '  },',
      '  track() {},',
      '});',
    ].join('\n'),
    'utils/ald-stat.js': 'module.exports = function (o) { return { ref: o.referrerInfo.extraData }; };',
    // A page's onLoad is handed its query, which never holds referrerInfo; the enter options do.
    'pages/a/a.js': [
      'Page({',
      '  onLoad(options) { this.code = options.referrerInfo.extraData.code; },',
      '  onShow() { const enter = wx.getEnterOptionsSync(); this.code = enter.referrerInfo.extraData.code; },',
      '});',
    ].join('\n'),
  });
  const lines = scanProject(root, onlyRules([RULE])).findings.map((f) => `${f.location.file}:${f.location.region.start.line}`);

  it('reports extraData taken in (assigned, declared) where no function around it checks the app id', () => {
    expect(lines).toEqual(['app.js:6', 'app.js:13', 'app.js:29', 'pages/a/a.js:3']);
  });

  it("stays quiet on tests of the data, a kept options object, checked senders, analytics SDK files and a page's query", () => {
    expect(lines).not.toContain('app.js:5');
    expect(lines).not.toContain('app.js:8');
    expect(lines).not.toContain('app.js:20');
    expect(lines).not.toContain('app.js:25');
    expect(lines.some((line) => line.startsWith('utils/'))).toBe(false);
  });

  describe('a field of the data deciding a branch', () => {
    const page = tempProject({
      'app.json': '{"pages":["pages/a/a"]}',
      'app.js': 'App({});',
      'pages/a/a.js': [
        'Page({',
        '  onShow() {',
        '    const options = wx.getEnterOptionsSync();',
        '    if (options.scene === 1038 && options.referrerInfo.extraData && options.referrerInfo.extraData.paid) {',
        '      this.setData({ paid: true });',
        '    }',
        "    const state = options.referrerInfo.extraData.status === 'ok' ? 'done' : 'retry';",
        '    if (options.referrerInfo.extraData) this.setData({ back: true });',
        '  },',
        '  guarded(options) {',
        '    if (!options.referrerInfo.extraData.token) return;',
        '    this.setData({ token: options.referrerInfo.extraData.token });',
        '  },',
        '  chain(options) {',
        '    if (options.referrerInfo.extraData.a) this.pay();',
        '    else if (options.referrerInfo.extraData.b) this.refund();',
        '  },',
        '  checked(options) {',
        "    if (options.referrerInfo.appId === 'wx1111111111111111' && options.referrerInfo.extraData.paid) this.setData({ paid: true });",
        '  },',
        '});',
      ].join('\n'),
    });
    const decided = scanProject(page, onlyRules([RULE])).findings.map((f) => `${f.location.file}:${f.location.region.start.line}`);

    it('is reported where the test reads it: the data alone decides what the app does, in each test of an else-if chain', () => {
      expect(decided).toEqual(expect.arrayContaining(['pages/a/a.js:4', 'pages/a/a.js:7', 'pages/a/a.js:15', 'pages/a/a.js:16']));
    });

    it('is not, as a guard of a use the function reports (an early return too), a presence test, or after a check', () => {
      expect(decided).toEqual(['pages/a/a.js:4', 'pages/a/a.js:7', 'pages/a/a.js:12', 'pages/a/a.js:15', 'pages/a/a.js:16']);
    });
  });
});
