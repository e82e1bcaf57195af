/**
 * unchecked-referrer-data on fixtures/flow-referrer, a WeChat member-mall mini-app that partners open
 * with extraData: App.onLaunch / App.onShow options, wx.getEnterOptionsSync() and a wx.onAppShow
 * listener drive requestPayment, request, navigation and storage writes. Some paths check
 * referrerInfo.appId against the partners (`=== 'wx…'`, `TRUSTED.includes(appId)`, an early
 * `if (appId !== X) return`); a mere presence test (`if (referrerInfo.appId)`) is no check.
 *
 * Everything goes through the built CLI (`runMinivet`) with only this rule on, and through the real
 * ESLint with the plugin's recommended config. The expectations are exact lists, so every guarded
 * path below is a checked negative.
 */
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import type * as Sarif from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { recommendedConfig } from '../eslint/helpers.js';
import { REPO, runMinivet, type CliRun } from '../helpers/run-cli.js';
import { findingsOf, itReportsExactly, lineOf as fixtureLine, step, where, type JsonFinding } from '../helpers/flow-rule-json.js';
import { onlyRulesConfig } from '../helpers/rule-sets.js';
import { tempProject } from '../helpers/temp-project.js';

const RULE = 'unchecked-referrer-data';
const FIXTURE = 'fixtures/flow-referrer';
const ROOT = join(REPO, FIXTURE);

const ON_LAUNCH = 'referrerInfo.extraData of App.onLaunch';
const ENTER = 'referrerInfo.extraData from wx.getEnterOptionsSync';
const APP_SHOW = 'referrerInfo.extraData from wx.onAppShow';
const message = (origin: string, api: string): string =>
  `Data from another mini-app (${origin}) reaches ${api} with no check of referrerInfo.appId against the apps expected to send it.`;

interface Expected {
  /** `file:line` of the action. */
  at: string;
  /** Text the fixture has on that line, so a moved line fails here rather than silently. */
  code: string;
  message: string;
  sinkKind: string;
}

const expected = (at: string, code: string, origin: string, api: string, sinkKind: string): Expected => ({ at, code, message: message(origin, api), sinkKind });

/** The unchecked actions, in output order (file, then line). */
const EXPECTED: Expected[] = [
  // `if (referrerInfo && referrerInfo.appId)` tests presence only.
  expected('app.js:17', "wx.setStorageSync('inviteCode', extra.inviteCode)", ON_LAUNCH, 'wx.setStorageSync', 'storage'),
  expected('pages/cashier/cashier.js:12', 'wx.request({', ENTER, 'wx.request', 'network'),
  expected('pages/cashier/cashier.js:27', 'if (this.next) wx.navigateTo({ url: this.next })', ENTER, 'wx.navigateTo', 'navigation'),
  // Kept in globalData by App.onLaunch, sent by the home page.
  expected('pages/index/index.js:11', 'wx.request({', ON_LAUNCH, 'wx.request', 'network'),
  expected('pages/pay/pay.js:11', 'wx.requestPayment({', ENTER, 'wx.requestPayment', 'payment'),
  expected('pages/pay/pay.js:18', 'wx.redirectTo({ url: `/pages/result/result?orderId=${order.orderId}` })', ENTER, 'wx.redirectTo', 'navigation'),
  // Through the page query that pay.js builds from extraData.
  expected('pages/result/result.js:9', 'wx.request({', ENTER, 'wx.request', 'network'),
  expected('utils/deeplink.js:6', 'wx.reLaunch({ url: landing })', APP_SHOW, 'wx.reLaunch', 'navigation'),
];


