// The heavy half of the CLI: configuration parsing and the lint core. The CLI loads it only when something
// has to be checked (a warm run answered from the cache never loads it). Built on its own as
// dist/check-worker.js, which is also the script of the worker threads used for large cold runs.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import picomatch from 'picomatch';
import { DEFAULT_CONFIG, RULES, checkStoryText, findProfile, knownProfiles, parseConfig, resolveConfig, type ResolvedConfig } from '../core';
import { toCachedResult, type CachedResult } from './cache';
export { bankCheatSheet } from './cheatSheet';

export interface ConfigSource {
  /** Path of the configuration file, if one was found. */
  file: string | undefined;
  /** Its text, if one was found. */
  text: string | undefined;
  /** The --profile flag. */
  profileId: string | undefined;
}

export interface ConfigProblemEntry {
  path: string;
  message: string;
  line: number;
  column: number;
}

export type ResolvedBankConfig = { ok: true; config: ResolvedConfig; problems: ConfigProblemEntry[] } | { ok: false; usageError: string };

/** The configuration from the file text and the --profile flag; a bad file yields problems, not a stop. */
export function resolveBankConfig(source: ConfigSource): ResolvedBankConfig {
  let config = DEFAULT_CONFIG;
  const problems: ConfigProblemEntry[] = [];
  if (source.file !== undefined && source.text !== undefined) {
    const parsed = parseConfig(source.text, RULES);
    for (const problem of parsed.problems) {
      problems.push({ path: source.file, message: problem.message, line: problem.range.start.line + 1, column: problem.range.start.character + 1 });
    }
    config = parsed.config;
  }
  if (source.profileId) {
    const profile = findProfile(config, source.profileId);
    if (!profile) {
      const known = knownProfiles(config)
        .map((candidate) => candidate.id)
        .join(', ');
      return { ok: false, usageError: `unknown profile "${source.profileId}" (known: ${known})` };
    }
    config = resolveConfig(config, {}, profile);
  }
  return { ok: true, config, problems };
}

/** Lints one text and keeps only what the report needs. */
/** Tests a bank-relative, slash-separated path against the configuration's `stories` globs. */
export function storiesMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  return picomatch([...globs], { dot: false });
}

export function checkText(text: string, config: ResolvedConfig): CachedResult {
  return toCachedResult(checkStoryText(text, { config }));
}

// ---- worker side ----

export interface WorkerSetup {
  kind: 'storybank-check';
  config: ConfigSource;
}

export interface WorkerJob {
  /** Indexes into the caller's list, echoed back. */
  indexes: number[];
  texts: string[];
}

/** First a `setup` (the resolved configuration, so the main thread need not load the engine), then results. */
export type WorkerReply = { setup: ResolvedBankConfig } | { indexes: number[]; results: CachedResult[] } | { fatal: string };

function startWorker(setup: WorkerSetup): void {
  const resolved = resolveBankConfig(setup.config);
  const port = parentPort!;
  port.postMessage({ setup: resolved } satisfies WorkerReply);
  if (!resolved.ok) return;
  port.on('message', (job: WorkerJob) => {
    try {
      const results = job.texts.map((text) => checkText(text, resolved.config));
      port.postMessage({ indexes: job.indexes, results } satisfies WorkerReply);
    } catch (error) {
      port.postMessage({ fatal: (error as Error)?.stack ?? String(error) } satisfies WorkerReply);
    }
  });
}

if (!isMainThread && (workerData as WorkerSetup | undefined)?.kind === 'storybank-check') startWorker(workerData as WorkerSetup);
