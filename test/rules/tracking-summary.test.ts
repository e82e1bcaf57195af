import { describe, expect, it } from 'vitest';
import { summarisePrivacy } from '../../src/analyzers/privacy-summary.js';
import { platformCatalog } from '../../src/platforms/index.js';
import type { ProjectFacts } from '../../src/rules/rule.js';
import { scanProject } from '../../src/scan.js';
import type { Usage } from '../../src/types.js';

function usage(kind: Usage['kind'], name: string, file: string, line: number, namespace?: string): Usage {
  const position = { line, column: 1 };
  return {
    kind,
    name,
    ...(namespace ? { namespace } : {}),
    called: true,
    via: kind === 'api' ? 'member' : 'template',
    location: { file, region: { start: position, end: position, startOffset: 0, endOffset: 0 } },
    thirdParty: false,
  };
}

const facts: ProjectFacts = {
  platform: platformCatalog('wechat'),
  manifest: undefined,
  usages: [
    usage('api', 'getLocation', 'pages/shop/shop.js', 3, 'wx'),
    usage('api', 'getLocation', 'pages/map/map.js', 5, 'wx'),
    usage('open-type', 'getPhoneNumber', 'pages/profile/profile.wxml', 1),
    usage('api', 'request', 'pages/shop/shop.js', 9, 'wx'),
  ],
  unanalysedFiles: [],
};

describe('summarisePrivacy', () => {
  const sdks = scanProject('fixtures/tracking-sdks');
  const identifiers = scanProject('fixtures/tracking-identifiers');
  const summary = summarisePrivacy(facts, [...sdks.findings, ...identifiers.findings]);

  it('lists trackers with kind, files, hosts, events and the shipped-but-not-imported flag', () => {
    expect(summary.trackers.map((tracker) => tracker.sdk)).toEqual([
      'aldstat', 'baidu-mobstat', 'datarangers', 'google-analytics', 'gravityengine', 'growingio', 'jiguang-janalytics', 'sensorsdata',
      'talkingdata', 'tencent-mta', 'tencent-youshu', 'thinkingdata', 'umeng', 'wechat-analytics', 'wechat-realtime-log',
    ]);
    const umeng = summary.trackers.find((tracker) => tracker.sdk === 'umeng')!;
    expect(umeng).toMatchObject({ kind: 'third-party', shippedButNotImported: false, allowedByPolicy: true });
    expect(umeng.hosts).toEqual(['ulogs.umeng.com', 'umini.shujupie.com']);
    expect(umeng.events).toContain('home_show');
    expect(umeng.dataTypes).toEqual(['openid', 'user-profile']);
    expect(summary.trackers.find((tracker) => tracker.sdk === 'wechat-analytics')!.kind).toBe('platform');
  });

  it('flags an SDK that is only shipped, never imported or called', () => {
    const lonely = summarisePrivacy(facts, sdks.findings.filter((finding) => finding.location.file === 'utils/mtj-wx-sdk.js'));
    expect(lonely.trackers).toEqual([
      expect.objectContaining({ sdk: 'baidu-mobstat', shippedButNotImported: true, calls: 0, files: ['utils/mtj-wx-sdk.js'], hosts: ['hmma.baidu.com'] }),
    ]);
  });

  it('lists the personal data collected, how, where to, and destinations', () => {
    const location = summary.dataTypes.find((entry) => entry.type === 'location')!;
    expect(location).toMatchObject({ via: ['wx.getLocation'], locations: 2, sentTo: ['aldstat', 'baidu-mobstat'] });
    expect(summary.dataTypes.find((entry) => entry.type === 'phone')).toMatchObject({ via: ['open-type="getPhoneNumber"'], locations: 1 });
    expect(summary.destinations.find((entry) => entry.host === 'www.google-analytics.com')).toEqual({
      host: 'www.google-analytics.com',
      kind: 'third-party',
      sdk: 'google-analytics',
      dataTypes: ['user-id'],
    });
    expect(summary.destinations.some((entry) => entry.host === 'platform:wechat-analytics')).toBe(true);
    expect(summary.consent).toEqual({ applicable: true, flow: false });
  });

  it('reports policy refusals and interaction-history mechanisms, and is deterministic', () => {
    const refused = scanProject('fixtures/tracking-sdks', { policy: { allowedTrackers: ['wechat-analytics'] } });
    const withPolicy = summarisePrivacy(facts, refused.findings);
    expect(withPolicy.trackers.find((tracker) => tracker.sdk === 'umeng')!.allowedByPolicy).toBe(false);
    expect(withPolicy.trackers.find((tracker) => tracker.sdk === 'wechat-analytics')!.allowedByPolicy).toBe(true);
    const history = summarisePrivacy(facts, scanProject('fixtures/tracking-history').findings);
    expect(history.interactionHistory).toEqual(['app-route', 'auto-track', 'constructor', 'handler-wrap', 'navigation', 'page-proxy']);
    expect(JSON.stringify(summarisePrivacy(facts, [...identifiers.findings].reverse()))).toBe(JSON.stringify(summarisePrivacy(facts, identifiers.findings)));
  });
});
