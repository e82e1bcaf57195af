import { describe, expect, it } from 'vitest';
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
