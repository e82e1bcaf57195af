import type { PlatformId } from '../types.js';

/**
 * Which calls show the user a permission dialog, which dialogs let the user choose, and which
 * open the settings page: what the permission-prompt analysis needs to know of each platform.
 */
export interface ChoiceDialog {
  /** The option that removes the cancel button when `false` (`showModal({ showCancel: false })`). */
  cancelOption?: string;
  /** The dialog has one button (Alipay `alert`): its callback runs whatever the user does. */
  oneButton?: true;
  /**
   * The dialog's `success` runs for either button, and this field of its result says which was tapped
   * (`res.confirm`): a `success` that never reads it (nor `cancel`) does the same whatever the user taps.
   */
  answerField?: string;
}

export interface PermissionPrompts {
  /** APIs whose call may open a permission dialog → what the dialog asks for, for messages. */
  prompts: Readonly<Record<string, string>>;
  /**
   * Prompts that stay silent when an option holds only these values (Alipay's
   * `getAuthCode({ scopes: 'auth_base' })` signs in without a dialog), or, `byDefault`, is left out.
   */
  silentWhen?: { readonly method: string; readonly option: string; readonly values: readonly string[]; readonly byDefault: boolean };
  /** Dialogs whose `success` runs only after the user taps a choice. */
  choiceDialogs: Readonly<Record<string, ChoiceDialog>>;
  /** The scope each prompt asks for, where the platform names one (`saveImageToPhotosAlbum` → `scope.writePhotosAlbum`): `authorize` with that scope asks for the same permission. */
  promptScopes?: Readonly<Record<string, string>>;
  /** APIs that open the app's permission settings page. */
  settingsPages: readonly string[];
  /** The settings page opens only after a tap (WeChat since base library 2.3.0): called on load, it fails. */
  settingsNeedTap?: true;
  source: string;
}

const WECHAT_SOURCE =
  'WeChat 授权 guide (developers.weixin.qq.com/miniprogram/dev/framework/open-ability/authorize.html): scope list and the APIs each scope guards; wx.showModal showCancel, wx.openSetting (from base library 2.3.0 it opens only after a user tap)';

/** WeChat's scope list (the 授权 guide): each scope and the APIs that ask for it. Baidu names the same scopes for the calls it shares. */
const WECHAT_SCOPES: Record<string, string> = {
  getLocation: 'scope.userLocation',
  getFuzzyLocation: 'scope.userFuzzyLocation',
  chooseLocation: 'scope.userLocation',
  choosePoi: 'scope.userLocation',
  startLocationUpdate: 'scope.userLocation',
  startLocationUpdateBackground: 'scope.userLocationBackground',
  chooseAddress: 'scope.address',
  chooseInvoiceTitle: 'scope.invoiceTitle',
  startRecord: 'scope.record',
  saveImageToPhotosAlbum: 'scope.writePhotosAlbum',
  saveVideoToPhotosAlbum: 'scope.writePhotosAlbum',
  getWeRunData: 'scope.werun',
  addPhoneContact: 'scope.addPhoneContact',
  addPhoneCalendar: 'scope.addPhoneCalendar',
  openBluetoothAdapter: 'scope.bluetooth',
};

/** Douyin's scope list (tt.authorize): the album is `scope.album`, not WeChat's `scope.writePhotosAlbum`. */
const DOUYIN_SCOPES: Record<string, string> = {
  getUserInfo: 'scope.userInfo',
  getLocation: 'scope.userLocation',
  chooseLocation: 'scope.userLocation',
  startLocationUpdate: 'scope.userLocation',
  chooseAddress: 'scope.address',
  saveImageToPhotosAlbum: 'scope.album',
  saveVideoToPhotosAlbum: 'scope.album',
};

/**
 * Baidu's scopes: WeChat's, and `scope.userInfo`, which Baidu still asks for when `swan.getUserInfo`
 * is first called (WeChat's getUserInfo has answered with anonymous data, without a dialog, since 2021).
 */
const BAIDU_SCOPES: Record<string, string> = { ...WECHAT_SCOPES, getUserInfo: 'scope.userInfo' };

const WECHAT_LIKE_DIALOGS: Record<string, ChoiceDialog> = { showModal: { cancelOption: 'showCancel', answerField: 'confirm' }, showActionSheet: {} };

