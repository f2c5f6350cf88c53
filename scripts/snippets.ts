// Writes snippets/markdown.json from the built-in profile's answer shapes (src/core/templates.ts).
// `npm run snippets`; test/unit/templates.test.ts fails when the file is out of date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PROFILE_ID, getProfile } from '../src/core/profiles';
import { buildSnippets } from '../src/core/templates';

export const SNIPPETS_PATH = join(__dirname, '..', 'snippets', 'markdown.json');

export function snippetsJson(): string {
  return `${JSON.stringify(buildSnippets(getProfile(DEFAULT_PROFILE_ID)!), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(SNIPPETS_PATH, snippetsJson());
  console.log(`wrote ${SNIPPETS_PATH}`);
}
