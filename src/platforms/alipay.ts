import { FILE_SYSTEM_MANAGER_METHODS, LEGACY_FILE_APIS, pathOptions } from './file-system.js';
import type { PlatformCatalog } from './types.js';

/**
 * Alipay (`my.*`). No manifest declaration equivalent to requiredPrivateInfos or permission
 * descriptions is documented, so the tables only record which APIs are privacy-relevant;
 * manifest rules do not fire on Alipay projects.
 */
export const alipay: PlatformCatalog = {
  id: 'alipay',
  displayName: 'Alipay',
  globals: ['my'],
  extensions: { template: ['.axml'], style: ['.acss'], templateScript: ['.sjs'] },
  markerFiles: ['mini.project.json'],
  hasRequiredPrivateInfos: false,
  // Alipay's npm guide: packages installed into node_modules are imported directly and packed with the app (no build step).
  shipsImportedNodeModules: true,
  apis: {},
  components: {},
  openTypes: {},
  scopes: {},
  conflictingPrivateInfos: [],
  networkApis: { request: 'url', httpRequest: 'url', downloadFile: 'url', uploadFile: 'url', connectSocket: 'url' },
  // Documented for H5 pages in Alipay's web container, not for mini-program code.
  bridgeGlobals: ['AlipayJSBridge'],
  hiddenApis: {},
  configGlobals: [],
  clipboardReadApis: ['getClipboard'],
  // WeChat's name: the shims of apps converted from WeChat (antmove's `_my`, wx2my) call my.getClipboard under it.
  clipboardReadShims: ['getClipboardData'],
  // Alipay's namespace file APIs name the path apFilePath; local files look like https://resource/….
  fileSystem: {
    managerFactory: 'getFileSystemManager',
    managerMethods: FILE_SYSTEM_MANAGER_METHODS,
    apis: {
      saveFile: pathOptions('apFilePath'),
      getFileInfo: pathOptions('apFilePath'),
      getSavedFileInfo: pathOptions('apFilePath'),
      removeSavedFile: pathOptions('apFilePath'),
      openDocument: LEGACY_FILE_APIS['openDocument']!,
    },
    source: 'Alipay 文件 API pages (my.saveFile, my.getFileInfo, my.getSavedFileInfo with apFilePath); my.getClipboard; removeSavedFile and openDocument options unverified',
  },
};
