import type { BundleFile, FileNotification } from '../types.js';
import { fileKind, isAnalysedKind, SKIPPED_DIRECTORIES, THIRD_PARTY_DIRECTORIES } from './file-kinds.js';
import { decode, formatBytes, type DirectoryContents, type ReadLimits } from './read-directory.js';

/** The files below `start` of a tree held in memory (an archive), with the same rules as a folder on disk. */
export function readMemoryTree(entries: ReadonlyMap<string, Uint8Array>, start: string, limits: ReadLimits): DirectoryContents {
  const files: BundleFile[] = [];
  const notifications: FileNotification[] = [];
  const prefix = start === '' ? '' : `${start}/`;
  let overflow = 0;
  for (const path of [...entries.keys()].sort()) {
    if (!path.startsWith(prefix)) continue;
    const segments = path.slice(prefix.length).split('/');
    if (segments.slice(0, -1).some((segment) => SKIPPED_DIRECTORIES.has(segment))) continue;
    const kind = fileKind(path);
    if (!isAnalysedKind(kind)) continue;
    if (files.length >= limits.maxFiles) {
      overflow++;
      continue;
    }
    const bytes = entries.get(path)!;
    if (bytes.length > limits.maxFileBytes) {
      notifications.push({ kind: 'file-too-large', file: path, level: 'warning', message: `file is ${formatBytes(bytes.length)}, over the ${formatBytes(limits.maxFileBytes)} limit; not analysed` });
      continue;
    }
    const text = decode(bytes, path, notifications);
    const thirdParty = segments.slice(0, -1).some((segment) => THIRD_PARTY_DIRECTORIES.has(segment));
    if (text !== undefined) files.push({ path, kind, text, thirdParty });
  }
  if (overflow > 0) {
    notifications.push({ kind: 'too-many-files', file: start || '.', level: 'error', message: `${overflow} more files were not analysed: the limit is ${limits.maxFiles} files per bundle` });
  }
  return { files, notifications, overflow };
}
