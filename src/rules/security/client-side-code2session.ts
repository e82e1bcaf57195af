import type { TSESTree } from '@typescript-eslint/types';
import type { Listeners, Node } from '../../analyzers/traverse.js';
import { SECRET_QUERY, SERVER_ONLY_ENDPOINTS, type ServerOnlyEndpoint } from '../../catalogs/server-endpoints.js';
import { createRule } from '../rule.js';
import { isNotShipped, serverModuleOf } from './support.js';

/** Quick test: only strings mentioning one of these can name an endpoint. */
const PREFILTER = /[Ss]ession|[Tt]oken/;
const WORD_CHAR = /[A-Za-z0-9_]/;

interface Match {
  endpoint: ServerOnlyEndpoint;
  path: string;
  /** The host is in the same string, or the string carries the secret in its query. */
  certain: boolean;
}

/** The server-only endpoint a string names, if any: the path as a whole path segment sequence. */
function endpointIn(text: string): Match | undefined {
  for (const endpoint of SERVER_ONLY_ENDPOINTS) {
    for (const path of endpoint.paths) {
      let at = text.indexOf(path);
      while (at >= 0) {
        const before = at === 0 ? '/' : text.charAt(at - 1);
        const after = text.charAt(at + path.length);
        if (before === '/' && (after === '' || !WORD_CHAR.test(after))) {
          const certain = endpoint.hosts.some((host) => text.includes(host)) || SECRET_QUERY.test(text);
          return { endpoint, path, certain };
        }
        at = text.indexOf(path, at + 1);
      }
    }
  }
  return undefined;
}

/** The literal text of the whole `+` chain or template literal a string stands in, holes left out. */
function concatenationText(node: Node, ancestors: readonly Node[]): string {
  let top = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const parent = ancestors[i]!;
    if ((parent.type === 'BinaryExpression' && parent.operator === '+') || parent.type === 'TemplateLiteral') top = parent;
    else break;
  }
  const parts: string[] = [];
  const collect = (current: Node): void => {
    if (parts.length > 64) return;
    if (current.type === 'BinaryExpression' && current.operator === '+') {
      collect(current.left);
      collect(current.right);
    } else if (current.type === 'Literal' && typeof current.value === 'string') parts.push(current.value);
    else if (current.type === 'TemplateLiteral') for (const quasi of current.quasis) parts.push(quasi.value.cooked ?? '');
  };
  collect(top);
  return parts.join('');
}

function stringsOf(node: TSESTree.Literal | TSESTree.TemplateLiteral): string[] {
  if (node.type === 'Literal') return typeof node.value === 'string' ? [node.value] : [];
  return node.quasis.map((quasi) => quasi.value.cooked ?? '').filter((text) => text !== '');
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
    if (isNotShipped(context.file.path)) return {};
    const found: { node: TSESTree.Literal | TSESTree.TemplateLiteral; match: Match }[] = [];
    const hostsSeen = new Set<string>();
    let serverCode = false;

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

    return {
      Literal(node, ancestors) {
        if (typeof (node as TSESTree.Literal).value === 'string') check(node, ancestors);
      },
      TemplateLiteral: check,
      'ImportDeclaration, CallExpression[callee.name="require"]'(node) {
        if (serverModuleOf(node)) serverCode = true;
      },
      'Program:exit'() {
        if (serverCode) return;
        for (const { node, match } of found) {
          // A bare path (`'/sns/jscode2session'`) counts when the file also names the platform host, e.g. `HOST + PATH`.
          if (!match.certain && !hostsSeen.has(match.endpoint.id)) continue;
          const { endpoint } = match;
          context.report({
            range: node.range,
            message:
              `The client calls ${endpoint.platform}'s server-only ${endpoint.name} endpoint (${endpoint.hosts[0]}/${match.path}). ` +
              `It takes ${endpoint.takes}, so ${endpoint.takes} ships in the package where anyone can read it. Call it from your ` +
              `server and return only your own session token to the mini-app; then reset ${endpoint.takes}.`,
            properties: { endpoint: endpoint.id, platform: endpoint.platform, path: match.path },
          });
        }
      },
    };
  },
});
