/**
 * One implementation, two front ends: on every example and fixture project, what ESLint reports with
 * `minivet.configs.recommended` is what `minivet scan` finds in the files ESLint lints — same rule,
 * file, line, column and message. Rules added later are covered without changes here.
 *
 * The one documented difference (docs/eslint.md): a rule whose project check reads state its file
 * phase gathered across files (cross-file constants, page data flowing into a template, SDK import
 * graphs) sees only the linted file in ESLint. For those rules ESLint may find less, never something
 * at a place where `minivet scan` finds nothing.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { platformCatalog } from '../../src/platforms/index.js';
import { RULES } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/rule.js';
import { scanProject } from '../../src/scan.js';
import { REPO } from '../helpers/run-cli.js';
import { APP, recommendedConfig } from './helpers.js';

/** Does the rule's project check read `context.state` (file-phase state the engine keeps) or `context.settings`? */
function readsSettings(rule: Rule): boolean {
  let read = false;
  try {
    rule.checkProject?.({
      facts: { platform: platformCatalog('wechat'), manifest: undefined, usages: [], unanalysedFiles: [] },
      get settings() {
        read = true;
        return { profile: 'recommended' as const };
      },
      get state() {
        read = true;
        return <T>(create: () => T): T => create();
      },
      report() {},
    });
  } catch {
    // A probe without a file phase may trip a rule; reading settings is what is asked.
  }
  return read;
}

const stateful = new Set(RULES.filter((rule) => rule.checkProject && (rule.createScriptListeners || rule.checkTemplate) && readsSettings(rule)).map((rule) => rule.meta.id));

function projects(parent: string): string[] {
  return readdirSync(join(REPO, parent))
    .filter((name) => statSync(join(REPO, parent, name)).isDirectory())
    .sort()
    .map((name) => join(REPO, parent, name));
}

const ROOTS = [...projects('examples'), ...projects('fixtures'), APP.slice(0, -1)];

describe('ESLint plugin and minivet scan agree', () => {
  for (const root of ROOTS) {
    it(relative(REPO, root), async () => {
      let scanned;
      try {
        scanned = scanProject(root);
      } catch {
        return; // not a source tree minivet scans (a package fixture)
      }
      // Unpacked compiled packages are vetted with `minivet scan`; nobody edits a compiled bundle in an editor.
      if (scanned.compiled) return;
      // The plugin lints the mini-app, not the cloud functions beside it (docs/eslint.md): flows across that boundary are the scan's.
      if (existsSync(join(root, 'cloudfunctions'))) return;
      const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: recommendedConfig(), cache: false });
      const results = await eslint.lintFiles(['.']);
      const linted = new Set(results.map((result) => relative(root, result.filePath).split('\\').join('/')));
      const fromEslint: string[] = [];
      for (const result of results) {
        const file = relative(root, result.filePath).split('\\').join('/');
        for (const message of result.messages) {
          expect(message.messageId, `${file}: ${message.message}`).not.toBe('crashed');
          if (message.messageId !== 'finding') continue;
          fromEslint.push(`${message.ruleId!.replace(/^minivet\//, '')} ${file}:${message.line}:${message.column} ${message.message}`);
        }
      }
      const fromScan = scanned.findings
        .filter((finding) => !finding.suppressed && linted.has(finding.location.file))
        .map((finding) => `${finding.ruleId} ${finding.location.file}:${finding.location.region.start.line}:${finding.location.region.start.column} ${finding.message}`);
      const split = (list: string[]) => ({
        exact: list.filter((entry) => !stateful.has(entry.split(' ')[0]!)).sort(),
        places: [...new Set(list.filter((entry) => stateful.has(entry.split(' ')[0]!)).map((entry) => entry.split(' ').slice(0, 2).join(' ')))].sort(),
      });
      const eslintSide = split(fromEslint);
      const scanSide = split(fromScan);
      expect(eslintSide.exact).toEqual(scanSide.exact);
      for (const place of eslintSide.places) expect(scanSide.places).toContain(place);
    });
  }
});
