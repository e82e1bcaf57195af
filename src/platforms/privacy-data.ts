import type { PlatformId, UsageKind } from '../types.js';

/**
 * Kinds of personal data a mini-app can collect through platform interfaces or hand to a tracker.
 * The ids are stable: they appear in finding properties and in the privacy summary.
 */
export type PersonalDataType =
  | 'openid'
  | 'unionid'
  | 'user-id'
  | 'device-id'
  | 'phone'
  | 'location'
  | 'address'
  | 'user-profile'
  | 'photos'
  | 'files'
  | 'camera'
  | 'microphone'
  | 'bluetooth'
  | 'contacts'
  | 'calendar'
  | 'album-write'
  | 'werun'
  | 'invoice'
  | 'licence-plate'
  | 'clipboard';

/** Human labels for messages ("the user's phone number"). */
export const PERSONAL_DATA_LABELS: Readonly<Record<PersonalDataType, string>> = {
  openid: 'openid',
  unionid: 'unionid',
  'user-id': 'user id',
  'device-id': 'device id',
  phone: 'phone number',
  location: 'location',
  address: 'postal address',
  'user-profile': 'profile (nickname, avatar, gender)',
  photos: 'chosen photos and videos',
  files: 'chosen files',
  camera: 'camera',
  microphone: 'microphone',
  bluetooth: 'Bluetooth',
  contacts: 'contacts (write)',
  calendar: 'calendar (write)',
  'album-write': 'photo album (write)',
  werun: 'WeRun step count',
  invoice: 'invoice details',
  'licence-plate': 'licence plate',
  clipboard: 'clipboard',
};

/** One interface (API, component, button open-type, input type) that hands personal data to the mini-app. */
export interface PrivacyInterface {
  kind: UsageKind;
  /** As in `Usage.name`: `getLocation`, `camera`, `getPhoneNumber`, `nickname`. */
  name: string;
  data: PersonalDataType;
}

export interface PlatformPrivacy {
  platform: PlatformId;
  /**
   * The platform gates privacy interfaces behind a privacy-agreement consent that the mini-app can
   * drive itself (WeChat since 2023-10-17, Douyin since base library 3.19.0).
   */
  hasConsentFlow: boolean;
  /** APIs whose use shows the mini-app handles consent (`onNeedPrivacyAuthorization`, `requirePrivacyAuthorize`). */
  consentApis: readonly string[];
  /** The API that registers the consent handler whose first argument is `resolve`. */
  consentHandlerApi?: string;
  /** The button open-type the user taps to agree. */
  consentOpenType?: string;
  /**
   * The gate is on only for mini-apps whose app.json opts in with this key set to true (Alipay's
   * `usePrivacyCheck`); absent where the platform turns it on for every app.
   */
  consentOptIn?: string;
  interfaces: readonly PrivacyInterface[];
  /** False when the interface list comes from secondary sources or is partial. */
  verified: boolean;
  source: string;
}

/**
 * Whether the platform pauses privacy interfaces for this mini-app until the user agrees: always on
 * WeChat and Douyin (whose apps created after 2024-03-25 cannot turn it off, and whose creation date a
 * bundle does not carry), on Alipay only when app.json opts in.
 */
export function consentGateApplies(privacy: PlatformPrivacy, optedIn: boolean | undefined): boolean {
  return privacy.hasConsentFlow && (privacy.consentOptIn === undefined || optedIn === true);
}

const api = (name: string, data: PersonalDataType): PrivacyInterface => ({ kind: 'api', name, data });
const component = (name: string, data: PersonalDataType): PrivacyInterface => ({ kind: 'component', name, data });
const openType = (name: string, data: PersonalDataType): PrivacyInterface => ({ kind: 'open-type', name, data });

const WECHAT_CONSENT = {
  hasConsentFlow: true,
  consentApis: ['onNeedPrivacyAuthorization', 'requirePrivacyAuthorize'],
  consentHandlerApi: 'onNeedPrivacyAuthorization',
  consentOpenType: 'agreePrivacyAuthorization',
} as const;

