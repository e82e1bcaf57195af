import { createHash } from 'node:crypto';

/** Collapses whitespace runs and trims, so re-indenting a line keeps its alerts. */
export function normaliseLine(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * GitHub's `primaryLocationLineHash`: `<16 hex>:<occurrence>`.
 * Built from the rule, the file and the line's normalised text, never its number, so an alert
 * survives code moving above it; `occurrence` (1-based) tells identical lines apart.
 * The line enters through its own digest so a long minified line is hashed once, not once per finding.
 */
export function primaryLocationLineHash(ruleId: string, relativePath: string, normalisedLine: string, occurrence: number): string {
  return fingerprintOf(ruleId, relativePath, sha256(normalisedLine), occurrence);
}

function fingerprintOf(ruleId: string, relativePath: string, lineDigest: string, occurrence: number): string {
  // NUL separators: no field can run into the next.
  return `${sha256(`${ruleId}\0${relativePath}\0${lineDigest}`).slice(0, 16)}:${occurrence}`;
}

/** Hands out fingerprints, counting identical (rule, file, line text) triples in the order asked. */
export class LineHasher {
  private readonly seen = new Map<string, number>();
  /** Digest of each distinct line text seen (callers pass the same string object for the same line). */
  private readonly lineDigests = new Map<string, string>();

  next(ruleId: string, relativePath: string, lineText: string): string {
    let lineDigest = this.lineDigests.get(lineText);
    if (lineDigest === undefined) {
      lineDigest = sha256(normaliseLine(lineText));
      this.lineDigests.set(lineText, lineDigest);
    }
    const key = `${ruleId}\0${relativePath}\0${lineDigest}`;
    const occurrence = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, occurrence);
    return fingerprintOf(ruleId, relativePath, lineDigest, occurrence);
  }
}
