import type { TSESTree } from '@typescript-eslint/types';
import { ConstantResolver, type ModuleSummary, type Origin, type SymValue } from '../../analyzers/constants.js';
import type { Listeners, Node } from '../../analyzers/traverse.js';
import { SECRET_QUERY, SERVER_ONLY_ENDPOINTS } from '../../catalogs/server-endpoints.js';
import type { RelatedLocation, SourceLocation } from '../../types.js';
import { createRule, type Report } from '../rule.js';
import { networkCallUrl } from './network-urls.js';
import { concatenationText, endpointIn, endpointInAlternative, type EndpointMatch } from './server-endpoint-match.js';
import { isNotShipped, mergeListeners, serverModuleOf, sharedConstantCollector, type CapturedUse } from './support.js';

/** Quick test: only strings mentioning one of these can name an endpoint. */
const PREFILTER = /[Ss]ession|[Tt]oken/;

/** A string naming a server-only endpoint. */
interface EndpointLiteral {
  match: EndpointMatch;
  start: number;
  end: number;
  location: SourceLocation;
  thirdParty: boolean;
  /** Proven where it is written: the host or the secret is in the string, or the file names the host. */
  provenHere: boolean;
}

/** A platform request whose URL depends on other modules. */
type Request = CapturedUse;

/** Between the phases, by file: the strings naming an endpoint, and the requests whose URL comes from other modules. */
interface State {
  modules: Map<string, ModuleSummary>;
  literals: Map<string, EndpointLiteral[]>;
  requests: Map<string, Request[]>;
}

const newState = (): State => ({ modules: new Map(), literals: new Map(), requests: new Map() });

function stringsOf(node: TSESTree.Literal | TSESTree.TemplateLiteral): string[] {
  if (node.type === 'Literal') return typeof node.value === 'string' ? [node.value] : [];
  return node.quasis.map((quasi) => quasi.value.cooked ?? '').filter((text) => text !== '');
}

function message(match: EndpointMatch, builtAt?: SourceLocation): string {
  const { endpoint } = match;
  const where = builtAt ? `, with the URL written at ${builtAt.file}:${builtAt.region.start.line}` : '';
  return (
    `The client calls ${endpoint.platform}'s server-only ${endpoint.name} endpoint (${match.host ?? endpoint.hosts[0]}/${match.path})${where}. ` +
    `It takes ${endpoint.takes}, so ${endpoint.takes} ships in the package where anyone can read it. Call it from your ` +
    `server and return only your own session token to the mini-app; then reset ${endpoint.takes}.`
  );
}

function reportOf(match: EndpointMatch, location: SourceLocation, thirdParty: boolean, related: RelatedLocation[] = [], builtAt?: SourceLocation): Report {
  return {
    location,
    message: message(match, builtAt),
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    thirdParty,
    properties: { endpoint: match.endpoint.id, platform: match.endpoint.platform, path: match.path },
  };
}

/** The literal among `literals` an origin lies in (a template's later quasi lies inside its template). */
function literalAt(literals: readonly EndpointLiteral[] | undefined, origin: Origin): EndpointLiteral | undefined {
  return literals?.find((literal) => origin.start >= literal.start && origin.start < literal.end);
}

/** The endpoint strings a request's URL can start from, each with whether the whole URL proves it. */
function literalsLoaded(resolver: ConstantResolver, value: SymValue, literalsOf: (file: string) => readonly EndpointLiteral[] | undefined): { literal: EndpointLiteral; proven: boolean }[] {
  const values = resolver.strings(value);
  const out: { literal: EndpointLiteral; proven: boolean }[] = [];
  for (const alternative of values.alternatives) {
    const hit = endpointInAlternative(alternative);
    const literal = hit && literalAt(literalsOf(hit.origin.file), hit.origin);
    if (literal && !out.some((seen) => seen.literal === literal)) out.push({ literal, proven: hit.match.certain || literal.provenHere });
  }
  return out;
}

