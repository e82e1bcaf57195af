import { labelText } from '../../analyzers/dataflow/api-flows.js';
import type { Flow, SinkRecord } from '../../analyzers/dataflow/index.js';
import { ENCRYPTED_TO_CLIENT, ORIGIN_LABELS, type FlowLabel } from '../../platforms/flows.js';
import type { Report } from '../rule.js';
import type { RelatedLocation, SourceLocation } from '../../types.js';
import { compareStrings } from '../../util/sort.js';
import { nameWords } from '../../catalogs/secrets.js';

/** Labels that are personal data or credentials (not mere origins such as user input). */
export function isSensitive(label: FlowLabel): boolean {
  return !ORIGIN_LABELS.has(label);
}

/** A value the platform handed over encrypted (the phone-number button's `encryptedData`): only the developer's server can read it. */
export function isCiphertext(flow: Flow): boolean {
  return flow.label !== 'named' && flow.source.text !== undefined && ENCRYPTED_TO_CLIENT.has(flow.source.text);
}

/** Last words of a field that holds a credential's time, not the credential: `tokenExpired`, `expires_in`, `createTime`, `updatedAt`. */
const TIME_WORD = /^(?:expired?|expires|expiry|expiration|time|timestamp|ttl|date|at|countdown|deadline)$/;

/**
 * A credential's flow that ends at a field read off it that holds its time (`newToken.tokenExpired`,
 * `res.expires_in`): when the token expires is not the token.
 */
export function readsOnlyItsTime(flow: Flow): boolean {
  if (carried(flow) !== 'credential') return false;
  // The field the path reads last, the one name the value is written with (`setStorageSync(k, newToken.tokenExpired)`),
  // or the storage key it is kept under (`uni_id_token_expired`).
  const written = flow.sink.valueNames?.length === 1 ? flow.sink.valueNames[0] : undefined;
  return [flow.fieldNames?.[flow.fieldNames.length - 1], written, flow.sink.storageKey].some((name) => name !== undefined && namesATime(name));
}

function namesATime(name: string): boolean {
  const words = nameWords(name);
  if (words[0] === 'expires' && words[1] === 'in') return true;
  // `CountDown`, `dead_line`: a time written as two words.
  return TIME_WORD.test(words[words.length - 1] ?? '') || TIME_WORD.test(words.slice(-2).join(''));
}

/**
 * A storage key built at run time that ends in a time (`k + 'CountDown'`, `key + '_expire'`): the
 * entry holds when the caller's entry expires, so the caller's key does not say what it holds.
 */
export function keyEndsInTime(sink: SinkRecord): boolean {
  return sink.keyEnd !== undefined && namesATime(sink.keyEnd);
}

/** What a flow carries: its label, or for a value known by its name only, what the name says. */
export function carried(flow: Flow): FlowLabel {
  return flow.source.named ?? flow.label;
}

/** Flows into each sink, sinks in source order. */
export function flowsBySink(flows: readonly Flow[]): Map<SinkRecord, Flow[]> {
  const map = new Map<SinkRecord, Flow[]>();
  for (const flow of flows) {
    const list = map.get(flow.sink);
    if (list) list.push(flow);
    else map.set(flow.sink, [flow]);
  }
  return map;
}

/** Traced flows first (a privacy API beats a name), then the shortest path. */
export function bestFlow(flows: readonly Flow[]): Flow | undefined {
  return [...flows].sort((a, b) => Number(a.label === 'named') - Number(b.label === 'named') || a.steps.length - b.steps.length)[0];
}

export function describeLabels(labels: Iterable<FlowLabel>): string {
  const texts = [...new Set([...labels].map(labelText))];
  return texts.length <= 1 ? texts[0] ?? 'sensitive data' : `${texts.slice(0, -1).join(', ')} and ${texts[texts.length - 1]}`;
}

/** The finding's path and related source location for one flow, then any other related locations the rule names. */
export function flowReport(flow: Flow | undefined, ...related: RelatedLocation[]): Pick<Report, 'codeFlow' | 'relatedLocations'> {
  const source = flow ? [{ location: flow.source.location, message: flow.source.description }] : [];
  const locations = [...source, ...related];
  return { ...(flow && { codeFlow: flow.steps }), ...(locations.length > 0 && { relatedLocations: locations }) };
}

/**
 * A flow's path, with every step but the sink also a related location: where the value is read and
 * where it is built into what the sink gets are often lines apart.
 */
export function pathReport(flow: Flow): Pick<Report, 'codeFlow' | 'relatedLocations'> {
  return { codeFlow: flow.steps, relatedLocations: flow.steps.slice(0, -1).map((step) => ({ location: step.location, message: step.message })) };
}

/** Other places listed per finding, besides its path. */
const MAX_OTHER_PLACES = 12;

/** A report's related locations, then each of `places` on a line they do not show yet, once, in source order, at most twelve, with `message`. */
export function withOtherPlaces(report: Pick<Report, 'codeFlow' | 'relatedLocations'>, places: readonly SourceLocation[] | undefined, message: string): Pick<Report, 'codeFlow' | 'relatedLocations'> {
  const line = (location: SourceLocation): string => `${location.file}:${location.region.start.line}`;
  const shown = new Set(report.relatedLocations?.map((related) => line(related.location)));
  const others = new Map<string, SourceLocation>();
  for (const location of places ?? []) if (!shown.has(line(location)) && !others.has(line(location))) others.set(line(location), location);
  const sorted = [...others.values()].sort((a, b) => compareStrings(a.file, b.file) || a.region.startOffset - b.region.startOffset).slice(0, MAX_OTHER_PLACES);
  return sorted.length === 0 ? report : { ...report, relatedLocations: [...(report.relatedLocations ?? []), ...sorted.map((location) => ({ location, message }))] };
}

/** A log written by server code (a cloud function): kept by the platform for the developer, on the server the data was sent to, not on the device. */
export function isServerLog(sink: SinkRecord): boolean {
  return sink.server === true && sink.kind === 'log';
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
