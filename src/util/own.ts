/**
 * `table[key]` when `key` is one of the table's own keys, else undefined. Plain object tables
 * indexed by text from a bundle (an API, component or module name) must use this: a name such as
 * `constructor` or `toString` would otherwise find Object.prototype's member.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
