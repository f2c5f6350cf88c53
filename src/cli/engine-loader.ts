// The CLI's front end stays light: the parser and the rules (./engine, bundled as dist/check-worker.js) are loaded
// on the first cache miss only, and the code's hash stamps the cache so any rule change invalidates it.
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { version } from '../../package.json';
import { CACHE_SCHEMA, builtEngineHash, sha256 } from './cache';
import type * as EngineModule from './engine';

export type Engine = typeof EngineModule;

/** True when running as the esbuild bundle (dist/cli.js) rather than from the TypeScript sources. */
export const BUNDLED = __filename.endsWith('.js');

/** A sibling module: the bundle beside dist/cli.js, or the TypeScript source when run by tsx. */
export function siblingFile(name: string): string {
  return path.join(__dirname, BUNDLED ? `${name}.js` : `${name}.ts`);
}

export function engineFile(): string {
  return BUNDLED ? siblingFile('check-worker') : siblingFile('engine');
}

let engine: Engine | undefined;
export function loadEngine(): Engine {
  // A computed path, so that esbuild leaves the engine out of the light bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first cache miss
  return (engine ??= require(engineFile()) as Engine);
}

let codeHash: string | undefined;
/**
 * Package version, cache schema and a hash of the code that produces results: the engine bundle when built,
 * the TypeScript sources otherwise. Any change to a rule therefore invalidates cached results.
 */
export function coreVersion(): string {
  if (!codeHash) {
    if (BUNDLED) {
      codeHash = builtEngineHash() ?? sha256(readFileSync(engineFile(), 'latin1'));
    } else {
      const sourceRoot = path.join(__dirname, '..');
      const files: string[] = [];
      const walk = (folder: string) => {
        for (const entry of readdirSync(folder, { withFileTypes: true })) {
          const full = path.join(folder, entry.name);
          if (entry.isDirectory()) walk(full);
          else if (entry.name.endsWith('.ts')) files.push(full);
        }
      };
      walk(sourceRoot);
      codeHash = sha256(
        files
          .sort()
          .map((file) => `${path.relative(sourceRoot, file)}\0${readFileSync(file, 'utf8')}`)
          .join('\0'),
      );
    }
  }
  return `${version}+${CACHE_SCHEMA}+${codeHash.slice(0, 16)}`;
}
