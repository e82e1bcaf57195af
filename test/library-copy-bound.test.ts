/**
 * A framework's library chunk (Taro's `vendors.js` and `taro.js`, uni-app's `common/vendor.js`)
 * holds UI trees whose nodes contain themselves. Each value of a library gets a smaller share of
 * copied fields than the app's own values, so those trees no longer spend the graph's budget
 * before the app's pages are tied to the helpers they call.
 */
import { describe, expect, it } from 'vitest';
import { scanProject } from '../src/scan.js';
import { tempProject } from './helpers/temp-project.js';

/** A DOM-like tree wrapped again and again, and a helper a page calls. */
function treeModule(wrappers: number): string {
  const lines = ['function wrap(x) { var o = { a: x, b: x, c: x, d: x, e: x, f: x }; o.parentNode = o; o.firstChild = o; o.a.b = o; return o; }', 'var r0 = wrap(1);'];
  for (let i = 1; i <= wrappers; i++) lines.push(`var r${i} = wrap(r${i - 1}); r${i}.parentNode.firstChild = r${i - 1};`);
  lines.push('module.exports = { sliced: function (arr) { return Array.isArray(arr) ? arr : []; } };');
  return `${lines.join('\n')}\n`;
}

function scan(treePath: string) {
  return scanProject(
    tempProject({
      'app.json': JSON.stringify({ pages: ['pages/w/index'] }),
      [treePath]: treeModule(150),
      'pages/w/index.js': [
        "var taro = require('@tarojs/taro');",
        "var react = require('react');",
        "var runtime = require('react/jsx-runtime');",
        "var components = require('@tarojs/components');",
        `var lib = require('${'../'.repeat(2)}${treePath}');`,
        'function d() {',
        "  var e = (0, react.useState)(''), n = lib.sliced(e, 2), t = n[0], r = n[1];",
        '  (0, taro.useReady)(function () { r(decodeURIComponent(taro.getCurrentInstance().router.params.url)); });',
        '  return (0, runtime.jsx)(components.WebView, { src: t });',
        '}',
        "Page(taro.createPageConfig(d, 'pages/w/index'));",
      ].join('\n'),
    }),
  );
}

const budgetSpent = (result: ReturnType<typeof scan>): boolean => result.notifications.some((note) => note.message.includes('more fields than the graph allows'));
const webViewLines = (result: ReturnType<typeof scan>): string[] => result.findings.filter((finding) => finding.ruleId === 'cross-page-request-forgery').map((finding) => `${finding.location.file}:${finding.location.region.start.line}`);

describe('copied fields of library code', () => {
  it("leaves the graph's budget to the app when the tree is in Taro's vendors chunk", () => {
    const result = scan('vendors.js');
    expect(budgetSpent(result)).toBe(false);
    expect(webViewLines(result)).toEqual(['pages/w/index.js:9']);
  });

  it("and in uni-app's common/vendor.js", () => {
    expect(budgetSpent(scan('common/vendor.js'))).toBe(false);
  });

  it("gives the app's own modules the full share: the same tree in app code spends the budget", () => {
    expect(budgetSpent(scan('utils/tree.js'))).toBe(true);
    expect(budgetSpent(scan('utils/vendors-list.js'))).toBe(true);
  });
});
