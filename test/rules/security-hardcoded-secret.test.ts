import { describe, expect, it } from 'vitest';
import { maskSecret, nameWords, shannonEntropy } from '../../src/catalogs/secrets.js';
import { detectSecret } from '../../src/rules/security/hardcoded-secret.js';
import { scanProject } from '../../src/scan.js';
import { findingKeys } from '../helpers/summarise.js';
import { tempProject } from '../helpers/temp-project.js';

const RULE = 'hardcoded-secret';
const only = (keys: string[], rule = RULE) => keys.filter((key) => key.startsWith(`${rule} `));

/** Deterministic pseudo-random strings, so no credential-shaped literal sits in this file. */
function randomString(alphabet: string, length: number, seed: number): string {
  let state = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += alphabet[Math.floor((state / 2147483648) * alphabet.length)];
  }
  return out;
}
const HEX = '0123456789abcdef';
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const UUID_KEY = [8, 4, 4, 4, 12].map((length, index) => randomString(HEX, length, 60 + index)).join('-');

describe('hardcoded-secret on fixtures/security-secrets', () => {
  const project = scanProject('fixtures/security-secrets');

  it('finds each credential, at the string (or, inside a URL, at the secret itself)', () => {
    expect(only(findingKeys(project))).toEqual([
      'hardcoded-secret app.js:6:10',
      'hardcoded-secret cloudfunctions/login/index.js:3:20',
      'hardcoded-secret services/crypto.js:4:37',
      'hardcoded-secret services/crypto.js:12:39',
      'hardcoded-secret services/crypto.js:16:26',
      'hardcoded-secret utils/config.js:2:20',
      'hardcoded-secret utils/config.js:7:11',
      'hardcoded-secret utils/config.js:8:17',
      'hardcoded-secret utils/config.js:9:18',
      'hardcoded-secret utils/config.js:10:91',
      'hardcoded-secret utils/services.js:5:34',
      'hardcoded-secret utils/services.js:6:41',
      'hardcoded-secret utils/services.js:7:19',
      'hardcoded-secret utils/services.js:8:26',
      'hardcoded-secret utils/services.js:9:83',
      'hardcoded-secret utils/services.js:10:53',
      'hardcoded-secret utils/services.js:13:94',
      'hardcoded-secret utils/services.js:19:89',
      'hardcoded-secret utils/services.js:20:37',
      'hardcoded-secret utils/services.js:21:40',
      'hardcoded-secret utils/services.js:23:117',
    ]);
  });

  it('names the kind of each secret', () => {
    const kinds = project.findings.filter((f) => f.ruleId === RULE).map((f) => f.properties?.kind);
    expect(kinds).toEqual([
      'wechat-app-secret',
      'wechat-app-secret',
      'crypto-key',
      'crypto-key',
      'authorization-header',
      'wechat-app-secret',
      'payment-merchant-key',
      'rtc-sdk-secret-key',
      'password',
      'wechat-app-secret',
      ...Array<string>(7).fill('client-key'),
      'crypto-key',
      'crypto-key',
      'api-secret',
      'api-secret',
    ]);
    const url = project.findings.find((f) => f.ruleId === RULE && f.location.region.start.column === 91)!;
    expect(url.location.region.end.column - url.location.region.start.column).toBe(32);
    expect(url.message).toContain('secret= parameter of a URL');
  });

  it('never prints a whole secret: messages and properties carry a masked form', () => {
    const secrets = [
      '6480df2f73bb47a41331fe204258ef04',
      'k7Vq2mZp9RtX4wLb',
      'ddf8fff4cf9eab5c8acf590e1503bbf1',
      'RlAQhyuvt3rVxhFlmpCXXsHO8wBX6s8V',
      '2f8104fba08f6d3682da2bd8e369316b',
      '5qcH9HsLDr6Bw1rubptSQcOM02pxiypN',
      'da253c4ef242b054594c774d5a70c6ace0c47b85454c2101f133b117d792f215',
      'Rk2#pL9x!q',
      'f60b7d9b3263896cf7460650a9bcc94f',
    ];
    const output = JSON.stringify(project.findings);
    for (const secret of secrets) expect(output).not.toContain(secret);
    const first = project.findings.find((f) => f.ruleId === RULE)!;
    expect(first.message).toContain('6480…(32 chars)');
    expect(first.properties).toMatchObject({ masked: '6480…(32 chars)', length: 32, redact: true });
  });

  it('warns, not errs, about a secret hard-coded in a cloud function, which belongs in its environment', () => {
    const cloud = project.findings.filter((f) => f.ruleId === RULE && f.location.file === 'cloudfunctions/login/index.js');
    expect(cloud.map((f) => [f.severity, f.location.region.start.line])).toEqual([['warning', 3]]);
    expect(cloud[0]!.message).toContain('is hard-coded in cloud function "login": it is not in the package users download');
    expect(cloud[0]!.message).toContain('process.env');
    expect(cloud[0]!.properties).toMatchObject({ serverCode: true, redact: true });
  });

  it('stays quiet on public ids, map and analytics keys, placeholders, labels, public keys, tests and comments', () => {
    const files = new Set(project.findings.filter((f) => f.ruleId === RULE).map((f) => f.location.file));
    expect(files.has('pages/index/index.js')).toBe(false);
    expect(files.has('test/mock-login.js')).toBe(false);
    expect(files.has('miniprogram_npm/crypto-lite/index.js')).toBe(false);
  });
});

