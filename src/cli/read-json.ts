import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';

/**
 * Reads a file the user named (config, policy, baseline, declared privacy guide); every failure is a
 * one-line input error. `maxBytes`: larger files are refused before they are read.
 */
export function readUserFile(path: string, what: string, maxBytes?: number): string {
  try {
    if (maxBytes !== undefined && statSync(path).size > maxBytes) throw new InputError(`${what} ${path} is larger than ${maxBytes / (1024 * 1024)} MB; it is not a ${what}`);
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** Reads a JSON file the user named; a file that does not parse is a one-line input error too. */
export function readJsonFile(path: string, what: string): unknown {
  const text = readUserFile(path, what);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(`${what} ${path} is not valid JSON: ${(error as Error).message}`);
  }
}
