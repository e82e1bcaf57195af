import type { TSESTree } from '@typescript-eslint/types';
import { unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';
import { knownPrefix } from './api-flows.js';
import { optionValue, type ApiCallTarget } from './api-target.js';
import { fieldKey, type Ref } from './fragment.js';
import { deep, memberName } from './extract-syntax.js';

/**
 * React as Taro 3 compiles it: `(0, t.jsx)(s.WebView, { src: n })` renders the platform's web-view
 * with a URL, and `useState` keeps a value that a setter call replaces. The page's template is the
 * runtime's own, so the web-view's URL is only in the script.
 */

const ELEMENT_FACTORIES: ReadonlySet<string> = new Set(['jsx', 'jsxs', 'jsxDEV', '_jsx', '_jsxs', 'createElement']);

/** `jsx`, `t.jsx`, `(0, t.jsx)`, `React.createElement`: the name of a call's callee as JSX compiles it. */
function factoryName(raw: TSESTree.Node): string | undefined {
  let callee = unwrapTypeScript(raw as Node) as TSESTree.Node;
  if (callee.type === 'SequenceExpression') callee = callee.expressions[callee.expressions.length - 1]!;
  return callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? memberName(callee) : undefined;
}

/** `WebView`, `s.WebView`: the element type is the platform's web-view component. */
function isWebView(raw: TSESTree.Node | undefined): boolean {
  const type = raw && (unwrapTypeScript(raw as Node) as TSESTree.Node);
  if (!type) return false;
  return (type.type === 'Identifier' && type.name === 'WebView') || (type.type === 'MemberExpression' && memberName(type) === 'WebView');
}

/**
 * `jsx(WebView, { src })`: the URL a web-view element loads is a sink, like `<web-view src>` in a
 * template. `args` are the call's arguments as the extractor walked them.
 */
export function webViewElement(target: ApiCallTarget, node: TSESTree.CallExpression, args: readonly Ref[][]): void {
  const name = factoryName(node.callee);
  if (name === undefined || !ELEMENT_FACTORIES.has(name) || !isWebView(node.arguments[0])) return;
  const src = optionValue(node.arguments[1], 'src');
  if (!src) return;
  const value = target.field(args[1] ?? [], 'src', src, false).filter((ref) => !ref.shallow);
  target.fragment.sinks.push({
    kind: 'web-view',
    api: '<WebView src>',
    inputs: deep(value),
    urlInputs: value.map((ref) => ({ key: ref.key, shallow: true })),
    location: target.location(src),
    url: knownPrefix(target, src),
    ...(target.options.thirdParty && { thirdParty: true }),
  });
}

/**
 * `const [url, setUrl] = useState('')`: the array holds the state and a setter whose argument
 * becomes the state (`setUrl(link)`), so reads of `url` see every value set. Undefined for other calls.
 */
export function stateHook(target: ApiCallTarget, callee: TSESTree.Node, node: TSESTree.CallExpression): Ref[] | undefined {
  if (factoryName(callee) !== 'useState' || node.arguments.length > 1) return undefined;
  const pair = target.temp(node, '#state');
  const state = fieldKey(pair, '[]')!;
  if (node.arguments[0]) target.copy(target.expression(node.arguments[0]), state);
  const setter = target.node(`${pair}#set`, node, 'useState setter');
  target.fragment.functions.add(setter);
  target.copy([{ key: `${setter}#p0` }], state);
  target.copy([{ key: setter }], state);
  return [{ key: pair }];
}
