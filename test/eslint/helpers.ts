import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { afterAll, describe, it } from 'vitest';
import minivet from '../../src/eslint/plugin.js';
import type { EslintRule } from '../../src/eslint/types.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export { minivet };

/** The test fixture: project.config.json names miniprogram/ as the mini-app root. */
export const APP = fileURLToPath(new URL('./fixtures/wechat-app/', import.meta.url));
export const MINIPROGRAM = `${APP}miniprogram/`;

/** ESLint's default parser, found through ESLint (it is ESLint's dependency, not minivet's). */
const espree: unknown = createRequire(createRequire(import.meta.url).resolve('eslint'))('espree');

/** JavaScript as ESLint parses it by default (espree). */
export const jsTester = new RuleTester({ languageOptions: { parser: espree as never } });
/** TypeScript through @typescript-eslint/parser (the rule tester's default). */
export const tsTester = new RuleTester();

/** typescript-eslint's tester types rules for its own AST; the plugin's are language-neutral. */
export function asTested(rule: EslintRule | undefined): RuleModule<string, unknown[]> {
  if (!rule) throw new Error('no such rule');
  return rule as unknown as RuleModule<string, unknown[]>;
}

/** Test-case config for a template (.wxml, …). */
export const template: object = { language: 'minivet/template', plugins: { minivet } };
/** Test-case config for app.json, as the recommended config lints it. */
export const appJson: object = { language: 'minivet/json', languageOptions: { allowTrailingCommas: true }, plugins: { minivet } };

/** The recommended config plus the TypeScript parser for .ts, as docs/eslint.md shows. */
export function recommendedConfig(): Linter.Config[] {
  return [...minivet.configs.recommended, { files: ['**/*.ts'], languageOptions: { parser: tsParser } }];
}

/** Lints one text as the file `filename` (absolute) with ESLint's Linter and the recommended config. */
export function lint(code: string, filename: string, config: Linter.Config[] = recommendedConfig()): Linter.LintMessage[] {
  const linter = new Linter({ cwd: '/' });
  return linter.verify(code, config, filename);
}

/** `rule line:column message` of each message, for compact assertions. */
export function brief(messages: readonly Linter.LintMessage[]): string[] {
  return messages.map((m) => `${m.ruleId ?? 'null'} ${m.line}:${m.column} ${m.message}`);
}
