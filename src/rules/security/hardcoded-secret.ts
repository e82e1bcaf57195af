import type { TSESTree } from '@typescript-eslint/types';
import type { Listeners, Node } from '../../analyzers/traverse.js';
import { type ClientKeyService, CLIENT_KEY_SERVICES, CLIENT_KEY_VALUE, clientKeyInUrl, clientKeyServiceOfName, clientKeyServiceOfUrl, keyInQuery, TENCENT_LBS_KEY } from '../../catalogs/client-keys.js';
import {
  AUTHORIZATION_NAME,
  AUTHORIZATION_VALUE,
  BASIC_CREDENTIAL,
  USER_AND_PASSWORD,
  CLIENT_KEY_SEVERITY,
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
  isTestPath,
  tooUniform,
  URL_APP_SECRET,
  URL_CLIENT_SECRET,
  VALUE_SHAPE_PREFIX,
  VALUE_SHAPES,
  WORD_LIKE,
  type SecretKind,
} from '../../catalogs/secrets.js';
import { lowerBound } from '../../util/lower-bound.js';
import { createRule, type FileReport } from '../rule.js';
import { secretContext, type SecretContext } from './secret-context.js';
import { signingKeyUses, type SigningKey } from './signing-key-uses.js';
import { clientKeyUses, type ClientKeyUse } from './client-key-uses.js';
import { byteArrayKey } from './byte-array-keys.js';
import type { FileLiteral } from './file-literals.js';
import { isNotShipped, mergeListeners, serverModuleOf, stringValue } from './support.js';

const MIN_LENGTH = 6;
const MAX_LENGTH = 20_000;
/** Names under which a 32-hex value next to a WeChat AppID is the AppSecret. */
const APPID_NEIGHBOUR_NAMES = new Set(['key', 'appkey', 'secret', 'secretkey', 'wxkey']);
const WECHAT_APPID = /^wx[0-9a-f]{16}$/;
const HEX32 = /^[0-9a-f]{32}$/;
/** Names of the query parameters in a signed string whose value is the signing key (`…&key=<merchant key>`). */
const SALT_PARAMETERS = /^(?:key|salt|secret|signkey|appsecret|app_secret)$/i;
/** Names under which a key sent with a request, or bound to nothing more telling, is a web service's client key. */
const SENT_KEY_NAMES = new Set(['key', 'apikey', 'appkey', 'ak']);

/**
 * `{ key: '5b69…', requestUrl: { weather: 'https://free-api.heweather.com/s6/weather' } }`: a `key`
 * kept beside a service's request URLs (one level down too) is that service's key.
 */
function serviceOfNeighbours(object: TSESTree.ObjectExpression | undefined, depth = 0): ClientKeyService | undefined {
  for (const property of object?.properties ?? []) {
    if (property.type !== 'Property') continue;
    const value = property.value;
    if (value.type === 'Literal' && typeof value.value === 'string') {
      const service = clientKeyServiceOfUrl(value.value);
      if (service) return service;
    } else if (value.type === 'ObjectExpression' && depth === 0) {
      const service = serviceOfNeighbours(value, depth + 1);
      if (service) return service;
    }
  }
  return undefined;
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
  /** For a client key: the service it is for (`AMap (Gaode) web-service key`). */
  service?: string;
  /** Its length when not that of `secret` (a key written as bytes is masked as hex). */
  length?: number;
}

/** A fixed salt or signing key inside a string a hash digests: a segment of a query string, or the string itself. */
function saltIn(value: string): { text: string; offset: number } | undefined {
  let offset = 0;
  for (const segment of value.split('&')) {
    const equals = segment.indexOf('=');
    const candidate = equals < 0 ? segment : SALT_PARAMETERS.test(segment.slice(0, equals)) ? segment.slice(equals + 1) : '';
    const start = offset + (equals < 0 ? 0 : equals + 1);
    offset += segment.length + 1;
    if (looksLikeSalt(candidate)) return { text: candidate, offset: start };
  }
  return undefined;
}

function looksLikeSalt(candidate: string): boolean {
  if (candidate.length < 8 || candidate.length > 64 || !/^[\x21-\x7e]+$/.test(candidate)) return false;
  if (WORD_LIKE.test(candidate) || NOT_A_KEY_VALUE.test(candidate) || PLACEHOLDER.test(candidate) || /^[\d.:-]+$/.test(candidate)) return false;
  // Letters and digits both: `timestamp`, `1700000000` and `application/json` are not keys.
  if (!/[A-Za-z]/.test(candidate) || !/\d/.test(candidate)) return false;
  return !tooUniform(candidate) && !hasAscendingRun(candidate, 12) && shannonEntropy(candidate) >= 3.0;
}

