import type { Rule } from '../rule.js';

/** Tracking and consent rules. */
export const TRACKING_RULES: readonly Rule[] = [];