describe('hardcoded-secret: cloud keys, private keys and third-party code', () => {
  const tencentId = 'AK' + 'ID' + randomString(B62, 32, 1);
  const tencentKey = randomString(B62, 32, 2);
  const aliId = 'LT' + 'AI' + randomString(B62, 20, 3);
  const aliSecret = randomString(B62, 30, 4);
  const awsId = 'AK' + 'IA' + randomString(UPPER, 16, 5);
  const awsSecret = randomString(B62 + '/+', 40, 6);
  const pem = '-----BEGIN ' + 'RSA PRIVATE KEY-----\\n' + randomString(B62, 64, 7) + '\\n-----END RSA PRIVATE KEY-----';
  const vendorKey = randomString(HEX, 32, 8);
  const root = tempProject({
    'app.json': '{ "pages": ["pages/upload/upload"] }',
    'pages/upload/upload.ts': [
      `const cos = { SecretId: '${tencentId}', SecretKey: '${tencentKey}' };`,
      `const oss = { accessKeyId: '${aliId}', accessKeySecret: '${aliSecret}' };`,
      `const s3 = { accessKeyId: '${awsId}', secretAccessKey: '${awsSecret}' as string };`,
      `const rsa = \`${pem}\`;`,
      `export default { cos, oss, s3, rsa };`,
    ].join('\n'),
    'miniprogram_npm/pay-sdk/index.js': `module.exports = { appSecret: '${vendorKey}' };`,
  });
  const project = scanProject(root);
  const findings = project.findings.filter((f) => f.ruleId === RULE);

  it('recognises each kind by shape and name, in TypeScript too', () => {
    expect(findings.map((f) => `${f.location.file}:${f.location.region.start.line}:${f.location.region.start.column} ${f.properties?.kind}`)).toEqual([
      'miniprogram_npm/pay-sdk/index.js:1:31 wechat-app-secret',
      'pages/upload/upload.ts:1:25 tencent-cloud-secret-id',
      'pages/upload/upload.ts:1:76 tencent-cloud-secret-key',
      'pages/upload/upload.ts:2:28 alibaba-cloud-access-key-id',
      'pages/upload/upload.ts:2:73 alibaba-cloud-access-key-secret',
      'pages/upload/upload.ts:3:27 aws-access-key-id',
      'pages/upload/upload.ts:3:68 aws-secret-access-key',
      'pages/upload/upload.ts:4:13 private-key',
    ]);
  });

  it('marks secrets in shipped third-party code, and shows a PEM key by its header only', () => {
    expect(findings[0]!.thirdParty).toBe(true);
    const key = findings.find((f) => f.properties?.kind === 'private-key')!;
    expect(key.message).toContain('-----BEGIN RSA PRIVATE KEY----- …(');
    const output = JSON.stringify(findings);
    for (const secret of [tencentId, tencentKey, aliId, aliSecret, awsId, awsSecret, vendorKey]) expect(output).not.toContain(secret);
  });
});

