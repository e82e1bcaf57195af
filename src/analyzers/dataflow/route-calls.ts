import { keyText, nodeLabel, nodeLocation, type CallSite, type NodeInfo, type Ref, type SinkRecord } from './fragment.js';
import { pageNames } from './page-routes.js';

/** What the page-name router search reads of the linked graph. */
export interface RouteCallInput {
  calls: readonly CallSite[];
  /** Call index → the functions its callee resolved to. */
  callees: ReadonlyMap<number, readonly string[]>;
  /** Function → the function it is written in. */
  parents: ReadonlyMap<string, string>;
  sinks: readonly SinkRecord[];
  /** Page routes app.json lists. */
  routes: readonly string[];
  /** `<function>\0<chain>` → the strings the function writes to that chain. */
  literalWrites: ReadonlyMap<string, readonly string[]>;
  /** The fields the graph knows of a value (`url` of `{ url }`). */
  fieldsOf(key: string): string[];
}

/** How many calls deep a router may hide its navigation (`forward` → `realGoPage` → `goPage` → `navigateTo`). */
const MAX_ROUTER_DEPTH = 8;

/**
 * Calls of an app's own router by page name: `this.forward('web-view', { url })`, where `forward`
 * (through any number of its own calls) navigates to a URL it builds. The route is the page the
 * name fits, the second argument is that page's query: it is copied to the page's query node, where
 * the page's `onLoad` reads it, and each of its fields is handed over to the page at the call.
 */
export function routeCalls(input: RouteCallInput): { copies: [string, string][]; sinks: SinkRecord[] } {
  const copies: [string, string][] = [];
  const sinks: SinkRecord[] = [];
  if (input.routes.length === 0) return { copies, sinks };
  const names = pageNames(input.routes);
  const routers = navigatingFunctions(input);
  input.calls.forEach((call, index) => {
    const query = call.args[1];
    if (!query?.length || !call.site || !input.callees.get(index)?.some((fn) => routers.has(fn))) return;
    for (const route of pagesNamed(input, call, names)) handOver(input, call, call.site, route, query, copies, sinks);
  });
  return { copies, sinks };
}

/**
 * The pages a router call names: its literal first argument, or each page-like string the calling
 * function writes to the name or field its first argument is (`map.page = 'web-view'; go(map.page, q)`).
 */
function pagesNamed(input: RouteCallInput, call: CallSite, names: ReadonlyMap<string, string>): string[] {
  const facts = call.argumentFacts?.[0];
  const written = facts?.text !== undefined ? [facts.text] : facts?.path !== undefined && call.owner !== undefined ? input.literalWrites.get(`${call.owner}\0${facts.path}`) ?? [] : [];
  const routes = written.flatMap((name) => names.get(name.replace(/[?#].*$/, '')) ?? []);
  return [...new Set(routes)].sort();
}

/** The query goes to the page's query node, where its `onLoad` reads it; each field is handed over at the call. */
function handOver(input: RouteCallInput, call: CallSite, site: NodeInfo, route: string, query: readonly Ref[], copies: [string, string][], sinks: SinkRecord[]): void {
  const target = `q:${keyText(route)}`;
  for (const ref of query) copies.push([ref.shallow ? `${ref.key}^` : ref.key, target]);
  const api = nodeLabel(site).replace(/\s*\(.*$/s, '');
  const location = nodeLocation(site);
  const base = { kind: 'page-handover' as const, api, page: route, location, ...(call.owner && { owner: call.owner }) };
  const fields = [...new Set(query.filter((ref) => !ref.shallow).flatMap((ref) => input.fieldsOf(ref.key)))].sort();
  if (fields.length === 0) sinks.push({ ...base, inputs: query.map((ref) => (ref.shallow ? ref : { key: `${ref.key}+` })) });
  for (const field of fields) sinks.push({ ...base, queryField: field, inputs: query.filter((ref) => !ref.shallow).map((ref) => ({ key: `${ref.key}.${field}+` })) });
}

/**
 * Functions that navigate to a URL they build (a navigation whose route is not one fixed page), or
 * call one that does, up to MAX_ROUTER_DEPTH calls away. A navigation in a callback counts for the
 * functions it is written in.
 */
function navigatingFunctions(input: RouteCallInput): Set<string> {
  const listed = new Set(input.routes);
  const found = new Set<string>();
  const mark = (fn: string | undefined): boolean => {
    let added = false;
    for (let at = fn, depth = 0; at !== undefined && depth < 32 && !found.has(at); at = input.parents.get(at), depth++) {
      found.add(at);
      added = true;
    }
    return added;
  };
  for (const sink of input.sinks) if (sink.kind === 'navigation' && !listed.has((sink.url ?? '').replace(/^\//, '').replace(/[?#].*$/, ''))) mark(sink.owner);
  for (let round = 0; round < MAX_ROUTER_DEPTH; round++) {
    let added = false;
    input.calls.forEach((call, index) => {
      if (input.callees.get(index)?.some((fn) => found.has(fn)) && mark(call.owner)) added = true;
    });
    if (!added) break;
  }
  return found;
}
