import { MAX_ALTERNATIVES, MAX_STEPS, type ModuleSummary, type Origin, type SymValue } from './symbolic-values.js';

/** Phase 2 of the constant evaluator (see constants.ts): strings a symbolic value can be, across modules. */

// ---------------------------------------------------------------- resolution

/** A piece of a string: known text (with the literal it came from), or a hole known only at run time. */
export type Piece = { text: string; origin?: Origin } | { hole: true };
/** One possible value of a string: its pieces in order. */
export type Alternative = readonly Piece[];

export interface StringValues {
  alternatives: Alternative[];
  /** Some import could not be followed because its module is not among those the resolver was given. */
  external: boolean;
  /** Alternatives beyond the limit, or the step budget, were cut: there may be more values. */
  truncated: boolean;
}

type Atom =
  | { t: 'str'; pieces: Alternative }
  | { t: 'obj'; properties: ReadonlyMap<string, SymValue> }
  | { t: 'ns'; module: ModuleSummary }
  | { t: 'app' }
  | { t: 'unknown' };

const HOLE: Piece = Object.freeze({ hole: true as const });
const UNKNOWN_ATOM: Atom = Object.freeze({ t: 'unknown' as const });

export interface ResolverOptions {
  /** POSIX path of the mini-app root relative to the scanned root ('' when they coincide), for `/abs` specifiers and app.js. */
  appRoot?: string;
  /**
   * One file on its own: imports and `getApp()` are unknown and mark the result `external`, so the
   * caller knows a project-wide resolution could say more.
   */
  local?: boolean;
}

const EXTENSIONS = ['', '.js', '.ts', '.mjs', '.cjs', '.mts', '.cts', '/index.js', '/index.ts'];

