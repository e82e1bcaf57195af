import type { Finding } from '../types.js';
import { LineIndex } from '../util/line-index.js';
import { excerpt } from './excerpt.js';
import type { SourceLookup } from './sarif.js';

/** Characters kept on each side of a masked secret before the excerpt is cut around it. */
const EXCERPT_CONTEXT = 300;

/** A file's lines, indexed once when first asked for. */
export function lineReader(sources: SourceLookup, root: string, file: string): (line: number) => string {
  let index: LineIndex | null | undefined;
  return (line) => {
    if (index === undefined) {
      const text = sources(root, file);
      index = text === undefined ? null : new LineIndex(text);
    }
    return index?.lineText(line) ?? '';
  };
}

/**
 * The excerpt under a finding. A rule marks a finding `redact` when its region is a secret: the
 * excerpt then shows the rule's masked form in its place, and nothing at all when it spans lines.
 */
export function findingExcerpt(finding: Finding, lines: (line: number) => string): string {
  const { start, end } = finding.location.region;
  let text = lines(start.line);
  let column = start.column;
  if (finding.properties?.['redact'] === true) {
    if (end.line !== start.line) return '';
    const masked = typeof finding.properties['masked'] === 'string' ? finding.properties['masked'] : '…';
    // Only a window around the secret is copied: the line may be a megabyte of minified code.
    const before = text.slice(Math.max(0, start.column - 1 - EXCERPT_CONTEXT), start.column - 1);
    text = `${before}${masked}${text.slice(end.column - 1, end.column - 1 + EXCERPT_CONTEXT)}`;
    column = before.length + 1;
  }
  return excerpt(text, column);
}

