// Where the CLI keeps its result cache, and how the file is read and written.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { ResultCache, configFingerprint, sha256 } from './cache';
import type { ConfigSource } from '../core/bank/config-source';
import type { ConfigProblemEntry } from '../core/bank/resolve-config';
import type { ResolvedConfig } from '../core/config';
import { coreVersion } from './engine-loader';

/** Kept beside the results: the resolved configuration, so a warm run never loads the engine to resolve it. */
export interface CacheMeta {
  config: ResolvedConfig;
  problems: ConfigProblemEntry[];
}

export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || (process.platform === 'win32' && process.env.LOCALAPPDATA) || path.join(homedir(), '.cache');
  return path.join(base, 'story-bank');
}

/** One cache file per bank: the absolute paths that were checked pick the file. */
export function cacheFileFor(inputs: readonly string[], cacheDir: string): string {
  const bank = sha256(JSON.stringify(inputs.map((input) => path.resolve(input)))).slice(0, 16);
  return path.join(cacheDir, `cli-cache-v1-${bank}.json`);
}

export function loadCache(file: string | undefined, source: ConfigSource): ResultCache<CacheMeta> {
  const stamp = { coreVersion: coreVersion(), configFingerprint: configFingerprint(source) };
  if (!file) return new ResultCache<CacheMeta>(stamp);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    json = undefined; // missing or damaged: start empty
  }
  return ResultCache.fromJSON<CacheMeta>(json, stamp);
}

/** Written to a temporary file and renamed, so a run that is killed never leaves half a cache behind. */
export function saveCache(file: string, cache: ResultCache<CacheMeta>): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(cache.toJSON({ onlyUsed: true, savedAt: Date.now() })));
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only makes the next run slower.
  }
}