describe('hardcoded-secret: a PEM header around a key worked out at run time', () => {
  it('is no key: an RSA library writes the header and footer around the key it computed', () => {
    const root = tempProject({
      'app.json': '{ "pages": ["pages/a/a"] }',
      'utils/rsa.js': [
        'function Key() {}',
        'Key.prototype.getPrivateKey = function () {',
        "  var key = '-----BEGIN RSA PRIVATE KEY-----\\n';",
        "  key += Key.wordwrap(this.getPrivateBaseKeyB64()) + '\\n';",
        "  key += '-----END RSA PRIVATE KEY-----';",
        '  return key;',
        '};',
        'Key.prototype.pem = function (t) { t = "-----BEGIN PRIVATE KEY-----\\n"; return t + this.b64() + "\\n-----END PRIVATE KEY-----"; };',
        'module.exports = Key;',
      ].join('\n'),
      'pages/a/a.js': "const Key = require('../../utils/rsa.js');\nPage({ onLoad() { new Key().getPrivateKey(); } });",
    });
    expect(scanProject(root).findings.filter((f) => f.ruleId === RULE)).toEqual([]);
  });

  it('is a key when its lines are literals of their own, joined by + or by an array join', () => {
    const lines = Array.from({ length: 4 }, (_, index) => randomString(B62, 64, 30 + index));
    const root = tempProject({
      'app.json': '{ "pages": ["pages/a/a"] }',
      'utils/keys.js': [
        `const joined = '-----BEGIN RSA PRIVATE KEY-----\\n' + ${lines.map((line) => `'${line}\\n'`).join(' + ')} + '-----END RSA PRIVATE KEY-----';`,
        `const listed = ['-----BEGIN PRIVATE KEY-----', ${lines.map((line) => `'${line}'`).join(', ')}, '-----END PRIVATE KEY-----'].join('\\n');`,
        'module.exports = { joined, listed };',
      ].join('\n'),
      'pages/a/a.js': "const keys = require('../../utils/keys.js');\nPage({ onLoad() { console.log(keys); } });",
    });
    const findings = scanProject(root).findings.filter((f) => f.ruleId === RULE);
    expect(findings.map((f) => `${f.location.region.start.line} ${f.properties?.kind}`)).toEqual(['1 private-key', '2 private-key']);
  });
});

describe('hardcoded-secret: a value named by the string before it in a pair', () => {
  it('reads [name, value] pairs (a Map of request parameters signed together), and no other array', () => {
    const secret = randomString(HEX, 32, 21);
    const root = tempProject({
      'app.json': '{ "pages": ["pages/a/a"] }',
      'pages/a/a.js': [
        `const params = new Map([['appsecret', '${secret}'], ['phone', '13800000000'], ['timeStamp', Date.now()]]);`,
        `const colours = ['appsecret', '${randomString(HEX, 32, 22)}', 'other'];`,
        `const list = ['${randomString(HEX, 32, 23)}', 'appsecret'];`,
        'Page({ onLoad() { wx.request({ url: "https://api.example.com/captcha", data: { params, colours, list } }); } });',
      ].join('\n'),
    });
    const findings = scanProject(root).findings.filter((f) => f.ruleId === RULE);
    expect(findings.map((f) => `${f.location.region.start.line}:${f.location.region.start.column}`)).toEqual(['1:39']);
  });
});

