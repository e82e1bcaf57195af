/**
 * sensitive-data-leak on fixtures/flow-leak, a WeChat errand-running mini-app: a location sent to a
 * tracker's collection host and to wx.reportEvent, a getPhoneNumber payload copied to the clipboard,
 * an openid logged, a profile put into a web-view URL, a phone number handed to another mini-app and
 * a location written to the realtime log. Next to them, what looks the same and is not a leak: the
 * app's own API, local development servers, error messages logged, a literal share text copied, a
 * shop's phone number shown and dialled, an event bus and an order-tracking helper.
 *
 * Everything goes through the built CLI (`runMinivet`) with only this rule on, and through the real
 * ESLint with the plugin's recommended config. The expectations are exact lists, so every look-alike
 * below is a checked negative.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import type * as Sarif from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { recommendedConfig } from '../eslint/helpers.js';
import { REPO, runMinivet, type CliRun } from '../helpers/run-cli.js';
import { findingsOf, itReportsExactly, lineOf as fixtureLine, step, where, type JsonFinding } from '../helpers/flow-rule-json.js';
import { onlyRulesConfig } from '../helpers/rule-sets.js';
import { tempProject } from '../helpers/temp-project.js';

const RULE = 'sensitive-data-leak';
const FIXTURE = 'fixtures/flow-leak';
const ROOT = join(REPO, FIXTURE);

interface Expected {
  /** `file:line` of the sink. */
  at: string;
  /** Text the fixture has on that line, so a moved line fails here rather than silently. */
  code: string;
  message: string;
  properties: Record<string, unknown>;
}

const PROFILE = 'Profile (nickname, avatar, gender), from wx.getUserProfile,';

/** The leaks reported, in output order (file, then line). */
const EXPECTED: Expected[] = [
  {
    at: 'app.js:17',
    code: "console.log('login ok, openid =', data.openid)",
    message: 'Openid, a value named openid, reaches a log through console.log.',
    properties: { sink: 'console.log', sinkKind: 'log', data: ['openid'] },
  },
  {
    at: 'pages/login/login.js:19',
    code: 'wx.setClipboardData({ data: JSON.stringify(detail) })',
    message: 'Phone number, from the getPhoneNumber button, reaches the clipboard every other app can read through wx.setClipboardData.',
    properties: { sink: 'wx.setClipboardData', sinkKind: 'clipboard', data: ['phone'] },
  },
  {
    at: 'pages/member/member.wxml:1',
    code: '<web-view src="{{src}}" bindmessage="onMessage"></web-view>',
    message: `${PROFILE} reaches a web-view URL through <web-view src>.`,
    properties: { sink: '<web-view src>', sinkKind: 'web-view', data: ['user-profile'] },
  },
  {
    at: 'pages/nearby/nearby.js:22',
    code: 'wx.request({',
    message: 'Location, from wx.getLocation, reaches a third-party server (ulogs.umeng.com) through wx.request.',
    properties: { sink: 'wx.request', sinkKind: 'network', data: ['location'], host: 'ulogs.umeng.com' },
  },
  {
    at: 'pages/nearby/nearby.js:27',
    code: "wx.reportEvent('user_locate', { lat: latitude, lng: longitude })",
    message: 'Location, from wx.getLocation, reaches a tracking SDK through wx.reportEvent.',
    properties: { sink: 'wx.reportEvent', sinkKind: 'tracker', data: ['location'] },
  },
  {
    at: 'pages/order/order.js:31',
    code: 'wx.navigateToMiniProgram({',
    message: 'Phone number, a value named phoneNumber, reaches another mini-app through wx.navigateToMiniProgram.',
    properties: { sink: 'wx.navigateToMiniProgram', sinkKind: 'cross-app', data: ['phone'] },
  },
  {
    // The realtime-log helper of the WeChat docs (log.info.apply(log, arguments)), called from order.js.
    at: 'utils/log.js:7',
    code: 'log.info.apply(log, arguments)',
    message: 'Location, from wx.getLocation, reaches a log through log.info.',
    properties: { sink: 'log.info', sinkKind: 'log', data: ['location'] },
  },
];

