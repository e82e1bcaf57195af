/**
 * Builds .zip bytes field by field, for tests of archives whose local headers, central directory and
 * end records say different things (what no zip library will write on purpose).
 */
import { crc32 } from 'node:zlib';
import { deflateSync } from 'fflate';

export const LOCAL_HEADER_BYTES = 30;
const ZIP64_MARK = 0xffffffff;

/** The fields a local header and a central-directory entry share. */
export interface HeaderFields {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  extra: Uint8Array;
}

export interface Member {
  name: string;
  content: string | Uint8Array;
  /** 0 stored, 8 deflated (the default). */
  method?: number;
  flags?: number;
  /** Fields written in the local header instead of the true ones. */
  local?: Partial<HeaderFields>;
  /** Fields written in the central directory instead of the true ones. */
  central?: Partial<HeaderFields> & { localOffset?: number };
  /** Written to the archive but left out of the central directory. */
  unlisted?: boolean;
  /** Not written: listed in the central directory at the data of the member with this index. */
  listedAtDataOf?: number;
  /** Sizes (and the offset) written as 0xFFFFFFFF, their values in a Zip64 extra field. */
  zip64?: boolean;
}

export interface CraftOptions {
  /** End with a Zip64 end record and locator, the classic record's fields all 0xFF. */
  zip64End?: boolean;
  comment?: string;
}

export interface Crafted {
  bytes: Buffer;
  /** Per member, where its local header was written (-1 when not written). */
  localOffsets: number[];
  /** Per member, where its data starts (-1 when not written). */
  dataOffsets: number[];
  centralOffset: number;
}

interface Encoded {
  data: Buffer;
  crc: number;
  size: number;
}

function encode(member: Member): Encoded {
  const raw = typeof member.content === 'string' ? Buffer.from(member.content, 'utf8') : Buffer.from(member.content);
  const data = (member.method ?? 8) === 8 ? Buffer.from(deflateSync(raw)) : raw;
  return { data, crc: crc32(raw) >>> 0, size: raw.length };
}

function u64(value: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(BigInt(value));
  return out;
}

/** A Zip64 extra field (id 0x0001) holding these 64-bit values in order. */
export function zip64Extra(...values: number[]): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(0x0001, 0);
  head.writeUInt16LE(values.length * 8, 2);
  return Buffer.concat([head, ...values.map(u64)]);
}

/** The true header fields of a member with its overrides applied. */
function fields(member: Member, encoded: Encoded, overrides: Partial<HeaderFields> | undefined, extra: Uint8Array): HeaderFields {
  const zip64 = member.zip64 === true;
  return {
    name: member.name,
    method: member.method ?? 8,
    flags: member.flags ?? 0x0800,
    crc: encoded.crc,
    compressedSize: zip64 ? ZIP64_MARK : encoded.data.length,
    uncompressedSize: zip64 ? ZIP64_MARK : encoded.size,
    extra,
    ...overrides,
  };
}

/** A member's local header, name, extra field and data: what a streaming reader sees. */
export function localRecord(member: Member): Buffer {
  const encoded = encode(member);
  const extra = member.zip64 ? zip64Extra(encoded.size, encoded.data.length) : Buffer.alloc(0);
  const header = fields(member, encoded, member.local, extra);
  const name = Buffer.from(header.name, 'utf8');
  const out = Buffer.alloc(LOCAL_HEADER_BYTES);
  out.writeUInt32LE(0x04034b50, 0);
  out.writeUInt16LE(member.zip64 ? 45 : 20, 4);
  out.writeUInt16LE(header.flags, 6);
  out.writeUInt16LE(header.method, 8);
  out.writeUInt32LE(0, 10);
  out.writeUInt32LE(header.crc, 14);
  out.writeUInt32LE(header.compressedSize, 18);
  out.writeUInt32LE(header.uncompressedSize, 22);
  out.writeUInt16LE(name.length, 26);
  out.writeUInt16LE(header.extra.length, 28);
  return Buffer.concat([out, name, header.extra, encoded.data]);
}

function centralRecord(member: Member, localOffset: number): Buffer {
  const encoded = encode(member);
  const zip64 = member.zip64 === true;
  const extra = zip64 ? zip64Extra(encoded.size, encoded.data.length, localOffset) : Buffer.alloc(0);
  const entry = fields(member, encoded, member.central, extra);
  const name = Buffer.from(entry.name, 'utf8');
  const out = Buffer.alloc(46);
  out.writeUInt32LE(0x02014b50, 0);
  out.writeUInt16LE(0x031e, 4);
  out.writeUInt16LE(zip64 ? 45 : 20, 6);
  out.writeUInt16LE(entry.flags, 8);
  out.writeUInt16LE(entry.method, 10);
  out.writeUInt32LE(0, 12);
  out.writeUInt32LE(entry.crc, 16);
  out.writeUInt32LE(entry.compressedSize, 20);
  out.writeUInt32LE(entry.uncompressedSize, 24);
  out.writeUInt16LE(name.length, 28);
  out.writeUInt16LE(entry.extra.length, 30);
  out.writeUInt32LE(member.central?.localOffset ?? (zip64 ? ZIP64_MARK : localOffset), 42);
  return Buffer.concat([out, name, entry.extra]);
}

function endRecords(count: number, size: number, offset: number, options: CraftOptions): Buffer {
  const comment = Buffer.from(options.comment ?? '', 'latin1');
  const classic = Buffer.alloc(22);
  classic.writeUInt32LE(0x06054b50, 0);
  classic.writeUInt16LE(options.zip64End ? 0xffff : count, 8);
  classic.writeUInt16LE(options.zip64End ? 0xffff : count, 10);
  classic.writeUInt32LE(options.zip64End ? ZIP64_MARK : size, 12);
  classic.writeUInt32LE(options.zip64End ? ZIP64_MARK : offset, 16);
  classic.writeUInt16LE(comment.length, 20);
  if (!options.zip64End) return Buffer.concat([classic, comment]);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(size), 40);
  record.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + size), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, classic, comment]);
}

/** Writes the members in order, then the central directory of the listed ones, then the end record(s). */
export function craftZip(members: readonly Member[], options: CraftOptions = {}): Crafted {
  const parts: Buffer[] = [];
  const localOffsets: number[] = [];
  const dataOffsets: number[] = [];
  let at = 0;
  for (const member of members) {
    if (member.listedAtDataOf !== undefined) {
      localOffsets.push(-1);
      dataOffsets.push(-1);
      continue;
    }
    const record = localRecord(member);
    localOffsets.push(at);
    dataOffsets.push(at + record.length - encode(member).data.length);
    parts.push(record);
    at += record.length;
  }
  const central = members.flatMap((member, i) => {
    if (member.unlisted) return [];
    const offset = member.listedAtDataOf !== undefined ? dataOffsets[member.listedAtDataOf]! : localOffsets[i]!;
    return [centralRecord(member, offset)];
  });
  const directory = Buffer.concat(central);
  parts.push(directory, endRecords(central.length, directory.length, at, options));
  return { bytes: Buffer.concat(parts), localOffsets, dataOffsets, centralOffset: at };
}
