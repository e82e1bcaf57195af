/**
 * uni-app's compiled event bindings. Its Vue 2 compiler writes `@click="pay(order)"` as
 * `bind:click="__e" data-event-opts="{{[['^click',[['pay',['$0'],['order']]]]]}}"`: its runtime's
 * `__e` calls each listed method with the listed arguments, where `'$event'` is the event and `'$N'`
 * the component's value at the N-th path of the third list (github.com/dcloudio/uni-app,
 * packages/uni-mp-weixin, `handleEvent`). Other arguments are constants, and paths written as lists
 * (values of a `v-for` row) are not followed.
 */

/** What one listed method is called with: the event, a path of the component's data, or nothing the graph needs. */
export type UniEventArgument = { event: true } | { path: string } | undefined;

export interface UniEventCall {
  method: string;
  args: UniEventArgument[];
}

/** The handler uni-app binds every compiled event to. */
export const UNI_EVENT_HANDLER = '__e';

/** Longer option lists are not read (they are generated one per element, and short). */
const MAX_OPTS_TEXT = 4_000;

/** Calls one element's event makes; uni-app generates a handful. */
const MAX_CALLS = 8;

/**
 * The method calls a `data-event-opts` value lists for `event` (`tap` of `bindtap`; the runtime
 * compares its own names, `^click` of a component's event, without the `^` and `~` marks), or
 * undefined when it is not one uni-app writes.
 */
export function uniEventCalls(value: string, event: string): UniEventCall[] | undefined {
  const text = value.trim();
  if (!text.startsWith('{{') || !text.endsWith('}}') || text.length > MAX_OPTS_TEXT) return undefined;
  const parsed = new ListReader(text.slice(2, -2)).read();
  if (!Array.isArray(parsed)) return undefined;
  const calls: UniEventCall[] = [];
  for (const binding of parsed) {
    const [type, handlers] = Array.isArray(binding) ? binding : [];
    if (typeof type !== 'string' || type.replace(/^[\^~]+/, '').toLowerCase() !== event.toLowerCase() || !Array.isArray(handlers)) continue;
    for (const handler of handlers) {
      const call = Array.isArray(handler) ? methodCall(handler) : undefined;
      if (call && calls.length < MAX_CALLS) calls.push(call);
    }
  }
  return calls;
}

function methodCall(handler: readonly Value[]): UniEventCall | undefined {
  const [method, args, paths] = handler;
  if (typeof method !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(method)) return undefined;
  // With no arguments listed, the method is called with the event.
  if (!Array.isArray(args)) return { method, args: [{ event: true }] };
  return { method, args: args.map((arg) => argument(arg, Array.isArray(paths) ? paths : [])) };
}

function argument(arg: Value, paths: readonly Value[]): UniEventArgument {
  if (arg === '$event') return { event: true };
  const index = typeof arg === 'string' ? /^\$(\d+)$/.exec(arg)?.[1] : undefined;
  const path = index === undefined ? undefined : paths[Number(index)];
  return typeof path === 'string' && /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/.test(path) ? { path } : undefined;
}

type Value = string | number | null | Value[];

/** A reader of the literal lists uni-app writes: quoted strings, numbers, names (loop variables, read as null) and nested lists. */
class ListReader {
  private at = 0;
  constructor(private readonly text: string) {}

  read(depth = 0): Value | undefined {
    this.skipSpace();
    const char = this.text[this.at];
    if (char === '[') return depth > 8 ? undefined : this.list(depth);
    if (char === "'" || char === '"') return this.string(char);
    const name = /^[\w$.-]+/.exec(this.text.slice(this.at, this.at + 200))?.[0];
    if (!name) return undefined;
    this.at += name.length;
    return /^-?\d/.test(name) ? Number(name) : null;
  }

  private list(depth: number): Value[] | undefined {
    this.at++;
    const items: Value[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] === ']') {
        this.at++;
        return items;
      }
      const item = this.read(depth + 1);
      if (item === undefined) return undefined;
      items.push(item);
      this.skipSpace();
      if (this.text[this.at] === ',') this.at++;
      else if (this.text[this.at] !== ']') return undefined;
    }
  }

  private string(quote: string): string | undefined {
    const end = this.text.indexOf(quote, this.at + 1);
    if (end < 0) return undefined;
    const value = this.text.slice(this.at + 1, end);
    this.at = end + 1;
    return value;
  }

  private skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at++;
  }
}
