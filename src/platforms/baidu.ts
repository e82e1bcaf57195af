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
  // Baidu's own extended component library says to npm-install it and name its components by package path
  // in usingComponents (`"smt-icon": "@smt-ui/component/src/icon"`, @smt-ui/component README), with no build step.
  shipsImportedNodeModules: true,
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
