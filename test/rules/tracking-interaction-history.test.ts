import { describe, expect, it } from 'vitest';
import { scanProject } from '../../src/scan.js';
import { tempProject } from '../helpers/temp-project.js';
import { runTrackingFileRules, trackingKeys } from './tracking-helpers.js';

const history = scanProject('fixtures/tracking-history');

describe('interaction-history-tracking', () => {
  it('reports constructor replacement, navigation overrides, route listeners, page proxies, handlers wrapped from a list and auto-track switches', () => {
    expect(trackingKeys(history, 'interaction-history-tracking')).toEqual([
      'interaction-history-tracking common/vendor.js:5:5 - constructor',
      'interaction-history-tracking pages/index/index.js:5:1 growingio auto-track',
      'interaction-history-tracking pages/index/index.js:8:1 growingio page-proxy',
      'interaction-history-tracking pages/index/index.js:13:11 tencent-youshu page-proxy',
      'interaction-history-tracking utils/analytics.js:9:16 sensorsdata auto-track',
      'interaction-history-tracking utils/analytics.js:13:109 thinkingdata auto-track',
      'interaction-history-tracking utils/analytics.js:16:32 datarangers auto-track',
      'interaction-history-tracking utils/autotrack.js:23:1 - constructor',
      'interaction-history-tracking utils/autotrack.js:32:1 - navigation',
      'interaction-history-tracking utils/autotrack.js:37:18 - app-route',
      'interaction-history-tracking utils/mtj-wx-sdk.config.js:5:3 baidu-mobstat auto-track',
      'interaction-history-tracking utils/on-recorder.js:9:1 - constructor',
      'interaction-history-tracking utils/page-stat.js:11:5 - handler-wrap',
      'interaction-history-tracking utils/send-only.js:3:1 - constructor',
      'interaction-history-tracking utils/show-recorder.js:4:1 - constructor',
      'interaction-history-tracking utils/show-recorder.js:27:1 - constructor',
    ]);
  });

  it('says where the recorded data goes', () => {
    const page = history.findings.find((f) => f.ruleId === 'interaction-history-tracking' && f.location.file === 'utils/autotrack.js')!;
    expect(page.severity).toBe('warning');
    expect(page.message).toContain('The global Page constructor is replaced, the file wraps handlers one by one, and it sends data off the device (wx.request, line 6)');
    expect(page.properties).toMatchObject({ target: 'Page', sinkLine: 6 });
    expect(page.relatedLocations?.map((r) => `${r.location.file}:${r.location.region.start.line} ${r.message}`)).toEqual([`${page.location.file}:6 the data leaves the device here (wx.request)`]);
  });

  it('counts switches left on by default, and names them', () => {
    const sensors = history.findings.find((f) => f.ruleId === 'interaction-history-tracking' && f.properties?.sdk === 'sensorsdata')!;
    expect(sensors.properties?.switches).toEqual(expect.arrayContaining(['autoTrack.mpClick', 'autoTrack.pageLeave', 'autoTrack.pageShow']));
    expect(sensors.message).toContain('turns on automatic collection (autoTrack.mpClick and autoTrack.pageLeave) and leaves');
  });

  it('ignores framework runtimes, console loggers, debounce wrappers, redirect guards, switched-off SDKs, and mixin mergers and tap guards in modules that also send requests', () => {
    const quiet = ['utils/runtime.js', 'utils/debounce-nav.js', 'utils/logger-page.js', 'utils/analytics-off.js', 'utils/guard-page.js', 'utils/mixin-merge.js', 'utils/tap-guard.js'];
    expect(history.findings.filter((f) => f.ruleId === 'interaction-history-tracking' && quiet.includes(f.location.file))).toEqual([]);
    expect(trackingKeys(history, 'interaction-history-tracking').some((key) => key.includes("setOption') 'debug'"))).toBe(false);
  });

  it('finds handlers wrapped from a list in a module that sends through whichever request API the platform has', () => {
    const tracker = [
      'function send(e){return (my.request||my.httpRequest)({url:"https://t.example/c",data:e})}',
      'function wrap(names){for(var i=0;i<names.length;i++){var n=names[i],o=this[n];this[n]=function(){send({eventId:n});return o&&o.apply(this,arguments)}}}',
      'module.exports={$Page:function(c){wrap.call(c,["onLoad","onShow","onHide"]);return c}};',
    ].join('\n');
    const hooks = runTrackingFileRules(tracker, { platform: 'alipay' }).filter((f) => f.ruleId === 'interaction-history-tracking');
    expect(hooks.map((f) => `${f.properties?.mechanism} ${f.properties?.sinkLine}`)).toEqual(['handler-wrap 1']);
  });

  it('takes a call of a method named for tracking as the send of a module that replaces a constructor (the SDK sends from another of its files)', () => {
    const autoTrack = (send: string) =>
      [
        'function inject(o,k,f){var old=o[k];o[k]=function(){f.apply(this,arguments);return old&&old.apply(this,arguments)}}',
        'var oldPage=Page;',
        `Page=function(o){inject(o,"onShow",function(){${send}});oldPage.apply(this,arguments)};`,
      ].join('\n');
    const hooks = (code: string) => runTrackingFileRules(code, { path: 'vendor/sdk/track_auto.js' }).filter((f) => f.ruleId === 'interaction-history-tracking');
    expect(hooks(autoTrack('getApp().jaxTrack("page",this.route)')).map((f) => `${f.properties?.mechanism} ${f.message}`)).toEqual([
      'constructor The global Page constructor is replaced, the file wraps handlers one by one, and it sends data off the device (getApp().jaxTrack, line 3): every lifecycle event and tap of every page can be recorded and uploaded.',
    ]);
    expect(hooks(autoTrack('getApp().stat.trackEvent("show")'))).toHaveLength(1);
    // A media track, a noun, and a wrapper that sends nothing are not sends.
    expect(hooks(autoTrack('this.player.addTrack(this.route)'))).toEqual([]);
    expect(hooks(autoTrack('this.trackList(this.route)'))).toEqual([]);
    expect(hooks(autoTrack('console.log(this.route)'))).toEqual([]);
  });

  it("reports Baidu's Page.after adding handlers to every page in a file that sends, not one that only reacts to scrolling", () => {
    const aspect = (body: string) => `Page.after({\n  methods: { onReady() { ${body} } },\n  events: { '[data-click-log]:tap'(context) { swan.reportAnalytics('tap', context.target.dataset); } }\n});\n`;
    const hooks = (code: string) => runTrackingFileRules(code, { platform: 'baidu', path: 'components/common/utils/log.js' }).filter((f) => f.ruleId === 'interaction-history-tracking');
    expect(hooks(aspect("swan.reportAnalytics('show', {});")).map((f) => `${f.properties?.mechanism} ${f.location.region.start.line} ${f.message}`)).toEqual([
      'aspect 1 Page.after adds handlers to every page (its lifecycle methods and tap events) in a file that sends data off the device (swan.reportAnalytics, line 2): every page view and tap can be recorded and uploaded.',
    ]);
    expect(hooks("Page.after({ methods: { onPageScroll(context) { this.setData({ top: context.args.e.scrollTop }); } } });\n")).toEqual([]);
    expect(hooks("Page.after('nothing'); swan.request({ url: 'https://a.example.com' });\n")).toEqual([]);
  });

  it("does not take the platform runtime handed in as `uni` for a module's own list of handlers", () => {
    // uni-app's runtime lists the page hooks; the uniCloud client wraps its own API methods and sends requests.
    const runtime = '"543d":function(e,t,n){var hooks=["onShow","onHide","onLoad"];t.default={hooks:hooks,request:function(){}}}';
    const client = (handOver: string) =>
      `"a9ff":function(e,t,n){(function(uni){var api=["callFunction","uploadFile"];function send(d){uni.request({url:"https://api.example.com/fn",data:d})}` +
      `function ue(o,k){var f=o[k];o[k]=function(x){send({seq:k});return f.apply(o,arguments)}}var c={callFunction:send};api.forEach(function(k){ue(c,k)});e.exports=c}).call(this,${handOver})}`;
    const bundle = (handOver: string) => `(global.webpackJsonp=global.webpackJsonp||[]).push([["common/vendor"],{${runtime},${client(handOver)}}]);`;
    const hooks = (code: string) => runTrackingFileRules(code, { path: 'common/vendor.js' }).filter((f) => f.ruleId === 'interaction-history-tracking');
    expect(hooks(bundle('n("543d")["default"]'))).toEqual([]);
    // Required as a library of its own, the list is the module's, as before.
    expect(hooks(bundle('n("543d")["default"]').replace('var api=["callFunction","uploadFile"]', 'var rt=n("543d"),api=rt.default.hooks'))).toHaveLength(1);
  });

  it('finds minified collectors, Object.defineProperty overrides and global.* replacement', () => {
    const minified =
      'var q=[];function s(){wx.request({url:"https://t.example/c",data:q})}var P=Page;Page=function(o){Object.keys(o).forEach(function(k){var f=o[k];o[k]=function(){q.push(k);s();return f&&f.apply(this,arguments)}});return P(o)};';
    expect(runTrackingFileRules(minified).filter((f) => f.ruleId === 'interaction-history-tracking').map((f) => f.properties?.mechanism)).toEqual(['constructor']);
    const defined = [
      "Object.defineProperty(wx, 'redirectTo', { value: function (o) { wx.request({ url: 'https://t.example/nav', data: o }); } });",
      "global.Component = function (o) { o.onLoad = wrap(o.onLoad); return C(o); };",
    ].join('\n');
    expect(runTrackingFileRules(defined).filter((f) => f.ruleId === 'interaction-history-tracking').map((f) => `${f.properties?.mechanism} ${f.properties?.target}`)).toEqual([
      'navigation wx.redirectTo',
      'constructor Component',
    ]);
  });

  it('looks for the evidence in the module of a bundle that replaces the constructor', () => {
    // A framework runtime module wraps handlers; a map SDK module beside it makes the requests.
    const runtime = 'var P=Page;function w(k,o){var f=o[k];o[k]=function(){fix(this);return f&&f.apply(this,arguments)}}Page=function(o){w("onLoad",o);return P(o)}';
    const mapSdk = 'function geo(u){wx.request({url:"https://apis.map.example/geo?"+u})}';
    const bundle = (first: string, second: string) => `(global.webpackJsonp=global.webpackJsonp||[]).push([["common/vendor"],{"2f3b":function(e,t,n){${first}},a43d:function(e,t,n){${second}}}]);`;
    const hooks = (code: string) => runTrackingFileRules(code, { path: 'common/vendor.js' }).filter((f) => f.ruleId === 'interaction-history-tracking');
    expect(hooks(bundle(mapSdk, runtime))).toEqual([]);
    // The same collector in one module is reported, and an array of modules is a module table too.
    const collector = `${runtime};function fix(p){wx.request({url:"https://t.example/c",data:p.route})}`;
    expect(hooks(bundle(mapSdk, collector)).map((f) => f.properties?.sinkLine)).toEqual([1]);
    expect(hooks(`webpackJsonp([1],[function(e,t){${mapSdk}},function(e,t,n){${runtime}}]);`)).toEqual([]);
    // One SDK over several modules: in a chunk, the hook's module requires the module that sends;
    // a table handed to its own bootstrap function is one library.
    const sender = 'e.exports=function(p){wx.request({url:"https://t.example/c",data:p})}';
    const hook = (id: string) => `var s=n(${id}),P=Page;Page=function(o){var f=o.onShow;o.onShow=function(){s(this.route);return f&&f.apply(this,arguments)};return P(o)}`;
    expect(hooks(bundle(sender, hook('"2f3b"')))).toHaveLength(1);
    expect(hooks(bundle(sender, hook('"9999"')))).toEqual([]);
    expect(hooks(`!function(m){m[1]({},{},function(i){return m[i]})}([function(e,t,n){${sender}},function(e,t,n){${hook('7')}}]);`)).toHaveLength(1);
  });

  it('reports a shipped SDK that hooks the constructors, marked third-party', () => {
    const sdk = "var H='https://umini.shujupie.com';var P=Page;Page=function(o){o.onShow=w(o.onShow);return P(o)};function w(f){return function(){wx.request({url:H+'/wxm_logs'});return f&&f.apply(this,arguments)}}";
    const findings = runTrackingFileRules(sdk, { path: 'miniprogram_npm/umtrack-wx/index.js', thirdParty: true });
    const hook = findings.find((f) => f.ruleId === 'interaction-history-tracking')!;
    expect(hook.thirdParty).toBe(true);
    expect(hook.properties?.mechanism).toBe('constructor');
  });
});

