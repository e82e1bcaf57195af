import type { PlatformId } from './types.js';
import type { PersonalDataType } from './platforms/privacy-data.js';
import type { TrackerKind } from './platforms/trackers.js';

/** The privacy summary of one bundle, as reporters show it (built by analyzers/privacy-summary.ts). */

export interface TrackerSummary {
  /** Catalog or configured tracker id (`umeng`, `wechat-analytics`). */
  sdk: string;
  name: string;
  kind: TrackerKind;
  /** Files that call, configure or ship it. */
  files: string[];
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
  /** Interfaces that collect it: `wx.getLocation`, `open-type=getPhoneNumber`, `<camera>`, `<input type=nickname>`. */
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

export interface PrivacySummary {
  platform: PlatformId;
  trackers: TrackerSummary[];
  dataTypes: DataTypeSummary[];
  destinations: DestinationSummary[];
  /** Mechanisms of wholesale interaction-history collection found (`constructor`, `auto-track`, …). */
  interactionHistory: string[];
  consent: {
    /** The platform gates privacy interfaces behind a consent the mini-app can drive. */
    applicable: boolean;
    /** The code has a consent flow (handler, requirePrivacyAuthorize or agree button). */
    flow: boolean;
  };
}
