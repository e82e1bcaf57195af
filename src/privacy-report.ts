import type { PlatformId } from './types.js';
import type { PersonalDataType } from './platforms/privacy-data.js';
import type { TrackerKind } from './platforms/trackers.js';
import type { FlowLabel } from './platforms/flows.js';

/** The privacy summary of one bundle, as reporters show it (built by analyzers/privacy-summary.ts). */

export interface TrackerSummary {
  /** Catalog or configured tracker id (`umeng`, `wechat-analytics`). */
  sdk: string;
  name: string;
  kind: TrackerKind;
  /** Files that call, configure or ship it. */
  files: string[];
  /** Where it is started or configured (its init calls, the first few), with the call as written. */
  initialisedAt: { file: string; line: number; how: string }[];
  /** Collection hosts seen in calls, configuration or shipped code. */
  hosts: string[];
  /** Event names sent as constants (`(dynamic)` when computed at run time). */
  events: string[];
  /** `tracking-call` findings for it. */
  calls: number;
  /** Shipped SDK code that no analysed file imports, and no call found elsewhere. */
  shippedButNotImported: boolean;
  /** Personal data handed to it (`identifier-to-tracker`). */
  dataTypes: PersonalDataType[];
  /** It collects interaction history automatically (`interaction-history-tracking`). */
  autoTracking: boolean;
  /** False when a vendor policy refuses it. */
  allowedByPolicy: boolean;
}

export interface DataTypeSummary {
  type: PersonalDataType;
  label: string;
  /** Interfaces that collect it: `wx.getLocation`, `open-type="getPhoneNumber"`, `<camera>`, `<input type="nickname">`. */
  via: string[];
  /** Number of places in the code and templates. */
  locations: number;
  /** Trackers it is handed to. */
  sentTo: string[];
}

export interface DestinationSummary {
  /** A host name, or `platform:<tracker id>` for the platform's own analytics. */
  host: string;
  kind: TrackerKind;
  sdk: string;
  dataTypes?: PersonalDataType[];
}

/** Where personal data can go: the columns of the data × destination matrix. */
export type DataDestination = 'storage' | 'tracker' | 'network' | 'web-view' | 'other-mini-app' | 'log' | 'clipboard' | 'file';

export const DATA_DESTINATIONS: readonly DataDestination[] = ['storage', 'tracker', 'network', 'web-view', 'other-mini-app', 'log', 'clipboard', 'file'];

/** One cell of the matrix: a kind of personal data that reaches a destination. */
export interface DataFlowEntry {
  /** A personal data type, or `credential` / `id-number`. */
  data: FlowLabel;
  label: string;
  destination: DataDestination;
  /** Hosts, storage keys, SDKs or APIs that receive it, sorted. */
  targets: string[];
  /** Number of traced flows (0 when only a tracker's own finding says so). */
  flows: number;
  /** Every flow starts at a value known only by its name (`res.data.phone`), not at a platform interface. */
  byNameOnly: boolean;
  /** The first place it happens (a sink), for a reader to start from. */
  example?: { file: string; line: number };
}

/** One category of the platform's privacy guide that the code makes required: the privacy label's line. */
export interface CategorySummary {
  /** The platform's key (WeChat `privacy_key`), or our id where it has none. */
  key: string;
  /** As the platform's form names it. */
  label: string;
  english: string;
  /** False when the key or its interfaces come from secondary sources. */
  confirmed: boolean;
  data: PersonalDataType[];
  /** Interfaces that collect it: `wx.getLocation`, `<camera>`, `open-type="getPhoneNumber"`. */
  via: string[];
  /** Number of places, and the first few. */
  locations: number;
  places: { file: string; line: number }[];
  /** Only shipped third-party code collects it. */
  thirdPartyOnly: boolean;
  /** SDKs whose code collects it or that are handed it. */
  sdks: string[];
  /** Where the data-flow analysis traced it from these interfaces (flows from values only named like it are left out). */
  sentTo: { destination: DataDestination; targets: string[] }[];
}

export interface PrivacySummary {
  platform: PlatformId;
  trackers: TrackerSummary[];
  dataTypes: DataTypeSummary[];
  destinations: DestinationSummary[];
  /** The privacy guide's categories the code makes required, in the platform's order. */
  categories: CategorySummary[];
  /** Where the platform's category list comes from. */
  categorySource: string;
  /** With `--declared`: the category keys collected but not declared, declared but not collected, and declared but unknown. */
  declaration?: { file: string; undeclared: string[]; overDeclared: string[]; unknown: string[] };
  /** Personal data × destination, from the data-flow analysis (empty when no data-flow rule ran). */
  flows: DataFlowEntry[];
  /** Mechanisms of wholesale interaction-history collection found (`constructor`, `auto-track`, …). */
  interactionHistory: string[];
  consent: {
    /** The platform gates privacy interfaces behind a consent the mini-app can drive. */
    applicable: boolean;
    /** The code has a consent flow (handler, requirePrivacyAuthorize or agree button). */
    flow: boolean;
  };
}
