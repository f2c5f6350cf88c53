// Plain constants with no imports, so that light bundles (the CLI's front end) can use them without the core.
export const CONFIG_FILE_NAME = '.storybank.yaml';
export const DEFAULT_WORDS_PER_MINUTE = 150;
export const DEFAULT_MAX_SECONDS = 120;
export const DEFAULT_STORIES_GLOB = '**/*.md';
