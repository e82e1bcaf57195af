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

/**
 * A method named for sending a tracking event: `track`, `trackEvent`, `jaxTrack`; not a noun
 * (`tracking`, `trackList`) nor a media track (`addTrack`, `audioTrack`).
 */
export function namesATrackingCall(method: string): boolean {
  if (!/track/i.test(method)) return false;
  const words = wordsOf(method);
  const at = words.indexOf('track');
  if (at < 0) return false;
  return at === 0 ? words.length === 1 || TRACKED_THINGS.has(words[1]!) : !MEDIA_TRACK_WORDS.has(words[at - 1]!);
}

/** Words before `track` that make it a media track. */
const MEDIA_TRACK_WORDS = new Set(['add', 'remove', 'set', 'get', 'select', 'switch', 'current', 'audio', 'video', 'text', 'sub', 'next', 'prev', 'previous']);

/** What `track…` at the start of a method name sends: `trackEvent`, `trackPage`; `trackList` and `trackInfo` are parcels. */
const TRACKED_THINGS = new Set(['event', 'events', 'page', 'view', 'click', 'action', 'data']);
