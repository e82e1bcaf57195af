import { describe, expect, it } from 'vitest';
import { JsonDocument } from '../src/manifest/json-document.js';
import { parseAppManifest } from '../src/manifest/parse-app-manifest.js';
import { readProjectLayout } from '../src/manifest/project-config.js';
import type { AppManifest } from '../src/manifest/app-manifest.js';

const WECHAT_PRIVATE_INFOS = [
  'getFuzzyLocation',
  'getLocation',
  'onLocationChange',
  'startLocationUpdate',
  'startLocationUpdateBackground',
  'chooseAddress',
  'choosePoi',
  'chooseLocation',
];

/** Offsets of the `nth` occurrence of `snippet`, to check problem regions against the text. */
function span(text: string, snippet: string, nth = 0): { startOffset: number; endOffset: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(snippet, index + 1);
    if (index < 0) throw new Error(`snippet not found: ${snippet}`);
  }
  return { startOffset: index, endOffset: index + snippet.length };
}

/** Offsets of `target` found inside the first occurrence of `context`. */
function within(text: string, context: string, target: string): { startOffset: number; endOffset: number } {
  const start = span(text, context).startOffset + context.indexOf(target);
  return { startOffset: start, endOffset: start + target.length };
}

function problemsOf(manifest: AppManifest): { message: string; startOffset: number; endOffset: number }[] {
  return manifest.problems.map((p) => ({
    message: p.message,
    startOffset: p.region.startOffset,
    endOffset: p.region.endOffset,
  }));
}

const VALID = [
  '{',
  '  "pages": ["pages/index/index", "pages/map/map"],',
  '  "subPackages": [{ "root": "pkgA", "pages": ["detail/detail"] }],',
  '  "plugins": { "myPlugin": { "provider": "wx0123456789abcdef", "version": "1.0.0" } },',
  '  "usingComponents": { "nav-bar": "/components/nav-bar/nav-bar" },',
  '  "requiredPrivateInfos": ["getLocation", "chooseAddress"],',
  '  "permission": { "scope.userLocation": { "desc": "Show nearby stores" } },',
  '  "__usePrivacyCheck__": true,',
  '  "navigateToMiniProgramAppIdList": ["wxfedcba9876543210"]',
  '}',
].join('\n');

describe('parseAppManifest: valid app.json', () => {
  const manifest = parseAppManifest('app.json', VALID, { knownPrivateInfos: WECHAT_PRIVATE_INFOS });

  it('has no problems', () => {
    expect(manifest.problems).toEqual([]);
  });

  it('reads every field', () => {
    expect(manifest.file).toBe('app.json');
    expect(manifest.pages.map((p) => p.value)).toEqual(['pages/index/index', 'pages/map/map']);
    expect(manifest.subPackages).toHaveLength(1);
    expect(manifest.subPackages[0]!.root.value).toBe('pkgA');
    expect(manifest.subPackages[0]!.pages.map((p) => p.value)).toEqual(['detail/detail']);
    expect(manifest.plugins.map((p) => [p.alias.value, p.provider?.value])).toEqual([['myPlugin', 'wx0123456789abcdef']]);
    expect(manifest.usingComponents.map((c) => [c.name.value, c.path.value])).toEqual([
      ['nav-bar', '/components/nav-bar/nav-bar'],
    ]);
    expect(manifest.requiredPrivateInfos?.entries.map((e) => e.value)).toEqual(['getLocation', 'chooseAddress']);
    expect(manifest.permission?.scopes.map((s) => [s.scope.value, s.desc?.value])).toEqual([
      ['scope.userLocation', 'Show nearby stores'],
    ]);
    expect(manifest.usePrivacyCheck?.value).toBe(true);
    expect(manifest.navigateToMiniProgramAppIdList?.map((a) => a.value)).toEqual(['wxfedcba9876543210']);
  });

  it('locates a requiredPrivateInfos entry exactly (1-based line and column, quotes included)', () => {
    const entry = manifest.requiredPrivateInfos!.entries[0]!;
    expect(entry.region.start).toEqual({ line: 6, column: 28 });
    expect(entry.region.end).toEqual({ line: 6, column: 41 });
    expect(entry.region.startOffset).toBe(VALID.indexOf('"getLocation"'));
    expect(entry.region.endOffset).toBe(VALID.indexOf('"getLocation"') + '"getLocation"'.length);
    expect(manifest.requiredPrivateInfos!.region.start).toEqual({ line: 6, column: 27 });
  });

  it('locates keys, values and the whole object', () => {
    expect(manifest.region.start).toEqual({ line: 1, column: 1 });
    expect(manifest.region.end).toEqual({ line: 10, column: 2 });
    expect(manifest.region.endOffset).toBe(VALID.length);
    const scope = manifest.permission!.scopes[0]!;
    expect(scope.scope.region.start).toEqual({ line: 7, column: 19 });
    expect(scope.desc!.region.start).toEqual({ line: 7, column: 51 });
    expect(manifest.usePrivacyCheck!.region).toMatchObject({ start: { line: 8, column: 26 }, end: { line: 8, column: 30 } });
  });
});

