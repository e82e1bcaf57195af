import type { FileNotification } from './types.js';

/**
 * A bug in minivet met while analysing or reporting one part of a bundle. It becomes an error-level
 * `internal-error` notification naming the stage (a rule id or an analyzer) and the file, and the rest
 * of the scan goes on: one failing rule or file never takes the report down with it.
 */
export interface InternalErrorSite {
  /** What failed, for the message: `rule hidden-api`, `the data-flow analysis`, `the SARIF reporter`. */
  stage: string;
  /** The rule that failed, when it was a rule. */
  ruleId?: string;
  /** POSIX path relative to the scanned root; '.' for the whole bundle. */
  file: string;
  /** What was given up because of the failure, e.g. "its other checks of this file were skipped". */
  lost: string;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  return (text.split('\n')[0] ?? '').slice(0, 300);
}

export function internalErrorNotification(site: InternalErrorSite, error: unknown): FileNotification {
  return {
    kind: 'internal-error',
    file: site.file,
    level: 'error',
    ...(site.ruleId !== undefined ? { ruleId: site.ruleId } : {}),
    message: `internal error in ${site.stage}: ${firstLine(error)}; ${site.lost} (a minivet bug: please report it)`,
    // Kept out of every report (it holds absolute paths); the CLI prints it with MINIVET_DEBUG=1.
    ...(error instanceof Error && error.stack !== undefined ? { stack: error.stack } : {}),
  };
}

/** Runs `action`; an exception becomes a notification in `sink` and `undefined` is returned. */
export function guarded<T>(site: InternalErrorSite, sink: FileNotification[], action: () => T): T | undefined {
  try {
    return action();
  } catch (error) {
    sink.push(internalErrorNotification(site, error));
    return undefined;
  }
}

export function isInternalError(notification: FileNotification): boolean {
  return notification.kind === 'internal-error';
}
