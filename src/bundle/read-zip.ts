import { crc32 } from 'node:zlib';
import { Inflate } from 'fflate';
import type { FileNotification } from '../types.js';
import { fileKind, isAnalysedKind, SKIPPED_DIRECTORIES } from './file-kinds.js';
import { formatBytes } from './read-directory.js';
import { normaliseEntryPath } from './wxapkg.js';
import {
  FLAG_DATA_DESCRIPTOR,
  FLAG_ENCRYPTED,
  decodeEntryName,
  nextLocalHeaderSignature,
  readCentralDirectory,
  readLocalHeader,
  type CentralEntry,
  type LocalHeader,
} from './zip-directory.js';

export interface ZipLimits {
  /** Largest inflated entry kept. */
  maxEntryBytes: number;
  /** Most bytes inflated from one archive, all entries together. */
  maxTotalBytes: number;
  /** Largest inflated/compressed ratio tolerated for an entry of more than 1 MiB (zip bombs run into the thousands). */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxRatio: 200,
  maxEntries: 100_000,
};

export interface ZipContents {
  /** Entries worth reading (scripts, templates, JSON, packages), by normalised path. */
  entries: Map<string, Uint8Array>;
  notifications: FileNotification[];
}

const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
/** Compressed bytes inflated per step: deflate multiplies at most ~1000x, so a bomb trips after a few MiB. */
const INFLATE_SLICE = 16 * 1024;
/** Per-entry warnings of one kind named one by one; the rest are counted in one more. */
const NAMED_WARNINGS = 20;
/** Longest entry name read, as PATH_MAX and the .wxapkg reader allow. */
const MAX_NAME_LENGTH = 4096;
/** Unlisted local header signatures examined at most (a crafted gap can hold millions). */
const MAX_SIGNATURES_EXAMINED = 100_000;

/** Entries minivet reads from an archive: what it analyses, and packages to open in turn. */
function wanted(path: string): boolean {
  return isAnalysedKind(fileKind(path)) || path.toLowerCase().endsWith('.wxapkg');
}

/** One archive being read: its limits, what has been inflated so far, and what was found. */
interface Reading {
  buffer: Uint8Array;
  label: string;
  limits: ZipLimits;
  entries: Map<string, Uint8Array>;
  notifications: FileNotification[];
  /** Bytes inflated so far, all entries together (real bytes, not declared sizes). */
  total: number;
  /** Set once the total budget is spent: no further entry is inflated. */
  stopped: boolean;
  /** Entries that overlap another, the bytes they have given so far, and what each local header gave. */
  overlapping: ReadonlySet<Located>;
  overlapBytes: number;
  readAt: Map<number, string>;
}

/** A central-directory entry with its local header and data found, or why they could not be. */
interface Located {
  entry: CentralEntry;
  local?: LocalHeader;
  /** The compressed data, by the central directory's size; undefined when `problem` says why. */
  data?: Uint8Array;
  problem?: string;
}

/**
 * Reads a .zip in memory by its central directory, as `unzip`, Python and the mini-app platforms do
 * (not by its local headers in stream order, which a crafted archive can make tell another story).
 * Local headers that disagree with the directory, entries that overlap, and local headers the
 * directory does not list are reported. Every limit is enforced on the bytes actually inflated, not
 * on the sizes the archive declares. Entry names are normalised and any that would leave the archive
 * (`../`, absolute, drive letters) are refused: nothing is ever written to disk. Never throws.
 */
