import { FILE_SYSTEM_MANAGER_METHODS, LEGACY_FILE_APIS } from './file-system.js';
import { scopeRequirement, type ApiRequirement, type PlatformCatalog } from './types.js';

const PRIVATE_INFO_DOC =
  'WeChat app.json requiredPrivateInfos (mandatory since 2022-07-14); miniprogram-ci 2.1.42 manifest checks';
const AUTHORIZE_DOC = 'WeChat open-ability authorize scope list; AuthSetting in wechat-miniprogram/api-typings';

function privateInfo(scope?: string): ApiRequirement {
  return scope
    ? { requiredPrivateInfo: true, scope, source: `${PRIVATE_INFO_DOC}; ${AUTHORIZE_DOC}` }
    : { requiredPrivateInfo: true, source: PRIVATE_INFO_DOC };
}

const scoped = (scope: string): ApiRequirement => scopeRequirement(scope, AUTHORIZE_DOC);

/**
 * WeChat (`wx.*`). QQ and other WeChat-compatible runtimes reuse large parts of this table.
 * chooseLocation, choosePoi and chooseAddress are user-driven pickers: they must be listed in
 * requiredPrivateInfos but the authorize docs do not bind them to scope.userLocation, so they
 * carry no scope here (the API typings disagree for chooseLocation; precision wins).
 */
export const wechat: PlatformCatalog = {
  id: 'wechat',
  displayName: 'WeChat',
  globals: ['wx'],
  extensions: { template: ['.wxml'], style: ['.wxss'], templateScript: ['.wxs'] },
  markerFiles: ['project.config.json'],
  hasRequiredPrivateInfos: true,
  // WeChat's npm guide: node_modules is not uploaded; packages are built into miniprogram_npm, read as shipped code.
  shipsImportedNodeModules: false,
  apis: {
    getFuzzyLocation: privateInfo('scope.userFuzzyLocation'),
    getLocation: privateInfo('scope.userLocation'),
    onLocationChange: privateInfo(),
    startLocationUpdate: privateInfo('scope.userLocation'),
    startLocationUpdateBackground: privateInfo('scope.userLocationBackground'),
    chooseAddress: privateInfo(),
    choosePoi: privateInfo(),
    chooseLocation: privateInfo(),
    startRecord: scoped('scope.record'),
    joinVoIPChat: scoped('scope.record'),
    createVKSession: scoped('scope.camera'),
    openBluetoothAdapter: scoped('scope.bluetooth'),
    createBLEPeripheralServer: scoped('scope.bluetooth'),
    saveImageToPhotosAlbum: scoped('scope.writePhotosAlbum'),
    saveVideoToPhotosAlbum: scoped('scope.writePhotosAlbum'),
    addPhoneContact: scoped('scope.addPhoneContact'),
    addPhoneCalendar: scoped('scope.addPhoneCalendar'),
    addPhoneRepeatCalendar: scoped('scope.addPhoneCalendar'),
    getWeRunData: scoped('scope.werun'),
  },
  components: {
    camera: scoped('scope.camera'),
    'live-pusher': scoped('scope.camera'),
  },
  openTypes: {},
  scopes: {
    'scope.userLocation': { descriptionRequired: true, label: 'precise location' },
    'scope.userFuzzyLocation': { descriptionRequired: true, label: 'approximate location' },
    'scope.userLocationBackground': { descriptionRequired: false, label: 'background location' },
    'scope.record': { descriptionRequired: false, label: 'microphone' },
    'scope.camera': { descriptionRequired: false, label: 'camera' },
    'scope.bluetooth': { descriptionRequired: false, label: 'Bluetooth' },
    'scope.writePhotosAlbum': { descriptionRequired: false, label: 'photo album' },
    'scope.addPhoneContact': { descriptionRequired: false, label: 'contacts' },
    'scope.addPhoneCalendar': { descriptionRequired: false, label: 'calendar' },
    'scope.werun': { descriptionRequired: false, label: 'WeRun step data' },
  },
  conflictingPrivateInfos: [
    ['getFuzzyLocation', ['getLocation', 'onLocationChange', 'startLocationUpdate', 'startLocationUpdateBackground']],
  ],
  networkApis: { request: 'url', downloadFile: 'url', uploadFile: 'url', connectSocket: 'url' },
  bridgeGlobals: ['WeixinJSBridge'],
  hiddenApis: {
    invoke: 'private entry point into the native bridge, absent from the API reference and typings',
  },
  configGlobals: ['__wxConfig'],
  clipboardReadApis: ['getClipboardData'],
  fileSystem: {
    managerFactory: 'getFileSystemManager',
    managerMethods: FILE_SYSTEM_MANAGER_METHODS,
    apis: LEGACY_FILE_APIS,
    source: 'wechat-miniprogram/api-typings FileSystemManager; WeChat 文件系统 guide (wx.env.USER_DATA_PATH is wxfile://usr, http://usr in DevTools)',
  },
};
