/**
 * sensitive-data-to-storage on fixtures/flow-storage, a WeChat fruit-shop mini-app: tokens, openids,
 * phone numbers, locations, addresses and profiles written to storage, next to the writes that look
 * like them and are harmless (encrypted, hashed, timestamps, random ids, search keywords, literals,
 * error messages, comments and strings). Everything goes through the built CLI (`runMinivet`) with
 * only this rule on, and through the real ESLint with the plugin's recommended config.
 *
 * The expectations are exact lists, so every look-alike below is a checked negative.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import type * as Sarif from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { recommendedConfig } from '../eslint/helpers.js';
import { REPO, runMinivet, type CliRun } from '../helpers/run-cli.js';
import { findingsOf, itReportsExactly, lineOf as fixtureLine, step, where, type JsonFinding } from '../helpers/flow-rule-json.js';
import { scanProject } from '../../src/scan.js';
import { onlyRulesConfig } from '../helpers/rule-sets.js';
import { tempProject } from '../helpers/temp-project.js';

const RULE = 'sensitive-data-to-storage';
const FIXTURE = 'fixtures/flow-storage';
const ROOT = join(REPO, FIXTURE);

const SYNC = 'encrypt it first or keep it on the server.';
const ASYNC = 'pass `encrypt: true` where the platform supports it, or keep it on the server.';
const PROFILE = 'Profile (nickname, avatar, gender), from wx.getUserProfile,';

interface Expected {
  /** `file:line` of the storage write. */
  at: string;
  /** Text the fixture has on that line, so a moved line fails here rather than silently. */
  code: string;
  message: string;
  sink: string;
  data: string[];
  storageKey?: string;
}

/** The writes reported, in output order (file, then line). */
const EXPECTED: Expected[] = [
  {
    at: 'app.js:30',
    code: "wx.setStorageSync('token', token)",
    message: `Credential is written to storage under key "token" by wx.setStorageSync unencrypted; ${SYNC}`,
    sink: 'wx.setStorageSync',
    data: ['credential'],
    storageKey: 'token',
  },
  {
    at: 'app.js:32',
    code: "wx.setStorageSync('openid', openid)",
    message: `Openid is written to storage under key "openid" by wx.setStorageSync unencrypted; ${SYNC}`,
    sink: 'wx.setStorageSync',
    data: ['openid'],
    storageKey: 'openid',
  },
  {
    at: 'pages/address/address.js:17',
    code: 'wx.setStorage({',
    message: `Postal address, from wx.chooseAddress, is written to storage under key "defaultAddress" by wx.setStorage unencrypted; ${ASYNC}`,
    sink: 'wx.setStorage',
    data: ['address'],
    storageKey: 'defaultAddress',
  },
  {
    at: 'pages/login/login.js:20',
    code: "wx.setStorage({ key: 'boundMobile', data: phone })",
    message: `Phone number is written to storage under key "boundMobile" by wx.setStorage unencrypted; ${ASYNC}`,
    sink: 'wx.setStorage',
    data: ['phone'],
    storageKey: 'boundMobile',
  },
  {
    at: 'pages/login/login.js:35',
    code: "wx.setStorageSync('member', { nick: profile.nickName, avatar: profile.avatarUrl })",
    message: `${PROFILE} is written to storage under key "member" by wx.setStorageSync unencrypted; ${SYNC}`,
    sink: 'wx.setStorageSync',
    data: ['user-profile'],
    storageKey: 'member',
  },
  {
    at: 'pages/settings/settings.js:19',
    code: "wx.setStorageSync('profileBackup', user)",
    message: `${PROFILE} is written to storage under key "profileBackup" by wx.setStorageSync unencrypted; ${SYNC}`,
    sink: 'wx.setStorageSync',
    data: ['user-profile'],
    storageKey: 'profileBackup',
  },
  {
    at: 'pages/store/store.js:14',
    code: "wx.setStorageSync('lastPosition', { lat: loc.latitude, lng: loc.longitude })",
    message: `Location, from wx.getLocation, is written to storage under key "lastPosition" by wx.setStorageSync unencrypted; ${SYNC}`,
    sink: 'wx.setStorageSync',
    data: ['location'],
    storageKey: 'lastPosition',
  },
  {
    // The shared cache wrapper puts its namespace before the caller's key: judged at the call, with that call's key.
    at: 'pages/store/store.js:38',
    code: "cache.set('pickupPlace', place)",
    message: `Location, from wx.chooseLocation, is written to storage under key "pickupPlace" by a storage wrapper (wx.setStorageSync at utils/cache.js:7) unencrypted; ${SYNC}`,
    sink: 'wx.setStorageSync',
    data: ['location'],
    storageKey: 'pickupPlace',
  },
];

/** Look-alikes that must stay quiet: `file:line`, what the line holds, and why it is harmless. */
const NEGATIVES: { at: string; code: string; why: string }[] = [
  { at: 'app.js:14', code: "wx.setStorageSync('launchCount', launches + 1)", why: 'a counter' },
  { at: 'app.js:15', code: "wx.setStorageSync('lastLaunchAt', Date.now())", why: 'a timestamp' },
  { at: 'app.js:31', code: "wx.setStorageSync('tokenExpireAt', Date.now() + expiresIn * 1000)", why: 'an expiry time; tokenExpireAt names no credential' },
  { at: 'app.js:33', code: "wx.setStorageSync('uid', userId)", why: 'user ids by name are not sensitive here' },
  { at: 'app.js:34', code: "wx.setStorageSync('isLoggedIn', !!token)", why: 'a boolean derived from the token' },
  { at: 'app.js:36', code: "wx.setStorageSync('accountDigest', sha256(openid))", why: 'hashed' },
  { at: 'app.js:39', code: "wx.setStorageSync('lastLoginError', err.errMsg)", why: 'errMsg' },
  { at: 'pages/login/login.js:21', code: "wx.setStorage({ key: 'contact', data: { phone }, encrypt: true })", why: 'encrypt: true' },
  { at: 'pages/login/login.js:22', code: "wx.setStorageSync('mobileKey', md5(phone))", why: 'hashed' },
  { at: 'pages/login/login.js:24', code: "// wx.setStorageSync('sessionKey', res.data.session_key)", why: 'commented out' },
  { at: 'pages/store/store.js:18', code: "wx.setStorageSync('locateResult', res.errMsg)", why: 'errMsg of the getLocation result' },
  { at: 'pages/store/store.js:21', code: "wx.setStorageSync('permissionState', { hasLocationAuth: true })", why: 'a literal flag' },
  { at: 'pages/search/search.js:14', code: "wx.setStorageSync('searchTraceId', uuid())", why: 'a random uuid' },
  { at: 'pages/search/search.js:16', code: "wx.setStorageSync('visitorId', Math.random().toString(36).slice(2))", why: 'Math.random' },
  { at: 'pages/search/search.js:28', code: "wx.setStorageSync('searchHistory', history)", why: 'search keywords typed into an ordinary field' },
  { at: 'pages/search/search.js:29', code: "wx.setStorageSync('lastSearchAt', new Date().toISOString())", why: 'a timestamp' },
  { at: 'pages/settings/settings.js:4', code: "storageNote: '登录凭证只保存在内存中，不会通过 wx.setStorageSync 写入本地。'", why: 'a string' },
  { at: 'pages/settings/settings.js:14', code: "wx.setStorageSync('theme', dark ? 'dark' : 'light')", why: 'a switch state' },
  { at: 'pages/settings/settings.js:23', code: "// wx.setStorageSync('token', '')", why: 'commented out' },
  { at: 'pages/settings/settings.js:26', code: "wx.setStorageSync('loggedOut', true)", why: 'a literal' },
  { at: 'utils/cache.js:9', code: "console.warn('[cache] wx.setStorageSync failed for', key)", why: 'a string' },
];

