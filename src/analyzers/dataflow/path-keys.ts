import { isHiddenField, PAGE_STACK, PARSED, RECORD_VIEW, textOfKey, type SourceRecord } from './fragment.js';

/**
 * What the keys of a flow's path say about it (the propagation's paths are lists of graph keys): the
 * fields it is read from or put under, the query parameter it reads, how each step is described.
 */

export const QUERY_LABEL = 'page-query';
export const LAUNCH_QUERY_LABEL = 'launch-query';
/** The suffix of the node for Taro's router (`getCurrentInstance().router`, extract-expressions.ts), whose `params` are the page query. */
export const ROUTER = '#router';
const ROUTER_PARAMS = `${ROUTER}.params`;

/** Whether the path goes through one of the arguments (or their fields) a sink's calls were judged with. */
export function enteredThrough(keys: readonly string[], judged: readonly string[]): boolean {
  return keys.some((key) => {
    const plain = plainKey(key);
    return judged.some((argument) => plain === argument || plain.startsWith(`${argument}.`));
  });
}

/** The names of the fields the path reads; `launch`: the path starts at App.onLaunch's options, whose `query` is where the launch query is, not a name of the value. */
export function fieldNamesOf(keys: readonly string[], launch = false): { fieldNames?: string[] } {
  const names: string[] = [];
  let routerQuery = false;
  for (const key of keys) {
    // A record view (`a.userInfo~record`) is a step of the read that made it, not a field of its own.
    const plain = plainKey(key);
    if (plain.endsWith(RECORD_VIEW)) continue;
    const dot = plain.lastIndexOf('.');
    const name = dot > 0 ? plain.slice(dot + 1) : '';
    // Taro's router holds the query in `params`, wherever the router is kept (`o = …router; o.params.url`): not a name of the value.
    if (plain.endsWith(ROUTER_PARAMS) || (routerQuery && name === 'params')) {
      routerQuery = true;
      continue;
    }
    routerQuery = false;
    if (launch && names.length === 0 && name === 'query') continue;
    if (name !== '' && name !== '[]' && !isHiddenField(name) && names[names.length - 1] !== name) names.push(name);
  }
  return names.length > 0 ? { fieldNames: names } : {};
}

/**
 * Whether the path goes through what `JSON.parse` made and on from it whole: no step after the parse
 * is a field read off the step before it (`info` → `{ remark: info.remark }`, where the read made the
 * field `info.remark`). Put into a field under another name (`data.trade` from `trade`) is whole.
 */
export function sentWholeAfterParse(keys: readonly string[], lookup: (key: string) => number | undefined): boolean {
  const parsed = keys.findIndex((key) => plainKey(key).endsWith(`${PARSED}#call`));
  if (parsed === -1) return false;
  for (let index = parsed + 1; index < keys.length; index++) {
    const from = plainKey(keys[index - 1]!);
    const to = plainKey(keys[index]!);
    if (to.startsWith(`${from}.`)) return false;
    const dot = to.lastIndexOf('.');
    if (dot > 0 && lookup(`${from}.${to.slice(dot + 1)}`) !== undefined) return false;
  }
  return true;
}

/** A key without its view mark: `k+` (k with its fields) and `k^` (k's own value) are views of node k. */
export function plainKey(key: string): string {
  return key.replace(/[+^]$/, '');
}

/** The nodes that hold a page's query whole at the start of its path: the handler's parameter and the variable it is bound to (`onLoad(options)`, `const q = options`). */
export function wholeQuery(path: readonly number[], keyOf: (node: number) => string): Set<number> {
  const nodes = new Set<number>();
  for (const node of path.slice(1, 4)) {
    const key = keyOf(node);
    if (key.includes('.') || key.startsWith('t:')) break;
    nodes.add(node);
  }
  return nodes;
}

/**
 * The field of the page the path keeps its query in next (`this.options = options`), whose fields
 * are then read as the query's (`this.options.money`). It may hold only a field of the query
 * (`this.id = options.orderItem`): its own value is no read of the query, only its fields' are.
 */
export function queryKeptOn(path: readonly number[], whole: ReadonlySet<number>, keyOf: (node: number) => string): number | undefined {
  const next = path[whole.size + 1];
  return whole.size > 0 && next !== undefined && INSTANCE_FIELD.test(plainKey(keyOf(next))) ? next : undefined;
}

/** A field of a page, component or the app itself (`i:3.options`, `app.query`), not a field of one of its fields. */
const INSTANCE_FIELD = /^(?:i:[^.]+|app)\.[^.]+$/;

/** The page query the path crosses, and for a page's own query, which parameter it reads (see Flow). */
export function queryOf(keys: readonly string[], source: SourceRecord): { viaQuery?: string; queryField?: string } {
  const query = keys.find((key) => key.startsWith('q:'));
  const viaQuery = query === undefined ? undefined : textOfKey(plainKey(query.slice(2).split('.')[0]!));
  // The source is the query itself (`onLoad(query)`; App.onLaunch's `options.query`, a field of the options): the next node reading one of its fields names the parameter.
  const at = source.label === QUERY_LABEL ? 1 : source.label === LAUNCH_QUERY_LABEL ? keys.findIndex((key) => plainKey(key).endsWith('.query')) : -1;
  const value = at > 0 ? plainKey(keys[at]!) : undefined;
  const read = value !== undefined && keys[at + 1] !== undefined ? plainKey(keys[at + 1]!) : undefined;
  const queryField = read?.startsWith(`${value}.`) ? read.slice(value!.length + 1).split('.')[0] : undefined;
  return { ...(viaQuery !== undefined && { viaQuery }), ...(queryField !== undefined && queryField !== '[]' && { queryField }) };
}

export function describeStep(key: string, label: string): string {
  if (key.startsWith('s:')) return `stored under ${label}`;
  if (key.startsWith('q:')) return `passed in the ${label}`;
  if (key.startsWith('c:') || key.startsWith('e:')) return `sent as ${label}`;
  if (/#p\d+$/.test(key)) return `parameter ${label}`;
  if (/#r$/.test(key)) return `returned from ${label}`;
  return label;
}

/** Nodes pages share on purpose: storage entries (`s:`), navigation queries (`q:`), event channels and events (`c:`, `e:`), the app, and the page stack (`getCurrentPages()`). */
export function isPageCarrier(key: string): boolean {
  return key.startsWith('s:') || key.startsWith('q:') || key.startsWith('c:') || key.startsWith('e:') || isRootOrField(key, 'app') || isRootOrField(key, PAGE_STACK);
}

function isRootOrField(key: string, root: string): boolean {
  return key === root || key.startsWith(`${root}.`);
}
