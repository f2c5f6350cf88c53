// The linguistic layer: every sentence of a story as tokens with part of speech, lemma, negation and
// number/percent/money/duration/date entities, each at its exact offsets in the file. It runs once per
// parsed story (cached), and every rule reads it.
import type { ParsedStory } from '../story/parse';
import type { Sentence, Span } from '../types';
import { tagger } from './tagger';

/** Universal Dependencies tags, as the model gives them. */
export type PartOfSpeech =
  | 'ADJ' | 'ADP' | 'ADV' | 'AUX' | 'CCONJ' | 'DET' | 'INTJ' | 'NOUN' | 'NUM' | 'PART' | 'PRON' | 'PROPN' | 'PUNCT'
  | 'SCONJ' | 'SYM' | 'VERB' | 'X' | 'SPACE';

export type EntityKind = 'number' | 'percent' | 'money' | 'duration' | 'date' | 'time' | 'ordinal';

export interface Token {
  /** As written (markup removed, quotes straightened). */
  text: string;
  lower: string;
  lemma: string;
  pos: PartOfSpeech;
  /** Inside the scope of a negation ("didn't *ship*", "never *missed*"). */
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

/** The tagged form of one sentence of the story. */
export function taggedSentence(story: ParsedStory, sentence: Sentence): TaggedSentence | undefined {
  return analyze(story).find((candidate) => candidate.sentence === sentence);
}

function tag(text: string, sentences: readonly Sentence[]): TaggedSentence[] {
  const prose = proseOnly(text, sentences);
  const nlp = tagger();
  const its = nlp.its;
  const doc = nlp.readDoc(prose);
  const values = doc.tokens().out(its.value) as string[];
  const pos = doc.tokens().out(its.pos) as PartOfSpeech[];
  const lemmas = doc.tokens().out(its.lemma as Parameters<ReturnType<typeof doc.tokens>['out']>[0]) as string[];
  const negations = doc.tokens().out(its.negationFlag) as unknown as boolean[];

  const spans: Span[] = [];
  let cursor = 0;
  const visible = /\S/g;
  for (const value of values) {
    visible.lastIndex = cursor;
    // The model keeps line breaks as tokens; they are found from the cursor, words from the next visible character.
    const from = /^\s+$/.test(value) ? cursor : (visible.exec(prose)?.index ?? prose.length);
    const at = prose.indexOf(value, from);
    if (at >= 0 && at - from <= 64) {
      spans.push({ start: at, end: at + value.length });
      cursor = at + value.length;
    } else spans.push({ start: cursor, end: cursor });
  }

  const result: TaggedSentence[] = sentences.map((sentence) => ({ sentence, tokens: [], entities: [] }));
  const owner: (TaggedSentence | undefined)[] = [];
  const localIndex: number[] = [];
  let index = 0;
  for (let t = 0; t < values.length; t++) {
    const span = spans[t];
    while (index < sentences.length && sentences[index].span.end <= span.start) index++;
    const sentence = sentences[index];
    if (!sentence || span.start < sentence.span.start || span.end <= span.start || pos[t] === 'SPACE' || !values[t].trim()) {
      owner.push(undefined);
      localIndex.push(-1);
      continue;
    }
    const target = result[index];
    target.tokens.push({
      text: values[t],
      lower: values[t].toLowerCase(),
      lemma: lemmas[t].toLowerCase(),
      pos: pos[t],
      negated: negations[t] === true,
      span,
    });
    owner.push(target);
    localIndex.push(target.tokens.length - 1);
  }

  doc.entities().each((entity: ReturnType<ReturnType<typeof doc.entities>['itemAt']>) => {
    const kind = ENTITY_KINDS[entity.out(its.type) as string];
    const [first, last] = entity.out(its.span) as unknown as [number, number];
    const sentence = owner[first];
    if (!kind || !sentence || owner[last] !== sentence) return;
    const offset = localIndex[first];
    const tokens = sentence.tokens.slice(offset, offset + (last - first) + 1);
    const span = { start: tokens[0].span.start, end: tokens[tokens.length - 1].span.end };
    const found: Entity = { kind, text: text.slice(span.start, span.end), span, first: offset, last: offset + tokens.length - 1 };
    tokens.forEach((token) => (token.entity = found));
    sentence.entities.push(found);
  });
  return result;
}

const SINGLE_QUOTES = /[\u2018\u2019\u02bc]/g;
const DOUBLE_QUOTES = /[\u201c\u201d]/g;
const LINK_TARGET = /\]\([^)\n]*\)/g;
const HTML_TAG = /<[^>\n]{0,200}>/g;
const MARKUP = /[*_`~[\]#>|\\]/g;

/**
 * The file text with everything but the sentences blanked, character for character, so tagger offsets are file
 * offsets. Inline markup inside a sentence becomes spaces; a sentence without end punctuation (a bullet, a
 * heading-like line) gets a period in the blank after it, so the tagger does not run two sentences together.
 */
function proseOnly(text: string, sentences: readonly Sentence[]): string {
  const blank = (from: number, to: number) => text.slice(from, to).replace(/[^\n]/g, ' ');
  const parts: string[] = [];
  let at = 0;
  for (const sentence of sentences) {
    if (sentence.span.start < at) continue;
    let gap = blank(at, sentence.span.start);
    if (parts.length > 0 && gap.length > 0 && !/[.!?:;]\s*$/.test(parts[parts.length - 1])) gap = '.' + gap.slice(1);
    parts.push(gap);
    const blanked = (s: string) => s.replace(/./g, ' ');
    parts.push(
      text
        .slice(sentence.span.start, sentence.span.end)
        .replace(LINK_TARGET, blanked)
        .replace(HTML_TAG, blanked)
        .replace(MARKUP, ' ')
        .replace(SINGLE_QUOTES, "'")
        .replace(DOUBLE_QUOTES, '"'),
    );
    at = sentence.span.end;
  }
  parts.push(blank(at, text.length));
  return parts.join('');
}
