import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { recommendedConfig } from '../eslint/helpers.js';
import { scanProject } from '../../src/scan.js';
import { findingKeys } from '../helpers/summarise.js';
import { tempProject } from '../helpers/temp-project.js';

const RULE = 'client-side-code2session';
const only = (keys: string[]) => keys.filter((key) => key.startsWith(`${RULE} `));

describe('client-side-code2session on fixtures/security-code2session', () => {
  const project = scanProject('fixtures/security-code2session');

  it('finds the endpoints however the URL is assembled, on every platform', () => {
    expect(only(findingKeys(project))).toEqual([
      'client-side-code2session pages/login/login.js:18:30',
      'client-side-code2session utils/wxapi.js:3:22',
      'client-side-code2session utils/wxapi.js:17:28',
    ]);
    expect(project.findings.filter((f) => f.ruleId === RULE).map((f) => f.properties?.endpoint)).toEqual([
      'bytedance-access-token',
      'wechat-code2session',
      'wechat-access-token',
    ]);
  });

  it('explains that the AppSecret ships with the client', () => {
    const finding = project.findings.find((f) => f.ruleId === RULE && f.location.file === 'utils/wxapi.js')!;
    expect(finding.message).toContain("WeChat's server-only code2Session endpoint (api.weixin.qq.com/sns/jscode2session)");
    expect(finding.message).toContain('the AppSecret ships in the package');
  });

  it('stays quiet on a backend that mirrors the path, comments, log text, tests and cloud functions', () => {
    const files = new Set(project.findings.filter((f) => f.ruleId === RULE).map((f) => `${f.location.file}:${f.location.region.start.line}`));
    expect([...files].filter((key) => key.startsWith('pages/login/login.js:') && key !== 'pages/login/login.js:18')).toEqual([]);
    expect([...files].some((key) => key.startsWith('cloudfunctions/') || key.startsWith('test/'))).toBe(false);
  });
});

describe('client-side-code2session: what proves the endpoint', () => {
  it('accepts a bare path when its query carries the secret or the file names the host, and not otherwise', () => {
    const root = tempProject({
      'app.json': '{ "pages": ["pages/a/a"] }',
      'pages/a/a.js': [
        "const withSecret = '/sns/jscode2session?appid=' + APPID + '&secret=' + SECRET;",
        "const proxy = '/sns/jscode2session';",
        "const longer = 'https://api.example.com/sns/jscode2sessions';",
        "Page({ data: { withSecret, proxy, longer } });",
      ].join('\n'),
      'pages/b/b.js': "const HOST = 'https://api.weixin.qq.com';\nconst PATH = '/sns/jscode2session';\nwx.request({ url: HOST + PATH });",
    });
    expect(only(findingKeys(scanProject(root)))).toEqual(['client-side-code2session pages/a/a.js:1:20', 'client-side-code2session pages/b/b.js:2:14']);
  });

  it('skips a file that requires a server SDK wherever it sits', () => {
    const root = tempProject({
      'app.json': '{ "pages": ["pages/a/a"] }',
      'pages/a/a.js': 'Page({});',
      'functions/login.js': "const cloud = require('wx-server-sdk');\nconst URL = 'https://api.weixin.qq.com/sns/jscode2session';\nmodule.exports = { cloud, URL };",
    });
    expect(only(findingKeys(scanProject(root)))).toEqual([]);
  });
});

describe("client-side-code2session: Baidu's OAuth session-key endpoint and QQ's access token", () => {
  it('names each endpoint for what it is', () => {
    const root = tempProject({
      'app.json': '{"pages":["pages/a/a"]}',
      'project.swan.json': '{}',
      'pages/a/a.js': [
        "swan.request({ url: 'https://openapi.baidu.com/nalogin/getSessionKeyByCode?code=' + code + '&client_id=' + key + '&sk=' + sk });",
        "swan.request({ url: 'https://api.q.qq.com/api/getToken?grant_type=client_credential&appid=' + id });",
        "swan.request({ url: 'https://openapi.baidu.com/nalogin/getSessionKeyByCodes' });",
      ].join('\n'),
    });
    const findings = scanProject(root).findings.filter((f) => f.ruleId === RULE);
    expect(findings.map((f) => `${f.location.region.start.line} ${f.properties?.endpoint}`)).toEqual(['1 baidu-oauth-session-key', '2 qq-access-token']);
    expect(findings[1]!.message).toContain("QQ's server-only getAccessToken endpoint");
  });
});

