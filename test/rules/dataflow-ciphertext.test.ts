import { describe, expect, it } from 'vitest';
import { scanProject } from '../../src/scan.js';
import { findingKeys } from '../helpers/summarise.js';
import { onlyRules } from '../helpers/rule-sets.js';
import { tempProject } from '../helpers/temp-project.js';

/**
 * The phone-number button and API hand the mini-app ciphertext only its server can open
 * (platforms/flows.ts ENCRYPTED_TO_CLIENT): on the device's own log or storage it exposes nothing,
 * while the same page's readable data and the payload handed to another party still count.
 */
describe('ciphertext from the phone-number interfaces', () => {
  const rules = onlyRules(['sensitive-data-leak', 'sensitive-data-to-storage']);

  it('is not reported in a log or in storage on WeChat', () => {
    const root = tempProject({
      'app.json': '{ "pages": ["pages/login/login"] }',
      'pages/login/login.wxml': '<button open-type="getPhoneNumber" bindgetphonenumber="onPhone">phone</button>\n<button open-type="chooseAvatar" bindchooseavatar="onAvatar">avatar</button>',
      'pages/login/login.js': [
        'Page({',
        '  onPhone(e) {',
        "    console.log('phone payload', e.detail);",
        "    wx.setStorageSync('phone_payload', e.detail.encryptedData);",
        '    wx.setClipboardData({ data: e.detail.encryptedData });',
        '  },',
        '  onAvatar(e) {',
        "    console.log('avatar', e.detail.avatarUrl);",
        "    wx.setStorageSync('avatar', e.detail.avatarUrl);",
        '  },',
        '});',
      ].join('\n'),
    });
    expect(findingKeys(scanProject(root, rules))).toEqual([
      'sensitive-data-leak pages/login/login.js:5:5',
      'sensitive-data-leak pages/login/login.js:8:5',
      'sensitive-data-to-storage pages/login/login.js:9:5',
    ]);
  });

  it("is not reported in a log on Alipay, where my.getPhoneNumber's response is encrypted", () => {
    const root = tempProject({
      'app.json': '{ "pages": ["pages/me/me"] }',
      'mini.project.json': '{}',
      'pages/me/me.axml': '<button onTap="bind">bind</button>',
      'pages/me/me.js': "Page({\n  bind() {\n    my.getPhoneNumber({ success: (res) => { console.log('encrypted', res.response); } });\n  },\n});",
    });
    expect(findingKeys(scanProject(root, rules))).toEqual([]);
  });
});
