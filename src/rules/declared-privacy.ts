import type { DeclaredCategory, RuleSettings } from '../analyzers/context.js';
import type { SourceLocation } from '../types.js';

/** Declared keys are compared without case: `Bluetooth` for WeChat's `BlueTooth` is the same intent. */
export function declaredKeys(declared: NonNullable<RuleSettings['declared']>): Map<string, DeclaredCategory> {
  const keys = new Map<string, DeclaredCategory>();
  for (const entry of declared.categories) keys.set(entry.key.toLowerCase(), entry);
  return keys;
}

export function declarationLocation(declared: NonNullable<RuleSettings['declared']>, entry?: DeclaredCategory): SourceLocation {
  const region = entry?.region ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, startOffset: 0, endOffset: 0 };
  return { file: declared.file, region };
}
