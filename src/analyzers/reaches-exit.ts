import type { TSESTree } from '@typescript-eslint/types';
import { staticPropertyName } from './api-calls.js';
import { calledFunction, LOOKUP_FUNCTIONS, TIMERS } from './handler-wrap.js';
import { childNodes, type Node } from './traverse.js';
import { isFunction, propertyKey, unwrap, type Range } from './tracker-syntax.js';

/** Functions followed from a wrapper before the answer is no: trackers reach their send in a few calls. */
const MAX_FUNCTIONS = 200;
/** Functions every runtime has, none of which sends anything. */
const QUIET_GLOBALS = new Set([
  ...LOOKUP_FUNCTIONS, ...TIMERS,
  'Object', 'Array', 'Date', 'RegExp', 'Error', 'Symbol', 'Promise', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'encodeURI', 'decodeURI', 'require',
]);

/**
 * The functions of one file by the name they can be called under: `function send() {}`,
 * `const send = () => {}`, `{ send() {} }`, `Stat.prototype.send = function () {}`. A call is tied
 * to every function of its name: a wrapper is judged by what it may call, not what it must. Read
 * from the tree once, and only for a file that wraps handlers.
 */
export class LocalFunctions {
  private readonly byName = new Map<string, Node[]>();

  constructor(root: Node) {
    const stack: Node[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      this.note(node);
      const children = childNodes(node);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }

  named(name: string): readonly Node[] {
    return this.byName.get(name) ?? [];
  }

  private note(node: Node): void {
    if (node.type === 'FunctionDeclaration') this.add(node.id?.name, node);
    else if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) this.add(node.id.name, unwrap(node.init));
    else if (node.type === 'Property' || node.type === 'MethodDefinition') this.add(propertyKey(node as TSESTree.Property), node.value);
    else if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && (!node.left.computed || node.left.property.type === 'Literal')) {
      this.add(staticPropertyName(node.left), unwrap(node.right));
    }
  }

  private add(name: string | undefined, fn: Node): void {
    if (name === undefined || !isFunction(fn)) return;
    const list = this.byName.get(name);
    if (list) list.push(fn);
    else this.byName.set(name, [fn]);
  }
}

/** How a call names its function: `send(…)` and `send.call(this, …)` by a bare name, `this.send(…)` by a method name. */
function calledName(call: TSESTree.CallExpression | TSESTree.NewExpression): { name: string; bare: boolean } | undefined {
  const callee = calledFunction(call);
  if (callee.type === 'Identifier') return { name: callee.name, bare: true };
  const name = callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
  return name === undefined ? undefined : { name, bare: false };
}

function holdsExit(node: Node, exits: readonly Range[]): boolean {
  return exits.some((exit) => exit[0] >= node.range[0] && exit[1] <= node.range[1]);
}

/**
 * Whether code run from `start` (a handler's wrapper, or the call that builds it) can reach a place
 * data leaves the device: an exit inside it, or inside a function of the same file it calls,
 * directly or through others. A wrapper that only checks a login and runs the page's handler does
 * not reach the request helper beside it. A bare call of a function the file does not define
 * (`track(name)`, imported) may send, and counts; `originals`, the handler being wrapped, do not.
 * Methods are followed only to functions of the file with their name (`q.push` is nobody's).
 */
export function reachesExit(start: Node, exits: readonly Range[], functions: LocalFunctions, originals: ReadonlySet<string>): boolean {
  if (exits.length === 0) return false;
  const seen = new Set<Node>([start]);
  const queue: Node[] = [start];
  while (queue.length > 0 && seen.size <= MAX_FUNCTIONS) {
    const current = queue.shift()!;
    if (holdsExit(current, exits)) return true;
    // The start itself may be the call that builds the wrapper (`options.onShow = wrap(options.onShow)`).
    const stack: Node[] = current === start ? [current] : [...childNodes(current)];
    while (stack.length > 0) {
      const node = stack.pop()!;
      const called = node.type === 'CallExpression' || node.type === 'NewExpression' ? calledName(node) : undefined;
      if (called && !originals.has(called.name)) {
        const targets = functions.named(called.name);
        if (targets.length === 0 && called.bare && !QUIET_GLOBALS.has(called.name)) return true;
        for (const fn of targets) {
          if (seen.has(fn)) continue;
          seen.add(fn);
          queue.push(fn);
        }
      }
      for (const child of childNodes(node)) stack.push(child);
    }
  }
  return false;
}
