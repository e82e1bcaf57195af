import { printable } from './printable.js';

/**
 * A short excerpt of a source line around a column: at most `width` characters, with … where it is
 * cut, so a finding in a megabyte-long minified line prints one readable line. Only a bounded window
 * around the column is ever copied, however long the line and however many findings stand on it, and
 * control characters are shown escaped (see printable.ts).
 */
export function excerpt(line: string, column: number, width = 100): string {
  const at = Math.max(0, column - 1);
  const from = Math.max(0, at - 2 * width);
  const to = Math.min(line.length, at + 2 * width);
  const [cutBefore, cutAfter] = [from > 0, to < line.length];
  const text = line.slice(from, to).replace(/\t/g, ' ');
  const trimmedStart = cutBefore ? 0 : text.length - text.trimStart().length;
  if (!cutBefore && !cutAfter && text.length <= width) return printable(text.trim());
  let start = Math.max(trimmedStart, at - from - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  start = Math.max(trimmedStart, Math.min(start, end - width));
  return `${start > trimmedStart || cutBefore ? '…' : ''}${printable(text.slice(start, end).trim())}${end < text.length || cutAfter ? '…' : ''}`;
}
