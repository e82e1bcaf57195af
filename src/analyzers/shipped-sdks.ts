import { moduleBasename, type SdkTracker, type TrackerIndex } from '../platforms/trackers.js';
import type { BundleFile } from '../types.js';
import type { HostLiteral, ShippedSdk, TrackerCall } from './tracker-analysis.js';
import type { Range } from './tracker-syntax.js';

/**
 * The SDKs whose own code a file is: inside the SDK's package, named like its file, or carrying its
 * collection host in a third-party file or next to a request. `sends`: the file sends data off the
 * device somewhere.
 */
export function shippedSdks(file: BundleFile, index: TrackerIndex, hostLiterals: readonly HostLiteral[], calls: readonly TrackerCall[], sends: boolean): ShippedSdk[] {
  const hasRequest = sends || calls.some((call) => call.role === 'request');
  const base = moduleBasename(file.path);
  const byPackage = index.packageTracker(file.path);
  const candidates = new Map<string, ShippedSdk>();
  const addShipped = (tracker: SdkTracker, range: Range, host?: string): void => {
    const existing = candidates.get(tracker.id);
    if (existing) {
      if (host && !existing.hosts.includes(host)) existing.hosts.push(host);
      return;
    }
    candidates.set(tracker.id, { tracker, hosts: host ? [host] : [], range });
  };
  for (const literal of hostLiterals) {
    const named = literal.tracker.files.some((pattern) => pattern.test(base));
    if (file.thirdParty || named || byPackage === literal.tracker || (literal.url && !literal.consumed && hasRequest)) addShipped(literal.tracker, literal.range, literal.host);
  }
  if (byPackage && !candidates.has(byPackage.id) && byPackage.hosts.length + (byPackage.hostSuffixes?.length ?? 0) > 0) addShipped(byPackage, [0, 0]);
  // A file named like an SDK that sends to it (`"https://" + a + ".aldwx.com/…"` in ald-stat.js) is that SDK's own code.
  for (const call of calls) if (call.role === 'request' && 'files' in call.tracker && call.tracker.files.some((pattern) => pattern.test(base))) addShipped(call.tracker, call.range);
  return [...candidates.values()];
}
