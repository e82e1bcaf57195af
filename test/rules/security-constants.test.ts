import { describe, expect, it } from 'vitest';
import { ConstantResolver, createConstantCollector, isConstant, knownPrefix, type ModuleSummary, type StringValues, type SymValue } from '../../src/analyzers/constants.js';
import { parseScript } from '../../src/analyzers/parse-script.js';
import { traverse } from '../../src/analyzers/traverse.js';
import { LineIndex } from '../../src/util/line-index.js';

/** Parses each file with the real parser and records what `sink(x)` is called with. */
function modules(files: Record<string, string>): { summaries: ModuleSummary[]; sinks: Map<string, SymValue[]> } {
  const summaries: ModuleSummary[] = [];
  const sinks = new Map<string, SymValue[]>();
  for (const [path, code] of Object.entries(files)) {
    const parsed = parseScript(path, code);
    if (!parsed.ok) throw new Error(parsed.notification.message);
    const lines = new LineIndex(code);
    const collector = createConstantCollector({ path, thirdParty: false }, (s, e) => lines.region(s, e));
    const captured: SymValue[] = [];
    traverse(parsed.ast, [
      collector.listeners,
      {
        'CallExpression[callee.name="sink"]'(node) {
          const argument = (node as { arguments: Parameters<typeof collector.capture>[0][] }).arguments[0]!;
          captured.push(collector.capture(argument));
        },
      },
    ]);
    summaries.push(collector.module);
    sinks.set(path, captured);
  }
  return { summaries, sinks };
}

/** Each alternative as text, holes shown as `·`. */
function texts(values: StringValues): string[] {
  return values.alternatives.map((alternative) => alternative.map((piece) => ('hole' in piece ? '·' : piece.text)).join(''));
}

function resolveAll(files: Record<string, string>, file = Object.keys(files)[0]!, options: { local?: boolean; appRoot?: string } = {}): StringValues[] {
  const { summaries, sinks } = modules(files);
  const resolver = new ConstantResolver(options.local ? summaries.filter((m) => m.file === file) : summaries, options);
  return sinks.get(file)!.map((sink) => resolver.strings(sink));
}

describe('constant evaluator: within a file', () => {
  it('follows const bindings, concatenation, template literals and numbers', () => {
    const [a, b, c] = resolveAll({
      'page.js': `
        const HOST = 'http://api.example.com';
        const PORT = 8080;
        const BASE = HOST + ':' + PORT;
        sink(BASE + '/v1');
        sink(\`\${BASE}/v2/\${id}\`);
        sink(HOST.concat('/x'));
      `,
    });
    expect(texts(a!)).toEqual(['http://api.example.com:8080/v1']);
    expect(texts(b!)).toEqual(['http://api.example.com:8080/v2/·']);
    expect(texts(c!)).toEqual(['http://api.example.com/x']);
    expect(isConstant(a!)).toBe(true);
    expect(isConstant(b!)).toBe(false);
  });

  it('keeps every branch of a conditional or a fallback', () => {
    const [values] = resolveAll({ 'page.js': `const DEV = false; const BASE = DEV ? 'http://10.0.0.2' : 'https://api.example.com'; sink(BASE || 'https://x.example.com');` });
    expect(texts(values!)).toEqual(['http://10.0.0.2', 'https://api.example.com', 'https://x.example.com']);
  });

  it('reads object literals through member access, and gives up when the object is changed', () => {
    const [plain, changed, merged] = resolveAll({
      'page.js': `
        const config = { api: { base: 'http://a.example.com' } };
        sink(config.api.base);
        const other = { base: 'http://b.example.com' };
        other.base = 'https://b.example.com';
        sink(other.base);
        const third = { base: 'http://c.example.com' };
        Object.assign(third, overrides);
        sink(third['base']);
      `,
    });
    expect(texts(plain!)).toEqual(['http://a.example.com']);
    expect(texts(changed!)).toEqual(['·']);
    expect(texts(merged!)).toEqual(['·']);
  });

  it('treats let and var as constants only while they are never assigned again', () => {
    const [once, twice] = resolveAll({
      'page.js': `
        var once = 'http://once.example.com';
        let twice = 'http://twice.example.com';
        twice = 'https://twice.example.com';
        sink(once);
        sink(twice);
      `,
    });
    expect(texts(once!)).toEqual(['http://once.example.com']);
    expect(texts(twice!)).toEqual(['·']);
  });

  it('respects scopes: parameters and inner declarations shadow outer constants', () => {
    const [param, inner, outer] = resolveAll({
      'page.js': `
        const url = 'http://outer.example.com';
        function a(url) { sink(url); }
        function b() { const url = 'https://inner.example.com'; sink(url); }
        function c() { sink(url); }
      `,
    });
    expect(texts(param!)).toEqual(['·']);
    expect(texts(inner!)).toEqual(['https://inner.example.com']);
    expect(texts(outer!)).toEqual(['http://outer.example.com']);
  });

  it('resolves bindings declared after the code that uses them', () => {
    const [values] = resolveAll({ 'page.js': `function go() { sink(LATER + '/x'); }\nconst LATER = 'http://later.example.com';` });
    expect(texts(values!)).toEqual(['http://later.example.com/x']);
  });

  it('cuts cycles and keeps the number of alternatives bounded', () => {
    const [cycle, many] = resolveAll({
      'page.js': `
        var a = b + '1'; var b = a + '2';
        sink(a);
        const x = c ? 'a' : 'b';
        sink(x + x + x + x + x + x);
      `,
    });
    expect(texts(cycle!)).toEqual(['·21']);
    expect(many!.alternatives).toHaveLength(16);
    expect(many!.truncated).toBe(true);
  });

  it('records where each piece of text comes from', () => {
    const [values] = resolveAll({ 'page.js': `const A = 'http://a.example.com';\nsink(A + '/p');` });
    const first = values!.alternatives[0]![0]!;
    expect('origin' in first && first.origin).toEqual({ file: 'page.js', start: 10, end: 32 });
    expect(knownPrefix(values!.alternatives[0]!)).toEqual({ text: 'http://a.example.com/p', complete: true, first });
  });
});

