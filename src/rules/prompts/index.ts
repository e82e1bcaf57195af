import type { Rule } from '../rule.js';
import abusivePermissionPrompt from './abusive-permission-prompt.js';

/** Rules about when and how the user is asked for permissions. */
export const PROMPT_RULES: readonly Rule[] = [abusivePermissionPrompt];
