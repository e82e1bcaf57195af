import type { TSESTree } from '@typescript-eslint/types';
import { staticPropertyName } from '../../analyzers/api-calls.js';
import { propertyKeyName } from '../../analyzers/constants.js';
import type { Listeners, Node } from '../../analyzers/traverse.js';
import {
  AUTHORIZATION_NAME,
  AUTHORIZATION_VALUE,
  hasAscendingRun,
  maskSecret,
  NAMED_SECRETS,
  normaliseName,
  NOT_A_KEY_VALUE,
  NOT_A_SECRET_WORDS,
  nameWords,
  PEM_PRIVATE_KEY,
  PLACEHOLDER,
  PUBLIC_KEY_NAMES,
  publicIdentifier,
  SECRET_KINDS,
  shannonEntropy,
  tooUniform,
  URL_APP_SECRET,
  VALUE_SHAPE_PREFIX,
  VALUE_SHAPES,
  WORD_LIKE,
  type SecretKind,
} from '../../catalogs/secrets.js';
import { createRule, type FileReport } from '../rule.js';
import { isNotShipped, serverModuleOf, stringValue } from './support.js';

const MIN_LENGTH = 6;
const MAX_LENGTH = 20_000;
const TYPE_WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TSSatisfiesExpression']);
/** `CryptoJS.enc.Utf8.parse('…')` and friends turn a string into key bytes: the name is the caller's. */
const ENCODERS = new Set(['Utf8', 'Latin1', 'Hex', 'Base64', 'Utf16']);
/** Cipher objects whose `encrypt(data, key)` / `decrypt(data, key)` take the key second. */
const CIPHERS = new Set(['AES', 'DES', 'TripleDES', 'RC4', 'Rabbit', 'RabbitLegacy', 'SM4', 'sm4', 'Blowfish']);
const HMAC = /^Hmac(?:SHA\d*|MD5|RIPEMD160|SM3)$/;
/** Names under which a 32-hex value next to a WeChat AppID is the AppSecret. */
const APPID_NEIGHBOUR_NAMES = new Set(['key', 'appkey', 'secret', 'secretkey', 'wxkey']);
const WECHAT_APPID = /^wx[0-9a-f]{16}$/;
const HEX32 = /^[0-9a-f]{32}$/;

interface Context {
  /** The name as written (`appSecret`), for messages. */
  name?: string;
  /** The object literal the value sits in, for the AppID-neighbour check. */
  object?: TSESTree.ObjectExpression;
  /** The value is the key argument of a cipher or HMAC call. */
  cryptoKey?: boolean;
}

function upFromWrappers(node: Node, ancestors: readonly Node[]): { child: Node; parent: Node | undefined; index: number } {
  let child = node;
  let index = ancestors.length - 1;
  while (index >= 0 && TYPE_WRAPPERS.has(ancestors[index]!.type)) child = ancestors[index--]!;
  return { child, parent: ancestors[index], index };
}

function calleeParts(callee: Node): { method?: string; owner?: string } {
  if (callee.type === 'Identifier') return { method: callee.name };
  if (callee.type !== 'MemberExpression') return {};
  const method = staticPropertyName(callee);
  const owner = callee.object.type === 'Identifier' ? callee.object.name : callee.object.type === 'MemberExpression' ? staticPropertyName(callee.object) : undefined;
  return { ...(method !== undefined ? { method } : {}), ...(owner !== undefined ? { owner } : {}) };
}

/** The text a `+` left operand ends with, when it is a literal (`'…&secret=' + value`). */
function trailingText(node: Node): string | undefined {
  if (node.type === 'BinaryExpression' && node.operator === '+') return trailingText(node.right);
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis[node.quasis.length - 1]?.value.cooked ?? undefined;
  return undefined;
}

