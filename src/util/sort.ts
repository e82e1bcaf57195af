import type { FileNotification, Finding } from '../types.js';

/** Code-unit order, the same on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** File, line, column, rule, message: the order every output uses, so runs compare byte for byte. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.location.file, b.location.file) ||
    a.location.region.start.line - b.location.region.start.line ||
    a.location.region.start.column - b.location.region.start.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

export function compareNotifications(a: FileNotification, b: FileNotification): number {
  return (
    compareStrings(a.file, b.file) ||
    (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
    compareStrings(a.kind, b.kind) ||
    compareStrings(a.message, b.message)
  );
}