describe('detectSecret: context and entropy together', () => {
  const appSecret = randomString(HEX, 32, 11);

  it.each([
    ['appSecret', appSecret, 'wechat-app-secret'],
    ['WX_APP_SECRET', appSecret, 'wechat-app-secret'],
    ['secret', appSecret, 'wechat-app-secret'],
    ['partnerKey', randomString(B62, 32, 12), 'payment-merchant-key'],
    ['apiV3Key', randomString(B62, 32, 13), 'payment-merchant-key'],
    ['aesKey', '1234567890abcdef', 'crypto-key'],
    ['dbPassword', 'S3cure!pw', 'password'],
    ['clientSecret', randomString(B62, 24, 14), 'api-secret'],
    ['accessToken', randomString(B62, 40, 15), 'api-secret'],
    ['sig', randomString(B62, 30, 21), 'api-secret'],
    // AES has no public key: the name misleads, the value is the shared key.
    ['APP_AES_PUBLIC_KEY', randomString(B62, 43, 50) + '=', 'crypto-key'],
  ])('%s = … is a %s', (name, value, kind) => {
    expect(detectSecret(value, { name })?.kind).toBe(kind);
  });

  it.each([
    ['appid', 'wx916e3530534cfff6'],
    ['sig', 'abcdefghij'],
    ['appKey', randomString(B62, 24, 16)],
    ['key', randomString(HEX, 32, 17)],
    ['publicKey', randomString(B62, 64, 19)],
    ['appSecret', 'your_app_secret_here'],
    ['appSecret', '0123456789abcdef0123456789abcdef'],
    ['appSecret', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['TOKEN_KEY', 'user_access_token'],
    ['password', 'password'],
    ['passwordPlaceholder', 'Enter#Password1'],
    ['pwdTip', 'Use 8+ chars!'],
    ['password', '123456'],
    ['loginPwd', '/pages/pwd/pwd'],
    ['secretHash', randomString(HEX, 32, 20)],
    ['openid', 'oGZUI0egBJY1zhBYw2KhdUfwVJJE'],
    ['token', 'Bearer'],
  ])('%s = %j is not a secret', (name, value) => {
    expect(detectSecret(value, { name })).toBeUndefined();
  });

  it.each([
    ['ak', {}, randomString(B62, 32, 18)],
    ['tmapKey', {}, randomString(HEX, 32, 22)],
    ['key', { owner: 'amap' }, randomString(HEX, 32, 23)],
    ['apikey', { requestData: true }, randomString(HEX, 32, 24)],
    ['subKey', {}, 'K2Z9R-I19R0-WYOJF-LJOOA-5LQSA-J08XU'],
    ['X-LC-Key', {}, randomString(B62, 24, 40)],
    ['Trackingmore-Api-Key', { owner: 'headers' }, UUID_KEY],
    ['X-Api-Key', { owner: 'header' }, randomString(B62, 32, 51)],
  ])('%s (%j) = … is a client key, reported below secrets', (name, extra, value) => {
    expect(detectSecret(value, { name, ...extra })?.kind).toBe('client-key');
  });

  it.each([
    ['appKey', { owner: 'umeng' }, randomString(B62, 24, 25)],
    ['apikey', {}, randomString(HEX, 32, 26)],
    ['mapKey', {}, 'user_location_cache'],
    ['key', { owner: 'amap' }, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['X-Request-Id', { owner: 'headers' }, UUID_KEY],
    ['X-Api-Key', { owner: 'options' }, UUID_KEY],
    ['X-Api-Key', { owner: 'headers' }, 'your-api-key-here'],
    ['RSA_PUBLIC_KEY', {}, randomString(B62, 43, 52)],
  ])('%s (%j) = %j is no client key', (name, extra, value) => {
    expect(detectSecret(value, { name, ...extra })).toBeUndefined();
  });

  it('finds an API key in a request header object, in a request or in Node-style options, and not other headers', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
      'project.config.json': '{}',
      'pages/a/a.js': [
        `wx.request({ url: 'https://api.example.com/track', header: { 'X-Api-Key': '${randomString(B62, 32, 53)}' } });`,
        `const options = { method: 'POST', headers: { 'Content-Type': 'application/json', 'Trackingmore-Api-Key': '${UUID_KEY}' } };`,
        `const trace = { headers: { 'X-Request-Id': '${UUID_KEY}' } };`,
        `const table = { 'X-Api-Key': '${UUID_KEY}' };`,
      ].join('\n'),
    });
    const findings = scanProject(root).findings.filter((f) => f.ruleId === RULE);
    expect(findings.map((f) => `${f.location.region.start.line} ${f.properties?.['kind']}`)).toEqual(['1 client-key', '2 client-key']);
  });

  it('finds a key a variable hands to a map service (its URL\u2019s key parameter, its SDK\u2019s key option), and not a key sent to another host', () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
      'project.config.json': '{}',
      'pages/a/a.js': [
        `const key = '${randomString(HEX, 32, 54)}';`,
        'const url = `https://restapi.amap.com/v3/geocode/geo?key=${key}&address=${wx.getStorageSync("a")}`;',
        `var qqKey = '${randomString(HEX, 32, 55)}';`,
        "wx.request({ url: 'https://apis.map.qq.com/ws/geocoder/v1/?location=1,2&key=' + qqKey });",
        `var sdkKey = '${randomString(HEX, 32, 56)}';`,
        'const map = new amapFile.AMapWX({ key: sdkKey });',
        `const ownKey = '${randomString(HEX, 32, 57)}';`,
        'wx.request({ url: `https://api.example.com/geo?key=${ownKey}` });',
        "const stored = wx.getStorageSync('k');",
        'wx.request({ url: `https://restapi.amap.com/v3/ip?key=${stored}` });',
      ].join('\n'),
    });
    const findings = scanProject(root).findings.filter((f) => f.ruleId === RULE);
    expect(findings.map((f) => `${f.location.region.start.line}:${f.location.region.start.column} ${f.properties?.['service']}`)).toEqual([
      '1:14 AMap (Gaode) web-service key',
      '3:14 Tencent Location Service key',
      '5:15 AMap (Gaode) web-service key',
    ]);
    expect(findings[0]!.message).toContain("the file sends it as the key parameter of a URL on the service's host");
  });

  it('finds HTTP Basic credentials by what they decode to, however short, and nothing in other Base64', () => {
    const basic = (credentials: string): string => `Basic ${Buffer.from(credentials).toString('base64')}`;
    expect(detectSecret(basic('iot:iot'), { name: 'Authorization' })).toMatchObject({ kind: 'authorization-header', secret: Buffer.from('iot:iot').toString('base64') });
    expect(detectSecret(basic('shop-client:s3cr3t'), { name: 'authorization' })?.kind).toBe('authorization-header');
    expect(detectSecret(basic('token'), { name: 'Authorization' })).toBeUndefined();
    expect(detectSecret(basic('user:your_password'), { name: 'Authorization' })).toBeUndefined();
    expect(detectSecret(basic('iot:iot'), { name: 'title' })).toBeUndefined();
  });

  it("names a value by where the whole expression goes: each alternative of `cond ? a : b` and `x || b`", () => {
    const root = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
      'project.config.json': '{}',
      'pages/a/a.js': [
        'Page({ onLoad() {',
        `  wx.request({ url: 'https://a.example.com', header: { Authorization: wx.getStorageSync('token') ? 'Bearer ' + wx.getStorageSync('token') : '${Buffer.from('iot:iot').toString('base64').replace(/^/, 'Basic ')}' } });`,
        `  const secret = wx.getStorageSync('s') || '${randomString(B62, 32, 41)}';`,
        `  const title = wx.getStorageSync('t') || '${randomString(B62, 32, 42)}';`,
        '} });',
      ].join('\n'),
    });
    expect(only(findingKeys(scanProject(root))).map((key) => key.replace(/:\d+$/, ''))).toEqual(['hardcoded-secret pages/a/a.js:2', 'hardcoded-secret pages/a/a.js:3']);
  });

  it('finds a salt in what a hash digests, and nothing in a digest of parameters only', () => {
    expect(detectSecret('&k3P9#vQ2x!Lm7wZr', { hashInput: true })).toMatchObject({ kind: 'crypto-key', secret: 'k3P9#vQ2x!Lm7wZr', offset: 1 });
    expect(detectSecret('appid=1&mch_id=2&key=Zq8Lp2Xw9Kt4Rb7N', { hashInput: true })).toMatchObject({ kind: 'crypto-key', secret: 'Zq8Lp2Xw9Kt4Rb7N' });
    expect(detectSecret('appid=appid00000000000002&nonce=', { hashInput: true })).toBeUndefined();
    expect(detectSecret('&timestamp=1700000000', { hashInput: true })).toBeUndefined();
    expect(detectSecret('application/json', { hashInput: true })).toBeUndefined();
  });

  it('reads a key handed to a cipher even without a telling name, and a query parameter before a string', () => {
    expect(detectSecret('k7Vq2mZp9RtX4wLb', { cryptoKey: true })?.kind).toBe('crypto-key');
    expect(detectSecret(randomString(HEX, 32, 21), {})).toBeUndefined();
  });

  it('takes 32 hex characters next to a WeChat AppID as the AppSecret only under a key-like name', () => {
    const object = { type: 'ObjectExpression', properties: [{ type: 'Property', value: { type: 'Literal', value: 'wx916e3530534cfff6' } }] } as never;
    expect(detectSecret(appSecret, { name: 'key', object })?.kind).toBe('wechat-app-secret');
    expect(detectSecret(appSecret, { name: 'key' })).toBeUndefined();
    expect(detectSecret(appSecret, { name: 'umengKey', object })).toBeUndefined();
  });
});