describe('client-side-code2session: token endpoints of AI and office platforms', () => {
  it("names Baidu AI Cloud's OAuth token and Feishu/Lark's app token, with the host the URL names; not a path that only starts the same", () => {
    const root = tempProject({
      'app.json': '{"pages":["pages/a/a"]}',
      'pages/a/a.js': [
        "tt.request({ url: 'https://aip.baidubce.com/oauth/2.0/token', data: { grant_type: 'client_credentials', client_id: id, client_secret: sk } });",
        "tt.request({ url: 'https://open.larksuite.com/open-apis/auth/v3/app_access_token/internal', method: 'POST', data: body });",
        "tt.request({ url: 'https://open.feishu.cn/open-apis/auth/v3/tenant_access_token/internal', method: 'POST', data: body });",
        "tt.request({ url: 'https://open.feishu.cn/open-apis/auth/v3/app_access_token_refresh', method: 'POST', data: body });",
      ].join('\n'),
    });
    const findings = scanProject(root).findings.filter((f) => f.ruleId === RULE);
    expect(findings.map((f) => `${f.location.region.start.line} ${f.properties?.endpoint}`)).toEqual(['1 baidu-ai-access-token', '2 feishu-app-access-token', '3 feishu-app-access-token']);
    expect(findings[1]!.message).toContain('(open.larksuite.com/open-apis/auth/v3/app_access_token/internal)');
  });
});

describe('client-side-code2session: a URL written in one module and requested in another', () => {
  const root = tempProject({
    'app.json': '{ "pages": ["pages/a/a"] }',
    'env/api.js': "export default {\n  TOKEN_API: `https://api.q.qq.com/api/getToken?grant_type=client_credential&`,\n  SEND_API: 'https://api.q.qq.com/api/json/subscribe/SendSubscriptionMessage?',\n};",
    'env/paths.js': "export const HOST = 'https://api.weixin.qq.com';\nexport const LOGIN_PATH = '/sns/jscode2session';",
    'env/unused.js': "export const LOGIN = 'https://api.weixin.qq.com/sns/jscode2session';",
    'pages/a/a.js': [
      "import API from '../../env/api';",
      "import { HOST, LOGIN_PATH } from '../../env/paths';",
      'Page({',
      '  token() {',
      '    wx.request({',
      '      url: API.TOKEN_API + `appid=${APPID}&secret=${SECRET}`,',
      '    });',
      '  },',
      '  login(code) {',
      '    wx.request({ url: HOST + LOGIN_PATH + "?js_code=" + code });',
      '  },',
      '  send() {',
      '    wx.request({ url: API.SEND_API });',
      '  },',
      '});',
    ].join('\n'),
  });
  const findings = scanProject(root).findings.filter((f) => f.ruleId === RULE);

  it('reports the request too, with the string it loads as related location', () => {
    expect(only(findingKeys(scanProject(root)))).toEqual([
      'client-side-code2session env/api.js:2:14',
      'client-side-code2session env/paths.js:2:27',
      'client-side-code2session env/unused.js:1:22',
      'client-side-code2session pages/a/a.js:6:12',
      'client-side-code2session pages/a/a.js:10:23',
    ]);
    const token = findings.find((f) => f.location.region.start.line === 6)!;
    expect(token.message).toContain('with the URL written at env/api.js:2');
    expect(token.relatedLocations?.map((r) => `${r.location.file}:${r.location.region.start.line}`)).toEqual(['env/api.js:2']);
  });

  it('takes a bare path as proven when the request puts the host before it', () => {
    const login = findings.find((f) => f.location.region.start.line === 10)!;
    expect(login.properties?.endpoint).toBe('wechat-code2session');
    expect(login.relatedLocations?.[0]?.location.file).toBe('env/paths.js');
  });

  it('in ESLint, which sees one file at a time, is reported where each string is written', async () => {
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: recommendedConfig(), cache: false });
    const results = await eslint.lintFiles(['pages/a/a.js', 'env/api.js', 'env/unused.js']);
    const reported = results.flatMap((result) =>
      result.messages.filter((m) => m.ruleId === `minivet/${RULE}`).map((m) => `${result.filePath.slice(root.length + 1)}:${m.line}`),
    );
    expect(reported.sort()).toEqual(['env/api.js:2', 'env/unused.js:1']);
  });
});