const CONFIG = onlyRulesConfig([RULE]);
const scan = (args: string[], path = FIXTURE): CliRun => runMinivet(['scan', path, '--config', CONFIG, ...args]);
const lineOf = (at: string): string => fixtureLine(ROOT, at);

/** A project of one page, `pages/a/a.js`, written as `lines`. */
const onePage = (lines: string[]): string => tempProject({ 'app.json': '{"pages":["pages/a/a"]}', 'project.config.json': '{}', 'pages/a/a.js': lines.join('\n') });

/** The rule's findings on a project, through the CLI's JSON report. */
const storageFindings = (root: string) => findingsOf(scan(['--format', 'json', '--rule', 'sensitive-data-to-storage=warning'], root)).filter((f) => f.ruleId === 'sensitive-data-to-storage');
/** An Alipay app whose code is all in app.js. */
const alipayApp = (appJs: readonly string[]) =>
  tempProject({ 'app.json': JSON.stringify({ pages: ['pages/m/m'] }), 'mini.project.json': '{}', 'pages/m/m.axml': '<view/>', 'pages/m/m.js': 'Page({});', 'app.js': appJs.join('\n') });

describe('sensitive-data-to-storage on fixtures/flow-storage (CLI)', () => {
  let run: CliRun;
  let findings: JsonFinding[];
  beforeAll(() => {
    run = scan(['--format', 'json']);
    findings = findingsOf(run);
  });

  itReportsExactly({ rule: RULE, exitCode: 0, what: 'sensitive writes', run: () => ({ run, findings }), lineOf, expected: EXPECTED, negatives: NEGATIVES });

  it('names the data, its source, the key and the API, with machine-readable properties', () => {
    expect(findings.map((f) => `${where(f)} ${f.severity} ${f.message}`)).toEqual(EXPECTED.map((e) => `${e.at} warning ${e.message}`));
    expect(findings.map((f) => f.properties)).toEqual(
      EXPECTED.map((e) => ({ sink: e.sink, data: e.data, ...(e.storageKey && { storageKey: e.storageKey }) })),
    );
  });

  it('gives each finding a JSON codeFlow from the source to the write, the source also first in related', () => {
    for (const f of findings) {
      const flow = f.codeFlow!;
      expect(flow.length, where(f)).toBeGreaterThanOrEqual(2);
      expect(where(flow[flow.length - 1]!)).toBe(where(f));
      expect(flow[flow.length - 1]!.column).toBe(f.column);
      // A wrapper's call also names the write inside it.
      expect(f.related[0]).toEqual({ message: flow[0]!.message, file: flow[0]!.file, line: flow[0]!.line, column: flow[0]!.column });
      expect(f.related.slice(1).map((r) => `${where(r)} ${r.message}`)).toEqual(f.message.includes('storage wrapper') ? ['utils/cache.js:7 the write to storage (wx.setStorageSync)'] : []);
    }
    const byAt = new Map(findings.map((f) => [where(f), f]));
    // Across pages, through getApp().globalData.
    expect(byAt.get('pages/settings/settings.js:19')!.codeFlow!.map(step)).toEqual([
      'pages/login/login.js:30:5 profile (nickname, avatar, gender), from wx.getUserProfile',
      'pages/login/login.js:32:17 parameter res',
      'pages/login/login.js:33:15 profile',
      'pages/login/login.js:34:9 getApp().globalData.userInfo',
      'pages/settings/settings.js:18:11 user',
      'pages/settings/settings.js:19:5 reaches wx.setStorageSync',
    ]);
    // Handed to the cache wrapper: judged at the call, the write inside a related location.
    const cached = byAt.get('pages/store/store.js:38')!;
    expect(cached.codeFlow!.map(step)[0]).toBe('pages/store/store.js:36:5 location, from wx.chooseLocation');
    expect(cached.related.map((r) => `${r.file}:${r.line}`)).toContain('utils/cache.js:7');
    // A value known by its name: the name is the source.
    expect(byAt.get('app.js:30')!.codeFlow!.map(step)).toEqual(['app.js:27:21 credential, a value named token', 'app.js:30:13 reaches wx.setStorageSync']);
  });

  it('prints the path under each finding in the text output', () => {
    const text = scan(['--no-color']).stdout;
    const paths = text.split('\n').filter((line) => line.trim().startsWith('↳')).map((line) => line.trim());
    expect(paths).toEqual([
      '↳ source line 27 → sink line 30',
      '↳ source line 27 → sink line 32',
      '↳ source line 14 → line 15 → sink line 17',
      '↳ source line 18 → sink line 20',
      '↳ source line 30 → line 32 → line 33 → sink line 35',
      `↳ source ${FIXTURE}/pages/login/login.js:30 → line 32 → … 2 more … → ${FIXTURE}/pages/settings/settings.js:18 → sink line 19`,
      '↳ source line 11 → line 13 → sink line 14',
      '↳ source line 36 → line 37 → sink line 38',
    ]);
    expect(text).toContain(
      [
        `${FIXTURE}/pages/settings/settings.js`,
        `  19:5  warning  ${EXPECTED[5]!.message}  ${RULE}`,
        "        │ wx.setStorageSync('profileBackup', user)",
      ].join('\n'),
    );
    expect(text).toContain('⚠ 8 problems (0 errors, 8 warnings, 0 notes)');
  });
});

