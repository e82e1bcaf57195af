import type { FlowCatalog } from '../../platforms/flows.js';
import type { CloudFunctionPart, Region } from '../../types.js';
import type { FileIds } from './fragment.js';
import { bundledModulePath } from '../compiled-modules.js';

/** What the data-flow extraction of one module needs to know, and small helpers both it and the API flows use. */

export interface ExtractOptions {
  file: string;
  thirdParty: boolean;
  /** Library code (a shipped package, a framework's library chunk): its values get a smaller share of the graph's copied fields. */
  library?: boolean;
  /** The module is a catalogued tracking SDK's own code (`zhuge-wx.min.js`, `sensorsdata.min.js`): its sessions and ids are its own. */
  trackerSdk?: boolean;
  text: string;
  region(start: number, end: number): Region;
  catalog: FlowCatalog;
  /** API namespaces (`wx`, `uni`, `Taro`). */
  namespaces: ReadonlySet<string>;
  /** Parameters and variables that stand for the platform object in this module (platform-objects.ts). */
  platformObjects?: ReadonlySet<string>;
  /** Properties the platform object is kept in (`getApp().core`), found the same way. */
  platformProperties?: ReadonlySet<string>;
  /** Framework packages and their namespaces (`@tarojs/taro` → Taro), for webpack's names of their imports. */
  frameworkModules?: Readonly<Record<string, string>>;
  /** The project's file ids, shared by every fragment. */
  fileIds: FileIds;
  /** Module specifier → bundle path. */
  resolve(specifier: string): string | undefined;
  /** The mini-app root inside the bundle ('' when they coincide): page routes are relative to it. */
  appRoot: string;
  /** Call ranges (`start:end`) the tracker detector found: calls to tracking SDKs and log managers. */
  trackerCalls: ReadonlyMap<string, TrackerCallKind>;
  /** Tracking SDKs as values: the SDK a module specifier loads (its id), and the method names SDK handles answer to. */
  sdkHandles?: SdkHandleCatalog;
  /** The module belongs to a cloud function (server code): its entry's `main` receives what clients send. */
  cloudFunction?: CloudFunctionPart;
}

/** `tracker` and `log` calls are sinks; `known` ones (an SDK's set-up) are found already and no sink. */
export type TrackerCallKind = 'tracker' | 'log' | 'known';

export interface SdkHandleCatalog {
  sdkOf(specifier: string): string | undefined;
  methods: ReadonlySet<string>;
  /** Set-up calls (`start:end`) whose configuration names the App property the SDK is kept under (`setPara({ name: 'sc' })`). */
  attachments?: ReadonlyMap<string, string>;
}

/** `TOKEN`, `KEY_OPENID`: the name of a constant (a storage key, an event name), not of the data itself. */
export function isConstantName(name: string): boolean {
  return name === name.toUpperCase();
}

/**
 * A script's page route (`pages/b/b` for `miniprogram/pages/b/b.js` under app root `miniprogram`);
 * a module of a compiled bundle read from a folder has its module path's.
 */
export function pageRoute(file: string, appRoot: string): string {
  const route = (bundledModulePath(file) ?? file).replace(/\.[^./]+$/, '');
  return appRoot && route.startsWith(`${appRoot}/`) ? route.slice(appRoot.length + 1) : route;
}