/** Look-alikes that must stay quiet: `file:line`, what the line holds, and why it is not a leak. */
const NEGATIVES: { at: string; code: string; why: string }[] = [
  { at: 'utils/request.js:6', code: 'wx.request({', why: 'the app\'s own API host: login code, location and phone code go there' },
  { at: 'utils/delivery-tracker.js:6', code: 'return http.post(`/orders/${orderId}/track`, {', why: 'order tracking on the own API, not an analytics SDK' },
  { at: 'app.js:16', code: 'wx.reportPerformance(1001, Date.now() - launchedAt)', why: 'a duration to the platform analytics' },
  { at: 'app.js:20', code: "console.error('login failed', err.errMsg)", why: 'errMsg' },
  { at: 'pages/nearby/nearby.js:20', code: "bus.emit('located', { latitude, longitude })", why: 'an in-app event bus' },
  { at: 'pages/nearby/nearby.js:29', code: 'wx.request({ url: `${MOCK_API}/riders`, data: { lat: latitude, lng: longitude } })', why: 'a 127.0.0.1 dev server' },
  { at: 'pages/nearby/nearby.js:30', code: "wx.request({ url: 'http://localhost:8080/api/trace', method: 'POST', data: loc })", why: 'a localhost dev server' },
  { at: 'pages/nearby/nearby.js:33', code: "complete: (res) => console.log('getLocation', res.errMsg)", why: 'errMsg of the location result' },
  { at: 'pages/login/login.js:25', code: 'wx.setClipboardData({ data: INVITE_TEXT })', why: 'a literal share text' },
  { at: 'pages/member/member.js:15', code: "console.log('h5 message count', e.detail.data.length)", why: 'a length' },
  { at: 'pages/order/order.js:23', code: 'deliveryTracker.track(this.data.orderId, loc)', why: 'order tracking on the own API' },
  { at: 'utils/log.js:11', code: 'log.warn.apply(log, arguments)', why: 'only errMsg reaches the warn log' },
  { at: 'pages/shop/shop.js:23', code: 'wx.makePhoneCall({ phoneNumber: phone })', why: 'the shop\'s number, dialled' },
  { at: 'pages/shop/shop.js:28', code: 'wx.setClipboardData({ data: `${shop.name} ${shop.address}` })', why: 'the shop\'s address' },
  { at: 'pages/shop/shop.wxml:4', code: '<text class="phone">{{item.phone}}</text>', why: 'the shop\'s number, shown' },
];

const CONFIG = onlyRulesConfig([RULE]);
const scan = (args: string[], path = FIXTURE): CliRun => runMinivet(['scan', path, '--config', CONFIG, ...args]);
const lineOf = (at: string): string => fixtureLine(ROOT, at);
const policy = (content: object): string => {
  const root = tempProject({ 'policy.json': JSON.stringify(content) });
  return join(root, 'policy.json');
};

