import { FILE_SYSTEM_MANAGER_METHODS, LEGACY_FILE_APIS } from './file-system.js';
import { scopeRequirement, type ApiRequirement, type PlatformCatalog } from './types.js';

const SOURCE = 'Douyin mini-app docs: app.json permission; authorize scope list';

const scoped = (scope: string): ApiRequirement => scopeRequirement(scope, SOURCE);

/** ByteDance / Douyin (`tt.*`). */
export const bytedance: PlatformCatalog = {
  id: 'bytedance',
  displayName: 'ByteDance (Douyin)',
  globals: ['tt'],
  extensions: { template: ['.ttml'], style: ['.ttss'], templateScript: ['.sjs'] },
  markerFiles: ['project.tt.json'],
  hasRequiredPrivateInfos: false,
  shipsImportedNodeModules: false,
  apis: {
    getLocation: scoped('scope.userLocation'),
    openLocation: scoped('scope.userLocation'),
  },
  components: {},
  openTypes: {},
  scopes: {
    'scope.userLocation': { descriptionRequired: true, label: 'location' },
  },
  conflictingPrivateInfos: [],
  networkApis: { request: 'url', downloadFile: 'url', uploadFile: 'url', connectSocket: 'url' },
  // The bridge Toutiao/Douyin web views expose to pages; mini-app code has no documented use for it.
  bridgeGlobals: ['ToutiaoJSBridge'],
  hiddenApis: {},
  configGlobals: [],
  clipboardReadApis: ['getClipboardData'],
  fileSystem: {
    managerFactory: 'getFileSystemManager',
    managerMethods: FILE_SYSTEM_MANAGER_METHODS,
    apis: {
      saveFile: LEGACY_FILE_APIS['saveFile']!,
      getFileInfo: LEGACY_FILE_APIS['getFileInfo']!,
      removeSavedFile: LEGACY_FILE_APIS['removeSavedFile']!,
      openDocument: LEGACY_FILE_APIS['openDocument']!,
    },
    source: 'Douyin JS API 文件 pages: tt.saveFile, tt.getFileInfo, tt.openDocument, tt.removeSavedFile, tt.getFileSystemManager; tt.env.USER_DATA_PATH is ttfile://user, temp files ttfile://temp',
  },
};
