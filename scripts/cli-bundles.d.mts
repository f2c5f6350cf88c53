import type { BuildOptions } from 'esbuild';

export declare function buildCliBundles(outdir: string, options?: BuildOptions, engine?: BuildOptions): Promise<string>;
