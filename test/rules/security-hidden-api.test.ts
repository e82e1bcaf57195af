import { describe, expect, it } from 'vitest';
import { scanProject } from '../../src/scan.js';
import { findingKeys } from '../helpers/summarise.js';
import { tempProject } from '../helpers/temp-project.js';

const RULE = 'hidden-api';
const only = (keys: string[]) => keys.filter((key) => key.startsWith(`${RULE} `));

describe('hidden-api on fixtures/security-hidden-api', () => {
  const project = scanProject('fixtures/security-hidden-api');
  const findings = project.findings.filter((f) => f.ruleId === RULE);

  it('finds bridge calls, wx.invoke (also destructured) and writes to __wxConfig', () => {
    expect(only(findingKeys(project))).toEqual([
      'hidden-api utils/bridge.js:3:3',
      'hidden-api utils/bridge.js:7:3',
      'hidden-api utils/bridge.js:11:10',
      'hidden-api utils/bridge.js:15:31',
      'hidden-api utils/bridge.js:18:3',
      'hidden-api utils/bridge.js:19:3',
      'hidden-api utils/bridge.js:20:3',
    ]);
    expect(findings[0]!.properties).toEqual({ bridge: 'WeixinJSBridge', method: 'invoke', invoked: 'getBrandWCPayRequest' });
    expect(findings[2]!.properties).toEqual({ api: 'invoke', namespace: 'wx' });
    expect(findings.slice(4).map((f) => f.properties?.how)).toEqual(['assignment', 'Object.assign', 'delete']);
  });

  it('stays quiet on feature tests, reading __wxConfig, event names and a file with its own __wxConfig', () => {
    const files = new Set(findings.map((f) => f.location.file));
    expect(files).toEqual(new Set(['utils/bridge.js']));
  });
});

describe('hidden-api on other platforms', () => {
  it('finds the Alipay bridge and ignores wx.invoke-like names of other namespaces', () => {
    const root = tempProject({
      'app.json': '{ "pages": ["pages/a/a"] }',
      'mini.project.json': '{}',
      'pages/a/a.js': "AlipayJSBridge.call('startApp', { appId: '20000067' });\nmy.invoke && my.invoke('x');\nPage({});",
    });
    expect(only(findingKeys(scanProject(root)))).toEqual(['hidden-api pages/a/a.js:1:1']);
  });
});

describe('hidden-api: only the bridge of the platform the app runs on', () => {
  const bridgeCall = "export function share() { WeixinJSBridge.invoke('sendAppMessage', {}); AlipayJSBridge.call('toast', {}); }\n";
  const keys = (marker: Record<string, string>) => only(findingKeys(scanProject(tempProject({ 'app.json': JSON.stringify({ pages: ['pages/a/a'] }), 'pages/a/a.js': 'Page({})', 'utils/share.js': bridgeCall, ...marker }))));

  it("reports WeChat's bridge in a WeChat app, and Alipay's in an Alipay app", () => {
    expect(keys({ 'project.config.json': '{}' })).toEqual(['hidden-api utils/share.js:1:27']);
    expect(keys({ 'mini.project.json': '{}' })).toEqual(['hidden-api utils/share.js:1:72']);
  });
});
