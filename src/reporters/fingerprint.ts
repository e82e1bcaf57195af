import { createHash } from 'node:crypto';

/** Collapses whitespace runs and trims, so re-indenting a line keeps its alerts. */
export function normaliseLine(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

/**
 * GitHub's `primaryLocationLineHash`: `<16 hex>:<occurrence>`.
 * Built from the rule, the file and the line's text, never its number, so an alert
 * survives code moving above it; `occurrence` (1-based) tells identical lines apart.
 */
export function primaryLocationLineHash(
  ruleId: string,
  relativePath: string,
  normalisedLine: string,
  occurrence: number,
): string {
  // NUL separators: no field can run into the next.
  const digest = createHash('sha256')
    .update(`${ruleId}\0${relativePath}\0${normalisedLine}`, 'utf8')
    .digest('hex')
    .slice(0, 16);
  return `${digest}:${occurrence}`;
}

/** Hands out fingerprints, counting identical (rule, file, line text) triples in the order asked. */
export class LineHasher {
  private readonly seen = new Map<string, number>();

  next(ruleId: string, relativePath: string, lineText: string): string {
    const normalised = normaliseLine(lineText);
    const key = `${ruleId}\0${relativePath}\0${normalised}`;
    const occurrence = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, occurrence);
    return primaryLocationLineHash(ruleId, relativePath, normalised, occurrence);
  }
}
