import type { Rule } from '../rules/rule.js';

/** `minivet rules`: one line per rule, aligned. */
export function formatRuleList(rules: readonly Rule[]): string {
  const idWidth = Math.max(...rules.map((rule) => rule.meta.id.length));
  const lines = rules.map((rule) => `${rule.meta.id.padEnd(idWidth)}  ${rule.meta.severity.padEnd(7)}  ${rule.meta.description}`);
  return `${lines.join('\n')}\n`;
}
