/**
 * Methods only the platform's API object has (same names on wx, my, tt, swan, qq, uni, Taro):
 * storage, UI feedback, routing, device and payment calls. An object on which code calls two of
 * them is the platform object under another name, as compilers leave it: uni-app hands `uni` to
 * each page as a parameter (`(function (e) { e.setStorageSync(…) }).call(this, n("543d").default)`),
 * and apps keep it on App (`getApp().core.setStorageSync(…)`). Names a wrapper is also likely
 * to have on its own (`request`, `login`, `getUserInfo`) are left out.
 *
 * Source: wechat-miniprogram/api-typings (lib.wx.api.d.ts, interface Wx); the same names in the
 * Alipay, Douyin, Baidu, QQ and uni-app API references.
 */
export const DISTINCTIVE_PLATFORM_METHODS: ReadonlySet<string> = new Set([
  'setStorageSync', 'getStorageSync', 'removeStorageSync', 'clearStorageSync', 'getStorageInfoSync', 'setStorage', 'getStorage', 'removeStorage',
  'showToast', 'hideToast', 'showModal', 'showLoading', 'hideLoading', 'showActionSheet',
  'navigateTo', 'redirectTo', 'reLaunch', 'switchTab', 'navigateBack', 'navigateToMiniProgram',
  'setNavigationBarTitle', 'setNavigationBarColor', 'stopPullDownRefresh', 'startPullDownRefresh', 'pageScrollTo', 'createSelectorQuery',
  'getSystemInfoSync', 'getSystemInfo', 'getLocation', 'chooseLocation', 'openLocation', 'chooseImage', 'chooseMedia', 'previewImage', 'saveImageToPhotosAlbum',
  'makePhoneCall', 'scanCode', 'setClipboardData', 'getClipboardData', 'vibrateShort',
  'requestPayment', 'getSetting', 'openSetting', 'authorize', 'getUserProfile', 'requestSubscribeMessage',
  'getLaunchOptionsSync', 'getEnterOptionsSync', 'getUpdateManager', 'getRealtimeLogManager',
]);

/** How many different such methods make an object the platform object. */
export const PLATFORM_OBJECT_EVIDENCE = 2;
