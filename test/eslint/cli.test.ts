/**
 * End to end: the real ESLint command line (`node node_modules/eslint/bin/eslint.js --format json`)
 * as a child process, with the fixture projects' own eslint.config.js importing
 * `minivet/eslint-plugin` (the built dist/, as a user's project would). `npm test` builds first.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/run-cli.js';
import { APP } from './helpers.js';

const ESLINT = join(REPO, 'node_modules/eslint/bin/eslint.js');
const BROKEN = join(REPO, 'test/eslint/fixtures/broken-manifest');

interface Message {
  ruleId: string | null;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: number;
  fatal?: boolean;
}

interface Result {
  filePath: string;
  messages: Message[];
  output?: string;
}

function eslint(args: string[], cwd: string): { code: number | null; results: Result[]; stderr: string } {
  const run = spawnSync(process.execPath, [ESLINT, '--format', 'json', ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  let results: Result[] = [];
  try {
    results = JSON.parse(run.stdout) as Result[];
  } catch {
    throw new Error(`eslint printed no JSON (exit ${run.status}): ${run.stderr || run.stdout}`);
  }
  return { code: run.status, results, stderr: run.stderr };
}

/** The rules these tests are about; other rules may report on the fixtures too as minivet grows. */
const PINNED = new Set([
  'minivet/undeclared-private-info',
  'minivet/unused-private-info',
  'minivet/missing-permission-description',
  'minivet/conflicting-private-info',
  'minivet/invalid-manifest',
  'minivet/template-error',
  null,
]);

/** `rule line:column` per file (relative to `root`) of the pinned rules and parsing errors, for compact assertions. */
function summary(results: readonly Result[], root: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const result of results) {
    out[relative(root, result.filePath).split('\\').join('/')] = result.messages
      .filter((m) => PINNED.has(m.ruleId))
      .map((m) => `${m.ruleId ?? (m.fatal ? 'fatal' : 'null')} ${m.line}:${m.column}`);
  }
  return out;
}

describe('eslint CLI with minivet.configs.recommended', () => {
  const run = eslint(['.'], APP);

  it('lints scripts (JavaScript and TypeScript), templates and app.json, and nothing outside the mini-app', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.results.every((result) => result.messages.every((m) => m.ruleId?.startsWith('minivet/')))).toBe(true);
    expect(summary(run.results, APP)).toEqual({
      'cloudfunctions/login/index.js': [],
      'eslint.config.js': [],
      'miniprogram/app.js': [],
      'miniprogram/app.json': [
        'minivet/undeclared-private-info 3:27',
        'minivet/undeclared-private-info 3:27',
        'minivet/unused-private-info 3:28',
        'minivet/missing-permission-description 4:17',
        'minivet/missing-permission-description 4:17',
      ],
      'miniprogram/pages/broken/broken.wxml': ['minivet/template-error 3:3'],
      'miniprogram/pages/index/index.js': ['minivet/missing-permission-description 5:5', 'minivet/undeclared-private-info 5:5'],
      'miniprogram/pages/index/index.wxml': [],
      'miniprogram/pages/map/map.ts': ['minivet/missing-permission-description 14:5', 'minivet/undeclared-private-info 14:5'],
    });
  });

  it('reports a JavaScript file whose app.json is two folders up, with minivet\'s message and extent', () => {
    const index = run.results.find((result) => result.filePath.endsWith('index.js') && result.filePath.includes('pages'))!;
    expect(index.messages.find((m) => m.ruleId === 'minivet/undeclared-private-info')).toMatchObject({
      severity: 2,
      line: 5,
      column: 5,
      endLine: 5,
      endColumn: 19,
      message: 'wx.getLocation is used but "getLocation" is not listed in miniprogram/app.json "requiredPrivateInfos"; the call fails at run time until it is declared.',
    });
  });

  it('says in app.json where each undeclared API is used', () => {
    const manifest = run.results.find((result) => result.filePath.endsWith('app.json'))!;
    expect(manifest.messages.filter((m) => m.ruleId === 'minivet/undeclared-private-info').map((m) => m.message)).toEqual([
      'wx.getLocation is used but "getLocation" is not listed in miniprogram/app.json "requiredPrivateInfos"; the call fails at run time until it is declared. (at miniprogram/pages/index/index.js:5:5)',
      'wx.startLocationUpdate is used but "startLocationUpdate" is not listed in miniprogram/app.json "requiredPrivateInfos"; the call fails at run time until it is declared. (at miniprogram/pages/map/map.ts:14:5)',
    ]);
  });

  it('--fix-dry-run on app.json declares the APIs the project calls', () => {
    const fixed = eslint(['--fix-dry-run', 'miniprogram/app.json'], APP);
    expect(fixed.stderr).toBe('');
    const [result] = fixed.results;
    const before = readFileSync(join(APP, 'miniprogram/app.json'), 'utf8');
    expect(result!.output).toBe(before.replace('"requiredPrivateInfos": ["chooseAddress", "getFuzzyLocation"]', '"requiredPrivateInfos": ["chooseAddress", "getFuzzyLocation", "getLocation", "startLocationUpdate"]'));
    // What remains after the fix: the entry nobody uses, and getFuzzyLocation now next to precise location.
    expect(summary(fixed.results, APP)['miniprogram/app.json']).toEqual([
      'minivet/unused-private-info 3:28',
      'minivet/conflicting-private-info 3:45',
      'minivet/missing-permission-description 4:17',
      'minivet/missing-permission-description 4:17',
    ]);
  });
});

describe('eslint CLI on bad input', () => {
  it('a malformed app.json is a parsing error at its position; its scripts are still checked against what could be read', () => {
    const run = eslint(['.'], BROKEN);
    expect(run.stderr).toBe('');
    const messages = summary(run.results, BROKEN);
    expect(messages['app.json']).toEqual(['fatal 4:3']);
    expect(run.results.find((result) => result.filePath.endsWith('app.json'))!.messages[0]!.message).toMatch(/^Parsing error: /);
    expect(messages['pages/home/home.js']).toEqual(expect.arrayContaining(['minivet/undeclared-private-info 4:5', 'minivet/missing-permission-description 4:5']));
    expect(messages['pages/home/home.js']).not.toContain('minivet/undeclared-private-info 3:5');
  });

  it('comments and trailing commas in app.json are minivet findings at their position (JSONC parses them)', () => {
    const run = eslint(['-c', 'test/eslint/fixtures/wechat-app/eslint.config.js', 'fixtures/bad-manifest/app.json'], REPO);
    expect(run.stderr).toBe('');
    const messages = run.results[0]!.messages.filter((m) => m.ruleId === 'minivet/invalid-manifest');
    expect(messages.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual(
      expect.arrayContaining(['3:43 "requiredPrivateInfos" must be an array of strings', '7:31 trailing commas are not allowed in JSON']),
    );
  });
});