/** A web service's key by its shape (24–40 letters and digits, or a Tencent LBS key; a UUID too where the name says it is a key), not a placeholder. */
function looksLikeClientKey(value: string, uuid = false): boolean {
  return (CLIENT_KEY_VALUE.test(value) || (uuid && UUID.test(value))) && !PLACEHOLDER.test(value) && looksRandomEnough(value, 3.0, true);
}

/** Objects of HTTP headers, by the name they are bound to (`header: {…}`, `const headers = {…}`). */
const HEADER_OBJECTS = /^(?:request|http|default|common)?headers?$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An API key sent as a request header (`'X-Api-Key': '…'`, `'Trackingmore-Api-Key': '<uuid>'`): the
 * service's key, as in a request's data. Services that issue UUIDs as keys are common, so a UUID
 * counts here, where the header's name says what it is.
 */
function headerApiKey(value: string, context: SecretContext): Detection | undefined {
  if (context.name === undefined || !HEADER_OBJECTS.test(context.owner ?? '')) return undefined;
  const name = normaliseName(context.name);
  if (!SENT_KEY_NAMES.has(name) && !name.endsWith('apikey')) return undefined;
  if (!looksLikeClientKey(value, true)) return undefined;
  return { kind: 'client-key', secret: value, service: 'web-service key', where: `in the "${context.name}" request header` };
}

/** A web service's client key: by the SDK it is handed to, its shape, or the service its name (or its object's name) points to. */
function detectClientKey(value: string, context: SecretContext): Detection | undefined {
  if (!looksLikeClientKey(value)) return undefined;
  const name = context.name === undefined ? '' : normaliseName(context.name);
  if (context.clientKeyOf && context.name === undefined) return { kind: 'client-key', secret: value, service: context.clientKeyOf.label, where: 'as an argument of its SDK initializer' };
  if (context.clientKeyOf && context.clientKeyOf.keyNames.includes(name)) return { kind: 'client-key', secret: value, service: context.clientKeyOf.label, where: `in the "${context.name}" option of ${context.clientKeyOf.constructors[0]}` };
  if (TENCENT_LBS_KEY.test(value)) return { kind: 'client-key', secret: value, service: CLIENT_KEY_SERVICES[0]!.label };
  if (name === '') return undefined;
  const service =
    clientKeyServiceOfName(normaliseName(`${context.owner ?? ''}${context.name}`)) ??
    (SENT_KEY_NAMES.has(name) ? serviceOfNeighbours(context.object) : undefined) ??
    (name === 'ak' || (context.requestData && SENT_KEY_NAMES.has(name)) ? 'generic' : undefined);
  if (!service) return undefined;
  return { kind: 'client-key', secret: value, service: service === 'generic' ? 'web-service key' : service.label };
}

/**
 * `Basic aW90OmlvdA==` whose Base64 is a user and a password (`iot:iot`): fixed credentials, whatever
 * their length; null for a placeholder's (`user:your_password`); undefined when it decodes to no pair.
 */
function basicCredential(value: string): Detection | null | undefined {
  const encoded = BASIC_CREDENTIAL.exec(value)?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('latin1');
  if (!USER_AND_PASSWORD.test(decoded)) return undefined;
  if (PLACEHOLDER.test(decoded)) return null;
  return { kind: 'authorization-header', secret: encoded, offset: value.length - encoded.length, where: 'as HTTP Basic credentials (Base64 of a user and a password)' };
}

/** Base64 characters a PEM body holds at least (the shortest real keys hold hundreds). */
const MIN_KEY_MATERIAL = 64;

function hasKeyMaterial(afterHeader: string): boolean {
  const end = afterHeader.indexOf('-----END');
  const body = end === -1 ? afterHeader : afterHeader.slice(0, end);
  let count = 0;
  for (let index = 0; index < body.length && count < MIN_KEY_MATERIAL; index++) if (/[A-Za-z0-9+/]/.test(body[index]!)) count++;
  return count >= MIN_KEY_MATERIAL;
}

/** Literals of a `+` chain or an array looked at for the lines of a PEM key. */
const MAX_KEY_LINES = 200;