describe('sensitive-data-to-storage on fixtures/flow-storage (SARIF)', () => {
  let first: string;
  let results: Sarif.Result[];
  let run: Sarif.Run;
  beforeAll(() => {
    first = scan(['--format', 'sarif']).stdout;
    run = (JSON.parse(first) as Sarif.Log).runs[0]!;
    results = run.results!;
  });

  const uri = (l: Sarif.Location | undefined): string => `${l!.physicalLocation!.artifactLocation!.uri}:${l!.physicalLocation!.region!.startLine}`;

  it('is byte-identical across two runs', () => {
    expect(scan(['--format', 'sarif']).stdout).toBe(first);
  });

  it('reports the same writes, with one code flow each: source first (acquire), sink last (danger)', () => {
    expect(results.map((r) => `${r.ruleId} ${uri(r.locations![0])}`)).toEqual(EXPECTED.map((e) => `${RULE} ${FIXTURE}/${e.at}`));
    for (const result of results) {
      expect(result.codeFlows).toHaveLength(1);
      expect(result.codeFlows![0]!.threadFlows).toHaveLength(1);
      const steps = result.codeFlows![0]!.threadFlows[0]!.locations;
      expect(steps[0]!.kinds).toEqual(['acquire', 'taint']);
      expect(steps[steps.length - 1]!.kinds).toEqual(['taint', 'danger']);
      expect(steps.slice(1, -1).every((s) => s.kinds === undefined)).toBe(true);
      expect(steps[steps.length - 1]!.location!.physicalLocation).toEqual(result.locations![0]!.physicalLocation);
      // The source is also a related location, linked from the message.
      expect(result.relatedLocations![0]).toEqual({ id: 1, physicalLocation: steps[0]!.location!.physicalLocation, message: steps[0]!.location!.message });
      expect(result.relatedLocations!.length).toBe((result.message.text ?? '').includes('storage wrapper') ? 2 : 1);
      expect(result.message.text).toMatch(/ Source: \[[^\]]+\]\(1\)\.$/);
      for (const s of steps) {
        const artifact = s.location!.physicalLocation!.artifactLocation!;
        expect(run.artifacts![artifact.index!]!.location!.uri).toBe(artifact.uri);
      }
    }
  });

  it('walks the cross-page path step by step', () => {
    const backup = results.find((r) => uri(r.locations![0]) === `${FIXTURE}/pages/settings/settings.js:19`)!;
    expect(backup.codeFlows![0]!.threadFlows[0]!.locations.map((s) => `${uri(s.location)} ${s.location!.message!.text}`)).toEqual([
      `${FIXTURE}/pages/login/login.js:30 profile (nickname, avatar, gender), from wx.getUserProfile`,
      `${FIXTURE}/pages/login/login.js:32 parameter res`,
      `${FIXTURE}/pages/login/login.js:33 profile`,
      `${FIXTURE}/pages/login/login.js:34 getApp().globalData.userInfo`,
      `${FIXTURE}/pages/settings/settings.js:18 user`,
      `${FIXTURE}/pages/settings/settings.js:19 reaches wx.setStorageSync`,
    ]);
    expect(backup.message.text).toBe(`${EXPECTED[5]!.message} Source: [profile (nickname, avatar, gender), from wx.getUserProfile](1).`);
    expect(backup.properties).toEqual({ data: ['user-profile'], sink: 'wx.setStorageSync', storageKey: 'profileBackup' });
  });
});

describe('sensitive-data-to-storage: suppressions', () => {
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

  it('a next-line directive on the call of the wrapper suppresses its one finding, with the reason', () => {
    const root = copy((r) => insertBefore(r, 'pages/store/store.js', 38, '// minivet-disable-next-line sensitive-data-to-storage -- short-lived pickup cache, cleared on logout'));
    const findings = findingsOf(scan(['--format', 'json'], root));
    const cache = findings.find((f) => f.file === 'pages/store/store.js' && f.line === 39)!;
    expect(cache).toMatchObject({ suppressed: true, justification: 'short-lived pickup cache, cleared on logout' });
    expect(findings.filter((f) => !f.suppressed).map(where)).toEqual(EXPECTED.map((e) => e.at).filter((at) => at !== 'pages/store/store.js:38'));
    expect(scan(['--no-color'], root).stdout).toContain('⚠ 7 problems (0 errors, 7 warnings, 0 notes) · 1 suppressed in source');
  });

  it('a directive for another rule suppresses nothing', () => {
    const root = copy((r) => insertBefore(r, 'pages/store/store.js', 38, '// minivet-disable-next-line sensitive-data-leak -- wrong rule'));
    expect(findingsOf(scan(['--format', 'json'], root)).filter((f) => f.suppressed)).toEqual([]);
  });
});

describe('sensitive-data-to-storage in ESLint (recommended config)', () => {
  it('reports each write on its sink file and line, with the message minivet scan gives', async () => {
    const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: recommendedConfig(), cache: false });
    const results = await eslint.lintFiles(['.']);
    const reported = results
      .flatMap((result) =>
        result.messages
          .filter((m) => m.ruleId === `minivet/${RULE}`)
          .map((m) => ({ at: `${relative(ROOT, result.filePath).split('\\').join('/')}:${m.line}`, severity: m.severity, message: m.message })),
      );
    expect(reported.map((r) => `${r.at} ${r.message}`).sort()).toEqual(EXPECTED.map((e) => `${e.at} ${e.message}`).sort());
    expect(new Set(reported.map((r) => r.severity))).toEqual(new Set([1]));
  });

  it('finds the cross-page write when only the sink file is linted, at its column', async () => {
    const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: recommendedConfig(), cache: false });
    const [result] = await eslint.lintFiles(['pages/settings/settings.js']);
    const mine = result!.messages.filter((m) => m.ruleId === `minivet/${RULE}`);
    expect(mine.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([`19:5 ${EXPECTED[5]!.message}`]);
  });

  it('holds back the data-flow findings of a file whose text differs from the saved file (an editor buffer)', async () => {
    const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: recommendedConfig(), cache: false });
    const path = join(ROOT, 'pages/settings/settings.js');
    const saved = readFileSync(path, 'utf8');
    const mine = async (text: string) => (await eslint.lintText(text, { filePath: path }))[0]!.messages.filter((m) => m.ruleId === `minivet/${RULE}`).map((m) => m.line);
    expect(await mine(saved)).toEqual([19]);
    // Two lines inserted above the write: the saved file's offsets no longer fit this text.
    expect(await mine(`// edited\n// in the editor\n${saved}`)).toEqual([]);
  });
});

