import { parentPort } from 'node:worker_threads';
import { saveTypescriptCodeCaches } from '../util/typescript-modules.js';
import { InputError } from '../errors.js';
import { scanProject } from '../scan.js';
import { releaseScanMemory, tuneHeapFor } from './heap.js';
import type { ScanOptions } from '../config.js';

/** A pool worker: scans one bundle per message and answers with its result or a one-line failure. */
export interface ScanRequest {
  id: number;
  path: string;
  options: ScanOptions;
}

export type ScanReply =
  | { id: number; ok: true; result: ReturnType<typeof scanProject> }
  | { id: number; ok: false; message: string; input: boolean };

/** Answers scan requests until the pool ends the worker; `beforeReply` runs before each answer. */
export function serveScans(_input?: unknown, beforeReply?: () => void): void {
  parentPort!.on('message', (request: ScanRequest) => {
    let reply: ScanReply;
    try {
      reply = { id: request.id, ok: true, result: scanProject(request.path, { ...request.options, onFilesRead: tuneHeapFor }) };
    } catch (error) {
      reply = { id: request.id, ok: false, message: (error as Error)?.message ?? String(error), input: error instanceof InputError };
    }
    releaseScanMemory();
    saveTypescriptCodeCaches();
    beforeReply?.();
    parentPort!.postMessage(reply);
  });
}
