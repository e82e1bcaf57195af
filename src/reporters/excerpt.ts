/**
 * A short excerpt of a source line around a column: at most `width` characters, with … where it is
 * cut, so a finding in a megabyte-long minified line prints one readable line.
 */
export function excerpt(line: string, column: number, width = 100): string {
  const text = line.replace(/\t/g, ' ');
  const trimmedStart = text.length - text.trimStart().length;
  if (text.length <= width) return text.trim();
  const at = Math.max(0, column - 1);
  let start = Math.max(trimmedStart, at - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  start = Math.max(trimmedStart, Math.min(start, end - width));
  return `${start > trimmedStart ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}
