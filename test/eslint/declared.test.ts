/**
 * The declared privacy guide in the editor: `settings.minivet.declared` names it, the real ESLint
 * (Node API, recommended config with @eslint/json) lints the code and the guide, and gives the
 * findings `minivet scan --declared` gives, each in its file.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { parseDeclaredPrivacy } from '../../src/config/declared-privacy.js';
import { scanProject } from '../../src/scan.js';
import { REPO } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';
import { recommendedConfig } from './helpers.js';

const RULE_IDS = ['minivet/undeclared-data-collection', 'minivet/over-declared-data'];

async function lintWith(root: string, declared: string | undefined): Promise<string[]> {
  const settings = declared === undefined ? [] : [{ settings: { minivet: { declared } } }];
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [...recommendedConfig(), ...settings], cache: false });
  const results = await eslint.lintFiles(['.']);
  return results.flatMap((result) =>
    result.messages
      .filter((m) => RULE_IDS.includes(m.ruleId ?? '') || m.messageId === 'settings' || m.messageId === 'crashed')
      .map((m) => `${m.ruleId} ${relative(root, result.filePath)}:${m.line}:${m.column} ${m.messageId}`),
  ).sort();
}

describe('settings.minivet.declared', () => {
  const root = join(REPO, 'fixtures/privacy-declared');

  it('reports in the code and in the guide what minivet scan --declared reports', async () => {
    const messages = await lintWith(root, 'privacy-declaration.json');
    const declared = parseDeclaredPrivacy(readFileSync(join(root, 'privacy-declaration.json'), 'utf8'), join(root, 'privacy-declaration.json'));
    const scanned = scanProject(root, { declared })
      .findings.filter((f) => RULE_IDS.includes(`minivet/${f.ruleId}`))
      .map((f) => `minivet/${f.ruleId} ${f.location.file}:${f.location.region.start.line}:${f.location.region.start.column} finding`);
    expect(scanned.length).toBe(2);
    for (const finding of scanned) expect(messages).toContain(finding);
    // The undeclared category is also shown in the guide itself, where it would be declared.
    expect(messages).toContain('minivet/undeclared-data-collection privacy-declaration.json:1:1 elsewhere');
    expect(messages).toHaveLength(3);
  });

  it('finds the guide beside project.config.json when the mini-app is in a sub-folder', async () => {
    const root = tempProject({
      'project.config.json': JSON.stringify({ miniprogramRoot: 'miniprogram/' }),
      'miniprogram/app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'miniprogram/pages/index/index.js': 'Page({ pick() { wx.chooseMedia({}); } });\n',
      'privacy-declaration.json': JSON.stringify({ categories: ['Camera'] }),
    });
    expect(await lintWith(root, 'privacy-declaration.json')).toEqual([
      'minivet/over-declared-data privacy-declaration.json:1:16 finding',
      'minivet/undeclared-data-collection miniprogram/pages/index/index.js:1:17 finding',
      'minivet/undeclared-data-collection privacy-declaration.json:1:1 elsewhere',
    ]);
  });

  it('does nothing without the setting, and names a guide it cannot read once per file', async () => {
    expect(await lintWith(root, undefined)).toEqual([]);
    const broken = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'pages/index/index.js': 'Page({ onLoad() { wx.chooseMedia({}); } });\n',
      'privacy-declaration.json': '{ "categories": "Album" }',
    });
    const messages = await lintWith(broken, 'privacy-declaration.json');
    expect(messages.filter((m) => m.endsWith('crashed'))).toEqual([]);
    expect(messages.some((m) => m.includes('pages/index/index.js:1:1 settings'))).toBe(true);
    expect(messages.some((m) => m.includes(' finding'))).toBe(false);
  });
});
