import type { TSESTree } from '@typescript-eslint/types';
import type { PersonalDataType } from '../platforms/privacy-data.js';
import { requireSpecifier as requireCallSpecifier, staticPropertyName, unwrapTypeScript } from './api-calls.js';
import type { Node } from './traverse.js';

/** Syntax the tracker detector reads: personal data by name, member chains, require calls, hosts. */

export type Range = readonly [number, number];

export interface PersonalDataHit {
  type: PersonalDataType;
  /** What revealed it: a property, variable or storage key name, or the method (`setOpenid`). */
  evidence: string;
  range: Range;
}


// ---------------------------------------------------------------- personal data by name

const PHONE = new Set(['phone', 'mobile', 'mobilephone', 'cellphone', 'tel', 'telephone', 'phoneno', 'mobileno', 'phonenum']);
/** Whose id a share link carries: the sharer's or the inviter's (`shareOpenId`, `fromUserId`, `inviterUnionid`), a referral, not the user's own. */
const REFERRAL_ID = /^(?:share|sharer|sharing|from|invite|inviter|invitor|referrer|refer|recommend|recommender)/;
const LOCATION = new Set(['latitude', 'longitude', 'lat', 'lng', 'lon', 'userlocation', 'geolocation', 'gps', 'coordinates', 'coords']);
const PROFILE = new Set(['nickname', 'avatar', 'avatarurl', 'gender', 'realname', 'idcard', 'idcardno', 'birthday']);
const DEVICE = new Set(['idfa', 'imei', 'oaid', 'androidid', 'udid', 'imsi', 'macaddress']);
const USER = new Set(['uid', 'memberid', 'customerid', 'accountid', 'loginid', 'distinctid', 'useruniqueid']);
/** A user's whole record under a name that says so (`userInfoMore`, `userInfoDetail`, `memberInfo`). */
const PROFILE_RECORD = /^(?:my|current|login)?(?:userinfo|memberinfo|userdetail)(?:more|detail|details|data|all|full)?$|^(?:userdata|logininfo)$/;
/**
 * A phone number under a name that says whose it is (`userPhone`, `agent_tel`), or which account it is
 * bound to (`wxPhone`, `qywxPhone`: the user's WeChat or WeCom number); a `contactPhone` is as often a shop's.
 */
const OWNED_PHONE = /^(?:user|my|member|customer|receiver|buyer|agent|login|auth|current|bound|wx|wechat|weixin|qywx|alipay|zfb|douyin)(?:phone|mobile|tel|telephone|phoneno|mobileno|phonenum|cellphone)$/;
/**
 * A person's postal address, or a record or list of them (`deliveryAddress`, `chosenAddress`,
 * `addressList`). A bare `address` is as often a shop's (`storeInfo.address`) and does not count.
 */
const ADDRESS = /^(?:user|my|default|delivery|shipping|receiver|receiving|consignee|chosen|selected|select|current|edit|picker)address(?:info|list|detail|data)?$|^address(?:info|list)$/;
/** A verified real name (`authName`, `agent_real_name`, `trueName`). */
const REAL_NAME = /realname$|^(?:auth|true|verified)name$/;
/** Alipay's user id (`2088…`): the platform's id of the person, as an openid is (`ali_uid`, `alipayUserId`, `zfbUserId`). */
const PLATFORM_USER_ID = /^(?:ali|alipay|zfb)(?:user)?(?:id|uid)$/;

/**
 * A flag about the data, not the data: `isBindPhoneNumber`, `has_openid`,
 * `is_force_access_user_info`, `needUserInfo`. Other verbs are left out on purpose: a Vuex getter
 * read as `getters.getUserInfo` is the profile itself, and a method called as `this.getOpenid()` is
 * no data of its object anyway (the data flow does not name a called method's object by it).
 */
const FLAG_NAME = /^(?:is|has|need|needs|can|should|show)(?:[A-Z_])/;

export function namesAFlag(name: string): boolean {
  return FLAG_NAME.test(name);
}

/**
 * The personal data a variable, property or storage key name stands for. Names are compared whole
 * (after dropping case and separators), or by a distinctive ending (`wxOpenId`, `$wechat_openId`),
 * so `has_phone` or `phoneCount` are not taken for phone numbers.
 */
