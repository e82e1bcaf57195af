/**
 * The reader of templates a compiled package keeps only as render code (compiled-templates.ts):
 * each op form the WeChat compiler writes, both ways it sets attributes, and text that only looks
 * like render code.
 */
import { describe, expect, it } from 'vitest';
import { readCompiledTemplates } from '../src/analyzers/compiled-templates.js';
import { LineIndex } from '../src/util/line-index.js';

function read(text: string) {
  const lines = new LineIndex(text);
  return readCompiledTemplates(text, (start, end) => lines.region(start, end)).map(({ template, elements }) => ({
    template,
    elements: elements.map((element) => ({ name: element.name, attributes: element.attributes, line: element.region.start.line })),
  }));
}

function opList(name: string, ops: string[]): string {
  return [
    `function gz$${name}(){`,
    `if( __WXML_GLOBAL__.ops_cached.$${name})return __WXML_GLOBAL__.ops_cached.$${name}`,
    `__WXML_GLOBAL__.ops_cached.$${name}=[];`,
    '(function(z){var a=11;function Z(ops){z.push(ops)}',
    ...ops.map((op) => `Z(${op})`),
    `})(__WXML_GLOBAL__.ops_cached.$${name});return __WXML_GLOBAL__.ops_cached.$${name}`,
    '}',
  ].join('\n');
}

describe('compiled templates', () => {
  it('reads web-view src from each op form, through _rz and through _mz', () => {
    const text = [
      opList('gwx_1', ["[3,'box']", "[[7],[3,'url']]", "[[6],[[7],[3,'page']],[3,'link']]", "[a,[3,'https://h5.example.com/?t='],[[7],[3,'token']]]", "[[2,'+'],[[7],[3,'base']],[[7],[3,'path']]]", 'z[1]']),
      "var x=['./pages/a/a.wxml','./pages/b/b.wxml'];d_[x[1]]={}",
      'var m0=function(e,s,r,gg){',
      'var z=gz$gwx_1()',
      "var oB=_n('web-view')",
      "_rz(z,oB,'src',1,e,s,gg)",
      "var oC=_mz(z,'web-view',['class',0,'src',2],[],e,s,gg)",
      "var oD=_mz(z,'web-view',['class',0,'src',3],[],e,s,gg)",
      "var oE=_mz(z,'web-view',['src',4],[],e,s,gg)",
      "var oF=_mz(z,'web-view',['class',0,'src',5],[],e,s,gg)",
      "var oG=_n('view')",
      "_rz(z,oG,'class',0,e,s,gg)",
      'return r',
      '}',
    ].join('\n');
    expect(read(text)).toEqual([
      {
        template: 'pages/b/b.wxml',
        elements: [
          { name: 'web-view', attributes: { src: '{{url}}' }, line: 16 },
          { name: 'web-view', attributes: { class: 'box', src: '{{page.link}}' }, line: 18 },
          { name: 'web-view', attributes: { class: 'box', src: 'https://h5.example.com/?t={{token}}' }, line: 19 },
          { name: 'web-view', attributes: { src: '{{base + path}}' }, line: 20 },
          // z[1] is op 1 again.
          { name: 'web-view', attributes: { class: 'box', src: '{{url}}' }, line: 21 },
        ],
      },
    ]);
  });

  it('decodes the escapes the compiler writes in strings', () => {
    const text = [opList('gwx_1', ["[3,'https://h5.example.com/?a\\x3d1\\x26b\\x3d\\u4e2d\\'']"]), "var x=['./pages/a/a.wxml'];d_[x[0]]={}", 'var m0=function(e,s,r,gg){', 'var z=gz$gwx_1()', "var oB=_n('web-view')", "_rz(z,oB,'src',0,e,s,gg)", 'return r', '}'].join('\n');
    expect(read(text)[0]!.elements[0]!.attributes).toEqual({ src: "https://h5.example.com/?a=1&b=\u4e2d'" });
  });

  it('pairs each render function with the template list before it', () => {
    const section = (name: string, list: string, index: number) =>
      [opList(name, ["[[7],[3,'link']]"]), `var x=[${list}];d_[x[${index}]]={}`, 'var m0=function(e,s,r,gg){', `var z=gz$${name}()`, "var oB=_n('web-view')", "_rz(z,oB,'src',0,e,s,gg)", 'return r', '}'].join('\n');
    const text = [section('gwx2_1', "'./sub/pages/c/c.wxml'", 0), section('gwx2_2', "'./sub/pages/d/d.wxml','./sub/pages/e/e.wxml'", 1)].join('\n');
    expect(read(text).map((template) => template.template)).toEqual(['sub/pages/c/c.wxml', 'sub/pages/e/e.wxml']);
  });

  it('reads nothing from text that only mentions render code, or whose ops are cut off', () => {
    expect(read("const note = 'gz$gwx and d_[x[ are compiler names';")).toEqual([]);
    const cut = [opList('gwx_1', ["[[7],[3,'url'"]), "var x=['./pages/a/a.wxml'];d_[x[0]]={}", 'var m0=function(e,s,r,gg){', 'var z=gz$gwx_1()', "var oB=_n('web-view')", "_rz(z,oB,'src',0,e,s,gg)", 'return r', '}'].join('\n');
    expect(read(cut)).toEqual([{ template: 'pages/a/a.wxml', elements: [{ name: 'web-view', attributes: {}, line: 11 }] }]);
  });
});
