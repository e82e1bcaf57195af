import type { SdkTracker, TrackerMethod } from '../platforms/trackers.js';
import type { TrackerCall } from './tracker-analysis.js';
import type { Node } from './traverse.js';
import type { TrackerValues } from './tracker-values.js';

/**
 * What a catalogued method's shape says of one call: the event name it is given and the personal data
 * it sends or is handed. The SDK's configuration argument is the resolver's to read.
 */
export function readCallEvent(values: TrackerValues, call: TrackerCall, shape: TrackerMethod, args: readonly Node[]): void {
  if (shape.event) {
    const argument = args[shape.event.argument];
    let node: Node | undefined = argument;
    if (argument && shape.event.property) {
      const object = values.objectOf(argument);
      node = object ? values.propertyOf(object, shape.event.property)?.value : undefined;
    }
    const name = node ? values.staticString(node) : undefined;
    if (name !== undefined) call.event = name;
  }
  if (shape.reports !== undefined) call.event = shape.reports;
  if (shape.sends) call.personalData.push({ type: shape.sends, evidence: call.method, range: call.range });
  for (const position of shape.payload ?? []) values.scanPersonal(args[position], call.personalData);
}

/** An automatic tracking switch the call turns on (`setOption('autotrack', true)`, `setAutoTrack(true)`). */
export function readAutoTrackSwitch(values: TrackerValues, call: TrackerCall, shape: TrackerMethod, args: readonly Node[], sdk?: SdkTracker): void {
  if (shape.role === 'autotrack') {
    const isOption = call.method === 'setOption';
    const optionName = isOption ? values.staticString(args[0]) : undefined;
    const value = shape.switchArgument !== undefined ? args[shape.switchArgument] : undefined;
    if ((!isOption || optionName === 'autotrack') && value && values.isTrue(value)) {
      call.autoTrack.push({ path: isOption ? 'autotrack' : call.method, records: sdk?.autoTrack?.[0]?.records ?? 'interactions', explicit: true, range: call.range });
    }
  }
}
