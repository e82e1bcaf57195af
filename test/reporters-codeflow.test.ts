import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type * as Sarif from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowText, sarifCodeFlows, withSourceLink } from '../src/reporters/code-flow.js';
import { formatJson } from '../src/reporters/json.js';
import { formatSarif, toSarif, type SourceLookup } from '../src/reporters/sarif.js';
import { formatText } from '../src/reporters/text.js';
import type { ProjectResult, RuleDescriptor, ScanResult } from '../src/scan-result.js';
import type { Finding, FlowStep, SourceLocation } from '../src/types.js';
import { LineIndex } from '../src/util/line-index.js';
import { multitoolResults } from './helpers/sarif-multitool.js';

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const ROOT = '/work/projects/shop app';
const LOGIN = 'pages/login/login.js';
const USER = 'utils/user.js';
const RELAY = 'utils/relay.js';
const CONFIG = 'config.js';
const SECRET = 'sk_live_ABCDEFGH12345678';

const FILES: Record<string, string> = {
  [LOGIN]: [
    'Page({',
    '  onGetPhone(e) {',
    '    const phone = e.detail.phoneNumber;',
    '    saveUser(phone);',
    "    wx.setStorageSync('phone', phone);",
    '  },',
    '  onLoad(options) {',
    '    const next = options.next;',
    '    wx.navigateTo({ url: next });',
    "    wx.request({ url: 'http://api.example.com/log', data: next });",
    '  },',
    '});',
    '',
  ].join('\n'),
  [USER]: 'export function saveUser(phone) {\n  const user = { phone };\n  wx.setStorageSync(\'user\', user);\n}\n',
  [RELAY]: 'export const relay = (v) => v;\nexport const trim = (v) => String(v).trim();\nexport const pass = (v) => v;\n',
  [CONFIG]: `const KEY = '${SECRET}';\nwx.request({ url: 'https://api.example.com', header: { k: KEY } });\n`,
};

const sources: SourceLookup = (root, file) => (root === ROOT ? FILES[file] : undefined);

function at(file: string, snippet: string, nth = 0): SourceLocation {
  const text = FILES[file]!;
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(snippet, index + 1);
    if (index < 0) throw new Error(`${snippet} not in ${file}`);
  }
  return { file, region: new LineIndex(text).region(index, index + snippet.length) };
}

const step = (location: SourceLocation, message: string): FlowStep => ({ location, message });

const PHONE = step(at(LOGIN, 'e.detail.phoneNumber'), 'phone number from the getPhoneNumber event');
const NEXT = step(at(LOGIN, 'options.next'), 'page query [options.next]');
const REQUEST = at(LOGIN, 'data: next');

function rule(id: string): RuleDescriptor {
  return {
    id,
    description: `${id} description.`,
    rationale: `${id} rationale.`,
    severity: 'warning',
    tags: ['security'],
    cwe: [359],
    precision: 'medium',
    securitySeverity: 5,
    effectiveSeverity: 'warning',
    helpUri: `https://github.com/minivet/minivet/blob/main/docs/rules/${id}.md`,
    helpMarkdown: '',
  };
}

const RULES = ['hardcoded-secret', 'insecure-transport', 'sensitive-data-leak', 'sensitive-data-to-storage', 'unchecked-referrer-data'].map(rule);

