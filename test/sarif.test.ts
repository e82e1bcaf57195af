import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type * as Sarif from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseLine, primaryLocationLineHash } from '../src/reporters/fingerprint.js';
import { formatSarif, toSarif, type SourceLookup } from '../src/reporters/sarif.js';
import type { ProjectResult, RuleDescriptor, ScanResult } from '../src/scan-result.js';
import type { Finding, SourceLocation } from '../src/types.js';
import { LineIndex } from '../src/util/line-index.js';
import { multitoolProblems, multitoolResults } from './helpers/sarif-multitool.js';

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const WECHAT_ROOT = '/work/projects/weather app';
const ALIPAY_ROOT = '/work/projects/alipay-app';

const INDEX_JS = [
  "const API = 'http://api.example.com/weather';",
  'Page({',
  '  onLoad() {',
  "    wx.getLocation({ type: 'wgs84' });",
  "    wx.getLocation({ type: 'wgs84' });",
  '  },',
  '});',
  '',
].join('\n');
const PROFILE_JS = "wx.request({ url: 'http://cdn.example.com/avatar' });\n";
const APP_JSON = '{\n  "pages": ["pages/index/index"],\n  "permission": {}\n}\n';
const ALIPAY_JS = "my.request({ url: 'http://example.com/a' });\n";

const RULES: RuleDescriptor[] = [
  {
    id: 'undeclared-permission',
    description: 'Private API used without a declaration in app.json.',
    rationale: 'WeChat rejects or blocks private APIs that app.json does not declare.',
    severity: 'error',
    tags: ['privacy', 'manifest'],
    cwe: [359],
    precision: 'high',
    securitySeverity: 6,
    effectiveSeverity: 'error',
    helpUri: 'https://github.com/minivet/minivet/blob/main/docs/rules/undeclared-permission.md',
    helpMarkdown: '# undeclared-permission\n\nDeclare it in `app.json`.\n',
  },
  {
    id: 'insecure-http',
    description: 'Plain-HTTP URL in a network request.',
    rationale: 'Traffic over HTTP can be read and altered in transit.',
    severity: 'warning',
    tags: ['security'],
    cwe: [319, 5],
    precision: 'medium',
    securitySeverity: 5.25,
    effectiveSeverity: 'warning',
    helpUri: 'https://github.com/minivet/minivet/blob/main/docs/rules/insecure-http.md',
    helpMarkdown: '',
  },
];

/** A location covering the `nth` occurrence of `snippet` in `text`. */
function at(file: string, text: string, snippet: string, nth = 0): SourceLocation {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(snippet, index + 1);
    if (index < 0) throw new Error(`${snippet} not in ${file}`);
  }
  return { file, region: new LineIndex(text).region(index, index + snippet.length) };
}

function wechatFindings(indexJs: string): Finding[] {
  const appJson = at('app.json', APP_JSON, '"permission"');
  const permission = (nth: number): Finding => ({
    ruleId: 'undeclared-permission',
    severity: 'error',
    message: 'wx.getLocation is used but app.json does not declare it in requiredPrivateInfos',
    location: at('pages/index/index.js', indexJs, 'wx.getLocation', nth),
    relatedLocations: [{ location: appJson, message: 'Declarations are read from here' }],
    properties: { api: 'getLocation', namespace: 'wx' },
  });
  return [
    {
      ruleId: 'insecure-http',
      severity: 'warning',
      message: 'Request to a plain-HTTP URL.',
      location: at('pages/index/index.js', indexJs, "'http://api.example.com/weather'"),
    },
    permission(0),
    permission(1),
    {
      ruleId: 'insecure-http',
      severity: 'warning',
      message: 'Request to a plain-HTTP URL.',
      location: at('pages/my page/profile.js', PROFILE_JS, "'http://cdn.example.com/avatar'"),
      thirdParty: true,
      properties: { url: 'http://cdn.example.com/avatar' },
    },
  ];
}

const STATS = { filesAnalysed: 3, filesSkipped: 1, scriptFiles: 2, templateFiles: 0, bytes: 400 };

function scan(indexJs = INDEX_JS): ScanResult {
  const wechat: ProjectResult = {
    root: WECHAT_ROOT,
    displayPath: './weather app/',
    appRoot: '',
    platform: 'wechat',
    compiled: false,
    findings: wechatFindings(indexJs),
    notifications: [
      {
        kind: 'syntax-error',
        file: 'pages/broken #1.js',
        message: 'Unexpected token (3:7); the file was skipped',
        level: 'warning',
        position: { line: 3, column: 7 },
      },
    ],
    stats: STATS,
  };
  const alipay: ProjectResult = {
    root: ALIPAY_ROOT,
    displayPath: 'alipay-app',
    appRoot: '',
    platform: 'alipay',
    compiled: false,
    findings: [
      {
        ruleId: 'insecure-http',
        severity: 'warning',
        message: 'Request to a plain-HTTP URL.',
        location: at('页面/首页.js', ALIPAY_JS, "'http://example.com/a'"),
      },
    ],
    notifications: [{ kind: 'binary-file', file: 'assets/logo.png', message: 'Binary file skipped.', level: 'note' }],
    stats: STATS,
  };
  return {
    tool: { name: 'minivet', version: '0.1.0', informationUri: 'https://github.com/minivet/minivet' },
    rules: RULES,
    projects: [wechat, alipay],
  };
}

