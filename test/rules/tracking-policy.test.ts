import { describe, expect, it } from 'vitest';
import { hostAllowed, parsePolicy, parseTrackerDefinitions, policyVerdict } from '../../src/config/policy.js';
import { InputError } from '../../src/errors.js';
import { SDK_TRACKERS, TRACKERS, trackerIndex } from '../../src/platforms/trackers.js';

const SOURCE = 'policy.json';

function error(run: () => unknown): string {
  try {
    run();
  } catch (caught) {
    expect(caught).toBeInstanceOf(InputError);
    const message = (caught as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected an InputError');
}

describe('vendor policy (tracking-call --policy)', () => {
  it('parses allowed trackers and hosts, normalised and sorted', () => {
    expect(parsePolicy({ $schema: 'x', allowedTrackers: ['umeng', 'wechat-analytics', 'umeng'], allowedHosts: ['*.Example.com', 'a.b.cn'] }, SOURCE)).toEqual({
      allowedTrackers: ['umeng', 'wechat-analytics'],
      allowedHosts: ['*.example.com', 'a.b.cn'],
    });
    expect(parsePolicy({}, SOURCE)).toEqual({});
    expect(parsePolicy({ allowedTrackers: ['acme-stat'] }, SOURCE, ['acme-stat'])).toEqual({ allowedTrackers: ['acme-stat'] });
  });

  it('rejects bad policies with one line naming the file', () => {
    expect(error(() => parsePolicy([], SOURCE))).toBe('policy.json: the policy must be a JSON object');
    expect(error(() => parsePolicy({ allowed: [] }, SOURCE))).toBe('policy.json: unknown policy setting "allowed"; expected allowedTrackers or allowedHosts');
    expect(error(() => parsePolicy({ allowedTrackers: 'umeng' }, SOURCE))).toBe('policy.json: "allowedTrackers" must be an array of non-empty strings');
    expect(error(() => parsePolicy({ allowedTrackers: ['umeng2'] }, SOURCE))).toMatch(/^policy\.json: "allowedTrackers" lists unknown tracker "umeng2"; known trackers: aldstat, /);
    expect(error(() => parsePolicy({ allowedHosts: ['https://a.example.com/x'] }, SOURCE))).toContain('without scheme or path');
    expect(error(() => parsePolicy({ allowedHosts: ['not a host'] }, SOURCE))).toContain('is not a host name');
  });

  it('matches hosts exactly or by *.domain', () => {
    expect(hostAllowed('demo.datasink.sensorsdata.cn', ['*.sensorsdata.cn'])).toBe(true);
    expect(hostAllowed('sensorsdata.cn', ['*.sensorsdata.cn'])).toBe(false);
    expect(hostAllowed('UMINI.shujupie.com', ['umini.shujupie.com'])).toBe(true);
    expect(hostAllowed('evil-shujupie.com', ['*.shujupie.com'])).toBe(false);
  });

  it('judges a tracker by id and by every host it sends to', () => {
    expect(policyVerdict(undefined, 'umeng', ['umini.shujupie.com'])).toEqual({ allowed: true });
    expect(policyVerdict({ allowedTrackers: [] }, 'umeng', []).allowed).toBe(false);
    expect(policyVerdict({ allowedHosts: ['umini.shujupie.com'] }, 'umeng', ['umini.shujupie.com', 'ulogs.umeng.com']).reason).toBe(
      'host ulogs.umeng.com is not in the vendor policy\'s allowedHosts',
    );
    expect(policyVerdict({ allowedHosts: [] }, 'wechat-analytics', []).allowed).toBe(true);
  });
});

describe('user-defined trackers (configuration "trackers")', () => {
  it('validates entries', () => {
    expect(parseTrackerDefinitions([{ id: 'acme', hosts: ['*.Acme.example'], eventMethods: ['track'] }], 'minivet.json')).toEqual([
      { id: 'acme', hosts: ['*.acme.example'], eventMethods: ['track'] },
    ]);
    expect(error(() => parseTrackerDefinitions({}, 'minivet.json'))).toBe('minivet.json: "trackers" must be an array of tracker objects');
    expect(error(() => parseTrackerDefinitions([{ id: 'Acme', hosts: ['a.example'] }], 'minivet.json'))).toContain('"id" must be lower-case');
    expect(error(() => parseTrackerDefinitions([{ id: 'acme' }], 'minivet.json'))).toContain('give at least one of modules, files, globals or hosts');
    expect(error(() => parseTrackerDefinitions([{ id: 'a', hosts: ['a.example'] }, { id: 'a', hosts: ['b.example'] }], 'minivet.json'))).toContain('duplicate id "a"');
    expect(error(() => parseTrackerDefinitions([{ id: 'a', files: ['x.js'], sdk: true }], 'minivet.json'))).toContain('unknown key "sdk"');
  });
});

describe('tracker catalog', () => {
  it('has unique kebab-case ids, a source for every entry, and sorted-out verification flags', () => {
    const ids = TRACKERS.map((tracker) => tracker.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const tracker of TRACKERS) {
      expect(tracker.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(tracker.source.length).toBeGreaterThan(20);
      expect(typeof tracker.verified).toBe('boolean');
    }
    expect(TRACKERS.filter((tracker) => !tracker.verified).map((tracker) => tracker.id)).toEqual(['qq-analytics']);
  });

  it('recognises SDKs by package, path inside a package, file name and host', () => {
    const index = trackerIndex();
    expect(index.moduleTracker('umtrack-wx')?.id).toBe('umeng');
    expect(index.moduleTracker('../../miniprogram_npm/@datarangers/sdk-mp/index')?.id).toBe('datarangers');
    expect(index.moduleTracker('./utils/ald-stat.js')?.id).toBe('aldstat');
    expect(index.moduleTracker('gio-miniprogram-sdk/uniapp')?.id).toBe('growingio');
    expect(index.moduleTracker('./utils/stat.js')).toBeUndefined();
    expect(index.hostTracker('x.datasink.sensorsdata.cn')?.id).toBe('sensorsdata');
    expect(index.hostTracker('sensorsdata.cn.evil.example')).toBeUndefined();
    expect(index.configFileTracker('utils/mtj-wx-sdk.config.js')?.id).toBe('baidu-mobstat');
    expect(SDK_TRACKERS.every((sdk) => Object.values(sdk.methods).every((method) => method.role))).toBe(true);
  });
});
