import type { TSESTree } from '@typescript-eslint/types';
import { moduleSpecifierOf, staticPropertyName, unwrapTypeScript } from '../../analyzers/api-calls.js';
import type { Listener, Listeners, Node } from '../../analyzers/traverse.js';
import { isServerModule, isTestPath, SERVER_PATH } from '../../catalogs/secrets.js';
import { PLATFORMS } from '../../platforms/index.js';
import { FRAMEWORK_NAMESPACES } from '../../platforms/types.js';
import { createConstantCollector, type ConstantCollector, type SymValue } from '../../analyzers/constants.js';
import type { SourceLocation } from '../../types.js';
import type { FileContext } from '../rule.js';

/**
 * Helpers the security rules share: per-project state between the file phase and the project
 * phase, the platform tables merged across platforms, string helpers and URL classification.
 */

// ---------------------------------------------------------------- listeners

/** Combines listener maps; for a selector in several, they run in the order given. */
export function mergeListeners(...groups: Listeners[]): Listeners {
  const merged: Record<string, Listener[]> = {};
  for (const group of groups) for (const [selector, listener] of Object.entries(group)) (merged[selector] ??= []).push(listener);
  const out: Listeners = {};
  for (const [selector, list] of Object.entries(merged)) {
    out[selector] = list.length === 1 ? list[0]! : (node, ancestors) => {
      for (const listener of list) listener(node, ancestors);
    };
  }
  return out;
}

// ---------------------------------------------------------------- one constant collector per traversal

/**
 * A value a rule captured where it is used (a request's URL, a file API's path: `wx.request (url)`),
 * kept for the project phase when it depends on other modules.
 */
export interface CapturedUse {
  label: string;
  value: SymValue;
  location: SourceLocation;
  thirdParty: boolean;
}

/**
 * The constant collector of the script being traversed, shared by every rule that asks during the
 * traversal (an engine service): the first asker gets its listeners to register, later askers none.
 */
export function sharedConstantCollector(context: FileContext): { collector: ConstantCollector; listeners: Listeners } {
  let created = false;
  const collector = context.shared('constant-collector', () => {
    created = true;
    return createConstantCollector(context.file, context.region);
  });
  return { collector, listeners: created ? collector.listeners : {} };
}

// ---------------------------------------------------------------- platform tables, merged

const platforms = Object.values(PLATFORMS);

/** Every platform global and framework namespace: `wx`, `my`, `tt`, `swan`, `qq`, `uni`, `Taro`. */
export const API_NAMESPACES: ReadonlySet<string> = new Set([...platforms.flatMap((p) => p.globals), ...FRAMEWORK_NAMESPACES]);

/** Network API → the option carrying its URL, on any platform (`request` → `url`). */
export const NETWORK_APIS: ReadonlyMap<string, string> = new Map(platforms.flatMap((p) => Object.entries(p.networkApis)));

/** Runtime configuration globals of every platform. */
export const CONFIG_GLOBALS: ReadonlySet<string> = new Set(platforms.flatMap((p) => p.configGlobals));

/** Objects through which code reaches a global: `window.WeixinJSBridge`, `globalThis.__wxConfig`. */
export const GLOBAL_OBJECTS: ReadonlySet<string> = new Set(['window', 'global', 'globalThis', 'self']);

/** The hidden-API table of the platform whose own global is `namespace` (`wx` → WeChat). */
export function hiddenApisOf(namespace: string): Readonly<Record<string, string>> | undefined {
  return platforms.find((p) => p.globals[0] === namespace)?.hiddenApis;
}

// ---------------------------------------------------------------- files

/** Tests, mocks and server code next to the mini-app: not what users download. */
export function isNotShipped(path: string): boolean {
  return isTestPath(path) || SERVER_PATH.test(path);
}

/** `require('wx-server-sdk')`, `import express from 'express'`: this file is server code (a cloud function, a backend). */
export function serverModuleOf(node: Node): string | undefined {
  const specifier = moduleSpecifierOf(node);
  return specifier !== undefined && isServerModule(specifier) ? specifier : undefined;
}

/** `pages/web/web.wxml` → `pages/web/web`: the base a page's template and script share. */
export function basePath(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? path.slice(0, dot) : path;
}

