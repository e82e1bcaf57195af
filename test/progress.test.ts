import { describe, expect, it } from 'vitest';
import { fileProgress } from '../src/cli/progress.js';
import { scanProject } from '../src/scan.js';

describe('progress of the scan of one app', () => {
  it('draws done/total files on a terminal once the scan runs past its quiet time, and clears the line at the end', () => {
    const lines: string[] = [];
    const progress = fileProgress((line) => lines.push(line), 0);
    const result = scanProject('examples/weather-wechat', { onFileAnalysed: progress.onFileAnalysed! });
    progress.done();
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]).toMatch(new RegExp(`^\\[ +\\] 0/${result.stats.filesAnalysed} · [\\d.]+ files/s · ETA`));
    expect(lines.at(-1)).toBe('');
  });

  it('shows nothing for a scan shorter than a second, and nothing at all off a terminal', () => {
    const lines: string[] = [];
    const quick = fileProgress((line) => lines.push(line));
    scanProject('examples/weather-wechat', { onFileAnalysed: quick.onFileAnalysed! });
    quick.done();
    expect(lines).toEqual([]);
    expect(fileProgress(undefined).onFileAnalysed).toBeUndefined();
  });
});
