/**
 * A request class built like axios and luch-request runs each call's config through a promise
 * chain it builds in a loop (`p = Promise.resolve(config); while (chain.length) p =
 * p.then(chain.shift(), chain.shift()); return p`). The chain's first value only starts it: the
 * response a caller gets is not the config it sent.
 */
import { describe, expect, it } from 'vitest';
import { scanProject } from '../src/scan.js';
import { tempProject } from './helpers/temp-project.js';

const HTTP = [
  'function dispatchRequest(config) {',
  '  return new Promise(function (resolve, reject) {',
  '    wx.request({ url: config.baseURL + config.url, data: config.data, method: config.method, success: function (res) { resolve(res); }, fail: reject });',
  '  });',
  '}',
  "function Request() { this.interceptors = { request: [], response: [] }; }",
  'Request.prototype.request = function (config) {',
  '  var chain = [dispatchRequest, undefined];',
  '  var promise = Promise.resolve(config);',
  '  this.interceptors.request.forEach(function (i) { chain.unshift(i.fulfilled, i.rejected); });',
  '  while (chain.length) { promise = promise.then(chain.shift(), chain.shift()); }',
  '  return promise;',
  '};',
  "Request.prototype.post = function (url, data) { return this.request({ baseURL: 'https://api.example.com', url: url, data: data, method: 'POST' }); };",
  'module.exports = new Request();',
].join('\n');

describe('a promise chain built step by step', () => {
  const root = tempProject({
    'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
    'project.config.json': '{}',
    'utils/http.js': HTTP,
    'utils/wrap.js': 'module.exports = function wrap(value, done) { var p = Promise.resolve(value); if (done) p = p.then(done); return p; };',
    'pages/a/a.js': [
      "var http = require('../../utils/http.js');",
      "var wrap = require('../../utils/wrap.js');",
      'Page({',
      '  onLoad: function () {',
      "    var openid = wx.getStorageSync('openid');",
      "    http.post('/user/bind', { openid: openid }).then(function (res) { console.log('bind', res); });",
      "    http.post('/page/layout', { id: 3 }).then(function (res) { wx.setStorageSync('layout', res.data); });",
      "    var direct = Promise.resolve({ openid: openid });",
      "    direct.then(function (v) { console.log('direct', v); });",
      "    wrap({ openid: openid }).then(function (v) { console.log('wrapped', v); });",
      '  },',
      '});',
    ].join('\n'),
  });
  const findings = scanProject(root).findings.filter((finding) => finding.location.file === 'pages/a/a.js');
  const lines = (ruleId: string): number[] => findings.filter((finding) => finding.ruleId === ruleId).map((finding) => finding.location.region.start.line);

  it("does not hand a caller's request data back as the response", () => {
    expect(lines('sensitive-data-leak')).not.toContain(6);
    expect(lines('sensitive-data-to-storage')).toEqual([]);
  });

  it('still passes a promise\u2019s value to the callbacks of a chain that is not rebuilt, or extended only under a condition', () => {
    expect(lines('sensitive-data-leak')).toContain(9);
    expect(lines('sensitive-data-leak')).toContain(10);
  });
});