/** Guarded or harmless actions that must stay quiet: `file:line`, what the line holds, and why. */
const NEGATIVES: { at: string; code: string; why: string }[] = [
  { at: 'app.js:26', code: 'wx.request({', why: 'App.onShow returns early: if (referrerInfo.appId !== BANK_APP_ID) return' },
  { at: 'pages/partner/partner.js:11', code: "wx.setStorageSync('partnerCart', { sku, qty })", why: 'TRUSTED_APP_IDS.includes(appId)' },
  { at: 'pages/partner/partner.js:12', code: 'wx.navigateTo({ url: `/pages/goods/goods?sku=${sku}&qty=${qty}` })', why: 'TRUSTED_APP_IDS.includes(appId)' },
  { at: 'pages/goods/goods.js:9', code: 'wx.request({', why: 'page query, reached from extraData only through the guarded partner page' },
  { at: 'pages/coupon/coupon.js:11', code: "wx.setStorageSync('pendingCoupon', couponCode)", why: "referrerInfo.appId === 'wx…'" },
  { at: 'pages/cashier/cashier.js:24', code: 'wx.requestPayment({', why: 'parameters from the own server\'s response' },
  { at: 'pages/index/index.js:19', code: 'wx.navigateTo({ url: `/pages/goods/goods?sku=${e.currentTarget.dataset.sku}` })', why: 'a tapped item' },
  { at: 'pages/partner/partner.js:7', code: "wx.switchTab({ url: '/pages/index/index' })", why: 'a fixed route' },
  { at: 'pages/redeem/redeem.js:13', code: "wx.switchTab({ url: '/pages/index/index' })", why: 'a fixed route' },
];

const CONFIG = onlyRulesConfig([RULE]);
const scan = (args: string[]): CliRun => runMinivet(['scan', FIXTURE, '--config', CONFIG, ...args]);
const lineOf = (at: string): string => fixtureLine(ROOT, at);
/** minivet's order: file, then line. */
const byPlace = (a: Expected, b: Expected): number => {
  const [fa, la] = a.at.split(':');
  const [fb, lb] = b.at.split(':');
  return fa! < fb! ? -1 : fa! > fb! ? 1 : Number(la) - Number(lb);
};
/** What the analyzer reports today: the correct findings plus the known false positives. */
const REPORTED = [...EXPECTED].sort(byPlace);

