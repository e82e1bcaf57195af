/**
 * abusive-permission-prompt through the built CLI on fixtures/permission-prompts: a prompt on page
 * load through a method, one on onReady through a timer callback, one repeated from its own fail
 * callback (through its function, or straight to the same prompt) and one whose refusal forces the
 * settings page (`showCancel: false`, or `!1` as minifiers write it); against look-alikes that must stay
 * silent: prompts from taps, a helper's callback handed over by a tap only, a handler onLoad stores
 * for a button, a page app.json does not list, a prompt behind a dialog the user may decline, and a
 * settings page offered with a cancel button. Alipay's silent getAuthCode scope is not a prompt.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runMinivet } from '../helpers/run-cli.js';
import { findingsOf, lineOf, where } from '../helpers/flow-rule-json.js';
import { onlyRulesConfig } from '../helpers/rule-sets.js';
import { tempProject } from '../helpers/temp-project.js';

const RULE = 'abusive-permission-prompt';
const ROOT = join(REPO, 'fixtures/permission-prompts');

function scan(root: string) {
  const run = runMinivet(['scan', root, '--format', 'json', '--config', onlyRulesConfig([RULE]), '--fail-on', 'none']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return findingsOf(run);
}

describe(RULE, () => {
  it('reports prompts with no user action, repeated after a refusal, or forcing the settings page', () => {
    const findings = scan(ROOT);
    expect(findings.map((finding) => `${where(finding)} ${finding.message}`)).toEqual([
      'pages/minified/minified.js:4 wx.saveImageToPhotosAlbum sends the user to wx.openSetting after a refusal, with no way to decline; ask for a permission from the control that needs it, and accept a refusal.',
      'pages/minified/minified.js:8 wx.getLocation runs again from its own fail callback after the user refuses; ask for a permission from the control that needs it, and accept a refusal.',
      'pages/nearby/nearby.js:9 wx.getLocation runs from Component.setup with no user action; ask for a permission from the control that needs it, and accept a refusal.',
      'pages/poster/poster.js:4 wx.saveImageToPhotosAlbum sends the user to wx.openSetting after a refusal, with no way to decline; ask for a permission from the control that needs it, and accept a refusal.',
      'pages/retry/retry.js:7 wx.authorize (scope.record) runs again from its own fail callback after the user refuses; ask for a permission from the control that needs it, and accept a refusal.',
      'pages/share/share.js:5 wx.authorize (scope.userLocation) runs from Page.onReady with no user action; ask for a permission from the control that needs it, and accept a refusal.',
      'pages/store/store.js:10 wx.getLocation runs from Page.onLoad with no user action; ask for a permission from the control that needs it, and accept a refusal.',
    ]);
    expect(lineOf(ROOT, 'pages/store/store.js:10')).toContain('wx.getLocation');
  });

  it('gives the path from the lifecycle handler to the prompt, and the settings call it forces', () => {
    const findings = scan(ROOT);
    const onLoad = findings.find((finding) => where(finding) === 'pages/store/store.js:10')!;
    expect(onLoad.codeFlow?.map(where)).toEqual([
      'pages/store/store.js:6',
      'pages/store/store.js:9',
      'pages/store/store.js:10',
    ]);
    const forced = findings.find((finding) => where(finding) === 'pages/poster/poster.js:4')!;
    expect(forced.related.map(where)).toEqual(['pages/poster/poster.js:11']);
  });

  it('on Alipay, asks only for getAuthCode scopes other than auth_base, which is also the default; scopes the caller passes are not known', () => {
    const page = (scopes: string) => `Page({ onLoad() { my.getAuthCode({ scopes: ${scopes}, success: (res) => this.setData({ code: res.authCode }) }); } });\n`;
    const findings = scan(
      tempProject({
        'app.json': JSON.stringify({ pages: ['pages/silent/silent', 'pages/asks/asks', 'pages/default/default', 'pages/computed/computed'] }),
        'mini.project.json': '{}',
        'pages/silent/silent.js': page("'auth_base'"),
        'pages/silent/silent.axml': '<view/>',
        'pages/asks/asks.js': page("['auth_user']"),
        'pages/asks/asks.axml': '<view/>',
        'pages/default/default.js': 'Page({ onLoad() { my.getAuthCode({ success: (res) => this.setData({ code: res.authCode }) }); } });\n',
        'pages/default/default.axml': '<view/>',
        'pages/computed/computed.js': "Page({ ask(scopes) { my.getAuthCode({ scopes, success: () => {} }); }, onLoad() { this.ask(['auth_base']); } });\n",
        'pages/computed/computed.axml': '<view/>',
      }),
    );
    expect(findings.map(where)).toEqual(['pages/asks/asks.js:1']);
  });

  it('follows a map SDK\u2019s prototype method that calls another through `var b = this`, from page load', () => {
    const findings = scan(
      tempProject({
        'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
        'project.config.json': '{}',
        'libs/amap-wx.js': [
          'function AMapWX(a) { this.key = a.key; }',
          "AMapWX.prototype.getWxLocation = function (a, b) { wx.getLocation({ type: 'gcj02', success: function (c) { b(c); } }); };",
          'AMapWX.prototype.getRegeo = function (a) { var b = this; b.getWxLocation(a, function (d) { a.success(d); }); };',
          'AMapWX.prototype.getWeather = function (a) { var b = this; b.later = function () { b.getWxLocation(a, a.success); }; };',
          'module.exports.AMapWX = AMapWX;',
        ].join('\n'),
        'pages/a/a.js': "var amap = require('../../libs/amap-wx.js');\nPage({ onLoad: function () { var t = this; this.amapPlugin = new amap.AMapWX({ key: 'k' }); this.amapPlugin.getRegeo({ success: function (e) { t.setData({ city: e }); } }); } });\n",
      }),
    );
    expect(findings.map(where)).toEqual(['libs/amap-wx.js:2']);
  });

  it('still reports a page when app.json\u2019s page list cannot be read, rather than taking every page as unlisted', () => {
    const findings = scan(
      tempProject({
        'app.json': JSON.stringify({ pages: 'pages/index/index', subPackages: [{ root: 5, pages: ['a'] }] }),
        'project.config.json': '{}',
        'pages/index/index.js': 'Page({ onLoad() { wx.getLocation({ success: (res) => this.setData({ res }) }); } });\n',
        'pages/index/index.wxml': '<view/>',
      }),
    );
    expect(findings.filter((finding) => finding.ruleId === RULE).map(where)).toEqual(['pages/index/index.js:1']);
  });
});

describe(`${RULE}: after the user granted`, () => {
  it('does not count a second request for the same permission inside the first one\u2019s success callback; another permission there still counts', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
      'utils/map-sdk.js': [
        'function MapSdk() {}',
        'MapSdk.prototype.reverseGeocoder = function (done) { wx.getLocation({ success: done }); };',
        'module.exports = MapSdk;',
      ].join('\n'),
      'pages/a/a.js': [
        "const MapSdk = require('../../utils/map-sdk.js');",
        'const sdk = new MapSdk();',
        'Page({',
        '  onLoad() {',
        '    wx.getLocation({',
        '      success: () => {',
        '        sdk.reverseGeocoder(() => {});',
        "        wx.authorize({ scope: 'scope.writePhotosAlbum' });",
        '      },',
        '    });',
        '  },',
        '});',
      ].join('\n'),
    });
    expect(scan(root).map(where)).toEqual(['pages/a/a.js:5', 'pages/a/a.js:8']);
  });
});

describe(`${RULE}: after authorize granted the scope`, () => {
  it('reports the authorize on load, not the location read inside its success callback; outside it, the read, and a picker anywhere, still count', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
      'pages/a/a.js': [
        'Page({',
        '  onLoad() {',
        "    wx.authorize({ scope: 'scope.userLocation', success: () => { wx.getLocation({ success: (res) => this.setData({ res }) }); } });",
        '    wx.chooseAddress({});',
        '  },',
        '  onShow() { wx.getLocation({}); },',
        '  onReady() {',
        "    wx.authorize({ scope: 'scope.address', success: () => {",
        '      wx.chooseAddress({});',
        '    } });',
        '  },',
        '});',
      ].join('\n'),
    });
    // A picker opens every time, granted or not: chooseAddress after its scope's authorize is still a prompt on load.
    expect(scan(root).map(where)).toEqual(['pages/a/a.js:3', 'pages/a/a.js:4', 'pages/a/a.js:6', 'pages/a/a.js:8', 'pages/a/a.js:9']);
  });
});

describe(`${RULE}: after a location read succeeded`, () => {
  it('does not report location updates started from its success callback, directly or through a method', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
      'pages/a/a.js': [
        'Page({',
        '  onLoad() {',
        '    wx.getLocation({ success: () => { this.watch(); } });',
        '  },',
        '  watch() {',
        '    wx.startLocationUpdate({ success: () => wx.onLocationChange(() => {}) });',
        '    wx.startLocationUpdateBackground({});',
        '    wx.chooseLocation({});',
        '  },',
        '});',
      ].join('\n'),
    });
    // The background scope is another permission, and a picker opens every time: both still count.
    expect(scan(root).map(where)).toEqual(['pages/a/a.js:3', 'pages/a/a.js:7', 'pages/a/a.js:8']);
  });
});

describe(`${RULE}: the settings page opened with no user action`, () => {
  const guide = [
    'export async function authGuideLocation() {',
    '  const openSettings = () => new Promise((resolve, reject) => { my.openSetting({ success: resolve, fail: reject }); });',
    '  const alertFirst = (content) => new Promise((resolve) => { my.alert({ content, success: resolve }); });',
    '  const setting = await new Promise((resolve) => { my.getSetting({ success: resolve }); });',
    '  if (setting.authSetting.location === false) {',
    "    await alertFirst('Location is needed');",
    '    return (await openSettings()).authSetting.location;',
    '  }',
    '  return true;',
    '}',
  ].join('\n');
  const app = (platform: 'alipay' | 'wechat', onShow: string) =>
    tempProject({
      'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
      ...(platform === 'alipay' ? { 'mini.project.json': '{}', 'pages/a/a.axml': '<view/>' } : { 'project.config.json': '{}', 'pages/a/a.wxml': '<view/>' }),
      'utils/location.js': platform === 'alipay' ? guide : guide.replace(/my\./g, 'wx.'),
      'pages/a/a.js': `import { authGuideLocation } from '../../utils/location';\nPage({ ${onShow} });\n`,
    });

  it('reports openSetting reached from onShow through helpers and promises, after a one-button alert', () => {
    const findings = scan(app('alipay', 'async onShow() { await authGuideLocation(); }'));
    expect(findings.map((finding) => `${where(finding)} ${finding.message}`)).toEqual([
      'utils/location.js:2 my.openSetting opens the settings page from Page.onShow with no user action; offer it from a control, and accept a refusal.',
    ]);
    expect(findings[0]!.codeFlow?.map(where)).toEqual(['pages/a/a.js:2', 'utils/location.js:1', 'utils/location.js:2', 'utils/location.js:2', 'utils/location.js:2']);
  });

  it('stays quiet when a tap opens it, and on WeChat, whose settings page opens only after a tap', () => {
    expect(scan(app('alipay', 'async onTapLocate() { await authGuideLocation(); }'))).toEqual([]);
    expect(scan(app('wechat', 'async onShow() { await authGuideLocation(); }'))).toEqual([]);
  });

  it('leaves one in a fail callback to the prompt it answers (a call off the prompt list here)', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
      'mini.project.json': '{}',
      'pages/a/a.axml': '<view/>',
      'pages/a/a.js': 'Page({ onLoad() { my.getOpenUserInfo({ fail: () => { my.confirm({ success: () => {} }); my.openSetting(); } }); } });\n',
    });
    expect(scan(root)).toEqual([]);
  });
});

describe(`${RULE}: asking again for the same permission under another call`, () => {
  const page = (scope: string) =>
    scan(
      tempProject({
        'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
        'project.config.json': '{}',
        'pages/a/a.wxml': '<button bindtap="onSave">save</button>',
        'pages/a/a.js': [
          'Page({',
          '  onSave() {',
          "    wx.saveImageToPhotosAlbum({ filePath: 'poster.png', fail: () => {",
          '      wx.getSetting({ success(res) {',
          `        wx.authorize({ scope: '${scope}' });`,
          '      } });',
          '    } });',
          '  },',
          '});',
        ].join('\n'),
      }),
    );

  it('reports a save whose refusal asks for the album again through authorize, pointing at the second request', () => {
    const reported = page('scope.writePhotosAlbum');
    expect(reported.map((finding) => `${where(finding)} ${finding.message}`)).toEqual([
      'pages/a/a.js:3 wx.saveImageToPhotosAlbum runs again from its own fail callback after the user refuses; ask for a permission from the control that needs it, and accept a refusal.',
    ]);
    expect(reported[0]!.related.map(where)).toEqual(['pages/a/a.js:5']);
  });

  it('knows Douyin names the album scope.album', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
      'project.config.json': '{}',
      'pages/a/a.ttml': '<button bindtap="onSave">save</button>',
      'pages/a/a.js': "Page({ onSave() { tt.saveImageToPhotosAlbum({ filePath: 'p.png', fail: () => { tt.authorize({ scope: 'scope.album' }); } }); } });\n",
    });
    expect(scan(root).map(where)).toEqual(['pages/a/a.js:1']);
  });

  it('leaves a refusal followed by a request for another permission, or by another API of the permission (a way around it)', () => {
    expect(page('scope.userLocation')).toEqual([]);
    const around = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
      'project.config.json': '{}',
      'pages/a/a.wxml': '<button bindtap="onLocate">locate</button>',
      'pages/a/a.js': 'Page({ onLocate() { wx.getLocation({ fail: () => { wx.chooseLocation({}); } }); } });\n',
    });
    expect(scan(around)).toEqual([]);
  });
});

describe(`${RULE}: a prompt on an arm where getSetting says the permission is granted`, () => {
  const root = tempProject({
    'app.json': JSON.stringify({ pages: ['pages/a/a', 'pages/b/b'] }),
    'project.config.json': '{}',
    'utils/locate.js': [
      'export function locate(done) {',
      '  wx.getSetting({',
      '    success(res) {',
      "      const auth = res.authSetting['scope.userLocation'];",
      "      if (res.authSetting['scope.userLocation'] == false) {",
      "        wx.showModal({ title: 'Location', content: 'Allow it in settings' });",
      "      } else if (res.authSetting['scope.userLocation'] == undefined) {",
      "        wx.getLocation({ type: 'wgs84', success: done });",
      '      } else {',
      "        wx.getLocation({ type: 'wgs84', success: done });",
      '      }',
      '    },',
      '  });',
      '}',
      '',
    ].join('\n'),
    'pages/a/a.js': "import { locate } from '../../utils/locate.js';\nPage({ onLoad() { locate(() => {}); } });\n",
    'pages/b/b.js': [
      'Page({',
      '  onLoad() {',
      '    wx.getSetting({ success: (res) => {',
      "      if (res.authSetting['scope.userLocation'] === undefined || res.authSetting['scope.userLocation']) wx.getLocation({});",
      "      else wx.openSetting({ success: (after) => { if (after.authSetting['scope.userLocation']) wx.getLocation({}); } });",
      "      if (!res.authSetting['scope.userLocation']) return;",
      '      wx.chooseLocation({});',
      '    } });',
      '  },',
      '});',
      '',
    ].join('\n'),
  });

  it('reports the call that asks the first time; not one the setting already allows, nor one after the settings page granted it', () => {
    expect(scan(root).map(where)).toEqual(['pages/b/b.js:4', 'pages/b/b.js:7', 'utils/locate.js:8']);
  });
});

describe(`${RULE}: a getSetting test written as minifiers write it`, () => {
  it('reads the last expression of a comma test as the test', () => {
    const page = (test: string) =>
      tempProject({
        'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
        'project.config.json': '{}',
        'pages/a/a.js': `Page({ onLoad() { wx.getSetting({ success: (e) => { if (${test}) wx.getLocation({}); } }); } });\n`,
      });
    expect(scan(page("console.log(e.authSetting), e.authSetting['scope.userLocation']"))).toEqual([]);
    expect(scan(page("console.log(e.authSetting), !e.authSetting['scope.userLocation']")).map(where)).toEqual(['pages/a/a.js:1']);
  });

  it('follows the guard into a method the granted arm calls; another way in, unguarded, still asks', () => {
    const page = (elsewhere: string) =>
      tempProject({
        'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
        'project.config.json': '{}',
        'pages/a/a.js': [
          'Page({',
          "  onLoad() { const t = this; wx.getSetting({ success(e) { if (e.authSetting['scope.userLocation']) t.locate(); else t.setData({ ask: true }); } }); " + elsewhere + ' },',
          '  locate() {',
          '    wx.getLocation({});',
          '  },',
          '});',
          '',
        ].join('\n'),
      });
    expect(scan(page(''))).toEqual([]);
    expect(scan(page('this.locate();')).map(where)).toEqual(['pages/a/a.js:4']);
  });
});

describe(`${RULE}: a dialog whose success never reads the answer`, () => {
  const page = (success: string) =>
    [
      'Page({',
      '  save() {',
      "    wx.authorize({ scope: 'scope.writePhotosAlbum', fail: () => {",
      `      wx.showModal({ title: 'Album', content: 'Allow saving to the album', success: ${success} });`,
      '    } });',
      '  },',
      '});',
      '',
    ].join('\n');
  const run = (success: string) => scan(tempProject({ 'app.json': JSON.stringify({ pages: ['pages/p/p'] }), 'pages/p/p.js': page(success), 'pages/p/p.wxml': '<button bindtap="save">save</button>' })).map(where);

  it('forces the settings page on either button', () => {
    expect(run('() => { wx.openSetting(); }')).toEqual(['pages/p/p.js:3']);
  });

  it('gives the user the choice when it reads which button was tapped, or is handed by name', () => {
    expect(run('(res) => { if (res.confirm) wx.openSetting(); }')).toEqual([]);
    expect(run('({ cancel }) => { if (!cancel) wx.openSetting(); }')).toEqual([]);
    expect(run('this.onAnswer')).toEqual([]);
  });
});

describe(`${RULE}: the user-info dialog Baidu and Douyin still show`, () => {
  const onLoad = (prefix: string, extension: string) =>
    tempProject({
      'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
      'project.config.json': '{}',
      [`pages/a/a.${extension}`]: '<button bindtap="onTap">me</button>',
      'pages/a/a.js': `Page({ onLoad() { ${prefix}.getUserInfo({ success: (res) => this.setData({ user: res.userInfo }) }); }, onTap() { ${prefix}.getUserInfo({}); } });\n`,
    });

  it('reports getUserInfo on page load on Baidu and Douyin, not from a tap', () => {
    expect(scan(onLoad('swan', 'swan')).map((finding) => `${where(finding)} ${finding.message}`)).toEqual([
      'pages/a/a.js:1 swan.getUserInfo runs from Page.onLoad with no user action; ask for a permission from the control that needs it, and accept a refusal.',
    ]);
    expect(scan(onLoad('tt', 'ttml')).map(where)).toEqual(['pages/a/a.js:1']);
  });

  it('leaves WeChat\u2019s getUserInfo, which shows no dialog', () => {
    expect(scan(onLoad('wx', 'wxml'))).toEqual([]);
  });
});
