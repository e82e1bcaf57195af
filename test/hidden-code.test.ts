import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanProject } from '../src/scan.js';
import { runMinivet } from './helpers/run-cli.js';
import { onlyRules } from './helpers/rule-sets.js';
import { findingKeys } from './helpers/summarise.js';
import { tempProject } from './helpers/temp-project.js';
import { packWxapkg, serviceBundle } from './helpers/wxapkg.js';

/**
 * Code a submitter hides where a scanner might not look (issue 12): beside the define() wrappers of
 * a compiled bundle, or in a file whose name is only an extension. Each is analysed, not skipped.
 */
const CLIPBOARD = 'wx.getClipboardData({});';
const appConfig = JSON.stringify({ pages: ['pages/index/index'], entryPagePath: 'pages/index/index.html' });

function packageWith(bundle: string): string {
  const dir = tempProject({});
  const path = join(dir, 'app.wxapkg');
  writeFileSync(path, packWxapkg([{ name: '/app-config.json', content: appConfig }, { name: '/app-service.js', content: bundle }]));
  return path;
}

const HIDING_PLACES: Record<string, (bundle: string) => string> = {
  'a top-level statement': (bundle) => `${bundle}\n${CLIPBOARD}`,
  'a define() inside an if': (bundle) => `${bundle}\nif (true) { define("pages/hidden.js", function () { ${CLIPBOARD} }); }`,
  'an aliased define()': (bundle) => `${bundle}\nvar d = define; d("pages/hidden.js", function () { ${CLIPBOARD} });`,
  'a comma sequence beside a define()': (bundle) => `${bundle}\ndefine("pages/other.js", function () {}), ${CLIPBOARD}`,
};

describe('code beside the define() wrappers of a service bundle', () => {
  for (const [place, hide] of Object.entries(HIDING_PLACES)) {
    it(`analyses ${place} as code of the bundle itself, in a package`, () => {
      const project = scanProject(packageWith(hide(serviceBundle({ 'pages/index/index.js': 'Page({});' }))), onlyRules(['clipboard-read']));
      expect(findingKeys(project)).toEqual([expect.stringMatching(/^clipboard-read app-service\.js:\d+:\d+$/)]);
      expect(project.virtualSources?.get('app-service.js')).toContain(CLIPBOARD);
    });
  }

  it('analyses a second definition of a module path and names it, in a source tree as in a package', () => {
    const bundle = serviceBundle({ 'pages/index/index.js': 'Page({});' }) + `\ndefine("pages/index/index.js", function () { ${CLIPBOARD} });`;
    const tree = tempProject({ 'app-config.json': appConfig, 'app-service.js': bundle });
    for (const root of [tree, packageWith(bundle)]) {
      const project = scanProject(root, onlyRules(['clipboard-read']));
      expect(findingKeys(project)).toEqual([expect.stringMatching(/^clipboard-read app-service\.js:/)]);
      expect(project.notifications).toContainEqual(
        expect.objectContaining({ file: 'app-service.js', level: 'warning', message: expect.stringMatching(/module "pages\/index\/index\.js" is defined again here/) }),
      );
    }
  });

  it('keeps modules reported under their own paths, and shows the bundle line in text output', () => {
    const bundle = serviceBundle({ 'pages/index/index.js': `Page({ onLoad() { ${CLIPBOARD} } });` }) + `\n${CLIPBOARD} // beside-the-modules`;
    const path = packageWith(bundle);
    expect(findingKeys(scanProject(path, onlyRules(['clipboard-read'])))).toEqual([
      expect.stringMatching(/^clipboard-read app-service\.js:/),
      expect.stringMatching(/^clipboard-read pages\/index\/index\.js:1:/),
    ]);
    expect(runMinivet(['scan', path, '--no-color', '--fail-on', 'none']).stdout).toContain('beside-the-modules');
  });
});

describe('files named by their extension alone', () => {
  it('analyses a script named ".js"', () => {
    const root = tempProject({ 'app.json': JSON.stringify({ pages: ['pages/index/index'] }), 'pages/index/index.js': "require('./.js');", 'pages/index/.js': CLIPBOARD });
    expect(findingKeys(scanProject(root, onlyRules(['clipboard-read'])))).toEqual(['clipboard-read pages/index/.js:1:1']);
  });
});
