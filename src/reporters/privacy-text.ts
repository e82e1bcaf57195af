import type { PrivacySummary } from '../privacy-report.js';

function list(items: readonly string[], limit = 6): string {
  return items.length <= limit ? items.join(', ') : `${items.slice(0, limit).join(', ')} and ${items.length - limit} more`;
}

/** The privacy summary of one project as a few plain lines (the text report's "who tracks what"). */
export function privacyLines(summary: PrivacySummary): string[] {
  const lines: string[] = [];
  lines.push(
    summary.trackers.length === 0
      ? 'Trackers: none found'
      : `Trackers: ${summary.trackers
          .map((t) => `${t.name}${t.shippedButNotImported ? ' (shipped, never imported)' : ''}${t.autoTracking ? ' (auto-tracking)' : ''}${t.allowedByPolicy ? '' : ' (not allowed by policy)'}`)
          .join('; ')}`,
  );
  lines.push(
    summary.dataTypes.length === 0
      ? 'Personal data collected: none found'
      : `Personal data collected: ${summary.dataTypes.map((d) => `${d.label}${d.via.length > 0 ? ` via ${list(d.via, 3)}` : ''}${d.sentTo.length > 0 ? ` → ${list(d.sentTo, 3)}` : ''}`).join('; ')}`,
  );
  if (summary.destinations.length > 0) lines.push(`Sent to: ${list(summary.destinations.map((d) => d.host), 8)}`);
  if (summary.interactionHistory.length > 0) lines.push(`Interaction history collected by: ${summary.interactionHistory.join(', ')}`);
  if (summary.consent.applicable) lines.push(`Privacy consent flow: ${summary.consent.flow ? 'present' : 'missing'}`);
  return lines;
}