describe('unchecked-referrer-data on fixtures/flow-referrer (CLI)', () => {
  let run: CliRun;
  let findings: JsonFinding[];
  beforeAll(() => {
    run = scan(['--format', 'json']);
    findings = findingsOf(run);
  });

  itReportsExactly({ rule: RULE, exitCode: 1, what: 'unchecked actions', run: () => ({ run, findings }), lineOf, expected: REPORTED, negatives: NEGATIVES });

  // redeem.js checks the sender with a helper, `if (!isTrustedPartner(referrerInfo.appId)) return`.
  it('does not report a path guarded by an allowlist helper, isTrustedPartner(referrerInfo.appId)', () => {
    expect(findings.map(where)).toEqual(EXPECTED.map((e) => e.at));
  });

  it('names the source and the action, with machine-readable properties', () => {
    expect(findings.map((f) => `${where(f)} ${f.severity} ${f.message}`)).toEqual(REPORTED.map((e) => `${e.at} error ${e.message}`));
    expect(findings.map((f) => f.properties)).toEqual(REPORTED.map((e) => ({ sink: /reaches (\S+) with/.exec(e.message)![1], sinkKind: e.sinkKind })));
  });

  it('gives each finding a JSON codeFlow from the extraData read to the action, the source also in related', () => {
    for (const f of findings) {
      const flow = f.codeFlow!;
      expect(flow.length, where(f)).toBeGreaterThanOrEqual(2);
      expect(flow[0]!.message).toMatch(/^data from another mini-app, referrerInfo\.extraData (of App\.onLaunch|from wx\.getEnterOptionsSync|from wx\.onAppShow)$/);
      expect(where(flow[flow.length - 1]!)).toBe(where(f));
      expect(f.related![0]).toEqual({ message: flow[0]!.message, file: flow[0]!.file, line: flow[0]!.line, column: flow[0]!.column });
      // Then where the code reads extraData, when a step names it: a place in the path.
      const read = flow.slice(1, -1).find((step) => /\b(?:extraData|query)\b/.test(step.message));
      expect(f.related!.slice(1)).toEqual(read ? [{ message: `read here: ${read.message}`, file: read.file, line: read.line, column: read.column }] : []);
    }
    const byAt = new Map(findings.map((f) => [where(f), f]));
    // App.onLaunch → globalData → another page.
    expect(byAt.get('pages/index/index.js:11')!.codeFlow!.map(step)).toEqual([
      `app.js:11:12 data from another mini-app, ${ON_LAUNCH}`,
      'app.js:15:21 referrerInfo.extraData',
      'app.js:15:13 extra',
      'pages/index/index.js:13:34 channel.params',
      'pages/index/index.js:11:5 reaches wx.request',
    ]);
    // getEnterOptionsSync → the query string of a redirect → the next page's request.
    expect(byAt.get('pages/result/result.js:9')!.codeFlow!.map(step)).toEqual([
      `pages/pay/pay.js:8:30 data from another mini-app, ${ENTER}`,
      'pages/pay/pay.js:9:36 referrerInfo.extraData',
      'pages/pay/pay.js:9:11 order',
      'pages/pay/pay.js:18:62 passed in the query parameter orderId of pages/result/result',
      'pages/result/result.js:10:29 query.orderId',
      'pages/result/result.js:9:5 reaches wx.request',
    ]);
    // Kept on `this` in onLoad, used by another handler.
    expect(byAt.get('pages/cashier/cashier.js:27')!.codeFlow!.map(step)).toEqual([
      `pages/cashier/cashier.js:10:35 data from another mini-app, ${ENTER}`,
      'pages/cashier/cashier.js:11:31 referrerInfo.extraData',
      'pages/cashier/cashier.js:11:22 next',
      'pages/cashier/cashier.js:20:5 this.next',
      'pages/cashier/cashier.js:27:24 reaches wx.navigateTo',
    ]);
  });

  it('prints the path under each finding in the text output', () => {
    const text = scan(['--no-color']).stdout;
    const paths = text.split('\n').filter((line) => line.trim().startsWith('↳')).map((line) => line.trim());
    expect(paths).toEqual([
      '↳ source line 11 → line 15 → sink line 17',
      '↳ source line 10 → line 11 → sink line 12',
      '↳ source line 10 → line 11 → line 20 → sink line 27',
      `↳ source ${FIXTURE}/app.js:11 → line 15 → ${FIXTURE}/pages/index/index.js:13 → sink line 11`,
      '↳ source line 8 → line 9 → sink line 11',
      '↳ source line 8 → line 9 → sink line 18',
      `↳ source ${FIXTURE}/pages/pay/pay.js:8 → line 9 → line 18 → ${FIXTURE}/pages/result/result.js:10 → sink line 9`,
      '↳ source line 3 → line 4 → sink line 6',
    ]);
    expect(text).toContain(
      [
        `${FIXTURE}/pages/pay/pay.js`,
        `  11:5  error    ${message(ENTER, 'wx.requestPayment')}  ${RULE}`,
        '        │ wx.requestPayment({',
        '        ↳ source line 8 → line 9 → sink line 11',
      ].join('\n'),
    );
    expect(text).toContain(`✖ ${REPORTED.length} problems (${REPORTED.length} errors, 0 warnings, 0 notes)`);
  });
});

