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
};
