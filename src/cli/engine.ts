// The heavy half of the CLI: the lint core. The CLI loads it only when something has to be checked (a warm run
// answered from the cache never loads it). Built on its own as dist/check-worker.js, which is also the script of
// the worker threads used for large cold runs.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { checkStoryText, type ResolvedConfig } from '../core';
import { toCachedResult, type CachedResult } from './cache';
export { resolveBankConfig } from '../core/bank/resolve-config';
export { exportBank } from './cheatSheet';

export function checkText(text: string, config: ResolvedConfig): CachedResult {
  return toCachedResult(checkStoryText(text, { config }));
}

// ---- worker side ----

export interface WorkerSetup {
  kind: 'storybank-check';
  config: ResolvedConfig;
}

export interface WorkerJob {
  /** Indexes into the caller's list, echoed back. */
  indexes: number[];
  texts: string[];
}

export type WorkerReply = { indexes: number[]; results: CachedResult[] } | { fatal: string };

function startWorker(setup: WorkerSetup): void {
  const port = parentPort!;
  port.on('message', (job: WorkerJob) => {
    try {
      const results = job.texts.map((text) => checkText(text, setup.config));
      port.postMessage({ indexes: job.indexes, results } satisfies WorkerReply);
    } catch (error) {
      port.postMessage({ fatal: (error as Error)?.stack ?? String(error) } satisfies WorkerReply);
    }
  });
}

if (!isMainThread && (workerData as WorkerSetup | undefined)?.kind === 'storybank-check') startWorker(workerData as WorkerSetup);
