/**
 * The layers of minivet, checked in CI (`npm run lint:layers`): platform data and core types, then
 * the bundle readers and analysis, then rules, then reporters, the CLI and the ESLint plugin. Data
 * flows one way; no cycles, type-only imports included.
 */
const layer = (name, path, mayNotImport) => ({
  name: `layer-${name}`,
  comment: `${name} may not import ${mayNotImport.join(', ')}`,
  severity: 'error',
  from: { path },
  to: { path: `^src/(${mayNotImport.join('|')})/` },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'no import cycles, type-only ones included', severity: 'error', from: {}, to: { circular: true } },
    layer('platform data', '^src/(platforms|util)/', ['bundle', 'manifest', 'analyzers', 'rules', 'reporters', 'cli', 'eslint']),
    layer('bundle readers', '^src/bundle/', ['analyzers', 'rules', 'reporters', 'cli', 'eslint']),
    layer('analysis', '^src/(analyzers|manifest)/', ['rules', 'reporters', 'cli', 'eslint']),
    layer('rules', '^src/rules/', ['reporters', 'cli', 'eslint']),
    layer('reporters', '^src/reporters/', ['rules', 'analyzers', 'cli', 'eslint']),
    layer('cli', '^src/cli/', ['eslint']),
    layer('eslint plugin', '^src/eslint/', ['cli', 'reporters']),
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
