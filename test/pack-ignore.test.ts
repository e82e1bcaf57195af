import { describe, expect, it } from 'vitest';
import { runMinivet } from './helpers/run-cli.js';
import { tempProject } from './helpers/temp-project.js';

/** A secret every scanned file would be reported for (an AWS key id shape). */
const SECRET = "module.exports = { key: 'AKIAIOSFODNN7EXAMPLQ' };\n";

function filesWithFindings(files: Record<string, string>): string[] {
  const root = tempProject({ 'pages/a/a.js': 'Page({})', ...files });
  const run = runMinivet(['scan', root, '--format', 'json', '--fail-on', 'none', '--rule', 'hardcoded-secret=error']);
  expect(run.code, run.stderr).toBe(0);
  const report = JSON.parse(run.stdout) as { projects: { findings: { ruleId: string; file: string }[] }[] };
  return report.projects[0]!.findings.filter((finding) => finding.ruleId === 'hardcoded-secret').map((finding) => finding.file).sort();
}

const ignore = (rules: { type: string; value: string }[], extra: Record<string, unknown> = {}) => JSON.stringify({ ...extra, packOptions: { ignore: rules } });

describe("project.config.json packOptions.ignore: what the tools leave out of the upload is not scanned", () => {
  it('leaves out files by path, folder, suffix, file-name prefix and glob, without case', () => {
    const found = filesWithFindings({
      'app.json': '{"pages":["pages/a/a"]}',
      'project.config.json': ignore([
        { type: 'file', value: 'Debug.js' },
        { type: 'folder', value: './tools/' },
        { type: 'suffix', value: '.test.js' },
        { type: 'prefix', value: 'mock-' },
        { type: 'glob', value: 'dev/**/*.js' },
      ]),
      'debug.js': SECRET,
      'tools/seed.js': SECRET,
      'utils/a.test.js': SECRET,
      'utils/mock-user.js': SECRET,
      'dev/x/y.js': SECRET,
      'utils/keep.js': SECRET,
      'utils/debug.js': SECRET,
      'pages/tools/tools.js': SECRET,
    });
    expect(found).toEqual(['pages/tools/tools.js', 'utils/debug.js', 'utils/keep.js']);
  });

  it('reads paths from the mini-app root, and still scans the cloud functions the tools upload on their own', () => {
    const found = filesWithFindings({
      'project.config.json': ignore([{ type: 'folder', value: 'cloudfunctions' }, { type: 'file', value: 'debug.js' }], { miniprogramRoot: 'miniprogram/', cloudfunctionRoot: 'cloudfunctions/' }),
      'miniprogram/app.json': '{"pages":["pages/a/a"]}',
      'miniprogram/pages/a/a.js': 'Page({})',
      'miniprogram/debug.js': SECRET,
      'debug.js': SECRET,
      'cloudfunctions/login/index.js': SECRET,
    });
    expect(found).toEqual(['cloudfunctions/login/index.js']);
  });

  it('runs no regular expression of the project file, and skips what it cannot use: globs with many wildcards, unknown types, empty or escaping paths', () => {
    const slow = `utils/${'a'.repeat(40)}.js`;
    const started = performance.now();
    const found = filesWithFindings({
      'app.json': '{"pages":["pages/a/a"]}',
      'project.config.json': ignore([
        // Each backtracks for minutes on the file name below, were it run.
        { type: 'regexp', value: '(a|a)*b' },
        { type: 'regexp', value: 'utils/' },
        { type: 'glob', value: 'utils/a*a*a*a*a*a*a*a*b.js' },
        { type: 'everything', value: 'utils' },
        { type: 'folder', value: '' },
        { type: 'folder', value: '../outside' },
      ]),
      [slow]: SECRET,
      'utils/keep.js': SECRET,
    });
    expect(found).toEqual([slow, 'utils/keep.js']);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
