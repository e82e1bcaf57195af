import type { BundleFile, FileNotification } from '../types.js';
import { fileKind, isAnalysedKind, SKIPPED_DIRECTORIES, THIRD_PARTY_DIRECTORIES } from './file-kinds.js';
import { decode, formatBytes, type DirectoryContents, type ReadLimits } from './read-directory.js';
import { capOrder, pastCapNotifications } from './file-cap.js';

/** The files below `start` of a tree held in memory (an archive), with the same rules as a folder on disk. */
export function readMemoryTree(entries: ReadonlyMap<string, Uint8Array>, start: string, limits: ReadLimits, entryPoints: ReadonlySet<string> = new Set()): DirectoryContents {
  const files: BundleFile[] = [];
  const notifications: FileNotification[] = [];
  const prefix = start === '' ? '' : `${start}/`;
  const candidates: { path: string; thirdParty: boolean }[] = [];
  for (const path of entries.keys()) {
    if (!path.startsWith(prefix)) continue;
    const folders = path.slice(prefix.length).split('/').slice(0, -1);
    if (folders.some((segment) => SKIPPED_DIRECTORIES.has(segment)) || !isAnalysedKind(fileKind(path))) continue;
    candidates.push({ path, thirdParty: folders.some((segment) => THIRD_PARTY_DIRECTORIES.has(segment)) });
  }
  const ordered = capOrder(candidates, start, entryPoints);
  for (const { path, thirdParty } of ordered.slice(0, limits.maxFiles)) {
    const bytes = entries.get(path)!;
    if (bytes.length > limits.maxFileBytes) {
      notifications.push({ kind: 'file-too-large', file: path, level: 'warning', message: `file is ${formatBytes(bytes.length)}, over the ${formatBytes(limits.maxFileBytes)} limit; not analysed` });
      continue;
    }
    const text = decode(bytes, path, notifications);
    if (text !== undefined) files.push({ path, kind: fileKind(path), text, thirdParty });
  }
  const left = ordered.slice(limits.maxFiles).map((file) => file.path);
  notifications.push(...pastCapNotifications(left, start, limits.maxFiles));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, notifications, overflow: left.length };
}
