import { namesAFlag, personalDataOfName } from '../trackers.js';
import type { FlowLabel } from '../../platforms/flows.js';

/**
 * Credentials by name: tokens, session keys and ids, passwords (`pwd`, `psw`, `pswd` too), cookies, an `auth` or `loginAuth`
 * (compared without case and separators), a key requests are signed with (`digestKey`, `signKey`, `secretKey`), and `3rd_session`, WeChat's name for the login state an app's server issues. A login
 * code (`authCode`) is not one: it is single-use.
 */
const CREDENTIAL = /(?:^|access|refresh|auth|session|user|login|id|api|jwt|bearer|csrf|xsrf)token$|^token$|sessionkey$|sessionid$|^(?:third|3rd)session$|^sid$|^skey$|(?:digest|sign|signing|secret|hmac|private)key$|password$|passwd$|^pwd$|psw$|pswd$|cookie$|^jwt$|(?:^|pass|login|auth|session|access|service)ticket$|^(?:login)?auth$/;
/**
 * A token under the app's or the service's own name (`juniuToken`, `wapToken`, `app-token`): a login
 * token, unless the name says it is for something else (a push or device token, a page cursor, a
 * cart or order the server looks up).
 */
const OWNED_TOKEN = /^[a-z][a-z0-9]{1,15}token$/;
const NOT_A_CREDENTIAL_TOKEN = /^(?:need|has|is|no|use|with|without|check|valid|show|get|set|should|can|must|require|auto|enable|disable|ignore|skip)|(?:device|push|apns|fcm|page|next|prev|continuation|cancel|cancellation|sync|notify|notification|msg|message|form|submit|captcha|share|theme|design|color|style|font|layout|test|mock|fake|dummy|default|empty|split|parse|cart|order|checkout|coupon|invite|invitation)token$/;
/**
 * A session id that the name says belongs to something other than a login: a device's pairing or
 * provisioning run, a request or trace, a chat or call, a recording (`deviceSessionId`, `traceSessionId`).
 */
const NOT_A_LOGIN_SESSION = /(?:device|trace|track|tracking|request|req|log|upload|download|ble|bluetooth|(?<!we)chat|conversation|dialog|live|room|call|video|voice|speech|record|recording|analytics|stat|stats|network|wifi|pair|pairing|bind|game|player|search|bot|agent)sessionid$/;
const LETTER_ID = /^[a-z]Id$/;
const ID_NUMBER = /^(?:id|identity|citizen)(?:card)(?:no|num|number)?$|^idno$|^idnumber$|^sfz(?:h|hm)?$/;

/**
 * The sensitive data a variable, property or storage key name stands for, if any: personal data
 * types as the tracker detector knows them, plus credentials and identity-card numbers. Whole names
 * or distinctive endings only, so `tokenExpire`, `hasPhone` and `phoneCount` name nothing.
 */
export function sensitiveNameLabel(name: string): FlowLabel | undefined {
  if (namesAFlag(name)) return undefined;
  const normalised = plainName(name);
  if (normalised === '') return undefined;
  if (ID_NUMBER.test(normalised)) return 'id-number';
  // `sid` and `SID` name a session; `sId` is the id of an `s` (a show, a shop, a store).
  if (LETTER_ID.test(name)) return undefined;
  if ((CREDENTIAL.test(normalised) && !NOT_A_LOGIN_SESSION.test(normalised)) || (OWNED_TOKEN.test(normalised) && !NOT_A_CREDENTIAL_TOKEN.test(normalised))) return 'credential';
  const personal = personalDataOfName(name);
  return personal === 'device-id' || personal === 'user-id' ? undefined : personal;
}

/** A login account's name (`username`, `loginName`): the policy counts it kept in storage, though as a variable it is as often a group's or a shop's name. */
const ACCOUNT_NAME = /^(?:user|login|account)name$/;

/**
 * The user's login session kept whole (`sessionData`, `wxSession`, `laravel_session`): the policy
 * counts a session kept in storage. A bare `session` says too little: as often a chat's, or any
 * value a cache module calls so.
 */
const SESSION_RECORD = /^(?:wx|we|user|login|my|app|mp|laravel|php)session(?:data|info)?$|^session(?:data|info)$/;

/** What a storage key, or a name the stored value or its entry's fields are written with, says the entry holds. */
export function storedDataLabel(name: string): FlowLabel | undefined {
  return storedNameLabel(name) ?? storedNameLabel(withoutKeySuffix(name));
}

function storedNameLabel(name: string): FlowLabel | undefined {
  const plain = plainName(name);
  return sensitiveNameLabel(name) ?? (ACCOUNT_NAME.test(plain) ? 'user-profile' : SESSION_RECORD.test(plain) ? 'credential' : undefined);
}

/**
 * `USER_INFO_KEY`, `wx_session_data_key`: a key's constant name often says it is a key; what it keeps
 * is the rest. Not `mobileKey`, which as often names a key made from the mobile (its hash).
 */
function withoutKeySuffix(name: string): string {
  return name.replace(/[_-](?:key|KEY|Key)$/, '');
}

/** A whole user record by its name (`userInfo`, `memberInfo`, `loginInfo`), as opposed to one value of it (`nickName`). */
const RECORD_NAME = /userinfo$|^(?:my|current|login)?(?:memberinfo|userdetail)(?:more|detail|details|data|all|full)?$|^(?:userdata|logininfo)$/;

export function namesARecord(name: string): boolean {
  return RECORD_NAME.test(plainName(name));
}

/** A name compared without case or separators: `user_name`, `userName` → `username`. */
function plainName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