describe('sensitive-data-leak on fixtures/flow-leak (CLI)', () => {
  let run: CliRun;
  let findings: JsonFinding[];
  beforeAll(() => {
    run = scan(['--format', 'json']);
    findings = findingsOf(run);
  });

  itReportsExactly({ rule: RULE, exitCode: 1, what: 'leaks', run: () => ({ run, findings }), lineOf, expected: EXPECTED, negatives: NEGATIVES });

  it('names the data, its source, where it goes and the API, with machine-readable properties', () => {
    expect(findings.map((f) => `${where(f)} ${f.severity} ${f.message}`)).toEqual(EXPECTED.map((e) => `${e.at} error ${e.message}`));
    expect(findings.map((f) => f.properties)).toEqual(EXPECTED.map((e) => e.properties));
  });

  it('gives each finding a JSON codeFlow from the source to the sink, the source also in related', () => {
    for (const f of findings) {
      const flow = f.codeFlow!;
      expect(flow.length, where(f)).toBeGreaterThanOrEqual(2);
      expect(where(flow[flow.length - 1]!)).toBe(where(f));
      expect(flow[flow.length - 1]!.column).toBe(f.column);
      expect(f.related).toEqual([{ message: flow[0]!.message, file: flow[0]!.file, line: flow[0]!.line, column: flow[0]!.column }]);
    }
    const byAt = new Map(findings.map((f) => [where(f), f]));
    // From a button in one template, through its handler, to the clipboard.
    expect(byAt.get('pages/login/login.js:19')!.codeFlow!.map(step)).toEqual([
      'pages/login/login.wxml:2:73 phone number, from the getPhoneNumber button',
      'pages/login/login.js:15:20 e.detail',
      'pages/login/login.js:15:11 detail',
      'pages/login/login.js:19:7 reaches wx.setClipboardData',
    ]);
    // From one page, through globalData and setData, into another page's template.
    expect(byAt.get('pages/member/member.wxml:1')!.codeFlow!.map(step)).toEqual([
      'pages/mine/mine.js:7:5 profile (nickname, avatar, gender), from wx.getUserProfile',
      'pages/mine/mine.js:9:17 parameter { userInfo }',
      'pages/mine/mine.js:9:19 userInfo',
      'pages/member/member.js:9:18 getApp().globalData.userInfo',
      'pages/member/member.js:9:11 user',
      "pages/member/member.js:10:27 encodeURIComponent(user.nickName || '')",
      'pages/member/member.js:10:11 query',
      'pages/member/member.js:11:20 src: `${H5_BASE}/member/home?${query}`',
      'pages/member/member.wxml:1:16 reaches <web-view src>',
    ]);
    expect(byAt.get('pages/nearby/nearby.js:22')!.codeFlow!.map(step)).toEqual([
      'pages/nearby/nearby.js:15:5 location, from wx.getLocation',
      'pages/nearby/nearby.js:17:17 parameter loc',
      'pages/nearby/nearby.js:18:17 latitude',
      'pages/nearby/nearby.js:22:9 reaches wx.request',
    ]);
    expect(byAt.get('utils/log.js:7')!.codeFlow!.map(step)).toEqual([
      'pages/order/order.js:20:5 location, from wx.getLocation',
      'pages/order/order.js:22:17 parameter loc',
      'utils/log.js:7:25 arguments',
      'utils/log.js:7:5 reaches log.info',
    ]);
  });

  it('prints the path under each finding in the text output, none for a flow on one line', () => {
    const text = scan(['--no-color']).stdout;
    const paths = text.split('\n').filter((line) => line.trim().startsWith('↳')).map((line) => line.trim());
    expect(paths).toEqual([
      // app.js:17 (openid read and logged on one line) has no path line.
      `↳ source ${FIXTURE}/pages/login/login.wxml:2 → ${FIXTURE}/pages/login/login.js:15 → sink line 19`,
      `↳ source ${FIXTURE}/pages/mine/mine.js:7 → line 9 → … 2 more … → ${FIXTURE}/pages/member/member.js:11 → sink ${FIXTURE}/pages/member/member.wxml:1`,
      '↳ source line 15 → line 17 → line 18 → sink line 22',
      '↳ source line 15 → line 17 → line 18 → sink line 27',
      '↳ source line 15 → sink line 31',
      `↳ source ${FIXTURE}/pages/order/order.js:20 → line 22 → sink ${FIXTURE}/utils/log.js:7`,
    ]);
    expect(text).toContain(
      [
        `${FIXTURE}/pages/member/member.wxml`,
        `  1:16  error    ${EXPECTED[2]!.message}  ${RULE}`,
        '        │ <web-view src="{{src}}" bindmessage="onMessage"></web-view>',
        `        ↳ source ${FIXTURE}/pages/mine/mine.js:7`,
      ].join('\n'),
    );
    expect(text).toContain('✖ 7 problems (7 errors, 0 warnings, 0 notes)');
  });
});

