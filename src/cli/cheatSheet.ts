// The engine half of `storybank export`: lints the bank's texts and builds the cheat sheet. Loaded with the
// engine bundle (see engine.ts), never by the light CLI.
import { buildCheatSheet, checkStoryText, type CheatSheet, type ExportStory, type ResolvedConfig } from '../core';

export function bankCheatSheet(files: readonly { path: string; text: string }[], config: ResolvedConfig): CheatSheet {
  const stories: ExportStory[] = [];
  for (const file of files) {
    const result = checkStoryText(file.text, { config });
    if (result.isStory) stories.push({ path: file.path, result });
  }
  return buildCheatSheet(config.profile, stories);
}
