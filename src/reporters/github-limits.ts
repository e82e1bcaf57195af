import type * as Sarif from 'sarif';

/**
 * GitHub code scanning's hard limits on an upload (docs.github.com, "SARIF results exceed limits"):
 * past any of them the whole file is rejected.
 */
export const GITHUB_LIMITS = { runsPerFile: 20, resultsPerRun: 25_000, locationsPerResult: 1_000, threadFlowLocationsPerResult: 10_000 } as const;

const LEVEL_ORDER: Record<string, number> = { error: 0, warning: 1, note: 2, none: 3 };

/**
 * The log cut to what GitHub accepts, in a documented, deterministic order, each cut named in a
 * notification of its run:
 * - a result keeps its first related locations, and the first and last steps of a long path;
 * - a run keeps its most severe results (errors, then warnings, then notes), each group in report order;
 * - a log of more than 20 runs becomes several logs of at most 20, in order.
 */
export function fitGitHubLimits(log: Sarif.Log): Sarif.Log[] {
  const runs = log.runs.map(fitRun);
  const parts: Sarif.Log[] = [];
  for (let start = 0; start < runs.length; start += GITHUB_LIMITS.runsPerFile) parts.push({ ...log, runs: runs.slice(start, start + GITHUB_LIMITS.runsPerFile) });
  return parts.length > 0 ? parts : [log];
}

function fitRun(run: Sarif.Run): Sarif.Run {
  const notes: string[] = [];
  let results = (run.results ?? []).map((result) => fitResult(result, notes));
  if (results.length > GITHUB_LIMITS.resultsPerRun) {
    const ranked = results.map((result, index) => ({ result, index })).sort((a, b) => (LEVEL_ORDER[a.result.level ?? 'warning'] ?? 1) - (LEVEL_ORDER[b.result.level ?? 'warning'] ?? 1) || a.index - b.index);
    const kept = new Set(ranked.slice(0, GITHUB_LIMITS.resultsPerRun).map((entry) => entry.index));
    notes.push(`${results.length - GITHUB_LIMITS.resultsPerRun} results left out: GitHub accepts at most ${GITHUB_LIMITS.resultsPerRun} per run; the most severe were kept`);
    results = results.filter((_, index) => kept.has(index));
  }
  if (notes.length === 0) return run;
  const [invocation, ...others] = run.invocations ?? [{ executionSuccessful: true }];
  const notifications = notes.map((text): Sarif.Notification => ({ level: 'warning', message: { text } }));
  return { ...run, results, invocations: [{ ...invocation!, toolExecutionNotifications: [...(invocation!.toolExecutionNotifications ?? []), ...notifications] }, ...others] };
}

function fitResult(result: Sarif.Result, notes: string[]): Sarif.Result {
  let fitted = result;
  const room = GITHUB_LIMITS.locationsPerResult - (result.locations?.length ?? 0);
  if ((result.relatedLocations?.length ?? 0) > room) {
    notes.push(`a ${result.ruleId} result kept ${room} of its ${result.relatedLocations!.length} related locations (GitHub accepts ${GITHUB_LIMITS.locationsPerResult} locations per result)`);
    fitted = { ...fitted, relatedLocations: result.relatedLocations!.slice(0, room) };
  }
  if (result.codeFlows?.some((flow) => flow.threadFlows.some((thread) => thread.locations.length > GITHUB_LIMITS.threadFlowLocationsPerResult))) {
    notes.push(`a ${result.ruleId} result's path was shortened to its first and last ${GITHUB_LIMITS.threadFlowLocationsPerResult / 2} steps (GitHub accepts ${GITHUB_LIMITS.threadFlowLocationsPerResult} per result)`);
    fitted = { ...fitted, codeFlows: result.codeFlows.map((flow) => ({ ...flow, threadFlows: flow.threadFlows.map((thread) => ({ ...thread, locations: shortened(thread.locations) })) })) };
  }
  return fitted;
}

function shortened(steps: Sarif.ThreadFlowLocation[]): Sarif.ThreadFlowLocation[] {
  const half = GITHUB_LIMITS.threadFlowLocationsPerResult / 2;
  return steps.length <= GITHUB_LIMITS.threadFlowLocationsPerResult ? steps : [...steps.slice(0, half), ...steps.slice(-half)];
}
