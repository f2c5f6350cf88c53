import type { BuildOptions, BuildResult, Plugin } from 'esbuild';

export declare const CORE_BUNDLE: { entry: string; file: string };
export declare const lazyCore: Plugin;
export declare function buildExtensionBundles(outdir: string, options?: BuildOptions): Promise<BuildResult>[];
