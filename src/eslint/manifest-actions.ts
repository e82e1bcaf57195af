import type { Report } from '../rules/rule.js';
import { declarePrivateInfosFix, removePrivateInfoFix } from './manifest-fixes.js';
import type { EslintFix, EslintSuggestion } from './types.js';

/**
 * What linting app.json can do about a manifest rule's findings, by rule id. Rules stay free of
 * ESLint: the edits are computed here from what the rule reported (`properties.api`).
 * - fixElsewhere: an autofix for reports located in the project's code that point into app.json
 *   (`eslint --fix` on app.json declares every API the project calls).
 * - suggest: suggestions for reports located in app.json (removing an entry is a judgement call,
 *   so it is offered, not applied).
 */
export interface ManifestAction {
  messages?: Record<string, string>;
  fixElsewhere?(text: string, reports: readonly Report[]): EslintFix | undefined;
  suggest?(text: string, report: Report): EslintSuggestion[];
}

function apiOf(report: Report): string | undefined {
  const api = report.properties?.api;
  return typeof api === 'string' && api !== '' ? api : undefined;
}

export const MANIFEST_ACTIONS: Readonly<Record<string, ManifestAction>> = {
  'undeclared-private-info': {
    fixElsewhere(text, reports) {
      const apis = [...new Set(reports.map(apiOf).filter((api): api is string => api !== undefined))].sort();
      return declarePrivateInfosFix(text, apis);
    },
  },
  'unused-private-info': {
    messages: { removeEntry: 'Remove "{{api}}" from requiredPrivateInfos.' },
    suggest(text, report) {
      const api = apiOf(report);
      const fix = api === undefined ? undefined : removePrivateInfoFix(text, report.location.region.startOffset);
      if (api === undefined || !fix) return [];
      return [{ messageId: 'removeEntry', data: { api }, fix: (fixer) => fixer.replaceTextRange(fix.range, fix.text) }];
    },
  },
};