// ---------------------------------------------------------------- AST helpers

/** The string a literal or an expression-free template literal stands for. */
export function stringValue(node: Node): string | undefined {
  if (node.type === 'Literal') return typeof node.value === 'string' ? node.value : undefined;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** `wx.request`, `wx['request']`, `(wx as any).request`: the namespace and member, if the object is a plain identifier. */
export function namespaceMember(node: Node): { namespace: string; member: string } | undefined {
  const callee = unwrapTypeScript(node);
  if (callee.type !== 'MemberExpression') return undefined;
  const object = unwrapTypeScript(callee.object);
  if (object.type !== 'Identifier') return undefined;
  const member = staticPropertyName(callee);
  return member === undefined ? undefined : { namespace: object.name, member };
}

/** The identifier a member chain starts from: `a` for `a.b.c`, `a['x'].y`. */
export function memberRoot(node: Node): TSESTree.Identifier | undefined {
  let current = unwrapTypeScript(node);
  while (current.type === 'MemberExpression') current = unwrapTypeScript(current.object);
  return current.type === 'Identifier' ? current : undefined;
}

// ---------------------------------------------------------------- URLs

export type HostScope = 'loopback' | 'private' | 'public' | 'unknown';

export interface InsecureUrl {
  scheme: 'http' | 'ws';
  /** The host as far as it is known (may be a prefix when `hostComplete` is false); '' when decided at run time. */
  host: string;
  hostComplete: boolean;
  scope: HostScope;
  /** `scheme://host[:port]`, with `…` where the rest is decided at run time; never the path or query. */
  display: string;
}

const FULL_HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|net|org|cn|io|dev|app|info|biz|co|me|top|xyz|vip|club|site|online|tech|cc|tv|edu|gov|mil|int|[a-z]{2})$/;
const FULL_IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const INSECURE_SCHEME = /^\s*(http|ws):\/\//i;
const PRIVATE_IPV4 = /^(?:10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|169\.254\.)[\d.]*$/;
const LOOPBACK_IPV4 = /^127\.[\d.]*$/;
const PRIVATE_IPV6 = /^(?:f[cd][0-9a-f]{2}|fe80):/i;
const PRIVATE_NAMES = /\.(?:local|lan|internal|intranet|home\.arpa|localdomain)$/i;

/**
 * Classifies the start of a URL. Returns undefined unless it is plain `http://` or `ws://`.
 * `complete` says whether `text` is the whole value or only the part known before a run-time hole.
 */
export function insecureUrl(text: string, complete: boolean): InsecureUrl | undefined {
  const match = INSECURE_SCHEME.exec(text);
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase() as 'http' | 'ws';
  const rest = text.slice(match[0].length);
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const hostComplete = end >= 0 || complete;
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  let host: string;
  if (hostAndPort.startsWith('[')) {
    const close = hostAndPort.indexOf(']');
    host = close < 0 ? hostAndPort.slice(1) : hostAndPort.slice(1, close);
  } else {
    const colon = hostAndPort.indexOf(':');
    host = colon < 0 ? hostAndPort : hostAndPort.slice(0, colon);
  }
  host = host.toLowerCase();
  // A literal that stops right after a full domain name or address (`BASE + path`) almost always ends the host there.
  const fullyKnown = hostComplete || hostAndPort.includes(':') || hostAndPort.includes(']') || FULL_HOST.test(host) || FULL_IPV4.test(host);
  // Credentials in the authority (`user:pass@`) are never shown.
  const display = `${scheme}://${hostAndPort}${fullyKnown ? '' : '…'}`;
  return { scheme, host, hostComplete: fullyKnown, scope: hostScope(host, fullyKnown), display };
}

function hostScope(host: string, complete: boolean): HostScope {
  if (host === '') return 'unknown';
  if (LOOPBACK_IPV4.test(host) || (complete && (host === 'localhost' || host.endsWith('.localhost') || host === '0.0.0.0' || host === '::1'))) return 'loopback';
  if (PRIVATE_IPV4.test(host) || PRIVATE_IPV6.test(host)) return 'private';
  if (complete && PRIVATE_NAMES.test(host)) return 'private';
  return complete ? 'public' : 'unknown';
}