/** WeChat's privacy interfaces, grouped as in "小程序用户隐私保护指引内容介绍". */
const WECHAT_INTERFACES: readonly PrivacyInterface[] = [
  openType('chooseAvatar', 'user-profile'),
  { kind: 'input-type', name: 'nickname', data: 'user-profile' },
  api('getUserInfo', 'user-profile'),
  api('getUserProfile', 'user-profile'),
  // Withdrawn since 2022 (anonymous data), and still in the guide's table.
  openType('getUserInfo', 'user-profile'),
  api('getLocation', 'location'),
  api('startLocationUpdate', 'location'),
  api('startLocationUpdateBackground', 'location'),
  api('getFuzzyLocation', 'location'),
  api('onLocationChange', 'location'),
  api('choosePoi', 'location'),
  api('chooseLocation', 'location'),
  api('chooseAddress', 'address'),
  api('chooseInvoice', 'invoice'),
  api('chooseInvoiceTitle', 'invoice'),
  api('getWeRunData', 'werun'),
  openType('getPhoneNumber', 'phone'),
  openType('getRealtimePhoneNumber', 'phone'),
  api('chooseLicensePlate', 'licence-plate'),
  api('chooseImage', 'photos'),
  api('chooseMedia', 'photos'),
  api('chooseVideo', 'photos'),
  api('chooseMessageFile', 'files'),
  api('startRecord', 'microphone'),
  api('getRecorderManager', 'microphone'),
  api('joinVoIPChat', 'microphone'),
  api('createVKSession', 'camera'),
  component('camera', 'camera'),
  component('live-pusher', 'camera'),
  component('voip-room', 'camera'),
  api('openBluetoothAdapter', 'bluetooth'),
  api('createBLEPeripheralServer', 'bluetooth'),
  api('saveImageToPhotosAlbum', 'album-write'),
  api('saveVideoToPhotosAlbum', 'album-write'),
  api('addPhoneContact', 'contacts'),
  api('addPhoneCalendar', 'calendar'),
  api('addPhoneRepeatCalendar', 'calendar'),
  api('getClipboardData', 'clipboard'),
];

/**
 * Privacy interfaces and consent APIs per platform. WeChat's list is the official table; the
 * others are partial and marked unverified.
 */
