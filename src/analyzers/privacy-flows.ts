import type { DataDestination, DataFlowEntry } from '../privacy-report.js';
import { ORIGIN_LABELS, type FlowLabel, type SinkKind } from '../platforms/flows.js';
import type { DataFlowResult } from './dataflow/solve.js';
import type { Flow } from './dataflow/propagate.js';
import { labelText } from './dataflow/api-flows.js';
import { hostOfUrl } from './tracker-syntax.js';
import { compareStrings } from '../util/sort.js';

/**
 * Where personal data goes, as a matrix of data type × destination, read off the one data-flow
 * result: the same flows the rules judge, with none of their verdicts. A privacy officer's question
 * is "what goes where", first-party servers included, so every traced destination is listed.
 */

/** Sinks that take data somewhere, and the destination each one is. Navigation and payment stay inside the app. */
const DESTINATIONS: Partial<Record<SinkKind, DataDestination>> = {
  storage: 'storage',
  tracker: 'tracker',
  network: 'network',
  'web-view': 'web-view',
  'cross-app': 'other-mini-app',
  log: 'log',
  clipboard: 'clipboard',
  file: 'file',
};

/** Not personal data: a login code is worthless without the server's secret. */
const NOT_PERSONAL: ReadonlySet<FlowLabel> = new Set(['login-code']);

/** What a flow carries, and whether that is known from a traced source or only from a name. */
function carriedData(flow: Flow): { data: FlowLabel; byName: boolean } | undefined {
  const data = flow.source.named ?? flow.label;
  if (flow.label === 'key-name' || flow.viaKey || flow.viaUrl) return undefined;
  if (ORIGIN_LABELS.has(data) || NOT_PERSONAL.has(data)) return undefined;
  return { data, byName: flow.label === 'named' };
}

/** Who receives it: a host, a storage key, an SDK, or the API when nothing more is known. */
function target(flow: Flow): string {
  const sink = flow.sink;
  if (sink.kind === 'network' || sink.kind === 'web-view' || sink.kind === 'cross-app') {
    const host = sink.url === undefined ? undefined : hostOfUrl(sink.url);
    if (host) return host;
    // The app's own backend behind a wrapper usually: say so rather than pass the API off as a destination.
    if (sink.kind === 'network') return `${sink.api} (host not resolved)`;
  }
  if (sink.kind === 'storage') {
    if (sink.storageKey !== undefined) return `key "${sink.storageKey}"`;
    return sink.keyName !== undefined ? `key ${sink.keyName}` : `${sink.api} (key not resolved)`;
  }
  return sink.api;
}

/** Where one flow takes personal data, or undefined when it carries none or goes nowhere the matrix shows. */
export function placeOf(flow: Flow): { data: FlowLabel; destination: DataDestination; target: string; byName: boolean } | undefined {
  const destination = DESTINATIONS[flow.sink.kind];
  const carried = destination && carriedData(flow);
  return destination && carried ? { data: carried.data, destination, target: target(flow), byName: carried.byName } : undefined;
}

interface Accumulator {
  data: FlowLabel;
  destination: DataDestination;
  targets: Set<string>;
  flows: number;
  tracedFlows: number;
  first: Flow;
}

function location(flow: Flow): { file: string; line: number } {
  return { file: flow.sink.location.file, line: flow.sink.location.region.start.line };
}

function earlier(a: Flow, b: Flow): boolean {
  const [x, y] = [location(a), location(b)];
  return compareStrings(x.file, y.file) < 0 || (x.file === y.file && x.line < y.line);
}

/** The matrix, sorted by data type, then destination. */
export function summariseDataFlows(dataflow: DataFlowResult | undefined): DataFlowEntry[] {
  if (!dataflow) return [];
  const cells = new Map<string, Accumulator>();
  for (const flow of dataflow.flows) {
    const place = placeOf(flow);
    if (!place) continue;
    const key = `${place.data}\u0000${place.destination}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { data: place.data, destination: place.destination, targets: new Set(), flows: 0, tracedFlows: 0, first: flow };
      cells.set(key, cell);
    }
    cell.targets.add(place.target);
    cell.flows++;
    if (!place.byName) cell.tracedFlows++;
    if (earlier(flow, cell.first)) cell.first = flow;
  }
  return [...cells.values()]
    .map((cell) => ({
      data: cell.data,
      label: labelText(cell.data),
      destination: cell.destination,
      targets: [...cell.targets].sort(compareStrings),
      flows: cell.flows,
      byNameOnly: cell.tracedFlows === 0,
      example: location(cell.first),
    }))
    .sort((a, b) => compareStrings(a.data, b.data) || compareStrings(a.destination, b.destination));
}