describe('interaction-history-tracking: an auto-track switch and its set-up call', () => {
  it('is reported at the switch, with the call that sets the SDK up as a related location', () => {
    const findings = runTrackingFileRules("const sa = require('sa-sdk-miniprogram');\nsa.setPara({\n  autoTrack: { mpClick: true },\n});", { path: 'app.js' });
    const hit = findings.find((f) => f.ruleId === 'interaction-history-tracking')!;
    expect(hit.location.region.start.line).toBe(3);
    expect(hit.relatedLocations?.map((related) => related.location.region.start.line)).toEqual([2]);
  });
});

describe("tracking-call: the app's own tracker, used from other files", () => {
  const uses = history.findings.filter((f) => f.ruleId === 'tracking-call' && f.properties?.module !== undefined);

  it('reports a page handed to it and its load in app.js, with the hook as related location', () => {
    expect(uses.map((f) => `${f.location.file}:${f.location.region.start.line} ${f.properties?.module} ${f.properties?.mechanism}`)).toEqual([
      'app.js:3 utils/autotrack.js constructor',
      'pages/stat/stat.js:8 utils/page-stat.js handler-wrap',
    ]);
    const page = uses[1]!;
    expect(page.message).toBe(
      "stat.$Page hands this page's handlers to the app's own tracker in utils/page-stat.js, which wraps each lifecycle handler and sends data off the device (wx.request, utils/page-stat.js:5): every lifecycle event of this page can be recorded and uploaded.",
    );
    expect(page.relatedLocations?.map((related) => `${related.location.file}:${related.location.region.start.line} ${related.message}`)).toEqual([
      'utils/page-stat.js:11 the tracker wraps the handlers here',
      'utils/page-stat.js:5 the data leaves the device here (wx.request)',
    ]);
    expect(page.properties).toMatchObject({ kind: 'in-house', role: 'init', method: 'stat.$Page', verified: false });
  });

  it('leaves modules that record nothing, and a page loading a started tracker again, alone', () => {
    // pages/stat/stat.js hands pages to mixin-merge.js and page-base.js (behaviours run by the handler's name, beside a request helper no wrapper calls) and loads autotrack.js again;
    // app.js loads a vendor bundle with a collector inside, a login guard beside an API client, the framework runtime and a console logger.
    expect(uses.filter((f) => f.location.file === 'pages/stat/stat.js' && f.location.region.start.line !== 8)).toEqual([]);
    expect(uses.filter((f) => f.location.file === 'app.js' && f.location.region.start.line !== 3)).toEqual([]);
  });
});