describe('parseAppManifest: wrongly typed fields', () => {
  const text = [
    '{',
    '  "pages": "pages/index/index",',
    '  "subpackages": [{ "root": "pkgB", "pages": ["a/a"] }, { "pages": [] }, 7],',
    '  "plugins": { "p": { "version": 1 }, "q": "wx1" },',
    '  "usingComponents": { "good": "/c/good", "bad": 3 },',
    '  "requiredPrivateInfos": "getLocation",',
    '  "permission": { "scope.userLocation": { "desc": 42 }, "scope.camera": { "desc": " " }, "scope.record": {}, "scope.werun": true, "camera": {} },',
    '  "__usePrivacyCheck__": "yes",',
    '  "navigateToMiniProgramAppIdList": ["wx1", 1]',
    '}',
  ].join('\n');
  const manifest = parseAppManifest('app.json', text);

  it('reports each at the offending value', () => {
    expect(problemsOf(manifest)).toEqual([
      { message: '"pages" must be an array of page paths', ...span(text, '"pages/index/index"') },
      { message: 'subpackages[1].root must be a non-empty string', ...span(text, '{ "pages": [] }') },
      { message: '"subpackages" must be an array of {"root", "pages"} objects', ...span(text, '7') },
      { message: 'plugins["p"].provider must be a non-empty string (the plugin\'s appid)', ...span(text, '{ "version": 1 }') },
      { message: 'plugins["p"].version must be a string', ...within(text, '"version": 1', '1') },
      { message: 'plugins["q"] must be an object with "provider" and "version"', ...span(text, '"wx1"') },
      { message: 'usingComponents["bad"] must be a non-empty path string', ...within(text, '"bad": 3', '3') },
      { message: '"requiredPrivateInfos" must be an array of strings', ...span(text, '"getLocation"') },
      { message: 'permission["scope.userLocation"].desc must be a non-empty string', ...span(text, '42') },
      { message: 'permission["scope.camera"].desc must be a non-empty string', ...span(text, '" "') },
      { message: 'permission["scope.record"].desc must be a non-empty string', ...span(text, '{}') },
      { message: 'permission["scope.werun"] must be an object with a "desc"', ...span(text, 'true') },
      { message: 'permission key "camera" is not an authorization scope (scope.…)', ...span(text, '"camera"') },
      { message: '"__usePrivacyCheck__" must be a boolean', ...span(text, '"yes"') },
      { message: '"navigateToMiniProgramAppIdList" must be an array of appid strings', ...within(text, '", 1]', '1') },
    ]);
  });

  it('still reads everything else', () => {
    expect(manifest.pages).toEqual([]);
    expect(manifest.subPackages.map((s) => s.root.value)).toEqual(['pkgB']);
    expect(manifest.plugins.map((p) => [p.alias.value, p.provider])).toEqual([['p', undefined]]);
    expect(manifest.usingComponents.map((c) => c.name.value)).toEqual(['good']);
    expect(manifest.requiredPrivateInfos).toBeUndefined();
    expect(manifest.permission?.scopes.map((s) => [s.scope.value, s.desc])).toEqual([
      ['scope.userLocation', undefined],
      ['scope.camera', undefined],
      ['scope.record', undefined],
      ['scope.werun', undefined],
    ]);
    expect(manifest.usePrivacyCheck).toBeUndefined();
    expect(manifest.navigateToMiniProgramAppIdList?.map((a) => a.value)).toEqual(['wx1']);
  });

  it('keeps the good entries of a partly wrong array', () => {
    const partial = '{"requiredPrivateInfos": ["getLocation", 5, ""]}';
    const result = parseAppManifest('app.json', partial);
    expect(result.requiredPrivateInfos?.entries.map((e) => e.value)).toEqual(['getLocation']);
    expect(problemsOf(result)).toEqual([
      { message: '"requiredPrivateInfos" must be an array of strings', ...span(partial, '5') },
      { message: '"requiredPrivateInfos" must be an array of strings', ...span(partial, '""') },
    ]);
  });

  it('reports a subpackage without pages and keeps it', () => {
    const result = parseAppManifest('app.json', '{"subPackages": [{"root": "pkg"}]}');
    expect(result.subPackages.map((s) => [s.root.value, s.pages.length])).toEqual([['pkg', 0]]);
    expect(result.problems.map((p) => p.message)).toEqual(['subPackages[0].pages must be an array of page paths']);
  });
});