/** The findings the data-flow rules would produce, plus one plain finding and one redacted one. */
function findings(): Finding[] {
  const toStorage = at(LOGIN, "wx.setStorageSync('phone', phone)");
  const userSink = at(USER, "wx.setStorageSync('user', user)");
  const navigate = at(LOGIN, 'url: next');
  const secret = at(CONFIG, `'${SECRET}'`);
  const leak = (source: FlowStep): Finding => ({
    ruleId: 'sensitive-data-leak',
    severity: 'warning',
    message: 'Personal data is sent to a server.',
    location: REQUEST,
    codeFlow: [source, step(REQUEST, 'sent as request data')],
  });
  return [
    {
      ruleId: 'sensitive-data-to-storage',
      severity: 'warning',
      message: 'A phone number is written to local storage.',
      location: toStorage,
      codeFlow: [PHONE, step(toStorage, 'written to storage')],
    },
    {
      ruleId: 'sensitive-data-to-storage',
      severity: 'warning',
      message: 'A phone number is written to local storage',
      location: userSink,
      codeFlow: [
        PHONE,
        step(at(LOGIN, 'saveUser(phone)'), 'passed to saveUser'),
        step(at(RELAY, '(v) => v'), 'relayed'),
        step(at(RELAY, 'String(v)'), 'converted'),
        step(at(RELAY, '(v) => v', 1), 'passed on'),
        step(at(USER, 'phone'), 'parameter phone'),
        step(at(USER, '{ phone }'), 'stored in user'),
        step(userSink, 'written to storage'),
      ],
    },
    {
      ruleId: 'unchecked-referrer-data',
      severity: 'warning',
      message: 'Page query reaches wx.navigateTo without a check.',
      location: navigate,
      relatedLocations: [{ location: NEXT.location, message: 'read from the page query' }],
      codeFlow: [NEXT, step(navigate, 'navigated to')],
    },
    leak(NEXT),
    leak(PHONE),
    {
      ruleId: 'insecure-transport',
      severity: 'warning',
      message: 'Request to a plain-HTTP URL.',
      location: at(LOGIN, "'http://api.example.com/log'"),
      relatedLocations: [{ location: at(LOGIN, 'wx.request'), message: 'the request' }],
    },
    {
      ruleId: 'hardcoded-secret',
      severity: 'error',
      message: 'A secret key is hard-coded.',
      location: secret,
      properties: { redact: true, masked: 'sk_l…5678' },
      codeFlow: [step(secret, 'hard-coded key'), step(at(CONFIG, 'KEY', 1), 'sent in a request header')],
    },
  ];
}

function scan(list = findings()): ScanResult {
  const project: ProjectResult = {
    root: ROOT,
    displayPath: 'shop app',
    appRoot: '',
    platform: 'wechat',
    compiled: false,
    findings: list,
    notifications: [],
    stats: { filesAnalysed: 4, filesSkipped: 0, scriptFiles: 4, templateFiles: 0, bytes: 900 },
  };
  return { tool: { name: 'minivet', version: '0.1.0', informationUri: 'https://github.com/minivet/minivet' }, rules: RULES, projects: [project] };
}

const sarifLog = (list = findings()): Sarif.Log => toSarif(scan(list), sources, { srcRoot: '/work/projects' });
const byRule = (log: Sarif.Log, ruleId: string): Sarif.Result[] => log.runs[0]!.results!.filter((r) => r.ruleId === ruleId);
const threadLocations = (result: Sarif.Result) => result.codeFlows![0]!.threadFlows[0]!.locations;

