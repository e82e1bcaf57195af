import { createHash } from 'node:crypto';
import type { ProjectResult } from '../scan-result.js';
import type { Finding } from '../types.js';
import { LineIndex } from '../util/line-index.js';
import { compareFindings } from '../util/sort.js';
import { compareFlows } from './code-flow.js';

/** Returns a scanned file's text (for fingerprints), or undefined when it is not at hand. */
export type SourceLookup = (root: string, file: string) => string | undefined;

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

/**
 * The fingerprint of every finding of a project, as SARIF and baselines name it. Findings are taken
 * in report order (file, line, column, rule), so identical lines get occurrence numbers top-down.
 */
export function findingFingerprints(project: ProjectResult, sources: SourceLookup): Map<Finding, string> {
  const lines = lineTexts(project.root, sources);
  const hasher = new LineHasher();
  const fingerprints = new Map<Finding, string>();
  for (const finding of [...project.findings].sort((a, b) => compareFindings(a, b) || compareFlows(a, b))) {
    const { file, region } = finding.location;
    fingerprints.set(finding, hasher.next(finding.ruleId, file, lines(file, region.start.line)));
  }
  return fingerprints;
}

/** Line text lookup with one LineIndex per file; the same line comes back as the same string, so hashing it is cached. */
function lineTexts(root: string, sources: SourceLookup): (file: string, line: number) => string {
  const indexes = new Map<string, LineIndex | undefined>();
  const cache = new Map<string, string>();
  return (file, line) => {
    const key = `${line}\0${file}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    if (!indexes.has(file)) {
      const text = sources(root, file);
      indexes.set(file, text === undefined ? undefined : new LineIndex(text));
    }
    const text = indexes.get(file)?.lineText(line) ?? '';
    cache.set(key, text);
    return text;
  };
}
