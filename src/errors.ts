/** A problem with what the user asked for (a missing path, no manifest, a bad option): exit code 2, one line, no stack. */
export class InputError extends Error {
  override readonly name = 'InputError';
}
