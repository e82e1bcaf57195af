import { describe, expect, it } from 'vitest';
import { scanProject } from '../../src/scan.js';
import { findingKeys } from '../helpers/summarise.js';
import { tempProject } from '../helpers/temp-project.js';

const RULE = 'webview-untrusted-src';
const only = (keys: string[]) => keys.filter((key) => key.startsWith(`${RULE} `));

describe('webview-untrusted-src on fixtures/security-webview', () => {
  const project = scanProject('fixtures/security-webview');
  const findings = project.findings.filter((f) => f.ruleId === RULE);

  it('reports web-views fed from the page query, launch data and network responses, at the src attribute', () => {
    expect(only(findingKeys(project))).toEqual([
      'webview-untrusted-src pages/launch/launch.wxml:1:16',
      'webview-untrusted-src pages/open/open.wxml:1:16',
      'webview-untrusted-src pages/remote/remote.wxml:1:16',
    ]);
    expect(findings.map((f) => f.properties?.sources)).toEqual([['launch options'], ['page query'], ['network response']]);
  });

  it('points at the setData and at where the untrusted value is read', () => {
    const open = findings[1]!;
    expect(open.relatedLocations?.map((r) => `${r.location.file}:${r.location.region.start.line}:${r.location.region.start.column} ${r.message}`)).toEqual([
      'pages/open/open.js:6:20 "url" is set here from the page query without a check',
      'pages/open/open.js:4:10 the page query is read here',
    ]);
    expect(open.message).toContain('<web-view src="{{url}}">');
  });

  it('stays quiet on allowlists, validators, fixed origins (in script or template) and other keys', () => {
    const files = new Set(findings.map((f) => f.location.file));
    for (const page of ['safe', 'checked', 'fixed', 'article', 'other']) expect(files.has(`pages/${page}/${page}.wxml`)).toBe(false);
  });
});

describe('webview-untrusted-src: guards', () => {
  const page = (script: string, template = '<web-view src="{{url}}" />') =>
    only(findingKeys(scanProject(tempProject({ 'app.json': '{ "pages": ["pages/w/w"] }', 'pages/w/w.wxml': template, 'pages/w/w.js': script }))));

  it('accepts comparisons and allowlist lookups, not mere presence tests', () => {
    expect(page("Page({ onLoad(o) { if (o.url) this.setData({ url: o.url }); } });")).toEqual(['webview-untrusted-src pages/w/w.wxml:1:16']);
    expect(page("Page({ onLoad(o) { if (o.url === HOME) this.setData({ url: o.url }); } });")).toEqual([]);
    expect(page("Page({ onLoad(o) { const u = o.url; ALLOWED.has(u) && this.setData({ url: u }); } });")).toEqual([]);
    expect(page("Page({ onLoad(o) { if (!/^https:\\/\\/m\\.example\\.com\\//.test(o.url)) return; this.setData({ url: o.url }); } });")).toEqual([]);
  });

  it('follows this.options, awaited requests and .then callbacks, in Component pages too', () => {
    expect(page("Page({ onShow() { this.setData({ url: this.options.target }); } });")).toEqual(['webview-untrusted-src pages/w/w.wxml:1:16']);
    expect(page("Page({ async onLoad() { const res = await wx.request({ url: API }); this.setData({ url: res.data.url }); } });")).toEqual(['webview-untrusted-src pages/w/w.wxml:1:16']);
    expect(page("Component({ methods: { onLoad() { http.get('/x').then((r) => this.setData({ url: r.url })); } } });")).toEqual(['webview-untrusted-src pages/w/w.wxml:1:16']);
  });

  it('ignores values computed by unknown functions and keys the template does not bind to src', () => {
    expect(page("Page({ onLoad(o) { this.setData({ url: buildUrl(o.id) }); } });")).toEqual([]);
    expect(page("Page({ onLoad(o) { this.setData({ url: o.url }); } });", '<web-view src="{{home}}" />')).toEqual([]);
  });
});
