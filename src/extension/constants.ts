// Every id the editor layer shares with package.json: commands, settings, views, context keys.
// package.json must use the same strings (test/unit/extension-manifest.test.ts checks it).

export const EXTENSION_ID = 'story-bank.story-bank';
export const DIAGNOSTIC_SOURCE = 'story-bank';
export const OUTPUT_CHANNEL_NAME = 'Story Bank';

export const VIEW_CONTAINER_ID = 'storyBank';
export const COVERAGE_VIEW_ID = 'storyBank.coverage';

export const COMMANDS = {
  refreshCoverage: 'storyBank.refreshCoverage',
  newStory: 'storyBank.newStory',
  newStoryForQuestion: 'storyBank.newStoryForQuestion',
  checkWorkspace: 'storyBank.checkWorkspace',
  openNextGap: 'storyBank.openNextGap',
  showLog: 'storyBank.showLog',
  openRuleDocs: 'storyBank.openRuleDocs',
  revealFinding: 'storyBank.revealFinding',
  openExamples: 'storyBank.openExamples',
  focusCoverage: 'storyBank.focusCoverage',
  showMatrix: 'storyBank.showMatrix',
  practice: 'storyBank.practice',
  stopPractice: 'storyBank.stopPractice',
  switchProfile: 'storyBank.switchProfile',
  exportCheatSheet: 'storyBank.exportCheatSheet',
  highlightEvidence: 'storyBank.highlightEvidence',
} as const;

/** workspaceState key of the profile chosen with Switch Profile (undefined: the configured one). */
export const ACTIVE_PROFILE_STATE_KEY = 'storyBank.activeProfile';

/** The settings section; keys below are relative to it (`storyBank.wordsPerMinute`). */
export const SETTINGS_SECTION = 'storyBank';
export const SETTINGS = {
  wordsPerMinute: 'wordsPerMinute',
  maxSeconds: 'maxSeconds',
  rules: 'rules',
  stories: 'stories',
  lintOn: 'lintOn',
} as const;

export type LintOn = 'type' | 'save';

export const CONTEXT_KEYS = {
  /** True once indexing found at least one story; the welcome view shows while it is false. */
  hasStories: 'storyBank.hasStories',
  /** True once the first indexing pass ended; until then the coverage view shows its progress, not the welcome. */
  indexed: 'storyBank.indexed',
  /** True while the active editor holds a story; the editor menus offer Highlight Evidence then. */
  activeEditorIsStory: 'storyBank.activeEditorIsStory',
} as const;

/** The theme color (contributed in package.json) behind highlighted evidence. */
export const EVIDENCE_BACKGROUND_COLOR = 'storyBank.evidenceBackground';

/** Typing pauses this long before a story is linted again. */
export const LINT_DEBOUNCE_MS = 300;
/** Changes on disk are batched this long before the coverage is recomputed. */
export const COVERAGE_DEBOUNCE_MS = 100;
/** Above this many files, indexing also shows progress in the coverage view. */
export const LARGE_INDEX = 200;
/** Files read between two yields to the event loop while indexing. */
export const INDEX_BATCH = 25;
/** How long the index must stay unchanged before its snapshot is written for the next session. */
export const SNAPSHOT_SAVE_DELAY_MS = 2000;

export const EXCLUDE_GLOB = '**/{node_modules,.git}/**';
/** The example bank shipped in the extension, under examples/. */
export const EXAMPLE_BANK = 'netflix-pm';
/** Where New Story puts files, relative to the workspace folder. */
export const STORIES_FOLDER = 'stories';