describe('sensitive-data-to-storage: storage wrappers are judged where the caller chooses the key', () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'project.config.json': '{}',
    'app.js': [
      'App({',
      '  globalData: {},',
      '  set(key, value, persist = false) {',
      '    this.globalData[key] = value;',
      '    if (persist) wx.setStorageSync(key, value);',
      '  },',
      '});',
    ].join('\n'),
    'utils/store.js': [
      'export default {',
      '  setItem(key, value, sync) {',
      '    if (sync) wx.setStorageSync(key, JSON.stringify(value));',
      '    else wx.setStorage({ key, data: value });',
      '  },',
      '};',
      "export function saveToken(token) { wx.setStorageSync('token', token); }",
    ].join('\n'),
    'pages/a/a.js': [
      "import Store from '../../utils/store';",
      'Page({',
      '  onLogin(res) {',
      "    Store.setItem('wx_userInfo', res.userInfo);",
      "    Store.setItem('theme', 'dark');",
      "    Store.setItem('count', this.data.count);",
      "    wx.getLocation({ success: (loc) => Store.setItem('where', loc) });",
      "    getApp().set('token', res.token, true);",
      "    getApp().set('userInfo', res.userInfo);",
      "    getApp().set('phone', res.phone, false);",
      '  },',
      '});',
    ].join('\n'),
  });
  const findings = storageFindings(root);

  it('reports each call that hands the wrapper sensitive data, once, naming the write inside', () => {
    expect(findings.map(where).sort()).toEqual(['pages/a/a.js:4', 'pages/a/a.js:7', 'pages/a/a.js:8', 'utils/store.js:7']);
    const profile = findings.find((f) => where(f) === 'pages/a/a.js:4')!;
    expect(profile.message).toContain('under key "wx_userInfo" by a storage wrapper (wx.setStorage at utils/store.js:4)');
  });

  it('leaves calls with harmless values, and calls that do not switch the write on, alone', () => {
    expect(findings.some((f) => f.file === 'app.js' || where(f) === 'pages/a/a.js:5' || where(f) === 'pages/a/a.js:6' || where(f) === 'pages/a/a.js:9' || where(f) === 'pages/a/a.js:10')).toBe(false);
  });

  it('reports the same findings in ESLint, in the file that calls the wrapper', async () => {
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: recommendedConfig(), cache: false });
    const [result] = await eslint.lintFiles([join(root, 'pages/a/a.js')]);
    const lines = result!.messages.filter((m) => m.ruleId === 'minivet/sensitive-data-to-storage').map((m) => m.line);
    expect(lines).toEqual([4, 7, 8]);
  });
});

describe('sensitive-data-to-storage: reads through a wrapper see the writes under their own key', () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'project.config.json': '{}',
    'utils/store.js': [
      'export default {',
      '  setItem(key, value) { wx.setStorageSync(key, value); },',
      '  getItem(key) { return wx.getStorageSync(key); },',
      '};',
    ].join('\n'),
    'pages/a/a.js': [
      "import Store from '../../utils/store';",
      'Page({',
      '  onLogin(res) {',
      "    wx.getUserProfile({ desc: 'x', success: (p) => Store.setItem('profile', p.userInfo) });",
      "    Store.setItem('formId', res.formId);",
      '  },',
      '  onCopy() {',
      "    Store.setItem('formIds', [Store.getItem('formId')]);",
      "    Store.setItem('backup', Store.getItem('profile'));",
      '  },',
      '});',
    ].join('\n'),
  });
  const findings = storageFindings(root);

  it("follows 'profile' from setItem to getItem, and keeps 'formId' apart from it", () => {
    expect(findings.map(where).sort()).toEqual(['pages/a/a.js:4', 'pages/a/a.js:9']);
  });
});

describe('sensitive-data-to-storage: a wrapper that renames its parameters and keeps the value in an envelope', () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a","pages/b/b"]}',
    'project.config.json': '{}',
    'utils/storage.ts': [
      'export enum Field { TOKEN = "TOKEN", THEME = "THEME" }',
      'class Storage {',
      '  set<T>(first: string, second: T, ttl?: number): void {',
      '    const key = first;',
      '    const data = second;',
      '    const entry = { createTime: Date.now(), expireTime: ttl ? Date.now() + ttl : 0, data };',
      '    wx.setStorageSync(key, entry);',
      '  }',
      '}',
      'export const storage = new Storage();',
    ].join('\n'),
    'pages/a/a.ts': [
      "import { storage, Field } from '../../utils/storage';",
      'Page({',
      '  onLogin(res: { data: { token: string } }) {',
      '    storage.set(Field.TOKEN, res.data.token, 3600);',
      "    storage.set(Field.THEME, 'dark');",
      '  },',
      '});',
    ].join('\n'),
    'utils/save.js': 'export function save(key, value) { wx.setStorageSync(key, { data: value, owner: getApp().globalData.phoneNumber }); }',
    'pages/b/b.js': "import { save } from '../../utils/save';\nPage({ onLoad() { save('theme', 'dark'); } });",
  });
  const findings = storageFindings(root);

  it('is judged at each call, where the key is chosen, not at the write inside', () => {
    expect(findings.map(where)).toEqual(['pages/a/a.ts:4', 'utils/save.js:1']);
  });

  it('is no envelope when the wrapper keeps data of its own beside the value: that write is the wrapper\u2019s', () => {
    expect(findings.find((finding) => where(finding) === 'utils/save.js:1')!.message).toMatch(/^Phone number is written to storage/);
  });
});

describe('sensitive-data-to-storage: an envelope that keeps the caller\u2019s expiry beside the value', () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'project.config.json': '{}',
    'utils/storage.js': [
      'const DAY = 1000 * 60 * 60 * 24;',
      'export const setStorage = (key, value, time) => {',
      '  let expiresTime = time ? new Date().getTime() + (DAY * time) : time;',
      '  let data = { value, expiresTime };',
      '  wx.setStorageSync(key, data);',
      '};',
      'export const keep = (key, value, time) => { wx.setStorageSync(key, { value, time }); };',
      'export const pair = (key, value, owner) => { wx.setStorageSync(key, { value, owner }); };',
    ].join('\n'),
    'pages/a/a.js': [
      "import { setStorage, keep, pair } from '../../utils/storage';",
      'Page({',
      '  onLogin(res) {',
      "    setStorage('token', res.data.token);",
      "    keep('auth', res.data.accessToken, 7);",
      "    setStorage('theme', 'dark', 1);",
      "    pair('account', res.data.cookie, 'me');",
      '  },',
      '});',
    ].join('\n'),
  });
  const findings = storageFindings(root);

  it('is judged at each call: an expiry worked out from the caller\u2019s TTL, or a parameter named as one, is bookkeeping', () => {
    expect(findings.map(where).sort()).toEqual(['pages/a/a.js:4', 'pages/a/a.js:5', 'utils/storage.js:8']);
  });
});

describe('sensitive-data-to-storage: an object stored whole holds what its fields are named, as read elsewhere', () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'project.config.json': '{}',
    'pages/a/a.js': [
      'Page({',
      '  onLogin(res) {',
      "    wx.setStorageSync('login', res.data);",
      '    this.token = res.data.token;',
      '  },',
      '  onPush(reply) {',
      "    wx.setStorageSync('push', reply.data);",
      '    this.device = reply.data.pushToken;',
      '  },',
      '  onSave(e) {',
      '    const { password, ...profile } = e.detail.value;',
      "    wx.request({ url: 'https://api.example.com/register', data: { password } });",
      "    wx.setStorageSync('profile', profile);",
      '  },',
      '  onKeep(res) {',
      '    const user = res.data;',
      '    delete user.token;',
      "    wx.setStorageSync('user', user);",
      '  },',
      '});',
    ].join('\n'),
  });
  const findings = storageFindings(root);

  it('reports the login response kept whole, whose token the code reads; not a reply whose field is a push token, nor an object the code took the field out of', () => {
    expect(findings.map(where)).toEqual(['pages/a/a.js:3']);
    expect(findings[0]!.message).toMatch(/^Credential is written to storage under key "login"/);
  });
});

