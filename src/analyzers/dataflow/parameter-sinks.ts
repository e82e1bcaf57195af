import type { SinkKind } from '../../platforms/flows.js';
import { nodeLocation, type CallSite, type NodeInfo, type Ref, type SinkRecord } from './fragment.js';
import { NodeMarks } from './node-marks.js';
import { END_OF_LIST, type LinkedLists } from './linked-lists.js';

/** What the search for a sink's parameters reads of the linked graph. */
export interface ParameterSinkInput {
  sinks: readonly SinkRecord[];
  calls: readonly CallSite[];
  /** Call index → the functions its callee resolved to. */
  callees: ReadonlyMap<number, readonly string[]>;
  /** Function → the function it is written in. */
  parents: ReadonlyMap<string, string>;
  idOf(key: string): number | undefined;
  keyOf(id: number): string;
  /** The edges into each node (walked in place: the search visits thousands of nodes). */
  incoming: Pick<LinkedLists, 'first' | 'next' | 'value'>;
  /** The fields of `id`, one level down. */
  fieldsOf(id: number): number[];
}

/**
 * Sinks judged at each call of the function they are in: a navigation, hand-over, request or
 * payment whose values come from the function's parameters (`goWebView(url) { wx.navigateTo({ url:
 * '/pages/web/web?src=' + encodeURIComponent(url) }) }`, `request(data, path) { wx.request({ url:
 * HOST + path, data }) }`). Every page that calls such a helper navigates or sends on its own, with
 * its own values; traced to the one sink inside, only the first caller found would be reported.
 * Storage wrappers have their own judgement (wrapper-sinks.ts).
 */
const JUDGED_KINDS: ReadonlySet<SinkKind> = new Set(['navigation', 'page-handover', 'network', 'payment', 'cloud-call']);

/** Nodes the backward search from one sink may visit. */
const PARAMETER_SEARCH = 1_000;
/** How many helpers out from the sink a call is still judged on its own. */
const MAX_HELPER_DEPTH = 3;
/** A sink in a callback (`success() { wx.navigateTo(…) }`) counts the parameters of this many functions around it. */
const ENCLOSING_DEPTH = 4;

const PARAMETER = /^(.+)#p(\d+)((?:\..+)?)$/;
const URL_FIELD = /^\.(?:url|uri|api|path|name)$/i;

interface Parameter {
  fn: string;
  position: number;
  /** The field of the parameter the value is read from (`.currentTarget.dataset.url`), or ''. */
  path: string;
  /** Reached with its fields, not just its own value. */
  deep: boolean;
}

/**
 * For each sink of a judged kind whose inputs come from parameters of the function it is in (or of
 * a function enclosing it), one sink at each call of that function, whose inputs are the arguments
 * at those positions; and so on up to MAX_HELPER_DEPTH helpers out (`api.order(data)` →
 * `request(data, url)` → `wx.request`). The sink inside is kept for what reaches it otherwise; when
 * every call of the function was judged, flows that enter through a judged argument are the calls'
 * to report (`judgedArguments`).
 */
export function judgeSinksAtCalls(sinkInput: ParameterSinkInput): SinkRecord[] {
  const input: JudgeInput = { ...sinkInput, search: { seen: new NodeMarks(), deep: new NodeMarks(), queue: [] } };
  const callsOf = callsByFunction(input);
  const result: SinkRecord[] = [];
  let level: readonly SinkRecord[] = input.sinks;
  for (let depth = 0; depth < MAX_HELPER_DEPTH && level.length > 0; depth++) {
    const next: SinkRecord[] = [];
    for (const sink of level) {
      const { kept, atCalls } = judgeSink(input, callsOf, sink);
      result.push(kept);
      next.push(...atCalls);
    }
    level = next;
  }
  result.push(...level);
  return result;
}

/** The judgement's input, with the backward search's marks and queue, reused from one sink to the next. */
type JudgeInput = ParameterSinkInput & { search: { seen: NodeMarks; deep: NodeMarks; queue: number[] } };

