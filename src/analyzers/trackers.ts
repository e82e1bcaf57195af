import { FRAMEWORK_NAMESPACES } from '../platforms/types.js';
import type { TrackerIndex } from '../platforms/trackers.js';
import type { FileContext } from './context.js';
import type { Listeners } from './traverse.js';
import { TrackerCollector } from './tracker-collector.js';
import { TrackerResolver } from './tracker-resolver.js';

/**
 * Tracker detection shared by the tracking rules. It runs inside the one traversal of each script
 * (listeners only, no second parse), collects candidates while walking and resolves them at the end
 * of the program, when every binding in the file is known. Several rules ask for the same file's
 * analysis: the first gets the listeners, the others are called back with the same result.
 */

export type { PersonalDataHit, Range } from './tracker-syntax.js';
export { hostOfUrl, namesAFlag, personalDataOfName } from './tracker-syntax.js';

export type { AutoTrackHit, FileTrackerAnalysis, HistoryHook, HistoryMechanism, HostLiteral, ModuleRegistration, ShippedSdk, TrackerCall } from './tracker-analysis.js';
export { recordsHistoryOffDevice } from './tracker-analysis.js';
import type { FileTrackerAnalysis } from './tracker-analysis.js';

// ---------------------------------------------------------------- sharing between rules

interface Session {
  callbacks: ((analysis: FileTrackerAnalysis) => void)[];
}

/**
 * Runs the tracker detector on the script being checked and calls `onAnalysed` at the end of the
 * program. Rules call this from `createScriptListeners`; the detector is a service of the traversal
 * (`context.shared`): the first caller for a tracker index gets its listeners, later callers none,
 * and all are called back with the one analysis.
 */
export function trackerAnalysis(context: FileContext, index: TrackerIndex, onAnalysed: (analysis: FileTrackerAnalysis) => void): Listeners {
  const sessions = context.shared('tracker-sessions', () => new Map<TrackerIndex, Session>());
  const existing = sessions.get(index);
  if (existing) {
    existing.callbacks.push(onAnalysed);
    return {};
  }
  const session: Session = { callbacks: [onAnalysed] };
  sessions.set(index, session);
  const walk = new TrackerCollector(context.file, context.platform.id, [...context.platform.globals, ...FRAMEWORK_NAMESPACES], index);
  return {
    ...walk.listeners(),
    'Program:exit'() {
      const analysis = new TrackerResolver(walk).finish();
      for (const callback of session.callbacks) callback(analysis);
    },
  };
}