describe('sensitive-data-leak on fixtures/flow-leak (SARIF)', () => {
  let first: string;
  let run: Sarif.Run;
  let results: Sarif.Result[];
  beforeAll(() => {
    first = scan(['--format', 'sarif']).stdout;
    run = (JSON.parse(first) as Sarif.Log).runs[0]!;
    results = run.results!;
  });

  const uri = (l: Sarif.Location | undefined): string => `${l!.physicalLocation!.artifactLocation!.uri}:${l!.physicalLocation!.region!.startLine}`;
  const steps = (r: Sarif.Result) => r.codeFlows![0]!.threadFlows[0]!.locations;

  it('is byte-identical across two runs', () => {
    expect(scan(['--format', 'sarif']).stdout).toBe(first);
  });

  it('reports the same leaks, with one code flow each: source first (acquire), sink last (danger)', () => {
    expect(results.map((r) => `${r.ruleId} ${r.level} ${uri(r.locations![0])}`)).toEqual(EXPECTED.map((e) => `${RULE} error ${FIXTURE}/${e.at}`));
    for (const result of results) {
      expect(result.codeFlows).toHaveLength(1);
      expect(result.codeFlows![0]!.threadFlows).toHaveLength(1);
      const path = steps(result);
      expect(path[0]!.kinds).toEqual(['acquire', 'taint']);
      expect(path[path.length - 1]!.kinds).toEqual(['taint', 'danger']);
      expect(path.slice(1, -1).every((s) => s.kinds === undefined)).toBe(true);
      expect(path[path.length - 1]!.location!.physicalLocation).toEqual(result.locations![0]!.physicalLocation);
      expect(result.relatedLocations).toEqual([{ id: 1, physicalLocation: path[0]!.location!.physicalLocation, message: path[0]!.location!.message }]);
      expect(result.message.text).toMatch(/ Source: \[[^\]]+\]\(1\)\.$/);
    }
  });

  it('lists files that appear only on a path as artifacts, and the flow steps point at them', () => {
    const uris = run.artifacts!.map((a) => a.location!.uri);
    // The sources of the clipboard and web-view leaks: no finding of their own.
    expect(uris).toContain(`${FIXTURE}/pages/login/login.wxml`);
    expect(uris).toContain(`${FIXTURE}/pages/mine/mine.js`);
    for (const result of results) {
      for (const s of steps(result)) {
        const artifact = s.location!.physicalLocation!.artifactLocation!;
        expect(uris[artifact.index!]).toBe(artifact.uri);
      }
    }
    const webView = results.find((r) => uri(r.locations![0]) === `${FIXTURE}/pages/member/member.wxml:1`)!;
    expect(steps(webView).map((s) => `${uri(s.location)} ${s.location!.message!.text}`)).toEqual([
      `${FIXTURE}/pages/mine/mine.js:7 profile (nickname, avatar, gender), from wx.getUserProfile`,
      `${FIXTURE}/pages/mine/mine.js:9 parameter { userInfo }`,
      `${FIXTURE}/pages/mine/mine.js:9 userInfo`,
      `${FIXTURE}/pages/member/member.js:9 getApp().globalData.userInfo`,
      `${FIXTURE}/pages/member/member.js:9 user`,
      `${FIXTURE}/pages/member/member.js:10 encodeURIComponent(user.nickName || '')`,
      `${FIXTURE}/pages/member/member.js:10 query`,
      `${FIXTURE}/pages/member/member.js:11 src: \`\${H5_BASE}/member/home?\${query}\``,
      `${FIXTURE}/pages/member/member.wxml:1 reaches <web-view src>`,
    ]);
    expect(webView.message.text).toBe(`${EXPECTED[2]!.message} Source: [profile (nickname, avatar, gender), from wx.getUserProfile](1).`);
    expect(webView.relatedLocations![0]!.physicalLocation!.region).toMatchObject({ startLine: 7, startColumn: 5 });
  });
});

describe('sensitive-data-leak: vendor policy', () => {
  const tracker = 'pages/nearby/nearby.js:22';

  it('a wildcard allowedHosts entry silences the leak to that tracker host, and only that one', () => {
    const allowed = findingsOf(scan(['--format', 'json', '--policy', policy({ allowedHosts: ['*.umeng.com'] })]));
    expect(allowed.map(where)).toEqual(EXPECTED.map((e) => e.at).filter((at) => at !== tracker));
  });

  it('an entry for another host silences nothing', () => {
    const other = findingsOf(scan(['--format', 'json', '--policy', policy({ allowedHosts: ['*.shujupie.com', 'umeng.com'] })]));
    expect(other.map(where)).toEqual(EXPECTED.map((e) => e.at));
  });
});

