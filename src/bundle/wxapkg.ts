import type { FileNotification } from '../types.js';

/**
 * Reader for compiled WeChat packages (.wxapkg), in memory and defensive: packages come from
 * untrusted uploads, so every length and offset is checked against the buffer before use.
 *
 * Layout (big-endian): 0xBE, u32 0, u32 index length, u32 data length, 0xED; then the index:
 * u32 file count and, per file, u32 name length, UTF-8 name (starting with '/'), u32 absolute
 * offset, u32 size. Header + index + data = file size.
 */

export const WXAPKG_HEADER_BYTES = 14;
const FIRST_MARK = 0xbe;
const LAST_MARK = 0xed;
/** PC clients keep packages encrypted, starting with this magic. */
const ENCRYPTED_MAGIC = 'V1MMWX';
/** More entries than this is not a mini-app but an attack on the reader. */
export const MAX_ENTRIES = 100_000;
const MAX_NAME_BYTES = 4096;

export interface WxapkgEntry {
  /** Normalised POSIX path without the leading '/'. */
  path: string;
  offset: number;
  size: number;
}

export interface WxapkgContents {
  entries: WxapkgEntry[];
  /** Problems with the package or individual entries; an unreadable package has an error and no entries. */
  notifications: FileNotification[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** True when the buffer starts like a .wxapkg (used to tell packages from other files). */
export function looksLikeWxapkg(buffer: Uint8Array): boolean {
  return buffer.length >= WXAPKG_HEADER_BYTES && buffer[0] === FIRST_MARK && buffer[13] === LAST_MARK;
}

/** A package path made safe: POSIX separators, no leading '/', no '.', and nothing that climbs out with '..'. */
export function normaliseEntryPath(raw: string): string | undefined {
  if (raw.includes('\0')) return undefined;
  const segments: string[] = [];
  for (const segment of raw.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' || /^[A-Za-z]:$/.test(segment)) return undefined;
    segments.push(segment);
  }
  return segments.length > 0 ? segments.join('/') : undefined;
}

/** Reads the index of a .wxapkg held in memory. `label` names the package in notifications. */
export function readWxapkgIndex(buffer: Uint8Array, label: string): WxapkgContents {
  const fail = (message: string): WxapkgContents => ({
    entries: [],
    notifications: [{ kind: 'unreadable-file', file: label, level: 'error', message: `not a readable .wxapkg: ${message}` }],
  });
  if (buffer.length >= ENCRYPTED_MAGIC.length && Buffer.from(buffer.subarray(0, ENCRYPTED_MAGIC.length)).toString('latin1') === ENCRYPTED_MAGIC) {
    return fail('the package is encrypted (a PC client copy); decrypt it first');
  }
  if (buffer.length < WXAPKG_HEADER_BYTES) return fail(`${buffer.length} bytes, shorter than the 14-byte header`);
  if (!looksLikeWxapkg(buffer)) return fail('bad magic bytes (expected 0xBE … 0xED)');
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const indexLength = view.getUint32(5);
  const dataLength = view.getUint32(9);
  const dataStart = WXAPKG_HEADER_BYTES + indexLength;
  if (dataStart + dataLength !== buffer.length) {
    if (dataStart > buffer.length) return fail(`the index (${indexLength} bytes) runs past the end of the file`);
    // Trailing or missing bytes: note it and read what the index describes, still bounds-checked.
  }
  const notifications: FileNotification[] = [];
  if (dataStart + dataLength !== buffer.length) {
    notifications.push({
      kind: 'unreadable-file',
      file: label,
      level: 'warning',
      message: `header says ${dataStart + dataLength} bytes but the file has ${buffer.length}; the package may be truncated`,
    });
  }
  let cursor = WXAPKG_HEADER_BYTES;
  const indexEnd = dataStart;
  const readU32 = (): number | undefined => {
    if (cursor + 4 > indexEnd) return undefined;
    const value = view.getUint32(cursor);
    cursor += 4;
    return value;
  };
  const count = readU32();
  if (count === undefined) return fail('the index is empty');
  if (count > MAX_ENTRIES) return fail(`the index claims ${count} files, over the limit of ${MAX_ENTRIES}`);

  const entries: WxapkgEntry[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const nameLength = readU32();
    if (nameLength === undefined || nameLength > MAX_NAME_BYTES || cursor + nameLength > indexEnd) {
      notifications.push({ kind: 'unreadable-file', file: label, level: 'error', message: `index entry ${i + 1} of ${count} is cut off; the remaining entries were not read` });
      break;
    }
    let rawName: string;
    try {
      rawName = utf8.decode(buffer.subarray(cursor, cursor + nameLength));
    } catch {
      rawName = '';
    }
    cursor += nameLength;
    const offset = readU32();
    const size = readU32();
    if (offset === undefined || size === undefined) {
      notifications.push({ kind: 'unreadable-file', file: label, level: 'error', message: `index entry ${i + 1} of ${count} is cut off; the remaining entries were not read` });
      break;
    }
    const path = normaliseEntryPath(rawName);
    if (path === undefined) {
      notifications.push({ kind: 'unreadable-file', file: label, level: 'warning', message: `entry name ${JSON.stringify(rawName.slice(0, 200))} is empty, not UTF-8 or leaves the package; skipped` });
      continue;
    }
    if (offset < dataStart || offset + size > buffer.length) {
      notifications.push({ kind: 'unreadable-file', file: path, level: 'warning', message: `entry data (offset ${offset}, ${size} bytes) lies outside the package's data area; skipped` });
      continue;
    }
    if (seen.has(path)) {
      notifications.push({ kind: 'unreadable-file', file: path, level: 'warning', message: `duplicate entry "${path}"; the first one is used` });
      continue;
    }
    seen.add(path);
    entries.push({ path, offset, size });
  }
  notifications.push(...overlapNotifications(entries));
  return { entries, notifications };
}

/** Entries whose data overlap are legal to read but a sign of a crafted package: say so once per pair. */
function overlapNotifications(entries: readonly WxapkgEntry[]): FileNotification[] {
  const sorted = entries.filter((entry) => entry.size > 0).sort((a, b) => a.offset - b.offset || a.size - b.size);
  const notes: FileNotification[] = [];
  let furthest: WxapkgEntry | undefined;
  for (const entry of sorted) {
    if (furthest && entry.offset < furthest.offset + furthest.size) {
      if (notes.length < 20) {
        notes.push({ kind: 'unreadable-file', file: entry.path, level: 'note', message: `entry data overlaps "${furthest.path}"; the package was probably crafted` });
      }
    }
    if (!furthest || entry.offset + entry.size > furthest.offset + furthest.size) furthest = entry;
  }
  return notes;
}
