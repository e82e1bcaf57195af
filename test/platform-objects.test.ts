import { describe, expect, it } from 'vitest';
import { platformObjectNames } from '../src/analyzers/platform-objects.js';
import { scanProject } from '../src/scan.js';
import { tempProject } from './helpers/temp-project.js';

const KNOWN = new Set(['wx', 'uni']);

describe('platformObjectNames', () => {
  it('takes a name called with two methods only the platform object has', () => {
    expect([...platformObjectNames('e.getLocation({}); e.setStorageSync("k", v); f.setStorageSync("k", v);', KNOWN)]).toEqual(['e']);
  });

  it('leaves out known namespaces, this, members and names with one such method or only generic ones', () => {
    expect(platformObjectNames('wx.showToast(); wx.navigateTo(); this.showToast(); this.navigateTo();', KNOWN).size).toBe(0);
    expect(platformObjectNames('app.core.showToast(); app.core.navigateTo(); api.request(); api.login(); h.showToast();', KNOWN).size).toBe(0);
  });
});

describe('the platform object under another name', () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"],"requiredPrivateInfos":["getLocation"],"permission":{"scope.userLocation":{"desc":"x"}}}',
    'pages/a/a.js': [
      '(function (e) {',
      '  Page({',
      '    onLoad() {',
      "      e.getLocation({ success(res) { e.setStorageSync('latitude', res.latitude); } });",
      "      e.showToast({ title: 'ok' });",
      '    },',
      '  });',
      '}).call(this, n("543d").default);',
      'function hooks(e) { e.invoke({}); var n = e; n.invoke({}); }',
      "function other(h) { h.setStorageSync('phone', h.phone); }",
    ].join('\n'),
  });
  const findings = scanProject(root).findings;

  it('is traced as the platform: its storage writes and sources are flows', () => {
    expect(findings.filter((f) => f.ruleId === 'sensitive-data-to-storage').map((f) => `${f.location.file}:${f.location.region.start.line}`)).toEqual(['pages/a/a.js:4']);
  });

  it('is trusted only for distinctive methods and privacy interfaces: a reused name\'s e.invoke is no hidden API', () => {
    expect(findings.filter((f) => f.ruleId === 'hidden-api')).toEqual([]);
  });
});