describe('sensitive-data-leak: suppressions', () => {
  const copy = (edit: (root: string) => void): string => {
    const root = tempProject({});
    cpSync(ROOT, root, { recursive: true });
    edit(root);
    return root;
  };
  const insertBefore = (root: string, file: string, line: number, text: string): void => {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    const indent = /^\s*/.exec(lines[line - 1]!)![0];
    lines.splice(line - 1, 0, `${indent}${text}`);
    writeFileSync(join(root, file), lines.join('\n'));
  };

  it('suppresses on the sink\'s line, in scripts and templates, keeping the reason', () => {
    const root = copy((r) => {
      insertBefore(r, 'pages/order/order.js', 31, '// minivet-disable-next-line sensitive-data-leak -- partner app named in the privacy guide');
      insertBefore(r, 'pages/member/member.wxml', 1, '<!-- minivet-disable-next-line sensitive-data-leak -- our own H5 member centre -->');
    });
    const findings = findingsOf(scan(['--format', 'json'], root));
    expect(findings.filter((f) => f.suppressed).map((f) => `${where(f)} ${f.justification}`)).toEqual([
      'pages/member/member.wxml:2 our own H5 member centre',
      'pages/order/order.js:32 partner app named in the privacy guide',
    ]);
    expect(findings.filter((f) => !f.suppressed).map(where)).toEqual(
      EXPECTED.map((e) => e.at).filter((at) => at !== 'pages/order/order.js:31' && at !== 'pages/member/member.wxml:1'),
    );
    expect(scan(['--no-color'], root).stdout).toContain('✖ 5 problems (5 errors, 0 warnings, 0 notes) · 2 suppressed in source');
  });

  it('a directive naming another rule, or on the wrong line, suppresses nothing', () => {
    const root = copy((r) => {
      insertBefore(r, 'pages/order/order.js', 31, '// minivet-disable-next-line sensitive-data-to-storage -- wrong rule');
      insertBefore(r, 'pages/login/login.js', 18, '// minivet-disable-next-line sensitive-data-leak -- two lines above the sink');
    });
    expect(findingsOf(scan(['--format', 'json'], root)).filter((f) => f.suppressed)).toEqual([]);
  });
});

describe('sensitive-data-leak in ESLint (recommended config)', () => {
  it('reports each leak on its sink file and line, with the message minivet scan gives', async () => {
    const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: recommendedConfig(), cache: false });
    const results = await eslint.lintFiles(['.']);
    const reported = results.flatMap((result) =>
      result.messages
        .filter((m) => m.ruleId === `minivet/${RULE}`)
        .map((m) => ({ at: `${relative(ROOT, result.filePath).split('\\').join('/')}:${m.line}`, severity: m.severity, message: m.message })),
    );
    expect(reported.map((r) => `${r.at} ${r.message}`).sort()).toEqual(EXPECTED.map((e) => `${e.at} ${e.message}`).sort());
    expect(new Set(reported.map((r) => r.severity))).toEqual(new Set([2]));
  });

  it('finds the web-view leak when only the template is linted, at the src attribute', async () => {
    const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: recommendedConfig(), cache: false });
    const [result] = await eslint.lintFiles(['pages/member/member.wxml']);
    const mine = result!.messages.filter((m) => m.ruleId === `minivet/${RULE}`);
    expect(mine.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([`1:16 ${EXPECTED[2]!.message}`]);
  });
});

/** The rule's findings on a one-page app whose page script is `lines`. */
function onePage(lines: string[]): JsonFinding[] {
  const root = tempProject({ 'app.json': JSON.stringify({ pages: ['pages/a/a'] }), 'pages/a/a.js': [...lines, ''].join('\n') });
  return findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']));
}

