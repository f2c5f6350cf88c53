/** Types for scripts/bench-bank.mjs (used by test/unit/parallel.test.ts). */
export function prng(seed: number): () => number;
export function generateStory(index: number, random: () => number): string;
export function generateBank(dir: string, count: number, seed?: number): string[];
