import type { Located, Region } from '../types.js';

/** A problem in a manifest file, reported by the `invalid-manifest` rule. */
export interface ManifestProblem {
  /** POSIX path relative to the scanned root. */
  file: string;
  region: Region;
  message: string;
}

export interface PermissionScope {
  /** The scope key, e.g. `scope.userLocation`. */
  scope: Located<string>;
  /** The purpose string shown to users, when present and a string. */
  desc?: Located<string>;
}

export interface SubPackage {
  root: Located<string>;
  pages: Located<string>[];
}

/**
 * The typed model of a mini-app's app.json (WeChat and the platforms that copy its shape).
 * Fields are absent when the manifest does not have them or has them with the wrong type
 * (the type error is then in `problems`).
 */
export interface AppManifest {
  /** POSIX path of app.json relative to the scanned root. */
  file: string;
  /** Region of the whole top-level object (where "add a field" findings point). */
  region: Region;
  pages: Located<string>[];
  subPackages: SubPackage[];
  /** Plugin aliases → provider appids. */
  plugins: { alias: Located<string>; provider?: Located<string> }[];
  usingComponents: { name: Located<string>; path: Located<string> }[];
  requiredPrivateInfos?: { region: Region; entries: Located<string>[] };
  permission?: { region: Region; scopes: PermissionScope[] };
  usePrivacyCheck?: Located<boolean>;
  navigateToMiniProgramAppIdList?: Located<string>[];
  problems: ManifestProblem[];
}