describe('secret catalog helpers', () => {
  it('masks at most four characters and at most a quarter of the value', () => {
    expect(maskSecret('abcdefghijklmnopqrstuvwxyz012345')).toBe('abcd…(32 chars)');
    expect(maskSecret('Rk2#pL9x')).toBe('Rk…(8 chars)');
    expect(maskSecret('abc')).toBe('…(3 chars)');
  });

  it('splits names into words and measures entropy', () => {
    expect(nameWords('SDKSecretKey')).toEqual(['sdk', 'secret', 'key']);
    expect(nameWords('APP_SECRET')).toEqual(['app', 'secret']);
    expect(nameWords('adminPassword')).toEqual(['admin', 'password']);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});

describe('hardcoded-secret: key bytes handed to a cipher through a variable', () => {
  const key = randomString(B62, 16, 31);
  const iv = randomString(B62, 16, 32);
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'pages/a/a.js': [
      `function aesEncrypt(e) { var t = CryptoJS.enc.Utf8.parse("${key}"); return CryptoJS.AES.encrypt("salt@" + e, t, { mode: CryptoJS.mode.ECB }).toString(); }`,
      `function withIv(e, k) { var v = CryptoJS.enc.Utf8.parse("${iv}"); return CryptoJS.AES.encrypt(e, k, { iv: v }).toString(); }`,
      'Page({});',
    ].join('\n'),
  });
  const findings = scanProject(root).findings.filter((f) => f.ruleId === RULE);

  it('is a key when the function passes the variable as the cipher key, not when it is the iv', () => {
    expect(findings.map((f) => `${f.location.region.start.line} ${f.properties?.kind}`)).toEqual(['1 crypto-key']);
  });
});

