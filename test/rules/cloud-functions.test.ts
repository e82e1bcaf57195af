/**
 * The mini-app and its cloud functions as one project (fixtures/cloud-functions: project.config.json
 * names `miniprogram/` and `cloudfunctions/`): client-supplied-identity, unchecked-database-query and
 * session-key-exposed through the built CLI, with look-alikes that must stay silent (a condition
 * holding getWXContext's OPENID, an administrators' check, the injected event.userInfo.openId, a
 * public read by id, a claimed id checked against OPENID in the test around a write). Also the boundary itself: a value a cloud function returns reaches the
 * client's storage with the function on its path.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, runMinivet, type CliRun } from '../helpers/run-cli.js';
import { findingsOf, lineOf, where, type JsonFinding } from '../helpers/flow-rule-json.js';
import { onlyRulesConfig } from '../helpers/rule-sets.js';
import { tempProject } from '../helpers/temp-project.js';

const FIXTURE = 'fixtures/cloud-functions';
const ROOT = join(REPO, FIXTURE);
const RULES = ['client-supplied-identity', 'unchecked-database-query', 'session-key-exposed', 'sensitive-data-to-storage'];

function scan(root: string): JsonFinding[] {
  const run: CliRun = runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig(RULES), '--fail-on', 'none']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return findingsOf(run);
}

describe('cloud functions with their mini-app', () => {
  let findings: JsonFinding[];
  beforeAll(() => {
    findings = scan(ROOT);
  });
  const of = (rule: string) => findings.filter((finding) => finding.ruleId === rule).map(where);

  it('reads the cloud functions project.config.json names beside the mini-app', () => {
    expect(findings.some((finding) => finding.file.startsWith('cloudfunctions/'))).toBe(true);
  });

  it('client-supplied-identity: a claimed user id or openid picks or signs records', () => {
    expect(of('client-supplied-identity')).toEqual(['cloudfunctions/getOrders/index.js:12', 'cloudfunctions/renumber/index.js:11', 'cloudfunctions/whoami/index.js:8']);
    // renumber changes the entries whose owner matches the claimed id; renumberMine first checks the claim against OPENID.
    expect(findings.find((finding) => finding.file === 'cloudfunctions/renumber/index.js')!.message).toContain('runs when a check on event.userId');
    expect(findings.filter((finding) => finding.file.includes('/renumberMine/'))).toEqual([]);
    expect(lineOf(ROOT, 'cloudfunctions/whoami/index.js:8')).toContain('openid: event.openid');
    const message = findings.find((finding) => finding.ruleId === 'client-supplied-identity')!.message;
    expect(message).toContain('event.userId');
  });

  it('unchecked-database-query: client data picks what is removed, or is the whole condition', () => {
    expect(of('unchecked-database-query')).toEqual(['cloudfunctions/deleteOrder/index.js:8', 'cloudfunctions/getOrders/index.js:12', 'cloudfunctions/search/index.js:8']);
    // removeMine (OPENID in the condition), adminRemove (checked against OPENID), readArticle (a
    // public read by id) and saveProfile (the injected userInfo.openId) are look-alikes.
    for (const silent of ['removeMine', 'adminRemove', 'readArticle', 'saveProfile']) expect(findings.filter((finding) => finding.file.includes(`/${silent}/`))).toEqual([]);
  });

  it('session-key-exposed: returned by the function and stored by the client', () => {
    expect(of('session-key-exposed')).toEqual(['cloudfunctions/login/index.js:7', 'miniprogram/pages/profile/profile.js:10']);
  });

  it('carries values across the boundary: the openid the function returns reaches client storage', () => {
    const stored = findings.find((finding) => finding.ruleId === 'sensitive-data-to-storage' && finding.line === 9)!;
    expect(stored.message).toContain('from getWXContext');
    expect(stored.codeFlow?.[0]?.file).toBe('cloudfunctions/login/index.js');
  });

  it('ties data the client sends to the function that receives it', () => {
    const removal = findings.find((finding) => finding.ruleId === 'unchecked-database-query')!;
    expect(removal.codeFlow?.map((step) => step.file)).toContain('miniprogram/pages/orders/orders.js');
  });
});

describe('cloud functions inside the mini-app folder', () => {
  it('finds a cloudfunctions/ folder by its conventional name', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'pages/index/index.js': "Page({ remove(id) { wx.cloud.callFunction({ name: 'drop', data: { id } }); } });",
      'cloudfunctions/drop/index.js': "const cloud = require('wx-server-sdk');\nconst db = cloud.database();\nexports.main = async (event) => db.collection('notes').doc(event.id).remove();\n",
      // A helper module of the function, not a function of its own.
      'cloudfunctions/drop/lib/index.js': 'module.exports = {};\n',
    });
    expect(scan(root).map((finding) => `${finding.ruleId} ${where(finding)}`)).toEqual(['unchecked-database-query cloudfunctions/drop/index.js:3']);
  });

  it('a cloudfunctions/ folder under a folder that is no function root is not code of a function without an index.js', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'pages/index/index.js': 'Page({});',
      // No index.js: not a cloud function, so `main` is nobody's entry.
      'cloudfunctions/notes/main.js': "const db = require('wx-server-sdk').database();\nexports.main = async (event) => db.collection('notes').doc(event.id).remove();\n",
    });
    expect(scan(root)).toEqual([]);
  });

  it('says when project.config.json names a cloud root outside the project, and still scans the mini-app', () => {
    const root = tempProject({
      'project.config.json': JSON.stringify({ miniprogramRoot: 'miniprogram/', cloudfunctionRoot: '../elsewhere' }),
      'miniprogram/app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'miniprogram/pages/index/index.js': "Page({ onLoad() { wx.setStorageSync('sessionKey', getApp().session_key); } });\n",
    });
    const run = runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig(RULES), '--fail-on', 'none']);
    const project = JSON.parse(run.stdout).projects[0];
    expect(project.notifications.map((notification: { message: string }) => notification.message)).toEqual([
      '"cloudfunctionRoot" "../elsewhere" points outside the project; no cloud functions were read',
    ]);
    expect(project.findings.map((finding: JsonFinding) => `${finding.ruleId} ${where(finding)}`)).toContain('session-key-exposed miniprogram/pages/index/index.js:1');
  });

  it('session-key-exposed: a storage key that names the session key, whatever the value\u2019s path; an inert value is not one', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'project.config.json': '{}',
      'pages/index/index.js': [
        'Page({',
        '  onLoad() {',
        "    wx.request({ url: 'https://api.example.com/jscode2session', success: (res) => wx.setStorageSync('sessionKey', res.data) });",
        "    wx.setStorageSync('session_key', '');",
        '  },',
        '});',
        '',
      ].join('\n'),
    });
    const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig(['session-key-exposed']), '--fail-on', 'none']));
    expect(findings.map((finding) => `${where(finding)} ${finding.message}`)).toEqual([
      'pages/index/index.js:3 A value is written to the device\u2019s storage under the key "sessionKey" through wx.setStorageSync: a session key must stay on the server.',
    ]);
  });

  it('session-key-exposed: the response of a platform\u2019s code2Session endpoint holds the session key in data.session_key; its openid is not it', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'project.swan.json': '{}',
      'pages/index/index.js': [
        'Page({',
        '  onLoad() {',
        "    swan.request({ url: 'https://spapi.baidu.com/oauth/jscode2sessionkey', method: 'POST', data: { code, client_id, sk }, success: (res) => {",
        '      console.log(res);',
        '      console.log(res.data.openid);',
        '      this.setData({ me: { openid: res.data.openid } });',
        '      console.log(this.data.me);',
        '    } });',
        "    swan.request({ url: 'https://api.example.com/oauth/jscode2sessionkey/help', success: (res) => console.log(res) });",
        '  },',
        '});',
        '',
      ].join('\n'),
    });
    const findings = findingsOf(runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig(['session-key-exposed']), '--fail-on', 'none']));
    expect(findings.map((finding) => `${where(finding)} ${finding.message}`)).toEqual([
      "pages/index/index.js:4 The session key (the session_key in the response of Baidu's jscode2sessionkey) is written to a log through console.log; it must stay on the server.",
    ]);
  });
});

describe('unchecked-database-query: a guard that leaves before the call', () => {
  const header = "const cloud = require('wx-server-sdk');\nconst db = cloud.database();\n";
  const fn = (body: string) => `${header}exports.main = async (event) => {\n  const openid = cloud.getWXContext().OPENID;\n  const post = (await db.collection('posts').doc(event.id).get()).data;\n${body}\n  return db.collection('posts').doc(event.id).remove();\n};\n`;
  const root = tempProject({
    'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
    'pages/index/index.js': 'Page({});',
    // The owner compared with the caller, the test leaving before the removal.
    'cloudfunctions/ownerReturns/index.js': fn("  if (post._openid !== openid) return { ok: false };"),
    'cloudfunctions/ownerThrows/index.js': fn("  if (post._openid !== openid) {\n    console.warn('not yours');\n    throw new Error('forbidden');\n  }"),
    // The test kept in a variable first, or asked of a predicate.
    'cloudfunctions/ownerVariable/index.js': fn('  const canRemove = post._openid === openid || post.public === false;\n  if (!canRemove) return { ok: false };'),
    'cloudfunctions/ownerPredicate/index.js': fn('  if (!(await isOwner(post, openid))) return { ok: false };\n  async function isOwner(p, who) { return p._openid === who; }'),
    // Look-alikes: a guard on client data only, a test that does not leave, and one that asks only whether anyone is signed in.
    'cloudfunctions/clientGuard/index.js': fn('  if (!event.id) return { ok: false };'),
    'cloudfunctions/notLeaving/index.js': fn("  if (post._openid !== openid) console.warn('not yours');"),
    'cloudfunctions/anyoneSignedIn/index.js': fn('  if (!openid) return { code: 401 };'),
    // A removal inside the guard's own test is one finding, not one per reading of the test.
    'cloudfunctions/removeInTest/index.js': `${header}exports.main = async (event) => {\n  if ((await db.collection('posts').doc(event.id).remove()).stats.removed === 0) return { ok: false };\n  return { ok: true };\n};\n`,
  });
  const reported = scan(root).filter((finding) => finding.ruleId === 'unchecked-database-query').map((finding) => where(finding).split('/')[1]);

  it('counts as the check that the records are the caller\u2019s; a guard on client data, one that does not leave, or one asking only whether anyone is signed in does not', () => {
    expect(reported).toEqual(['anyoneSignedIn', 'clientGuard', 'notLeaving', 'removeInTest']);
  });
});