describe('parseAppManifest: requiredPrivateInfos against the known list', () => {
  const text = '{"requiredPrivateInfos": ["getLocation", "getPhoneNumber", "getLocation"]}';
  const manifest = parseAppManifest('app.json', text, { knownPrivateInfos: WECHAT_PRIVATE_INFOS });

  it('reports an unknown entry and a repeated one', () => {
    expect(problemsOf(manifest)).toEqual([
      {
        message:
          "'getPhoneNumber' cannot be listed in requiredPrivateInfos: only these APIs can: " + WECHAT_PRIVATE_INFOS.join(', '),
        ...span(text, '"getPhoneNumber"'),
      },
      { message: "'getLocation' is listed more than once in requiredPrivateInfos", ...span(text, '"getLocation"', 1) },
    ]);
  });

  it('keeps all entries in the model', () => {
    expect(manifest.requiredPrivateInfos?.entries.map((e) => e.value)).toEqual(['getLocation', 'getPhoneNumber', 'getLocation']);
  });

  it('does not judge entries without a known list', () => {
    const result = parseAppManifest('app.json', '{"requiredPrivateInfos": ["getPhoneNumber"]}');
    expect(result.problems).toEqual([]);
  });
});

describe('parseAppManifest: syntax errors', () => {
  it('reports a trailing comma at the comma and still reads the pages', () => {
    const text = '{\n  "pages": ["a/a"],\n}';
    const manifest = parseAppManifest('app.json', text);
    expect(manifest.pages.map((p) => p.value)).toEqual(['a/a']);
    expect(manifest.problems).toHaveLength(1);
    expect(manifest.problems[0]!.message).toBe('trailing commas are not allowed in JSON');
    expect(manifest.problems[0]!.region).toMatchObject({ start: { line: 2, column: 19 }, startOffset: text.lastIndexOf(',') });
  });

  it('reports a trailing comma inside an array', () => {
    const manifest = parseAppManifest('app.json', '{"pages": ["a/a",]}');
    expect(manifest.problems.map((p) => [p.message, p.region.startOffset])).toEqual([
      ['trailing commas are not allowed in JSON', 16],
    ]);
    expect(manifest.pages.map((p) => p.value)).toEqual(['a/a']);
  });

  it('reports a comment and still reads the pages', () => {
    const text = '{\n  // the pages\n  "pages": ["a/a"]\n}';
    const manifest = parseAppManifest('app.json', text);
    expect(problemsOf(manifest)).toEqual([{ message: 'comments are not allowed in JSON', ...span(text, '// the pages') }]);
    expect(manifest.pages.map((p) => p.value)).toEqual(['a/a']);
  });

  it('reports an unterminated string and returns what it could read', () => {
    const text = '{"pages": ["a/a"], "window": {"navigationBarTitleText": "unterminated';
    const manifest = parseAppManifest('app.json', text);
    expect(manifest.pages.map((p) => p.value)).toEqual(['a/a']);
    expect(manifest.problems.map((p) => p.message)).toEqual([
      'syntax error: unexpected end of string',
      'syntax error: close brace expected',
    ]);
    expect(manifest.problems[0]!.region.startOffset).toBe(text.indexOf('"unterminated'));
  });

  it('reports an empty file with the whole file as region', () => {
    const manifest = parseAppManifest('app.json', '');
    expect(manifest.problems.map((p) => p.message)).toEqual(['the file is empty']);
    expect(manifest.region).toMatchObject({ startOffset: 0, endOffset: 0 });
    expect(manifest.pages).toEqual([]);
  });

  it('uses the whole file as region when nothing parses', () => {
    const text = 'not json';
    const manifest = parseAppManifest('app.json', text);
    expect(manifest.region).toMatchObject({ startOffset: 0, endOffset: text.length });
    expect(manifest.problems[0]!.message).toBe('syntax error: unexpected "not"');
  });
});

