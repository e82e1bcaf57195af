import { familyCovers, familyOfRule } from './families.mjs';

function placeOf(location) {
  const physical = location?.physicalLocation;
  const uri = physical?.artifactLocation?.uri;
  const line = physical?.region?.startLine;
  if (typeof uri !== 'string' || typeof line !== 'number') return undefined;
  return { file: decodeURIComponent(uri), line };
}

/**
 * The scored findings of one app's SARIF log (scanned from the app's own folder, so every URI is
 * relative to the app root). Places are the finding's location, then its data-flow source and
 * related locations, which the policy also accepts as matches. Suppressed results are left out.
 */
export function sarifFindings(app, log) {
  const findings = [];
  for (const run of log.runs ?? []) {
    const platform = run.properties?.privacy?.platform;
    for (const result of run.results ?? []) {
      const family = familyOfRule(result.ruleId);
      if (!family || !familyCovers(family, platform) || (result.suppressions ?? []).length > 0) continue;
      // The policy's secrets are those of shipped files; a cloud function's is a warning of its own, not labelled.
      if (family === 'hardcoded-secret' && result.properties?.serverCode === true) continue;
      const primary = placeOf(result.locations?.[0]);
      if (!primary) continue;
      const flowStart = placeOf(result.codeFlows?.[0]?.threadFlows?.[0]?.locations?.[0]?.location);
      const related = (result.relatedLocations ?? []).map(placeOf).filter(Boolean);
      findings.push({
        app,
        family,
        ruleId: result.ruleId,
        file: primary.file,
        line: primary.line,
        message: result.message?.text ?? '',
        places: [primary, ...(flowStart ? [flowStart] : []), ...related],
      });
    }
  }
  return findings;
}

/** Internal errors the run reported (the report stands, the run is incomplete). */
export function internalErrors(log) {
  return (log.runs ?? []).flatMap((run) => (run.invocations ?? []).flatMap((invocation) => (invocation.toolExecutionNotifications ?? []).filter((n) => n.descriptor?.id === 'internal-error')));
}
