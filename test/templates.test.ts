import { describe, expect, it } from 'vitest';
import { templateScriptTags } from '../src/analyzers/analyse-file.js';
import { MAX_TEMPLATE_ELEMENTS, analyzeTemplate, literalValue } from '../src/analyzers/templates.js';
import type { BundleFile, Usage } from '../src/types.js';

const file = (text: string, path = 'pages/index/index.wxml', thirdParty = false): BundleFile => ({ path, kind: 'template', text, thirdParty });
const wxml = (text: string) => analyzeTemplate(file(text), { scriptTags: ['wxs'] });
const names = (usages: Usage[]) => usages.map((u) => `${u.kind}:${u.name}`);
const at = (u: Usage | undefined) => u && [u.location.region.start.line, u.location.region.start.column, u.location.region.end.line, u.location.region.end.column];

describe('analyzeTemplate usages', () => {
  it('finds open-types, splitting combined values, with exact positions', () => {
    const text = '<view>\n  <button open-type="getPhoneNumber|agreePrivacyAuthorization" bindgetphonenumber="onPhone">x</button>\n</view>\n';
    const result = wxml(text);
    expect(names(result.usages)).toEqual(['open-type:getPhoneNumber', 'open-type:agreePrivacyAuthorization']);
    const [phone, agree] = result.usages;
    expect(at(phone)).toEqual([2, 22, 2, 36]);
    expect(at(agree)).toEqual([2, 37, 2, 62]);
    expect(text.slice(agree!.location.region.startOffset, agree!.location.region.endOffset)).toBe('agreePrivacyAuthorization');
    expect(phone).toMatchObject({ via: 'template', called: true, thirdParty: false, location: { file: 'pages/index/index.wxml' } });
    expect(result.notifications).toEqual([]);
  });

  it('finds scope components at the tag name and the nickname input at its type value', () => {
    const text = '<camera device-position="back" />\r\n<live-pusher url="{{u}}"></live-pusher>\n  <input type="nickname" placeholder="name"/>\n<input type="text"/>';
    const result = wxml(text);
    expect(names(result.usages)).toEqual(['component:camera', 'component:live-pusher', 'input-type:nickname']);
    expect(at(result.usages[0])).toEqual([1, 2, 1, 8]);
    expect(at(result.usages[1])).toEqual([2, 2, 2, 13]);
    expect(at(result.usages[2])).toEqual([3, 16, 3, 24]);
  });

  it('finds web-view with a bound src and keeps the raw attribute value', () => {
    const result = wxml('<web-view src="{{url}}" bindmessage="onMsg"></web-view>');
    expect(names(result.usages)).toEqual(['component:web-view']);
    const el = result.elements[0]!;
    expect(el.attributes['src']).toBe('{{url}}');
    expect(el.attributeRegions['src']).toMatchObject({ startOffset: 15, endOffset: 22, start: { line: 1, column: 16 } });
  });

  it('skips dynamic open-types but resolves literal mustaches', () => {
    const result = wxml(`<button open-type="{{type}}">a</button><button open-type="{{ok ? 'a' : 'b'}}|contact">b</button><button open-type="{{'chooseAvatar'}}">c</button>`);
    expect(names(result.usages)).toEqual(['open-type:contact', 'open-type:chooseAvatar']);
    expect(literalValue(`x{{"y"}}`)).toBe('xy');
    expect(literalValue('{{y}}')).toBeUndefined();
  });

  it('reads unquoted values and double quotes inside a double-quoted mustache', () => {
    const result = wxml(`<input type=nickname class="{{ on ? "a" : "b" }}"/><button open-type='share'>s</button>`);
    expect(names(result.usages)).toEqual(['input-type:nickname', 'open-type:share']);
    expect(result.usages[0]!.location.region).toMatchObject({ startOffset: 12, endOffset: 20 });
    expect(result.elements[0]!.attributes['class']).toBe('{{ on ? "a" : "b" }}');
    expect(result.notifications).toEqual([]);
  });

  it('marks usages from third-party files', () => {
    const result = analyzeTemplate(file('<map/>', 'miniprogram_npm/x/index.wxml', true), { scriptTags: ['wxs'] });
    expect(result.usages[0]).toMatchObject({ name: 'map', thirdParty: true });
  });

  it('ignores commented-out markup and open-type text inside other attributes', () => {
    const text = `<!-- <camera/> <button open-type="getPhoneNumber"/> -->\n<view data-x='open-type="getPhoneNumber"' title="<camera>">open-type="share"</view>`;
    const result = wxml(text);
    expect(result.usages).toEqual([]);
    expect(result.elements.map((e) => e.name)).toEqual(['view']);
    expect(result.elements[0]!.attributes['data-x']).toBe('open-type="getPhoneNumber"');
  });

  it('survives < inside mustaches in text and attributes', () => {
    const text = `<view hidden="{{a<b}}">{{ a < b ? "x" : 'y' }} {{ {k: 1}.k<2 }}</view>\n<camera/>`;
    const result = wxml(text);
    expect(names(result.usages)).toEqual(['component:camera']);
    expect(at(result.usages[0])).toEqual([2, 2, 2, 8]);
    expect(result.elements[0]!.attributes['hidden']).toBe('{{a<b}}');
    expect(result.notifications).toEqual([]);
  });
});

