/**
 * The structure of a .zip as `unzip`, Python's zipfile and the mini-app platforms read it: the End
 * Of Central Directory record (and its Zip64 form), the central directory's entries, and the local
 * header each one points at. Every field comes from an untrusted upload, so every read is checked
 * against the buffer first; problems come back as values, never as exceptions. No data is inflated here.
 */

export const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EXTRA_ID = 0x0001;

const LOCAL_HEADER_BYTES = 30;
const CENTRAL_HEADER_BYTES = 46;
const END_BYTES = 22;
const ZIP64_END_BYTES = 56;
const ZIP64_LOCATOR_BYTES = 20;
const MAX_COMMENT_BYTES = 0xffff;
/** A 32-bit size or offset with this value lives in the Zip64 extra field. */
const ZIP64_MARK = 0xffffffff;

/** General-purpose flag bits. */
export const FLAG_ENCRYPTED = 0x0001;
export const FLAG_DATA_DESCRIPTOR = 0x0008;
export const FLAG_UTF8 = 0x0800;

export interface CentralEntry {
  /** Name as the platforms see it: UTF-8 when flag bit 11 is set, latin1 otherwise. */
  name: string;
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  /** Why the entry cannot be located (a Zip64 value the extra field lacks). */
  problem?: string;
}

export interface CentralDirectory {
  entries: CentralEntry[];
  /** Where the central directory starts: every local header and its data lie before it. */
  offset: number;
  /** True when the directory lists more entries than were asked for (the rest are not parsed). */
  moreEntries: boolean;
  /** Problems with the directory as a whole; the entries read before them are kept. */
  problems: string[];
}

export interface LocalHeader {
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  nameBytes: Uint8Array;
  /** Where the entry's data starts: after the header, its name and its extra field. */
  dataStart: number;
}

interface EndRecord {
  entryCount: number;
  directorySize: number;
  directoryOffset: number;
  zip64: boolean;
  multiDisk: boolean;
}

/** Bounds-checked little-endian reads over the whole buffer. */
class Bytes {
  private readonly view: DataView;
  constructor(readonly buffer: Uint8Array) {
    this.view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  get length(): number {
    return this.buffer.length;
  }
  /** True when `length` bytes from `at` lie inside the buffer. */
  fits(at: number, length: number): boolean {
    return Number.isSafeInteger(at) && at >= 0 && length >= 0 && at + length <= this.buffer.length;
  }
  u16(at: number): number {
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    return this.view.getUint32(at, true);
  }
  /** A 64-bit value as a number; values past 2^53 become unsafe and fail every later bounds check. */
  u64(at: number): number {
    const value = this.view.getBigUint64(at, true);
    return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(value);
  }
  slice(at: number, length: number): Uint8Array {
    return this.buffer.subarray(at, at + length);
  }
}

/** An entry name as the platforms decode it. */
export function decodeEntryName(bytes: Uint8Array, flags: number): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buffer.toString(flags & FLAG_UTF8 ? 'utf8' : 'latin1');
}

/**
 * Finds the central directory the way `unzip` does: the last End Of Central Directory record, within
 * the last 64 KiB + 22 bytes, whose fields are consistent. Returns an error message when there is none.
 */
export function readCentralDirectory(buffer: Uint8Array, maxEntries: number): CentralDirectory | string {
  const bytes = new Bytes(buffer);
  const end = findEndRecord(bytes);
  if (end === undefined) return 'no end of central directory record (the file is truncated or not a zip)';
  if (end.multiDisk) return 'the archive spans several disks (a split archive); join its parts first';
  return readEntries(bytes, end, maxEntries);
}

function findEndRecord(bytes: Bytes): EndRecord | undefined {
  const lowest = Math.max(0, bytes.length - END_BYTES - MAX_COMMENT_BYTES);
  for (let at = bytes.length - END_BYTES; at >= lowest; at--) {
    if (bytes.buffer[at] !== 0x50 || bytes.u32(at) !== END_SIGNATURE) continue;
    const record = endRecordAt(bytes, at);
    if (record !== undefined) return record;
  }
  return undefined;
}

