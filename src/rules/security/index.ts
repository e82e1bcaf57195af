import type { Rule } from '../rule.js';

/** Security rules (secrets, transport, dynamic code, hidden APIs, web-view). */
export const SECURITY_RULES: readonly Rule[] = [];
