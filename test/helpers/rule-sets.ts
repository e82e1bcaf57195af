import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanOptions } from '../../src/config.js';
import { RULES } from '../../src/rules/index.js';
import type { SeveritySetting } from '../../src/types.js';
import { tempProject } from './temp-project.js';

/** The rules of the scan pipeline's first issue: manifest and permission declarations. */
export const MANIFEST_RULE_IDS = ['conflicting-private-info', 'invalid-manifest', 'missing-permission-description', 'undeclared-private-info', 'unused-private-info'];

/** Options that turn off every rule but `ids`, so a test pins what it is about and new rules do not move it. */
export function onlyRules(ids: readonly string[] = MANIFEST_RULE_IDS, base: ScanOptions = {}): ScanOptions {
  const off: Record<string, SeveritySetting> = Object.fromEntries(RULES.filter((rule) => !ids.includes(rule.meta.id)).map((rule) => [rule.meta.id, 'off']));
  return { ...base, rules: { ...off, ...base.rules } };
}

/** The same as a `--config` file for CLI tests. */
export function onlyRulesConfig(ids: readonly string[] = MANIFEST_RULE_IDS, extra: Record<string, unknown> = {}): string {
  const path = join(tempProject({}), 'only-rules.json');
  const rules = { ...onlyRules(ids).rules, ...(extra.rules as Record<string, SeveritySetting> | undefined) };
  writeFileSync(path, JSON.stringify({ ...extra, rules }));
  return path;
}
