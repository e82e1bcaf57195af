import { createRequire } from 'node:module';
import type * as Estree from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';
import { parseJavaScript } from '../src/analyzers/parse-javascript.js';
import { parseScript } from '../src/analyzers/parse-script.js';

const estree = createRequire(import.meta.url)('@typescript-eslint/typescript-estree') as typeof Estree;

/** typescript-estree's tree with its undefined-valued fields dropped, as JSON sees both (comments keep only what minivet reads). */
const typescriptEstreeTree = (text: string, comment: boolean): unknown => {
  const program = estree.parse(text, { range: true, loc: false, comment, tokens: false, filePath: 'file.js', suppressDeprecatedPropertyWarnings: true });
  const comments = program.comments?.map(({ type, value, range }) => ({ type, value, range }));
  return JSON.parse(JSON.stringify({ ...program, comments }, (key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value)));
};
const meriyahTree = (text: string, comment: boolean): unknown =>
  JSON.parse(JSON.stringify(parseJavaScript(text, comment), (key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value)));

const CONSTRUCTS: Record<string, string> = {
  templates: 'const a = `x${b}y${`in${c}`}z`, t = tag`q${1}`, e = ``;',
  'functions and parameters': 'function f(a, [b, c] = [], { d, ...e } = {}, ...rest) { return a; }\nconst g = async (x = 1) => x; const h = function* () { yield* g(); };',
  classes: 'class A extends B { #p = 1; static s; static { init(); } constructor(x) { super(x); } get v() { return this.#p; } set v(y) {} static async *m(z) {} [k](w) {} }\nconst C = class {};',
  modules: "#!/usr/bin/env node\nimport a, { b as c } from './x.js';\nimport * as ns from 'y';\nexport const d = 1;\nexport default function () {}\nexport * from './z';\nexport { a as e };",
  'a script that mentions import and export': "var s = 'import x from y';\nimport('./lazy.js');\nexports.s = s;\n// export default s\n",
  expressions: 'x = a?.b?.[c]?.(d) ?? e; y = 10n ** 2n; z = /re[/]g/giu; w = new.target ?? void 0; label: for (const q of r) { if (q) continue label; else break label; }',
  'comments and directives': "'use strict';\n// line\n/* block */ var v = 1; /** doc */ function f() { 'use asm'; }",
  'webcompat and sloppy mode': 'with (o) { p = 1; }\nvar yield = 1, let = 2, static = 3; function f(a, a) { return arguments; }',
  'objects and assignment': 'var o = { a, b: 1, [c]: 2, ...d, get e() { return 1; }, f() {}, async *g() {} }; ({ x = 1, y: [z] } = o); [a, , b] = c; a ||= b; a &&= c; a ??= d;',
};

describe('JavaScript parsed by meriyah', () => {
  for (const [name, text] of Object.entries(CONSTRUCTS)) {
    it(`gives typescript-estree's tree: ${name}`, () => {
      expect(meriyahTree(text, true)).toEqual(typescriptEstreeTree(text, true));
      expect(meriyahTree(text, false)).toEqual(typescriptEstreeTree(text, false));
    });
  }

  it('leaves what it rejects, and TypeScript, to typescript-estree, whose messages the notifications keep', () => {
    expect(parseJavaScript('let x: number = 1;', false)).toBeUndefined();
    const broken = parseScript('a.js', 'var = 1;');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.notification.message).toBe('syntax error: Variable declaration expected; file not analysed');
    expect(parseScript('a.ts', 'let x: number = 1;').ok).toBe(true);
  });

  it('reads sloppy-mode JavaScript that typescript-estree refuses, as the platforms run it', () => {
    const parsed = parseScript('legacy.js', 'var mode = 0644; wx.setStorageSync("mode", mode);');
    expect(parsed.ok).toBe(true);
  });

  it('reports code nested beyond the stack as an error, not a crash', () => {
    const deep = `x = ${'['.repeat(200_000)}${']'.repeat(200_000)};`;
    const parsed = parseScript('deep.js', deep);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.notification.message).toMatch(/nested too deeply/);
  });
});
