import { describe, expect, it } from 'vitest';
import { scanProject } from '../src/scan.js';
import { tempProject } from './helpers/temp-project.js';

describe('storage keys computed at run time', () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'utils/keys.js': "module.exports = { USER: 'u', CART: 'c' };",
    'pages/a/a.js': [
      "const KEYS = require('../../utils/keys.js');",
      'Page({',
      "  login() { wx.getUserProfile({ desc: 'x', success(res) { wx.setStorageSync(KEYS.USER, res.userInfo); } }); },",
      '  add(item) { const cart = wx.getStorageSync(KEYS.CART) || []; cart.push(item); wx.setStorageSync(KEYS.CART, cart); },',
      '});',
    ].join('\n'),
  });
  const lines = scanProject(root).findings.filter((f) => f.ruleId === 'sensitive-data-to-storage').map((f) => f.location.region.start.line);

  it('are told apart by the name they are written with: the cart is not the profile', () => {
    expect(lines).toEqual([3]);
  });
});

describe('credential names', () => {
  it("takes a token under the app's own name for a login token, and names that say otherwise for none", async () => {
    const { sensitiveNameLabel } = await import('../src/analyzers/dataflow/names.js');
    expect(['juniuToken', 'wapToken', 'app-token', 'accessToken', 'token', 'sessionKey', 'sid', 'SID'].map(sensitiveNameLabel)).toEqual(Array(8).fill('credential'));
    // `sId` is the id of an `s` (a show, a shop), not a session id.
    expect(['sId', 'pId'].map(sensitiveNameLabel)).toEqual([undefined, undefined]);
    expect(['deviceToken', 'pushToken', 'nextPageToken', 'needToken', 'hasToken', 'captchaToken', 'tokenExpireAt', 'tokenType', 'authCode', 'myveryveryverylongtoken', 'cartToken', 'orderToken', 'checkoutToken', 'autoToken', 'enableToken', 'skipToken'].map(sensitiveNameLabel)).toEqual(Array(16).fill(undefined));
    // A session id the name gives to a device, a trace or a chat is no login session; a user's or the app's is.
    expect(['deviceSessionId', 'device_session_id', 'traceSessionId', 'chatSessionId'].map(sensitiveNameLabel)).toEqual(Array(4).fill(undefined));
    // A key the user's requests are signed with is their login by another name.
    expect(['digestKey', 'signKey', 'sign_key', 'secretKey', 'hmacKey', 'privateKey'].map(sensitiveNameLabel)).toEqual(Array(6).fill('credential'));
    expect(['monkey', 'turkey', 'keyword', 'signKeyword'].map(sensitiveNameLabel)).toEqual(Array(4).fill(undefined));
    expect(['sessionId', 'session_id', 'userSessionId', 'loginSessionId', 'JSESSIONID', 'wxSessionId', 'wechatSessionId', 'WECHAT_SESSION_ID'].map(sensitiveNameLabel)).toEqual(Array(8).fill('credential'));
  });

  it('takes a flag about the data (is, has, need, can, should, show and then a word) for no data; a getter read or a header is still data', async () => {
    const { sensitiveNameLabel } = await import('../src/analyzers/dataflow/names.js');
    expect(['isBindPhoneNumber', 'has_openid', 'is_force_access_user_info', 'needUserInfo', 'showPhone', 'canUseToken'].map(sensitiveNameLabel)).toEqual(Array(6).fill(undefined));
    expect(['getUserInfo', 'set-cookie', 'updateToken', 'refreshToken', 'isvUserInfo', 'showerPhone'].map(sensitiveNameLabel)).toEqual(['user-profile', 'credential', 'credential', 'credential', 'user-profile', undefined]);
  });

  it('takes the short spellings of a password for one, and words that only end alike for none', async () => {
    const { sensitiveNameLabel } = await import('../src/analyzers/dataflow/names.js');
    expect(['pswd', 'psw', 'userPswd', 'login_psw', 'pwd', 'passwd'].map(sensitiveNameLabel)).toEqual(Array(6).fill('credential'));
    expect(['pswdHint', 'hasPswd', 'pswLength', 'upwd'].map(sensitiveNameLabel)).toEqual(Array(4).fill(undefined));
  });

  it('takes an `auth` or `loginAuth` for the login state a server hands back, and names that only contain the word for none', async () => {
    const { sensitiveNameLabel } = await import('../src/analyzers/dataflow/names.js');
    expect(['auth', 'loginAuth', 'login_auth', 'AUTH'].map(sensitiveNameLabel)).toEqual(Array(4).fill('credential'));
    expect(['authCode', 'isAuth', 'authSetting', 'authStatus', 'userAuth', 'author'].map(sensitiveNameLabel)).toEqual(Array(6).fill(undefined));
  });

  it('takes a login account name for what a storage entry holds, but not for what a variable of that name holds', async () => {
    const { sensitiveNameLabel, storedDataLabel } = await import('../src/analyzers/dataflow/names.js');
    expect(['username', 'user_name', 'loginName', 'accountName'].map(storedDataLabel)).toEqual(Array(4).fill('user-profile'));
    expect(['username', 'loginName'].map(sensitiveNameLabel)).toEqual([undefined, undefined]);
    expect(['usernameHint', 'shopName', 'hasUserName'].map(storedDataLabel)).toEqual([undefined, undefined, undefined]);
  });

  it("takes WeChat's `3rd_session` (the login state an app's server issues) for a credential, and no other session", async () => {
    const { sensitiveNameLabel } = await import('../src/analyzers/dataflow/names.js');
    expect(['third_session', '3rd_session', 'thirdSession', 'THIRD_SESSION'].map(sensitiveNameLabel)).toEqual(Array(4).fill('credential'));
    expect(['session', 'thirdSessionExpire', 'lastSession', 'sessionCount'].map(sensitiveNameLabel)).toEqual(Array(4).fill(undefined));
  });
});

