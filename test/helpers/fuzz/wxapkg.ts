/**
 * .wxapkg material for the fuzz tests: hostile entry lists, field-aware corruption of the header
 * and index, and an independent (deliberately simple) reading of the index to check the real
 * reader against.
 */
import { normaliseEntryPath } from '../../../src/bundle/wxapkg.js';
import { packWxapkg, type PackEntry } from '../wxapkg.js';
import { concat, interestingU32, mutateBytes } from './mutators.js';
import type { Rng } from './prng.js';

const HEADER = 14;

/** Names a packer should never have written, and a few it might have. */
const HOSTILE_NAMES: readonly string[] = [
  '/../../etc/passwd.js', '/a/../../escape.js', '/a/./b/../c.js', '\\windows\\style.js', '/C:/abs.js', '/c:', 'relative.js', '', '/', '/.', '/..',
  '//double//slash.js', '/a\u0000b.js', '/ü/页面.js', '/\u202Egnp.js', '/x.JS', '/x.Wxml', '/types.d.ts', '/.hidden.js', '/trailing/',
  '/app-config.json', '/app-service.js', '/sub/app-service.js', '/miniprogram_npm/sdk/index.js', '/node_modules/x.js', `/${'a'.repeat(300)}.js`,
  `/${'deep/'.repeat(200)}x.js`, '/CON.js', '/a:b.js', '/%2e%2e/x.js', '/ .js', '/.js',
];

export function hostileEntry(rng: Rng, dataHint: number): PackEntry {
  const name = rng.chance(0.9) ? rng.pick(HOSTILE_NAMES) : `/${'n'.repeat(rng.pick([4095, 4096, 4097, 9000]))}.js`;
  const entry: PackEntry = { name, content: rng.pick(['wx.getLocation({})', '<camera/>', '{"pages":[]}', '', '\u0000\u0001binary', 'x'.repeat(rng.size(5000))]) };
  if (rng.chance(0.3)) entry.offset = interestingU32(rng, dataHint, dataHint * 2);
  if (rng.chance(0.3)) entry.size = interestingU32(rng, 10, dataHint * 2);
  return entry;
}

/** Where the fields of a well-formed package are, for corruption that hits them on purpose. */
interface Layout {
  /** Byte offsets of every u32 field: header lengths, count, and each entry's name length, offset and size. */
  fields: number[];
  /** [start, end) of each entry's name bytes. */
  names: [number, number][];
}

function layoutOf(bytes: Uint8Array): Layout {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const layout: Layout = { fields: [5, 9, 14], names: [] };
  if (bytes.length < 18) return layout;
  const count = view.getUint32(14);
  let cursor = 18;
  // Earlier edits may have damaged the package already: read only what is there.
  for (let i = 0; i < count && cursor + 4 <= bytes.length; i++) {
    const length = view.getUint32(cursor);
    if (cursor + 12 + length > bytes.length) break;
    layout.fields.push(cursor);
    layout.names.push([cursor + 4, cursor + 4 + length]);
    cursor += 4 + length;
    layout.fields.push(cursor, cursor + 4);
    cursor += 8;
  }
  return layout;
}

/**
 * A package built from `entries` and then damaged: hostile extra entries, corrupted u32 fields,
 * names made invalid UTF-8, magic or encryption changes, truncation or plain byte edits.
 */
export function hostilePackage(rng: Rng, entries: readonly PackEntry[]): Uint8Array {
  const list = [...entries];
  if (rng.chance(0.3)) {
    for (let i = rng.range(1, 4); i > 0; i--) list.splice(rng.int(list.length + 1), 0, hostileEntry(rng, 200));
  }
  if (rng.chance(0.1) && list.length > 1) list.push({ ...list[rng.int(list.length)]! }); // duplicate name
  let bytes: Uint8Array = packWxapkg(list);
  const edits = rng.weighted([[4, 0], [6, 1], [3, 2], [1, 4]] as const);
  for (let i = 0; i < edits; i++) {
    const layout = layoutOf(bytes);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    switch (rng.weighted([[6, 'field'], [2, 'name'], [1, 'magic'], [1, 'encrypted'], [2, 'truncate'], [1, 'append'], [3, 'bytes']] as const)) {
      case 'field': {
        const at = rng.pick(layout.fields);
        if (at + 4 <= bytes.length) view.setUint32(at, interestingU32(rng, view.getUint32(at), bytes.length));
        break;
      }
      case 'name': {
        if (layout.names.length === 0) break;
        const [start, end] = rng.pick(layout.names);
        if (end > start && end <= bytes.length) bytes[rng.range(start, end - 1)] = rng.pick([0xff, 0xc3, 0x80, 0x00, 0x2f, 0x5c, 0x2e]);
        break;
      }
      case 'magic':
        bytes[rng.pick([0, 13])] = rng.int(256);
        break;
      case 'encrypted':
        bytes = concat(Buffer.from('V1MMWX'), bytes.subarray(rng.chance(0.5) ? 6 : 0));
        return bytes;
      case 'truncate':
        bytes = bytes.subarray(0, rng.int(bytes.length + 1));
        break;
      case 'append':
        bytes = concat(bytes, rng.bytes(rng.size(2048)));
        break;
      default:
        bytes = mutateBytes(rng, bytes, 3);
        return bytes;
    }
    if (bytes.length < 18) break;
  }
  return bytes;
}

// ---------------------------------------------------------------- reference reading

export interface IndexRecord {
  /** 0-based position in the index. */
  ordinal: number;
  /** What the real reader should call it: undefined for names that are not UTF-8, empty, or leave the package. */
  path: string | undefined;
  offset: number;
  size: number;
}

export interface ReferenceIndex {
  dataStart: number;
  records: IndexRecord[];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the index records as the documented layout describes them, as far as the index area
 * holds whole records, with no policy (no limits, no duplicate or bounds checks). Undefined when
 * there is no header.
 */
export function referenceIndex(bytes: Uint8Array, maxRecords = 200_000): ReferenceIndex | undefined {
  if (bytes.length < HEADER) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataStart = HEADER + view.getUint32(5);
  const indexEnd = Math.min(dataStart, bytes.length);
  const records: IndexRecord[] = [];
  if (HEADER + 4 > indexEnd) return { dataStart, records };
  const count = view.getUint32(HEADER);
  let cursor = HEADER + 4;
  for (let ordinal = 0; ordinal < Math.min(count, maxRecords); ordinal++) {
    if (cursor + 4 > indexEnd) break;
    const length = view.getUint32(cursor);
    cursor += 4;
    if (cursor + length + 8 > indexEnd) break;
    let path: string | undefined;
    try {
      path = normaliseEntryPath(strictUtf8.decode(bytes.subarray(cursor, cursor + length)));
    } catch {
      path = undefined;
    }
    cursor += length;
    records.push({ ordinal, path, offset: view.getUint32(cursor), size: view.getUint32(cursor + 4) });
    cursor += 8;
  }
  return { dataStart, records };
}

/** True when `path` is a safe relative POSIX path: no root, drive, backslash, NUL, empty, '.' or '..' segment. */
export function isSafeEntryPath(path: string): boolean {
  if (path === '' || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..' && !/^[A-Za-z]:$/.test(segment));
}