function normalise(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function join(base: string, relative: string): string {
  return base === '' ? relative : `${base}/${relative}`;
}

/** Evaluates symbolic values to the strings they may be, across the modules it is given. */
export class ConstantResolver {
  private readonly modules: ReadonlyMap<string, ModuleSummary>;
  private readonly appRoot: string;
  private readonly local: boolean;
  private appModule: ModuleSummary | undefined | null = null;
  private steps = 0;
  private external = false;
  private truncated = false;
  private readonly active = new Set<SymValue>();

  constructor(modules: ReadonlyMap<string, ModuleSummary> | readonly ModuleSummary[], options: ResolverOptions = {}) {
    this.modules = Array.isArray(modules) ? new Map(modules.map((m) => [m.file, m])) : (modules as ReadonlyMap<string, ModuleSummary>);
    this.appRoot = options.appRoot ?? '';
    this.local = options.local ?? false;
  }

  /** The possible string values of `value`; a value that is not a string becomes a single hole. */
  strings(value: SymValue): StringValues {
    this.steps = 0;
    this.external = false;
    this.truncated = false;
    const alternatives = this.evaluate(value).map((atom) => (atom.t === 'str' ? atom.pieces : [HOLE]));
    return { alternatives: dedupe(alternatives), external: this.external, truncated: this.truncated };
  }

  /** The module a specifier names, seen from `from`, if it is one of the resolver's modules. */
  resolveSpecifier(specifier: string, from: string): ModuleSummary | undefined {
    const candidates: string[] = [];
    if (specifier.startsWith('./') || specifier.startsWith('../')) candidates.push(join(dirname(from), specifier));
    else if (specifier.startsWith('/')) candidates.push(join(this.appRoot, specifier.slice(1)));
    else {
      // WeChat resolves a bare specifier against the file's folder when no npm package matches.
      candidates.push(join(dirname(from), specifier), join(this.appRoot, specifier), join(this.appRoot, `miniprogram_npm/${specifier}`));
    }
    for (const candidate of candidates) {
      const base = normalise(candidate);
      if (base === undefined) continue;
      for (const extension of EXTENSIONS) {
        const found = this.modules.get(base + extension);
        if (found) return found;
      }
    }
    return undefined;
  }

  private app(): ModuleSummary | undefined {
    if (this.appModule === null) {
      this.appModule = undefined;
      for (const extension of ['.js', '.ts']) {
        const found = this.modules.get(join(this.appRoot, `app${extension}`));
        if (found?.appOptions) {
          this.appModule = found;
          break;
        }
      }
    }
    return this.appModule;
  }

  private evaluate(value: SymValue): Atom[] {
    if (++this.steps > MAX_STEPS) {
      this.truncated = true;
      return [UNKNOWN_ATOM];
    }
    switch (value.kind) {
      case 'string':
        return [{ t: 'str', pieces: [value.origin ? { text: value.value, origin: value.origin } : { text: value.value }] }];
      case 'unknown':
        return [UNKNOWN_ATOM];
      case 'object':
        return [{ t: 'obj', properties: value.properties }];
      case 'app': {
        const app = this.local ? undefined : this.app();
        if (!app?.appOptions) {
          if (this.local) this.external = true;
          return [UNKNOWN_ATOM];
        }
        return this.evaluate(app.appOptions);
      }
      case 'choice':
        return this.limit(value.options.flatMap((option) => this.evaluate(option)));
      case 'concat': {
        let combined: Alternative[] = [[]];
        for (const part of value.parts) {
          const options = this.evaluate(part).map((atom): Alternative => (atom.t === 'str' ? atom.pieces : [HOLE]));
          const product: Alternative[] = [];
          for (const left of combined) for (const right of options) product.push([...left, ...right]);
          combined = this.limitAlternatives(dedupe(product));
        }
        return combined.map((pieces) => ({ t: 'str', pieces }));
      }
      case 'ref': {
        const binding = value.scope.lookup(value.name);
        if (!binding || (binding.mutable && value.scope.reassigned.has(value.name))) return [UNKNOWN_ATOM];
        return this.guarded(binding.value, () => this.evaluate(binding.value));
      }
      case 'member':
        if (value.object.kind === 'ref' && this.isMutated(value.object, value.property)) return [UNKNOWN_ATOM];
        return this.limit(this.evaluate(value.object).flatMap((atom) => this.member(atom, value.property)));
      case 'module': {
        const target = this.local ? undefined : this.resolveSpecifier(value.specifier, value.from);
        if (!target) {
          if (this.local) this.external = true;
          return [UNKNOWN_ATOM];
        }
        if (value.name === '*') return [{ t: 'ns', module: target }];
        if (value.name === 'default') {
          if (target.defaultExport) return this.guarded(target.defaultExport, () => this.evaluate(target.defaultExport!));
          return [{ t: 'ns', module: target }];
        }
        return this.exportOf(target, value.name, new Set());
      }
    }
  }

  /** `config.base` where the file also assigns `config.base` (or any property of `config`): not a constant. */
  private isMutated(ref: Extract<SymValue, { kind: 'ref' }>, property: string): boolean {
    const { mutated } = ref.scope;
    return mutated.has(`${ref.name}.${property}`) || mutated.has(`${ref.name}.*`);
  }

  private member(atom: Atom, property: string): Atom[] {
    switch (atom.t) {
      case 'obj': {
        const found = atom.properties.get(property);
        return found ? this.evaluate(found) : [UNKNOWN_ATOM];
      }
      case 'ns':
        if (property === 'default' && atom.module.defaultExport) return this.evaluate(atom.module.defaultExport);
        return this.exportOf(atom.module, property, new Set());
      default:
        return [UNKNOWN_ATOM];
    }
  }

  private exportOf(module: ModuleSummary, name: string, seen: Set<ModuleSummary>): Atom[] {
    if (seen.has(module)) return [UNKNOWN_ATOM];
    seen.add(module);
    const direct = module.named.get(name) ?? module.cjsProperties.get(name);
    if (direct) return this.guarded(direct, () => this.evaluate(direct));
    if (module.cjsExports) {
      const exports = module.cjsExports;
      return this.guarded(exports, () => this.limit(this.evaluate(exports).flatMap((atom) => this.member(atom, name))));
    }
    for (const specifier of module.reexportAll) {
      const target = this.resolveSpecifier(specifier, module.file);
      if (!target) continue;
      const found = this.exportOf(target, name, seen);
      if (found.some((atom) => atom.t !== 'unknown')) return found;
    }
    return [UNKNOWN_ATOM];
  }

  /** Evaluates with `key` marked active, so a cycle back to it yields unknown instead of looping. */
  private guarded(key: SymValue, run: () => Atom[]): Atom[] {
    if (this.active.has(key)) return [UNKNOWN_ATOM];
    this.active.add(key);
    try {
      return run();
    } finally {
      this.active.delete(key);
    }
  }

  private limit(atoms: Atom[]): Atom[] {
    if (atoms.length <= MAX_ALTERNATIVES) return atoms;
    this.truncated = true;
    return atoms.slice(0, MAX_ALTERNATIVES);
  }

  private limitAlternatives(alternatives: Alternative[]): Alternative[] {
    if (alternatives.length <= MAX_ALTERNATIVES) return alternatives;
    this.truncated = true;
    return alternatives.slice(0, MAX_ALTERNATIVES);
  }
}

function pieceKey(piece: Piece): string {
  return 'hole' in piece ? '\u0000' : `${piece.text}\u0001${piece.origin ? `${piece.origin.file}:${piece.origin.start}` : ''}`;
}

function dedupe(alternatives: Alternative[]): Alternative[] {
  const seen = new Set<string>();
  const out: Alternative[] = [];
  for (const alternative of alternatives) {
    const key = alternative.map(pieceKey).join('\u0002');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(alternative);
  }
  return out;
}

/** The text an alternative starts with, up to its first hole, and whether it has no hole at all. */
export function knownPrefix(alternative: Alternative): { text: string; complete: boolean; first?: Piece } {
  let text = '';
  for (const piece of alternative) {
    if ('hole' in piece) return { text, complete: false, first: alternative[0] };
    text += piece.text;
  }
  return { text, complete: true, first: alternative[0] };
}

/** True when every alternative is fully known text: the value is fixed when the bundle is built. */
export function isConstant(values: StringValues): boolean {
  return !values.external && !values.truncated && values.alternatives.length > 0 && values.alternatives.every((alternative) => alternative.every((piece) => !('hole' in piece)));
}