/**
 * A PEM header with the key's lines written as literals of their own (`'-----BEGIN …-----\n' +
 * 'MIIE…\n' + …`, `['-----BEGIN …-----', 'MIIE…', …].join('\n')`): the header with those lines.
 * A computed part (`+ wrap(b64)`) adds nothing, so a library that writes the header around a key it
 * worked out still holds no key.
 */
function withKeyLines(node: Node, value: string, ancestors: readonly Node[]): string {
  let top = ancestors.length - 1;
  const parent = ancestors[top];
  if (parent?.type === 'ArrayExpression') return [value, ...literalTexts(parent.elements, node)].join('\n');
  while (top >= 0 && ancestors.length - top <= MAX_KEY_LINES && ancestors[top]!.type === 'BinaryExpression' && (ancestors[top] as TSESTree.BinaryExpression).operator === '+') top--;
  const chain = ancestors[top + 1];
  if (chain?.type !== 'BinaryExpression') return value;
  return [value, ...literalTexts(leavesOf(chain), node)].join('');
}

/** The operands of a `+` chain, left to right, without recursion (a chain may be thousands deep). */
function leavesOf(chain: Node): Node[] {
  const leaves: Node[] = [];
  const stack: Node[] = [chain];
  while (stack.length > 0 && leaves.length <= 2 * MAX_KEY_LINES) {
    const next = stack.pop()!;
    if (next.type === 'BinaryExpression' && next.operator === '+') stack.push(next.right as Node, next.left as Node);
    else leaves.push(next);
  }
  return leaves;
}

/** The string literals among `nodes` after `from`, in order. */
function literalTexts(nodes: readonly (Node | null)[], from: Node): string[] {
  const start = nodes.indexOf(from);
  return nodes.slice(start + 1, start + 1 + MAX_KEY_LINES).flatMap((node) => (node?.type === 'Literal' && typeof node.value === 'string' ? [node.value] : []));
}

