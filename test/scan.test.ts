import { describe, expect, it } from 'vitest';
import { scan, scanProject } from '../src/scan.js';
import { InputError } from '../src/errors.js';
import { MANIFEST_RULE_IDS, onlyRules, onlyRulesConfig } from './helpers/rule-sets.js';
import { findingKeys } from './helpers/summarise.js';
import { tempProject } from './helpers/temp-project.js';

const fixture = (name: string) => `fixtures/${name}`;

describe('scan: WeChat JavaScript project', () => {
  const project = scanProject(fixture('wechat-js'), onlyRules());

  it('reports every undeclared private-info use, however it is written', () => {
    expect(findingKeys(project).filter((k) => k.startsWith('undeclared-private-info'))).toEqual([
      'undeclared-private-info miniprogram_npm/loc-sdk/index.js:2:3',
      'undeclared-private-info pages/home/home.js:3:5',
      'undeclared-private-info pages/home/home.js:6:5',
      'undeclared-private-info pages/home/home.js:9:5',
      'undeclared-private-info pages/map/map.js:5:26',
      'undeclared-private-info pages/map/map.js:10:5',
      'undeclared-private-info pages/map/map.js:13:5',
    ]);
  });

  it('asks for a location purpose string where precise location is used', () => {
    expect(findingKeys(project).filter((k) => k.startsWith('missing-permission-description'))).toEqual([
      'missing-permission-description miniprogram_npm/loc-sdk/index.js:2:3',
      'missing-permission-description pages/home/home.js:3:5',
      'missing-permission-description pages/map/map.js:5:26',
    ]);
  });

  it('stays quiet on look-alikes: comments, strings, page methods, feature tests, overrides, declared calls', () => {
    const files = new Set(project.findings.map((f) => f.location.file));
    expect(files.has('app.js')).toBe(false);
    expect(files.has('utils/overrides.js')).toBe(false);
    expect(project.findings.some((f) => f.location.file === 'pages/home/home.js' && f.location.region.start.line > 9)).toBe(false);
    expect(project.findings.some((f) => f.properties?.api === 'getFuzzyLocation' || f.properties?.api === 'chooseAddress')).toBe(false);
  });

  it('marks shipped third-party code and points related locations at the manifest', () => {
    const sdk = project.findings.find((f) => f.location.file.startsWith('miniprogram_npm/'))!;
    expect(sdk.thirdParty).toBe(true);
    const undeclared = project.findings.find((f) => f.ruleId === 'undeclared-private-info')!;
    expect(undeclared.relatedLocations?.[0]?.location.file).toBe('app.json');
    expect(undeclared.relatedLocations?.[0]?.location.region.start.line).toBe(3);
  });

  it('detects the platform and counts what it analysed', () => {
    expect(project.platform).toBe('wechat');
    expect(project.appRoot).toBe('');
    expect(project.notifications).toEqual([]);
    expect(project.stats.scriptFiles).toBe(6);
    expect(project.stats.templateFiles).toBe(2);
  });
});

