// Loaded by the extension host for `npm run bench:editor` (extensionTestsPath): opens the coverage view, waits
// for the first index and the first tree render, and prints the extension's own timings and the extension
// host's memory on one line the runner parses. A measurement, not a test: nothing here passes or fails on time.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import { SNAPSHOT_SAVE_DELAY_MS } from '../../src/extension/constants';
import type { StoryBankApi } from '../../src/extension/extension';

export const BENCH_MARKER = 'STORY_BANK_BENCH ';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<StoryBankApi>('story-bank.story-bank');
  if (!extension) throw new Error('the Story Bank extension is not loaded');
  // STORY_BANK_BENCH_PROFILE=<folder>: a CPU profile of the extension host from activation to the first render.
  const profileDir = process.env.STORY_BANK_BENCH_PROFILE;
  const session = profileDir ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const api = await extension.activate();
  await vscode.commands.executeCommand('storyBank.coverage.focus');
  const deadline = Date.now() + 120_000;
  while (api.getTimings().firstTreeRenderMs === undefined || api.getTimings().firstIndex === undefined) {
    if (Date.now() > deadline) throw new Error(`no first index or tree render within 120 s: ${JSON.stringify(api.getTimings())}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await api.whenIdle();
  // The index is kept for the next session once changes have paused (SNAPSHOT_SAVE_DELAY_MS); the runner may reopen the folder.
  await new Promise((resolve) => setTimeout(resolve, SNAPSHOT_SAVE_DELAY_MS + 1500));
  if (session && profileDir) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(profileDir, `extension-host-${Date.now()}.cpuprofile`), JSON.stringify(profile));
  }
  // A full collection first, so the figure is what the index keeps rather than what indexing left behind.
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const memory = process.memoryUsage();
  console.log(
    BENCH_MARKER + JSON.stringify({ ...api.getTimings(), rssMB: Math.round(memory.rss / 1048576), heapUsedMB: Math.round(memory.heapUsed / 1048576) }),
  );
}
