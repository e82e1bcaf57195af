/**
 * identity-to-webview through the built CLI: a token, an openid and a phone number reaching
 * `<web-view src>` directly and through the query of a navigation to the web-view page, against
 * look-alikes: a single-use ticket, a goods id, a fixed URL.
 */
import { describe, expect, it } from 'vitest';
import { runMinivet } from '../helpers/run-cli.js';
import { findingsOf, where } from '../helpers/flow-rule-json.js';
import { onlyRulesConfig } from '../helpers/rule-sets.js';
import { tempProject } from '../helpers/temp-project.js';

const RULE = 'identity-to-webview';

function scan(files: Record<string, string>) {
  const run = runMinivet(['scan', tempProject(files), '--format', 'json', '--config', onlyRulesConfig([RULE, 'sensitive-data-leak']), '--fail-on', 'none']);
  expect(run.stderr).toBe('');
  return findingsOf(run).map((finding) => `${finding.ruleId} ${where(finding)} ${finding.message}`);
}

const APP = JSON.stringify({ pages: ['pages/web/web', 'pages/mine/mine', 'pages/shop/shop'] });
const WEB_VIEW = '<web-view src="{{url}}"></web-view>\n';

describe(RULE, () => {
  it('reports identities in the URL, set directly or passed in the web-view page\u2019s query', () => {
    const findings = scan({
      'app.json': APP,
      'pages/web/web.js': 'Page({ data: { url: "" }, onLoad(query) { this.setData({ url: decodeURIComponent(query.url) }); } });\n',
      'pages/web/web.wxml': WEB_VIEW,
      'pages/mine/mine.js': [
        'Page({',
        '  openMall() {',
        "    const token = wx.getStorageSync('token');",
        "    wx.navigateTo({ url: '/pages/web/web?url=' + encodeURIComponent('https://h5.example.com/mall?token=' + token) });",
        '  },',
        '});',
        '',
      ].join('\n'),
      'pages/shop/shop.js': "Page({ data: { url: '' }, onLoad() { const app = getApp(); this.setData({ url: 'https://h5.example.com/?openid=' + app.globalData.openid }); } });\n",
      'pages/shop/shop.wxml': WEB_VIEW,
    });
    expect(findings).toEqual([
      'identity-to-webview pages/shop/shop.wxml:1 Openid, a value named openid, is put into the URL <web-view src> loads; pass the page a short-lived one-time ticket instead.',
      'identity-to-webview pages/web/web.wxml:1 Credential, read from storage key "token", is put into the URL <web-view src> loads; pass the page a short-lived one-time ticket instead.',
    ]);
  });

  it('stays silent on a ticket, a goods id and a fixed URL', () => {
    const findings = scan({
      'app.json': APP,
      'pages/web/web.js': "Page({ data: { url: '' }, onLoad(query) { wx.request({ url: 'https://api.example.com/ticket', success: ({ data }) => this.setData({ url: 'https://h5.example.com/?ticket=' + data.ticket + '&goods=' + query.goodsId }) }); } });\n",
      'pages/web/web.wxml': WEB_VIEW,
      'pages/shop/shop.js': "Page({ data: { url: 'https://h5.example.com/help' } });\n",
      'pages/shop/shop.wxml': WEB_VIEW,
    });
    expect(findings).toEqual([]);
  });
});
