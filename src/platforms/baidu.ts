import type { PlatformCatalog } from './types.js';

/** Baidu (`swan.*`). No documented manifest purpose strings: the manifest rules stay quiet here. */
export const baidu: PlatformCatalog = {
  id: 'baidu',
  displayName: 'Baidu',
  globals: ['swan'],
  extensions: { template: ['.swan'], style: ['.css'], templateScript: ['.sjs', '.filter.js'] },
  markerFiles: ['project.swan.json'],
  hasRequiredPrivateInfos: false,
  apis: {},
  components: {},
  openTypes: {},
  scopes: {},
  conflictingPrivateInfos: [],
  networkApis: { request: 'url', downloadFile: 'url', uploadFile: 'url', connectSocket: 'url' },
  bridgeGlobals: [],
  hiddenApis: {},
  configGlobals: [],
};
