import type { Region } from '../types.js';
import type { Listeners, Node } from './traverse.js';

/** The constant evaluator's symbolic values, scopes and module summaries (see constants.ts), shared by its collector and resolver. */

export const MAX_ALTERNATIVES = 16;
export const MAX_STEPS = 4_000;
export const MAX_CAPTURE_DEPTH = 24;

/** Where a string literal stands: file and 0-based offsets of the literal, quotes included. */
export interface Origin {
  file: string;
  start: number;
  end: number;
}

export type SymValue =
  | { kind: 'string'; value: string; origin?: Origin }
  | { kind: 'concat'; parts: readonly SymValue[] }
  | { kind: 'choice'; options: readonly SymValue[] }
  | { kind: 'ref'; name: string; scope: Scope }
  | { kind: 'member'; object: SymValue; property: string }
  | { kind: 'object'; properties: ReadonlyMap<string, SymValue> }
  /** An import: `name` is an export name, `default`, or `*` for the whole module (`require`, `import * as`). */
  | { kind: 'module'; specifier: string; from: string; name: string }
  /** `getApp()`. */
  | { kind: 'app' }
  | { kind: 'unknown' };

export const UNKNOWN: SymValue = Object.freeze({ kind: 'unknown' });

interface Binding {
  value: SymValue;
  /** `let`, `var`: constant only if the file never assigns the name again. */
  mutable: boolean;
}

/** A lexical scope of one file. Bindings are added while the file is traversed and looked up afterwards. */
export class Scope {
  private table: Map<string, Binding> | undefined;

  constructor(
    readonly parent: Scope | undefined,
    readonly isFunction: boolean,
    /** Names the file assigns to (`x = …`, `x++`, `for (x of …)`), shared by all scopes of the file. */
    readonly reassigned: Set<string>,
    /** `name.property` the file assigns to (`config.base = …`), or `name.*` (`Object.assign(config, …)`, `config[k] = …`). */
    readonly mutated: Set<string>,
  ) {}

  /** Bindings of this scope alone (most block scopes have none: the map is made on first use). */
  get bindings(): Map<string, Binding> {
    return (this.table ??= new Map());
  }

  lookup(name: string): Binding | undefined {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      const binding = scope.table?.get(name);
      if (binding) return binding;
    }
    return undefined;
  }

  functionScope(): Scope {
    let scope: Scope = this;
    while (!scope.isFunction && scope.parent) scope = scope.parent;
    return scope;
  }
}

/** What one module defines and exports, for evaluation after the traversal. */
export interface ModuleSummary {
  /** POSIX path relative to the scanned root. */
  file: string;
  thirdParty: boolean;
  /** Turns offsets of this file into a region (kept so findings can point into any module later). */
  region(start: number, end: number): Region;
  named: Map<string, SymValue>;
  defaultExport?: SymValue;
  /** `module.exports = …`. */
  cjsExports?: SymValue;
  /** `exports.x = …`, `module.exports.x = …`. */
  cjsProperties: Map<string, SymValue>;
  /** `export * from '…'`. */
  reexportAll: string[];
  /** The object passed to `App({...})`. */
  appOptions?: SymValue;
}

export interface ConstantCollector {
  readonly listeners: Listeners;
  readonly module: ModuleSummary;
  /** The symbolic value of an expression at the current point of the traversal (its scope is remembered). */
  capture(node: Node): SymValue;
}
