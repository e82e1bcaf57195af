import type { DeclaredCategory, RuleSettings } from '../analyzers/context.js';
import type { SourceLocation } from '../types.js';

/** Where a finding about the declared guide stands: on an entry, or at the file's start. */
export function declarationLocation(declared: NonNullable<RuleSettings['declared']>, entry?: DeclaredCategory): SourceLocation {
  const region = entry?.region ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, startOffset: 0, endOffset: 0 };
  return { file: declared.file, region };
}