describe('unchecked-referrer-data on fixtures/flow-referrer (SARIF)', () => {
  let first: string;
  let results: Sarif.Result[];
  beforeAll(() => {
    first = scan(['--format', 'sarif']).stdout;
    results = (JSON.parse(first) as Sarif.Log).runs[0]!.results!;
  });

  const uri = (l: Sarif.Location | undefined): string => `${l!.physicalLocation!.artifactLocation!.uri}:${l!.physicalLocation!.region!.startLine}`;
  const steps = (r: Sarif.Result) => r.codeFlows![0]!.threadFlows[0]!.locations;

  it('is byte-identical across two runs', () => {
    expect(scan(['--format', 'sarif']).stdout).toBe(first);
  });

  it('reports the same actions, with one code flow each: source first (acquire), sink last (danger)', () => {
    expect(results.map((r) => `${r.ruleId} ${r.level} ${uri(r.locations![0])}`)).toEqual(REPORTED.map((e) => `${RULE} error ${FIXTURE}/${e.at}`));
    for (const result of results) {
      expect(result.codeFlows).toHaveLength(1);
      expect(result.codeFlows![0]!.threadFlows).toHaveLength(1);
      const path = steps(result);
      expect(path[0]!.kinds).toEqual(['acquire', 'taint']);
      expect(path[path.length - 1]!.kinds).toEqual(['taint', 'danger']);
      expect(path.slice(1, -1).every((s) => s.kinds === undefined)).toBe(true);
      expect(path[path.length - 1]!.location!.physicalLocation).toEqual(result.locations![0]!.physicalLocation);
      expect(result.relatedLocations![0]).toEqual({ id: 1, physicalLocation: path[0]!.location!.physicalLocation, message: path[0]!.location!.message });
      // Then where the code reads extraData or the query, one of the path's steps.
      const read = path.slice(1, -1).find((s) => /\b(?:extraData|query)\b/.test(s.location!.message!.text ?? ''));
      expect(result.relatedLocations!.slice(1).map((l) => l.physicalLocation)).toEqual(read ? [read.location!.physicalLocation] : []);
    }
  });

  it('walks the App.onLaunch → globalData → page path step by step', () => {
    const home = results.find((r) => uri(r.locations![0]) === `${FIXTURE}/pages/index/index.js:11`)!;
    expect(steps(home).map((s) => `${uri(s.location)} ${s.location!.message!.text}`)).toEqual([
      `${FIXTURE}/app.js:11 data from another mini-app, ${ON_LAUNCH}`,
      `${FIXTURE}/app.js:15 referrerInfo.extraData`,
      `${FIXTURE}/app.js:15 extra`,
      `${FIXTURE}/pages/index/index.js:13 channel.params`,
      `${FIXTURE}/pages/index/index.js:11 reaches wx.request`,
    ]);
    expect(home.message.text).toBe(`${message(ON_LAUNCH, 'wx.request')} Source: [data from another mini-app, ${ON_LAUNCH}](1).`);
    expect(home.properties).toEqual({ sink: 'wx.request', sinkKind: 'network' });
  });
});

describe('unchecked-referrer-data in ESLint (recommended config)', () => {
  it('reports each action on its sink file and line, with the message minivet scan gives', async () => {
    const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: recommendedConfig(), cache: false });
    const results = await eslint.lintFiles(['.']);
    const reported = results.flatMap((result) =>
      result.messages
        .filter((m) => m.ruleId === `minivet/${RULE}`)
        .map((m) => ({ at: `${relative(ROOT, result.filePath).split('\\').join('/')}:${m.line}`, severity: m.severity, message: m.message })),
    );
    expect(reported.map((r) => `${r.at} ${r.message}`).sort()).toEqual(REPORTED.map((e) => `${e.at} ${e.message}`).sort());
    expect(new Set(reported.map((r) => r.severity))).toEqual(new Set([2]));
  });

  it('finds the flow from app.js when only the page that sends it is linted', async () => {
    const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: recommendedConfig(), cache: false });
    const [result] = await eslint.lintFiles(['pages/index/index.js']);
    const mine = result!.messages.filter((m) => m.ruleId === `minivet/${RULE}`);
    expect(mine.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([`11:5 ${message(ON_LAUNCH, 'wx.request')}`]);
  });
});

describe('unchecked-referrer-data and the launch query', () => {
  const CONFIG_ONLY = onlyRulesConfig([RULE]);
  const app = (onLaunch: string) =>
    tempProject({
      'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'pages/index/index.js': 'Page({})\n',
      'pages/index/index.wxml': '<view>home</view>\n',
      'app.js': `App({\n  onLaunch(options) {\n${onLaunch}\n  },\n})\n`,
    });
  const findings = (root: string) => findingsOf(runMinivet(['scan', root, '--config', CONFIG_ONLY, '--format', 'json', '--fail-on', 'none'])).filter((f) => f.ruleId === RULE);

  it('reports payment parameters taken from the launch query, which another mini-app sets through navigateToMiniProgram({ path })', () => {
    const result = findings(app('    const { payParams } = options.query\n    wx.requestPayment(JSON.parse(decodeURIComponent(payParams)))'));
    expect(result.map((f) => [f.line, f.message])).toEqual([
      [4, 'The launch query, which another mini-app can set (the launch query of App.onLaunch) reaches wx.requestPayment with no check of referrerInfo.appId against the apps expected to send it.'],
    ]);
  });

  it('does not report the requests and navigation a shared page makes with its query', () => {
    const result = findings(app("    wx.request({ url: 'https://api.example.com/goods', data: { id: options.query.id } })\n    wx.navigateTo({ url: '/pages/index/index?id=' + options.query.id })"));
    expect(result).toEqual([]);
  });
});
