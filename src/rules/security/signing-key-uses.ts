import type { TSESTree } from '@typescript-eslint/types';
import { ConstantResolver } from '../../analyzers/constant-resolver.js';
import type { FileContext } from '../../analyzers/context.js';
import type { SymValue } from '../../analyzers/symbolic-values.js';
import type { Listeners, Node } from '../../analyzers/traverse.js';
import { HASHING_CALLEE, SIGNING_KEY_PARAMETER } from '../../catalogs/secrets.js';
import { calleeParts, leadingText, trailingText } from './secret-context.js';
import { mergeListeners, sharedConstantCollector } from './support.js';
import { fileLiteralsOf } from './file-literals.js';

/** How far up a `+` chain is followed to what holds or digests it. */
const MAX_CHAIN_WALK = 64;

interface KeyUse {
  value: SymValue;
  /** `'Bearer ' + k`: the constant is sent as a fixed bearer credential, hashed or not. */
  bearer?: true;
  /** The `+` chain is an argument of a hash call itself. */
  hashed: boolean;
  /** The variable the chain is kept in (`stringSignTemp`), when it is. */
  holder?: string;
}

/** A string constant of this file used as the signing key of a hashed string, or as a bearer credential: its text and where its literal is. */
export interface SigningKey {
  text: string;
  start: number;
  end: number;
  bearer?: true;
}

/** The text before a bearer credential (`'Bearer ' + key`, `` `Bearer ${key}` ``). */
const BEARER_PREFIX = /^(?:Bearer|Token)\s+$/i;

/**
 * Constants a file puts after `&key=` in a string it hashes: WeChat Pay's v2 signature
 * (`stringSignTemp = stringA + '&key=' + merchantKey; md5(stringSignTemp)`) and its copies keep the
 * key in a variable whose name says nothing (`app_key`, `k`). Also constants sent after `Bearer `
 * (`'Bearer ' + ARK_API_KEY`), a fixed credential whatever the constant is called. Read through the
 * shared constant evaluator, within the file; the hash is the call of the chain itself, or of the
 * variable holding it.
 */
export function signingKeyUses(context: FileContext): { listeners: Listeners; keys(): SigningKey[] } {
  const { collector, listeners: collectorListeners } = sharedConstantCollector(context);
  const uses: KeyUse[] = [];
  const hashedNames = new Set<string>();
  const own: Listeners = {
    BinaryExpression(node, ancestors) {
      const binary = node as TSESTree.BinaryExpression;
      if (binary.operator !== '+' || (binary.right.type !== 'Identifier' && binary.right.type !== 'MemberExpression')) return;
      if (binary.left.type === 'Literal' && typeof binary.left.value === 'string' && BEARER_PREFIX.test(binary.left.value)) {
        uses.push({ value: collector.capture(binary.right as Node), hashed: false, bearer: true });
        return;
      }
      if (!SIGNING_KEY_PARAMETER.test(trailingText(binary.left as Node) ?? '') || !lastInChain(binary, ancestors)) return;
      const destination = chainDestination(binary, ancestors);
      if (destination) uses.push({ value: collector.capture(binary.right as Node), ...destination });
    },
    TemplateLiteral(node, ancestors) {
      // `${stringA}&key=${key}`: the key is the template's last part.
      const template = node as TSESTree.TemplateLiteral;
      const only = template.expressions.length === 1 ? template.expressions[0] : undefined;
      if (only && (only.type === 'Identifier' || only.type === 'MemberExpression') && BEARER_PREFIX.test(template.quasis[0]!.value.cooked ?? '') && template.quasis[1]!.value.cooked === '') {
        uses.push({ value: collector.capture(only as Node), hashed: false, bearer: true });
        return;
      }
      const last = template.expressions.length - 1;
      const key = template.expressions[last];
      if (!key || template.quasis[last + 1]?.value.cooked !== '' || !SIGNING_KEY_PARAMETER.test(template.quasis[last]!.value.cooked ?? '')) return;
      if (key.type !== 'Identifier' && key.type !== 'MemberExpression') return;
      const destination = chainDestination(template, ancestors);
      if (destination) uses.push({ value: collector.capture(key as Node), ...destination });
    },
    CallExpression(node) {
      const call = node as TSESTree.CallExpression;
      const { method } = calleeParts(call.callee as Node);
      const first = call.arguments[0];
      if (method !== undefined && HASHING_CALLEE.test(method) && first?.type === 'Identifier') hashedNames.add(first.name);
    },
  };
  return {
    listeners: mergeListeners(collectorListeners, own),
    keys() {
      const local = new ConstantResolver([collector.module], { local: true });
      const keys: SigningKey[] = [];
      for (const use of uses) {
        if (!use.bearer && !use.hashed && (use.holder === undefined || !hashedNames.has(use.holder))) continue;
        for (const literal of fileLiteralsOf(local, use.value, context.file.path)) keys.push({ ...literal, ...(use.bearer && { bearer: true }) });
      }
      return keys;
    },
  };
}

/** `… + '&key=' + k` ends its chain: WeChat Pay appends the key last; a part after it is some other string. */
function lastInChain(binary: Node, ancestors: readonly Node[]): boolean {
  const parent = ancestors[ancestors.length - 1];
  return !(parent?.type === 'BinaryExpression' && parent.operator === '+' && parent.left === binary);
}

/**
 * Where the `+` chain (or template) around `start` goes: into a hash call, or into a variable.
 * Undefined for a URL (`'https://…?…&key=' + k`): a service key in a request, hashed or not, is no signature.
 */
function chainDestination(start: Node, ancestors: readonly Node[]): { hashed: boolean; holder?: string } | undefined {
  let child = start;
  for (let at = ancestors.length - 1; at >= 0 && at >= ancestors.length - MAX_CHAIN_WALK; at--) {
    const parent = ancestors[at]!;
    if (parent.type === 'BinaryExpression' && parent.operator === '+') {
      child = parent;
      continue;
    }
    if (namesAUrl(child)) return undefined;
    if (parent.type === 'CallExpression') {
      const { method } = calleeParts(parent.callee);
      return { hashed: parent.arguments[0] === child && method !== undefined && HASHING_CALLEE.test(method) };
    }
    if (parent.type === 'VariableDeclarator' && parent.init === child && parent.id.type === 'Identifier') return { hashed: false, holder: parent.id.name };
    if (parent.type === 'AssignmentExpression' && parent.right === child && parent.left.type === 'Identifier') return { hashed: false, holder: parent.left.name };
    return { hashed: false };
  }
  return { hashed: false };
}

/** Whether the leftmost text of a chain is a URL or a path (`https://…`, `//host/…`, `/v3/…?`). */
function namesAUrl(chain: Node): boolean {
  const text = leadingText(chain);
  return /^(?:[a-z][\w+.-]*:)?\/\//i.test(text) || /^\/[\w/-]*\?/.test(text);
}