describe('SARIF codeFlows', () => {
  const log = sarifLog();
  const run = log.runs[0]!;

  it('validates against the SARIF 2.1.0 schema, which does check code flows', async () => {
    const schema = JSON.parse(await readFile(new URL('./schemas/sarif-2.1.0.json', import.meta.url), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(JSON.parse(formatSarif(log))), JSON.stringify(validate.errors)).toBe(true);
    const broken = sarifLog();
    broken.runs[0]!.results![0]!.codeFlows = [{ threadFlows: [{ locations: [] }] }];
    expect(validate(JSON.parse(formatSarif(broken)))).toBe(false);
  });

  it('writes one thread flow, source first with SARIF kinds, each step anchored like the result', () => {
    const [direct] = byRule(log, 'sensitive-data-to-storage').filter((r) => r.locations![0]!.physicalLocation!.region!.startLine === 5);
    expect(direct!.codeFlows).toHaveLength(1);
    expect(direct!.codeFlows![0]!.threadFlows).toHaveLength(1);
    const login = { uri: 'shop%20app/pages/login/login.js', uriBaseId: '%SRCROOT%', index: run.artifacts!.findIndex((a) => a.location!.uri === 'shop%20app/pages/login/login.js') };
    expect(threadLocations(direct!)).toEqual([
      {
        location: {
          physicalLocation: { artifactLocation: login, region: { startLine: 3, startColumn: 19, endLine: 3, endColumn: 39 } },
          message: { text: 'phone number from the getPhoneNumber event' },
        },
        kinds: ['acquire', 'taint'],
      },
      {
        location: {
          physicalLocation: direct!.locations![0]!.physicalLocation,
          message: { text: 'written to storage' },
        },
        kinds: ['taint', 'danger'],
      },
    ]);
    expect(run.originalUriBaseIds!['%SRCROOT%']!.uri).toBe('file:///work/projects/');
  });

  it('gives only the ends kinds, and lists files reached only by a path as artifacts', () => {
    const long = byRule(log, 'sensitive-data-to-storage').find((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri!.endsWith('user.js'))!;
    const steps = threadLocations(long);
    expect(steps).toHaveLength(8);
    expect(steps.slice(1, -1).every((s) => s.kinds === undefined)).toBe(true);
    const uris = run.artifacts!.map((a) => a.location!.uri);
    expect(uris).toContain('shop%20app/utils/relay.js');
    for (const s of steps) {
      const where = s.location!.physicalLocation!.artifactLocation!;
      expect(uris[where.index!]).toBe(where.uri);
    }
  });

  it('adds the source as a linked related location once, and not when it is the sink', () => {
    const [direct] = byRule(log, 'sensitive-data-to-storage');
    expect(direct!.relatedLocations).toEqual([
      { id: 1, physicalLocation: threadLocations(direct!)[0]!.location!.physicalLocation, message: { text: 'phone number from the getPhoneNumber event' } },
    ]);
    expect(direct!.message.text).toBe('A phone number is written to local storage. Source: [phone number from the getPhoneNumber event](1).');
    // Already a related location: reused, with its id, and brackets in the link text escaped.
    const [referrer] = byRule(log, 'unchecked-referrer-data');
    expect(referrer!.relatedLocations).toHaveLength(1);
    expect(referrer!.message.text).toBe('Page query reaches wx.navigateTo without a check. Source: [page query \\[options.next\\]](1).');
    const [secret] = byRule(log, 'hardcoded-secret');
    expect(secret!.relatedLocations).toBeUndefined();
    expect(secret!.message.text).toBe('A secret key is hard-coded.');
  });

  it('leaves findings without a path as they were, fingerprints included', () => {
    const [plain] = byRule(log, 'insecure-transport');
    expect(plain!.codeFlows).toBeUndefined();
    expect(plain!.message.text).toBe('Request to a plain-HTTP URL.');
    expect(plain!.relatedLocations).toHaveLength(1);
    const stripped = sarifLog(findings().map(({ codeFlow: _, ...rest }) => rest));
    const prints = (l: Sarif.Log) => l.runs[0]!.results!.map((r) => `${r.ruleId} ${r.partialFingerprints!['primaryLocationLineHash']}`);
    expect(prints(stripped)).toEqual(prints(log));
  });

  it('is byte-identical across calls and input orders, even for findings that differ only in their path', () => {
    const text = formatSarif(log);
    expect(formatSarif(sarifLog())).toBe(text);
    expect(formatSarif(sarifLog(findings().reverse()))).toBe(text);
    const leaks = byRule(log, 'sensitive-data-leak').map((r) => threadLocations(r)[0]!.location!.message!.text);
    // Tie broken by the path: the source on line 3 before the one on line 8.
    expect(leaks).toEqual(['phone number from the getPhoneNumber event', 'page query [options.next]']);
  });

  it('keeps both ends of a path longer than GitHub shows', () => {
    const physical = (l: SourceLocation): Sarif.PhysicalLocation => ({ artifactLocation: { uri: l.file }, region: { startLine: l.region.start.line } });
    const flow = Array.from({ length: 1500 }, (_, i) => step({ ...PHONE.location, file: `f${i}.js` }, `step ${i}`));
    const steps = sarifCodeFlows(flow, physical)[0]!.threadFlows[0]!.locations;
    expect(steps).toHaveLength(1000);
    expect(steps[0]!.location!.message!.text).toBe('step 0');
    expect(steps[499]!.location!.message!.text).toBe('step 499');
    expect(steps[500]!.location!.message!.text).toBe('step 1000');
    expect(steps[999]!.kinds).toEqual(['taint', 'danger']);
  });

  it('escapes link text and ends the message with a sentence', () => {
    expect(withSourceLink('No period', 'a [b] \\ c.', 3)).toBe('No period. Source: [a \\[b\\] \\\\ c](3).');
    expect(withSourceLink('Done!', '  ', 2)).toBe('Done! Source: [source](2).');
  });
});

describe('SARIF Multitool on code flows (rule kinds Gh;Sarif)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'minivet-codeflow-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds nothing in the log, and catches a flow step pointing at a missing artifact', { timeout: 240_000 }, async () => {
    const path = join(dir, 'flows.sarif');
    await writeFile(path, formatSarif(sarifLog()));
    expect((await multitoolResults(path)).map((p) => `${p.level} ${p.ruleId}: ${p.message}`)).toEqual([]);
    const broken = sarifLog();
    threadLocations(broken.runs[0]!.results![0]!)[0]!.location!.physicalLocation!.artifactLocation!.index = 99;
    await writeFile(path, formatSarif(broken));
    expect((await multitoolResults(path)).some((p) => p.ruleId === 'SARIF1009' && p.message.includes('threadFlows'))).toBe(true);
  });
});