/** Decides whether a string is a secret. Cheap tests first: most strings leave at the first line. */
export function detectSecret(value: string, context: SecretContext): Detection | undefined {
  if (value.length < MIN_LENGTH || value.length > MAX_LENGTH) return undefined;
  if (value.includes('PRIVATE KEY-----')) {
    const header = PEM_PRIVATE_KEY.exec(value);
    // The key itself after the header: a library that writes the header around a key it computed (`'-----BEGIN …-----\n' + wrap(b64)`) holds none.
    if (header && hasKeyMaterial(value.slice(header.index + header[0].length))) return { kind: 'private-key', secret: value, shown: `${header[0]} …(${value.length} chars)` };
  }
  if (value.includes('ecret=')) {
    const match = URL_APP_SECRET.exec(value);
    if (match && looksRandomEnough(match[1]!, 3.0, true)) return { kind: 'wechat-app-secret', secret: match[1]!, offset: match.index + match[0].length - match[1]!.length, where: 'as the secret= parameter of a URL' };
  }
  if (value.includes('client_secret=')) {
    const match = URL_CLIENT_SECRET.exec(value);
    if (match && looksRandomEnough(match[1]!, 3.3, true)) return { kind: 'api-secret', secret: match[1]!, offset: match.index + match[0].length - match[1]!.length, where: 'as the client_secret= parameter of a URL' };
  }
  if (value.includes('//')) {
    const inUrl = clientKeyInUrl(value);
    if (inUrl && looksRandomEnough(inUrl.key, 3.0, true)) return { kind: 'client-key', secret: inUrl.key, offset: inUrl.offset, service: inUrl.service.label, where: 'inside a service URL' };
  }
  if (value.includes('=')) {
    const inQuery = keyInQuery(value);
    if (inQuery && !PLACEHOLDER.test(inQuery.key) && looksRandomEnough(inQuery.key, 3.0, true)) return { kind: 'client-key', secret: inQuery.key, offset: inQuery.offset, service: 'web-service key', where: 'as the key parameter of a request URL' };
  }
  if (VALUE_SHAPE_PREFIX.test(value)) {
    for (const shape of VALUE_SHAPES) {
      if (shape.pattern.test(value) && !PLACEHOLDER.test(value) && looksRandomEnough(value, shape.minEntropy, true)) return { kind: shape.kind, secret: value };
    }
  }
  if (context.hashInput) {
    const salt = saltIn(value);
    if (salt) return { kind: 'crypto-key', secret: salt.text, ...(salt.offset > 0 && { offset: salt.offset }), where: 'in a string a hash or signing function digests (a fixed salt or signing key)' };
  }
  const clientKey = headerApiKey(value, context) ?? detectClientKey(value, context);
  if (clientKey) return clientKey;
  if (context.name === undefined && !context.cryptoKey) return undefined;
  if (publicIdentifier(value)) return undefined;
  const name = context.cryptoKey ? 'cryptokey' : normaliseName(context.name!);
  if (AUTHORIZATION_NAME.test(name)) {
    const basic = basicCredential(value);
    if (basic !== undefined) return basic ?? undefined;
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

/** Whether a literal at [start, end) is already reported: literals do not overlap, so only the last pending range to start before its end can. */
function reportedAlready(starts: readonly [number, number][], start: number, end: number): boolean {
  const after = lowerBound(starts, (range) => range[0] < end);
  return after > 0 && starts[after - 1]![1] > start;
}

/**
 * Adds the constants the file uses as keys (signs with, sends after `Bearer `, hands a web service),
 * each literal once, unless it is reported already; `detectionOf` says what a key is, or rejects it.
 */
function addUsedKeys<K extends FileLiteral>(pending: [Detection, SecretContext, [number, number]][], keys: readonly K[], text: string, detectionOf: (key: K) => Detection | undefined): void {
  const starts = pending.map(([, , range]) => range).sort((a, b) => a[0] - b[0]);
  const seen = new Set<number>();
  for (const key of keys) {
    if (seen.has(key.start) || reportedAlready(starts, key.start, key.end)) continue;
    const detection = detectionOf(key);
    if (!detection) continue;
    seen.add(key.start);
    // Narrowed to the key's own text where the literal holds it verbatim (no escapes in between).
    const at = text.slice(key.start, key.end).indexOf(key.text);
    pending.push([detection, {}, at >= 0 ? [key.start + at, key.start + at + key.text.length] : [key.start, key.end]]);
  }
}

/** A constant the file signs with (`'&key=' + merchantKey`, hashed) or sends after `Bearer `. */
function signingKeyDetection(key: SigningKey): Detection | undefined {
  if (!looksLikeSalt(key.text) || (key.bearer && spellsWords(key.text))) return undefined;
  return key.bearer
    ? { kind: 'authorization-header', secret: key.text, where: 'and sent after Bearer in an Authorization header' }
    : { kind: 'crypto-key', secret: key.text, where: 'as the key= parameter of a string the file hashes to sign it' };
}

/** A constant the file hands a web service as its key through a variable. */
function clientKeyDetection(key: ClientKeyUse): Detection | undefined {
  return looksLikeClientKey(key.text) ? { kind: 'client-key', secret: key.text, service: key.service.label, where: `, and the file ${key.where}` } : undefined;
}

/** Two or more parts that are words (`doubao-seed-1-6-thinking`): a model or product name, not a key (a UUID's parts mix digits in). */
function spellsWords(value: string): boolean {
  return value.split(/[-_.:]/).filter((part) => /^[A-Za-z]{4,}$/.test(part)).length >= 2;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The finding for a detected secret; the message shows the masked form only. `server` names the
 * server code it is in (a cloud function, a file requiring `wx-server-sdk`): not downloadable with
 * the package, but in every copy of the repository and the function's code, and changed only by a
 * redeploy, so a warning with the function's environment as the remedy.
 */
function secretReport(detection: Detection, where: SecretContext, range: [number, number], server: string | undefined): FileReport {
  const info = SECRET_KINDS[detection.kind];
  const shown = detection.shown ?? maskSecret(detection.secret);
  const place = detection.where ? ` ${detection.where}` : where.name !== undefined ? ` in "${where.name}"` : '';
  const clientKey = detection.kind === 'client-key';
  const message =
    server !== undefined
      ? `${capitalise(info.label)} ${shown} is hard-coded in ${server}: it is not in the package users download, but it is in every copy of the code and changes only with a redeploy. Keep it in the function's environment variables (or a secrets store) and read it from process.env.`
      : clientKey
        ? `${capitalise(detection.service ?? info.label)} ${shown} is hard-coded${place}: it is meant for clients, but anyone who unpacks the mini-app can call the service with it and spend its quota. ${capitalise(info.remedy)}.`
        : `${capitalise(info.label)} ${shown} is hard-coded${place}: anyone who downloads the mini-app can read it from the package. ${capitalise(info.remedy)}.`;
  const severity = server !== undefined ? 'warning' : clientKey ? CLIENT_KEY_SEVERITY : undefined;
  return {
    range,
    message,
    ...(severity && { severity }),
    // `redact`: the region is the secret; reporters that print source excerpts must mask it.
    properties: {
      kind: detection.kind,
      masked: shown,
      length: detection.length ?? detection.secret.length,
      redact: true,
      ...(detection.service && { service: detection.service }),
      ...(server !== undefined && { serverCode: true }),
    },
  };
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
    if (isTestPath(file.path)) return {};
    // Reported at the end, once it is known whether the file is server code (a `require` may come after a secret).
    const pending: [Detection, SecretContext, [number, number]][] = [];
    // Cloud functions (and other server code kept beside the mini-app) are not in the package users download.
    let serverCode = file.cloudFunction !== undefined || isNotShipped(file.path);

    const check = (node: TSESTree.Literal | TSESTree.TemplateLiteral | TSESTree.TemplateElement, value: string | undefined, ancestors: readonly Node[], known?: SecretContext): void => {
      // Most strings are short: the context is worked out only for the rest.
      if (value === undefined || value.length < MIN_LENGTH) return;
      const where = known ?? secretContext(node, ancestors, 0, context.text);
      const detection = detectSecret(value.includes('PRIVATE KEY-----') ? withKeyLines(node, value, ancestors) : value, where);
      if (!detection) return;
      let range: [number, number] = [node.range[0], node.range[1]];
      if (detection.offset !== undefined || node.type === 'TemplateElement') {
        // Narrow to the secret when it appears verbatim in the source (no escapes in between).
        const at = context.text.slice(node.range[0], node.range[1]).indexOf(detection.secret);
        if (at >= 0) range = [node.range[0] + at, node.range[0] + at + detection.secret.length];
      }
      pending.push([detection, where, range]);
    };

    const checkBytes = (node: TSESTree.ArrayExpression | TSESTree.NewExpression, ancestors: readonly Node[]): void => {
      const key = byteArrayKey(node, ancestors, (at, above) => secretContext(at, above, 0, context.text));
      if (key) pending.push([{ kind: 'crypto-key', secret: key.hex, shown: key.shown, length: key.bytes }, key.context, [node.range[0], node.range[1]]]);
    };

    const signing = signingKeyUses(context);
    const clientKeys = clientKeyUses(context);
    return mergeListeners(signing.listeners, clientKeys.listeners, {
      Literal(node, ancestors) {
        if (typeof (node as TSESTree.Literal).value === 'string') check(node as TSESTree.Literal, stringValue(node), ancestors);
      },
      TemplateLiteral(node, ancestors) {
        if ((node as TSESTree.TemplateLiteral).expressions.length === 0) check(node as TSESTree.TemplateLiteral, stringValue(node), ancestors);
      },
      TemplateElement(node, ancestors) {
        // A part of a template with substitutions matters only inside what a hash digests (`md5(\`…&t=${t}&<salt>\`)`),
        // or as a key parameter of a request path or a known service's URL (`\`/v3/place/around?key=<key>&location=${at}\``).
        const template = ancestors[ancestors.length - 1];
        if (template?.type !== 'TemplateLiteral' || template.expressions.length === 0) return;
        const value = (node as TSESTree.TemplateElement).value.cooked ?? undefined;
        if (value === undefined || value.length < MIN_LENGTH) return;
        const where = secretContext(node, ancestors, 0, context.text);
        if (where.hashInput || keyInQuery(value) || (value.includes('//') && clientKeyInUrl(value))) check(node as TSESTree.TemplateElement, value, ancestors, where);
      },
      // Two plain listeners, not one combined selector: a combined one costs a copy of the ancestors at each node.
      ArrayExpression(node, ancestors) {
        checkBytes(node as TSESTree.ArrayExpression, ancestors);
      },
      NewExpression(node, ancestors) {
        checkBytes(node as TSESTree.NewExpression, ancestors);
      },
      'ImportDeclaration, CallExpression[callee.name="require"]'(node) {
        if (serverModuleOf(node)) serverCode = true;
      },
      'Program:exit'() {
        addUsedKeys(pending, signing.keys(), context.text, signingKeyDetection);
        addUsedKeys(pending, clientKeys.keys(), context.text, clientKeyDetection);
        const server = !serverCode ? undefined : file.cloudFunction === undefined ? 'server code' : `cloud function "${file.cloudFunction.name}"`;
        for (const [detection, where, range] of pending) context.report(secretReport(detection, where, range, server));
      },
    });
  },
});