describe('hardcoded-secret: a signing key kept under a name that says nothing', () => {
  const key = randomString(B62, 32, 41);
  const mapKey = randomString(B62, 32, 42);
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'pages/a/a.js': [
      "const md5 = require('../../utils/md5.js');",
      'Page({',
      '  sign(params) {',
      `    const app_key = '${key}';`,
      "    const stringA = Object.keys(params).sort().map((k) => k + '=' + params[k]).join('&');",
      "    const stringSignTemp = stringA + '&key=' + app_key;",
      '    return md5(stringSignTemp).toUpperCase();',
      '  },',
      '  digest(params) {',
      `    const other = '${key}';`,
      "    return md5(params + '&key=' + other);",
      '  },',
      '  around(at) {',
      `    const app_key = '${mapKey}';`,
      "    const url = 'https://maps.example.com/around?location=' + at + '&key=' + app_key;",
      '    wx.request({ url });',
      '  },',
      '  cache(uid) {',
      "    const prefix = 'profile_cache';",
      "    const entry = uid + '&key=' + prefix;",
      '    return md5(entry);',
      '  },',
      '  cached(at) {',
      `    const weather = '${mapKey}';`,
      "    return wx.getStorageSync(md5('https://restapi.example.com/v3/weather?city=' + at + '&key=' + weather));",
      '  },',
      '  signTemplate(stringA) {',
      `    const k2 = '${key.split('').reverse().join('')}';`,
      '    return md5(`${stringA}&key=${k2}`);',
      '  },',
      '});',
    ].join('\n'),
    'utils/md5.js': 'module.exports = (s) => s;',
  });
  const findings = scanProject(root).findings.filter((f) => f.ruleId === RULE);

  it('is the key when the file signs a string with it after `&key=` and hashes it, through a variable or directly', () => {
    expect(findings.map((f) => `${f.location.region.start.line} ${f.properties?.kind}`)).toEqual(['4 crypto-key', '10 crypto-key', '28 crypto-key']);
    expect(findings[0]!.message).toContain('as the key= parameter of a string the file hashes to sign it');
    expect(findings[0]!.message).not.toContain(key);
  });

  it('is not when the string goes into a URL, hashed (a cache key) or not, or the constant is a word', () => {
    expect(findings.map((f) => f.location.region.start.line)).not.toContain(14);
    expect(findings.map((f) => f.location.region.start.line)).not.toContain(19);
  });
});

