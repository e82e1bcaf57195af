import type { Finding } from '../types.js';
import type { LineIndex } from '../util/line-index.js';

/**
 * In-source suppressions, written in a comment:
 *   // minivet-disable-next-line undeclared-private-info -- the SDK declares it in ext.json
 *   wx.getLocation(); // minivet-disable-line
 *   <!-- minivet-disable-next-line missing-permission-description -->
 *   /* minivet-disable hardcoded-secret -- test vectors *\/   (the rest of the file)
 * Without rule ids a directive covers every rule. The strict vendor profile ignores them all.
 */
export interface Suppression {
  file: string;
  fromLine: number;
  toLine: number;
  /** Rule ids covered; undefined for all rules. */
  rules?: ReadonlySet<string>;
  justification?: string;
}

/** Cheap pre-check so files without directives pay nothing (no comment collection). */
export const DIRECTIVE_MARK = 'minivet-disable';

const DIRECTIVE = /^\s*\*?\s*(minivet-disable(?:-next-line|-line)?)\b([^\n]*)$/;

function parseDirective(comment: string, line: number, lastLine: number, file: string): Suppression | undefined {
  const match = DIRECTIVE.exec(comment.trim().replace(/\*\/$/, ''));
  if (!match) return undefined;
  const [, kind, rest = ''] = match;
  const [ruleText = '', ...why] = rest.split(/\s--\s?/);
  const ids = ruleText.split(/[\s,]+/).filter(Boolean);
  const justification = why.join(' -- ').trim() || undefined;
  const range =
    kind === 'minivet-disable-next-line' ? { fromLine: line + 1, toLine: line + 1 }
    : kind === 'minivet-disable-line' ? { fromLine: line, toLine: line }
    : { fromLine: line, toLine: lastLine };
  return { file, ...range, ...(ids.length > 0 ? { rules: new Set(ids) } : {}), ...(justification ? { justification } : {}) };
}

/** Directives in script comments (from the parser, so a directive inside a string does nothing). */
export function scriptSuppressions(comments: readonly { value: string; range: readonly [number, number] }[], lines: LineIndex, file: string): Suppression[] {
  const found: Suppression[] = [];
  for (const comment of comments) {
    if (!comment.value.includes(DIRECTIVE_MARK)) continue;
    // A block comment's directive applies from the line the comment ends on.
    const line = lines.position(comment.range[1]).line;
    const suppression = parseDirective(comment.value, line, lines.lineCount, file);
    if (suppression) found.push(suppression);
  }
  return found;
}

/** Directives in template comments `<!-- … -->`. */
export function templateSuppressions(text: string, lines: LineIndex, file: string): Suppression[] {
  if (!text.includes(DIRECTIVE_MARK)) return [];
  const found: Suppression[] = [];
  for (const match of text.matchAll(/<!--([\s\S]*?)-->/g)) {
    if (!match[1]!.includes(DIRECTIVE_MARK)) continue;
    const line = lines.position(match.index! + match[0].length).line;
    const suppression = parseDirective(match[1]!, line, lines.lineCount, file);
    if (suppression) found.push(suppression);
  }
  return found;
}

/** Marks the findings a suppression covers (they stay in SARIF as suppressed results, out of counts and exit codes). */
export function applySuppressions(findings: Finding[], suppressions: readonly Suppression[]): void {
  if (suppressions.length === 0) return;
  const byFile = new Map<string, Suppression[]>();
  for (const suppression of suppressions) {
    const list = byFile.get(suppression.file) ?? [];
    list.push(suppression);
    byFile.set(suppression.file, list);
  }
  for (const finding of findings) {
    const line = finding.location.region.start.line;
    const cover = byFile
      .get(finding.location.file)
      ?.find((s) => line >= s.fromLine && line <= s.toLine && (s.rules === undefined || s.rules.has(finding.ruleId)));
    if (cover) finding.suppressed = cover.justification ? { justification: cover.justification } : {};
  }
}
