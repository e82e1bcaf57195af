import type { CallRole, SdkTracker, TrackerIndex } from '../platforms/trackers.js';
import type { SourceLocation } from '../types.js';
import type { DataFlowResult } from './dataflow/index.js';

/**
 * Calls on tracking-SDK handles that only the project's data flow can see: the handle was loaded in
 * another module and reached the call through exports, `getApp()`, object fields or parameters
 * (`import { xmini } from '../config/xmini'; xmini.piwikEvent('buy')`). The tracker detector finds
 * the calls whose handle is bound in the same file; these are the rest.
 */
export interface SdkHandleCall {
  tracker: SdkTracker;
  method: string;
  role: CallRole;
  /** The call as written: `xmini.piwikEvent`. */
  callee: string;
  /** The event name, when the call spells it out. */
  event?: string;
  location: SourceLocation;
  /** Where the handle was loaded. */
  loadedAt: SourceLocation;
  thirdParty: boolean;
}

export function sdkHandleCalls(dataflow: DataFlowResult | undefined, index: TrackerIndex): SdkHandleCall[] {
  const calls: SdkHandleCall[] = [];
  for (const flow of dataflow?.flows ?? []) {
    const sink = flow.sink;
    if (sink.kind !== 'sdk-call' || flow.label !== 'sdk-handle' || sink.method === undefined) continue;
    const tracker = flow.source.text === undefined ? undefined : index.sdkById(flow.source.text);
    const shape = tracker?.methods[sink.method];
    if (!tracker || !shape) continue;
    // Inside the SDK's own code a handle reaches its own methods (`this.track('$SignUp')`): that is the SDK at work, not the app calling it.
    const file = sink.location.file;
    if (index.moduleTracker(file) === tracker || index.packageTracker(file) === tracker) continue;
    const literal = shape.event && shape.event.property === undefined ? sink.literals?.[shape.event.argument] : undefined;
    calls.push({
      tracker,
      method: sink.method,
      role: shape.role,
      callee: sink.api,
      ...(typeof literal === 'string' ? { event: literal } : shape.reports !== undefined && { event: shape.reports }),
      location: sink.location,
      loadedAt: flow.source.location,
      thirdParty: sink.thirdParty ?? false,
    });
  }
  return calls;
}
