/** Builds word-bounded, case-insensitive patterns from the tradeoff rule's `cues` option (phrases a bank adds). */
export function compileExtraCues(phrases: readonly string[]): RegExp[] {
  return phrases
    .map((phrase) => phrase.trim().toLowerCase())
    .filter(Boolean)
    .map((phrase) => new RegExp(`(?:^|\\W)${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?:$|\\W)`));
}
