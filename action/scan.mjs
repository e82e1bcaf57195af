#!/usr/bin/env node
// The Action's scan step (action.yml): runs minivet over the paths given, writes SARIF where the
// upload step reads it, and hands the exit code to the verdict step, so the report is uploaded
// even when the scan fails the job. Each mini-app is a run with a category of its own, and the
// SARIF keeps to GitHub's upload limits (--github): the upload step takes the report's folder.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/minivet.js', import.meta.url));
const env = process.env;

/** The command line for the inputs: paths one per line (or, on one line, split on spaces), optional files only when given. */
function scanArguments(inputs) {
  const text = (inputs.paths ?? '').trim();
  const paths = (text.includes('\n') ? text.split('\n') : text.split(/\s+/)).map((path) => path.trim()).filter(Boolean);
  const args = ['scan', ...(paths.length > 0 ? paths : ['.']), '--format', 'sarif', '--github', '--output', inputs.sarif, '--fail-on', inputs.failOn || 'error'];
  if (inputs.strict === 'true') args.push('--strict');
  for (const [flag, value] of [['--policy', inputs.policy], ['--baseline', inputs.baseline], ['--config', inputs.config]]) if (value) args.push(flag, value);
  return args;
}

const args = scanArguments({
  paths: env.MINIVET_PATHS,
  failOn: env.MINIVET_FAIL_ON,
  strict: env.MINIVET_STRICT,
  policy: env.MINIVET_POLICY,
  baseline: env.MINIVET_BASELINE,
  config: env.MINIVET_CONFIG,
  sarif: env.MINIVET_SARIF || 'minivet-sarif/minivet.sarif',
});
const sarif = args[args.indexOf('--output') + 1];
mkdirSync(dirname(sarif), { recursive: true });
console.log(`minivet ${args.join(' ')}`);
const run = spawnSync(process.execPath, [BIN, ...args], { stdio: 'inherit' });
const code = run.status ?? 3;
// A usage error (2) writes no report: there is nothing to upload.
const outputs = `exit-code=${code}\n${code === 2 ? '' : `sarif=${dirname(sarif)}\n`}`;
if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, outputs);
else process.stdout.write(outputs);