const WECHAT_PROMPTS: PermissionPrompts = {
  prompts: {
    authorize: 'the permission its scope names',
    getLocation: 'the user\u2019s location',
    getFuzzyLocation: 'the user\u2019s approximate location',
    chooseLocation: 'the user\u2019s location',
    choosePoi: 'the user\u2019s location',
    startLocationUpdate: 'the user\u2019s location',
    startLocationUpdateBackground: 'the user\u2019s location in the background',
    chooseAddress: 'the user\u2019s address',
    chooseInvoiceTitle: 'the user\u2019s invoice title',
    startRecord: 'the microphone',
    saveImageToPhotosAlbum: 'the photo album',
    saveVideoToPhotosAlbum: 'the photo album',
    getWeRunData: 'the user\u2019s WeRun steps',
    addPhoneContact: 'the contacts',
    addPhoneCalendar: 'the calendar',
    openBluetoothAdapter: 'Bluetooth',
  },
  promptScopes: WECHAT_SCOPES,
  choiceDialogs: WECHAT_LIKE_DIALOGS,
  settingsPages: ['openSetting'],
  settingsNeedTap: true,
  source: WECHAT_SOURCE,
};

export const PERMISSION_PROMPTS: Readonly<Record<PlatformId, PermissionPrompts>> = {
  wechat: WECHAT_PROMPTS,
  qq: { ...WECHAT_PROMPTS, source: 'QQ mini-app 授权 docs (q.qq.com/wiki): the same scope list and qq.authorize, qq.openSetting as WeChat' },
  bytedance: {
    prompts: {
      authorize: 'the permission its scope names',
      getUserInfo: 'the user\u2019s profile',
      getLocation: 'the user\u2019s location',
      chooseLocation: 'the user\u2019s location',
      startLocationUpdate: 'the user\u2019s location',
      chooseAddress: 'the user\u2019s address',
      saveImageToPhotosAlbum: 'the photo album',
      saveVideoToPhotosAlbum: 'the photo album',
    },
    promptScopes: DOUYIN_SCOPES,
    choiceDialogs: WECHAT_LIKE_DIALOGS,
    settingsPages: ['openSetting'],
    source: 'Douyin open docs: tt.authorize scope list (scope.userInfo, scope.userLocation, scope.address, scope.album, scope.record, scope.camera), tt.getUserInfo (首次使用的用户会弹出授权提示窗: a dialog on first use), tt.showModal showCancel, tt.openSetting',
  },
  baidu: {
    prompts: {
      authorize: 'the permission its scope names',
      getUserInfo: 'the user\u2019s profile',
      getLocation: 'the user\u2019s location',
      chooseLocation: 'the user\u2019s location',
      chooseAddress: 'the user\u2019s address',
      chooseInvoiceTitle: 'the user\u2019s invoice title',
      saveImageToPhotosAlbum: 'the photo album',
      saveVideoToPhotosAlbum: 'the photo album',
    },
    promptScopes: BAIDU_SCOPES,
    choiceDialogs: WECHAT_LIKE_DIALOGS,
    settingsPages: ['openSetting'],
    source: 'Baidu smart-app docs (smartprogram.baidu.com): swan.authorize scope list, swan.getUserInfo (首次使用的用户会弹出授权提示窗: a dialog on first use), swan.showModal showCancel, swan.openSetting',
  },
  alipay: {
    prompts: {
      getAuthCode: 'the user\u2019s Alipay profile',
      getLocation: 'the user\u2019s location',
      chooseLocation: 'the user\u2019s location',
      saveImage: 'the photo album',
      saveImageToPhotosAlbum: 'the photo album',
      saveVideoToPhotosAlbum: 'the photo album',
    },
    // my.getAuthCode: auth_base is silent authorization (静默授权), and the default when scopes is left out; auth_user and the other scopes ask (主动授权).
    silentWhen: { method: 'getAuthCode', option: 'scopes', values: ['auth_base'], byDefault: true },
    choiceDialogs: { confirm: { answerField: 'confirm' }, showActionSheet: {}, showModal: { cancelOption: 'showCancel', answerField: 'confirm' }, alert: { oneButton: true } },
    settingsPages: ['openSetting'],
    source: 'Alipay open docs: my.getAuthCode scopes (auth_base 静默授权, auth_user 主动授权), my.getLocation, my.saveImage, my.confirm, my.alert (one button), my.openSetting',
  },
};