function sourcesFor(indexJs = INDEX_JS): SourceLookup {
  const files: Record<string, Record<string, string>> = {
    [WECHAT_ROOT]: { 'pages/index/index.js': indexJs, 'pages/my page/profile.js': PROFILE_JS, 'app.json': APP_JSON },
    [ALIPAY_ROOT]: { '页面/首页.js': ALIPAY_JS },
  };
  return (root, file) => files[root]?.[file];
}

function fingerprints(log: Sarif.Log): string[] {
  return log.runs[0]!.results!.map((result) => result.partialFingerprints!['primaryLocationLineHash']!);
}

describe('toSarif', () => {
  const log = toSarif(scan(), sourcesFor());

  it('validates against the SARIF 2.1.0 schema', async () => {
    const schema = JSON.parse(await readFile(new URL('./schemas/sarif-2.1.0.json', import.meta.url), 'utf8'));
    // The schema declares JSON Schema 2020-12, hence Ajv2020.
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(JSON.parse(formatSarif(log)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('gives every region a startLine (an OASIS schema rule the vendored schema lacks)', () => {
    const regions = JSON.stringify(log).match(/"region":\{[^}]*\}/g) ?? [];
    expect(regions.length).toBeGreaterThan(0);
    for (const region of regions) expect(region).toContain('"startLine"');
  });

  it('writes one run per project, each with its own automation id and source root', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(2);
    expect(log.runs.map((run) => run.automationDetails?.id)).toEqual(['minivet/weather app/', 'minivet/alipay-app/']);
    expect(log.runs.map((run) => run.originalUriBaseIds?.['%SRCROOT%']?.uri)).toEqual([
      'file:///work/projects/weather%20app/',
      'file:///work/projects/alipay-app/',
    ]);
    expect(log.runs[0]!.results).toHaveLength(4);
    expect(log.runs[1]!.results).toHaveLength(1);
    for (const run of log.runs) {
      expect(run.columnKind).toBe('utf16CodeUnits');
      expect(run.invocations).toHaveLength(1);
      expect(run.invocations![0]!.executionSuccessful).toBe(true);
    }
  });

  it('describes every rule for GitHub', () => {
    const rules = log.runs[0]!.tool.driver.rules!;
    expect(rules.map((rule) => rule.id)).toEqual(['insecure-http', 'undeclared-permission']);
    const [http, permission] = rules;
    expect(http).toMatchObject({
      name: 'InsecureHttp',
      shortDescription: { text: 'Plain-HTTP URL in a network request.' },
      fullDescription: { text: 'Traffic over HTTP can be read and altered in transit.' },
      help: {
        text: 'Traffic over HTTP can be read and altered in transit.',
        markdown: 'Traffic over HTTP can be read and altered in transit.',
      },
      defaultConfiguration: { level: 'warning' },
      properties: {
        tags: ['security', 'external/cwe/cwe-319', 'external/cwe/cwe-005'],
        precision: 'medium',
        'security-severity': '5.3',
        'problem.severity': 'warning',
      },
    });
    expect(permission!.help!.markdown).toBe(RULES[0]!.helpMarkdown);
    expect(permission!.properties!['security-severity']).toBe('6.0');
    expect(permission!.properties!['problem.severity']).toBe('error');
  });

  it('points results at rules, artifacts and regions', () => {
    const run = log.runs[0]!;
    expect(run.artifacts!.map((artifact) => artifact.location!.uri)).toEqual([
      'app.json',
      'pages/broken%20%231.js',
      'pages/index/index.js',
      'pages/my%20page/profile.js',
    ]);
    const [http, first] = run.results!;
    expect(http).toMatchObject({
      ruleId: 'insecure-http',
      ruleIndex: 0,
      level: 'warning',
      message: { text: 'Request to a plain-HTTP URL.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'pages/index/index.js', uriBaseId: '%SRCROOT%', index: 2 },
            region: { startLine: 1, startColumn: 13, endLine: 1, endColumn: 45 },
          },
        },
      ],
    });
    expect(first).toMatchObject({
      ruleId: 'undeclared-permission',
      ruleIndex: 1,
      level: 'error',
      message: { text: 'wx.getLocation is used but app.json does not declare it in requiredPrivateInfos' },
      relatedLocations: [
        {
          id: 1,
          message: { text: 'Declarations are read from here' },
          physicalLocation: { artifactLocation: { uri: 'app.json', index: 0 }, region: { startLine: 3 } },
        },
      ],
      properties: { api: 'getLocation', namespace: 'wx' },
    });
    expect(run.results![3]!.properties).toEqual({ thirdParty: true, url: 'http://cdn.example.com/avatar' });
  });

  it('percent-encodes URIs that resolve back to the scanned files', () => {
    for (const run of log.runs) {
      const base = run.originalUriBaseIds!['%SRCROOT%']!.uri!;
      for (const artifact of run.artifacts!) {
        expect(artifact.location!.uri).not.toMatch(/[ #\u0080-\uffff]/);
        expect(fileURLToPath(new URL(artifact.location!.uri!, base))).toMatch(/^\/work\/projects\//);
      }
    }
    expect(log.runs[1]!.artifacts!.map((artifact) => artifact.location!.uri)).toEqual([
      'assets/logo.png',
      '%E9%A1%B5%E9%9D%A2/%E9%A6%96%E9%A1%B5.js',
    ]);
    const resolved = new URL('pages/my%20page/profile.js', log.runs[0]!.originalUriBaseIds!['%SRCROOT%']!.uri);
    expect(fileURLToPath(resolved)).toBe(join(WECHAT_ROOT, 'pages/my page/profile.js'));
  });

  it('reports file notifications as tool execution notifications', () => {
    expect(log.runs[0]!.invocations![0]!.toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: { text: 'Unexpected token (3:7); the file was skipped' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'pages/broken%20%231.js', uriBaseId: '%SRCROOT%', index: 1 },
              region: { startLine: 3, startColumn: 7 },
            },
          },
        ],
        descriptor: { id: 'syntax-error' },
      },
    ]);
    const [binary] = log.runs[1]!.invocations![0]!.toolExecutionNotifications!;
    expect(binary!.locations![0]!.physicalLocation!.region).toBeUndefined();
  });

  it('is byte-identical across calls and input orders', () => {
    const again = scan();
    again.rules = [...again.rules].reverse();
    again.projects[0]!.findings.reverse();
    expect(formatSarif(toSarif(again, sourcesFor()))).toBe(formatSarif(log));
    expect(formatSarif(toSarif(scan(), sourcesFor()))).toBe(formatSarif(log));
    expect(formatSarif(log).endsWith('}\n')).toBe(true);
  });
});

