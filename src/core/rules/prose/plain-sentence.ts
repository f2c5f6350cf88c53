import type { ParsedStory } from '../../story/parse';
import type { Sentence } from '../../types';

/**
 * A sentence as plain lowercase prose: its source text with inline Markdown markup (emphasis, code ticks,
 * link targets, HTML) blanked, curly quotes made straight and whitespace collapsed. Punctuation is kept, so
 * cue patterns can tell "X, not Y" from "not". Used by the tradeoff and result rules, which judge a whole
 * sentence and never need offsets inside it.
 */
const cache = new WeakMap<Sentence, string>();

const LINK_TARGET = /\]\([^)]*\)/g;
const HTML_TAG = /<[^>]{0,200}>/g;
const MARKUP = /[*_`~[\]#>|\\]/g;
const SINGLE_QUOTES = /[‘’ʼ]/g;
const DOUBLE_QUOTES = /[“”]/g;
const DASHES = /\s*[–—]\s*/g;
const BLANKS = /\s+/g;

export function plainSentence(story: ParsedStory, sentence: Sentence): string {
  let plain = cache.get(sentence);
  if (plain !== undefined) return plain;
  plain = story.text
    .slice(sentence.span.start, sentence.span.end)
    .replace(LINK_TARGET, ' ')
    .replace(HTML_TAG, ' ')
    .replace(MARKUP, ' ')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, ' - ')
    .replace(BLANKS, ' ')
    .trim()
    .toLowerCase();
  cache.set(sentence, plain);
  return plain;
}