describe('hardcoded-secret: a constant sent after Bearer', () => {
  const key = `${randomString('0123456789abcdef', 8, 51)}-${randomString('0123456789abcdef', 4, 52)}-4${randomString('0123456789abcdef', 3, 53)}-a${randomString('0123456789abcdef', 3, 54)}-${randomString('0123456789abcdef', 12, 55)}`;
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'utils/llm.js': [
      `const ARK_API_KEY = '${key}';`,
      "const MODEL_NAME = 'doubao-seed-1-6-thinking-250715';",
      'module.exports = (payload) => tt.request({',
      "  url: 'https://ark.example.com/api/v3/chat/completions',",
      '  data: { model: MODEL_NAME, ...payload },',
      "  header: { Authorization: `Bearer ${ARK_API_KEY}`, 'X-Model': 'Bearer ' + MODEL_NAME },",
      '});',
    ].join('\n'),
    'pages/a/a.js': "const token = wx.getStorageSync('token');\nwx.request({ url: 'https://api.example.com/me', header: { Authorization: 'Bearer ' + token } });",
  });
  const findings = scanProject(root).findings.filter((f) => f.ruleId === RULE);

  it('is a fixed credential whatever the constant is called, written as a template or joined; not a value read at run time or a word', () => {
    expect(findings.map((f) => `${f.location.file}:${f.location.region.start.line} ${f.properties?.kind}`)).toEqual(['utils/llm.js:1 authorization-header']);
    expect(findings[0]!.message).toContain('sent after Bearer in an Authorization header');
    expect(findings[0]!.message).not.toContain(key);
  });
});

describe('hardcoded-secret: a client key in the query of a request path', () => {
  const key = randomString(HEX, 32, 31);
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'pages/a/a.js': [
      "const request = require('../../utils/request.js');",
      `function around(lat, lng) { return request(\`/v3/place/around?key=${key}&location=\${lng},\${lat}\`); }`,
      `function geo(q) { return request('/v3/geocode/geo?output=json&ak=${key.toUpperCase()}&address=' + q); }`,
      "function search(word) { return request(`/search?key=${word}&page=1`); }",
      "function cached() { return request('/list?key=user_profile_cache_entry_v2&page=1'); }",
      `function open() { wx.navigateTo({ url: '/pages/detail/detail?key=${key}' }); }`,
      `function image() { return 'https://cdn.example.com/p.png?key=${key}'; }`,
      `function regeo(at) { return request(\`https://restapi.amap.com/v3/geocode/regeo?key=${key}&location=\${at}\`); }`,
      `function thumb(v) { return \`https://cdn.example.com/p.png?key=${key}&v=\${v}\`; }`,
      'Page({ around, geo, search, cached, open, image, regeo, thumb });',
    ].join('\n'),
    'utils/request.js': "module.exports = (path) => new Promise((resolve) => wx.request({ url: 'https://restapi.example.com' + path, success: resolve }));",
  });
  const findings = scanProject(root).findings.filter((f) => f.ruleId === 'hardcoded-secret');

  it("is reported as a client key, with no host in the string or a service's host, in a template or a plain string", () => {
    expect(findings.map((f) => `${f.location.region.start.line} ${f.properties?.kind}`)).toEqual(['2 client-key', '3 client-key', '8 client-key']);
    expect(findings[0]!.message).not.toContain(key);
  });
});

describe('hardcoded-secret: a key kept beside the service URLs it is sent to', () => {
  const key = randomString(HEX, 32, 37);
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'app.js': [
      'App({',
      '  globalData: {',
      `    key: '${key}',`,
      "    requestUrl: { weather: 'https://free-api.heweather.com/s6/weather', air: 'https://free-api.heweather.net/s6/air/now' },",
      '  },',
      '});',
      `const cache = { key: '${key.split('').reverse().join('')}', home: 'https://www.example.com/' };`,
    ].join('\n'),
    'pages/a/a.js': 'Page({});',
  });
  const findings = scanProject(root).findings.filter((f) => f.ruleId === 'hardcoded-secret');

  it('names the service of the request URLs beside a `key`; not a key beside other URLs', () => {
    expect(findings.map((f) => `${f.location.file}:${f.location.region.start.line} ${f.properties?.kind}`)).toEqual(['app.js:3 client-key']);
    expect(findings[0]!.message).toContain('QWeather (HeWeather) key');
  });
});