export const PLATFORM_PRIVACY: Readonly<Record<PlatformId, PlatformPrivacy>> = {
  wechat: {
    platform: 'wechat',
    ...WECHAT_CONSENT,
    interfaces: WECHAT_INTERFACES,
    verified: true,
    source:
      'WeChat 小程序隐私协议开发指南 (PrivacyAuthorize) and 用户隐私保护指引内容介绍; wx.onNeedPrivacyAuthorization API page (resolve must be called)',
  },
  bytedance: {
    platform: 'bytedance',
    ...WECHAT_CONSENT,
    interfaces: [
      api('getUserProfile', 'user-profile'),
      api('getUserInfo', 'user-profile'),
      // The avatar and nickname fill-in of WeChat, which Douyin apps use in .ttml as well (not in the pages we could read).
      openType('chooseAvatar', 'user-profile'),
      { kind: 'input-type', name: 'nickname', data: 'user-profile' },
      openType('getPhoneNumber', 'phone'),
      api('chooseAddress', 'address'),
      api('getLocation', 'location'),
      api('chooseLocation', 'location'),
      api('getClipboardData', 'clipboard'),
      api('addPhoneCalendar', 'calendar'),
      api('getRecorderManager', 'microphone'),
      component('camera', 'camera'),
      api('chooseImage', 'photos'),
      api('chooseVideo', 'photos'),
      api('saveImageToPhotosAlbum', 'album-write'),
      api('saveVideoToPhotosAlbum', 'album-write'),
    ],
    verified: false,
    source:
      'Douyin 小程序隐私协议开发指南 (developer.open-douyin.com …/security-requirements/privacy-authorize: app.json usePrivacyCheck, base library 3.19.0+, on for every mini-app created after 2024-03-25) ' +
      'and the tt.getPrivacySetting, tt.onNeedPrivacyAuthorization, tt.requirePrivacyAuthorize and tt.openPrivacyContract pages (consent APIs verified); interface list by data type from the privacy-agreement page, API names partly unverified',
  },
  qq: {
    platform: 'qq',
    hasConsentFlow: false,
    consentApis: [],
    interfaces: WECHAT_INTERFACES.filter((entry) => ['getLocation', 'chooseLocation', 'chooseAddress', 'getUserInfo', 'getPhoneNumber', 'chooseImage', 'chooseVideo', 'camera'].includes(entry.name)),
    verified: false,
    source: 'QQ mini-program API mirrors WeChat; no privacy-agreement consent API verified',
  },
  alipay: {
    platform: 'alipay',
    hasConsentFlow: true,
    // onNeedPrivacyAuthorization and the agree button: 小程序隐私协议开发指南 (opendocs.alipay.com/mini/0ba4k9) and
    // my.onNeedPrivacyAuthorization (0b1ucc), read through a copy that lowercases names; requirePrivacyAuthorize only
    // in third-party wrappers. Counting an unconfirmed API as evidence of a flow can only silence a finding.
    consentApis: ['onNeedPrivacyAuthorization', 'requirePrivacyAuthorize'],
    consentHandlerApi: 'onNeedPrivacyAuthorization',
    consentOpenType: 'agreePrivacyAuthorization',
    consentOptIn: 'usePrivacyCheck',
    interfaces: [
      api('getLocation', 'location'),
      api('chooseLocation', 'location'),
      api('getPhoneNumber', 'phone'),
      openType('getAuthorize:phoneNumber', 'phone'),
      openType('getAuthorize:userInfo', 'user-profile'),
      api('getOpenUserInfo', 'user-profile'),
      api('getAuthUserInfo', 'user-profile'),
      api('chooseImage', 'photos'),
      api('chooseVideo', 'photos'),
      api('getClipboard', 'clipboard'),
      component('camera', 'camera'),
    ],
    verified: false,
    source:
      'Alipay open-API docs (getPhoneNumber, getOpenUserInfo, getAuthorize button scopes); privacy gate: 小程序隐私协议开发指南 (opendocs.alipay.com/mini/0ba4k9: app.json usePrivacyCheck, opt-in, client 10.5.50+), ' +
      'my.getPrivacySetting (0b1o5r) and my.openPrivacyContract (0b1na1) as listed in ant-mini-program/alipay-ai-skills, my.onNeedPrivacyAuthorization (0b1ucc)',
  },
  baidu: {
    platform: 'baidu',
    hasConsentFlow: false,
    consentApis: [],
    interfaces: [
      api('getLocation', 'location'),
      api('chooseLocation', 'location'),
      api('chooseAddress', 'address'),
      api('getUserInfo', 'user-profile'),
      openType('getPhoneNumber', 'phone'),
      api('chooseImage', 'photos'),
      api('chooseVideo', 'photos'),
      component('camera', 'camera'),
    ],
    verified: false,
    source: 'Baidu smart mini-program authorize scope list (scope.userLocation, scope.userInfo, scope.address, scope.camera)',
  },
};

const INDEXES = new Map<PlatformId, ReadonlyMap<string, PrivacyInterface>>();

/** `kind:name` → interface, built once per platform. */
export function privacyInterfaces(platform: PlatformId): ReadonlyMap<string, PrivacyInterface> {
  let index = INDEXES.get(platform);
  if (!index) {
    index = new Map(PLATFORM_PRIVACY[platform].interfaces.map((entry) => [`${entry.kind}:${entry.name}`, entry]));
    INDEXES.set(platform, index);
  }
  return index;
}

/** The personal data a usage collects on this platform, if it is a privacy interface. */
export function privacyInterfaceOf(platform: PlatformId, kind: UsageKind, name: string): PrivacyInterface | undefined {
  return privacyInterfaces(platform).get(`${kind}:${name}`);
}
