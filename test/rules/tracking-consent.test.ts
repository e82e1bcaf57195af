import { describe, expect, it } from 'vitest';
import { scanProject } from '../../src/scan.js';
import { tempProject } from '../helpers/temp-project.js';
import { trackingKeys } from './tracking-helpers.js';

describe('privacy-api-without-consent', () => {
  it('reports a bundle that uses privacy interfaces without a consent flow, once, at its own code', () => {
    const project = scanProject('fixtures/tracking-consent-missing');
    expect(trackingKeys(project, 'privacy-api-without-consent')).toEqual(['privacy-api-without-consent pages/index/index.js:3:5 - no-consent-flow']);
    const finding = project.findings[0]!;
    expect(finding.severity).toBe('warning');
    expect(finding.message).toContain('wx.getLocation is a privacy interface (location), one of 2 the mini-app uses (wx.getLocation, open-type="getPhoneNumber")');
    expect(finding.relatedLocations?.map((related) => related.location.file)).toEqual(['pages/index/index.wxml']);
    expect(finding.properties?.dataTypes).toEqual(['location', 'phone']);
  });

  it('accepts a consent flow and reports handlers that never call resolve', () => {
    expect(trackingKeys(scanProject('fixtures/tracking-consent'), 'privacy-api-without-consent')).toEqual([
      'privacy-api-without-consent components/legacy/legacy.js:5:7 - resolve-never-called',
      'privacy-api-without-consent components/legacy/legacy.js:8:7 - resolve-never-called',
    ]);
  });

  it('applies to Douyin, and not to platforms without a consent API', () => {
    const douyin = (extra: Record<string, string>) =>
      tempProject({
        'app.json': '{"pages":["pages/index/index"]}',
        'project.tt.json': '{}',
        'app.js': 'App({});',
        'pages/index/index.js': "Page({ onLoad() { tt.chooseAddress({}); } });",
        ...extra,
      });
    expect(trackingKeys(scanProject(douyin({})), 'privacy-api-without-consent')).toEqual(['privacy-api-without-consent pages/index/index.js:1:19 - no-consent-flow']);
    expect(trackingKeys(scanProject(douyin({ 'app.js': 'tt.requirePrivacyAuthorize({ success() {} }); App({});' })), 'privacy-api-without-consent')).toEqual([]);
    expect(trackingKeys(scanProject('fixtures/tracking-alipay'), 'privacy-api-without-consent')).toEqual([]);
  });

  it('applies to Alipay mini-apps that opt in with usePrivacyCheck, and accepts my.onNeedPrivacyAuthorization', () => {
    const alipay = (manifest: Record<string, unknown>, app = 'App({});') =>
      tempProject({
        'app.json': JSON.stringify({ pages: ['pages/index/index'], ...manifest }),
        'mini.project.json': '{}',
        'app.js': app,
        'pages/index/index.js': 'Page({ locate() { my.getLocation({}); } });',
      });
    expect(trackingKeys(scanProject(alipay({ usePrivacyCheck: true })), 'privacy-api-without-consent')).toEqual(['privacy-api-without-consent pages/index/index.js:1:19 - no-consent-flow']);
    expect(trackingKeys(scanProject(alipay({})), 'privacy-api-without-consent')).toEqual([]);
    expect(trackingKeys(scanProject(alipay({ usePrivacyCheck: false })), 'privacy-api-without-consent')).toEqual([]);
    const handled = alipay({ usePrivacyCheck: true }, 'my.onNeedPrivacyAuthorization((resolve) => { getApp().resolve = resolve; }); App({});');
    expect(trackingKeys(scanProject(handled), 'privacy-api-without-consent')).toEqual([]);
  });

  it('counts an agree button anywhere as a consent flow, and uni/Taro namespaces as consent APIs', () => {
    const base = {
      'app.json': '{"pages":["pages/index/index"]}',
      'project.config.json': '{}',
      'pages/index/index.js': 'Page({ pick() { wx.chooseImage({}); } });',
    };
    const button = tempProject({ ...base, 'app.js': 'App({});', 'pages/index/index.wxml': '<button open-type="getPhoneNumber|agreePrivacyAuthorization">OK</button>' });
    expect(trackingKeys(scanProject(button), 'privacy-api-without-consent')).toEqual([]);
    const uni = tempProject({ ...base, 'app.js': 'uni.onNeedPrivacyAuthorization((resolve) => { getApp().resolve = resolve; }); App({});' });
    expect(trackingKeys(scanProject(uni), 'privacy-api-without-consent')).toEqual([]);
  });
});
