/** A one-line progress display on a terminal: done/total bundles (or files), rate and time left. */
export function progressLine(done: number, total: number, elapsedMs: number, unit = 'bundles', width = 24): string {
  const filled = Math.round((done / total) * width);
  const rate = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  const remaining = rate > 0 ? (total - done) / rate : 0;
  const eta = done === total ? 'done' : rate > 0 ? `ETA ${formatDuration(remaining)}` : 'ETA …';
  return `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} · ${rate.toFixed(1)} ${unit}/s · ${eta}`;
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}

/** How long a scan of one app runs before it shows progress, and how often the line is redrawn. */
const QUIET_MS = 1000;
const REDRAW_MS = 100;

/**
 * Progress for the scan of one app: nothing on a pipe or for a scan under a second, then a line
 * redrawn at most ten times a second. `done` clears it.
 */
export function fileProgress(show: ((line: string) => void) | undefined, quietMs = QUIET_MS): { onFileAnalysed?: (done: number, total: number) => void; done(): void } {
  if (!show) return { done: () => {} };
  const started = performance.now();
  let drawn = 0;
  return {
    onFileAnalysed(done, total) {
      const now = performance.now();
      if (now - started < quietMs || now - drawn < REDRAW_MS) return;
      drawn = now;
      show(progressLine(done, total, now - started, 'files'));
    },
    done() {
      if (drawn > 0) show('');
    },
  };
}