describe('sensitive-data-to-storage: wrapper calls that cannot be judged where they are', () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'project.config.json': '{}',
    'utils/store.js': [
      'export function setItem(key, value) { wx.setStorageSync(key, value); }',
      'export function save(key, value, persist = true) { if (persist) wx.setStorageSync(key, value); }',
    ].join('\n'),
    'pages/a/a.js': [
      "import { setItem, save } from '../../utils/store';",
      'Page({',
      '  onLoad() {',
      "    setItem('theme', 'dark');",
      "    wx.getLocation({ success: (res) => setItem.call(null, 'where', res) });",
      "    wx.getLocation({ success: (res) => save('last', res) });",
      '  },',
      '});',
    ].join('\n'),
  });
  const findings = storageFindings(root);

  it('keeps the write inside for a call through .call, and takes a switch that defaults to on as on', () => {
    expect(findings.map(where).sort()).toEqual(['pages/a/a.js:6', 'utils/store.js:1']);
  });
});

describe("sensitive-data-to-storage: a helper object's method called with the page as this", () => {
  it('follows the caller\'s this into the method (h.save.call(this)), for function and shorthand methods', () => {
    const root = tempProject({
      'app.json': '{"pages":["pages/a/a"]}',
      'app.js': 'App({});',
      'pages/a/a.js': [
        "const h = { save: function () { wx.setStorageSync('loc', this.loc); }, keep() { wx.setStorageSync('pos', this.pos); } };",
        'Page({ onLoad() { wx.getLocation({ success: (r) => { this.loc = r; this.pos = r; h.save.call(this); h.keep.call(this); } }); } });',
      ].join('\n'),
    });
    const keys = scanProject(root).findings.filter((f) => f.ruleId === 'sensitive-data-to-storage').map((f) => f.properties?.storageKey);
    expect(keys).toEqual(['loc', 'pos']);
  });
});

describe('sensitive-data-to-storage: keys built from constants', () => {
  it("keeps `${NS}:showed` apart from `${NS}:userInfo`, and names the key each write uses", () => {
    const root = tempProject({
      'app.json': '{"pages":["pages/a/a"]}',
      'app.js': 'App({});',
      'utils/auth.js': [
        "const NS = 'shop', SEP = ':';",
        'export const setUser = (user) => wx.setStorageSync(`${NS}:userInfo`, user);',
        "export const getShowed = () => wx.getStorageSync(NS + SEP + 'showed') || {};",
        'export const setShowed = (obj) => wx.setStorageSync(`${NS}${SEP}showed`, obj);',
        'export const login = () => new Promise((resolve) => wx.getUserInfo({ success: (res) => resolve({ name: res.userInfo.nickName }) }));',
      ].join('\n'),
      'pages/a/a.js': [
        "import { setUser, getShowed, setShowed, login } from '../../utils/auth';",
        'Page({',
        '  onLoad() { login().then((user) => setUser(user)); },',
        '  close() { const showed = getShowed(); showed.guide = true; setShowed(showed); },',
        '});',
      ].join('\n'),
    });
    const keys = scanProject(root).findings.filter((f) => f.ruleId === 'sensitive-data-to-storage').map((f) => f.properties?.storageKey);
    expect(keys).toEqual(['shop:userInfo']);
  });

  it("still reads a built key's parts: 'token_' + VERSION holds a credential", () => {
    const root = tempProject({
      'app.json': '{"pages":["pages/a/a"]}',
      'app.js': 'App({});',
      'pages/a/a.js': [
        "const VERSION = 'v2';",
        "Page({ onLoad(res) { wx.setStorageSync('token_' + VERSION, res.t); wx.setStorageSync('userInfo_' + VERSION, res.u); wx.setStorageSync('theme_' + VERSION, res.x); } });",
      ].join('\n'),
    });
    const keys = scanProject(root).findings.filter((f) => f.ruleId === 'sensitive-data-to-storage').map((f) => f.properties?.storageKey);
    expect(keys).toEqual(['token_v2', 'userInfo_v2']);
  });
});

describe("sensitive-data-to-storage: a framework's namespace imported by name", () => {
  it('reads Taro, uni-app and wepy imported as a default or namespace as the platform, and a named import of the same module as a function', () => {
    const root = tempProject({
      'app.json': '{"pages":["pages/a/a"]}',
      'app.js': 'App({});',
      'pages/a/a.js': [
        "import Taro from '@tarojs/taro';",
        "import * as uniApp from '@dcloudio/uni-app';",
        "import wepy from 'wepy';",
        "import { setStorageSync } from '@tarojs/taro';",
        'Page({',
        '  onLoad(res) {',
        "    Taro.setStorageSync('token', res.token);",
        "    uniApp.setStorageSync('phone', res.phone);",
        "    wepy.setStorageSync('openid', res.openid);",
        "    setStorageSync('sessionId', res.sessionId);",
        '  },',
        '});',
      ].join('\n'),
    });
    const keys = scanProject(root).findings.filter((f) => f.ruleId === 'sensitive-data-to-storage').map((f) => f.properties?.storageKey);
    // The named import is a function of the module's own; what it does is not known here.
    expect(keys).toEqual(['token', 'phone', 'openid']);
  });
});

describe("sensitive-data-to-storage: a tracking SDK's own session", () => {
  const sdk = [
    'var store = {',
    "  updateSession: function (t, e) { var n = wx.getStorageSync('zg-session'); n ? (n.sid = t, n.active = e) : n = { sid: t, active: e }; wx.setStorageSync('zg-session', n); },",
    "  setOpenid: function (o) { wx.setStorageSync('zg-openid', { openid: o }); },",
    "  setSuper: function (p) { wx.setStorageSync('zg-super', p); },",
    '};',
    "var last = wx.getStorageSync('zg-session');",
    "store.updateSession(last ? last.sid : new Date().getTime(), Date.now());",
    'module.exports = store;',
  ].join('\n');
  const project = (file: string) => tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'project.config.json': '{}',
    [file]: sdk,
    'pages/a/a.js': `const s = require('../../${file}');\nPage({ onLoad() { s.setOpenid(getApp().openid); }, onLogin(res) { s.setSuper({ token: res.data.token }); } });`,
  });
  const keys = (root: string) => storageFindings(root).map((f) => f.properties?.storageKey);

  it('is its analytics session, not a credential, in a catalogued SDK file; the openid it keeps and a token the app hands it are still reported', () => {
    expect(keys(project('utils/zhuge-wx.min.js'))).toEqual(['zg-openid', 'zg-super']);
  });

  it('is a credential by its name in the app\u2019s own code', () => {
    expect(keys(project('utils/session.js'))).toEqual(['zg-session', 'zg-openid', 'zg-super']);
  });
});