describe('scan: other project shapes', () => {
  it('honours project.config.json miniprogramRoot and parses TypeScript', () => {
    const project = scanProject(fixture('wechat-ts'), onlyRules());
    expect(project.appRoot).toBe('miniprogram');
    expect(findingKeys(project)).toEqual([
      'undeclared-private-info miniprogram/services/location.ts:12:3',
      'undeclared-private-info miniprogram/services/location.ts:17:5',
    ]);
    expect(project.findings[0]!.message).toContain('miniprogram/app.json');
  });

  it('resolves Taro and uni-app namespaces, and ignores a runtime proxy', () => {
    const project = scanProject(fixture('frameworks'), onlyRules());
    expect(findingKeys(project)).toEqual([
      'missing-permission-description src/pages/index/index.ts:7:9',
      'undeclared-private-info src/pages/index/index.ts:7:9',
      'undeclared-private-info src/pages/index/index.ts:8:9',
      'missing-permission-description src/pages/index/index.ts:12:3',
      'undeclared-private-info src/pages/index/index.ts:12:3',
    ]);
    expect(project.findings[0]!.message).toContain('Taro compiles to the platform API');
  });

  it('detects Alipay from mini.project.json and applies no WeChat manifest rules', () => {
    const project = scanProject(fixture('alipay'), onlyRules());
    expect(project.platform).toBe('alipay');
    expect(project.findings).toEqual([]);
    expect(project.notifications).toEqual([]);
  });

  it('detects the platform by the app\u2019s own templates, not those of a component library it ships', () => {
    const library = Object.fromEntries(['button', 'cell', 'field'].map((name) => [`miniprogram_npm/@vant/weapp/${name}/index.wxml`, '<view class="van"><slot /></view>']));
    const douyin = scanProject(tempProject({ 'app.json': '{"pages":["pages/a/a"]}', 'project.config.json': '{}', 'pages/a/a.ttml': '<view>{{title}}</view>', 'pages/a/a.js': 'Page({})', ...library }), onlyRules());
    expect(douyin.platform).toBe('bytedance');
    // With no template of its own, the library's language is still a clue.
    expect(scanProject(tempProject({ 'app.json': '{"pages":[]}', 'project.config.json': '{}', ...library }), onlyRules()).platform).toBe('wechat');
  });

  it("takes a stray project file of another platform for what it is when none of the app's own templates are in its language", () => {
    const feishu = { 'app.json': '{"pages":["pages/a/a"]}', 'mini.project.json': '{}', 'pages/a/a.ttml': '<view>{{title}}</view>', 'pages/a/a.js': 'Page({})' };
    expect(scanProject(tempProject(feishu), onlyRules()).platform).toBe('bytedance');
    // One .axml page of its own is enough for the project file to decide.
    expect(scanProject(tempProject({ ...feishu, 'pages/b/b.axml': '<view />' }), onlyRules()).platform).toBe('alipay');
    expect(scanProject(tempProject({ 'app.json': '{"pages":[]}', 'mini.project.json': '{}', 'app.js': 'App({})' }), onlyRules()).platform).toBe('alipay');
  });

  it("takes an app of WeChat templates whose own scripts call qq.*, which WeChat does not define, for a QQ app (QQ runs both)", () => {
    const qq = { 'app.json': '{"pages":["pages/a/a"]}', 'project.config.json': '{}', 'pages/a/a.wxml': '<view />', 'pages/a/a.js': "Page({ onLoad() { wx.showToast({}); wx.login({}); wx.request({});\n qq.authorize({ scope: 'setting.addFriend' });\n qq.login({}); } })" };
    expect(scanProject(tempProject(qq), onlyRules()).platform).toBe('qq');
    const guarded = 'Page({ onLoad() { wx.login({});\n if (typeof qq !== "undefined") qq.login({});\n const api = typeof qq === "object" ? qq.getSystemInfoSync() : null; } })';
    expect(scanProject(tempProject({ ...qq, 'pages/a/a.js': guarded }), onlyRules()).platform).toBe('wechat');
    expect(scanProject(tempProject({ ...qq, 'pages/a/a.js': 'Page({ onLoad() { wx.login({}); } })', 'miniprogram_npm/lib/index.js': 'qq.login({});\nqq.login({});' }), onlyRules()).platform).toBe('wechat');
    const addresses = "Page({ data: { email: '73900484@qq.com', site: 'https://mail.qq.com', note: 'qq.com' } });\nconst a = '12@qq.com';";
    expect(scanProject(tempProject({ ...qq, 'pages/a/a.js': addresses }), onlyRules()).platform).toBe('wechat');
  });

  it("takes an app of WeChat templates whose own scripts are written for another platform's namespace for that platform's", () => {
    const calls = (namespace: string, count: number) => Array.from({ length: count }, (_, i) => `${namespace}.showToast({ title: '${i}' });`).join('\n');
    const app = (script: string) => ({ 'app.json': '{"pages":["pages/a/a"]}', 'project.config.json': '{}', 'pages/a/a.wxml': '<view />', 'pages/a/a.js': `Page({ onLoad() {\n${script}\n} })` });
    expect(scanProject(tempProject(app(`${calls('tt', 12)}\n${calls('wx', 2)}`)), onlyRules()).platform).toBe('bytedance');
    // A WeChat app with a few cross-platform calls, or one whose scripts call wx.* often, stays WeChat.
    expect(scanProject(tempProject(app(`${calls('tt', 12)}\n${calls('wx', 4)}`)), onlyRules()).platform).toBe('wechat');
    expect(scanProject(tempProject(app(calls('my', 9))), onlyRules()).platform).toBe('wechat');
    // Another platform's own template language decides, however often its scripts call wx.* (QQ and a converted Douyin app do).
    const written = (template: string) => ({ 'app.json': '{"pages":["pages/a/a"]}', 'project.config.json': '{}', [`pages/a/a.${template}`]: '<view />', 'pages/a/a.js': `Page({ onLoad() {\n${calls('wx', 12)}\n} })` });
    expect(scanProject(tempProject(written('qml')), onlyRules()).platform).toBe('qq');
    expect(scanProject(tempProject(written('ttml')), onlyRules()).platform).toBe('bytedance');
  });

  it('reports conflicting location declarations at the fuzzy entry, with the precise ones related', () => {
    const project = scanProject(fixture('conflicting'), onlyRules());
    expect(findingKeys(project)).toEqual(['conflicting-private-info app.json:3:28']);
    expect(project.findings[0]!.relatedLocations?.map((r) => r.location.region.start.column)).toEqual([65, 80]);
  });

  it('reports unused declarations in the example app', () => {
    const project = scanProject('examples/weather-wechat', onlyRules());
    expect(findingKeys(project)).toContain('unused-private-info app.json:11:48');
  });
});

