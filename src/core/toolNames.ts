/** The names of the four assistant tools (src/core/assistant.ts), apart so the editor can name them before it loads the core. */
export const TOOL_NAMES = {
  checkStory: 'check_story',
  checkBank: 'check_bank',
  nextGap: 'next_gap',
  explainRule: 'explain_rule',
} as const;
