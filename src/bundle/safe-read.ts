import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';

// Missing on Windows, where callers' lstat checks still hold.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Thrown when what was opened is not a regular file (swapped for a FIFO or device after it was listed). */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREG';
}

/**
 * The one way minivet reads a file of a bundle, a project file, a package or a report-time source:
 * at most `size` bytes (the size seen when the file was listed), however the file changes meanwhile.
 * The open never follows a link and never waits (a FIFO opens at once and is then refused), and what
 * was opened is checked to be a regular file before a byte is read.
 */
export function readBytes(path: string, size: number): Buffer {
  const fd = openSync(path, READ_FLAGS);
  try {
    if (!fstatSync(fd).isFile()) throw new NotRegularFileError(`${path} is not a regular file`);
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * A small text file read whole (a project file, a source re-read for the report): undefined unless
 * it is a regular file of at most `maxBytes`. The BOM is dropped, as for every analysed file, so
 * positions agree.
 */
export function readTextFile(path: string, maxBytes: number): string | undefined {
  try {
    const stats = lstatSync(path);
    if (!stats.isFile() || stats.size > maxBytes) return undefined;
    return readBytes(path, stats.size).toString('utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}
