import type { AttachedCall } from '../../analyzers/app-attached-calls.js';
import type { Report } from '../rule.js';
import type { Severity, SourceLocation } from '../../types.js';
import type { PackageLoad } from './absent-tracker-packages.js';

/**
 * Calls on a tracker-named App property (`getApp().Tracker.click('…')`) that no analysed code sets,
 * in an app whose own code loads a tracking package the catalogue does not know: that package put
 * the handle on the App instance, so each call sends to it. Without such a load, or when the app
 * sets the property itself, nothing is reported: the object may be the app's own.
 */

export interface AttachedCallRecord extends AttachedCall {
  location: SourceLocation;
  thirdParty: boolean;
}

export interface AttachedLedger {
  calls: AttachedCallRecord[];
  propertiesSet: Set<string>;
}

export function newAttachedLedger(): AttachedLedger {
  return { calls: [], propertiesSet: new Set() };
}

function phraseOf(call: AttachedCall): { event: string; phrase: string } {
  if (call.role === 'init') return { event: '(init)', phrase: '' };
  if (call.role === 'identify') return { event: call.method, phrase: `a user identifier (${call.method})` };
  if (call.event !== undefined) return { event: call.event, phrase: `event "${call.event}"` };
  return call.eventComputed ? { event: '(dynamic)', phrase: 'an event whose name is computed at run time' } : { event: call.method, phrase: `an event (${call.method})` };
}

/** The package that attached the handles: the app's own load of it, the app's entry first. */
function attachingPackage(loads: readonly PackageLoad[], isAppEntry: (file: string) => boolean): PackageLoad | undefined {
  const own = loads.filter((load) => !load.thirdParty);
  return own.find((load) => isAppEntry(load.location.file)) ?? [...own].sort((a, b) => a.location.file.localeCompare(b.location.file))[0];
}

export function reportAttachedTrackerCalls(
  ledger: AttachedLedger,
  loads: readonly PackageLoad[],
  isAppEntry: (file: string) => boolean,
  policyOf: (trackerId: string) => { severity?: Severity; suffix: string; disallowed: boolean },
  report: (report: Report) => void,
): void {
  if (ledger.calls.length === 0) return;
  const load = attachingPackage(loads, isAppEntry);
  if (!load) return;
  for (const call of ledger.calls) {
    // `this.Tracker` is the App's only in the app's entry script.
    if (call.imported === undefined && (ledger.propertiesSet.has(call.property) || (call.viaThis && !isAppEntry(call.location.file)))) continue;
    const { event, phrase } = phraseOf(call);
    const origin = call.imported === undefined ? load : loads.find((other) => other.specifier === call.imported && other.location.file === call.location.file);
    if (!origin) continue;
    const id = `package:${origin.name}`;
    const policy = policyOf(id);
    const whose =
      call.imported === undefined
        ? `a tracker the app's code never creates: ${load.specifier}, loaded in ${load.location.file}, puts it on the App instance.`
        : `which this file imports from ${origin.specifier}, a tracking package minivet does not know.`;
    report({
      location: call.location,
      message: `${call.callee} ${call.role === 'init' ? 'configures' : `sends ${phrase} to`} ${call.property}, ${whose} What it collects, and where it sends it, cannot be checked here.${policy.suffix}`,
      relatedLocations: [{ location: origin.location, message: `${origin.name} is loaded here` }],
      thirdParty: call.thirdParty,
      ...(policy.severity ? { severity: policy.severity } : {}),
      properties: { sdk: id, sdkName: origin.name, kind: 'third-party', event, method: call.method, role: call.role, verified: false, ...(policy.disallowed ? { policy: 'disallowed' } : {}) },
    });
  }
}
