/**
 * What minivet treats as a secret in a mini-app bundle, and what it treats as a public identifier.
 *
 * A bundle is public the moment it is released: anyone can download and unpack it. Studies found a
 * third of WeChat mini-apps shipping developer secrets (arXiv 2307.09317: 32.8% of 110,993) and
 * 84,491 leaks across 413,775 mini-apps on six platforms (KeyMagnet, NDSS 2025).
 *
 * Detection combines three signals, because no one of them is precise alone:
 * - the value's shape (a Tencent Cloud SecretId starts with `AKID`, a PEM private key has its header);
 * - the name the value is bound to (`appSecret`, `mch_key`, `SDKSecretKey`, `password`), normalised
 *   to lower case without separators;
 * - randomness (Shannon entropy, bits per character), checked only on candidates that passed the
 *   first two, so the cost stays off the common path.
 * Public identifiers (AppIDs, analytics app keys) are recognised first and never reported; client
 * keys of map, location and weather services (catalogs/client-keys.ts) are reported a level lower.
 */

export type SecretKind =
  | 'wechat-app-secret'
  | 'payment-merchant-key'
  | 'tencent-cloud-secret-id'
  | 'tencent-cloud-secret-key'
  | 'alibaba-cloud-access-key-id'
  | 'alibaba-cloud-access-key-secret'
  | 'aws-access-key-id'
  | 'aws-secret-access-key'
  | 'rtc-sdk-secret-key'
  | 'ai-api-key'
  | 'private-key'
  | 'crypto-key'
  | 'authorization-header'
  | 'password'
  | 'api-secret'
  | 'client-key';

export interface SecretKindInfo {
  /** Human label used in messages. */
  label: string;
  /** What to do about a leak, one clause. */
  remedy: string;
}

export const SECRET_KINDS: Readonly<Record<SecretKind, SecretKindInfo>> = {
  'wechat-app-secret': {
    label: 'WeChat AppSecret',
    remedy: 'reset it in the mini-program admin console (Development > Development settings) and keep it on your server',
  },
  'payment-merchant-key': {
    label: 'payment merchant key',
    remedy: 'reset the API key in the merchant platform and sign payments on your server',
  },
  'tencent-cloud-secret-id': {
    label: 'Tencent Cloud SecretId',
    remedy: 'disable the key pair in the Tencent Cloud CAM console and issue temporary credentials (STS) from your server',
  },
  'tencent-cloud-secret-key': {
    label: 'cloud SecretKey',
    remedy: 'disable the key pair in the cloud console and issue temporary credentials (STS) from your server',
  },
  'alibaba-cloud-access-key-id': {
    label: 'Alibaba Cloud AccessKey ID',
    remedy: 'disable the AccessKey in the RAM console and issue STS tokens from your server',
  },
  'alibaba-cloud-access-key-secret': {
    label: 'Alibaba Cloud AccessKey secret',
    remedy: 'disable the AccessKey in the RAM console and issue STS tokens from your server',
  },
  'aws-access-key-id': {
    label: 'AWS access key ID',
    remedy: 'deactivate the key in IAM and hand out temporary credentials from your server',
  },
  'aws-secret-access-key': {
    label: 'AWS secret access key',
    remedy: 'deactivate the key in IAM and hand out temporary credentials from your server',
  },
  'rtc-sdk-secret-key': {
    label: 'TRTC/IM SDKSecretKey',
    remedy: 'reset the key in the console and compute UserSig on your server',
  },
  'ai-api-key': {
    label: 'AI service API key',
    remedy: 'revoke the key and call the service through your server',
  },
  'private-key': {
    label: 'private key',
    remedy: 'replace the key pair and keep the private key on your server',
  },
  'crypto-key': {
    label: 'encryption or signing key',
    remedy: 'treat it as known to everyone: sign or decrypt on the server, or derive keys per session',
  },
  'authorization-header': {
    label: 'fixed Authorization credential',
    remedy: 'revoke it and issue per-user tokens from your server',
  },
  password: {
    label: 'password',
    remedy: 'change it and stop shipping credentials in the client',
  },
  'api-secret': {
    label: 'secret key or token',
    remedy: 'revoke it in the service that issued it and keep it on your server',
  },
  'client-key': {
    label: 'web-service client key',
    remedy: 'restrict the key in the service console (referrer, app or signature checks) and watch its quota, or call the service from your server',
  },
};

