/**
 * identity-to-webview through the built CLI: a token, an openid and a phone number reaching
 * `<web-view src>` directly, and handed to a web-view page in its query (reported at the
 * navigation, also through an app's page-name router and a mixin, fixtures/page-router), against
 * look-alikes: a single-use ticket, a goods id, a fixed URL, a parameter the page does not load, a
 * page with no web-view, and a string helper shared with a signed request.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runMinivet } from '../helpers/run-cli.js';
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
      'identity-to-webview pages/mine/mine.js:4 Credential, read from storage key "token", is passed to page pages/web/web in `url`, which puts it into the URL its <web-view> loads; pass the page a short-lived one-time ticket instead.',
      'identity-to-webview pages/shop/shop.wxml:1 Openid, a value named openid, is put into the URL <web-view src> loads; pass the page a short-lived one-time ticket instead.',
    ]);
  });

  it('reports where each navigation hands the identity over, and still reports the page that adds one itself', () => {
    const findings = scan({
      'app.json': APP,
      'pages/web/web.js': "Page({ data: { url: '' }, onLoad(query) { const token = wx.getStorageSync('token'); this.setData({ url: decodeURIComponent(query.url) + '&token=' + token }); } });\n",
      'pages/web/web.wxml': WEB_VIEW,
      'pages/mine/mine.js': "Page({ go() { wx.navigateTo({ url: '/pages/web/web?url=' + encodeURIComponent('https://h5.example.com/?openid=' + getApp().globalData.openid) }); } });\n",
      'pages/shop/shop.js': "Page({ go() { wx.navigateTo({ url: '/pages/web/web?url=' + encodeURIComponent('https://h5.example.com/?phone=' + this.data.phone) }); } });\n",
    });
    expect(findings.map((finding) => finding.split(' ').slice(0, 2).join(' '))).toEqual([
      'identity-to-webview pages/mine/mine.js:1',
      'identity-to-webview pages/shop/shop.js:1',
      'identity-to-webview pages/web/web.wxml:1',
    ]);
  });

  it("follows an app's page-name router and a mixin that keeps the query, and leaves alone what the web-view does not load", () => {
    const run = runMinivet(['scan', join(REPO, 'fixtures/page-router'), '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']);
    expect(run.stderr).toBe('');
    const findings = findingsOf(run);
    // openHelp's token goes to `replace`, openFaq's to a page with no web-view, openCoupon's only into a signed request.
    // orders.js hands its token through the shared openLink, which sets the page name only for H5 links: reported at its own call.
    // news.js's links carry no identity; its session copy goes through the same clone helper as a tapped link does.
    expect(findings.map((finding) => `${where(finding)} ${finding.message}`)).toEqual([
      'pages/mine/mine.js:8 Credential, read from storage key "token", is passed to page pages/web-view/web-view in `url`, which puts it into the URL its <web-view> loads; pass the page a short-lived one-time ticket instead.',
      'pages/orders/orders.js:9 Credential, read from storage key "token", is passed to page pages/web-view/web-view in `url`, which puts it into the URL its <web-view> loads; pass the page a short-lived one-time ticket instead.',
    ]);
    const viaHelper = findings[1]!.codeFlow!.map((step) => `${step.file}:${step.line} ${step.message}`);
    // The path ends at the navigation inside the shared handler, after the call that hands the value to it.
    expect(viaHelper.slice(-2)).toEqual(['pages/orders/orders.js:9 passed to the call', 'utils/mixins.js:20 reaches this.forward']);
    const steps = findings[0]!.codeFlow!.map((step) => `${step.line} ${step.message}`);
    expect(steps[0]).toBe('7 credential, read from storage key "token"');
    // The call that builds the value into the URL is a step of its own.
    expect(steps).toContain("8 encodeURIComponent('https://h5.example.com/mall\u2026");
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

describe(`${RULE}: pages app.json does not list`, () => {
  it('hands nothing to a web-view page no navigation can open, and an unlisted page\u2019s own web-view loads nothing', () => {
    const findings = scan({
      'app.json': JSON.stringify({ pages: ['pages/mine/mine', 'pages/web/web'] }),
      'pages/web/web.js': 'Page({ data: { url: "" }, onLoad(query) { this.setData({ url: decodeURIComponent(query.url) }); } });\n',
      'pages/web/web.wxml': WEB_VIEW,
      // An old copy of the web-view page, left in the repository and in no list.
      'pages/oldweb/oldweb.js': 'Page({ data: { url: "" }, onLoad(query) { this.setData({ url: decodeURIComponent(query.url) + "&openid=" + getApp().globalData.openid }); } });\n',
      'pages/oldweb/oldweb.wxml': WEB_VIEW,
      'pages/mine/mine.js': [
        'Page({',
        '  open(token) {',
        "    wx.navigateTo({ url: '/pages/oldweb/oldweb?url=' + encodeURIComponent('https://h5.example.com/?token=' + wx.getStorageSync('token')) });",
        "    wx.navigateTo({ url: '/pages/web/web?url=' + encodeURIComponent('https://h5.example.com/?token=' + wx.getStorageSync('token')) });",
        '  },',
        '});',
        '',
      ].join('\n'),
    });
    expect(findings.filter((finding) => finding.startsWith(RULE)).map((finding) => finding.split(' ').slice(0, 2).join(' '))).toEqual(['identity-to-webview pages/mine/mine.js:4']);
  });
});

describe(`${RULE}: every place the identity reaches the URL`, () => {
  it('lists each branch that builds the URL with it, and each read of it, besides the path shown', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/live/live'] }),
      'pages/live/live.wxml': '<web-view src="{{shareUrl}}"></web-view>\n',
      'pages/live/live.js': [
        'var openid;',
        'Page({',
        '  onLoad(query) {',
        "    openid = wx.getStorageSync('wx_openid');",
        '    if (query.room) {',
        "      this.setData({ shareUrl: 'https://chat.example.com/?room=' + query.room + '&openid=' + openid });",
        '    } else {',
        "      this.setData({ shareUrl: 'https://chat.example.com/?openid=' + openid });",
        '    }',
        '  },',
        '  onShow() {',
        "    this.setData({ shareUrl: 'https://chat.example.com/?again=1&token=' + wx.getStorageSync('token') });",
        '  },',
        '});',
      ].join('\n'),
    });
    const run = runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']);
    const findings = findingsOf(run);
    expect(findings.map(where)).toEqual(['pages/live/live.wxml:1']);
    const lines = (findings[0]!.related ?? []).filter((related) => related.file === 'pages/live/live.js').map((related) => related.line);
    expect([...new Set(lines)].sort((a, b) => a - b)).toEqual(expect.arrayContaining([4, 6, 8, 12]));
  });
});

describe(`${RULE}: a promise chain`, () => {
  const page = (chain: string) =>
    scan({
      'app.json': JSON.stringify({ pages: ['pages/doc/doc'] }),
      'pages/doc/doc.js': [
        'function login() { return new Promise((resolve) => { resolve(getApp().globalData.authToken); }); }',
        `Page({ onLoad() { ${chain}.then((res) => { this.setData({ url: res }); }); } });`,
        '',
      ].join('\n'),
      'pages/doc/doc.wxml': WEB_VIEW,
    }).filter((finding) => finding.startsWith(RULE));

  it('gives each call of a chain its own result: what a `then` callback returns, not what the call before it resolved to', () => {
    expect(page("login().then(() => 'https://h5.example.com/doc')")).toEqual([]);
    expect(page('login().then((token) => `https://h5.example.com/doc?token=${token}`)')).toHaveLength(1);
  });

  it('passes a fulfilled value through catch and finally, and through then with no fulfilment callback', () => {
    expect(page("login().catch(() => 'https://h5.example.com/error')")).toHaveLength(1);
    expect(page('login().finally(() => {})')).toHaveLength(1);
    expect(page("login().then(null, () => '')")).toHaveLength(1);
  });
});

describe(`${RULE}: a helper two pages call`, () => {
  const run = (help: string) =>
    scan({
      'app.json': JSON.stringify({ pages: ['pages/card/card', 'pages/help/help'] }),
      'app.js': 'App({ relay(value, callBack) { callBack(value); } });\n',
      'pages/card/card.js': "Page({ onLoad() { getApp().relay(wx.getStorageSync('token'), (token) => this.setData({ token })); } });\n",
      'pages/help/help.js': `Page({ data: { url: '' }, onLoad() { ${help} } });\n`,
      'pages/help/help.wxml': WEB_VIEW,
    }).filter((finding) => finding.startsWith(RULE));

  it('does not carry one page\u2019s identity into the other page\u2019s web-view through the helper', () => {
    expect(run("getApp().relay('https://h5.example.com/help', (url) => this.setData({ url }));")).toEqual([]);
  });

  it('still reports an identity the page reads itself, or takes from what pages share', () => {
    expect(run("this.setData({ url: 'https://h5.example.com/help?t=' + wx.getStorageSync('token') });")).toHaveLength(1);
    expect(run("this.setData({ url: 'https://h5.example.com/help?t=' + getApp().globalData.token });")).toHaveLength(1);
  });
  it('reports an identity a template link puts into a web-view page\u2019s query: a navigator, and a route a tap handler reads off the dataset', () => {
    const mine = [
      "Page({ data: { token: '', goodsId: 1 }, onLoad() { this.setData({ token: wx.getStorageSync('token') }); }, go(e) { wx.navigateTo({ url: e.currentTarget.dataset.url }); } });",
      '',
    ].join('\n');
    const template = [
      '<navigator url="../web/web?url=h5%2fhelp%3ftoken%3d{{token}}">help</navigator>',
      '<view data-url="/pages/web/web?url=https%3a%2f%2fh5.example.com%2ffaq%3ft%3d{{token}}" bindtap="go">faq</view>',
      // Look-alikes: another mini-app, a page with no web-view, a dataset no handler reads, a goods id.
      '<navigator target="miniProgram" app-id="wx123" path="pages/a?t={{token}}" url="../web/web?url={{token}}">other</navigator>',
      '<navigator url="../shop/shop?t={{token}}">shop</navigator>',
      '<view data-url="/pages/web/web?url={{token}}">no handler</view>',
      '<navigator url="../web/web?url=h5%2fgoods%3fid%3d{{goodsId}}">goods</navigator>',
      '',
    ].join('\n');
    const findings = scan({
      'app.json': APP,
      'pages/web/web.js': 'Page({ data: { url: "" }, onLoad(query) { this.setData({ url: decodeURIComponent(query.url) }); } });\n',
      'pages/web/web.wxml': WEB_VIEW,
      'pages/mine/mine.js': mine,
      'pages/mine/mine.wxml': template,
      'pages/shop/shop.js': 'Page({ onLoad(query) { this.setData({ t: query.t }); } });\n',
    });
    expect(findings.filter((finding) => finding.startsWith(RULE)).map((finding) => finding.split(' ').slice(0, 2).join(' '))).toEqual([
      'identity-to-webview pages/mine/mine.wxml:1',
      'identity-to-webview pages/mine/mine.wxml:2',
    ]);
    expect(findings[0]).toContain('is passed to page pages/web/web in `url`');
  });
});