function judgeSink(input: JudgeInput, callsOf: ReadonlyMap<string, CallSite[]>, sink: SinkRecord): { kept: SinkRecord; atCalls: SinkRecord[] } {
  const parameters = JUDGED_KINDS.has(sink.kind) && sink.owner !== undefined && !sink.server ? parametersReaching(input, sink) : [];
  if (parameters.length === 0) return { kept: sink, atCalls: [] };
  const atCalls: SinkRecord[] = [];
  const judgedArguments: string[] = [];
  let everyCallJudged = true;
  // `request(url, data) { wx.request({ url: BASE + url, data }) }`: each call names its own endpoint.
  const urlRefs = sink.urlInputs ?? sink.endpointInputs;
  const urlParameters = urlRefs ? parametersReaching(input, sink, urlRefs) : [];
  for (const fn of new Set(parameters.map((parameter) => parameter.fn))) {
    const calls = callsOf.get(fn) ?? [];
    const own = parameters.filter((parameter) => parameter.fn === fn);
    if (calls.length === 0) everyCallJudged = false;
    for (const call of calls) {
      // A call that passes nothing gives the sink nothing.
      if (own.every(({ position }) => (call.args[position] ?? []).length === 0)) continue;
      // A callback or a function value passed on: the arguments are not the call's own.
      if (!call.site || call.viaParameter) {
        everyCallJudged = false;
        continue;
      }
      const judged = sinkAtCall(input, sink, call, call.site, own, urlParameters);
      if (judged) atCalls.push(judged);
      for (const { position } of own) for (const ref of call.args[position] ?? []) judgedArguments.push(ref.key);
    }
  }
  const kept = everyCallJudged && judgedArguments.length > 0 ? { ...sink, judgedArguments: [...new Set(judgedArguments)].sort() } : sink;
  return { kept, atCalls };
}

function callsByFunction(input: ParameterSinkInput): Map<string, CallSite[]> {
  const byFunction = new Map<string, CallSite[]>();
  input.callees.forEach((fns, index) => {
    for (const fn of fns) {
      const list = byFunction.get(fn) ?? [];
      list.push(input.calls[index]!);
      byFunction.set(fn, list);
    }
  });
  return byFunction;
}

/** The sink as the call makes it: its values are the call's arguments at the parameters that reach it. */
function sinkAtCall(input: ParameterSinkInput, sink: SinkRecord, call: CallSite, site: NodeInfo, parameters: readonly Parameter[], urlParameters: readonly Parameter[]): SinkRecord | undefined {
  const inputs = argumentsAt(input, call, parameters, true);
  if (inputs.length === 0) return undefined;
  // The URL's start is the sink's own business (insecure-transport searches it from inside); the call hands over values.
  const { judgedArguments: _inner, urlInputs: _url, endpointInputs: _endpoint, owner: _owner, url: _start, urlText: _text, judgedFrom: _from, calledAs: _called, ...rest } = sink;
  const url = urlAtCall(sink, call, urlParameters);
  // The text written in the helper's URL names its endpoint only when no caller chooses a part of it.
  const urlText = urlParameters.length === 0 ? sink.urlText : undefined;
  const endpointInputs = url === undefined ? argumentsAt(input, call, urlParameters, false) : [];
  return {
    ...rest,
    inputs,
    location: nodeLocation(site),
    judgedFrom: sink.judgedFrom ?? sink.location,
    ...(url !== undefined && { url }),
    ...(url === undefined && urlText !== undefined && { urlText }),
    ...(endpointInputs.length > 0 && { endpointInputs }),
    ...(call.calledAs !== undefined && { calledAs: call.calledAs }),
    ...(call.owner !== undefined && { owner: call.owner }),
  };
}

/**
 * The call's arguments at `parameters` (`options.url` of `startPost(options)`). `withFields`: a
 * parameter reached with its fields gives the argument's deep view; without, only its own value (the
 * endpoint the next helper out passes on).
 */
