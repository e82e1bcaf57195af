import { knownPrefix, type Alternative, type SymValue } from '../../analyzers/constants.js';

/**
 * Where a file path points, judged from the text the constant resolver knows. Mini-app file APIs
 * accept three kinds of path (WeChat 文件系统 guide, copied by Douyin, Baidu, QQ): code-package
 * paths written from the package root (`/a/b`, `a/b`), local files under a per-app scheme root
 * (`wxfile://usr/…`, `wxfile://tmp_…`, `ttfile://user/…`, `http://usr/…` in DevTools, Alipay's
 * `https://resource/…`), and `env.USER_DATA_PATH` joined with a name. Anything else is outside.
 */

/** Stands for `<namespace>.env.USER_DATA_PATH` in resolved text: a private-use character no real path holds. */
export const USER_DATA_MARK = '\uE000';

/**
 * Folders of the device's own file system: shared storage and other apps' data on Android, app
 * containers on iOS. Only roots that no code package plausibly has are listed (not `/data`,
 * `/storage`, `/system`, `/home`), since `/data/cities.json` is a valid package path.
 */
const DEVICE_ROOTS: readonly string[] = [
  '/sdcard',
  '/storage/emulated',
  '/storage/self',
  '/mnt/sdcard',
  '/mnt/media_rw',
  '/mnt/user',
  '/data/data',
  '/data/user',
  '/data/user_de',
  '/data/media',
  '/data/app',
  '/data/local',
  '/var/mobile',
  '/var/containers',
  '/private/var',
  '/proc/self',
];

/** Schemes naming the device's files or another app's content, never a mini-app's own. */
const DEVICE_SCHEMES: ReadonlySet<string> = new Set(['file', 'content']);

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const MAX_DEPTH = 24;

export type PathProblem =
  /** A device path or `file://` URL: outside every area a mini-app may use. */
  | { kind: 'device'; root: string }
  /** `..` climbing above the folder the path starts in. */
  | { kind: 'traversal'; from: 'user-data' | 'local' | 'package' };

// ---------------------------------------------------------------- USER_DATA_PATH

/** `value` itself, or what a constant binding it names holds. */
function deref(value: SymValue, depth = 0): SymValue {
  if (value.kind !== 'ref' || depth > MAX_DEPTH) return value;
  const binding = value.scope.lookup(value.name);
  if (!binding || (binding.mutable && value.scope.reassigned.has(value.name))) return value;
  return deref(binding.value, depth + 1);
}

/** The platform namespaces (`wx`, `uni`, …), and names a TypeScript file declares ambiently (`declare const wx: …`). */
export interface Namespaces {
  names: ReadonlySet<string>;
  ambient: ReadonlySet<string>;
}

/** `wx` for `wx` or a constant alias of it (`const api = wx`), where no local binding shadows the global. */
export function namespaceName(value: SymValue, namespaces: Namespaces): string | undefined {
  let current = value;
  for (let depth = 0; depth <= MAX_DEPTH && current.kind === 'ref'; depth++) {
    const binding = current.scope.lookup(current.name);
    if (namespaces.names.has(current.name) && (!binding || namespaces.ambient.has(current.name))) return current.name;
    if (!binding || (binding.mutable && current.scope.reassigned.has(current.name))) return undefined;
    current = binding.value;
  }
  return undefined;
}

function isUserDataPath(value: SymValue, namespaces: Namespaces): boolean {
  if (value.kind !== 'member' || value.property !== 'USER_DATA_PATH') return false;
  const env = deref(value.object);
  return env.kind === 'member' && env.property === 'env' && namespaceName(env.object, namespaces) !== undefined;
}

/**
 * Replaces `wx.env.USER_DATA_PATH` (also through constants, `const { USER_DATA_PATH } = wx.env`
 * and aliases of the namespace) with {@link USER_DATA_MARK}, so resolved paths keep knowing where
 * they start; the constant resolver alone would turn it into an unknown hole. Returns `value`
 * itself when nothing changes, so bindings are still resolved lazily by the resolver.
 */
export function markUserDataPath(value: SymValue, namespaces: Namespaces, depth = 0): SymValue {
  if (depth > MAX_DEPTH) return value;
  const next = (inner: SymValue): SymValue => markUserDataPath(inner, namespaces, depth + 1);
  switch (value.kind) {
    case 'member': {
      if (isUserDataPath(value, namespaces)) return { kind: 'string', value: USER_DATA_MARK };
      const object = next(value.object);
      return object === value.object ? value : { ...value, object };
    }
    case 'concat': {
      const parts = value.parts.map(next);
      return parts.every((part, i) => part === value.parts[i]) ? value : { kind: 'concat', parts };
    }
    case 'choice': {
      const options = value.options.map(next);
      return options.every((option, i) => option === value.options[i]) ? value : { kind: 'choice', options };
    }
    case 'ref': {
      const target = deref(value);
      if (target === value) return value;
      const marked = next(target);
      return marked === target ? value : marked;
    }
    default:
      return value;
  }
}

// ---------------------------------------------------------------- classification

/** True when the `/`-separated segments of `rest` climb above where they start. */
function climbs(rest: string, complete: boolean, firstIsRoot: boolean): boolean {
  const parts = rest.split('/');
  // The last part may run on into text known only at run time (`'../' + name`): only whole segments count.
  const whole = complete ? parts.length : parts.length - 1;
  let depth = 0;
  for (let i = firstIsRoot ? 1 : 0; i < whole; i++) {
    const part = parts[i]!;
    if (part === '' || part === '.') continue;
    if (part !== '..') depth++;
    else if (--depth < 0) return true;
  }
  return false;
}

function deviceRoot(text: string, complete: boolean): string | undefined {
  return DEVICE_ROOTS.find((root) => text.startsWith(`${root}/`) || (complete && text === root));
}

/**
 * The problem with one possible value of a path, or undefined when it stays inside the mini-app's
 * areas or cannot be judged. A value that starts with text known only at run time is never judged.
 */
export function pathProblem(alternative: Alternative): PathProblem | undefined {
  const { text, complete } = knownPrefix(alternative);
  if (text === '') return undefined;
  const mark = text.indexOf(USER_DATA_MARK);
  if (mark > 0) return undefined;
  if (mark === 0) {
    // `${USER_DATA_PATH}/a`: the first segment is glued to the user folder's own name.
    return climbs(text.slice(1), complete, true) ? { kind: 'traversal', from: 'user-data' } : undefined;
  }
  const scheme = SCHEME.exec(text);
  if (scheme) {
    if (DEVICE_SCHEMES.has(scheme[1]!.toLowerCase())) return { kind: 'device', root: `${scheme[1]!.toLowerCase()}://` };
    // `wxfile://usr/…`, `ttfile://temp/…`: the first segment is the area (user files, temp, cache) the path must stay in.
    return climbs(text.slice(scheme[0].length), complete, true) ? { kind: 'traversal', from: 'local' } : undefined;
  }
  const root = deviceRoot(text, complete);
  if (root) return { kind: 'device', root };
  return climbs(text, complete, false) ? { kind: 'traversal', from: 'package' } : undefined;
}

/** The path as far as it is known, for messages: `${wx.env.USER_DATA_PATH}/../a`, `…` for run-time parts. */
export function displayPath(alternative: Alternative, namespace: string): string {
  let out = '';
  for (const piece of alternative) out += 'hole' in piece ? '…' : piece.text.split(USER_DATA_MARK).join(`\${${namespace}.env.USER_DATA_PATH}`);
  return out.length > 120 ? `${out.slice(0, 119)}…` : out;
}
