import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMinivet } from './helpers/run-cli.js';

/**
 * A folder unpacked from a .wxapkg: app-config.json and the service bundles (app-service.js, a
 * chunk_N.appservice.js, a subpackage's app-service.js), with a decompiled app.json and page beside
 * them, as unpacking tools leave it (fixtures/unpacked-package).
 */
interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  module?: string;
  message: string;
}

function scanJson(path: string): { code: number | null; findings: JsonFinding[]; manifest: string } {
  const run = runMinivet(['scan', path, '--format', 'json', '--fail-on', 'none']);
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as { projects: { findings: JsonFinding[] }[] };
  return { code: run.code, findings: report.projects[0]!.findings, manifest: '' };
}

const places = (findings: JsonFinding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.file}:${f.line}${f.module ? ` (${f.module})` : ''}`);

describe('an unpacked package folder', () => {
  const { code, findings } = scanJson('fixtures/unpacked-package');

  it('is scanned, not refused for lacking app.json', () => {
    expect(code).toBe(0);
    expect(findings.length).toBeGreaterThan(0);
  });

  it('reads app-config.json, not the decompiled app.json that dropped requiredPrivateInfos and permission', () => {
    expect(places(findings, 'undeclared-private-info')).toEqual([]);
    expect(places(findings, 'missing-permission-description')).toEqual([]);
    // Compiled subpackages keep only their root: that is not a manifest error there.
    expect(places(findings, 'invalid-manifest')).toEqual([]);
  });

  it('reports findings inside bundles at the bundle file and line, naming the module', () => {
    expect(places(findings, 'insecure-transport')).toEqual([
      'app-service.js:5 (utils/api.js)',
      'pages/index/index.js:5',
      'sub/app-service.js:6 (sub/pages/detail/detail.js)',
    ]);
    expect(places(findings, 'clipboard-read')).toEqual(['chunk_0.appservice.js:6 (components/share/share.js)']);
    const viaModule = findings.find((f) => f.ruleId === 'insecure-transport' && f.file === 'app-service.js')!;
    expect(viaModule.message).toContain('at app-service.js:14:');
    expect(findings.every((f) => !f.file.includes('.js/'))).toBe(true);
  });

  it('analyses the decompiled sources beside the bundles too: each copy ships', () => {
    expect(places(findings, 'sensitive-data-leak')).toEqual(['app-service.js:13 (pages/index/index.js)', 'pages/index/index.js:4']);
  });

  it("reads the web-views the compiled templates build (page-frame.html, a subpackage's page-frame.js) into the pages' data flows", () => {
    // pages/link loads its query's url; sub/pages/detail puts the stored token into one web-view's URL and an order id into another's.
    expect(places(findings, 'cross-page-request-forgery')).toEqual(['page-frame.html:34']);
    expect(places(findings, 'identity-to-webview')).toEqual(['sub/page-frame.js:17']);
    const identity = findings.find((f) => f.ruleId === 'identity-to-webview')!;
    expect(identity.message).toContain('read from storage key "token"');
  });

  it('gives SARIF a physical location with the module as a logical location', () => {
    const run = runMinivet(['scan', 'fixtures/unpacked-package', '--format', 'sarif', '--fail-on', 'none']);
    const log = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } }; logicalLocations?: { fullyQualifiedName: string; kind: string }[] }[] }[] }[] };
    const clipboard = log.runs[0]!.results.find((result) => result.ruleId === 'clipboard-read')!;
    expect(clipboard.locations[0]!.physicalLocation.artifactLocation.uri).toBe('fixtures/unpacked-package/chunk_0.appservice.js');
    expect(clipboard.locations[0]!.logicalLocations).toEqual([{ fullyQualifiedName: 'components/share/share.js', kind: 'module' }]);
  });

  it('is not mistaken for a package when app-service.js is missing: app.json is read then', () => {
    const dir = mkdtempSync(join(tmpdir(), 'minivet-unpacked-'));
    try {
      cpSync('fixtures/unpacked-package', dir, { recursive: true });
      rmSync(join(dir, 'app-service.js'));
      const { findings: sourceFindings } = scanJson(dir);
      // The decompiled app.json has no requiredPrivateInfos: the source-tree reading reports the page's getLocation.
      expect(places(sourceFindings, 'undeclared-private-info')).toEqual(['pages/index/index.js:4']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the render layer of an unpacked package', () => {
  const code = [
    "const appSecret = '2f8104fba08f6d3682da2bd8e369316b';",
    "wx.getLocation({ success(res) { wx.setStorageSync('lastLocation', res.latitude); } });",
  ].join('\n');
  const root = mkdtempSync(join(tmpdir(), 'minivet-render-'));
  cpSync('fixtures/unpacked-package', root, { recursive: true });
  writeFileSync(join(root, 'page-frame.js'), code);
  writeFileSync(join(root, 'chunk_3.webview.js'), code);
  writeFileSync(join(root, 'logic-helper.js'), code);
  const { findings } = scanJson(root);
  rmSync(root, { recursive: true, force: true });

  it('adds no data flows (compiled templates and styles), while the rules still read its strings', () => {
    expect(places(findings, 'sensitive-data-to-storage').filter((place) => !place.startsWith('pages/') && !place.startsWith('app-service') && !place.startsWith('chunk_0') && !place.startsWith('sub/'))).toEqual(['logic-helper.js:2']);
    expect(places(findings, 'hardcoded-secret').sort()).toEqual(expect.arrayContaining(['chunk_3.webview.js:1', 'logic-helper.js:1', 'page-frame.js:1']));
  });
});

describe('a service bundle with one broken module', () => {
  const bundle = (broken: string, prelude: string) => [
    prelude,
    'define("pages/a/a.js", function (require, module, exports) {',
    "  wx.setStorageSync('token', getApp().token);",
    '});',
    'define("lib/showdown.js", function (require, module, exports) {',
    `  ${broken}`,
    '});',
    'define("pages/b/b.js", function (require, module, exports) {',
    '  wx.getClipboardData({ success: function (res) { console.log(res.data); } });',
    '});',
  ].join('\n');
  const scan = (broken: string, prelude = 'var __wxAppCode__ = {};') => {
    const root = mkdtempSync(join(tmpdir(), 'minivet-broken-'));
    try {
      writeFileSync(join(root, 'app-config.json'), '{"pages":["pages/a/a","pages/b/b"]}');
      writeFileSync(join(root, 'app-service.js'), bundle(broken, prelude));
      const run = runMinivet(['scan', root, '--format', 'json', '--fail-on', 'none']);
      return JSON.parse(run.stdout) as { projects: { findings: JsonFinding[]; notifications: { file: string; message: string; line: number | null }[] }[] };
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };

  it('loses only that module: the others are analysed at their own lines, and the error names the module', () => {
    const report = scan('var l = /(?:^|[ \\t])([A-Za-z0-9!#$%&\n  ]~.] + @ / gi;');
    const { findings, notifications } = report.projects[0]!;
    expect(places(findings, 'clipboard-read')).toEqual(['app-service.js:10 (pages/b/b.js)']);
    expect(places(findings, 'sensitive-data-to-storage')).toEqual(['app-service.js:3 (pages/a/a.js)']);
    const errors = notifications.filter((n) => n.message.startsWith('syntax error'));
    expect(errors.map((n) => `${n.file}:${n.line} ${n.message.replace(/^syntax error: [^;]*; /, '')}`)).toEqual(['app-service.js:6 module "lib/showdown.js" not analysed, the rest of the bundle is']);
  });

  it('gives up the bundle, as before, when the error is outside every module', () => {
    const { findings, notifications } = scan('var ok = 1;', 'var = ;').projects[0]!;
    expect(findings.filter((f) => f.file.startsWith('app-service.js'))).toEqual([]);
    expect(notifications.some((n) => n.message.endsWith('file not analysed'))).toBe(true);
  });
});
