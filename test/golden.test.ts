import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO, runMinivet } from './helpers/run-cli.js';
import { multitoolProblems } from './helpers/sarif-multitool.js';
import { tempProject } from './helpers/temp-project.js';

/**
 * Golden files pin the exact output users and GitHub see. After an intended change, refresh them
 * with `UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts` and review the diff.
 */
const GOLDEN = join(REPO, 'test', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function matchGolden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (UPDATE || !existsSync(path)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
    if (!UPDATE) throw new Error(`golden file ${name} was missing and has been written; review it and run again`);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** The only machine-dependent part of a SARIF log: where the checkout lives. */
function portable(sarif: string): string {
  return sarif.split(pathToFileURL(REPO).href.replace(/\/?$/, '/')).join('file:///REPO/');
}

const CASES = [
  { name: 'weather-wechat', path: 'examples/weather-wechat' },
  { name: 'wechat-js', path: 'fixtures/wechat-js' },
  { name: 'syntax-error', path: 'fixtures/syntax-error' },
];

describe('golden output', () => {
  for (const { name, path } of CASES) {
    it(`text output for ${path}`, () => {
      const run = runMinivet(['scan', path, '--no-color']);
      matchGolden(`${name}.txt`, run.stdout);
    });

    it(`SARIF output for ${path} is byte-identical across runs`, () => {
      const first = runMinivet(['scan', path, '--format', 'sarif']);
      const second = runMinivet(['scan', path, '--format', 'sarif']);
      expect(first.stdout).toBe(second.stdout);
      matchGolden(`${name}.sarif`, portable(first.stdout));
    });
  }

  it('JSON output for the example', () => {
    matchGolden('weather-wechat.json', runMinivet(['scan', 'examples/weather-wechat', '--format', 'json']).stdout);
  });
});

describe('SARIF Multitool (SARIF and GitHub rules)', () => {
  it('finds zero problems in the SARIF of the example, a fixture with notifications, and a multi-project scan', async () => {
    const dir = tempProject({});
    const logs = [
      ['example.sarif', ['examples/weather-wechat']],
      ['syntax-error.sarif', ['fixtures/syntax-error']],
      ['several.sarif', ['fixtures/wechat-js', 'fixtures/wechat-ts', 'fixtures/bad-manifest', 'fixtures/alipay']],
    ] as const;
    for (const [file, paths] of logs) {
      const out = join(dir, file);
      runMinivet(['scan', ...paths, '--format', 'sarif', '--output', out]);
      expect(await multitoolProblems(out), file).toEqual([]);
    }
  });
});