describe('primaryLocationLineHash', () => {
  it('survives lines inserted above and re-indentation', () => {
    const before = fingerprints(toSarif(scan(), sourcesFor()));
    const moved = `// header\n\n/* more */\n${INDEX_JS.replace(/^ {4}wx/gm, '\t\twx')}`;
    const after = toSarif(scan(moved), sourcesFor(moved));
    expect(after.runs[0]!.results![1]!.locations![0]!.physicalLocation!.region!.startLine).toBe(7);
    expect(fingerprints(after)).toEqual(before);
  });

  it('counts identical lines for the same rule', () => {
    const [http, first, second, other] = fingerprints(toSarif(scan(), sourcesFor()));
    expect(first).toMatch(/^[0-9a-f]{16}:1$/);
    expect(second).toBe(first!.replace(/:1$/, ':2'));
    expect(http).toMatch(/:1$/);
    expect(new Set([http, first, second, other]).size).toBe(4);
  });

  it('differs by rule, by file and by line text', () => {
    const line = normaliseLine("   wx.getLocation({ type:   'wgs84' });  ");
    expect(line).toBe("wx.getLocation({ type: 'wgs84' });");
    const base = primaryLocationLineHash('undeclared-permission', 'a.js', line, 1);
    expect(primaryLocationLineHash('undeclared-permission', 'a.js', line, 1)).toBe(base);
    expect(primaryLocationLineHash('insecure-http', 'a.js', line, 1)).not.toBe(base);
    expect(primaryLocationLineHash('undeclared-permission', 'b.js', line, 1)).not.toBe(base);
    expect(primaryLocationLineHash('undeclared-permission', 'a.js', `${line} `, 1)).not.toBe(base);
    expect(primaryLocationLineHash('undeclared-permission', 'a.js', line, 2)).toBe(base.replace(/:1$/, ':2'));
  });
});

describe('SARIF Multitool (rule kinds Gh;Sarif)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'minivet-sarif-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds no errors or warnings in the log', { timeout: 180_000 }, async () => {
    const path = join(dir, 'minivet.sarif');
    await writeFile(path, formatSarif(toSarif(scan(), sourcesFor())));
    const problems = await multitoolResults(path);
    const describe = (levels: string[]) =>
      problems.filter((p) => levels.includes(p.level)).map((p) => `${p.ruleId}: ${p.message}`);
    expect(describe(['error', 'warning'])).toEqual([]);
    expect(describe(['note', 'none'])).toEqual([]);
  });

  it('is a working check: it reports a log GitHub would reject', { timeout: 180_000 }, async () => {
    const broken = toSarif(scan(), sourcesFor());
    delete broken.runs[0]!.tool.driver.rules;
    const path = join(dir, 'broken.sarif');
    await writeFile(path, formatSarif(broken));
    const problems = await multitoolProblems(path);
    expect(problems.some((p) => p.startsWith('GH1018: runs[0].tool.driver:'))).toBe(true);
    expect(problems).toContain(
      "SARIF1009: runs[0].results[0]: This 'result' object contains a property 'ruleIndex' with value 0, " +
        "but 'runs[0].tool.driver.rules' does not exist. An index-valued property always refers to an array, " +
        'so the array must be present.',
    );
  });
});
