import type { PlatformId } from '../types.js';
import type { PersonalDataType } from './privacy-data.js';

/**
 * The categories a developer declares in a platform's privacy guide, and which privacy interfaces
 * make each one required. `minivet privacy-label` groups what the code collects by these, and
 * `--declared` compares them with the developer's declaration.
 */

export interface PrivacyCategory {
  /** The platform's own key where it has one (WeChat's `privacy_key`), else a stable id of ours. */
  key: string;
  /** The category as the platform's form names it. */
  label: string;
  english: string;
  /** Personal data types whose interfaces fall in this category. */
  data: readonly PersonalDataType[];
  /** Only these interfaces (by name), when the category takes part of a data type (WeChat's chosen location). */
  only?: readonly string[];
  /** APIs the category gates that hand the app no personal data (writing the clipboard, starting a sensor). */
  gated?: readonly string[];
  /** False when the key or the mapping comes from secondary sources. */
  confirmed: boolean;
}

export interface PlatformCategories {
  categories: readonly PrivacyCategory[];
  /** Keys a developer may declare for data the code collects without a privacy interface (forms, orders). */
  declaredOnly: readonly string[];
  source: string;
}

const category = (key: string, label: string, english: string, data: readonly PersonalDataType[], confirmed = true, only?: readonly string[]): PrivacyCategory => ({
  key,
  label,
  english,
  data,
  confirmed,
  ...(only && { only }),
});

const gatedOnly = (key: string, label: string, english: string, gated: readonly string[], confirmed: boolean): PrivacyCategory => ({ key, label, english, data: [], confirmed, gated });

/** Listed before `Location`: chooseLocation and choosePoi are their own category. */
const WECHAT: PlatformCategories = {
  categories: [
    category('UserInfo', '用户信息（微信昵称、头像）', 'nickname and avatar', ['user-profile']),
    category('ChooseLocation', '选择的位置信息', 'chosen location', ['location'], false, ['chooseLocation', 'choosePoi']),
    category('Location', '位置信息', 'location', ['location']),
    category('Address', '地址', 'postal address', ['address']),
    category('Invoice', '发票信息', 'invoice details', ['invoice']),
    category('RunData', '微信运动步数', 'WeRun step count', ['werun']),
    category('PhoneNumber', '手机号', 'phone number', ['phone']),
    category('LicensePlate', '车牌号', 'licence plate', ['licence-plate']),
    category('Album', '选中的照片或视频信息', 'chosen photos and videos', ['photos']),
    category('MessageFile', '选中的文件', 'chosen files', ['files'], false),
    category('Record', '麦克风', 'microphone', ['microphone']),
    category('Camera', '摄像头', 'camera', ['camera']),
    category('BlueTooth', '蓝牙', 'Bluetooth', ['bluetooth']),
    category('AlbumWriteOnly', '相册（仅写入）权限', 'photo album (write)', ['album-write']),
    category('Contact', '通讯录（仅写入）权限', 'contacts (write)', ['contacts']),
    category('CalendarWriteOnly', '日历（仅写入）权限', 'calendar (write)', ['calendar']),
    { ...category('Clipboard', '剪切板', 'clipboard', ['clipboard'], false), gated: ['setClipboardData'] },
    gatedOnly('Accelerometer', '加速传感器', 'accelerometer', ['startAccelerometer'], false),
    gatedOnly('Compass', '磁场传感器', 'compass', ['startCompass'], false),
    gatedOnly('DeviceMotion', '方向传感器', 'device orientation', ['startDeviceMotionListening'], false),
    gatedOnly('Gyroscope', '陀螺仪传感器', 'gyroscope', ['startGyroscope'], false),
  ],
  declaredOnly: ['DeviceInfo', 'EXIDNumber', 'EXOrderInfo', 'EXUserPublishContent', 'EXUserFollowAcct', 'EXUserOpLog', 'Email'],
  source:
    'WeChat 用户隐私保护指引内容介绍 (developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/miniprogram-intro.html) for the interfaces of each category; ' +
    'the privacy_key names of the getprivacysetting/setprivacysetting API (developers.weixin.qq.com/doc/oplatform/openApi/miniprogram-management/privacy-management/api_getprivacysetting), ' +
    'confirmed by a published getprivacysetting response for keys 1-20; MessageFile, ChooseLocation, Clipboard and the sensor keys from SDK enums and third-party lists only',
};

