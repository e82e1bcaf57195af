import type { Alternative, Origin } from '../../analyzers/constants.js';
import type { Node } from '../../analyzers/traverse.js';
import { SECRET_QUERY, SERVER_ONLY_ENDPOINTS, type ServerOnlyEndpoint } from '../../catalogs/server-endpoints.js';

const WORD_CHAR = /[A-Za-z0-9_]/;
/** Stands for a run-time hole when pieces are joined: never a word character, never a slash. */
const HOLE_MARK = '\u0000';

export interface EndpointMatch {
  endpoint: ServerOnlyEndpoint;
  path: string;
  /** The host is in the same string, or the string carries the secret in its query. */
  certain: boolean;
  /** Where the path starts in the text searched. */
  at: number;
  /** The endpoint's host the text names, when it names one. */
  host?: string;
}

/** The server-only endpoint a string names, if any: the path as a whole path segment sequence. */
export function endpointIn(text: string): EndpointMatch | undefined {
  for (const endpoint of SERVER_ONLY_ENDPOINTS) {
    for (const path of endpoint.paths) {
      let at = text.indexOf(path);
      while (at >= 0) {
        const before = at === 0 ? '/' : text.charAt(at - 1);
        const after = text.charAt(at + path.length);
        if (before === '/' && (after === '' || !WORD_CHAR.test(after))) {
          const host = endpoint.hosts.find((candidate) => text.includes(candidate));
          const certain = host !== undefined || SECRET_QUERY.test(text);
          return { endpoint, path, certain, at, ...(host !== undefined && { host }) };
        }
        at = text.indexOf(path, at + 1);
      }
    }
  }
  return undefined;
}

/** The literal text of the whole `+` chain or template literal a string stands in, holes left out. */
export function concatenationText(node: Node, ancestors: readonly Node[]): string {
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

/**
 * The endpoint one value a request's URL can take names, with the literal its path was written in:
 * `CONF.TOKEN_API + 'appid=' + id` with `TOKEN_API` in another module is one alternative of pieces.
 */
export function endpointInAlternative(alternative: Alternative): { match: EndpointMatch; origin: Origin } | undefined {
  const text = alternative.map((piece) => ('hole' in piece ? HOLE_MARK : piece.text)).join('');
  const match = endpointIn(text);
  if (!match) return undefined;
  let offset = 0;
  for (const piece of alternative) {
    const length = 'hole' in piece ? HOLE_MARK.length : piece.text.length;
    if (!('hole' in piece) && match.at >= offset && match.at < offset + length) return piece.origin ? { match, origin: piece.origin } : undefined;
    offset += length;
  }
  return undefined;
}
