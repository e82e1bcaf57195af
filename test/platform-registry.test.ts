import { describe, expect, it } from 'vitest';
import { fileKind } from '../src/bundle/file-kinds.js';
import { TEMPLATE_FILES } from '../src/eslint/plugin.js';
import { FLOW_CATALOGS } from '../src/platforms/flows.js';
import { PLATFORM_IDS, PLATFORMS } from '../src/platforms/index.js';
import { PLATFORM_PRIVACY } from '../src/platforms/privacy-data.js';
import { RULES } from '../src/rules/index.js';
import type { Rule } from '../src/rules/rule.js';
import { scanProject } from '../src/scan.js';
import { runMinivet } from './helpers/run-cli.js';
import { tempProject } from './helpers/temp-project.js';

/**
 * Adding a platform means its catalog in the registry and its tables: this checks that every
 * registered platform supplies every table, and that what is derived from the registry (file
 * kinds, ESLint globs, CLI choices, rules by `meta.platforms`) follows it.
 */
describe('the platform registry', () => {
  it.each(PLATFORM_IDS)('%s supplies every table', (id) => {
    const catalog = PLATFORMS[id];
    expect(catalog.id).toBe(id);
    expect(catalog.globals.length).toBeGreaterThan(0);
    expect(catalog.extensions.template.length).toBeGreaterThan(0);
    expect(FLOW_CATALOGS[id]).toBeDefined();
    expect(PLATFORM_PRIVACY[id]).toBeDefined();
  });

  it.each(PLATFORM_IDS)('%s templates are template files to the scanner and to the ESLint plugin', (id) => {
    for (const extension of PLATFORMS[id].extensions.template) {
      expect(fileKind(`pages/index/index${extension}`)).toBe('template');
      expect(TEMPLATE_FILES).toContain(`**/*${extension}`);
    }
  });

  it('offers every registered platform, and only those, to --platform', () => {
    const help = runMinivet(['scan', '--help']).stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`choices: ${PLATFORM_IDS.map((id) => `"${id}"`).join(', ')}`);
  });

  it('names only registered platforms in rules', () => {
    for (const rule of RULES) for (const platform of rule.meta.platforms ?? []) expect(PLATFORM_IDS).toContain(platform);
  });

  it('runs a rule only on the platforms its meta.platforms names', () => {
    // A rule that reports every project it sees, declared for Alipay only.
    const base = RULES.find((candidate) => candidate.meta.id === 'unused-private-info')!;
    const alipayOnly: Rule = {
      meta: { ...base.meta, id: 'alipay-only-probe', platforms: ['alipay'] },
      checkProject: (context) => context.report({ location: { file: 'app.json', region: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 }, startOffset: 0, endOffset: 1 } }, message: 'seen' }),
    };
    const root = tempProject({ 'app.json': JSON.stringify({ pages: ['pages/index/index'] }), 'pages/index/index.js': 'Page({});\n' });
    const findingsOn = (platform: (typeof PLATFORM_IDS)[number]) => scanProject(root, { platform }, [{ rule: alipayOnly, severity: 'warning' }]).findings.length;
    expect(findingsOn('alipay')).toBe(1);
    for (const other of PLATFORM_IDS.filter((id) => id !== 'alipay')) expect(findingsOn(other)).toBe(0);
  });
});
