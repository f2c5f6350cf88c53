// The linguistic layer: every sentence of a story as tokens with part of speech, lemma, negation and
// number/percent/money/duration/date entities, each at its exact offsets in the file. It runs once per
// parsed story (cached), and every rule reads it.
import type { ParsedStory } from '../story/parse';
import type { Sentence, Span } from '../types';
import { negatedAt } from './clauses';
import { readIsolated } from './tagger';

/** Universal Dependencies tags, as the model gives them. */
export type PartOfSpeech =
  'ADJ' | 'ADP' | 'ADV' | 'AUX' | 'CCONJ' | 'DET' | 'INTJ' | 'NOUN' | 'NUM' | 'PART' | 'PRON' | 'PROPN' | 'PUNCT' | 'SCONJ' | 'SYM' | 'VERB' | 'X' | 'SPACE';

export type EntityKind = 'number' | 'percent' | 'money' | 'duration' | 'date' | 'time' | 'ordinal';

export interface Token {
  /** As written (markup removed, quotes straightened). */
  text: string;
  lower: string;
  lemma: string;
  pos: PartOfSpeech;
  /** Negated by a word just before it ("didn't *ship*", "never *missed*", "without *testing*"). */
  negated: boolean;
  span: Span;
  /** The entity this token belongs to, if any. */
  entity?: Entity;
}

export interface Entity {
  kind: EntityKind;
  text: string;
  span: Span;
  /** Token indices inside the sentence, inclusive. */
  first: number;
  last: number;
}

export interface TaggedSentence {
  sentence: Sentence;
  tokens: Token[];
  entities: Entity[];
}

const ENTITY_KINDS: Record<string, EntityKind> = {
  CARDINAL: 'number',
  PERCENT: 'percent',
  MONEY: 'money',
  DURATION: 'duration',
  DATE: 'date',
  TIME: 'time',
  ORDINAL: 'ordinal',
};

const cache = new WeakMap<readonly Sentence[], TaggedSentence[]>();

/** The story's sentences, tagged. Stories with their analysis skipped (too large) have none. */
export function analyze(story: ParsedStory): TaggedSentence[] {
  let tagged = cache.get(story.sentences);
  if (!tagged) {
    tagged = story.skippedAnalysis || story.sentences.length === 0 ? [] : tag(story.text, story.sentences);
    cache.set(story.sentences, tagged);
  }
  return tagged;
}

/** A tagged sentence with offsets relative to its own start: what the cache keeps, keyed by the sentence's prose. */
interface LocalSentence {
  /** `lower` and `negated` depend on the sentence's words only, so they are computed once per prose, not per placement. */
  tokens: { text: string; lower: string; lemma: string; pos: PartOfSpeech; negated: boolean; start: number; end: number }[];
  entities: { kind: EntityKind; first: number; last: number }[];
}

/**
 * Sentences already tagged, by their prose. Re-checking a story after a keystroke tags only the sentence that
 * changed; a bank's repeated sentences are tagged once.
 */
const sentenceCache = new Map<string, LocalSentence>();
const SENTENCE_CACHE_LIMIT = 4_000;

function tag(text: string, sentences: readonly Sentence[]): TaggedSentence[] {
  return sentences.map((sentence) => {
    const prose = sentenceProse(text, sentence);
    let local = sentenceCache.get(prose);
    if (!local) {
      if (sentenceCache.size >= SENTENCE_CACHE_LIMIT) sentenceCache.clear();
      local = tagProse(prose);
      sentenceCache.set(prose, local);
    }
    return placed(text, sentence, local);
  });
}

/**
 * Tags one sentence on its own, so that its tags depend on its words only: not on the sentences read beside it
 * or before it. It is ended so that the model reads a complete sentence.
 */