export default createRule({
  meta: {
    id: 'client-side-code2session',
    description: 'The client calls a server-only login or access-token endpoint (sns/jscode2session, cgi-bin/token).',
    rationale:
      'code2Session and getAccessToken take the AppSecret. A mini-app that calls them itself must carry the AppSecret in its ' +
      'package, where anyone can read it and then impersonate the developer to the platform: exchange any login code for a ' +
      'session key, read user data, send messages. The platforms document these endpoints as callable from the developer ' +
      'server only, and may take down a mini-app that leaks its secret.',
    severity: 'error',
    tags: ['security'],
    cwe: [602, 798],
    precision: 'very-high',
    securitySeverity: 8.1,
  },
  createScriptListeners(context): Listeners {
    const { file } = context;
    if (isNotShipped(file.path)) return {};
    const state = context.state(newState);
    const { collector, listeners: collectorListeners } = sharedConstantCollector(context);
    state.modules.set(file.path, collector.module);
    state.literals.delete(file.path);
    state.requests.delete(file.path);
    const found: { node: TSESTree.Literal | TSESTree.TemplateLiteral; match: EndpointMatch }[] = [];
    const requests: Request[] = [];
    const hostsSeen = new Set<string>();
    let serverCode = false;
    const at = (range: readonly [number, number]): SourceLocation => ({ file: file.path, region: context.region(range[0], range[1]) });

    const check = (node: Node, ancestors: readonly Node[]): void => {
      const literal = node as TSESTree.Literal | TSESTree.TemplateLiteral;
      for (const text of stringsOf(literal)) {
        if (text.length < 8) continue;
        // Every endpoint host is a .com name: one substring test keeps the host scan off most strings.
        if (text.includes('.com')) for (const endpoint of SERVER_ONLY_ENDPOINTS) if (endpoint.hosts.some((host) => text.includes(host))) hostsSeen.add(endpoint.id);
        if (!PREFILTER.test(text)) continue;
        const match = endpointIn(text);
        if (match) {
          // `'/sns/jscode2session?appid=' + APPID + '&secret=' + SECRET`: the rest of the concatenation may carry the proof.
          if (!match.certain) match.certain = SECRET_QUERY.test(concatenationText(literal, ancestors));
          found.push({ node: literal, match });
          return;
        }
      }
    };

    const own: Listeners = {
      Literal(node, ancestors) {
        if (typeof (node as TSESTree.Literal).value === 'string') check(node, ancestors);
      },
      TemplateLiteral: check,
      CallExpression(node) {
        const url = networkCallUrl(node as TSESTree.CallExpression, collector.capture);
        if (url) requests.push({ label: url.label, value: url.value, location: at(url.node.range), thirdParty: file.thirdParty });
      },
      'ImportDeclaration, CallExpression[callee.name="require"]'(node) {
        if (serverModuleOf(node)) serverCode = true;
      },
      'Program:exit'() {
        if (serverCode) return;
        const literals: EndpointLiteral[] = found.map(({ node, match }) => ({
          match,
          start: node.range[0],
          end: node.range[1],
          location: at(node.range),
          thirdParty: file.thirdParty,
          // A bare path (`'/sns/jscode2session'`) counts when the file also names the platform host, e.g. `HOST + PATH`.
          provenHere: match.certain || hostsSeen.has(match.endpoint.id),
        }));
        for (const literal of literals) if (literal.provenHere) context.reportAt(reportOf(literal.match, literal.location, literal.thirdParty));
        // A request whose URL comes from other modules is judged in the project phase, against every file's strings.
        const local = new ConstantResolver([collector.module], { local: true });
        const deferred = requests.filter((request) => local.strings(request.value).external);
        state.literals.set(file.path, literals);
        state.requests.set(file.path, deferred);
      },
    };
    return mergeListeners(collectorListeners, own);
  },
  checkProject(context) {
    const state = context.state(newState);
    const manifestFile = context.facts.manifest?.file;
    const appRoot = manifestFile && manifestFile.includes('/') ? manifestFile.slice(0, manifestFile.lastIndexOf('/')) : '';
    const resolver = new ConstantResolver(state.modules, { appRoot });
    // A request built from another module's string is where the secret is sent: reported there too, the string related.
    for (const requests of state.requests.values()) {
      for (const request of requests) {
        for (const { literal, proven } of literalsLoaded(resolver, request.value, (file) => state.literals.get(file))) {
          if (!proven || literal.location.file === request.location.file) continue;
          const related = [{ location: literal.location, message: 'the endpoint is named here' }];
          context.report(reportOf(literal.match, request.location, request.thirdParty, related, literal.location));
        }
      }
    }
  },
});