describe("tracking-call: the app's own tracker, reached in other ways", () => {
  const STAT = [
    "const HOOKS = ['onLoad', 'onShow'];",
    "function send(name) { wx.request({ url: 'https://stat.example.com/e', data: { name } }); }",
    'function wrap(options) {',
    '  HOOKS.forEach((hook) => { const old = options[hook]; options[hook] = function () { send(hook); return old && old.apply(this, arguments); }; });',
    '  return options;',
    '}',
    'module.exports = { $Page: wrap };',
  ].join('\n');
  const REPLACER = "const P = Page;\nPage = function (o) { const show = o.onShow; o.onShow = function () { wx.request({ url: 'https://collect.example.net/v', data: this.route }); return show && show.call(this); }; return P(o); };";
  const uses = (files: Record<string, string>, options = {}) =>
    scanProject(tempProject({ 'app.json': '{"pages":["pages/a/a","pages/app/app"]}', ...files }), options).findings.filter((f) => f.ruleId === 'tracking-call' && f.properties?.module !== undefined);

  it('follows named imports and destructured requires, and packages loaded by name', () => {
    const found = uses({
      'app.js': "require('mp-stat');\nApp({});",
      'utils/stat.js': STAT,
      'miniprogram_npm/mp-stat/index.js': REPLACER,
      'pages/a/a.js': "import { $Page } from '../../utils/stat.js';\nconst { $Page: wrapPage } = require('../../utils/stat.js');\nPage($Page({}));\nPage(wrapPage({}));",
      'pages/app/app.js': "require('../../utils/stat.js');\nPage({});",
    });
    expect(found.map((f) => `${f.location.file}:${f.location.region.start.line} ${f.properties?.kind} ${f.properties?.method}`)).toEqual([
      'app.js:1 third-party (load)',
      'pages/a/a.js:3 in-house $Page',
      'pages/a/a.js:4 in-house wrapPage',
    ]);
    expect(found[0]!.message).toContain('starts the analytics code shipped in miniprogram_npm/mp-stat/index.js, which replaces the global Page constructor');
  });

  it("applies the vendor's policy to a catalogued SDK started by loading its file", () => {
    const found = uses({ 'app.js': "require('./utils/sensorsdata.js');\nApp({});", 'utils/sensorsdata.js': REPLACER }, { policy: { allowedTrackers: ['umeng'] } });
    expect(found.map((f) => `${f.severity} ${f.properties?.sdk} ${f.properties?.policy}`)).toEqual(['error sensorsdata disallowed']);
    expect(found[0]!.message).toMatch(/^Loading \.\/utils\/sensorsdata\.js starts Sensors Data \(神策\) \(its code in utils\/sensorsdata\.js\).* Not allowed: /);
  });
});
