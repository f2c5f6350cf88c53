// Where the CLI keeps its result cache, and how the file is read and written.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { ResultCache, configFingerprint, sha256, type CacheSource } from './cache';
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

/**
 * One cache file per bank: the absolute paths that were checked pick the file. It is a JSON header line followed
 * by the entries' bytes (ResultCache.serialize); it keeps the name it had when it was all JSON, so that the first
 * run of this version replaces the old file instead of leaving it behind.
 */
export function cacheFileFor(inputs: readonly string[], cacheDir: string): string {
  const bank = sha256(JSON.stringify(inputs.map((input) => path.resolve(input)))).slice(0, 16);
  return path.join(cacheDir, `cli-cache-v1-${bank}.json`);
}

export function loadCache(file: string | undefined, source: ConfigSource): ResultCache<CacheMeta> {
  const stamp = { coreVersion: coreVersion(), configFingerprint: configFingerprint(source) };
  if (!file) return new ResultCache<CacheMeta>(stamp);
  return ResultCache.read<CacheMeta>(openCacheFile(file), stamp);
}

/**
 * The cache file, read in parts as they are needed, through one descriptor: a file that another run renames into
 * place meanwhile is not mixed in. Undefined when there is none; a damaged file is found out by ResultCache.read.
 */
function openCacheFile(file: string): CacheSource | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    return {
      size: fstatSync(fd).size,
      readAt(position, length) {
        const bytes = Buffer.allocUnsafe(length);
        let done = 0;
        while (done < length) {
          const read = readSync(fd, bytes, done, length - done, position + done);
          if (read === 0) throw new Error('the cache file is shorter than it was');
          done += read;
        }
        return bytes;
      },
      close: () => closeSync(fd),
    };
  } catch {
    closeSync(fd);
    return undefined;
  }
}

/** Written to a temporary file and renamed, so a run that is killed never leaves half a cache behind. */
export function saveCache(file: string, cache: ResultCache<CacheMeta>): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, cache.serialize({ onlyUsed: true, savedAt: Date.now() }));
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only makes the next run slower.
  }
}