export function readZip(buffer: Uint8Array, label: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipContents {
  const reading: Reading = { buffer, label, limits, entries: new Map(), notifications: [], total: 0, stopped: false, overlapping: new Set(), overlapBytes: 0, readAt: new Map() };
  try {
    readArchive(reading);
  } catch (error) {
    notify(reading, label, 'error', `not a readable .zip: ${(error as Error).message}`);
  }
  return { entries: reading.entries, notifications: reading.notifications };
}

function notify(reading: Reading, file: string, level: FileNotification['level'], message: string): void {
  reading.notifications.push({ kind: 'unreadable-file', file, level, message });
}

function readArchive(reading: Reading): void {
  const { buffer, label, limits } = reading;
  const directory = readCentralDirectory(buffer, limits.maxEntries);
  if (typeof directory === 'string') return notify(reading, label, 'error', `not a readable .zip: ${directory}`);
  if (directory.entries.length === 0) {
    return notify(reading, label, 'error', `not a readable .zip: ${directory.problems[0] ?? 'no entries found'}`);
  }
  for (const problem of directory.problems) notify(reading, label, 'warning', problem);
  if (directory.moreEntries) notify(reading, label, 'error', `archive has more than ${limits.maxEntries} entries; the rest were not read`);
  const located = directory.entries.map((entry) => locate(buffer, entry));
  reportDisagreements(reading, located);
  reading.overlapping = reportOverlaps(reading, located);
  reportUnlistedHeaders(reading, located, directory.offset);
  for (const item of located) {
    if (reading.stopped) break;
    readEntry(reading, item);
  }
}

/** Finds an entry's local header and data where the central directory says they are. */
function locate(buffer: Uint8Array, entry: CentralEntry): Located {
  if (entry.problem !== undefined) return { entry, problem: entry.problem };
  const local = readLocalHeader(buffer, entry.localOffset);
  if (local === undefined) return { entry, problem: `no local header at offset ${entry.localOffset}` };
  if (local.dataStart + entry.compressedSize > buffer.length) {
    return { entry, local, problem: `its data (offset ${local.dataStart}, ${entry.compressedSize} bytes) runs past the end of the archive` };
  }
  return { entry, local, data: buffer.subarray(local.dataStart, local.dataStart + entry.compressedSize) };
}

/** How the entry's local header disagrees with its central-directory entry, one phrase per field. */
function disagreements({ entry, local }: Located): string[] {
  if (local === undefined) return [];
  const found: string[] = [];
  if (Buffer.compare(local.nameBytes, entry.nameBytes) !== 0) {
    found.push(`it names ${JSON.stringify(decodeEntryName(local.nameBytes, local.flags).slice(0, 200))} where the central directory names ${JSON.stringify(entry.name.slice(0, 200))}`);
  }
  if (local.method !== entry.method) found.push(`compression method ${local.method} (central directory: ${entry.method})`);
  if ((local.flags & FLAG_DATA_DESCRIPTOR) === 0 && (local.compressedSize !== entry.compressedSize || local.uncompressedSize !== entry.uncompressedSize)) {
    found.push(`sizes ${local.compressedSize}/${local.uncompressedSize} bytes compressed/inflated (central directory: ${entry.compressedSize}/${entry.uncompressedSize})`);
  }
  return found;
}

/** The name notifications give an entry: its normalised path, or the archive when it has none. */
function displayName(reading: Reading, entry: CentralEntry): string {
  return normaliseEntryPath(entry.name) ?? reading.label;
}

function reportDisagreements(reading: Reading, located: readonly Located[]): void {
  let count = 0;
  for (const item of located) {
    const found = disagreements(item);
    if (found.length === 0) continue;
    if (++count > NAMED_WARNINGS) continue;
    notify(reading, displayName(reading, item.entry), 'warning', `local header disagrees with the central directory: ${found.join('; ')}; read by the central directory, as the platforms do`);
  }
  if (count > NAMED_WARNINGS) {
    notify(reading, reading.label, 'warning', `${count - NAMED_WARNINGS} more entries have a local header that disagrees with the central directory; all are read by the central directory`);
  }
}

/** The bytes an entry occupies: its local header, name, extra field and data. */
function span(item: Located): [number, number] | undefined {
  return item.local && item.data ? [item.entry.localOffset, item.local.dataStart + item.data.length] : undefined;
}

/** Entries whose local header or data lies inside another's: the shape of an overlapping zip bomb. */
function reportOverlaps(reading: Reading, located: readonly Located[]): Set<Located> {
  const spans = located.flatMap((item) => {
    const range = span(item);
    return range ? [{ item, start: range[0], end: range[1] }] : [];
  });
  spans.sort((a, b) => a.start - b.start);
  const overlapping = new Set<Located>();
  let reach: (typeof spans)[number] | undefined;
  for (const current of spans) {
    if (reach !== undefined && current.start < reach.end) {
      overlapping.add(reach.item).add(current.item);
    }
    if (reach === undefined || current.end > reach.end) reach = current;
  }
  if (overlapping.size === 0) return overlapping;
  const names = [...overlapping].slice(0, 3).map((item) => JSON.stringify(item.entry.name.slice(0, 200)));
  notify(reading, reading.label, 'warning', `${overlapping.size} entries overlap another entry's local header or data (the shape of an overlapping zip bomb), among them ${names.join(', ')}; they are read until they have given twice the archive's size`);
  return overlapping;
}

/** What overlapping entries may inflate to, all together: a crafted archive cannot multiply its own analysis. */
function overlapBudget(reading: Reading): number {
  return Math.max(2 * reading.buffer.length, 1024 * 1024);
}

/**
 * Local headers the central directory does not list: what a streaming reader extracts and the
 * platforms do not. The data of an entry whose local header agrees with the directory is skipped
 * (a stored .zip asset holds local headers of its own, which no reader of this archive would see);
 * elsewhere, a signature counts only when a plausible name and data follow it, since one can appear
 * by chance inside compressed data.
 */
function reportUnlistedHeaders(reading: Reading, located: readonly Located[], directoryOffset: number): void {
  const referenced = new Set(located.map((item) => item.entry.localOffset));
  const delimited = located.filter((item) => disagreements(item).length === 0 && !streamsOpenEnded(item));
  const skipped = mergedRanges(delimited.map(span).filter((range) => range !== undefined));
  let named = 0;
  let examined = 0;
  let range = 0;
  let at = nextLocalHeaderSignature(reading.buffer, 0, directoryOffset);
  while (at !== -1 && examined < MAX_SIGNATURES_EXAMINED) {
    while (range < skipped.length && skipped[range]![1] <= at) range++;
    const inside = skipped[range] !== undefined && skipped[range]![0] <= at;
    if (inside) {
      at = nextLocalHeaderSignature(reading.buffer, skipped[range]![1], directoryOffset);
      continue;
    }
    if (!referenced.has(at)) {
      examined++;
      const name = plausibleUnlistedName(reading.buffer, at);
      if (name !== undefined && ++named <= NAMED_WARNINGS) {
        notify(reading, reading.label, 'warning', `a local header at offset ${at} names ${JSON.stringify(name.slice(0, 200))}, which the central directory does not list; not analysed, as the platforms would not extract it`);
      }
    }
    at = nextLocalHeaderSignature(reading.buffer, at + 1, directoryOffset);
  }
  if (named > NAMED_WARNINGS) {
    notify(reading, reading.label, 'warning', `${named - NAMED_WARNINGS} more local headers name entries the central directory does not list; not analysed`);
  }
  if (at !== -1) notify(reading, reading.label, 'warning', `the search for local headers the central directory does not list stopped after ${MAX_SIGNATURES_EXAMINED} candidates`);
}

/** A stored entry with a data descriptor: a streaming reader has to search for its end. */
function streamsOpenEnded({ entry, local }: Located): boolean {
  return local !== undefined && entry.method === METHOD_STORED && (local.flags & FLAG_DATA_DESCRIPTOR) !== 0;
}

/** Sorted, disjoint [start, end) ranges covering the given ones. */
function mergedRanges(ranges: [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** The name of a local header at `at` when it looks real: printable, and its header and data fit. */
function plausibleUnlistedName(buffer: Uint8Array, at: number): string | undefined {
  const local = readLocalHeader(buffer, at);
  if (local === undefined || local.nameBytes.length === 0) return undefined;
  if ((local.flags & FLAG_DATA_DESCRIPTOR) === 0 && local.dataStart + local.compressedSize > buffer.length) return undefined;
  const name = decodeEntryName(local.nameBytes, local.flags);
  return /[\u0000-\u001f\u007f-\u009f\ufffd]/.test(name) ? undefined : name;
}

function readEntry(reading: Reading, item: Located): void {
  const { entry } = item;
  if (entry.name.endsWith('/')) return;
  if (entry.name.length > MAX_NAME_LENGTH) {
    // Past V8's hashing length every long name hashes alike: tables keyed by them would turn quadratic.
    return notify(reading, reading.label, 'warning', `entry name of ${entry.name.length} characters (${JSON.stringify(entry.name.slice(0, 80))}…) is over the ${MAX_NAME_LENGTH}-character limit of file paths; skipped`);
  }
  const path = normaliseEntryPath(entry.name);
  if (path === undefined) {
    return notify(reading, reading.label, 'warning', `entry name ${JSON.stringify(entry.name.slice(0, 200))} leaves the archive; skipped`);
  }
  if (!wanted(path) || path.split('/').some((folder) => SKIPPED_DIRECTORIES.has(folder))) return;
  if (reading.entries.has(path)) return notify(reading, path, 'warning', `duplicate entry "${path}"; the first one is used`);
  if (item.data === undefined) return notify(reading, path, 'warning', `entry cannot be located: ${item.problem ?? 'no data'}; skipped`);
  if (entry.flags & FLAG_ENCRYPTED) return notify(reading, path, 'warning', 'entry is encrypted; skipped');
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE) {
    return notify(reading, path, 'warning', `entry uses an unsupported compression (method ${entry.method}); skipped`);
  }
  const twin = reading.readAt.get(entry.localOffset);
  if (twin !== undefined) return notify(reading, path, 'warning', `entry has the very bytes of "${twin}", which was analysed; not analysed again`);
  if (reading.overlapping.has(item) && reading.overlapBytes >= overlapBudget(reading)) {
    return notify(reading, path, 'error', `entry overlaps others, which have already given ${formatBytes(reading.overlapBytes)} (twice the archive's size); not analysed`);
  }
  const outcome = entry.method === METHOD_STORED ? copyStored(reading, item.data) : inflate(reading, item.data);
  if (typeof outcome === 'string') return notify(reading, path, 'warning', outcome);
  if ('refused' in outcome) return notify(reading, path, 'error', `entry ${outcome.refused}; skipped`);
  const actual = crc32(outcome.bytes) >>> 0;
  if (actual !== entry.crc32) {
    return notify(reading, path, 'warning', `entry fails its CRC-32 check (the central directory says ${hex(entry.crc32)}, the data gives ${hex(actual)}); skipped`);
  }
  reading.entries.set(path, outcome.bytes);
  reading.readAt.set(entry.localOffset, path);
  if (reading.overlapping.has(item)) reading.overlapBytes += outcome.bytes.length;
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}

/** The entry's bytes, or the limit it broke, or (a string) why it could not be inflated. */
type Extracted = { bytes: Uint8Array } | { refused: string } | string;

/** Checks an entry's bytes so far, and the archive's total, against the limits; the reason when one is broken. */
function overLimit(reading: Reading, entrySize: number, compressedSize: number): string | undefined {
  const { limits } = reading;
  const reason =
    entrySize > limits.maxEntryBytes ? `inflates past ${formatBytes(limits.maxEntryBytes)}`
    : entrySize > 1024 * 1024 && compressedSize > 0 && entrySize / compressedSize > limits.maxRatio ? `inflates more than ${limits.maxRatio} times its compressed size (a zip bomb?)`
    : reading.total > limits.maxTotalBytes ? `takes the archive past ${formatBytes(limits.maxTotalBytes)} inflated`
    : undefined;
  if (reading.total > limits.maxTotalBytes) reading.stopped = true;
  return reason;
}

function copyStored(reading: Reading, data: Uint8Array): Extracted {
  reading.total += data.length;
  const refused = overLimit(reading, data.length, data.length);
  return refused !== undefined ? { refused } : { bytes: data.slice() };
}

/** Inflates deflated data 16 KiB of input at a time, stopping as soon as a limit is broken. */
function inflate(reading: Reading, data: Uint8Array): Extracted {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let refused: string | undefined;
  const stream = new Inflate((chunk) => {
    if (refused !== undefined) return;
    size += chunk.length;
    reading.total += chunk.length;
    refused = overLimit(reading, size, data.length);
    if (refused === undefined) chunks.push(chunk);
  });
  try {
    let at = 0;
    do {
      const end = Math.min(at + INFLATE_SLICE, data.length);
      stream.push(data.subarray(at, end), end === data.length);
      at = end;
    } while (at < data.length && refused === undefined);
  } catch (error) {
    return `entry could not be inflated (${(error as Error).message}); skipped`;
  }
  if (refused !== undefined) return { refused };
  return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) };
}
