// Checking in the calling thread with the whole core: what the editor and tests use. The CLI brings its own
// checker (a cache, and worker threads for large cold runs).
import { checkStoryText, type StoryResult } from '../lint';
import type { StoryChecker } from './index';
import { resolveBankConfig } from './resolve-config';

export const inThreadChecker: StoryChecker<StoryResult> = {
  resolveConfig: resolveBankConfig,
  checkText: (text, config) => checkStoryText(text, { config }),
};
