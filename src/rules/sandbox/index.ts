import type { Rule } from '../rule.js';
import clipboardRead from './clipboard-read.js';
import storageOutsideSandbox from './storage-outside-sandbox.js';

/** Rules about what a mini-app reaches beyond its own sandbox: the shared clipboard, device storage, plugins. */
export const SANDBOX_RULES: readonly Rule[] = [clipboardRead, storageOutsideSandbox];