describe('sensitive-data-leak: look-alikes found on apps reviewed blind', () => {
  it('reports clipboard contents where they are logged, not where they are put back on the clipboard', () => {
    const findings = onePage([
      'Page({',
      '  onPaste() {',
      '    wx.getClipboardData({',
      '      success: (res) => {',
      "        wx.setClipboardData({ data: 'code=' + res.data.trim() });",
      "        console.log('pasted', res.data);",
      '      },',
      '    });',
      '  },',
      '});',
    ]);
    expect(findings.map((finding) => `${where(finding)} ${finding.message}`)).toEqual(['pages/a/a.js:6 Clipboard, from wx.getClipboardData, reaches a log through console.log.']);
  });

  it('leaves out a login code written to a log, a flag about the data, and an object whose method named like data was called', () => {
    const findings = onePage([
      'const api = { getOpenid() { return wx.request({ url: "https://api.example.com/me" }); } };',
      'Page({',
      '  onLoad() {',
      "    wx.login({ success: (res) => { console.log('code', res.code); } });",
      "    console.log('flags', this.data.isBindPhoneNumber, this.data.has_openid);",
      "    api.getOpenid(); console.log('api', api);",
      "    console.log('id', this.data.wxOpenId);",
      '  },',
      '});',
    ]);
    expect(findings.map((finding) => where(finding))).toEqual(['pages/a/a.js:7']);
  });

  it('takes fields that name a record (ids, roles) as carrying no personal data of their object; its other fields, and its identity fields, still do', () => {
    const findings = onePage([
      'Page({',
      '  onLogin() {',
      '    wx.getUserProfile({',
      "      desc: 'profile',",
      '      success: (res) => {',
      '        const user = res.userInfo;',
      "        console.log('store', user.store_id, user.userType);",
      "        console.log('role', user.role, user.shopId);",
      "        console.log('name', user.nickName);",
      "        console.log('who', user.openid);",
      '      },',
      '    });',
      '  },',
      '});',
    ]);
    expect(findings.map((finding) => where(finding))).toEqual(['pages/a/a.js:9', 'pages/a/a.js:10']);
  });

  it('takes a table of key strings as naming keys, whatever its properties are called; an object holding other values, or empty placeholders, still names its data', () => {
    const findings = onePage([
      "const KEYS = { sessionToken: 'session_token', role: 'user_role' };",
      "const settings = { sessionToken: wx.getStorageSync('t'), theme: 'dark' };",
      "const user = { phone: '', token: '' };",
      "function get(key) { console.warn('reading', key); return wx.getStorageSync(key); }",
      'Page({',
      '  onLoad() {',
      '    get(KEYS.sessionToken);',
      "    console.log('settings', settings.sessionToken);",
      "    wx.request({ url: 'https://api.example.com/me', success: (res) => { user.token = res.data.t; console.log('user', user.token); } });",
      "    wx.request({ url: 'https://api.example.com/me', success: (res) => console.log('me', res.data.sessionToken) });",
      '  },',
      '});',
    ]);
    expect(findings.map((finding) => where(finding))).toEqual(['pages/a/a.js:8', 'pages/a/a.js:9', 'pages/a/a.js:10']);
  });
});

describe('sensitive-data-leak: what a log of an App or page instance reads', () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'project.config.json': '{}',
    'app.js': [
      'App({',
      '  onLaunch() {',
      "    wx.request({ url: 'https://api.example.com/login', success: (res) => {",
      '      this.session_key = res.data.session_key;',
      "      console.log('login', res.data);",
      '    } });',
      '  },',
      '});',
    ].join('\n'),
    'pages/a/a.js': [
      'Page({',
      '  onLoad() {',
      '    this.token = wx.getStorageSync("token");',
      '    console.log(getApp());',
      '    console.log(this);',
      '    console.log(this.token);',
      '  },',
      '});',
    ].join('\n'),
  });

  it('reports a logged response and a logged field, not the whole App or page, which hold everything the app keeps', () => {
    const findings = findingsOf(scan(['--format', 'json'], root)).filter((f) => f.ruleId === RULE);
    expect(findings.map(where).sort()).toEqual(['app.js:5', 'pages/a/a.js:6']);
  });
});
