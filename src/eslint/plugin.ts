/**
 * minivet's ESLint plugin (flat config, ESLint 9 and 10):
 *
 *   import minivet from 'minivet/eslint-plugin';
 *   export default [...minivet.configs.recommended];
 *
 * Every minivet rule is an ESLint rule `minivet/<id>`, made from the same rule module `minivet scan`
 * runs (see rule-adapter.ts), so a rule added to minivet appears here without further work.
 * Languages: `minivet/template` for .wxml/.axml/.swan/.ttml/.qml and, when @eslint/json is
 * installed, `minivet/json` for app.json. See docs/eslint.md.
 */
import type { ESLint, Linter } from 'eslint';
import type { Severity } from '../types.js';
import { RULES } from '../rules/index.js';
import type { Rule } from '../rules/rule.js';
import { TOOL_VERSION } from '../version.js';
import { jsonLanguage } from './json-language.js';
import { toEslintRule } from './rule-adapter.js';
import { TEMPLATE_ERROR_RULE, templateErrorRule } from './template-error-rule.js';
import { templateLanguage } from './template-language.js';
import { registeredExtensions } from '../platforms/index.js';
import type { EslintConfig, EslintLanguage, EslintRule, EslintSeverity, EslintTextSourceCode } from './types.js';

export const NAMESPACE = 'minivet';
export const SCRIPT_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.ts', '**/*.mts', '**/*.cts'];
export const TEMPLATE_FILES = registeredExtensions('template').map((extension) => `**/*${extension}`);
export const MANIFEST_FILES = ['**/app.json'];
/** The declared privacy guide under its conventional name; another name needs its own files entry (docs/eslint.md). */
export const DECLARATION_FILES = ['**/privacy-declaration.json'];

interface PluginObject {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, EslintRule>;
  languages: Record<string, EslintLanguage<unknown, EslintTextSourceCode>>;
  configs: { recommended: EslintConfig[]; strict: EslintConfig[] };
}

/**
 * The plugin's type for users: an ESLint plugin whose configs are flat configs (so
 * `defineConfig([...minivet.configs.recommended])` type-checks in eslint.config.ts), with minivet's
 * own view of its rules and languages.
 */
export type MinivetPlugin = ESLint.Plugin &
  Omit<PluginObject, 'configs'> & {
    configs: { recommended: Linter.Config[]; strict: Linter.Config[] };
  };

function eslintSeverity(severity: Severity): EslintSeverity {
  return severity === 'error' ? 'error' : 'warn';
}

/** minivet's profiles as ESLint severities: `note` has no ESLint level of its own and becomes `warn`. */
function profileRules(rules: readonly Rule[], profile: 'recommended' | 'strict'): Record<string, EslintSeverity> {
  const result: Record<string, EslintSeverity> = {};
  for (const rule of rules) {
    const severity = profile === 'strict' ? (rule.meta.strictSeverity ?? 'error') : rule.meta.severity;
    result[`${NAMESPACE}/${rule.meta.id}`] = eslintSeverity(severity);
  }
  return result;
}

function configs(plugin: PluginObject, profile: 'recommended' | 'strict'): EslintConfig[] {
  const rules = profileRules(RULES, profile);
  const plugins = { [NAMESPACE]: plugin };
  const settings = profile === 'strict' ? { settings: { minivet: { profile: 'strict' } } } : {};
  const list: EslintConfig[] = [
    { name: `minivet/${profile}/scripts`, files: SCRIPT_FILES, plugins, ...settings, rules },
    {
      name: `minivet/${profile}/templates`,
      files: TEMPLATE_FILES,
      plugins,
      language: `${NAMESPACE}/template`,
      ...settings,
      rules: { ...rules, [`${NAMESPACE}/${TEMPLATE_ERROR_RULE}`]: profile === 'strict' ? 'error' : 'warn' },
    },
  ];
  if (jsonLanguage) {
    list.push({
      name: `minivet/${profile}/app-json`,
      files: [...MANIFEST_FILES, ...DECLARATION_FILES],
      plugins,
      language: `${NAMESPACE}/json`,
      languageOptions: { allowTrailingCommas: true },
      ...settings,
      rules,
    });
  }
  return list;
}

const rules: Record<string, EslintRule> = {};
for (const rule of RULES) rules[rule.meta.id] = toEslintRule(rule);
rules[TEMPLATE_ERROR_RULE] = templateErrorRule;

const plugin: PluginObject = {
  meta: { name: 'minivet', version: TOOL_VERSION, namespace: NAMESPACE },
  rules,
  languages: {
    template: templateLanguage as EslintLanguage<unknown, EslintTextSourceCode>,
    ...(jsonLanguage ? { json: jsonLanguage } : {}),
  },
  configs: { recommended: [], strict: [] },
};
plugin.configs.recommended = configs(plugin, 'recommended');
plugin.configs.strict = configs(plugin, 'strict');

/** ESLint's types describe rules and languages more generally than minivet builds them; the objects are the same. */
export default plugin as unknown as MinivetPlugin;
