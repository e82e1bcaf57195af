import type { TSESTree } from '@typescript-eslint/types';
import type { Node } from '../../analyzers/traverse.js';
import { normaliseName, NOT_A_SECRET_WORDS, nameWords, PUBLIC_KEY_NAMES } from '../../catalogs/secrets.js';
import type { SecretContext } from './secret-context.js';

/** Key bytes: from a 64-bit block cipher key to a 512-bit one. */
const MIN_BYTES = 8;
const MAX_BYTES = 64;
/** Fewer distinct bytes than this is a pattern (padding, a test vector of zeros), not key material. */
const MIN_DISTINCT = 6;
/**
 * The last word of a name that says the bytes are a key (`rc4_key`, `aesKey`, `ble_data_key`,
 * `encryptSecret`, `salt`). Not `iv`: an IV need not be secret, as for strings (secret-context.ts).
 */
const KEY_WORDS = new Set(['key', 'secret', 'salt']);
/** Wrappers that make bytes of an array: `new Uint8Array([…])`, `Buffer.from([…])`, `Uint8Array.from([…])`. */
const TYPED_ARRAYS = new Set(['Uint8Array', 'Int8Array', 'Uint8ClampedArray']);

export interface ByteKey {
  /** The bytes as hex: what is masked, never shown. */
  hex: string;
  /** The first two bytes and the length, for messages. */
  shown: string;
  bytes: number;
  context: SecretContext;
}

/** The integer bytes of `[21, 133, …]` or `new Array(21, 133, …)`, if that is all it holds. */
function bytesOf(node: TSESTree.ArrayExpression | TSESTree.NewExpression): number[] | undefined {
  if (node.type === 'NewExpression' && (node.callee.type !== 'Identifier' || node.callee.name !== 'Array' || node.arguments.length < 2)) return undefined;
  const elements = node.type === 'ArrayExpression' ? node.elements : node.arguments;
  if (elements.length < MIN_BYTES || elements.length > MAX_BYTES) return undefined;
  const bytes: number[] = [];
  for (const element of elements) {
    if (element?.type !== 'Literal' || typeof element.value !== 'number' || !Number.isInteger(element.value) || element.value < 0 || element.value > 255) return undefined;
    bytes.push(element.value);
  }
  return bytes;
}

/** Every step the same (`[0, 1, 2, …]`, `[255, 250, 245, …]`): a table, not key material. */
function isProgression(bytes: readonly number[]): boolean {
  const step = bytes[1]! - bytes[0]!;
  return bytes.every((byte, index) => index === 0 || byte - bytes[index - 1]! === step);
}

/** `Buffer` of `Buffer.from`, `Uint8Array` of `Uint8Array.from`. */
function fromCallOwner(callee: TSESTree.Node): string | undefined {
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || callee.property.type !== 'Identifier') return undefined;
  return callee.property.name === 'from' ? callee.object.name : undefined;
}

/** The node whose place names the bytes: the typed array or buffer that wraps them, else the array itself. */
function namedNode(node: Node, ancestors: readonly Node[]): { at: Node; above: readonly Node[] } {
  const parent = ancestors[ancestors.length - 1];
  if ((parent?.type === 'NewExpression' || parent?.type === 'CallExpression') && parent.arguments.length === 1 && parent.arguments[0] === node) {
    const callee = parent.callee;
    const name = callee.type === 'Identifier' ? callee.name : fromCallOwner(callee);
    if (name !== undefined && (TYPED_ARRAYS.has(name) || (name === 'Buffer' && parent.type === 'CallExpression'))) return { at: parent, above: ancestors.slice(0, -1) };
  }
  return { at: node, above: ancestors };
}

/**
 * A key written as bytes (`this.rc4_key = [123, 64, 126, …]`, `new Uint8Array([…])`): eight to
 * sixty-four integers from 0 to 255, varied and not a progression, under a name whose last word
 * says it is a key, or passed as a cipher's key. Undefined for anything else.
 */
export function byteArrayKey(
  node: TSESTree.ArrayExpression | TSESTree.NewExpression,
  ancestors: readonly Node[],
  contextOf: (at: Node, above: readonly Node[]) => SecretContext,
): ByteKey | undefined {
  const bytes = bytesOf(node);
  if (!bytes || new Set(bytes).size < MIN_DISTINCT || isProgression(bytes)) return undefined;
  // Worked out only for arrays of bytes: most arrays leave above.
  const { at, above } = namedNode(node, ancestors);
  const context = contextOf(at, above);
  if (!context.cryptoKey) {
    if (context.name === undefined) return undefined;
    const words = nameWords(context.name);
    if (!KEY_WORDS.has(words[words.length - 1] ?? '') || PUBLIC_KEY_NAMES.test(normaliseName(context.name)) || words.some((word) => NOT_A_SECRET_WORDS.has(word))) return undefined;
  }
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  // Shown as its first two bytes, as a string secret shows its first four characters.
  return { hex, shown: `[${bytes[0]}, ${bytes[1]}, …](${bytes.length} bytes)`, bytes: bytes.length, context };
}
