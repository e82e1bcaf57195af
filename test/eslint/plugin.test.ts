import type { ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { RULE_DOCS_BASE, TOOL_VERSION } from '../../src/version.js';
import { minivet } from './helpers.js';

describe('minivet/eslint-plugin', () => {
  it('is an ESLint plugin with meta, rules, languages and flat configs', () => {
    // Compile-time: the default export is assignable to ESLint's own plugin and config types.
    const plugin: ESLint.Plugin = minivet;
    const configs: Linter.Config[] = [...minivet.configs.recommended, ...minivet.configs.strict];
    expect(plugin.meta).toEqual({ name: 'minivet', version: TOOL_VERSION, namespace: 'minivet' });
    expect(Object.keys(minivet.languages).sort()).toEqual(['json', 'template']);
    expect(configs.length).toBe(6);
  });

  it('has an ESLint rule for every minivet rule, with docs URL, description and messages', () => {
    expect(Object.keys(minivet.rules).sort()).toEqual([...RULES.map((rule) => rule.meta.id), 'template-error'].sort());
    for (const rule of RULES) {
      const eslintRule = minivet.rules[rule.meta.id]!;
      expect(eslintRule.meta.type).toBe('problem');
      expect(eslintRule.meta.docs.url).toBe(`${RULE_DOCS_BASE}${rule.meta.id}.md`);
      expect(eslintRule.meta.docs.description).toBe(rule.meta.description);
      expect(eslintRule.meta.schema).toEqual([]);
      expect(eslintRule.meta.messages).toMatchObject({ finding: '{{message}}', elsewhere: expect.stringContaining('{{where}}'), crashed: expect.any(String) });
      expect(typeof eslintRule.create).toBe('function');
    }
    expect(minivet.rules['undeclared-private-info']!.meta.fixable).toBe('code');
    expect(minivet.rules['unused-private-info']!.meta.hasSuggestions).toBe(true);
    expect(minivet.rules['template-error']!.meta.docs.url).toMatch(/docs\/eslint\.md#template-error$/);
  });

  it('recommended: scripts, templates and app.json, every rule at its minivet severity', () => {
    const [scripts, templates, manifest] = minivet.configs.recommended;
    expect(scripts!.files).toEqual(expect.arrayContaining(['**/*.js', '**/*.ts']));
    expect(scripts!.language).toBeUndefined();
    expect(templates!.files).toEqual(['**/*.wxml', '**/*.axml', '**/*.ttml', '**/*.swan', '**/*.qml']);
    expect(templates!.language).toBe('minivet/template');
    expect(manifest!.files).toEqual(['**/app.json', '**/privacy-declaration.json']);
    expect(manifest!.language).toBe('minivet/json');
    expect(manifest!.languageOptions).toEqual({ allowTrailingCommas: true });
    for (const config of minivet.configs.recommended) {
      expect(config.plugins?.minivet).toBe(minivet);
      expect(config.settings).toBeUndefined();
      for (const rule of RULES) {
        expect(config.rules?.[`minivet/${rule.meta.id}`]).toBe(rule.meta.severity === 'error' ? 'error' : 'warn');
      }
    }
    expect(templates!.rules?.['minivet/template-error']).toBe('warn');
  });

  it('strict (the vendor profile): every rule on at its strict severity, error by default', () => {
    for (const config of minivet.configs.strict) {
      expect(config.settings).toEqual({ minivet: { profile: 'strict' } });
      for (const rule of RULES) {
        const severity = rule.meta.strictSeverity ?? 'error';
        expect(config.rules?.[`minivet/${rule.meta.id}`]).toBe(severity === 'error' ? 'error' : 'warn');
      }
    }
    expect(minivet.configs.strict[1]!.rules?.['minivet/template-error']).toBe('error');
  });
});
