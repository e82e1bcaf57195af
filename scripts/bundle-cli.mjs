#!/usr/bin/env node
// Part of `npm run build`: bundles the CLI's two worker entry points (the scan worker bin/minivet.js
// starts, and the batch pool's) into one file each, in dist/. A scan then loads one file instead of
// about a hundred modules, which saves about 0.2 s per run (docs/evaluation.md). The bundles sit at
// the depth of dist/version.js, so the package-relative paths it computes hold in both. The
// unbundled dist/ stays the library, the ESLint plugin and the fallback when no bundle is present.
// typescript-estree (and the TypeScript compiler behind it) stays outside: it is loaded only for
// TypeScript, from node_modules, as before.
import { build } from 'esbuild';

await build({
  entryPoints: { 'cli.bundle': 'dist/cli/worker.js', 'scan-worker.bundle': 'dist/cli/scan-worker.js' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // ESM builds where a package has one (jsonc-parser's UMD build loads its parts by dynamic require).
  mainFields: ['module', 'main'],
  external: ['typescript', '@typescript-eslint/typescript-estree'],
  // Bundled CommonJS packages call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  legalComments: 'eof',
  logLevel: 'warning',
});