describe('sensitive-data-to-storage: a guard before a read (`data && data.role`)', () => {
  it('is the field read, not the object guarded: a falsy object carries nothing', () => {
    const root = onePage([
      'Page({',
      '  onLogin(res) {',
      '    const data = res.data;',
      '    this.token = data.token;',
      "    const role = (data && data.role) || 'normal';",
      "    wx.setStorageSync('role', role);",
      '    const token = data && data.token;',
      "    wx.setStorageSync('t', token);",
      '  },',
      '});',
    ]);
    expect(storageFindings(root).map(where)).toEqual(['pages/a/a.js:8']);
  });
});

describe('sensitive-data-to-storage: a conditional a constant decides', () => {
  it('follows only the arm that is taken', () => {
    const root = onePage([
      'const debug = false;',
      'Page({',
      '  onLogin(res) {',
      "    wx.setStorageSync('last', debug ? res.data.token : '');",
      "    wx.setStorageSync('kept', !debug ? res.data.token : '');",
      '  },',
      '});',
    ]);
    expect(storageFindings(root).map(where)).toEqual(['pages/a/a.js:5']);
  });
});

describe('sensitive-data-to-storage: an entry holds what the fields it is read with are named', () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'project.config.json': '{}',
    'pages/a/a.js': [
      'Page({',
      "  onProfile(res) { wx.setStorageSync('me', res.data.data); },",
      "  onContact(res) { wx.setStorageSync('card', res.data.data); },",
      "  onSettings(res) { wx.setStorageSync('prefs', res.data); },",
      "  onState(res) { wx.setStorageSync('state', res.data); wx.setStorageSync('member', { memberInfo: {} }); wx.setStorageSync('holder', res.data.data); },",
      '  onLaunch() {',
      '    const state = { userPhone: \'\' };',
      "    Object.assign(state, wx.getStorageSync('state'));",
      '    this.setData({ phone: state.userPhone, member: wx.getStorageSync(\'member\') });',
      "    const holder = wx.getStorageSync('holder') || {};",
      '    this.setData({ idCard: holder.idCard });',
      '  },',
      '  onShow() {',
      "    const me = wx.getStorageSync('me');",
      '    this.setData({ name: me.nick_name });',
      "    this.setData({ phone: wx.getStorageSync('card').user_phone, theme: wx.getStorageSync('prefs').theme });",
      '  },',
      '});',
    ].join('\n'),
  });
  const findings = storageFindings(root);

  it('reports a response kept under a key whose reads use a profile, phone or id-card field (also behind a `|| {}` default), and names the field; not one read for its theme, merged into another object, or with a field only written', () => {
    expect(findings.map(where)).toEqual(['pages/a/a.js:2', 'pages/a/a.js:3', 'pages/a/a.js:5']);
    expect(findings[1]!.message).toBe(
      'Phone number is written to storage under key "card" (its entry is used with the field `user_phone`) by wx.setStorageSync unencrypted; encrypt it first or keep it on the server.',
    );
  });
});

describe("sensitive-data-to-storage: an entry's fields read through a getter, Alipay's `{ data }` and a string", () => {
  it("follows a read a few copies on (a getter's return, its caller's variable) and counts a field read whole into a string; not a getter that also returns other values, nor a shop's latitude or the service desk's phone", () => {
    const findings = storageFindings(alipayApp([
        'App({',
        "  data: { userKey: 'cache_user' },",
        '  cachedUser() {',
        "    const user = my.getStorageSync({ key: 'cache_user' });",
        '    if ((user.data || null) == null) return false;',
        '    return user.data;',
        '  },',
        '  cachedPrefs(fallback) {',
        "    const prefs = my.getStorageSync({ key: 'prefs' }).data;",
        '    return prefs || fallback;',
        '  },',
        '  login() {',
        "    my.request({ url: 'https://example.com/login', success: (res) => {",
        "      my.setStorage({ key: 'cache_user', data: res.data.data });",
        "      my.setStorage({ key: 'prefs', data: res.data.prefs });",
        "      my.setStorage({ key: 'shopInfo', data: res.data.shop });",
        "      my.setStorage({ key: 'system', data: res.data.site });",
        '    } });',
        '  },',
        '  requestUrl() {',
        '    const user = this.cachedUser();',
        "    const prefs = this.cachedPrefs({ mobile: '' });",
        "    const shop = my.getStorageSync({ key: 'shopInfo' }).data;",
        "    const desk = my.getStorageSync({ key: 'system' }).data.phone;",
        "    return 'https://example.com/?u=' + user.alipay_openid + '&m=' + prefs.mobile + '&at=' + shop.latitude + '&t=' + desk;",
        '  },',
        '});',
      ]));
    expect(findings.map(where)).toEqual(['app.js:14']);
    expect(findings[0]!.message).toContain('(its entry is used with the field `alipay_openid`)');
  });
});

describe('sensitive-data-to-storage: a field read off a record known only by its name', () => {
  it("counts the record kept whole and a field whose own name is personal; not a points balance, a level or a flag read off it", () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/m/m'] }),
      'project.config.json': '{}',
      'pages/m/m.js': [
        'const app = getApp();',
        'Page({',
        "  a() { const info = app.globalData.userInfo; wx.setStorageSync('points', info.honey); },",
        "  b() { wx.setStorageSync('lvl', this.data.userInfo.level); wx.setStorageSync('flag', app.globalData.memberInfo.question_flag); },",
        "  c() { wx.setStorageSync('nick', app.globalData.userInfo.nickName); },",
        "  d() { const info = app.globalData.userInfo; wx.setStorageSync('me', info); },",
        "  e() { wx.setStorageSync('copy', { ...this.data.loginInfo }); },",
        '});',
      ].join('\n'),
    });
    expect(storageFindings(root).map(where)).toEqual(['pages/m/m.js:5', 'pages/m/m.js:6', 'pages/m/m.js:7']);
  });
});