describe('constant evaluator: across modules', () => {
  const files = {
    'pages/index/index.js': `
      import { BASE, nested } from '../../config/env';
      import env from '../../config/env.js';
      import * as all from '/config/env';
      const cjs = require('../../utils/cjs');
      const { SOCKET } = require('../../utils/cjs.js');
      sink(BASE + '/a');
      sink(env.BASE);
      sink(all.nested.url);
      sink(cjs.HOST);
      sink(SOCKET);
      sink(getApp().globalData.api);
      sink(nested.missing);
    `,
    'config/env.js': `
      const BASE = 'http://esm.example.com';
      export { BASE };
      export const nested = { url: 'http://nested.example.com' };
      export default { BASE: 'http://default.example.com' };
    `,
    'utils/cjs.js': `
      module.exports = { HOST: 'http://cjs.example.com' };
      module.exports.SOCKET = 'ws://socket.example.com';
    `,
    'app.js': `App({ globalData: { api: 'http://app.example.com' } });`,
  };

  it('follows ES imports, CommonJS require, root-absolute specifiers and getApp()', () => {
    expect(resolveAll(files, 'pages/index/index.js').map(texts)).toEqual([
      ['http://esm.example.com/a'],
      ['http://default.example.com'],
      ['http://nested.example.com'],
      ['http://cjs.example.com'],
      ['ws://socket.example.com'],
      ['http://app.example.com'],
      ['·'],
    ]);
  });

  it('on one file alone, marks what needs other modules as external', () => {
    const values = resolveAll(files, 'pages/index/index.js', { local: true });
    expect(values.every((value) => value.external)).toBe(true);
    expect(values.map(texts)).toEqual([['·/a'], ['·'], ['·'], ['·'], ['·'], ['·'], ['·']]);
    const [local] = resolveAll({ 'page.js': `const A = 'http://a.example.com'; sink(A);` }, 'page.js', { local: true });
    expect(local!.external).toBe(false);
  });

  it('follows `export * from` and named re-exports', () => {
    const [values] = resolveAll(
      {
        'page.js': `import { A, B } from './index'; sink(A + B);`,
        'index.js': `export * from './a'; export { X as B } from './b';`,
        'a.js': `export const A = 'http://a.example.com';`,
        'b.js': `export const X = '/b';`,
      },
      'page.js',
    );
    expect(texts(values!)).toEqual(['http://a.example.com/b']);
  });

  it('does not leave the bundle: unknown modules are holes', () => {
    const [values] = resolveAll({ 'page.js': `import { A } from '../../outside'; import B from 'some-package'; sink(A + B);` }, 'page.js');
    expect(texts(values!)).toEqual(['··']);
    expect(values!.external).toBe(false);
  });
});
