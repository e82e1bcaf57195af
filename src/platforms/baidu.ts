import { FILE_SYSTEM_MANAGER_METHODS, LEGACY_FILE_APIS } from './file-system.js';
import type { PlatformCatalog } from './types.js';

/** Baidu (`swan.*`). No documented manifest purpose strings: the manifest rules stay quiet here. */
export const baidu: PlatformCatalog = {
  id: 'baidu',
  displayName: 'Baidu',
  globals: ['swan'],
  extensions: { template: ['.swan'], style: ['.css'], templateScript: ['.sjs', '.filter.js'] },
  markerFiles: ['project.swan.json'],
  hasRequiredPrivateInfos: false,
  shipsImportedNodeModules: false,
  apis: {},
  components: {},
  openTypes: {},
  scopes: {},
  conflictingPrivateInfos: [],
  networkApis: { request: 'url', downloadFile: 'url', uploadFile: 'url', connectSocket: 'url' },
  bridgeGlobals: [],
  hiddenApis: {},
  configGlobals: [],
  clipboardReadApis: ['getClipboardData'],
  fileSystem: {
    managerFactory: 'getFileSystemManager',
    managerMethods: FILE_SYSTEM_MANAGER_METHODS,
    apis: LEGACY_FILE_APIS,
    source: 'Baidu smart mini-program file-system notes (swan.getFileSystemManager, swan.env.USER_DATA_PATH, bdfile://tmp temp files; parent directories refused); namespace file APIs partly unverified',
  },
};
