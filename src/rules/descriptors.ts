import { readFileSync } from 'node:fs';
import type { ActiveRule } from '../config.js';
import type { RuleDescriptor } from '../scan-result.js';
import { PACKAGE_ROOT, RULE_DOCS_BASE } from '../version.js';

/** Relative links in a rule doc, made absolute so they work where the doc is embedded (SARIF help). */
function absoluteLinks(markdown: string): string {
  return markdown.replace(/\]\((?![a-z]+:|#)([^)\s]+)\)/gi, (_match, link: string) => `](${new URL(link, RULE_DOCS_BASE).href})`);
}

const docsCache = new Map<string, string>();

/** The rule's doc, shipped in the package under docs/rules; empty when missing (a test keeps them present). */
export function ruleDoc(id: string): string {
  let doc = docsCache.get(id);
  if (doc === undefined) {
    try {
      doc = readFileSync(new URL(`docs/rules/${id}.md`, PACKAGE_ROOT), 'utf8');
    } catch {
      doc = '';
    }
    docsCache.set(id, doc);
  }
  return doc;
}

export function ruleDescriptors(rules: readonly ActiveRule[]): RuleDescriptor[] {
  return rules.map(({ rule, severity }) => ({
    ...rule.meta,
    effectiveSeverity: severity,
    helpUri: `${RULE_DOCS_BASE}${rule.meta.id}.md`,
    helpMarkdown: absoluteLinks(ruleDoc(rule.meta.id)),
  }));
}