/** The record at `at` if its fields are consistent: comment inside the file, directory before the record. */
function endRecordAt(bytes: Bytes, at: number): EndRecord | undefined {
  if (at + END_BYTES + bytes.u16(at + 20) > bytes.length) return undefined;
  const zip64 = zip64EndRecord(bytes, at);
  if (zip64 === 'inconsistent') return undefined;
  const record: EndRecord & { at: number } = zip64 ?? {
    at,
    entryCount: bytes.u16(at + 10),
    directorySize: bytes.u32(at + 12),
    directoryOffset: bytes.u32(at + 16),
    zip64: false,
    multiDisk: bytes.u16(at + 4) !== 0 || bytes.u16(at + 6) !== 0,
  };
  if (record.multiDisk) return record;
  return bytes.fits(record.directoryOffset, record.directorySize) && record.directoryOffset + record.directorySize <= record.at ? record : undefined;
}

/**
 * The Zip64 end record named by a locator just before the classic record at `endAt`: undefined when
 * there is no locator, 'inconsistent' when the locator points at no Zip64 record.
 */
function zip64EndRecord(bytes: Bytes, endAt: number): (EndRecord & { at: number }) | 'inconsistent' | undefined {
  const locator = endAt - ZIP64_LOCATOR_BYTES;
  if (locator < 0 || bytes.u32(locator) !== ZIP64_LOCATOR_SIGNATURE) return undefined;
  const at = bytes.u64(locator + 8);
  if (!bytes.fits(at, ZIP64_END_BYTES) || at + ZIP64_END_BYTES > locator || bytes.u32(at) !== ZIP64_END_SIGNATURE) return 'inconsistent';
  return {
    at,
    entryCount: bytes.u64(at + 32),
    directorySize: bytes.u64(at + 40),
    directoryOffset: bytes.u64(at + 48),
    zip64: true,
    multiDisk: bytes.u32(locator + 4) !== 0 || bytes.u32(locator + 16) > 1 || bytes.u32(at + 16) !== 0 || bytes.u32(at + 20) !== 0,
  };
}

/** Walks the directory entry by entry, stopping at the first that is garbled or after `maxEntries` + 1. */
function readEntries(bytes: Bytes, end: EndRecord, maxEntries: number): CentralDirectory {
  const directory: CentralDirectory = { entries: [], offset: end.directoryOffset, moreEntries: false, problems: [] };
  const limit = end.directoryOffset + end.directorySize;
  let at = end.directoryOffset;
  while (at < limit) {
    if (directory.entries.length >= maxEntries) {
      directory.moreEntries = true;
      return directory;
    }
    const next = at + CENTRAL_HEADER_BYTES <= limit && bytes.u32(at) === CENTRAL_HEADER_SIGNATURE ? at + CENTRAL_HEADER_BYTES + bytes.u16(at + 28) + bytes.u16(at + 30) + bytes.u16(at + 32) : Number.POSITIVE_INFINITY;
    if (next > limit) {
      directory.problems.push(`the central directory is garbled at offset ${at} (after ${directory.entries.length} entries); the rest of it was not read`);
      return directory;
    }
    directory.entries.push(centralEntryAt(bytes, at));
    at = next;
  }
  const found = directory.entries.length;
  // A classic record counts in 16 bits: an archive of 70,000 entries says 4,464.
  if (found !== end.entryCount && (end.zip64 || found % 0x10000 !== end.entryCount)) {
    directory.problems.push(`the end record declares ${end.entryCount} entries but the central directory holds ${found}`);
  }
  return directory;
}

