/**
 * Array destructuring compiled by Babel (`var n = _slicedToArray(pair, 2), url = n[0]`) is taken
 * at each call: the destructured value is the call's own argument, so two pages destructuring
 * through the bundle's one helper do not meet in it.
 */
import { describe, expect, it } from 'vitest';
import { scanProject } from '../src/scan.js';
import { tempProject } from './helpers/temp-project.js';

/** Babel's helper in its shape: the argument when it is an array, else a copy of its first elements. */
const HELPERS = [
  'function holes(arr) { if (Array.isArray(arr)) return arr; }',
  'function limit(arr, i) { var out = []; for (var k = 0; k < i; k++) out.push(arr[k]); return out; }',
  'module.exports = function sliced(arr, i) { return holes(arr) || limit(arr, i); };',
].join('\n');

function scan(pageA: string, pageB = 'var n = sliced([res.userInfo.nickName, 0], 2), name = n[0];'): { ruleId: string; where: string }[] {
  const root = tempProject({
    'app.json': JSON.stringify({ pages: ['pages/a/index', 'pages/b/index'] }),
    'project.config.json': '{}',
    'utils/helpers.js': HELPERS,
    'pages/a/index.js': `var sliced = require('../../utils/helpers.js');\nPage({\n  onLoad: function (options) {\n    ${pageA}\n    this.setData({ src: url });\n  }\n});\n`,
    'pages/a/index.wxml': '<web-view src="{{src}}"></web-view>\n',
    'pages/b/index.js': [
      "var sliced = require('../../utils/helpers.js');",
      'Page({',
      '  save: function () {',
      '    wx.getUserProfile({ desc: "show", success: function (res) {',
      `      ${pageB}`,
      "      wx.request({ url: 'https://api.example.com/name', data: { name: name } });",
      '    } });',
      '  }',
      '});',
    ].join('\n'),
  });
  return scanProject(root).findings.map((finding) => ({ ruleId: finding.ruleId, where: `${finding.location.file}:${finding.location.region.start.line}` }));
}

describe('array destructuring through a compiled helper', () => {
  it("keeps each page's values to itself", () => {
    const findings = scan('var n = sliced([options.url, 1], 2), url = n[0], k = n[1];');
    expect(findings).toContainEqual({ ruleId: 'cross-page-request-forgery', where: 'pages/a/index.wxml:1' });
    expect(findings.filter((finding) => finding.where.startsWith('pages/a/') && finding.ruleId !== 'cross-page-request-forgery')).toEqual([]);
  });

  it('links the helper as any call when its result is used otherwise', () => {
    // `n` is kept whole as well: the call is linked into the helper, where both pages meet.
    const findings = scan('var n = sliced([options.url, 1], 2), url = n[0]; getApp().last = n;', 'var n = sliced([res.userInfo.nickName, 0], 2), name = n[0]; getApp().last = n;');
    expect(findings).toContainEqual({ ruleId: 'cross-page-request-forgery', where: 'pages/a/index.wxml:1' });
    expect(findings.some((finding) => finding.where.startsWith('pages/a/') && finding.ruleId === 'sensitive-data-leak')).toBe(true);
  });
});