function tagProse(prose: string): LocalSentence {
  const ended = /[.!?:;]["')\]]*\s*$/.test(prose) ? prose : prose + ' .';
  return readIsolated(ended, (doc, nlp) => {
    const its = nlp.its;
    const values = doc.tokens().out(its.value) as string[];
    const pos = doc.tokens().out(its.pos) as PartOfSpeech[];
    const lemmas = doc.tokens().out(its.lemma as Parameters<ReturnType<typeof doc.tokens>['out']>[0]) as string[];
    const local: LocalSentence = { tokens: [], entities: [] };
    /** Token index in the model's output -> index in `local.tokens`, or -1 when the token is not kept. */
    const kept: number[] = [];
    let cursor = 0;
    for (let t = 0; t < values.length; t++) {
      const value = values[t];
      const from = firstVisible(ended, cursor);
      const at = ended.indexOf(value, from);
      if (at < 0 || at - from > 64 || pos[t] === 'SPACE' || !value.trim() || at + value.length > prose.length) {
        kept.push(-1);
        continue;
      }
      cursor = at + value.length;
      local.tokens.push({
        text: value,
        lower: value.toLowerCase(),
        lemma: lemmas[t].toLowerCase(),
        pos: pos[t],
        negated: false,
        start: at,
        end: at + value.length,
      });
      kept.push(local.tokens.length - 1);
    }
    local.tokens.forEach((token, index) => (token.negated = negatedAt(local.tokens, index)));
    doc.entities().each((entity: ReturnType<ReturnType<typeof doc.entities>['itemAt']>) => {
      const kind = ENTITY_KINDS[entity.out(its.type) as string];
      const [first, last] = entity.out(its.span) as unknown as [number, number];
      if (!kind || kept[first] < 0 || kept[last] < 0) return;
      local.entities.push({ kind, first: kept[first], last: kept[last] });
    });
    return local;
  });
}

/** Where `/\S/g` would next match from `from`: the first character that is not white space or a line break. */
function firstVisible(text: string, from: number): number {
  for (let at = from; at < text.length; at++) if (!isSpace(text.charCodeAt(at))) return at;
  return text.length;
}

/** The characters `\s` matches: ECMAScript white space (Unicode Zs, tab, vertical tab, form feed, BOM) and line terminators. */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** A cached sentence placed at its offsets in this file. */
function placed(text: string, sentence: Sentence, local: LocalSentence): TaggedSentence {
  const base = sentence.span.start;
  const tokens: Token[] = local.tokens.map((token) => ({
    text: token.text,
    lower: token.lower,
    lemma: token.lemma,
    pos: token.pos,
    negated: token.negated,
    span: { start: base + token.start, end: base + token.end },
  }));
  const entities = local.entities.map(({ kind, first, last }) => {
    const span = { start: tokens[first].span.start, end: tokens[last].span.end };
    const entity: Entity = { kind, text: text.slice(span.start, span.end), span, first, last };
    for (let index = first; index <= last; index++) tokens[index].entity = entity;
    return entity;
  });
  return { sentence, tokens, entities };
}

const SINGLE_QUOTES = /[\u2018\u2019\u02bc]/g;
const DOUBLE_QUOTES = /[\u201c\u201d]/g;
const LINK_TARGET = /\]\([^)\n]*\)/g;
const HTML_TAG = /<[^>\n]{0,200}>/g;
const MARKUP = /[*_`~[\]#>|\\]/g;
/** Any character one of the patterns above starts with: without one, the source is already prose. */
const NEEDS_CLEANING = /[*_`~[\]#>|\\<\u2018\u2019\u02bc\u201c\u201d]/;

/** A sentence's source text as prose, character for character: inline markup blanked, quotes straightened. */
function sentenceProse(text: string, sentence: Sentence): string {
  const source = text.slice(sentence.span.start, sentence.span.end);
  if (!NEEDS_CLEANING.test(source)) return source;
  const blanked = (part: string) => part.replace(/./g, ' ');
  return source.replace(LINK_TARGET, blanked).replace(HTML_TAG, blanked).replace(MARKUP, ' ').replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"');
}