describe('sensitive-data-to-storage: a variable given new values', () => {
  it("keeps what a field's name says off the variable's other values: a version stamp read off the parsed reply is no profile", () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/m/m'] }),
      'project.config.json': '{}',
      'app.js': 'App({ globalData: { crypt: { Decrypt(data, key) { return data + key; } } } });\n',
      'pages/m/m.js': [
        'const app = getApp();',
        'Page({',
        '  onLoad() {',
        "    wx.request({ url: 'https://example.com/a', success: function (t) {",
        '      t = app.globalData.crypt.Decrypt(t.data.data, t.data.key), t = JSON.parse(t);',
        "      t.openid && (wx.setStorageSync('userinfo', t.userinfo), wx.setStorageSync('pid_use_time', t.pid_time), wx.setStorageSync('auth', t.token));",
        '    } });',
        '  },',
        '});',
      ].join('\n'),
    });
    expect(storageFindings(root).map((finding) => `${where(finding)} ${finding.properties['storageKey']}`)).toEqual(['pages/m/m.js:6 userinfo', 'pages/m/m.js:6 auth']);
  });
});

describe('sensitive-data-to-storage: an entry whose key is a property the analysis cannot evaluate', () => {
  it("tells the entry by the property's name (`this.data.userKey`) and learns its fields from its reads; not a bare variable's name", () => {
    const findings = storageFindings(alipayApp([
        'App({',
        "  data: { userKey: 'cache_user_' + Date.now() % 1, listKey: 'cache_list' },",
        '  save(res, key) {',
        '    my.setStorage({ key: this.data.userKey, data: res.data.user });',
        '    my.setStorage({ key, data: res.data.list });',
        '  },',
        '  read(key) {',
        '    const user = my.getStorageSync({ key: this.data.userKey }).data;',
        '    const row = my.getStorageSync({ key }).data;',
        "    return 'https://example.com/?o=' + user.openid + '&p=' + row.phone;",
        '  },',
        '});',
      ]));
    expect(findings.map(where)).toEqual(['app.js:4']);
    expect(findings[0]!.message).toContain('(its entry is used with the field `openid`)');
  });
});

describe("sensitive-data-to-storage through a WeChat-style shim of Alipay's storage API", () => {
  it("reads `_my.setStorageSync(key, value)` (antmove's converted code) as the key and the value, and Alipay's own options object as before", () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/m/m'] }),
      'mini.project.json': '{}',
      'pages/m/m.axml': '<view/>',
      'pages/m/m.js': [
        "const _my = require('../../__antmove/api/index.js')(my);",
        'Page({',
        "  data: { phone: '', theme: 'dark' },",
        '  submit(opts) {',
        '    const that = this;',
        "    _my.showToast({ title: 'ok' });",
        "    _my.setStorageSync('userPhoneNumber', that.data.phone);",
        "    my.setStorageSync({ key: 'mobile', data: that.data.phone });",
        "    _my.setStorageSync('theme', that.data.theme);",
        '    my.setStorageSync(opts);',
        '  },',
        '});',
      ].join('\n'),
    });
    const found = scanProject(root).findings.filter((f) => f.ruleId === 'sensitive-data-to-storage');
    expect(found.map((f) => `${f.location.region.start.line} ${f.message.match(/key "(\w+)"/)?.[1]}`)).toEqual(['7 userPhoneNumber', '8 mobile']);
  });
});

describe('sensitive-data-to-storage: entries of a business or a thing', () => {
  it("takes names read off a merchant's record, or a pet's, as theirs; not a user's entry, a card, or a location from the platform", () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/m/m'] }),
      'project.config.json': '{}',
      'pages/m/m.js': [
        'Page({',
        '  merchant(code) {',
        "    wx.request({ url: 'https://example.com/merchant/info', success: (res) => { const data = res.data; wx.setStorageSync('merchant_cache_' + code, data); this.setData({ at: data.lat, tel: data.phone }); } });",
        '  },',
        "  pet(pet) { wx.setStorageSync('currentPet', pet); },",
        "  petView() { return wx.getStorageSync('currentPet').avatar; },",
        '  user(id) {',
        "    wx.request({ url: 'https://example.com/user/info', success: (res) => { const data = res.data; wx.setStorageSync('user_cache_' + id, data); this.setData({ tel: data.phone }); } });",
        '  },',
        "  card(card) { wx.setStorageSync('userCard', card); },",
        "  cardView() { return wx.getStorageSync('userCard').avatar; },",
        "  shop() { wx.getLocation({ success: (loc) => wx.setStorageSync('shopLocation', loc) }); },",
        '});',
      ].join('\n'),
    });
    expect(storageFindings(root).map(where)).toEqual(['pages/m/m.js:8', 'pages/m/m.js:10', 'pages/m/m.js:12']);
  });
});

describe('sensitive-data-to-storage: a record that names the thing it describes, and a field read off an entry named as a record', () => {
  it("takes an entry read with a thing's name field (`cinemaName`) for that thing's; not one read with the user's or a city's name", () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/m/m'] }),
      'project.config.json': '{}',
      'pages/m/m.js': [
        'Page({',
        "  pick(e) { wx.setStorageSync('cinemadetail', e.currentTarget.dataset.cinema); wx.setStorageSync('me', e.detail.me); wx.setStorageSync('here', e.detail.here); },",
        "  open() { const c = wx.getStorageSync('cinemadetail'); wx.openLocation({ latitude: c.latitude, longitude: c.longitude, name: c.cinemaName }); },",
        "  mine() { const m = wx.getStorageSync('me'); this.setData({ at: m.latitude, who: m.nickName }); const h = wx.getStorageSync('here'); this.setData({ lat: h.latitude, city: h.cityName }); },",
        '});',
      ].join('\n'),
    });
    expect(storageFindings(root).map(where)).toEqual(['pages/m/m.js:2', 'pages/m/m.js:2']);
  });

  it("takes an entry named as a record (`userinfo`) for that record when read whole; a field read off it is what the field's own name says", () => {
    const root = onePage([
      'Page({',
      '  onLoad() {',
      "    const user = wx.getStorageSync('userinfo');",
      "    wx.setStorageSync('dishes', user.foodList);",
      "    wx.setStorageSync('nick', user.nickName);",
      "    wx.setStorageSync('copy', user);",
      '  },',
      '});',
    ]);
    expect(storageFindings(root).map(where)).toEqual(['pages/a/a.js:5', 'pages/a/a.js:6']);
  });
});

describe('sensitive-data-to-storage: an entry the app keeps as its token', () => {
  it("takes an entry under a key that says nothing for a credential when a read of it is kept as the token; not one kept as a page cursor or a theme", () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/m/m'] }),
      'project.config.json': '{}',
      'utils/api.js': 'let header = {};\nmodule.exports = { setHToken(e) { header = { token: e }; }, header: () => header };\n',
      'pages/m/m.js': [
        "const api = require('../../utils/api.js');",
        'Page({',
        "  login() { wx.request({ url: 'https://example.com/login', success: (t) => { wx.setStorageSync('RESULT', t.data); wx.setStorageSync('c_t', { id: t.data.id, expire: 1 }); } }); },",
        "  onShow() { api.setHToken(wx.getStorageSync('RESULT')); const i = wx.getStorageSync('c_t'); this.token = i.id; },",
        "  more(res) { wx.setStorageSync('cursor', res.data.next); wx.setStorageSync('look', res.data.look); },",
        "  other() { this.setData({ pageToken: wx.getStorageSync('cursor'), theme: wx.getStorageSync('look') }); },",
        '});',
      ].join('\n'),
    });
    const findings = storageFindings(root);
    expect(findings.map(where)).toEqual(['pages/m/m.js:3', 'pages/m/m.js:3']);
    expect(findings.map((finding) => finding.message)).toEqual([
      expect.stringContaining('under key "RESULT" (a read of its entry is kept as `token`)'),
      expect.stringContaining('under key "c_t" (a read of its entry is kept as `token`)'),
    ]);
  });
});

