import type * as Sarif from 'sarif';
import type { FlowStep, SourceLocation } from '../types.js';
import { compareStrings } from '../util/sort.js';

/** GitHub shows at most 1,000 thread flow locations per result (and rejects over 10,000). */
const MAX_SARIF_STEPS = 1000;

/** The text output shows this many steps at each end of a longer path. */
const TEXT_ENDS = 2;

export function sameLocation(a: SourceLocation, b: SourceLocation): boolean {
  const [r, s] = [a.region, b.region];
  return (
    a.file === b.file &&
    r.start.line === s.start.line &&
    r.start.column === s.start.column &&
    r.end.line === s.end.line &&
    r.end.column === s.end.column
  );
}

/**
 * SARIF's well-known kinds (threadFlowLocation.kinds): the spec's own example for tainted data
 * entering is ["acquire", "taint"]; "danger" marks the step where the value does harm.
 */
function stepKinds(index: number, count: number): string[] | undefined {
  const kinds: string[] = [];
  if (index === 0) kinds.push('acquire', 'taint');
  if (index === count - 1) kinds.push(...(index === 0 ? [] : ['taint']), 'danger');
  return kinds.length > 0 ? kinds : undefined;
}

/** One code flow with one thread flow, source first; a huge path keeps both ends. */
export function sarifCodeFlows(
  flow: FlowStep[],
  physical: (location: SourceLocation) => Sarif.PhysicalLocation,
): Sarif.CodeFlow[] {
  const half = MAX_SARIF_STEPS / 2;
  const steps = flow.length <= MAX_SARIF_STEPS ? flow : [...flow.slice(0, half), ...flow.slice(flow.length - half)];
  const locations = steps.map((step, index): Sarif.ThreadFlowLocation => {
    const kinds = stepKinds(index, steps.length);
    return {
      location: { physicalLocation: physical(step.location), message: { text: step.message } },
      ...(kinds && { kinds }),
    };
  });
  return [{ threadFlows: [{ locations }] }];
}

/**
 * Appends an embedded link to the source (`[text](id)`): GitHub shows a related location only
 * when the result message links to it. Brackets and backslashes in link text must be escaped.
 */
export function withSourceLink(message: string, sourceMessage: string, id: number): string {
  const label = sourceMessage.replace(/\s+/g, ' ').trim().replace(/[.\s]+$/, '').replace(/[\\[\]]/g, '\\$&') || 'source';
  const base = message.trimEnd();
  return `${base}${/[.!?]$/.test(base) ? ' ' : '. '}Source: [${label}](${id}).`;
}

/** Tie-break for findings that sort equal but differ in their paths (step by step), so output order never depends on input order. */
export function compareFlows(a: { codeFlow?: FlowStep[] }, b: { codeFlow?: FlowStep[] }): number {
  const [x, y] = [a.codeFlow ?? [], b.codeFlow ?? []];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i]!, y[i]!];
    const order =
      compareStrings(p.location.file, q.location.file) ||
      p.location.region.start.line - q.location.region.start.line ||
      p.location.region.start.column - q.location.region.start.column ||
      p.location.region.end.line - q.location.region.end.line ||
      p.location.region.end.column - q.location.region.end.column ||
      compareStrings(p.message, q.message);
    if (order !== 0) return order;
  }
  return x.length - y.length;
}


/**
 * The path on one line: `↳ source line 4 → utils/a.js:8 → … 3 more … → sink pages/b.js:12`.
 * A step in the same file as the one before (the first: the finding's file) shows only its line;
 * consecutive steps on the same line are shown once. Empty when there is no path to show.
 */
export function flowText(
  flow: FlowStep[],
  findingFile: string,
  display: (file: string) => string,
  dim: (text: string) => string = (text) => text,
): string {
  const steps = flow.filter((step, i) => i === 0 || !sameLine(step, flow[i - 1]!));
  if (steps.length < 2) return '';
  const elide = steps.length > 2 * TEXT_ENDS + 1;
  const shown: (FlowStep | number)[] = elide
    ? [...steps.slice(0, TEXT_ENDS), steps.length - 2 * TEXT_ENDS, ...steps.slice(-TEXT_ENDS)]
    : steps;
  let file = findingFile;
  const parts = shown.map((item, i) => {
    if (typeof item === 'number') {
      file = ''; // after a gap, name the file again
      return dim(`… ${item} more …`);
    }
    const { line } = item.location.region.start;
    const where = item.location.file === file ? `line ${line}` : `${display(item.location.file)}:${line}`;
    file = item.location.file;
    const label = i === 0 ? 'source' : i === shown.length - 1 ? 'sink' : '';
    return label === '' ? where : `${dim(label)} ${where}`;
  });
  return `${dim('↳')} ${parts.join(dim(' → '))}`;
}

function sameLine(a: FlowStep, b: FlowStep): boolean {
  return a.location.file === b.location.file && a.location.region.start.line === b.location.region.start.line;
}