function centralEntryAt(bytes: Bytes, at: number): CentralEntry {
  const flags = bytes.u16(at + 8);
  const nameLength = bytes.u16(at + 28);
  const nameBytes = bytes.slice(at + CENTRAL_HEADER_BYTES, nameLength);
  const entry: CentralEntry = {
    name: decodeEntryName(nameBytes, flags),
    nameBytes,
    flags,
    method: bytes.u16(at + 10),
    crc32: bytes.u32(at + 16),
    compressedSize: bytes.u32(at + 20),
    uncompressedSize: bytes.u32(at + 24),
    localOffset: bytes.u32(at + 42),
  };
  const extraAt = at + CENTRAL_HEADER_BYTES + nameLength;
  if (!applyZip64Extra(bytes, extraAt, bytes.u16(at + 30), entry, true)) {
    entry.problem = 'declares a Zip64 size or offset but has no Zip64 extra field holding it';
  }
  return entry;
}

/**
 * Replaces the 0xFFFFFFFF sizes (and, in the central directory, offset) of `target` with the 64-bit
 * values of the Zip64 extra field, which holds only the values marked, in this order. False when a
 * marked value is missing.
 */
function applyZip64Extra(bytes: Bytes, extraAt: number, extraLength: number, target: { compressedSize: number; uncompressedSize: number; localOffset?: number }, central: boolean): boolean {
  const fields = (['uncompressedSize', 'compressedSize', 'localOffset'] as const).filter((field) => (field !== 'localOffset' || central) && target[field] === ZIP64_MARK);
  if (fields.length === 0) return true;
  const block = zip64Block(bytes, extraAt, extraLength);
  if (block === undefined || block.length < fields.length * 8) return false;
  fields.forEach((field, i) => {
    target[field] = bytes.u64(block.at + i * 8);
  });
  return true;
}

/** The Zip64 block (id 0x0001) of an extra field, if it has one that lies inside the field. */
function zip64Block(bytes: Bytes, at: number, length: number): { at: number; length: number } | undefined {
  const end = at + length;
  while (at + 4 <= end) {
    const id = bytes.u16(at);
    const size = bytes.u16(at + 2);
    if (at + 4 + size > end) return undefined;
    if (id === ZIP64_EXTRA_ID) return { at: at + 4, length: size };
    at += 4 + size;
  }
  return undefined;
}

/** The local header at `offset`, or undefined when there is none there or it runs past the end. */
export function readLocalHeader(buffer: Uint8Array, offset: number): LocalHeader | undefined {
  const bytes = new Bytes(buffer);
  if (!bytes.fits(offset, LOCAL_HEADER_BYTES) || bytes.u32(offset) !== LOCAL_HEADER_SIGNATURE) return undefined;
  const nameLength = bytes.u16(offset + 26);
  const extraLength = bytes.u16(offset + 28);
  const extraAt = offset + LOCAL_HEADER_BYTES + nameLength;
  if (!bytes.fits(extraAt, extraLength)) return undefined;
  const header: LocalHeader = {
    flags: bytes.u16(offset + 6),
    method: bytes.u16(offset + 8),
    compressedSize: bytes.u32(offset + 18),
    uncompressedSize: bytes.u32(offset + 22),
    nameBytes: bytes.slice(offset + LOCAL_HEADER_BYTES, nameLength),
    dataStart: extraAt + extraLength,
  };
  // A marked size without its Zip64 value stays 0xFFFFFFFF, and so disagrees with the directory.
  applyZip64Extra(bytes, extraAt, extraLength, header, false);
  return header;
}

const LOCAL_SIGNATURE_BYTES = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Offset of the next local header signature at or after `from` and before `end`, or -1. */
export function nextLocalHeaderSignature(buffer: Uint8Array, from: number, end: number): number {
  const haystack = Buffer.from(buffer.buffer, buffer.byteOffset, Math.min(end, buffer.length));
  return haystack.indexOf(LOCAL_SIGNATURE_BYTES, from);
}