describe('scan: bad input', () => {
  it('reports each manifest problem at its position and still analyses the code', () => {
    const project = scanProject(fixture('bad-manifest'), onlyRules());
    expect(findingKeys(project)).toEqual([
      'invalid-manifest app.json:3:43',
      'invalid-manifest app.json:3:47',
      'invalid-manifest app.json:5:37',
      'invalid-manifest app.json:7:26',
      'invalid-manifest app.json:7:31',
      'missing-permission-description pages/index/index.js:1:19',
      'invalid-manifest pages/index/index.json:6:1',
    ]);
    const messages = project.findings.map((f) => f.message);
    expect(messages).toContain('trailing commas are not allowed in JSON');
    expect(messages).toContain('"__usePrivacyCheck__" must be a boolean');
  });

  it('leaves editor and package-manager settings beside the app alone, and still checks a page config', () => {
    const project = scanProject(
      tempProject({ 'app.json': '{"pages":["pages/a/a"]}', 'jsconfig.json': '', 'tsconfig.app.json': '{ "compilerOptions": { } ', 'package.json': '{,}', 'pages/a/a.js': 'Page({})', 'pages/a/a.json': '{ "usingComponents": { } ' }),
      onlyRules(),
    );
    expect(findingKeys(project).map((key) => key.split(':')[0])).toEqual(['invalid-manifest pages/a/a.json']);
  });

  it('leaves a cloud database export (one JSON record a line) alone; a config broken on its second line is still reported', () => {
    const records = '{"_id":"a1","cityName":"Chaoyang"}\n{"_id":"a2","cityName":"Yanqing"}\n';
    const project = scanProject(tempProject({ 'app.json': '{"pages":["pages/a/a"]}', 'pages/a/a.js': 'Page({})', 'sql/database.json': records, 'pages/a/a.json': '{ "navigationBarTitleText": "a" }\n}\n' }), onlyRules());
    expect(findingKeys(project).map((key) => key.split(':')[0])).toEqual(['invalid-manifest pages/a/a.json']);
  });

  it('turns a syntax error into a notification and analyses the other files', () => {
    const project = scanProject(fixture('syntax-error'), onlyRules());
    expect(project.notifications).toEqual([
      {
        kind: 'syntax-error',
        file: 'pages/broken/broken.js',
        level: 'error',
        message: "syntax error: ',' expected; file not analysed",
        position: { line: 4, column: 3 },
      },
    ]);
    expect(findingKeys(project)).toEqual(['undeclared-private-info pages/ok/ok.js:1:19']);
    expect(project.stats.filesSkipped).toBe(1);
  });

  it('rejects a missing path and a folder without app.json with one-line input errors', () => {
    expect(() => scan(['fixtures/does-not-exist'])).toThrow(InputError);
    expect(() => scan(['fixtures/does-not-exist'])).toThrow(/no such file or directory/);
    expect(() => scan(['docs'])).toThrow(/no app.json found/);
    expect(() => scan(['package.json'])).toThrow(/not a folder/);
  });

  it('rejects unknown rules and bad severities in options', () => {
    expect(() => scan([fixture('alipay')], { rules: { 'no-such-rule': 'off' } })).toThrow(/unknown rule "no-such-rule"/);
    expect(() => scan([fixture('alipay')], { rules: { 'invalid-manifest': 'fatal' as never } })).toThrow(/severity must be one of/);
  });
});

describe('scan: configuration', () => {
  it('turns rules off and changes severities', () => {
    const result = scan([fixture('wechat-js')], onlyRules(MANIFEST_RULE_IDS, { rules: { 'missing-permission-description': 'off', 'undeclared-private-info': 'warning' } }));
    expect(result.rules.map((r) => r.id)).not.toContain('missing-permission-description');
    expect(result.projects[0]!.findings.every((f) => f.ruleId === 'undeclared-private-info' && f.severity === 'warning')).toBe(true);
  });

  it('raises every rule to error in the strict profile', () => {
    const result = scan(['examples/weather-wechat'], { profile: 'strict' });
    expect(result.projects[0]!.findings.find((f) => f.ruleId === 'unused-private-info')?.severity).toBe('error');
  });

  it('gives identical results on repeated scans', () => {
    expect(JSON.stringify(scan([fixture('wechat-js')]))).toBe(JSON.stringify(scan([fixture('wechat-js')])));
  });
});

describe('scanProject: the size of what was read, for the host to size its heap', () => {
  it('calls onFilesRead once with the length of every file read', () => {
    const files = { 'app.json': '{"pages":["pages/a/a"]}', 'app.js': 'App({});', 'pages/a/a.js': 'Page({ data: {} });', 'pages/a/a.wxml': '<view/>' };
    const sizes: number[] = [];
    scanProject(tempProject(files), { onFilesRead: (chars) => sizes.push(chars) });
    expect(sizes).toEqual([Object.values(files).reduce((sum, text) => sum + text.length, 0)]);
  });
});
