import { TOOL_URI } from '../version.js';
import { lintedFile } from './linted-file.js';
import type { EslintListener, EslintRule } from './types.js';

/** Plugin-only rule id: not a minivet finding, but what `minivet scan` lists as a template notification. */
export const TEMPLATE_ERROR_RULE = 'template-error';

/**
 * Reports what could not be read in a template (an unclosed tag, an inline `<wxs>` that does not parse)
 * at its position. The template still "parses" for ESLint, so the template rules keep reporting on
 * what was read while the file is being edited; this rule says what they could not see.
 */
export const templateErrorRule: EslintRule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'A template could not be read completely; minivet analysed the part it could read.',
      url: `${TOOL_URI}/blob/main/docs/eslint.md#template-error`,
      recommended: true,
    },
    messages: { unreadable: '{{message}}' },
    schema: [],
  },
  create(context): Record<string, EslintListener> {
    let file;
    try {
      file = lintedFile(context);
    } catch {
      return {};
    }
    if (file.role !== 'template') return {};
    const current = file;
    return {
      Template() {
        for (const problem of current.templateProblems()) {
          const position = problem.position ?? current.firstPosition;
          context.report({ loc: { start: position, end: position }, messageId: 'unreadable', data: { message: problem.message } });
        }
      },
    };
  },
};
