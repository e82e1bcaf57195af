/**
 * Cloud development (云开发): the backend a WeChat or QQ mini-app ships beside itself as cloud
 * functions, `<cloudfunctionRoot>/<name>/index.js` exporting `main(event, context)`, which the
 * client calls with `wx.cloud.callFunction({ name, data })`. Typed data read by the data-flow
 * extraction (src/analyzers/dataflow/cloud-flows.ts) and the cloud rules (src/rules/cloud/).
 */
export interface CloudCatalog {
  /** Folder names a project keeps its cloud functions in when project.config.json names none. */
  conventionalRoots: readonly string[];
  /** Files that start a cloud function, in the order they are looked for in its folder. */
  entryFiles: readonly string[];
  /** The exported function the platform calls, with the client's `data` as its first parameter. */
  entryExport: string;
  /** The client's call, a method of the platform's `cloud` object, and its options. */
  callFunction: { object: string; method: string; nameOption: string; dataOption: string; resultField: string };
  /** The server SDK's call that tells who called: its fields, each with what it is. */
  callerContext: { method: string; fields: Readonly<Record<string, 'openid' | 'unionid' | 'app-id'>> };
  /**
   * Fields of `event` the platform itself fills in on every call from a mini-app, overwriting what
   * the client sent: trustworthy identity, not client data.
   */
  injectedEventFields: readonly string[];
  /**
   * Field names of `event` that, read from the client's data, claim who the caller is or what it
   * may do (compared without case, `_` and `-`).
   */
  identityFields: readonly string[];
  /** Database methods that pick records (`doc(id)`, `where(condition)`, an aggregate's `match(condition)`). */
  selectors: readonly string[];
  /** The selectors that take a condition object, which a client may hand over whole. */
  conditionMethods: readonly string[];
  /** Database methods that end a chain: writes, removals and reads, with what each does. */
  operations: Readonly<Record<string, 'write' | 'remove' | 'read'>>;
  /** The method that opens a collection: a chain is a database call only if it passes through it. */
  collectionMethod: string;
  /** Server SDK modules: a file requiring one is server code. */
  serverModules: readonly string[];
  source: string;
}

export const WECHAT_CLOUD: CloudCatalog = {
  conventionalRoots: ['cloudfunctions', 'cloudfunction', 'cloud-functions'],
  entryFiles: ['index.js', 'index.ts'],
  entryExport: 'main',
  callFunction: { object: 'cloud', method: 'callFunction', nameOption: 'name', dataOption: 'data', resultField: 'result' },
  callerContext: { method: 'getWXContext', fields: { OPENID: 'openid', UNIONID: 'unionid', FROM_OPENID: 'openid', FROM_UNIONID: 'unionid', APPID: 'app-id', FROM_APPID: 'app-id' } },
  injectedEventFields: ['userInfo'],
  identityFields: ['openid', 'openId', '_openid', 'OPENID', 'unionid', 'unionId', 'userOpenid', 'userOpenId', 'uid', 'userId', 'user_id', 'ownerId', 'owner', 'role', 'isAdmin', 'admin', 'isSuperAdmin'],
  selectors: ['doc', 'where', 'match'],
  conditionMethods: ['where', 'match'],
  operations: { update: 'write', set: 'write', remove: 'remove', get: 'read', count: 'read', watch: 'read', end: 'read' },
  collectionMethod: 'collection',
  serverModules: ['wx-server-sdk', '@cloudbase/node-sdk', 'tcb-admin-node'],
  source:
    'WeChat cloud development docs: project.config.json cloudfunctionRoot; Cloud.callFunction (name, data; result in res.result); ' +
    'Cloud.getWXContext (OPENID, APPID, UNIONID, FROM_OPENID, FROM_APPID, FROM_UNIONID: trusted, from WeChat\u2019s own authentication); ' +
    'cloud function event "userInfo" (appId, openId) injected by the platform on calls from a mini-app (获取用户信息 / wx-server-sdk guide); ' +
    'database API Collection.doc/where/aggregate, Document.update/set/remove/get, Query.update/remove/get/count/watch, Aggregate.match/end',
};

/** Cloud functions are a WeChat (and QQ, which runs the same cloud development) feature. */
export const CLOUD_PLATFORMS: ReadonlySet<string> = new Set(['wechat', 'qq']);

/** `openid`, `_openid`, `user-id` → `openid`, `openid`, `userid`: how identity field names are compared. */
export function normaliseFieldName(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

const IDENTITY_FIELDS = new Set(WECHAT_CLOUD.identityFields.map(normaliseFieldName));

export function isIdentityField(name: string): boolean {
  return IDENTITY_FIELDS.has(normaliseFieldName(name));
}
