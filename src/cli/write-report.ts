import { accessSync, closeSync, constants, fstatSync, lstatSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';

// Missing on Windows, where the lstat checks below still hold.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const NON_BLOCKING = constants.O_NONBLOCK ?? 0;

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

/** Opens, checks what was opened (a swap after the checks cannot redirect the write), writes, closes. */
function writeThrough(path: string, flags: number, text: string, accept: (stats: ReturnType<typeof fstatSync>) => boolean): void {
  const fd = openSync(path, flags, 0o666);
  try {
    if (!accept(fstatSync(fd))) throw new InputError(`cannot write ${path}: not a regular file`);
    writeAll(fd, text);
  } finally {
    closeSync(fd);
  }
}

/**
 * The report file the user named with --output. A symbolic link there is refused (a scanned upload
 * may have planted it), so is a FIFO (never waited on); a regular file is replaced, and a device
 * such as /dev/null is written to.
 */
export function writeNamedReport(path: string, text: string): void {
  try {
    if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) {
      throw new InputError(`cannot write ${path}: it is a symbolic link, which minivet never writes through (omit --output to print the report)`);
    }
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NO_FOLLOW | NON_BLOCKING;
    writeThrough(path, flags, text, (stats) => stats.isFile() || stats.isCharacterDevice());
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot write ${path}: ${errorCode(error) === 'ELOOP' ? 'it is a symbolic link' : errorCode(error)}`);
  }
}

/**
 * Checks the --output path before a scan that may take minutes: what writeNamedReport would refuse,
 * or a folder that does not exist or cannot be written, fails now. The write itself checks again.
 */
export function checkReportPath(path: string): void {
  if (/[\\/]$/.test(path)) throw new InputError(`cannot write ${path}: it names a folder; give a file name`);
  const existing = lstatSync(path, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink()) throw new InputError(`cannot write ${path}: it is a symbolic link, which minivet never writes through (omit --output to print the report)`);
  if (existing?.isDirectory()) throw new InputError(`cannot write ${path}: it is a folder`);
  if (existing && !existing.isFile() && !existing.isCharacterDevice()) throw new InputError(`cannot write ${path}: not a regular file`);
  const target = existing ? path : dirname(path);
  if (!existing && !statSync(target, { throwIfNoEntry: false })?.isDirectory()) throw new InputError(`cannot write ${path}: the folder ${target} does not exist`);
  try {
    accessSync(target, constants.W_OK);
  } catch (error) {
    throw new InputError(`cannot write ${path}: ${errorCode(error)}`);
  }
}

/**
 * One report of --output-dir. `name` is a plain file name (no folder part), so the report stays in
 * the folder. Whatever is in its place (a stale report, a planted link) is removed, never followed,
 * and the file is created exclusively: the write lands in a new regular file or not at all.
 */
export function writeReportInFolder(folder: string, name: string, text: string): void {
  if (name !== basename(name) || name === '.' || name === '..') throw new InputError(`cannot write ${name}: not a plain file name`);
  const path = join(folder, name);
  try {
    const existing = lstatSync(path, { throwIfNoEntry: false });
    if (existing?.isDirectory()) throw new InputError(`cannot write ${path}: a folder is in the way`);
    if (existing) unlinkSync(path);
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW;
    writeThrough(path, flags, text, (stats) => stats.isFile());
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot write ${path}: ${errorCode(error)}`);
  }
}
