import { createRule } from '../rule.js';
import { recordsHistoryOffDevice, trackerAnalysis, type FileTrackerAnalysis, type HistoryHook, type TrackerCall } from '../../analyzers/trackers.js';
import { customTrackers, trackerIndex } from '../../platforms/trackers.js';

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function line(analysis: FileTrackerAnalysis, offset: number): number {
  let count = 1;
  const text = analysis.file.text;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function hookMessage(hook: HistoryHook, analysis: FileTrackerAnalysis): string | undefined {
  const sink = hook.sink;
  const sends = sink ? `${sink.description}, line ${line(analysis, sink.range[0])}` : '';
  switch (hook.mechanism) {
    case 'constructor':
      // Framework runtimes replace constructors too; without a wrapper per handler and a place
      // the data goes, in the same module of a bundle, this is not collection.
      if (!sink || !recordsHistoryOffDevice(hook)) return undefined;
      return (
        `The global ${hook.target} constructor is replaced, the file wraps handlers one by one, and it sends data off the device (${sends}): every ` +
        `lifecycle event and tap of every ${hook.target === 'App' ? 'app launch' : hook.target.toLowerCase()} can be recorded and uploaded.`
      );
    case 'handler-wrap':
      if (!sink || !recordsHistoryOffDevice(hook)) return undefined;
      return `Lifecycle handlers are wrapped one by one (${hook.target} = function …, each still running the one it replaces) in a file that sends data off the device (${sends}): every page view and app launch can be recorded and uploaded.`;
    case 'aspect':
      if (!sink || !recordsHistoryOffDevice(hook)) return undefined;
      return `${hook.target} adds handlers to every ${hook.target.startsWith('App') ? 'app launch' : hook.target.split('.')[0]!.toLowerCase()} (its lifecycle methods and tap events) in a file that sends data off the device (${sends}): every page view and tap can be recorded and uploaded.`;
    case 'navigation':
      if (!sink) return undefined;
      return `${hook.target} is replaced in a file that sends data off the device (${sends}): every navigation can be recorded with its path and parameters.`;
    case 'app-route':
      return `${hook.target} (an undocumented API) listens to every page route: the user's navigation path can be recorded.`;
    case 'page-proxy':
      return `${hook.target} wraps this page or component for ${hook.tracker?.name ?? 'an analytics SDK'}, which then records its views, taps and shares automatically.`;
  }
}

function names(items: readonly string[], max = 3): string {
  return items.length <= max ? list(items) : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

function autoTrackMessage(call: TrackerCall): string {
  const explicit = call.autoTrack.filter((hit) => hit.explicit);
  const implicit = call.autoTrack.filter((hit) => !hit.explicit);
  const records = [...new Set(call.autoTrack.map((hit) => hit.records))];
  const to = call.hosts.length > 0 ? ` to ${list(call.hosts)}` : '';
  const how = explicit.length > 0 && implicit.length === 0
    ? `turns on automatic collection (${names(explicit.map((hit) => hit.path))})`
    : explicit.length === 0
      ? `leaves automatic collection on by default (${names(implicit.map((hit) => hit.path))} not turned off)`
      : `turns on automatic collection (${names(explicit.map((hit) => hit.path))}) and leaves ${names(implicit.map((hit) => hit.path))} on by default`;
  return `${call.callee} ${how}: ${call.tracker.name} records ${names(records, 4)} without any code per event and sends them${to}.`;
}

export default createRule({
  meta: {
    id: 'interaction-history-tracking',
    description: 'Code collects interaction history wholesale: it hooks every page, handler or route, or turns on SDK auto-tracking.',
    rationale:
      'Usage history (which pages and mini-apps a user opens, how often) and operation history (taps, scrolls, ' +
      'navigation paths) let a tracker infer sensitive attributes such as age, gender or finances: the THEFT study ' +
      '(USENIX Security 2025) inferred them with over 95% accuracy. Collection by replacing the global Page/App/Component ' +
      'constructors, overriding navigation, listening to app routes or switching on an SDK\'s auto-tracking is invisible ' +
      'to users and records everything, not just the events the developer chose.',
    severity: 'warning',
    tags: ['privacy', 'tracking'],
    cwe: [359],
    precision: 'medium',
    securitySeverity: 5.0,
  },
  createScriptListeners(context) {
    const index = trackerIndex(customTrackers(context.settings));
    return trackerAnalysis(context, index, (analysis) => {
      const region = (at: readonly [number, number]) => ({ file: context.file.path, region: context.region(at[0], at[1]) });
      for (const hook of analysis.historyHooks) {
        const message = hookMessage(hook, analysis);
        if (!message) continue;
        context.reportAt({
          location: region(hook.range),
          // Where the recorded data leaves the device: the other half of what makes the hook collection.
          ...(hook.sink && { relatedLocations: [{ location: region(hook.sink.range), message: `the data leaves the device here (${hook.sink.description})` }] }),
          message,
          properties: {
            mechanism: hook.mechanism,
            target: hook.target,
            ...(hook.tracker ? { sdk: hook.tracker.id } : {}),
            ...(hook.sink ? { sinkLine: line(analysis, hook.sink.range[0]) } : {}),
          },
        });
      }
      for (const call of analysis.calls) {
        if (call.autoTrack.length === 0) continue;
        const first = call.autoTrack.find((hit) => hit.explicit) ?? call.autoTrack[0]!;
        const range = call.role === 'config-file' || first.explicit ? first.range : call.range;
        context.reportAt({
          location: region(range),
          // The switch is reported; the call that sets the SDK up is where a reviewer starts.
          ...(range !== call.range && call.role !== 'config-file' && { relatedLocations: [{ location: region(call.range), message: `${call.callee} sets up ${call.tracker.name}` }] }),
          message: autoTrackMessage(call),
          properties: {
            mechanism: 'auto-track',
            sdk: call.tracker.id,
            switches: call.autoTrack.map((hit) => hit.path),
            explicit: call.autoTrack.some((hit) => hit.explicit),
            ...(call.hosts.length > 0 ? { hosts: [...call.hosts] } : {}),
          },
        });
      }
    });
  },
});
