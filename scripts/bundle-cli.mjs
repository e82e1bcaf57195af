#!/usr/bin/env node
// Part of `npm run build`: bundles the CLI's two worker entry points (the scan worker bin/minivet.js
// starts, and the batch pool's) into one CommonJS file each, in dist/, then writes each bundle's V8
// code cache by scanning the bundled example with it (src/cli/code-cache.ts). A scan then loads one
// precompiled file instead of compiling about a hundred modules (docs/architecture.md, "Start-up").
// The bundles sit at the depth of dist/version.js, so the package-relative paths it computes hold in
// both. The unbundled dist/ stays the library, the ESLint plugin and the fallback when no bundle is
// present. typescript-estree is bundled apart, into dist/vendor/, with the TypeScript compiler left in
// node_modules: both are loaded only for TypeScript, each with its code cache
// (src/util/typescript-modules.ts).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BUNDLES = { 'cli.bundle': 'dist/cli/worker-entry.js', 'scan-worker.bundle': 'dist/cli/scan-worker-entry.js' };

for (const name of Object.keys(BUNDLES)) for (const stale of [`dist/${name}.js`, `dist/${name}.cjs.cache`]) rmSync(stale, { force: true });
rmSync('dist/vendor', { recursive: true, force: true });
/** One CommonJS file per entry point, for Node 20. */
const COMMONJS = { outExtension: { '.js': '.cjs' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', legalComments: 'eof', logLevel: 'warning' };
await build({
  ...COMMONJS,
  entryPoints: BUNDLES,
  outdir: 'dist',
  // ESM builds where a package has one (jsonc-parser's UMD build loads its parts by dynamic require).
  mainFields: ['module', 'main'],
  external: ['typescript', '@typescript-eslint/typescript-estree'],
  // The modules locate themselves with import.meta.url; in the bundle that is the bundle's own URL.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// typescript-estree's hundred-odd modules as one file; the compiler stays in node_modules.
await build({
  ...COMMONJS,
  entryPoints: { 'typescript-estree': createRequire(import.meta.url).resolve('@typescript-eslint/typescript-estree') },
  outdir: 'dist/vendor',
  external: ['typescript', 'typescript/*'],
});

// The build mark: the code cache of one build is never offered to another (code-cache.ts).
for (const name of Object.keys(BUNDLES)) {
  const file = `dist/${name}.cjs`;
  appendFileSync(file, `//# minivet-build ${createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 32)}\n`);
}

// Each bundle's cache holds what a scan compiles: written by a scan of the example through the CLI
// itself, so the V8 version and flags match those of later scans. A clone without the example (an
// installed package) simply has no cache.
const example = 'examples/weather-wechat';
if (existsSync(example)) {
  const scratch = mkdtempSync(join(tmpdir(), 'minivet-cache-'));
  const env = { ...process.env, MINIVET_WRITE_CODE_CACHE: '1' };
  const scans = [
    // TypeScript first: typescript-estree's and the compiler's caches come from this scan alone.
    ['scan', 'fixtures/wechat-ts', '--format', 'json', '--output', join(scratch, 'ts.json'), '--fail-on', 'none'],
    ['scan', example, '--format', 'sarif', '--output', join(scratch, 'one.sarif'), '--fail-on', 'none'],
    ['scan', '--batch', 'examples', '--jobs', '1', '--format', 'json', '--output', join(scratch, 'batch.json'), '--fail-on', 'none'],
  ];
  for (const args of scans) {
    const run = spawnSync(process.execPath, ['bin/minivet.js', ...args], { env, encoding: 'utf8' });
    if (run.status !== 0) console.warn(`bundle-cli: no code cache from \`minivet ${args.join(' ')}\` (exit ${run.status}): ${run.stderr.trim().split('\n')[0]}`);
  }
  rmSync(scratch, { recursive: true, force: true });
}
