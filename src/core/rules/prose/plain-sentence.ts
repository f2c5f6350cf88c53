import type { Sentence } from '../../types';

/**
 * A sentence as plain lowercase prose: the text the Markdown parser gave it (markup, link targets and HTML
 * already gone, character references decoded), with curly quotes made straight, dashes spaced and whitespace
 * collapsed. Punctuation is kept, so cue patterns can tell "X, not Y" from "not". Used by the tradeoff and result
 * rules, which judge a whole sentence and never need offsets inside it.
 */
const cache = new WeakMap<Sentence, string>();

const SINGLE_QUOTES = /[‘’ʼ]/g;
const DOUBLE_QUOTES = /[“”]/g;
const DASHES = /\s*[–—]\s*/g;
const BLANKS = /\s+/g;

export function plainSentence(sentence: Sentence): string {
  let plain = cache.get(sentence);
  if (plain !== undefined) return plain;
  plain = sentence.text.replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"').replace(DASHES, ' - ').replace(BLANKS, ' ').trim().toLowerCase();
  cache.set(sentence, plain);
  return plain;
}
