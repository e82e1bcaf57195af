/**
 * The types every stage of the pipeline shares:
 * bundle → manifest + parse → analyzers → rules → reporters.
 * Positions are 1-based lines and 1-based columns counted in UTF-16 code units (SARIF's default).
 */

export type Severity = 'error' | 'warning' | 'note';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', ...SEVERITIES];

export function isSeveritySetting(value: unknown): value is SeveritySetting {
  return typeof value === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(value);
}

export type PlatformId = 'wechat' | 'alipay' | 'bytedance' | 'baidu' | 'qq';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column, UTF-16 code units. */
  column: number;
}

export interface Region {
  start: Position;
  /** Exclusive end. */
  end: Position;
  /** 0-based UTF-16 offsets into the file, for snippets and fingerprints. */
  startOffset: number;
  endOffset: number;
}

export interface SourceLocation {
  /** POSIX path relative to the scanned root (the path the user named). */
  file: string;
  region: Region;
  /** In a compiled bundle on disk: the original path of the `define()` module the region lies in. */
  module?: string;
}

/** A value read from JSON together with where it stands. */
export interface Located<T> {
  value: T;
  region: Region;
}

// ---------------------------------------------------------------- bundle

/** `compiled-template`: a compiled package's render page (page-frame.html), whose templates survive only as generated code. */
export type FileKind = 'script' | 'template' | 'template-script' | 'compiled-template' | 'style' | 'json' | 'other';

export interface BundleFile {
  /** POSIX path relative to the scanned root. */
  path: string;
  kind: FileKind;
  text: string;
  /** Shipped third-party code (miniprogram_npm and the like): analysed, and marked so in results. */
  thirdParty: boolean;
  /** The file belongs to a cloud function kept beside the mini-app: server code, not shipped to users. */
  cloudFunction?: CloudFunctionPart;
}

export interface CloudFunctionPart {
  /** The function's name: the name of its folder, which `callFunction({ name })` calls. */
  name: string;
  /** The file is the function's entry (`index.js`), whose `main` the platform calls. */
  entry: boolean;
}

export type NotificationKind =
  | 'file-too-large'
  | 'binary-file'
  | 'unreadable-file'
  | 'link-outside-root'
  | 'syntax-error'
  | 'template-error'
  | 'invalid-encoding'
  | 'too-many-files'
  | 'analysis-error'
  | 'time-limit'
  /** A bug in minivet met on this file or bundle: the rest of the report stands, the run is incomplete. */
  | 'internal-error';

/** Something about the input that minivet could not analyse, or analysed only in part. */
export interface FileNotification {
  kind: NotificationKind;
  /** POSIX path relative to the scanned root. */
  file: string;
  message: string;
  level: Severity;
  position?: Position;
  /** For an internal error in a rule: the rule's id. */
  ruleId?: string;
  /** For an internal error: the stack, never written to a report (MINIVET_DEBUG=1 prints it). */
  stack?: string;
}

export interface Bundle {
  /** Absolute path of the scanned root. */
  root: string;
  /** POSIX path of the mini-app root relative to `root` ('' when they coincide). */
  appRoot: string;
  platform: PlatformId;
  files: BundleFile[];
  notifications: FileNotification[];
}

// ---------------------------------------------------------------- usages found by analyzers

/**
 * How a mini-app uses a platform capability.
 * - api: a call or reference to `wx.getLocation` and the like.
 * - component: a template element such as `<camera>`.
 * - open-type: a `<button open-type="getPhoneNumber">`.
 * - input-type: an `<input type="nickname">`.
 */
export type UsageKind = 'api' | 'component' | 'open-type' | 'input-type';

/** How the code reached the API, for messages and precision. */
export type UsageVia =
  | 'member'
  | 'computed'
  | 'alias'
  | 'destructure'
  | 'value'
  | 'framework'
  | 'template';

export interface Usage {
  kind: UsageKind;
  /** The API, component, open-type or input-type name (`getLocation`, `camera`, `getPhoneNumber`). */
  name: string;
  /** The namespace an API was reached through (`wx`, `my`, `uni`, `Taro`); absent for templates. */
  namespace?: string;
  /** True for a call, false for a reference passed as a value (e.g. `promisify(wx.getLocation)`). */
  called: boolean;
  via: UsageVia;
  location: SourceLocation;
  thirdParty: boolean;
  /** The use is the body of an entry of a table of API shims (antmove's `_my.getClipboardData`): that entry's name. */
  shim?: string;
}

// ---------------------------------------------------------------- findings

export interface RelatedLocation {
  location: SourceLocation;
  message: string;
}

/** One step of a data flow: where the value is, and what happens to it there. */
export interface FlowStep {
  location: SourceLocation;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  location: SourceLocation;
  relatedLocations?: RelatedLocation[];
  /**
   * For a data-flow finding: the path a value takes, source first and sink last (the sink is also
   * `location`). Carried to SARIF `codeFlows` and shown compactly in the text output.
   */
  codeFlow?: FlowStep[];
  /** Found in shipped third-party code. */
  thirdParty?: boolean;
  /**
   * Set when the finding is suppressed: by an in-source directive (not in the strict profile), or,
   * `external`, by a baseline that already holds it (`--baseline`).
   */
  suppressed?: { justification?: string; kind?: 'external' };
  /** Set when the scan is compared with a baseline: whether the finding was already in it. */
  baselineState?: 'new' | 'unchanged';
  /** Extra machine-readable facts (API name, scope, …), carried to SARIF result properties. */
  properties?: Record<string, string | number | boolean | string[]>;
}
