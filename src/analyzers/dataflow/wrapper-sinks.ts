import { isConstantName } from './extract-options.js';
import { keyText, nodeLocation, type CallSite, type SinkRecord } from './fragment.js';

/** A call the graph tied to a storage wrapper: `Store.setItem('wx_userInfo', userInfo)` → `setItem(key, value)`. */
export interface WrapperCall {
  call: CallSite;
  fn: string;
}

/**
 * Storage writes whose key each caller chooses (`setItem(key, value) { wx.setStorageSync(key, value) }`)
 * are judged where the key is chosen: one write per call of the wrapper, with that call's key and
 * value, pointing back to the write inside. A wrapper no call reaches stays as it is. One level: a
 * wrapper of a wrapper is judged at the inner wrapper's calls.
 */
export function expandWrapperSinks(sinks: readonly SinkRecord[], calls: readonly WrapperCall[], readers: ReadonlyMap<string, number>): { sinks: SinkRecord[]; copies: [string, string][] } {
  const copies: [string, string][] = [];
  // `getItem('token')` reads the entry `setItem('token', t)` writes: each call is linked to its key's entry.
  for (const { call, fn } of calls) {
    const position = readers.get(fn);
    const entry = position === undefined ? undefined : storageEntryOf(call, position);
    if (entry) copies.push([entry, call.result]);
  }
  const byFunction = new Map<string, CallSite[]>();
  for (const { call, fn } of calls) {
    const list = byFunction.get(fn) ?? [];
    list.push(call);
    byFunction.set(fn, list);
  }
  const expanded: SinkRecord[] = [];
  // A wrapper with two writes (`sync ? setStorageSync(key, v) : setStorage({ key, data: v })`) is one write per call.
  const judged = new Set<CallSite>();
  for (const sink of sinks) {
    const callers = sink.wrapper && sink.owner ? byFunction.get(sink.owner) : undefined;
    // A call the graph ties to the wrapper in a way whose arguments are not the call's own (`.call`, a callback) cannot be judged where it is: the write inside stands for it.
    if (!callers || callers.some((call) => !call.site || call.shifted)) expanded.push(sink);
    if (!callers) continue;
    for (const call of callers) {
      if (judged.has(call)) continue;
      const site = callSink(sink, call);
      if (!site) continue;
      judged.add(call);
      expanded.push(site);
      const entry = storageEntryOf(call, sink.wrapper!.key);
      if (entry) for (const ref of call.args[sink.wrapper!.value] ?? []) copies.push([ref.shallow ? `${ref.key}^` : ref.key, entry]);
    }
  }
  return { sinks: expanded, copies };
}

/** The storage entry a call's key argument names: its string, else the name it is written with (as api-flows.ts storageKey). */
export function storageEntryOf(call: CallSite, position: number): string | undefined {
  const facts = call.argumentFacts?.[position];
  if (facts?.text !== undefined) return `s:${keyText(facts.text)}`;
  return facts?.name !== undefined ? `s:${keyText(`~${facts.name}`)}` : undefined;
}

function callSink(sink: SinkRecord, call: CallSite): SinkRecord | undefined {
  const { key, value, when, whenByDefault } = sink.wrapper!;
  if (!call.site || call.shifted) return undefined;
  if (when !== undefined && (call.args.length <= when ? !whenByDefault : call.argumentFacts?.[when]?.falsy)) return undefined;
  const location = nodeLocation(call.site);
  const keyFacts = call.argumentFacts?.[key] ?? undefined;
  const valueFacts = call.argumentFacts?.[value] ?? undefined;
  const keyInputs = keyFacts?.text === undefined ? call.args[key] ?? [] : [];
  const name = valueFacts?.name;
  return {
    kind: sink.kind,
    api: sink.api,
    inputs: (call.args[value] ?? []).map((ref) => (ref.shallow ? ref : { key: `${ref.key}+` })),
    ...(keyInputs.length > 0 && { keyInputs }),
    location,
    ...(keyFacts?.text !== undefined && { storageKey: keyFacts.text }),
    ...(keyFacts?.text === undefined && keyFacts?.name !== undefined && isConstantName(keyFacts.name) && { keyName: keyFacts.name }),
    ...(sink.encrypted && { encrypted: true }),
    ...(valueFacts?.inert && { inert: true }),
    valueNames: name !== undefined && !isConstantName(name) ? [name] : [],
    ...(sink.thirdParty && location.file === sink.location.file && { thirdParty: true }),
    ...(call.owner && { owner: call.owner }),
    writtenBy: sink.location,
  };
}