describe('text path line', () => {
  const text = formatText(scan(), { color: false, quiet: false, sources });
  const display = (file: string) => `app/${file}`;
  const flow = (...lines: [string, number][]): FlowStep[] =>
    lines.map(([file, line]) => step({ file, region: { start: { line, column: 1 }, end: { line, column: 2 }, startOffset: 0, endOffset: 1 } }, ''));

  it('prints the path under the finding, same-file steps by line only', () => {
    expect(text).toContain(
      [
        '  5:5    warning  A phone number is written to local storage.  sensitive-data-to-storage',
        "         │ wx.setStorageSync('phone', phone);",
        '         ↳ source line 3 → sink line 5',
      ].join('\n'),
    );
  });

  it('elides a long path in the middle and names the file again after the gap', () => {
    expect(text).toContain(
      [
        "       │ wx.setStorageSync('user', user);",
        '       ↳ source shop app/pages/login/login.js:3 → line 4 → … 4 more … → shop app/utils/user.js:2 → sink line 3',
      ].join('\n'),
    );
    const five = flow(['a.js', 1], ['a.js', 2], ['b.js', 3], ['b.js', 4], ['a.js', 5]);
    expect(flowText(five, 'a.js', display)).toBe('↳ source line 1 → line 2 → app/b.js:3 → line 4 → sink app/a.js:5');
    const six = flow(['a.js', 1], ['a.js', 2], ['b.js', 3], ['b.js', 4], ['a.js', 5], ['a.js', 6]);
    expect(flowText(six, 'a.js', display)).toBe('↳ source line 1 → line 2 → … 2 more … → app/a.js:5 → sink line 6');
  });

  it('shows a step once per line, and nothing for a path that never leaves one line', () => {
    expect(flowText(flow(['a.js', 1], ['a.js', 1], ['a.js', 4]), 'a.js', display)).toBe('↳ source line 1 → sink line 4');
    expect(flowText(flow(['a.js', 1], ['a.js', 1]), 'a.js', display)).toBe('');
    expect(flowText([], 'a.js', display)).toBe('');
  });

  it('keeps a redacted secret masked', () => {
    expect(text).not.toContain(SECRET);
    expect(text).toContain("│ const KEY = sk_l…5678;\n        ↳ source line 1 → sink line 2");
  });

  it('colours only with colour on, and otherwise reads the same', () => {
    const coloured = formatText(scan(), { color: true, quiet: false, sources });
    expect(coloured).toMatch(/\u001b\[2m↳\u001b\[22m/);
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(text);
    expect(text).not.toContain('\u001b');
  });
});

describe('JSON codeFlow', () => {
  const output = JSON.parse(formatJson(scan()));
  const list = output.projects[0].findings as Record<string, unknown>[];

  it('writes each step like a location, only for findings with a path', () => {
    expect(output.formatVersion).toBe(1);
    expect(list[0]!['codeFlow']).toEqual([
      { message: 'phone number from the getPhoneNumber event', file: LOGIN, line: 3, column: 19, endLine: 3, endColumn: 39 },
      { message: 'written to storage', file: LOGIN, line: 5, column: 5, endLine: 5, endColumn: 38 },
    ]);
    expect(Object.keys(list[0]!).slice(-2)).toEqual(['related', 'codeFlow']);
    const plain = list.find((f) => f['ruleId'] === 'insecure-transport')!;
    expect('codeFlow' in plain).toBe(false);
    expect(formatJson(scan())).toBe(formatJson(scan()));
  });
});
