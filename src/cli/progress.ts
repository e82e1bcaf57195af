/** A one-line progress display for batch scans on a terminal: done/total, rate and time left. */
export function progressLine(done: number, total: number, elapsedMs: number, width = 24): string {
  const filled = Math.round((done / total) * width);
  const rate = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  const remaining = rate > 0 ? (total - done) / rate : 0;
  const eta = done === total ? 'done' : rate > 0 ? `ETA ${formatDuration(remaining)}` : 'ETA …';
  return `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} · ${rate.toFixed(1)} bundles/s · ${eta}`;
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}