/** Kinds meant for clients: reported, at a lower severity than secrets (../shared/eval-policy.md). */
export const CLIENT_KEY_SEVERITY = 'warning';

/**
 * Functions that digest their input into a hash or a request signature (`md5`, `hex_md5`,
 * `CryptoJS.SHA256`, `create_sign`): a fixed string in what they digest is a salt or signing key.
 */
/** `…&key=` ending the text before a value: the parameter a signed string carries its signing key in (WeChat Pay v2 appends it last). */
export const SIGNING_KEY_PARAMETER = /(?:^|[?&])(?:key|salt|secret|signkey|sign_key|appsecret|app_secret)=$/i;

export const HASHING_CALLEE = /^(?:hex_?|b64_?|str_?)?(?:md5|sha(?:1|224|256|384|512)?|sm3)(?:_?hex)?$|^(?:create|make|get|gen|generate|calc|build)_?sign(?:ature)?$/i;

/** `client_secret=…` inside a URL (Baidu AI Cloud, OAuth token endpoints): a secret meant for servers. */
export const URL_CLIENT_SECRET = /[?&]client_secret=([0-9A-Za-z]{16,64})(?![0-9A-Za-z])/;

/** A value whose shape alone identifies a credential (the name it is bound to does not matter). */
export interface ValueShape {
  kind: SecretKind;
  pattern: RegExp;
  /** Minimum Shannon entropy (bits per character) of the value, to skip `AKIAXXXXXXXXXXXXXXXX`-style placeholders. */
  minEntropy: number;
}

export const VALUE_SHAPES: readonly ValueShape[] = [
  { kind: 'tencent-cloud-secret-id', pattern: /^AKID[0-9A-Za-z]{32}$/, minEntropy: 3.5 },
  { kind: 'alibaba-cloud-access-key-id', pattern: /^LTAI[0-9A-Za-z]{12,20}$/, minEntropy: 3.0 },
  { kind: 'aws-access-key-id', pattern: /^(?:AKIA|ASIA)[0-9A-Z]{16}$/, minEntropy: 3.0 },
  { kind: 'ai-api-key', pattern: /^sk-(?:proj-|ant-(?:api\d\d-)?)?[A-Za-z0-9_-]{32,200}$/, minEntropy: 4.0 },
];

/** Quick test before the shapes: only strings starting like this can match {@link VALUE_SHAPES}. */
export const VALUE_SHAPE_PREFIX = /^(?:AKID|LTAI|AKIA|ASIA|sk-)/;

/** A PEM private key, whatever its algorithm (public keys and certificates are not secrets). */
export const PEM_PRIVATE_KEY = /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/;