describe('inline script modules', () => {
  it('blanks a wxs body out of the markup and returns it with offsets intact', () => {
    const text = [
      '<wxs module="fmt">',
      'var cut = function (s) { return s.length > 3 && s.length < 9 ? "<b>" : s }',
      'module.exports = { cut: cut }',
      '</wxs>',
      '<wxs src="./util.wxs" module="util"/>',
      '<view>{{fmt.cut(x)}}</view><camera/>',
    ].join('\n');
    const result = wxml(text);
    expect(result.inlineScripts).toHaveLength(1);
    const script = result.inlineScripts[0]!;
    expect(script.moduleName).toBe('fmt');
    expect(script.text).toBe(text.slice(18, text.indexOf('</wxs>')));
    expect(script.startOffset + script.text.indexOf('function')).toBe(text.indexOf('function'));
    expect(script.endOffset - script.startOffset).toBe(script.text.length);
    expect(names(result.usages)).toEqual(['component:camera']);
    expect(at(result.usages[0])).toEqual([6, 29, 6, 35]);
    expect(result.elements.map((e) => e.name)).toEqual(['wxs', 'wxs', 'view', 'camera']);
    expect(result.elements[1]!.attributes).toEqual({ src: './util.wxs', module: 'util' });
    expect(result.notifications).toEqual([]);
  });

  it('reads axml sjs and import-sjs and Alipay getAuthorize buttons', () => {
    const text = [
      '<import-sjs from="./util.sjs" name="util"/>',
      '<sjs module="m">export default { lt: (a, b) => a < b };</sjs>',
      '<button open-type="getAuthorize" scope="phoneNumber" onGetAuthorize="onPhone">p</button>',
      '<button open-type="getAuthorize" scope="userInfo">u</button>',
    ].join('\n');
    const result = analyzeTemplate(file(text, 'pages/a/a.axml'), { scriptTags: ['sjs', 'import-sjs'] });
    expect(result.inlineScripts.map((s) => s.moduleName)).toEqual(['m']);
    expect(result.inlineScripts[0]!.startOffset + result.inlineScripts[0]!.text.indexOf('export')).toBe(text.indexOf('export'));
    expect(names(result.usages)).toEqual(['open-type:getAuthorize:phoneNumber', 'open-type:getAuthorize:userInfo']);
    expect(at(result.usages[0])).toEqual([3, 20, 3, 32]);
    expect(result.notifications).toEqual([]);
  });

  it('reports an unclosed script tag and still returns its body', () => {
    const result = wxml('<camera/>\n<wxs module="m">var a = 1 < 2;');
    expect(names(result.usages)).toEqual(['component:camera']);
    expect(result.inlineScripts[0]!.text.trim()).toBe('var a = 1 < 2;');
    expect(result.notifications[0]).toMatchObject({ kind: 'template-error', position: { line: 2, column: 1 } });
  });
});

