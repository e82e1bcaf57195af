import type { PlatformId } from '../types.js';

/** What one platform API demands of the manifest. */
export interface ApiRequirement {
  /** Must be listed in app.json `requiredPrivateInfos` (WeChat, since 2022-07-14). */
  requiredPrivateInfo?: boolean;
  /** The authorization scope the API needs, e.g. `scope.userLocation`. */
  scope?: string;
  /** Where the fact comes from, for rule docs and reviewers. */
  source: string;
}

export interface ScopeInfo {
  /** The manifest must give `permission[scope].desc` before APIs needing this scope work. */
  descriptionRequired: boolean;
  /** Human label used in messages. */
  label: string;
}

export interface PlatformCatalog {
  id: PlatformId;
  displayName: string;
  /** Global objects that expose the API (`wx`; QQ also exposes `wx`). */
  globals: readonly string[];
  /** File extensions (with dot) by role. */
  extensions: {
    template: readonly string[];
    style: readonly string[];
    templateScript: readonly string[];
  };
  /** Extra manifest files that mark the project as this platform (besides app.json). */
  markerFiles: readonly string[];
  /** Template attribute that binds tap events, for docs (`bindtap`, `onTap`). */
  apis: Readonly<Record<string, ApiRequirement>>;
  /** Template components needing a scope, e.g. `camera` → scope.camera. */
  components: Readonly<Record<string, ApiRequirement>>;
  /** Button open-types needing a scope or a privacy declaration. */
  openTypes: Readonly<Record<string, ApiRequirement>>;
  scopes: Readonly<Record<string, ScopeInfo>>;
  /**
   * APIs that may not be declared together in requiredPrivateInfos:
   * each pair [a, bs] means `a` conflicts with every entry of `bs`.
   */
  conflictingPrivateInfos: readonly (readonly [string, readonly string[]])[];
  /** Does the platform have `requiredPrivateInfos` at all. */
  hasRequiredPrivateInfos: boolean;
  /**
   * Packages the app imports from `node_modules` ship with it as they are (Alipay), instead of
   * being built into `miniprogram_npm` first (WeChat, whose `node_modules` is never uploaded).
   */
  shipsImportedNodeModules: boolean;
  /** Network APIs and the name of the option that carries the URL (`request` → `url`). */
  networkApis: Readonly<Record<string, string>>;
  /** Globals of the runtime's private JavaScript bridge (`WeixinJSBridge`); not part of the documented API. */
  bridgeGlobals: readonly string[];
  /** Members of the API namespace that are private or undocumented, with what is known of each. */
  hiddenApis: Readonly<Record<string, string>>;
  /** Globals holding the runtime's own configuration, which app code must not change (`__wxConfig`). */
  configGlobals: readonly string[];
  /** APIs that read the system clipboard (`getClipboardData`; Alipay `getClipboard`). */
  clipboardReadApis: readonly string[];
  /**
   * Another platform's name for the read, which only the API shims of converted apps answer to
   * (antmove's `_my.getClipboardData`, wx2my's): a read when called on such a shim, not on the platform's own object.
   */
  clipboardReadShims?: readonly string[];
  /** The file-system APIs and where their paths are, for the sandbox rules. */
  fileSystem: FileSystemTable;
}

/** Where a file API takes its paths: options of its first (object) argument, or its leading positional arguments (by name). */
export interface FilePathParams {
  options?: readonly string[];
  args?: readonly string[];
}

export interface FileSystemTable {
  /** The namespace API returning the FileSystemManager (`getFileSystemManager`). */
  managerFactory: string;
  /** FileSystemManager methods that take paths. */
  managerMethods: Readonly<Record<string, FilePathParams>>;
  /** Namespace APIs that take paths (`saveFile`, `openDocument`). */
  apis: Readonly<Record<string, FilePathParams>>;
  /** Where the fact comes from. */
  source: string;
}

/** An API or component that needs an authorization scope, with where the fact comes from. */
export function scopeRequirement(scope: string, source: string): ApiRequirement {
  return { scope, source };
}

/** Cross-platform frameworks whose namespaces compile to the platform's API (wepy 1's `wepy.request` is `wx.request`, promisified). */
export const FRAMEWORK_NAMESPACES: readonly string[] = ['uni', 'Taro', 'wepy'];

/**
 * Packages whose default or namespace import is a framework namespace. Taro 1 and 2 builds load the
 * platform's own package (`@tarojs/taro-weapp`, …; github.com/NervJS/taro, packages/taro-weapp), and
 * wepy 1 builds `wepy/lib/wepy.js`; both keep a copy under the build's `npm/` folder.
 */
export const FRAMEWORK_MODULES: Readonly<Record<string, string>> = {
  '@tarojs/taro': 'Taro',
  '@tarojs/taro-weapp': 'Taro',
  '@tarojs/taro-alipay': 'Taro',
  '@tarojs/taro-swan': 'Taro',
  '@tarojs/taro-tt': 'Taro',
  '@tarojs/taro-qq': 'Taro',
  '@dcloudio/uni-app': 'uni',
  wepy: 'wepy',
};

/**
 * File names a framework's build gives the chunks that hold libraries, not the app's code: Taro 3's
 * `taro.js` (its runtime), `vendors.js` (React or Vue with the other packages) and `runtime.js`
 * (webpack's loader); uni-app's and mpvue's `common/vendor.js` and `common/runtime.js`. Sources:
 * github.com/NervJS/taro, packages/taro-webpack5-runner (splitChunks `taro`, `vendors`, runtimeChunk
 * `runtime`); github.com/dcloudio/uni-app, packages/vue-cli-plugin-uni (splitChunks `common/vendor`,
 * runtimeChunk `common/runtime`).
 */
export const FRAMEWORK_LIBRARY_CHUNKS: readonly string[] = ['taro.js', 'vendors.js', 'runtime.js', 'common/vendor.js', 'common/runtime.js'];

/** Whether a bundle path is one of FRAMEWORK_LIBRARY_CHUNKS, at the build's root or below a folder. */
export function isFrameworkLibraryChunk(path: string): boolean {
  return FRAMEWORK_LIBRARY_CHUNKS.some((chunk) => path === chunk || path.endsWith(`/${chunk}`));
}

/** Clipboard reads under each framework's own name (`uni.getClipboardData` becomes `my.getClipboard` on Alipay). */
export const FRAMEWORK_CLIPBOARD_READ_APIS: Readonly<Record<string, readonly string[]>> = {
  uni: ['getClipboardData'],
  Taro: ['getClipboardData'],
};