/** `secret=<32 hex>` or `appsecret=…` inside a URL or query string: a WeChat AppSecret on its way to code2Session. */
export const URL_APP_SECRET = /(?:^|[?&#\s"'])(?:app_?)?secret=([0-9a-fA-F]{32})(?![0-9a-zA-Z])/;

/** A value bound to a name: which names and which values make it a secret of a kind. */
export interface NamedSecret {
  kind: SecretKind;
  /** Tested on the normalised name: lower case, separators (`_`, `-`, `.`, `$`, spaces) removed. */
  name: RegExp;
  value: RegExp;
  /** Minimum Shannon entropy, bits per character; 0 for keys that are secrets however guessable. */
  minEntropy: number;
  /** Also skip values with long ascending runs (`abcdef`, `123456`): dummy data rather than keys. */
  rejectSequences: boolean;
}

/**
 * First match wins, so the specific kinds come before the generic ones. Names are normalised:
 * `APP_SECRET`, `appSecret` and `app-secret` all read `appsecret`.
 */
export const NAMED_SECRETS: readonly NamedSecret[] = [
  // TRTC / IM (Tencent RTC, Chat): UserSig generated in the client from SDKSecretKey (64 hex).
  { kind: 'rtc-sdk-secret-key', name: /secret|sdkkey/, value: /^[0-9a-f]{64}$/i, minEntropy: 3.0, rejectSequences: true },
  { kind: 'alibaba-cloud-access-key-secret', name: /accesskeysecret|aksecret|accesssecret/, value: /^[0-9A-Za-z]{30}$/, minEntropy: 3.5, rejectSequences: true },
  { kind: 'aws-secret-access-key', name: /secretaccesskey|awssecret/, value: /^[0-9A-Za-z/+]{40}$/, minEntropy: 4.0, rejectSequences: true },
  // Tencent Cloud SecretKey: 32 characters of mixed case (a hex value falls through to the kinds below).
  { kind: 'tencent-cloud-secret-key', name: /secretkey/, value: /^(?=[0-9a-z]*[A-Z])(?=[0-9A-Z]*[a-z])[0-9A-Za-z]{32}$/, minEntropy: 3.5, rejectSequences: true },
  // WeChat Pay API key v2 / APIv3 key: 32 characters set by the merchant; Alipay and others have their own.
  {
    kind: 'payment-merchant-key',
    name: /(?:mch|merchant|partner|wxpay|weixinpay|pay)(?:api)?(?:v3)?(?:key|secret)|apiv3key|paysign(?:key|secret)/,
    value: /^[0-9A-Za-z]{32}$/,
    minEntropy: 3.0,
    rejectSequences: true,
  },
  // WeChat AppSecret: 32 hexadecimal characters, under the names code2Session examples use.
  {
    kind: 'wechat-app-secret',
    name: /^(?:wx|weixin|wechat|mp|mini(?:program|app)?|app)?(?:app)?secret(?:key)?$|appsecret/,
    value: /^[0-9a-f]{32}$/,
    minEntropy: 3.0,
    rejectSequences: true,
  },
  { kind: 'private-key', name: /privatekey|privkey|rsaprivate|appprivate/, value: /^[0-9A-Za-z+/=\s]{64,}$/, minEntropy: 4.0, rejectSequences: true },
  // Keys handed to AES/DES/SM4/HMAC: secrets however guessable, once they ship they protect nothing.
  {
    kind: 'crypto-key',
    // Symmetric ciphers have no public key: an `AES_PUBLIC_KEY` is the shared secret under a misleading name.
    name: /(?:aes|des|sm4|cipher|crypto|crypt|encrypt|decrypt|encryption|hmac|sign(?:ature)?|sha)(?:secret)?key$|^key(?:aes|des)$|(?:aes|sm4)(?:public|pub)key$/,
    value: /^[\x21-\x7e]{8,64}$/,
    minEntropy: 0,
    rejectSequences: false,
  },
  // A salt or a key named after what it signs (`signStr`, `pwdKey`, `headerKey`): fixed, so known to everyone.
  { kind: 'crypto-key', name: /salt$|signstr$|signsalt|pwdkey$|headerkey$/, value: /^[\x21-\x7e]{8,64}$/, minEntropy: 2.5, rejectSequences: false },
  // A fixed request signature or a service's secret key (`sign: '<32 hex>'`, Baidu's `sk`, a map service's `mapSig`, the `sig`
  // Tencent's location SDK signs each request with).
  // Not `signature`: that is what WeChat's getUserInfo returns per login, often pasted into test code.
  { kind: 'api-secret', name: /^(?:sign|sig|sk)$|(?:map|lbs)(?:sig|sk|secret)$/, value: /^[0-9A-Za-z]{16,64}$/, minEntropy: 3.3, rejectSequences: true },
  { kind: 'password', name: /(?:password|passwd|passwort|pwd|passcode|passphrase)$/, value: /^[\x21-\x7e]{6,64}$/, minEntropy: 0, rejectSequences: true },
  // Anything else named like a secret or token, when it also looks random.
  {
    kind: 'api-secret',
    name: /secret|privatekey|accesstoken$|apitoken$|authtoken$|bearertoken$|^token$|clienttoken$|appsecret|signkey/,
    value: /^[\x21-\x7e]{16,512}$/,
    minEntropy: 3.3,
    rejectSequences: true,
  },
];

/**
 * Words that make a secret-like name a label, a rule or a flag rather than the secret:
 * `passwordPlaceholder`, `pwdTip`, `showPassword`, `passwordRegex`, `SECRET_TIP`. Compared with
 * whole words of the name (see {@link nameWords}), so `adminPassword` is not taken for `min`.
 */
export const NOT_A_SECRET_WORDS: ReadonlySet<string> = new Set([
  'placeholder', 'label', 'tip', 'tips', 'hint', 'msg', 'message', 'text', 'title', 'error', 'err', 'rule', 'rules',
  'regex', 'regexp', 'reg', 'pattern', 'field', 'type', 'input', 'show', 'visible', 'visibility', 'focus', 'length',
  'len', 'min', 'max', 'strength', 'level', 'reset', 'forget', 'forgot', 'change', 'url', 'path', 'page', 'icon',
  'img', 'image', 'storage', 'cache', 'mode', 'class', 'style', 'format', 'policy', 'tab', 'btn', 'button', 'desc',
  'name', 'prompt', 'toast', 'valid', 'validate', 'validator', 'check', 'mask', 'encrypted', 'hash', 'hashed',
  'confirm', 'status', 'state', 'enabled', 'required', 'id',
]);

/** The words of a name: `SDKSecretKey` → sdk, secret, key; `app_secret` → app, secret. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

/** A `key` bound to one of these exact names is an identifier the client is meant to hold. */
export const PUBLIC_KEY_NAMES = /^(?:appid|appkey|apikey|key|ak|mapkey|amapkey|qqmapkey|tmapkey|bmapkey|lbskey|webkey|jskey|clientid|clientkey|trackingid|measurementid|projectid|datasourceid|accountid|sdkappid|umengkey|umkey|aldkey|tdappkey|gioprojectid|dsn|publickey|pubkey|sentrydsn)$/;

/** Public identifier kinds: recognised so they are never reported as secrets. */
export interface PublicIdentifier {
  kind: string;
  label: string;
  pattern: RegExp;
}

export const PUBLIC_IDENTIFIERS: readonly PublicIdentifier[] = [
  { kind: 'wechat-appid', label: 'WeChat AppID', pattern: /^wx[0-9a-f]{16}$/ },
  { kind: 'bytedance-appid', label: 'ByteDance AppID', pattern: /^tt[0-9a-f]{16}$/ },
  { kind: 'alipay-appid', label: 'Alipay AppID', pattern: /^20\d{14}$/ },
  { kind: 'wechat-openid', label: 'WeChat OpenID', pattern: /^o[0-9A-Za-z_-]{27}$/ },
];

/** Values that are placeholders or examples, not real credentials. */
export const PLACEHOLDER = /x{4,}|\*{3,}|\.{3}|…|your|example|sample|placeholder|change_?me|replace|dummy|fake|test|demo|todo|fixme|<[^>]*>|\{\{|\$\{|%s|^(?:null|undefined|none|true|false|secret|password|admin)$/i;

/** Paths, URLs and text with spaces: never a key on their own. */
export const NOT_A_KEY_VALUE = /^\.{0,2}\/|:\/\/|\s/;

/** Words and identifiers (`user_token`, `Authorization`, `access-token`): names, not values. */
export const WORD_LIKE = /^[A-Za-z]+(?:[_\-.:][A-Za-z]+)*$/;

/** `Authorization: 'Bearer …'` / `'Basic …'` with a fixed credential. */
export const AUTHORIZATION_VALUE = /^(?:Bearer|Basic|Token)\s+([A-Za-z0-9._~+/=-]{16,})$/;

/** `Basic aW90OmlvdA==`: HTTP Basic credentials, Base64 of `user:password`, however short (an OAuth client's `client:secret`). */
export const BASIC_CREDENTIAL = /^Basic\s+([A-Za-z0-9+/]{6,}={0,2})$/;

/** What Basic credentials decode to: a user and a password, printable, joined by a colon. */
export const USER_AND_PASSWORD = /^[\x21-\x39\x3b-\x7e]{2,}:[\x20-\x7e]{2,}$/;

/** Names whose value is an HTTP Authorization header. */
export const AUTHORIZATION_NAME = /^(?:authorization|auth|proxyauthorization)$/;

/** Files that are tests or mocks: fake credentials there are expected and never shipped knowingly. */
const TEST_PATH = /(?:^|\/)(?:__tests__|__mocks__|__fixtures__|tests?|specs?|mocks?)\/|\.(?:test|spec|mock)\.[cm]?[jt]s$|(?:^|\/)(?:mocks?|[mM]ock[-_]?[dD]ata|[fF]ake[-_]?[dD]ata)\.[cm]?[jt]s$/;
/** `pages/test/index.js`: a page the app lists (and ships) that happens to be called test. */
const PAGE_CALLED_TEST = /(?:^|\/)pages\/(?:tests?|specs?|mocks?)\/[^/]+$/;

/** A test or mock file, by its path; a page folder called `test` right in `pages/` is a page, unless its file is named as a test. */
export function isTestPath(path: string): boolean {
  return TEST_PATH.test(PAGE_CALLED_TEST.test(path) ? path.slice(path.lastIndexOf('/') + 1) : path);
}

/** Server-side code kept next to the mini-app (WeChat cloud functions, uniCloud): not part of the bundle. */
export const SERVER_PATH = /(?:^|\/)(?:cloudfunctions?|cloud-functions|uniCloud(?:-[a-z]+)?|cloudfunctionRoot)\//i;

/**
 * Modules that only run on a server (cloud-function SDKs, Node web frameworks, database drivers,
 * Node built-ins): a file requiring one is server code kept next to the mini-app, not bundle code.
 */
export const SERVER_MODULES: ReadonlySet<string> = new Set([
  'wx-server-sdk', '@cloudbase/node-sdk', 'tcb-admin-node', 'uni-id-common', 'uni-id',
  'express', 'koa', 'koa-router', '@koa/router', 'fastify', '@nestjs/common', '@nestjs/core', 'egg', 'hapi', '@hapi/hapi',
  'mysql', 'mysql2', 'pg', 'mongoose', 'mongodb', 'sequelize', 'typeorm', '@prisma/client', 'redis', 'ioredis',
  'fs', 'http', 'https', 'child_process', 'net', 'os',
]);

/** `node:fs`, `node:crypto`: only Node runs these. */
export function isServerModule(specifier: string): boolean {
  return specifier.startsWith('node:') || SERVER_MODULES.has(specifier);
}

// ---------------------------------------------------------------- helpers

/** `APP_SECRET`, `appSecret`, `app-secret`, `$appSecret` → `appsecret`. */
export function normaliseName(name: string): string {
  return name.replace(/[\s_\-.$]/g, '').toLowerCase();
}

/** Shannon entropy of the characters of `value`, in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** True when `value` has a run of `length` characters each one code point above the last (`abcdef`, `345678`). */
export function hasAscendingRun(value: string, length = 6): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    run = value.charCodeAt(i) === value.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= length) return true;
  }
  return false;
}

/** Too few distinct characters to be a key (`aaaaaaaa`, `abababab`). */
export function tooUniform(value: string): boolean {
  return new Set(value).size < Math.min(4, Math.ceil(value.length / 2));
}

/**
 * A value safe to print: the first characters (at most 4, at most a quarter of it) and its length.
 * `d6b2f0a47c1e…(32 chars)` would say too much; `d6b2…(32 chars)` does not.
 */
export function maskSecret(value: string): string {
  const shown = Math.min(4, Math.floor(value.length / 4));
  return `${value.slice(0, shown)}…(${value.length} chars)`;
}

/** The public identifier `value` is, if any. */
export function publicIdentifier(value: string): PublicIdentifier | undefined {
  return PUBLIC_IDENTIFIERS.find((identifier) => identifier.pattern.test(value));
}