export function personalDataOfName(name: string): PersonalDataType | undefined {
  if (namesAFlag(name)) return undefined;
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (n === '') return undefined;
  if (REFERRAL_ID.test(n) && (n.endsWith('openid') || n.endsWith('unionid') || n.endsWith('userid') || n.endsWith('uid'))) return undefined;
  if (n.endsWith('openid') || PLATFORM_USER_ID.test(n)) return 'openid';
  if (n.endsWith('unionid')) return 'unionid';
  if (n.endsWith('phonenumber') || PHONE.has(n) || OWNED_PHONE.test(n)) return 'phone';
  if (LOCATION.has(n)) return 'location';
  if (ADDRESS.test(n)) return 'address';
  if (n.endsWith('userinfo') || n.endsWith('nickname') || n.endsWith('avatarurl') || PROFILE.has(n) || PROFILE_RECORD.test(n) || REAL_NAME.test(n)) return 'user-profile';
  if (n.endsWith('deviceid') || DEVICE.has(n)) return 'device-id';
  if (n.endsWith('userid') || USER.has(n)) return 'user-id';
  return undefined;
}

// ---------------------------------------------------------------- expression helpers

export function unwrap(node: Node): Node {
  let current = unwrapTypeScript(node);
  while (current.type === 'ChainExpression') current = unwrapTypeScript(current.expression);
  return current;
}

/** `(0, x.default)` → `x.default`: the callee a bundler's interop call really calls. */
export function unwrapCallee(node: Node): Node {
  let current = unwrap(node);
  while (current.type === 'SequenceExpression' && current.expressions.length > 0) current = unwrap(current.expressions[current.expressions.length - 1]!);
  return current;
}

export interface Chain {
  root: Node;
  props: string[];
}

/** `a.b['c'].d` → root `a`, props [b, c, d]; undefined when a property is computed at run time. */
export function memberChain(node: Node): Chain | undefined {
  const props: string[] = [];
  let current = unwrapCallee(node);
  while (current.type === 'MemberExpression') {
    const name = staticPropertyName(current);
    if (name === undefined) return undefined;
    props.unshift(name);
    current = unwrapCallee(current.object);
  }
  return { root: current, props };
}

/**
 * `require('m')` behind TypeScript wrappers and optional chains. With the file's text, also a
 * webpack build's `__webpack_require__(/*! ./utils/sdk.js *\/ 26)`: a development build (uni-app's, with
 * webpack's path info) writes the request it compiled before the module's number.
 */
export function requireSpecifier(node: Node | null | undefined, text?: string): string | undefined {
  if (!node) return undefined;
  const call = unwrap(node);
  return requireCallSpecifier(call) ?? (text === undefined ? undefined : webpackRequestOf(call, text));
}

const WEBPACK_REQUEST = /^\s*\/\*!\s*(\S+)\s*\*\/\s*$/;

function webpackRequestOf(call: Node, text: string): string | undefined {
  if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier' || call.callee.name !== '__webpack_require__' || call.arguments.length !== 1) return undefined;
  const between = text.slice(call.callee.range[1] + 1, call.arguments[0]!.range[0]);
  return between.length < 300 ? WEBPACK_REQUEST.exec(between)?.[1] : undefined;
}

/** The module an initializer loads: `require(m)`, `require(m).default`, `interop(require(m))`, `interop(require(m)).default`. */
export function requiredModule(node: Node | null | undefined, text?: string): string | undefined {
  if (!node) return undefined;
  let current = unwrap(node);
  if (current.type === 'MemberExpression' && staticPropertyName(current) === 'default') current = unwrap(current.object);
  const direct = requireSpecifier(current, text);
  if (direct) return direct;
  if (current.type === 'CallExpression' && current.arguments.length === 1) return requireSpecifier(current.arguments[0], text);
  return undefined;
}

export function isGetAppCall(node: Node): boolean {
  const call = unwrap(node);
  return call.type === 'CallExpression' && unwrap(call.callee).type === 'Identifier' && (unwrap(call.callee) as TSESTree.Identifier).name === 'getApp';
}

export { propertyKey } from './property-key.js';

export function isFunction(node: Node): node is TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration {
  return node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'FunctionDeclaration';
}

export function hostOfUrl(text: string): string | undefined {
  const match = /^\s*(?:https?:|wss?:)?\/\/([a-z0-9.-]+)/i.exec(text);
  return match?.[1]?.toLowerCase();
}

export const BARE_HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i;

export function describeChain(chain: Chain): string {
  const root = chain.root.type === 'Identifier' ? chain.root.name
    : chain.root.type === 'ThisExpression' ? 'this'
    : chain.root.type === 'CallExpression' && isGetAppCall(chain.root) ? 'getApp()'
    : '…';
  return [root, ...chain.props].join('.');
}
