import type { TSESTree } from '@typescript-eslint/types';
import { staticPropertyName, unwrapTypeScript } from '../../analyzers/api-calls.js';
import { literalValue } from '../../analyzers/templates.js';
import type { Listeners, Node } from '../../analyzers/traverse.js';
import type { RelatedLocation, SourceLocation } from '../../types.js';
import { createRule, type FileContext } from '../rule.js';
import { basePath, isNotShipped } from './support.js';
import { isFunction } from '../../analyzers/tracker-syntax.js';
import { FIXED_ORIGIN, PageAnalysis, type SourceKind } from './webview-page-analysis.js';

/**
 * A bounded, within-page heuristic: a `<web-view src="{{x}}">` in a page template, and the page
 * script (same base path) setting `x` with `setData` from a value derived from untrusted input,
 * with no check of that value on the way. Untrusted input: the page query (`onLoad(options)`,
 * `this.options`), launch/enter options (`wx.getLaunchOptionsSync()`, `getEnterOptionsSync()`,
 * which carry `query` and `referrerInfo.extraData`), and network responses (the `success`
 * callback of `wx.request`, or the awaited / `.then` result of a request-like call).
 * A check is a condition comparing or testing the value (`===`, `startsWith`, `indexOf`,
 * `includes`, `test`, `match`, `has`, `some`, or a call to a function named like an allowlist or
 * validator) guarding the `setData`, either around it or as an early return before it.
 * Values whose text starts with a fixed origin (`'https://m.example.com/item?id=' + id`) are not
 * open to redirection and are not reported.
 */

const ID = 'webview-untrusted-src';

interface Flow {
  key: string;
  source: SourceKind;
  sourceLocation: SourceLocation;
  setDataLocation: SourceLocation;
}

interface BoundWebView {
  base: string;
  key: string;
  expression: string;
  location: SourceLocation;
  thirdParty: boolean;
}

/** Keyed by page base path and by template file, and replaced when a file is analysed again. */
interface State {
  flows: Map<string, Flow[]>;
  webViews: Map<string, BoundWebView[]>;
}

const newState = (): State => ({ flows: new Map(), webViews: new Map() });

function scriptListeners(context: FileContext): Listeners {
  const { file } = context;
  if (isNotShipped(file.path) || file.kind !== 'script') return {};
  const pages: TSESTree.ObjectExpression[] = [];
  const withSetData = new Set<Node>();
  return {
    CallExpression(node, ancestors) {
      const call = node as TSESTree.CallExpression;
      const callee = unwrapTypeScript(call.callee);
      if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'setData') {
        for (let i = ancestors.length - 1; i >= 0; i--) {
          const ancestor = ancestors[i]!;
          if (!isFunction(ancestor)) continue;
          if (withSetData.has(ancestor)) break; // its own ancestors were marked already
          withSetData.add(ancestor);
        }
        return;
      }
      const options = call.arguments[0] && unwrapTypeScript(call.arguments[0]);
      if (callee.type === 'Identifier' && (callee.name === 'Page' || callee.name === 'Component') && options?.type === 'ObjectExpression') pages.push(options);
    },
    'Program:exit'() {
      context.state(newState).flows.delete(basePath(file.path));
      if (pages.length === 0 || withSetData.size === 0) return;
      const analysis = new PageAnalysis(withSetData);
      for (const options of pages) analysis.analyseOptions(options);
      if (analysis.flows.length === 0) return;
      const state = context.state(newState);
      const base = basePath(file.path);
      const list: Flow[] = [];
      const at = (node: TSESTree.Node): SourceLocation => ({ file: file.path, region: context.region(node.range[0], node.range[1]) });
      for (const flow of analysis.flows) list.push({ key: flow.key, source: flow.taint.kind, sourceLocation: at(flow.taint.node), setDataLocation: at(flow.setData) });
      state.flows.set(base, list);
    },
  };
}

const SOURCE_TEXT: Readonly<Record<SourceKind, string>> = {
  'page query': "the page's query parameters, which anyone can set in a shared link, QR code or another mini-app's navigation",
  'launch options': 'the launch or enter options (query and referrerInfo.extraData), which the opener of the mini-app controls',
  'network response': 'a network response, so whoever controls or intercepts that response chooses the page',
};

export default createRule({
  meta: {
    id: ID,
    description: 'A <web-view> src is bound to page query, launch/referrer data or a network response with no allowlist check.',
    rationale:
      'A web-view shows any page it is given inside the mini-app, under the mini-app\u2019s name and with the JSSDK bridge to ' +
      'the mini-app. When its address comes from a page parameter, the launching app or a server response without checking it ' +
      'against the expected domains, anyone who can craft a link can make the mini-app show a phishing page or an attacker\u2019s ' +
      'script (an open redirect inside the app).',
    severity: 'warning',
    tags: ['security'],
    cwe: [601, 20],
    precision: 'medium',
    securitySeverity: 6.1,
  },
  createScriptListeners: scriptListeners,
  checkTemplate(context) {
    const { file } = context;
    if (isNotShipped(file.path)) return;
    const bound: BoundWebView[] = [];
    for (const element of context.template.elements) {
      if (element.name.toLowerCase() !== 'web-view') continue;
      const raw = element.attributes['src'];
      const region = element.attributeRegions['src'];
      if (raw === undefined || region === undefined || literalValue(raw) !== undefined) continue;
      const prefix = raw.slice(0, raw.indexOf('{{'));
      // `https://m.example.com/item?id={{id}}`: the origin is fixed in the template.
      if (FIXED_ORIGIN.test(prefix.trim())) continue;
      const match = /\{\{\s*([A-Za-z_$][\w$]*)/.exec(raw);
      if (!match) continue;
      bound.push({ base: basePath(file.path), key: match[1]!, expression: raw, location: { file: file.path, region }, thirdParty: file.thirdParty });
    }
    const state = context.state(newState);
    if (bound.length > 0) state.webViews.set(file.path, bound);
    else state.webViews.delete(file.path);
  },
  checkProject(context) {
    const state = context.state(newState);
    for (const webView of [...state.webViews.values()].flat()) {
      const flows = (state.flows.get(webView.base) ?? []).filter((flow) => flow.key === webView.key);
      if (flows.length === 0) continue;
      const first = flows[0]!;
      const relatedLocations: RelatedLocation[] = [];
      for (const flow of flows.slice(0, 3)) {
        relatedLocations.push({ location: flow.setDataLocation, message: `"${flow.key}" is set here from the ${flow.source} without a check` });
        relatedLocations.push({ location: flow.sourceLocation, message: `the ${flow.source} is read here` });
      }
      context.report({
        location: webView.location,
        message:
          `<web-view src="${webView.expression}"> loads an address taken from ${SOURCE_TEXT[first.source]} (set at ` +
          `${first.setDataLocation.file}:${first.setDataLocation.region.start.line}), with no allowlist check: the mini-app can be ` +
          `made to show any web page under its name. Compare the URL's origin with the domains you expect before setting it.`,
        relatedLocations,
        thirdParty: webView.thirdParty,
        properties: { dataKey: webView.key, sources: [...new Set(flows.map((flow) => flow.source))] },
      });
    }
  },
});
