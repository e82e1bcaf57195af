import type { SinkRecord, SourceRecord } from './fragment.js';
import { isPageOf, withoutExtension } from './page-routes.js';
import { QUERY_LABEL } from './path-keys.js';

/** Labels are bits of an Int32 (31 usable); past that, the last bit is shared (its paths name one source). */
export const MAX_LABELS = 31;
/** Between a label and the page whose query a bit of its own stands for (`page-query@pages/a/a`). */
const PAGE_MARK = '@';
/** Sinks whose page's own query most needs a bit of its own: what a forged link is after. */
const PRIORITY_SINKS: ReadonlySet<string> = new Set(['web-view', 'payment']);

/**
 * The bit each source's label is carried by: one per label (and per name category for values known
 * by name only). A page's query gets a bit of its own while bits last, pages with a web-view or a
 * payment first, so that one page's query reaching a sink (through storage, a hand-over, or a helper
 * the analysis merges) does not hide the sink's own page's; the rest share one.
 */
export class LabelBits {
  /** The label each bit stands for, its page left out (`page-query`). */
  readonly kinds: string[] = [];
  private readonly labels: string[] = [];
  private readonly bits = new Map<SourceRecord, number>();

  constructor(sources: readonly SourceRecord[], sinks: readonly SinkRecord[]) {
    for (const source of sources) if (source.label !== QUERY_LABEL) this.bits.set(source, this.bitOf(labelOf(source)));
    const wanted = [...new Set(sinks.filter((sink) => PRIORITY_SINKS.has(sink.kind)).map((sink) => withoutExtension(sink.location.file)))];
    const first: SourceRecord[] = [];
    const rest: SourceRecord[] = [];
    for (const source of sources) {
      if (source.label !== QUERY_LABEL) continue;
      const page = pageOf(source);
      (wanted.some((file) => isPageOf(file, page)) ? first : rest).push(source);
    }
    for (const source of [...first, ...rest]) this.bits.set(source, this.queryBit(source));
    for (const label of this.labels) this.kinds.push(label.split(PAGE_MARK)[0]!);
  }

  get size(): number {
    return this.labels.length;
  }

  /** The bit of a source given to the constructor. */
  of(source: SourceRecord): number {
    return this.bits.get(source)!;
  }

  private bitOf(label: string): number {
    const index = this.labels.indexOf(label);
    if (index !== -1) return index;
    return this.labels.length < MAX_LABELS ? this.labels.push(label) - 1 : MAX_LABELS - 1;
  }

  private queryBit(source: SourceRecord): number {
    const own = `${QUERY_LABEL}${PAGE_MARK}${pageOf(source)}`;
    const index = this.labels.indexOf(own);
    if (index !== -1) return index;
    return this.labels.length < MAX_LABELS - 1 ? this.labels.push(own) - 1 : this.bitOf(QUERY_LABEL);
  }
}

function labelOf(source: SourceRecord): string {
  return source.named ? `${source.label}:${source.named}` : source.label;
}

function pageOf(source: SourceRecord): string {
  return source.page ?? withoutExtension(source.location.file);
}