describe('parseAppManifest: odd inputs', () => {
  it('strips a BOM but keeps offsets into the original text', () => {
    const text = '\uFEFF{"pages": ["a/a"]}';
    const manifest = parseAppManifest('app.json', text);
    expect(manifest.problems).toEqual([]);
    expect(manifest.pages[0]!.region.startOffset).toBe(text.indexOf('"a/a"'));
    expect(manifest.region.startOffset).toBe(1);
  });

  it('reports duplicate keys at the later key; the last value wins', () => {
    const text = '{"pages": ["a/a"], "permission": {"scope.userLocation": {"desc": "x", "desc": "y"}}, "pages": ["b/b"]}';
    const manifest = parseAppManifest('app.json', text);
    expect(manifest.pages.map((p) => p.value)).toEqual(['b/b']);
    expect(manifest.permission?.scopes[0]?.desc?.value).toBe('y');
    expect(problemsOf(manifest)).toEqual([
      { message: 'duplicate key "desc"; the last one wins', ...span(text, '"desc"', 1) },
      { message: 'duplicate key "pages"; the last one wins', ...span(text, '"pages"', 1) },
    ]);
  });

  it.each([
    ['[]', '[]'],
    ['null', 'null'],
    [' "app" ', '"app"'],
    ['42', '42'],
  ])('reports a non-object root %s', (text, root) => {
    const manifest = parseAppManifest('app.json', text);
    expect(problemsOf(manifest)).toEqual([{ message: 'the top-level value must be an object', ...span(text, root) }]);
    expect(manifest.region).toMatchObject(span(text, root));
    expect(manifest.pages).toEqual([]);
  });

  it('survives 100,000 levels of nesting', () => {
    const text = '['.repeat(100_000) + ']'.repeat(100_000);
    const manifest = parseAppManifest('app.json', text);
    expect(manifest.problems.map((p) => p.message)).toContain('the JSON is nested too deeply to be parsed');
    expect(manifest.region).toMatchObject({ startOffset: 0, endOffset: text.length });
  });

  it('survives 5 MB of garbage and caps the syntax errors', () => {
    const text = '{:,]x'.repeat(1_000_000);
    const manifest = parseAppManifest('app.json', text);
    expect(manifest.problems).toHaveLength(21);
    expect(manifest.problems.at(-1)!.message).toMatch(/^\d+ more syntax errors not shown$/);
  });

  it('never throws on a sample of broken inputs', () => {
    const inputs = ['{', '}', '{"pages"', '{"pages":', '{"pages": [', '{"permission": {"scope.x": ', '\uFEFF', '"\\u12"', '{"a":1}}'];
    for (const input of inputs) expect(() => parseAppManifest('app.json', input)).not.toThrow();
  });
});

describe('parseAppManifest: subpackage spellings', () => {
  it('reads "subPackages"', () => {
    const manifest = parseAppManifest('app.json', '{"subPackages": [{"root": "a", "pages": ["p/p"]}]}');
    expect(manifest.subPackages.map((s) => s.root.value)).toEqual(['a']);
    expect(manifest.problems).toEqual([]);
  });

  it('reads "subpackages"', () => {
    const manifest = parseAppManifest('app.json', '{"subpackages": [{"root": "b", "pages": ["p/p"]}]}');
    expect(manifest.subPackages.map((s) => [s.root.value, s.pages.map((p) => p.value)])).toEqual([['b', ['p/p']]]);
    expect(manifest.problems).toEqual([]);
  });

  it('reads both when both are given, and says so', () => {
    const text = '{"subPackages": [{"root": "a", "pages": []}], "subpackages": [{"root": "b", "pages": []}]}';
    const manifest = parseAppManifest('app.json', text);
    expect(manifest.subPackages.map((s) => s.root.value)).toEqual(['a', 'b']);
    expect(problemsOf(manifest)).toEqual([
      { message: 'both "subPackages" and "subpackages" are given; use one of them', ...span(text, '"subpackages"') },
    ]);
  });
});

describe('JsonDocument', () => {
  it('accepts comments and trailing commas when lenient', () => {
    const doc = JsonDocument.parse('{\n // c\n "a": [1,],\n}', { lenient: true });
    expect(doc.problems).toEqual([]);
    expect(doc.arrayItems(doc.property(doc.root, 'a')?.valueNode)).toHaveLength(1);
  });

  it('checks value types', () => {
    const doc = JsonDocument.parse('{"s": "x", "b": false, "n": 1}');
    const value = (key: string) => doc.property(doc.root, key)?.valueNode;
    expect(doc.stringValue(value('s'))).toBe('x');
    expect(doc.stringValue(value('n'))).toBeUndefined();
    expect(doc.booleanValue(value('b'))).toBe(false);
    expect(doc.booleanValue(value('s'))).toBeUndefined();
    expect(doc.arrayItems(value('s'))).toBeUndefined();
    expect(doc.property(doc.root, 'missing')).toBeUndefined();
  });
});