const DOUYIN: PlatformCategories = {
  categories: [
    category('user-profile', '用户头像、昵称', 'avatar and nickname', ['user-profile']),
    category('phone', '手机号', 'phone number', ['phone']),
    category('address', '通讯地址', 'postal address', ['address']),
    category('location', '地理位置', 'location', ['location']),
    { ...category('clipboard', '剪切板', 'clipboard', ['clipboard']), gated: ['setClipboardData'] },
    category('calendar', '日历', 'calendar', ['calendar']),
    category('microphone', '麦克风', 'microphone', ['microphone']),
    category('camera', '相机', 'camera', ['camera', 'photos'], false),
    category('album', '相册', 'photo album', ['album-write'], false),
  ],
  declaredOnly: ['phone-call', 'face-recognition', 'accelerometer', 'compass', 'gyroscope', 'wifi', 'douyin-account', 'wallet-verification'],
  source:
    'Douyin 配置隐私协议 (developer.open-douyin.com/docs/resource/zh-CN/mini-app/open-capacity/basic-capacities/privacy-agreement) for the category names; ' +
    'its interface column did not survive, so interfaces follow the AuthSetting scopes (…/develop/api/open-interface/set/auth-setting): unconfirmed where marked',
};

/** Platforms without a published category list we could confirm: one category per data type, keyed by our ids. */
function byDataType(source: string): PlatformCategories {
  const types: readonly [PersonalDataType, string][] = [
    ['user-profile', 'profile'],
    ['phone', 'phone number'],
    ['location', 'location'],
    ['address', 'postal address'],
    ['photos', 'chosen photos and videos'],
    ['camera', 'camera'],
    ['microphone', 'microphone'],
    ['clipboard', 'clipboard'],
    ['bluetooth', 'Bluetooth'],
    ['album-write', 'photo album (write)'],
    ['contacts', 'contacts (write)'],
    ['calendar', 'calendar (write)'],
    ['invoice', 'invoice details'],
    ['werun', 'step count'],
    ['files', 'chosen files'],
    ['licence-plate', 'licence plate'],
  ];
  return { categories: types.map(([type, english]) => category(type, english, english, [type], false)), declaredOnly: [], source };
}

export const PRIVACY_CATEGORIES: Readonly<Record<PlatformId, PlatformCategories>> = {
  wechat: WECHAT,
  qq: { ...WECHAT, source: `QQ mirrors WeChat's API; WeChat's categories are used. ${WECHAT.source}` },
  bytedance: DOUYIN,
  alipay: byDataType('Alipay 小程序隐私政策 (控制台 → 小程序信息 → 基础设置) publishes no category list we could confirm; one category per data type'),
  baidu: byDataType('Baidu publishes no privacy-guide category list we could confirm; one category per data type'),
};

/** The category that gates an API handing the app no personal data (`setClipboardData`, `startGyroscope`). */
export function gatingCategoryOf(platform: PlatformId, api: string): PrivacyCategory | undefined {
  return PRIVACY_CATEGORIES[platform].categories.find((entry) => entry.gated?.includes(api));
}

/** The category an interface's data falls in on this platform. */
export function categoryOf(platform: PlatformId, data: PersonalDataType, interfaceName: string): PrivacyCategory | undefined {
  return PRIVACY_CATEGORIES[platform].categories.find((entry) => entry.data.includes(data) && (!entry.only || entry.only.includes(interfaceName)));
}
