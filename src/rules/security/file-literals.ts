import type { ConstantResolver } from '../../analyzers/constant-resolver.js';
import type { SymValue } from '../../analyzers/symbolic-values.js';

/** A string literal of the file a value may be, and where it is. */
export interface FileLiteral {
  text: string;
  start: number;
  end: number;
}

/**
 * The whole string literals of `file` that a captured value may be (`const k = '…'` for `k`, each
 * arm of `a ? '…' : '…'`): the constants a use names, for the rules that judge a literal by how
 * the file uses it. A value built from several parts, or written in another file, gives none.
 */
export function fileLiteralsOf(resolver: ConstantResolver, value: SymValue, file: string): FileLiteral[] {
  const literals: FileLiteral[] = [];
  for (const alternative of resolver.strings(value).alternatives) {
    const piece = alternative.length === 1 ? alternative[0]! : undefined;
    if (piece && 'text' in piece && piece.origin?.file === file) literals.push({ text: piece.text, start: piece.origin.start, end: piece.origin.end });
  }
  return literals;
}