describe('readProjectLayout', () => {
  const files = (entries: Record<string, string>) => (path: string) => entries[path];

  it('uses the scanned root when there is no project file', () => {
    expect(readProjectLayout(files({}))).toEqual({ appRoot: '', packIgnore: [], problems: [] });
  });

  it('normalises "miniprogram/"', () => {
    const layout = readProjectLayout(files({ 'project.config.json': '{"miniprogramRoot": "miniprogram/"}' }));
    expect(layout).toEqual({ appRoot: 'miniprogram', source: 'project.config.json', packIgnore: [], problems: [] });
  });

  it('normalises "./src" and reads pluginRoot', () => {
    const layout = readProjectLayout(
      files({ 'project.config.json': '{"miniprogramRoot": "./src", "pluginRoot": "./plugin/"}' }),
    );
    expect(layout).toEqual({ appRoot: 'src', pluginRoot: 'plugin', source: 'project.config.json', packIgnore: [], problems: [] });
  });

  it('normalises inner dots and backslashes', () => {
    const layout = readProjectLayout(files({ 'project.config.json': '{"miniprogramRoot": "a\\\\b/./c/../d"}' }));
    expect(layout.appRoot).toBe('a/b/d');
  });

  it('refuses "../escape"', () => {
    const text = '{"miniprogramRoot": "../escape"}';
    const layout = readProjectLayout(files({ 'project.config.json': text }));
    expect(layout.appRoot).toBe('');
    expect(layout.source).toBeUndefined();
    expect(layout.problems).toEqual([
      {
        file: 'project.config.json',
        message: '"miniprogramRoot" "../escape" points outside the project; using the project root instead',
        region: expect.objectContaining(span(text, '"../escape"')),
      },
    ]);
  });

  it.each(['/home/dev/app', 'C:\\\\dev\\\\app'])('refuses the absolute path %s', (path) => {
    const layout = readProjectLayout(files({ 'project.config.json': `{"miniprogramRoot": "${path}"}` }));
    expect(layout.appRoot).toBe('');
    expect(layout.problems.map((p) => p.message)).toEqual([
      `"miniprogramRoot" must be a relative path, not ${JSON.stringify(JSON.parse(`"${path}"`))}; using the project root instead`,
    ]);
  });

  it('reports a non-string miniprogramRoot', () => {
    const layout = readProjectLayout(files({ 'project.config.json': '{"miniprogramRoot": 1}' }));
    expect(layout.appRoot).toBe('');
    expect(layout.problems.map((p) => p.message)).toEqual(['"miniprogramRoot" must be a string (a path relative to the project)']);
  });

  it('reads Alipay mini.project.json and Baidu project.swan.json', () => {
    expect(readProjectLayout(files({ 'mini.project.json': '{"miniprogramRoot": "client"}' }))).toMatchObject({
      appRoot: 'client',
      source: 'mini.project.json',
    });
    expect(readProjectLayout(files({ 'project.swan.json': '{"smartProgramRoot": "swan/"}' }))).toMatchObject({
      appRoot: 'swan',
      source: 'project.swan.json',
    });
  });

  it('prefers project.config.json and skips files without the key', () => {
    const layout = readProjectLayout(
      files({
        'project.config.json': '{"appid": "wx0123456789abcdef"}',
        'mini.project.json': '{"miniprogramRoot": "alipay"}',
      }),
    );
    expect(layout).toMatchObject({ appRoot: 'alipay', source: 'mini.project.json' });
  });

  it('reads packOptions.ignore from project.config.json, leaving out entries of unknown type or without a value', () => {
    const ignore = [{ type: 'folder', value: 'docs' }, { type: 'glob', value: '**/*.md' }, { type: 'everything', value: 'x' }, { type: 'file', value: '' }, { type: 'file' }, 'docs'];
    expect(readProjectLayout(files({ 'project.config.json': JSON.stringify({ packOptions: { ignore } }) })).packIgnore).toEqual([
      { type: 'folder', value: 'docs' },
      { type: 'glob', value: '**/*.md' },
    ]);
    // Only the WeChat tools' project file has the list.
    expect(readProjectLayout(files({ 'mini.project.json': JSON.stringify({ packOptions: { ignore: [{ type: 'folder', value: 'docs' }] } }) })).packIgnore).toEqual([]);
  });

  it('reports syntax errors in project files and keeps going', () => {
    const layout = readProjectLayout(files({ 'project.config.json': '{"miniprogramRoot": "app",}' }));
    expect(layout.appRoot).toBe('app');
    expect(layout.problems.map((p) => [p.file, p.message])).toEqual([
      ['project.config.json', 'trailing commas are not allowed in JSON'],
    ]);
  });
});
