import type { Suppression } from '../analyzers/suppressions.js';
import type { Usage } from '../types.js';
import { compareStrings } from '../util/sort.js';

/** A mini-app's analysed files as the ESLint plugin's project rules read them, and their merge with the file being linted. */

export interface IndexEntry {
  /** POSIX path relative to the project root. */
  path: string;
  usages: readonly Usage[];
  unanalysed: boolean;
  /** `minivet-disable` comments in the file. */
  suppressions?: readonly Suppression[];
}

/** The analysed files of a mini-app, sorted by path. */
export interface ProjectIndex {
  readonly entries: readonly IndexEntry[];
}

/**
 * The usages and unanalysed files of a mini-app, with the file at `path` replaced by what it holds
 * now (`live`, from the text being linted) instead of what was saved.
 */
export function combineIndex(index: ProjectIndex, path: string, live?: { usages: readonly Usage[]; unanalysed: boolean }): { usages: Usage[]; unanalysedFiles: string[] } {
  const usages: Usage[] = [];
  const unanalysed: string[] = [];
  let placed = live === undefined;
  const place = (): void => {
    placed = true;
    usages.push(...live!.usages);
    if (live!.unanalysed) unanalysed.push(path);
  };
  for (const entry of index.entries) {
    if (!placed && compareStrings(path, entry.path) <= 0) place();
    if (live && entry.path === path) continue;
    usages.push(...entry.usages);
    if (entry.unanalysed) unanalysed.push(entry.path);
  }
  if (!placed) place();
  return { usages, unanalysedFiles: unanalysed.sort(compareStrings) };
}
