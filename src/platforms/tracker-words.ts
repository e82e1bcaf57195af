/**
 * Words that say a name is for tracking: a package (`@tklc/miniapp-tracker-sdk`, `@alipay/tracert-ta`)
 * or a property the App instance carries (`getApp().Tracker`). Used only where the catalogue does
 * not know the name, to point a reviewer at code whose purpose its name declares. "stat" is left
 * out on purpose: it also abbreviates state and status.
 */
const TRACKER_WORDS = new Set(['tracker', 'tracert', 'tracking', 'analytics', 'tongji', 'statistic', 'statistics']);

/** The words of a name: split at separators and at lower-to-upper case changes (`appTracker` → app, tracker). */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s\-/@_.$]+/)
    .filter((word) => word !== '');
}

/** Most names hold none of the words: one test rules them out before the name is split. */
const MAY_NAME_A_TRACKER = /track|tracert|analytic|tongji|statistic/i;

function hasWordOf(name: string, words: ReadonlySet<string>): boolean {
  return MAY_NAME_A_TRACKER.test(name) && wordsOf(name).some((word) => words.has(word));
}

export function namesATracker(name: string): boolean {
  return hasWordOf(name, TRACKER_WORDS);
}

/**
 * Words that say an App property holds a tracker (`getApp().Tracker`, `app.analytics`). Narrower than
 * a package's: app data is often called `statistics` (counters) or `trackingList` (parcels).
 */
const HANDLE_WORDS = new Set(['tracker', 'tracert', 'analytics', 'tongji']);

export function namesATrackerHandle(name: string): boolean {
  return hasWordOf(name, HANDLE_WORDS);
}
