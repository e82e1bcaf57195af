import type { PrivacySummary } from '../privacy-report.js';
import { shortList } from './summary.js';

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
      : `Personal data collected: ${summary.dataTypes.map((d) => `${d.label}${d.via.length > 0 ? ` via ${shortList(d.via, 3)}` : ''}${d.sentTo.length > 0 ? ` → ${shortList(d.sentTo, 3)}` : ''}`).join('; ')}`,
  );
  if (summary.destinations.length > 0) lines.push(`Sent to: ${shortList(summary.destinations.map((d) => d.host), 8)}`);
  if (summary.interactionHistory.length > 0) lines.push(`Interaction history collected by: ${summary.interactionHistory.join(', ')}`);
  if (summary.consent.applicable) lines.push(`Privacy consent flow: ${summary.consent.flow ? 'present' : 'missing'}`);
  return lines;
}