describe("a computed key's constant name", () => {
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'utils/keys.js': "module.exports = { USER_INFO: 'k1', CART: 'k2', PICKER_ADDRESS: 'k3' };",
    'pages/a/a.js': [
      "const KEYS = require('../../utils/keys.js');",
      'Page({',
      '  save(res) { wx.setStorageSync(KEYS.USER_INFO, res.data); },',
      '  pick(res) { getApp().keys = KEYS; wx.setStorageSync(getApp().keys.PICKER_ADDRESS, res.data); },',
      '  cart(res) { wx.setStorageSync(KEYS.CART, res.data); },',
      '});',
    ].join('\n'),
  });
  const findings = scanProject(root).findings.filter((f) => f.ruleId === 'sensitive-data-to-storage');

  it('says what is kept under it (KEYS.USER_INFO, app.keys.PICKER_ADDRESS), and KEYS.CART says nothing', () => {
    expect(findings.map((f) => f.location.region.start.line)).toEqual([3, 4]);
    expect(findings[0]!.message).toContain('under the key USER_INFO');
  });
  it('takes a login session kept whole for a credential in storage, and reads a key named as a key by the rest of its name', async () => {
    const { sensitiveNameLabel, storedDataLabel } = await import('../src/analyzers/dataflow/names.js');
    expect(['sessionData', 'wxSession', 'laravel_session', 'wx_session_data_key', 'SESSION_INFO_KEY'].map(storedDataLabel)).toEqual(Array(5).fill('credential'));
    expect(['USER_INFO_KEY', 'user_info_key'].map(storedDataLabel)).toEqual(['user-profile', 'user-profile']);
    // A chat's sessions, a session's counters, a key that is only a key, and one made from the mobile.
    expect(['session', 'msgSessionList', 'sessionCount', 'lastSession', 'cacheKey', 'monkey', 'KEY', 'mobileKey'].map(storedDataLabel)).toEqual(Array(8).fill(undefined));
    // A ticket a login hands out (WeChat's pass_ticket, a login or service ticket) is a credential; a ticket for a show is not.
    expect(['promoterReceiveCoupon_passTicket', 'pass_ticket', 'loginTicket', 'ticket'].map(sensitiveNameLabel)).toEqual(Array(4).fill('credential'));
    expect(['movieTicket', 'ticketList', 'ticketNo'].map(sensitiveNameLabel)).toEqual(Array(3).fill(undefined));
    // As a variable, a session may be a chat's.
    expect(['session', 'sessionData'].map(sensitiveNameLabel)).toEqual([undefined, undefined]);
  });
});
