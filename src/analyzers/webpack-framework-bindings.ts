import type { Node } from './traverse.js';

type Scope = readonly [number, number];

interface Binding {
  namespace: string;
  /** Bound to webpack's getter of the module's default export (`d = t.n(u)`, used as `d()` or `d.a`), not the module. */
  getter: boolean;
  scope: Scope;
}

const FUNCTIONS: ReadonlySet<string> = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** The range of the function a node sits in (its nearest function ancestor), or the whole file. */
export function enclosingScope(ancestors: readonly Node[]): Scope {
  for (let index = ancestors.length - 1; index >= 0; index--) {
    const ancestor = ancestors[index]!;
    if (FUNCTIONS.has(ancestor.type)) return ancestor.range;
  }
  return [0, Number.MAX_SAFE_INTEGER];
}

/**
 * Names bound to a framework's numbered webpack module (`u = t(92954)`, `d = t.n(u)`), each within
 * the function that declares it. Minified chunks reuse one-letter names in every module, so a name
 * counts only inside its declaring function and not where a function nested in it declares the same
 * name again (only declarations met after the binding are seen: webpack puts a module's requires first).
 */
export class WebpackFrameworkBindings {
  private readonly bindings = new Map<string, Binding[]>();
  private readonly shadows = new Map<string, Scope[]>();

  get size(): number {
    return this.bindings.size;
  }

  bind(name: string, namespace: string, getter: boolean, scope: Scope): void {
    let list = this.bindings.get(name);
    if (!list) this.bindings.set(name, (list = []));
    list.push({ namespace, getter, scope });
  }

  /** A later declaration of `name` (a parameter, a variable) in `scope`. */
  declare(name: string, scope: Scope): void {
    if (!this.bindings.has(name)) return;
    let list = this.shadows.get(name);
    if (!list) this.shadows.set(name, (list = []));
    list.push(scope);
  }

  /** The namespace `name` stands for at `position`, read as the module (`u.x`) or through its getter (`d().x`). */
  resolve(name: string, position: number, getter: boolean): string | undefined {
    const binding = innermost(this.bindings.get(name), position, (candidate) => candidate.scope);
    if (!binding || binding.getter !== getter) return undefined;
    const shadow = innermost(this.shadows.get(name), position, (scope) => scope);
    return shadow && shadow[0] > binding.scope[0] ? undefined : binding.namespace;
  }
}

function innermost<T>(list: readonly T[] | undefined, position: number, scopeOf: (item: T) => Scope): T | undefined {
  let best: T | undefined;
  for (const item of list ?? []) {
    const scope = scopeOf(item);
    if (scope[0] <= position && position < scope[1] && (best === undefined || scope[0] > scopeOf(best)[0])) best = item;
  }
  return best;
}
