import { describe, expect, it } from 'vitest';
import { scanProject } from '../../src/scan.js';
import { findingKeys } from '../helpers/summarise.js';
import { tempProject } from '../helpers/temp-project.js';

const RULE = 'dynamic-code';
const only = (keys: string[]) => keys.filter((key) => key.startsWith(`${RULE} `));

describe('dynamic-code on fixtures/security-dynamic-code', () => {
  const project = scanProject('fixtures/security-dynamic-code');
  const findings = project.findings.filter((f) => f.ruleId === RULE);

  it('finds eval, Function, string timers, constructor chains, hidden API calls and bundled interpreters', () => {
    expect(only(findingKeys(project))).toEqual([
      'dynamic-code pages/index/tricks.wxs:3:10',
      'dynamic-code utils/remote.js:1:25',
      'dynamic-code utils/remote.js:8:7',
      'dynamic-code utils/remote.js:14:10',
      'dynamic-code utils/remote.js:18:3',
      'dynamic-code utils/remote.js:19:3',
      'dynamic-code utils/remote.js:23:10',
      'dynamic-code utils/remote.js:27:29',
    ]);
    expect(findings.map((f) => f.properties?.kind)).toEqual(['constructor', 'interpreter', 'eval', 'function', 'timer', 'timer', 'constructor', 'eval']);
  });

  it('says what makes each one a problem', () => {
    expect(findings[2]!.message).toMatch(/^eval\(\) runs a string built at run time as code/);
    expect(findings[4]!.message).toContain('this one is built at run time');
    expect(findings[5]!.message).not.toContain('built at run time');
    expect(findings[7]!.message).toContain('calls the platform API, which hides the call');
  });

  it('stays quiet on constant code in bundled libraries, function timers, methods named eval and comments', () => {
    const files = new Set(findings.map((f) => f.location.file));
    expect(files.has('pages/index/index.js')).toBe(false);
    expect(files.has('pages/index/index.wxml')).toBe(false);
    expect(files.has('miniprogram_npm/runtime-lib/index.js')).toBe(false);
  });
});

describe('dynamic-code: constants decide', () => {
  it('treats code assembled from constants as fixed and code with a run-time part as dynamic', () => {
    const root = tempProject({
      'app.json': '{ "pages": ["pages/a/a"] }',
      'pages/a/a.js': [
        "const BODY = 'return ' + 'a + b';",
        'const add = new Function("a", "b", BODY);',
        'const code = `wx.request({ url: "${"https://x.example.com"}" })`;',
        'window.eval(code);',
        'const delay = "refresh()";',
        'setTimeout(delay, 10);',
        'let later = "a"; later = input;',
        'Function(later)();',
        'Page({ add });',
      ].join('\n'),
    });
    expect(only(findingKeys(scanProject(root)))).toEqual([
      'dynamic-code pages/a/a.js:4:1',
      'dynamic-code pages/a/a.js:6:1',
      'dynamic-code pages/a/a.js:8:1',
    ]);
  });
});

describe('dynamic-code: a JSON parser for engines without JSON', () => {
  it('stays quiet on the branch taken when JSON.parse is missing, and still reports code run whatever JSON is', () => {
    const root = tempProject({
      'app.json': '{ "pages": ["pages/a/a"] }',
      'pages/a/a.js': [
        'function parse(s) { return "undefined" != typeof JSON && JSON.parse ? JSON.parse(s) : new Function("return (" + s + ");")(); }',
        'function legacy(s) { if (window.JSON && JSON.parse) { return JSON.parse(s); } else { return eval("(" + s + ")"); } }',
        'function run(s) { return JSON.parse ? eval(s) : null; }',
        'function other(s, ok) { return ok ? 1 : new Function("return " + s)(); }',
        "function format(msg) { return msg.format === 'JSON' ? JSON.parse(msg.body) : new Function(msg.body)(); }",
        'function bare(s) { return typeof JSON != "undefined" ? 1 : eval(s); }',
        // jQuery's parseJSON: the engine's JSON.parse returned first, the fallback after it.
        'function jquery(data) { if (window.JSON && window.JSON.parse) return window.JSON.parse(data + ""); var t = data.trim(); return t ? Function("return " + t)() : null; }',
        'function logged(data) { if (window.JSON) { console.log(data); } return Function("return " + data)(); }',
        'Page({ parse, legacy, run, other, format, bare, jquery, logged });',
      ].join('\n'),
    });
    // A test of a format label is no test of the engine, and a branch that never parses JSON is no fallback for it.
    expect(only(findingKeys(scanProject(root)))).toEqual(['dynamic-code pages/a/a.js:3:39', 'dynamic-code pages/a/a.js:4:41', 'dynamic-code pages/a/a.js:5:78', 'dynamic-code pages/a/a.js:6:60', 'dynamic-code pages/a/a.js:8:72']);
  });
});