describe('sensitive-data-to-storage: an entry the app keeps as the user\u2019s profile', () => {
  it('takes an entry under a key that says nothing for the profile when a read of it is kept as `userInfo`; not one kept as a list or a count', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/m/m'] }),
      'project.config.json': '{}',
      'app.js': "App({ globalData: {}, onLaunch() { const user = wx.getStorageSync('user') || null; if (user) this.globalData.userInfo = user; } });\n",
      'pages/m/m.js': [
        'Page({',
        "  load() { wx.request({ url: 'https://example.com/user/info', success: (res) => { wx.setStorageSync('user', res.data.user); } }); },",
        "  more(res) { wx.setStorageSync('feed', res.data.items); wx.setStorageSync('badge', res.data.unread); },",
        "  onShow() { this.setData({ list: wx.getStorageSync('feed'), count: wx.getStorageSync('badge') }); },",
        '});',
      ].join('\n'),
    });
    const findings = storageFindings(root);
    expect(findings.map(where)).toEqual(['pages/m/m.js:2']);
    expect(findings[0]!.message).toContain('Profile (nickname, avatar, gender) is written to storage under key "user" (a read of its entry is kept as `userInfo`)');
  });
});

describe('sensitive-data-to-storage: a credential\u2019s time and a login session kept whole', () => {
  it('leaves when a token expires, read off it; still reports the token and a session kept whole', () => {
    const root = onePage([
      'Page({',
      '  onLoad() {',
      "    wx.request({ url: 'https://api.example.com/login', success: (res) => {",
      '      const newToken = res.data.newToken;',
      "      wx.setStorageSync('auth_expired', newToken.tokenExpired);",
      "      wx.setStorageSync('auth_ttl', newToken.expires_in);",
      "      const n = newToken.tokenExpired; wx.setStorageSync('uni_id_token_expired', n);",
      "      wx.setStorageSync('auth', newToken.token);",
      '      const sessionData = res.data.session;',
      "      wx.setStorageSync(KEYS.SESSION_DATA_KEY, sessionData);",
      '    } });',
      '  },',
      '});',
      'const KEYS = getApp().keys;',
    ]);
    expect(storageFindings(root).map(where)).toEqual(['pages/a/a.js:8', 'pages/a/a.js:10']);
  });
});

describe('sensitive-data-to-storage: a wrapper that keeps when an entry expires beside it', () => {
  it("leaves the entry under the caller's key and a time suffix (`k + 'CountDown'`); still reports the entry itself", () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/m/m'] }),
      'project.config.json': '{}',
      'utils/store.js': [
        "const countDownKey = 'CountDown';",
        'module.exports.save = function (k, v, t = 0) {',
        '  wx.setStorageSync(k, v);',
        '  const seconds = parseInt(t);',
        '  if (seconds > 0) wx.setStorageSync(k + countDownKey, Date.parse(new Date()) / 1000 + seconds + \'\');',
        "  wx.setStorageSync(k + '_copy', v);",
        '};',
      ].join('\n'),
      'pages/m/m.js': "const store = require('../../utils/store.js');\nPage({ onLoad(e) { store.save('nickname', e.name, 3600); } });",
    });
    expect(storageFindings(root).map(where)).toEqual(['pages/m/m.js:2', 'utils/store.js:6']);
  });
});

describe('sensitive-data-to-storage: a wrapper whose write sits in a closure inside it', () => {
  it("judges each call of `setItemAsync(key, value) { return new Promise((resolve) => tt.setStorage({ key, data: value })) }` with its own key and value", () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/m/m'] }),
      'project.config.json': '{}',
      'utils/storage.js': [
        'module.exports = {',
        '  setItemAsync(key, value) {',
        '    return new Promise((resolve) => {',
        '      wx.setStorage({ key: key, data: value, success: () => resolve(true) });',
        '    });',
        '  },',
        '};',
      ].join('\n'),
      'pages/m/m.js': [
        "const storage = require('../../utils/storage.js');",
        'Page({',
        "  onLoad() { wx.request({ url: 'https://api.example.com/login', success: (res) => { storage.setItemAsync('refresh_token', res.data.refreshToken); storage.setItemAsync('theme', res.data.theme); } }); },",
        '});',
      ].join('\n'),
    });
    const findings = storageFindings(root);
    expect(findings.map(where)).toEqual(['pages/m/m.js:3']);
    expect(findings[0]!.message).toContain('under key "refresh_token" by a storage wrapper');
  });
});

describe('sensitive-data-to-storage: wrappers that put a namespace before the caller\u2019s key', () => {
  const store = (prefix: string) =>
    [
      `const P = ${prefix};`,
      'export default {',
      '  get(t) {',
      "    if (t === 'api') { const r = wx.getStorageSync(P + 'uid'); return r ? '/' + r : ''; }",
      '    const n = P + t;',
      '    return wx.getStorageSync(n);',
      '  },',
      '  set(t, r) { const n = P + t; wx.setStorageSync(n, r); },',
      "  setToken(u, token) { wx.setStorageSync(P + 'uid', u); wx.setStorageSync(P + 'token', token); },",
      '};',
    ].join('\n');
  const project = (prefix: string) =>
    tempProject({
      'app.json': '{"pages":["pages/a/a"]}',
      'project.config.json': '{}',
      'utils/store.js': store(prefix),
      'pages/a/a.js': [
        "import store from '../../utils/store.js';",
        'Page({',
        "  login(res) { store.setToken(res.data.uid, res.data.token); store.set('phone', res.data.phoneNumber); },",
        "  pick(city) { const last = store.get('city'); store.set('city', last || city); store.set('lastPick', store.get('api')); },",
        '});',
      ].join('\n'),
    });

  it('judges each call with its own key, and keeps entries under one run-time prefix apart by their constant ends', () => {
    for (const prefix of ["'ifx_baas_'", "__wxConfig.envVersion + '-app-'"]) {
      expect(storageFindings(project(prefix)).map((f) => `${where(f)} ${f.properties?.data}`), prefix).toEqual(['pages/a/a.js:3 phone', 'utils/store.js:9 credential']);
    }
  });
});
