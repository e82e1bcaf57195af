import type { TSESTree } from '@typescript-eslint/types';
import { normaliseName, NOT_A_SECRET_WORDS, nameWords, PUBLIC_KEY_NAMES } from '../../catalogs/secrets.js';
import type { SecretContext } from './secret-context.js';

/** Key bytes: from a 64-bit block cipher key to a 512-bit one. */
const MIN_BYTES = 8;
const MAX_BYTES = 64;
/** Fewer distinct bytes than this is a pattern (padding, a test vector of zeros), not key material. */
const MIN_DISTINCT = 6;
/** The last word of a name that says the bytes are a key: `rc4_key`, `aesKey`, `ble_data_key`, `encryptSecret`, `iv`, `salt`. */
const KEY_WORDS = new Set(['key', 'secret', 'salt', 'iv']);

/** The integer bytes of `[21, 133, …]` or `new Array(21, 133, …)`, if that is all it holds. */
function bytesOf(node: TSESTree.ArrayExpression | TSESTree.NewExpression): number[] | undefined {
  const elements = node.type === 'ArrayExpression' ? node.elements : node.arguments;
  if (elements.length < MIN_BYTES || elements.length > MAX_BYTES) return undefined;
  const bytes: number[] = [];
  for (const element of elements) {
    if (element?.type !== 'Literal' || typeof element.value !== 'number' || !Number.isInteger(element.value) || element.value < 0 || element.value > 255) return undefined;
    bytes.push(element.value);
  }
  return bytes;
}

/**
 * A key written as bytes (`this.rc4_key = [123, 64, 126, …]`): eight to sixty-four integers from 0 to
 * 255, varied enough to be key material, under a name that says it is a key, or passed as a cipher's
 * key. The hex of the bytes is the secret, for masking; undefined for anything else.
 */
export function byteArrayKey(node: TSESTree.ArrayExpression | TSESTree.NewExpression, contextOf: () => SecretContext): string | undefined {
  if (node.type === 'NewExpression' && (node.callee.type !== 'Identifier' || node.callee.name !== 'Array' || node.arguments.length < 2)) return undefined;
  const bytes = bytesOf(node);
  if (!bytes || new Set(bytes).size < MIN_DISTINCT) return undefined;
  // Worked out only for arrays of bytes: most arrays leave above.
  const context = contextOf();
  if (!context.cryptoKey) {
    if (context.name === undefined) return undefined;
    const words = nameWords(context.name);
    if (!KEY_WORDS.has(words[words.length - 1] ?? '') || PUBLIC_KEY_NAMES.test(normaliseName(context.name)) || words.some((word) => NOT_A_SECRET_WORDS.has(word))) return undefined;
  }
  return bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