describe('malformed templates', () => {
  it('keeps usages found before an unterminated start tag and reports where it starts', () => {
    const result = wxml('<view>\n  <camera/>\n  <button open-type="share">s</button>\n  <view class="a"\n');
    expect(names(result.usages)).toEqual(['component:camera', 'open-type:share']);
    expect(result.notifications).toHaveLength(1);
    expect(result.notifications[0]).toMatchObject({ kind: 'template-error', file: 'pages/index/index.wxml', level: 'warning', position: { line: 4, column: 3 } });
  });

  it('reports a stray end tag and an element left open', () => {
    expect(wxml('<view></text></view>').notifications[0]).toMatchObject({ message: 'end tag without a matching start tag', position: { line: 1, column: 7 } });
    expect(wxml('<view>\n<text>a</view>').notifications[0]).toMatchObject({ position: { line: 2, column: 1 } });
    expect(wxml('<view>\n<map/>').notifications[0]).toMatchObject({ position: { line: 1, column: 1 } });
  });

  it('never throws on odd input', () => {
    for (const text of ['', '<', '{{', '<!--', '<wxs', '<wxs module="a', '{{ "unterminated }} <camera/>', '</>', '<a\u0000b/>', '<view>{{a}}}</view>']) {
      expect(() => wxml(text)).not.toThrow();
    }
  });

  it('handles many stray end tags quickly', () => {
    const text = '<view>'.repeat(1_500) + '<camera/>' + '</text>'.repeat(100_000);
    const started = Date.now();
    const result = wxml(text);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(names(result.usages)).toEqual(['component:camera']);
    expect(result.notifications).toHaveLength(1);
  });

  it('stops collecting elements past the cap but keeps usages', () => {
    const result = wxml('<a/>'.repeat(MAX_TEMPLATE_ELEMENTS) + '<camera/>');
    expect(result.elements).toHaveLength(MAX_TEMPLATE_ELEMENTS);
    expect(names(result.usages)).toEqual(['component:camera']);
    expect(result.notifications).toHaveLength(1);
  });

  it('stops at absurd nesting depth with a notification, keeping earlier usages', () => {
    const text = '<map/>\n' + '<view>'.repeat(100_000) + '<camera/>';
    const started = Date.now();
    const result = wxml(text);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(names(result.usages)).toEqual(['component:map']);
    expect(result.notifications).toHaveLength(1);
    expect(result.notifications[0]).toMatchObject({ kind: 'template-error', position: { line: 2, column: 12_001 } });
  });

  it("reads <filter> as a script module only in Baidu's .swan templates; elsewhere it is a custom component", () => {
    const component = '<filter onChange="pick"><view class="a">{{label}}</view></filter>\n<camera/>';
    const axml = analyzeTemplate(file(component, 'pages/list/list.axml'), { scriptTags: templateScriptTags('pages/list/list.axml') });
    expect(axml.notifications).toEqual([]);
    expect(axml.inlineScripts).toEqual([]);
    expect(axml.elements.map((e) => e.name)).toEqual(['filter', 'view', 'camera']);
    const module = '<filter module="fmt">var up = function (s) { return s.toUpperCase(); }; module.exports = { up: up };</filter>\n<camera/>';
    const swan = analyzeTemplate(file(module, 'pages/list/list.swan'), { scriptTags: templateScriptTags('pages/list/list.swan') });
    expect(swan.inlineScripts.map((script) => script.text.trim())).toEqual(['var up = function (s) { return s.toUpperCase(); }; module.exports = { up: up };']);
    expect(names(swan.usages)).toEqual(['component:camera']);
  });
});