/** What the value is bound to: a variable, a property, an assignment target, a query parameter, a key argument. */
function contextOf(node: Node, ancestors: readonly Node[], depth = 0): Context {
  const { child, parent, index } = upFromWrappers(node, ancestors);
  if (!parent) return {};
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === child && parent.id.type === 'Identifier' ? { name: parent.id.name } : {};
    case 'Property': {
      if (parent.value !== child) return {};
      const name = propertyKeyName(parent);
      const object = ancestors[index - 1];
      return { ...(name !== undefined ? { name } : {}), ...(object?.type === 'ObjectExpression' ? { object } : {}) };
    }
    case 'PropertyDefinition': {
      const name = parent.value === child ? propertyKeyName(parent) : undefined;
      return name !== undefined ? { name } : {};
    }
    case 'TSEnumMember':
      return parent.id.type === 'Identifier' ? { name: parent.id.name } : {};
    case 'AssignmentExpression': {
      if (parent.right !== child) return {};
      if (parent.left.type === 'Identifier') return { name: parent.left.name };
      const name = parent.left.type === 'MemberExpression' ? staticPropertyName(parent.left) : undefined;
      return name !== undefined ? { name } : {};
    }
    case 'AssignmentPattern': {
      if (parent.right !== child) return {};
      if (parent.left.type === 'Identifier') return { name: parent.left.name };
      return {};
    }
    case 'BinaryExpression': {
      if (parent.operator !== '+' || parent.right !== child) return {};
      const parameter = /(?:^|[?&])([A-Za-z_][\w-]*)=$/.exec(trailingText(parent.left) ?? '');
      return parameter ? { name: parameter[1]! } : {};
    }
    case 'CallExpression': {
      const argument = parent.arguments.indexOf(child as TSESTree.CallExpressionArgument);
      if (argument < 0) return {};
      const { method, owner } = calleeParts(parent.callee);
      if (depth === 0 && method === 'parse' && owner !== undefined && ENCODERS.has(owner)) {
        // Key bytes: `const key = CryptoJS.enc.Utf8.parse('…')` is a cipher key whatever the variable is called, an `iv` is not.
        const outer = contextOf(parent, ancestors.slice(0, index), depth + 1);
        return outer.name !== undefined && /key$/i.test(outer.name) ? { ...outer, cryptoKey: true } : outer;
      }
      if (argument === 1 && ((method === 'encrypt' || method === 'decrypt') && owner !== undefined && CIPHERS.has(owner))) return { cryptoKey: true };
      if (argument === 1 && method !== undefined && (HMAC.test(method) || method === 'createCipheriv' || method === 'createHmac')) return { cryptoKey: true };
      return {};
    }
    default:
      return {};
  }
}

function hasAppIdNeighbour(object: TSESTree.ObjectExpression | undefined): boolean {
  if (!object) return false;
  return object.properties.some((property) => property.type === 'Property' && property.value.type === 'Literal' && typeof property.value.value === 'string' && WECHAT_APPID.test(property.value.value));
}

function looksRandomEnough(value: string, minEntropy: number, rejectSequences: boolean): boolean {
  if (tooUniform(value)) return false;
  if (rejectSequences && hasAscendingRun(value)) return false;
  return minEntropy <= 0 || shannonEntropy(value) >= minEntropy;
}

interface Detection {
  kind: SecretKind;
  /** The secret itself (what gets masked), and where it starts inside the string, if not at 0. */
  secret: string;
  offset?: number;
  /** Shown instead of the masked value (a PEM header says what it is without saying the key). */
  shown?: string;
  /** Where it sits, when not simply under its name. */
  where?: string;
}