function argumentsAt(input: ParameterSinkInput, call: CallSite, parameters: readonly Parameter[], withFields: boolean): Ref[] {
  const refs: Ref[] = [];
  for (const { position, path, deep } of parameters) {
    const view = withFields && deep;
    for (const ref of call.args[position] ?? []) {
      if (path === '') refs.push(ref.shallow || !view ? { key: ref.key, shallow: true } : { key: `${ref.key}+` });
      else if (!ref.shallow && input.idOf(`${ref.key}${path}`) !== undefined) refs.push(view ? { key: `${ref.key}${path}+` } : { key: `${ref.key}${path}`, shallow: true });
    }
  }
  return refs;
}

/**
 * The URL as far as the call tells it: the helper's own start, then the endpoint the call names
 * (`'/order/create'`, or the text of `HOST + '/order/create'`), so that rules can read what the
 * request is for.
 */
function urlAtCall(sink: SinkRecord, call: CallSite, urlParameters: readonly Parameter[]): string | undefined {
  for (const { position, path } of urlParameters) {
    const facts = call.argumentFacts?.[position];
    // The argument is the URL, or an options object whose `url` it is (`request({ url, data })`).
    const endpoint = path === '' ? facts?.text ?? facts?.pieces : URL_FIELD.test(path) ? facts?.pieces : undefined;
    if (endpoint !== undefined) return `${sink.url ?? ''}${endpoint}`;
  }
  return sink.url;
}

/**
 * The parameters of the sink's function, or of functions enclosing it, whose values reach its
 * inputs (a bounded backward search). A parameter's field gives its value with its fields; the
 * parameter itself does so only when reached through a deep view (`wx.request(options)`), and
 * otherwise its own value only: destructuring `{ data, success }` gives `data` the parameter's own
 * value too, which must not make the call's whole argument, callbacks and all, the sink's.
 */
function parametersReaching(input: JudgeInput, sink: SinkRecord, values: readonly Ref[] = sink.inputs): Parameter[] {
  const owners = new Set<string>();
  for (let fn = sink.owner, depth = 0; fn !== undefined && depth < ENCLOSING_DEPTH; fn = input.parents.get(fn), depth++) owners.add(fn);
  const { seen, deep, queue } = input.search;
  seen.clear();
  deep.clear();
  queue.length = 0;
  const visit = (id: number | undefined, viaView: boolean): void => {
    if (id === undefined || !seen.mark(id)) return;
    if (viaView) deep.mark(id);
    queue.push(id);
  };
  for (const ref of values) visitValue(input, ref.key, visit);
  const found = new Map<string, Parameter>();
  const { incoming } = input;
  for (let index = 0; index < queue.length && index < PARAMETER_SEARCH; index++) {
    const id = queue[index]!;
    const match = PARAMETER.exec(input.keyOf(id));
    if (match && owners.has(match[1]!)) {
      // A field is taken with its fields: the bounded view walk may not have listed them.
      const parameter = { fn: match[1]!, position: Number(match[2]), path: match[3] ?? '', deep: Boolean(match[3]) || deep.has(id) };
      found.set(`${parameter.fn}#${parameter.position}${parameter.path}`, parameter);
      continue;
    }
    for (let link = incoming.first(id); link !== END_OF_LIST; link = incoming.next(link)) visitValue(input, input.keyOf(incoming.value(link)), visit);
  }
  return [...found.values()];
}

/** A node, or for a deep view (`k+`) node k and its fields, which the view is made of once views are built. */
function visitValue(input: ParameterSinkInput, key: string, visit: (id: number | undefined, viaView: boolean) => void): void {
  if (!key.endsWith('+')) {
    visit(input.idOf(key.endsWith('^') ? key.slice(0, -1) : key), false);
    return;
  }
  const stack = [input.idOf(key.slice(0, -1))];
  for (let budget = 64; stack.length > 0 && budget > 0; budget--) {
    const id = stack.pop();
    if (id === undefined) continue;
    visit(id, true);
    stack.push(...input.fieldsOf(id));
  }
}