describe('hardcoded-secret: mock data files', () => {
  const line = (seed: number) => `module.exports = { accessToken: '${randomString(B62, 32, seed)}' };\n`;
  const root = tempProject({
    'app.json': '{"pages":["pages/a/a"]}',
    'pages/a/a.js': 'Page({});',
    'utils/mockData.js': line(51),
    'api/user.mock.js': line(52),
    'mock.js': line(53),
    'data/fake-data.js': line(54),
    'utils/mockup.js': line(55),
    'utils/unmockData.js': line(56),
  });
  const findings = scanProject(root).findings.filter((f) => f.ruleId === RULE);

  it('are not the package\u2019s secrets, by their usual file names; look-alike names still are', () => {
    expect(findings.map((f) => f.location.file).sort()).toEqual(['utils/mockup.js', 'utils/unmockData.js']);
  });
});

describe('hardcoded-secret: keys written as bytes', () => {
  it('reports byte arrays under a key name, in a typed array or passed as a cipher key, masked; not patterns, progressions, IVs or lists of ids', () => {
    const root = tempProject({
      'app.json': '{"pages":["pages/a/a"]}',
      'utils/ble.js': [
        'function Ble() {',
        '  this.rc4_key = [123, 64, 126, 7, 252, 6, 149, 135, 18, 25, 146, 38, 133, 4, 21, 53];',
        '  this.ble_data_key = new Array(21, 133, 146, 129, 41, 5, 136, 7);',
        '  this.zeroKey = [0, 0, 0, 0, 0, 0, 0, 0];',
        '  this.rgb = [12, 200, 33, 4, 5, 6, 7, 8];',
        '  this.sortKeys = [3, 1, 2, 9, 8, 7, 6, 5];',
        '  this.div = [3, 1, 2, 9, 8, 7, 6, 5];',
        '  this.cipher = CryptoJS.AES.encrypt(data, [9, 8, 7, 16, 5, 4, 3, 2]);',
        '  this.hourKey = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];',
        '  this.iv = [18, 52, 86, 120, 144, 171, 205, 239];',
        '  this.signKey = new Uint8Array([77, 1, 200, 3, 94, 5, 60, 7]);',
        '}',
        'module.exports = Ble;',
      ].join('\n'),
    });
    const findings = scanProject(root).findings.filter((f) => f.ruleId === 'hardcoded-secret');
    expect(findings.map((f) => f.location.region.start.line)).toEqual([2, 3, 8, 11]);
    expect(findings[0]!.message).toContain('[123, 64, …](16 bytes)');
    expect(findings[0]!.properties?.length).toBe(16);
    expect(findings[0]!.message).not.toContain('126');
  });
});

describe('hardcoded-secret: tests and pages called test', () => {
  it('reads a page folder called test right in pages/ (a page the app lists), and still skips test folders and test files', () => {
    const key = 'new amapFile.AMapWX({ key: "F8f1f5c8a20c199dd0f70f5a6b162280" });';
    const root = tempProject({
      'app.json': '{ "pages": ["pages/index/index", "pages/test/index"] }',
      'pages/index/index.js': 'Page({});',
      'pages/test/index.js': `const amapFile = require('../../lib/amap-wx.js');\n${key}\nPage({});`,
      'pages/test/index.test.js': `const amapFile = require('../../lib/amap-wx.js');\n${key}`,
      'test/amap.js': `const amapFile = require('../lib/amap-wx.js');\n${key}`,
      'pages/index/tests/helper.js': `const amapFile = require('../../../lib/amap-wx.js');\n${key}`,
    });
    expect(findingKeys(scanProject(root)).filter((key) => key.startsWith('hardcoded-secret'))).toEqual(['hardcoded-secret pages/test/index.js:2:28']);
  });
});