/** Decides whether a string is a secret. Cheap tests first: most strings leave at the first line. */
export function detectSecret(value: string, context: Context): Detection | undefined {
  if (value.length < MIN_LENGTH || value.length > MAX_LENGTH) return undefined;
  if (value.includes('PRIVATE KEY-----')) {
    const header = PEM_PRIVATE_KEY.exec(value);
    if (header) return { kind: 'private-key', secret: value, shown: `${header[0]} …(${value.length} chars)` };
  }
  if (value.includes('ecret=')) {
    const match = URL_APP_SECRET.exec(value);
    if (match && looksRandomEnough(match[1]!, 3.0, true)) return { kind: 'wechat-app-secret', secret: match[1]!, offset: match.index + match[0].length - match[1]!.length, where: 'as the secret= parameter of a URL' };
  }
  if (VALUE_SHAPE_PREFIX.test(value)) {
    for (const shape of VALUE_SHAPES) {
      if (shape.pattern.test(value) && !PLACEHOLDER.test(value) && looksRandomEnough(value, shape.minEntropy, true)) return { kind: shape.kind, secret: value };
    }
  }
  if (context.name === undefined && !context.cryptoKey) return undefined;
  if (publicIdentifier(value)) return undefined;
  const name = context.cryptoKey ? 'cryptokey' : normaliseName(context.name!);
  if (AUTHORIZATION_NAME.test(name)) {
    const credential = AUTHORIZATION_VALUE.exec(value);
    if (credential && !PLACEHOLDER.test(credential[1]!) && looksRandomEnough(credential[1]!, 3.0, true)) {
      return { kind: 'authorization-header', secret: credential[1]!, offset: value.length - credential[1]!.length };
    }
    return undefined;
  }
  if (NOT_A_KEY_VALUE.test(value) || PLACEHOLDER.test(value) || WORD_LIKE.test(value)) return undefined;
  if (!context.cryptoKey && nameWords(context.name!).some((word) => NOT_A_SECRET_WORDS.has(word))) return undefined;
  if (PUBLIC_KEY_NAMES.test(name)) {
    if (APPID_NEIGHBOUR_NAMES.has(name) && HEX32.test(value) && hasAppIdNeighbour(context.object) && looksRandomEnough(value, 3.0, true)) {
      return { kind: 'wechat-app-secret', secret: value };
    }
    return undefined;
  }
  for (const candidate of NAMED_SECRETS) {
    if (!candidate.name.test(name) || !candidate.value.test(value)) continue;
    if (!looksRandomEnough(value, candidate.minEntropy, candidate.rejectSequences)) return undefined;
    return { kind: candidate.kind, secret: value };
  }
  return undefined;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export default createRule({
  meta: {
    id: 'hardcoded-secret',
    description: 'A credential (AppSecret, merchant key, cloud access key, private key, password) is hard-coded in the bundle.',
    rationale:
      'A mini-app package is public the moment it is released: anyone can download and unpack it and read every string in it. ' +
      'An AppSecret lets an attacker call the platform server APIs as the developer (session keys, user data, messages); cloud ' +
      'keys open the storage and services they guard; a merchant key signs payments. Published studies found secrets like ' +
      'these in about a third of WeChat mini-apps.',
    severity: 'error',
    tags: ['security'],
    cwe: [798, 321, 259],
    precision: 'high',
    securitySeverity: 8.6,
  },
  createScriptListeners(context): Listeners {
    const { file } = context;
    if (isNotShipped(file.path)) return {};
    const pending: FileReport[] = [];
    let serverCode = false;

    const check = (node: TSESTree.Literal | TSESTree.TemplateLiteral, ancestors: readonly Node[]): void => {
      const value = stringValue(node);
      if (value === undefined || value.length < MIN_LENGTH) return;
      const where = contextOf(node, ancestors);
      const detection = detectSecret(value, where);
      if (!detection) return;
      const info = SECRET_KINDS[detection.kind];
      const name = where.name;
      let range: [number, number] = [node.range[0], node.range[1]];
      if (detection.offset !== undefined) {
        // Narrow to the secret when it appears verbatim in the source (no escapes in between).
        const at = context.text.slice(node.range[0], node.range[1]).indexOf(detection.secret);
        if (at >= 0) range = [node.range[0] + at, node.range[0] + at + detection.secret.length];
      }
      const shown = detection.shown ?? maskSecret(detection.secret);
      pending.push({
        range,
        message:
          `${capitalise(info.label)} ${shown} is hard-coded${detection.where ? ` ${detection.where}` : name !== undefined ? ` in "${name}"` : ''}: anyone who downloads the ` +
          `mini-app can read it from the package. ${capitalise(info.remedy)}.`,
        // `redact`: the region is the secret; reporters that print source excerpts must mask it.
        properties: { kind: detection.kind, masked: shown, length: detection.secret.length, redact: true },
      });
    };

    return {
      Literal(node, ancestors) {
        if (typeof (node as TSESTree.Literal).value === 'string') check(node as TSESTree.Literal, ancestors);
      },
      TemplateLiteral(node, ancestors) {
        if ((node as TSESTree.TemplateLiteral).expressions.length === 0) check(node as TSESTree.TemplateLiteral, ancestors);
      },
      'ImportDeclaration, CallExpression[callee.name="require"]'(node) {
        if (serverModuleOf(node)) serverCode = true;
      },
      'Program:exit'() {
        // Cloud functions (`require('wx-server-sdk')`) run on the server: their secrets are not in the package.
        if (!serverCode) for (const report of pending) context.report(report);
      },
    };
  },
});
