// The ESLint security stack minivet is measured against in `npm run bench:corpus`: every rule of
// eslint-plugin-security, eslint-plugin-no-secrets and eslint-plugin-no-unsanitized, and ESLint's
// own eval rules, at "warn"; TypeScript through @typescript-eslint/parser. One process per app.
import security from 'eslint-plugin-security';
import noSecrets from 'eslint-plugin-no-secrets';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import typescriptParser from '@typescript-eslint/parser';

const everyRule = (prefix, plugin) => Object.fromEntries(Object.keys(plugin.rules).map((name) => [`${prefix}/${name}`, 'warn']));
const plugins = { security, 'no-secrets': noSecrets, 'no-unsanitized': noUnsanitized };
const rules = {
  ...everyRule('security', security),
  ...everyRule('no-secrets', noSecrets),
  ...everyRule('no-unsanitized', noUnsanitized),
  'no-eval': 'warn',
  'no-implied-eval': 'warn',
  'no-new-func': 'warn',
};
const linterOptions = { reportUnusedDisableDirectives: 'off', noInlineConfig: true };

export default [
  { ignores: ['**/node_modules/**'] },
  { files: ['**/*.js'], plugins, rules, linterOptions, languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  { files: ['**/*.ts'], plugins, rules, linterOptions, languageOptions: { parser: typescriptParser, ecmaVersion: 'latest', sourceType: 'module' } },
];
