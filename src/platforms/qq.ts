import { FILE_SYSTEM_MANAGER_METHODS, LEGACY_FILE_APIS } from './file-system.js';
import { scopeRequirement, type ApiRequirement, type PlatformCatalog } from './types.js';

const SOURCE = 'QQ mini-program docs: app.json permission, scope.userLocation needs a purpose';

const scoped = (scope: string): ApiRequirement => scopeRequirement(scope, SOURCE);

/** QQ (`qq.*`; the runtime also answers to `wx`). */
export const qq: PlatformCatalog = {
  id: 'qq',
  displayName: 'QQ',
  globals: ['qq', 'wx'],
  extensions: { template: ['.qml'], style: ['.qss'], templateScript: ['.qs'] },
  markerFiles: [],
  hasRequiredPrivateInfos: false,
  shipsImportedNodeModules: false,
  apis: {
    getLocation: scoped('scope.userLocation'),
  },
  components: {},
  openTypes: {},
  scopes: {
    'scope.userLocation': { descriptionRequired: true, label: 'location' },
  },
  conflictingPrivateInfos: [],
  networkApis: { request: 'url', downloadFile: 'url', uploadFile: 'url', connectSocket: 'url' },
  // No QQ-specific bridge or private members are documented; code reaching `wx` is judged by the WeChat table.
  bridgeGlobals: [],
  hiddenApis: {},
  configGlobals: ['__wxConfig'],
  clipboardReadApis: ['getClipboardData'],
  // QQ's 文件系统 guide copies WeChat's: qq.getFileSystemManager(), qq.env.USER_DATA_PATH.
  fileSystem: {
    managerFactory: 'getFileSystemManager',
    managerMethods: FILE_SYSTEM_MANAGER_METHODS,
    apis: LEGACY_FILE_APIS,
    source: 'QQ mini-program 文件系统 guide (qq.getFileSystemManager, qq.env.USER_DATA_PATH)',
  },
};
