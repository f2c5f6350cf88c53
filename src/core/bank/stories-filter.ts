import picomatch from 'picomatch/posix';
import { DEFAULT_STORIES_GLOB } from '../defaults';
import type { BankHost } from './host';

/**
 * The `stories` globs decide which Markdown files belong to the bank. They are relative to the folder of the
 * configuration that sets them (the bank root when there is none); a file outside that folder is taken as is.
 * A glob starting with `!` leaves out what it matches (`["**\/*.md", "!drafts/**"]`), as in markdownlint-cli2.
 */
export function storiesFilter(host: BankHost, folder: string, globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 1 && globs[0] === DEFAULT_STORIES_GLOB) return (path) => path.toLowerCase().endsWith('.md');
  const excluded = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
  const included = globs.filter((glob) => !glob.startsWith('!'));
  const matches = picomatch(included.length > 0 ? included : [DEFAULT_STORIES_GLOB], { dot: false, ignore: excluded });
  return (path) => {
    const relative = host.relative(folder, path);
    return relative === undefined || matches(relative);
  };
}
