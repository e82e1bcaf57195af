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
};
