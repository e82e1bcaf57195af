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
    expect(['juniuToken', 'wapToken', 'app-token', 'accessToken', 'token', 'sessionKey'].map(sensitiveNameLabel)).toEqual(Array(6).fill('credential'));
    expect(['deviceToken', 'pushToken', 'nextPageToken', 'tokenExpireAt', 'tokenType', 'authCode', 'myveryveryverylongtoken'].map(sensitiveNameLabel)).toEqual(Array(7).fill(undefined));
  });
});
