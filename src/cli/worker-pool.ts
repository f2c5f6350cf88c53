// Large cold runs are checked on worker threads that each load the engine bundle (dist/check-worker.js).
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from '../core/config';
import type { CachedResult } from './cache';
import type { WorkerJob, WorkerReply, WorkerSetup } from './engine';
import { BUNDLED, engineFile } from './engine-loader';

/**
 * Workers pay off above this many stories to check (measured: see README, Performance). Below it, starting
 * threads and loading the engine in each costs more than it saves.
 */
export const PARALLEL_THRESHOLD = 200;

/**
 * A smaller young generation than V8's default: each worker's resident memory drops by tens of megabytes for
 * a few percent more time in garbage collection, which keeps a 5,000-story run well within 300 MB.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: Number(process.env.STORYBANK_YOUNG_MB ?? 16) };
const BATCH = 8;

/** Checks texts on worker threads; results come back in input order. `texts` is emptied as it is handed out. */
export function checkInWorkers(
  texts: string[],
  jobs: number,
  config: ResolvedConfig,
  onResults: (count: number) => void,
  keep: (result: CachedResult) => CachedResult,
): Promise<CachedResult[]> {
  const results: CachedResult[] = new Array(texts.length);
  const count = Math.min(jobs, Math.ceil(texts.length / BATCH));
  const workerData: WorkerSetup = { kind: 'storybank-check', config };
  // From the sources, the worker needs the TypeScript loader too (createRequire keeps esbuild from bundling it).
  const execArgv = BUNDLED ? [] : ['--require', createRequire(__filename).resolve('tsx/cjs')];
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let finished = 0;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      workers.forEach((worker) => void worker.terminate());
      reject(error);
    };
    const send = (worker: Worker) => {
      if (next >= texts.length) return;
      const indexes: number[] = [];
      for (; next < texts.length && indexes.length < BATCH; next++) indexes.push(next);
      worker.postMessage({ indexes, texts: indexes.map((index) => texts[index]) } satisfies WorkerJob);
      // The worker has its own copy now; let this one go, so the main thread does not hold the whole bank.
      for (const index of indexes) texts[index] = '';
    };
    for (let n = 0; n < count; n++) {
      const worker = new Worker(engineFile(), { workerData, execArgv, resourceLimits: WORKER_LIMITS });
      workers.push(worker);
      // Two batches in flight per worker, so none waits on the main thread.
      send(worker);
      send(worker);
      worker.on('message', (reply: WorkerReply) => {
        if ('fatal' in reply) return fail(new Error(reply.fatal));
        // Kept (interned) on arrival, so each structured-cloned copy of a repeated string can be collected right away.
        reply.indexes.forEach((index, position) => (results[index] = keep(reply.results[position])));
        finished += reply.indexes.length;
        onResults(reply.indexes.length);
        if (finished === texts.length) {
          workers.forEach((each) => void each.terminate());
          resolve(results);
        } else {
          send(worker);
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (finished < texts.length) fail(new Error(`a checking thread stopped early (exit code ${code})`));
      });
    }
  });
}
