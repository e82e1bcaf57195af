import type { EslintFile, EslintLanguage, EslintParseResult, EslintTextSourceCode } from './types.js';

/**
 * The language app.json is linted with: @eslint/json's JSONC language, registered under minivet's
 * namespace (`minivet/json`) so that it never clashes with a `json` plugin the project configures
 * itself. JSONC (with `allowTrailingCommas`) rather than strict JSON: app.json with a comment or a
 * trailing comma still parses, and minivet's invalid-manifest rule reports each at its position
 * (the platform tools reject them) while the other manifest rules keep working. Real syntax errors
 * stop any JSON parser; ESLint reports those as a parsing error at their position.
 * @eslint/json is an optional peer: without it there is no app.json linting, and the configs
 * leave app.json out.
 */
export type JsonLanguage = EslintLanguage<unknown, EslintTextSourceCode>;

/**
 * @eslint/json's language, delegated to, with one repair: a parse error without a position (the
 * parser's stack overflowing on thousands of nested brackets) is placed at 1:1 instead of
 * `undefined:undefined`.
 */
function withPositions(language: JsonLanguage): JsonLanguage {
  return {
    fileType: language.fileType,
    lineStart: language.lineStart,
    columnStart: language.columnStart,
    nodeTypeKey: language.nodeTypeKey,
    visitorKeys: language.visitorKeys,
    ...(language.defaultLanguageOptions ? { defaultLanguageOptions: language.defaultLanguageOptions } : {}),
    validateLanguageOptions: (options) => language.validateLanguageOptions(options),
    parse(file: EslintFile, context): EslintParseResult<unknown> {
      const result = language.parse(file, context);
      if (result.ok) return result;
      return {
        ok: false,
        errors: result.errors.map((error) =>
          Number.isInteger(error.line) && Number.isInteger(error.column)
            ? error
            : { message: /call stack/i.test(error.message) ? 'the JSON is nested too deeply to be parsed' : error.message, line: 1, column: 1 },
        ),
      };
    },
    createSourceCode: (file, result, context) => language.createSourceCode(file, result, context),
  };
}

async function load(): Promise<JsonLanguage | undefined> {
  try {
    const module = (await import('@eslint/json')) as { default?: { languages?: Record<string, unknown> } };
    const language = module.default?.languages?.jsonc;
    return language && typeof language === 'object' ? withPositions(language as JsonLanguage) : undefined;
  } catch {
    return undefined;
  }
}

export const jsonLanguage: JsonLanguage | undefined = await load();
