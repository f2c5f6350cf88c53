import { normalizeWord } from '../../language/lexicon';
import type { Sentence, Span } from '../../types';

/**
 * A sentence's words joined by single spaces, lowercased, with curly apostrophes made straight. Regexes run
 * over this text are immune to line breaks and inline markup between words, and every match maps back to
 * exact word spans in the file.
 */
interface JoinedWords {
  text: string;
  /** Offset in `text` where each word starts. */
  starts: number[];
}

const cache = new WeakMap<Sentence, JoinedWords>();

export function joinedWords(sentence: Sentence): JoinedWords {
  let joined = cache.get(sentence);
  if (joined) return joined;
  const starts: number[] = [];
  let text = '';
  for (const word of sentence.words) {
    if (text) text += ' ';
    starts.push(text.length);
    text += normalizeWord(word.text);
  }
  joined = { text, starts };
  cache.set(sentence, joined);
  return joined;
}

export interface PhraseMatch {
  /** File span from the start of the first matched word to the end of the last. */
  span: Span;
  /** The matched words as written in the joined, lowercased text. */
  text: string;
  groups: RegExpExecArray;
}

function wordIndexAt(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Every match of a global `pattern` in the sentence's joined words, widened to whole words. */
export function matchPhrases(sentence: Sentence, pattern: RegExp): PhraseMatch[] {
  const { text, starts } = joinedWords(sentence);
  const matches: PhraseMatch[] = [];
  if (!text) return matches;
  pattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) {
    if (match[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    const first = wordIndexAt(starts, match.index);
    const last = wordIndexAt(starts, match.index + match[0].length - 1);
    matches.push({
      span: { start: sentence.words[first].span.start, end: sentence.words[last].span.end },
      text: match[0],
      groups: match,
    });
    if (!pattern.global) break;
  }
  pattern.lastIndex = 0;
  return matches;
}

/** True when a (non-global or global) pattern matches the sentence's joined words. */
export function hasPhrase(sentence: Sentence, pattern: RegExp): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(joinedWords(sentence).text);
  pattern.lastIndex = 0;
  return found;
}

/** True when any of the sentences matches. */
export function anyHasPhrase(sentences: readonly Sentence[], pattern: RegExp): boolean {
  return sentences.some((sentence) => hasPhrase(sentence, pattern));
}

const agreeCache = new WeakMap<Sentence, boolean>();

/**
 * True when every word's span really covers its text in `text`. The parser's offsets can drift inside unusual
 * paragraphs (CRLF plus astral characters in a lazy continuation line); rules that mark words skip such a
 * sentence rather than mark the wrong characters.
 */
export function spansAgree(sentence: Sentence, text: string): boolean {
  let agree = agreeCache.get(sentence);
  if (agree === undefined) {
    agree = sentence.words.every((word) => text.slice(word.span.start, word.span.end) === word.text);
    agreeCache.set(sentence, agree);
  }
  return agree;
}
