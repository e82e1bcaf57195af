import { resolve } from 'node:path';
import type { ProjectResult } from './scan-result.js';
import type { NotificationKind } from './types.js';

/** The result for a bundle that could not be scanned at all: one error notification, nothing else. */
export function failedProject(path: string, message: string, kind: NotificationKind): ProjectResult {
  return {
    root: resolve(path),
    displayPath: path,
    appRoot: '',
    platform: 'wechat',
    compiled: false,
    findings: [],
    notifications: [{ kind, file: '.', level: 'error', message }],
    stats: { filesAnalysed: 0, filesSkipped: 0, scriptFiles: 0, templateFiles: 0, bytes: 0 },
    failure: message,
  };
}
