import { fillers } from 'fillers';
import { hedges } from 'hedges';
import type { Paragraph, Root, Sentence as NlSentence, SentenceContent } from 'nlcst';
// How nlcst-search (inside retext-intensify) compares words: lower case, `’` made straight, `-` and `'` dropped.
import { normalize as searchForm } from 'nlcst-normalize';
import retextIntensify from 'retext-intensify';
import { weasels } from 'weasels';
import { VFile } from 'vfile';
import {
  ARTICLES,
  DEMONSTRATIVES,
  FIRST_PERSON_SUBJECTS,
  HEDGES,
  MODAL_VERBS,
  NEGATED_MODALS,
  normalizeWord,
  OPINION_VERBS,
  POSSESSIVE_DETERMINERS,
} from '../../language/lexicon';
import type { Sentence, Span } from '../../types';

/**
 * retext-intensify flags several hundred fillers, hedges and weasel words, most of which are harmless in a spoken
 * story ("decided", "found", "about 40%"). Only the lexicon's hedges weaken a claim about what happened.
 */
const CLAIM_HEDGES = HEDGES;
/** A hedge right after a modal describes a prediction ("users would probably churn"), which is fine. */
const MODALS = new Set([...MODAL_VERBS, ...NEGATED_MODALS]);

/** "the kind of noise", "what sort of plan": after a determiner these are nouns, not hedges. */
const NOUN_USES = new Set(['kind of', 'sort of']);
const DETERMINERS = new Set([...ARTICLES, ...DEMONSTRATIVES, ...POSSESSIVE_DETERMINERS, 'what', 'which', 'any', 'some', 'every', 'same', 'one', 'no', 'each']);

/**
 * The plugin searches the union of these three lists; everything outside the calibrated set is passed as
 * `ignore`, so it builds its phrase index for a few dozen phrases instead of several hundred on every call.
 */
const intensify = retextIntensify({
  ignore: [...new Set([...fillers, ...hedges, ...weasels])].filter((phrase) => !CLAIM_HEDGES.has(phrase)),
});

export interface HedgeMatch {
  span: Span;
  phrase: string;
  sentence: Sentence;
}

const point = (offset: number) => ({ line: 1, column: offset + 1, offset });

/**
 * Every word that can be part of a calibrated hedge. Other words are masked (as punctuation, which also breaks
 * phrases) before the plugin runs: its full list matches dozens of common words per story ("that", "then",
 * "so"), and building a message for each would cost more than the whole rest of the lint.
 */
const HEDGE_WORDS = new Set([...CLAIM_HEDGES].flatMap((phrase) => phrase.split(' ')));

/** The phrases the plugin searches for, as the words it compares; undefined stands for its `*` wildcard. */
const SEARCHED_PHRASES = [...new Set([...fillers, ...hedges, ...weasels])]
  .filter((phrase) => CLAIM_HEDGES.has(phrase))
  .map((phrase) => phrase.split(' ').map((word) => (word === '*' ? undefined : searchForm(word))));

/**
 * Whether the plugin could match in this sentence: some searched phrase has all its words among the sentence's
 * candidate words. A sentence that fails this cannot match, so leaving it out changes nothing but the cost.
 */
function mayHoldHedge(sentence: Sentence): boolean {
  const words = new Set<string>();
  for (const word of sentence.words) if (HEDGE_WORDS.has(normalizeWord(word.text))) words.add(searchForm(word.text));
  return words.size > 0 && SEARCHED_PHRASES.some((phrase) => phrase.every((word) => word === undefined || words.has(word)));
}

function toNlSentence(sentence: Sentence, text: string): NlSentence {
  const children: SentenceContent[] = [];
  sentence.words.forEach((word, index) => {
    if (index > 0) {
      const previous = sentence.words[index - 1];
      const gap = text.slice(previous.span.end, word.span.start);
      const position = { start: point(previous.span.end), end: point(word.span.start) };
      // Punctuation between words must stay, so that "really. Sort" is never read as one phrase.
      children.push(/[^\s*_`~]/.test(gap) ? { type: 'PunctuationNode', value: gap.trim(), position } : { type: 'WhiteSpaceNode', value: ' ', position });
    }
    const position = { start: point(word.span.start), end: point(word.span.end) };
    if (!HEDGE_WORDS.has(normalizeWord(word.text))) children.push({ type: 'PunctuationNode', value: '·', position });
    else children.push({ type: 'WordNode', children: [{ type: 'TextNode', value: word.text, position }], position });
  });
  return { type: 'SentenceNode', children };
}

/** Claim-weakening hedges in the given sentences, found by retext-intensify and calibrated as described above. */
export function findClaimHedges(sentences: readonly Sentence[], text: string): HedgeMatch[] {
  // Only sentences holding every word of some phrase go to the plugin; most sentences have none.
  sentences = sentences.filter(mayHoldHedge);
  if (sentences.length === 0) return [];
  const wordAt = new Map<number, { sentence: Sentence; index: number }>();
  const paragraphs: Paragraph[] = sentences.map((sentence) => {
    sentence.words.forEach((word, index) => wordAt.set(word.span.start, { sentence, index }));
    return { type: 'ParagraphNode', children: [toNlSentence(sentence, text)] };
  });
  const tree: Root = { type: 'RootNode', children: paragraphs };
  const file = new VFile();
  intensify(tree, file);
  const matches: HedgeMatch[] = [];
  for (const message of file.messages) {
    const start = message.place && 'start' in message.place ? message.place.start.offset : undefined;
    const end = message.place && 'end' in message.place ? message.place.end.offset : undefined;
    if (start === undefined || end === undefined) continue;
    const phrase = String(message.actual ?? '')
      .toLowerCase()
      .replace(/\s+/g, ' ');
    if (!CLAIM_HEDGES.has(phrase)) continue;
    const at = wordAt.get(start);
    if (!at) continue;
    const before = at.sentence.words.slice(Math.max(0, at.index - 3), at.index).map((word) => normalizeWord(word.text));
    if (before.some((word) => MODALS.has(word))) continue;
    if (NOUN_USES.has(phrase) && DETERMINERS.has(before[before.length - 1] ?? '')) continue;
    let span = { start, end };
    if (OPINION_VERBS.has(phrase)) {
      const subject = before[before.length - 1];
      // "I'd guess" holds a modal, so it predicts rather than hedges: only a bare "I" or "we" counts.
      if (!subject || !FIRST_PERSON_SUBJECTS.has(subject)) continue;
      span = { start: at.sentence.words[at.index - 1].span.start, end };
    }
    matches.push({ span, phrase: text.slice(span.start, span.end), sentence: at.sentence });
  }
  return matches.sort((a, b) => a.span.start - b.span.start);
}
