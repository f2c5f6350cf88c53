// Passive voice that hides who acted ("it was decided", "a decision was made to ...", "the roadmap got changed").
// Irregular participles come from retext-passive, run on a small nlcst tree built from a sentence's words (no
// re-parsing); regular "-ed" participles, which retext-passive's list leaves out, are matched here after the same
// be-verb. Then the hits are calibrated to the ones that hide an actor.
import type { Root as NlRoot, Sentence as NlSentence, Word as NlWord } from 'nlcst';
import retextPassive from 'retext-passive';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { Sentence, Span, Word } from '../../types';
import {
  APPROXIMATORS,
  ARTICLES,
  BE_FORMS as LEXICON_BE_FORMS,
  CALENDAR_QUARTERS,
  DEMONSTRATIVES,
  FIRST_PERSON_AUXILIARY_CONTRACTIONS,
  FIRST_PERSON_BE_CONTRACTIONS,
  FIRST_PERSON_SUBJECTS,
  MODAL_VERBS,
  MONTHS,
  normalizeWord,
  NUMBER_WORDS_TO_TEN,
  PHRASAL_PARTICLES,
  POSSESSIVE_DETERMINERS,
  SUBJECT_PRONOUNS,
  TIME_UNITS,
  WEEKDAYS,
} from '../../language/lexicon';

export interface HiddenActorPassive {
  /** From the be-verb to the participle: "was decided", "wasn't quickly approved", "got cancelled". */
  span: Span;
  /** The participle, lower case: "decided", "made". */
  participle: string;
  sentence: Sentence;
}

/** Forms of "be", and of "get" as in "got cancelled", mapped to the form retext-passive recognizes. */
const BE_FORMS = new Map<string, string>([...LEXICON_BE_FORMS, ['got', 'was'], ['get', 'be'], ['gets', 'is'], ['getting', 'being'], ['gotten', 'been']]);
/** A first-person subject, alone or fused with "have" or "would" ("we'd been told"). */
const FIRST_PERSON = new Set([...FIRST_PERSON_SUBJECTS, ...FIRST_PERSON_AUXILIARY_CONTRACTIONS]);
/** Words that may stand between a subject and its be-verb: "I had been told", "we were not". */
const AUXILIARIES = new Set(['had', 'has', 'have', ...MODAL_VERBS, 'also', 'then', 'just', 'already', 'never', 'not', 'all', 'both', 'initially', 'first']);
/** Words skipped between the be-verb and the participle: "was quickly decided", "wasn't ever approved". */
const BETWEEN = new Set([
  'not',
  'never',
  'also',
  'just',
  'already',
  'then',
  'finally',
  'eventually',
  'ultimately',
  'ever',
  'quietly',
  'suddenly',
  'later',
  'simply',
  'still',
  'even',
  'originally',
  'initially',
]);
const LY_NOT_ADVERBS = new Set([
  'only',
  'early',
  'likely',
  'family',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
  'friendly',
  'costly',
  'apply',
  'reply',
  'supply',
  'rely',
  'ugly',
]);

/**
 * Participles that after "be" describe a state rather than an act someone did: "we were aligned", "the budget was
 * limited", "the team was excited", "the launch was supposed to ...".
 */
const STATIVE = new Set([
  'excited',
  'interested',
  'tired',
  'surprised',
  'pleased',
  'worried',
  'concerned',
  'involved',
  'convinced',
  'frustrated',
  'disappointed',
  'motivated',
  'determined',
  'scared',
  'supposed',
  'used',
  'based',
  'located',
  'married',
  'qualified',
  'experienced',
  'skilled',
  'committed',
  'dedicated',
  'thrilled',
  'overwhelmed',
  'stressed',
  'engaged',
  'aligned',
  'confused',
  'embarrassed',
  'annoyed',
  'amazed',
  'relieved',
  'satisfied',
  'delighted',
  'impressed',
  'exhausted',
  'bored',
  'limited',
  'needed',
  'required',
  'expected',
  'focused',
  'related',
  'tied',
  'born',
  'gone',
  'upset',
  'stuck',
  'known',
  'called',
  'named',
  'entitled',
  'inclined',
  'allowed',
  'unsolved',
  'blessed',
  'skewed',
  'biased',
  'outdated',
  'underpowered',
  'understaffed',
  'overloaded',
  'unmatched',
  'crowded',
  'mixed',
  'complicated',
  'sized',
  'shaped',
  'priced',
  'staffed',
  'worth',
  'fixed-price',
  'unaligned',
  'misaligned',
  'closed',
  'opened',
  'finished',
  'unblocked',
  'blocked',
  'ready',
  'prepared',
  'equipped',
  'positioned',
  'split',
]);
/** Participles that describe a purpose or plan only when "to" or "for" follows: "was designed to", "was set for". */
const STATIVE_BEFORE_TO = new Set(['designed', 'meant', 'aimed', 'set', 'bound', 'built', 'geared', 'intended', 'scheduled', 'slated', 'planned']);

/** After "by", these start a time, amount or means, not the agent: "by Friday", "by 20%", "by the end of Q3". */
const NOT_AGENT = new Set([
  ...ARTICLES,
  ...WEEKDAYS,
  ...MONTHS,
  ...CALENDAR_QUARTERS,
  ...TIME_UNITS,
  ...NUMBER_WORDS_TO_TEN,
  'twenty',
  'fifty',
  'hundred',
  'several',
  ...APPROXIMATORS,
  'over',
  'more',
  'less',
  'end',
  'then',
  'now',
  'far',
  'default',
  'hand',
  'design',
  'mistake',
  'accident',
  'half',
  'tomorrow',
  'tonight',
  'noon',
  'midnight',
  'eod',
  'eow',
  'eoq',
  'launch',
  'itself',
  'themselves',
]);
/** After "by the" / "by a", these still name a time or amount: "by the deadline", "by a third". */
const NOT_AGENT_AFTER_ARTICLE = new Set([
  ...TIME_UNITS,
  'end',
  'deadline',
  'time',
  'start',
  'beginning',
  'middle',
  'close',
  'next',
  'following',
  'launch',
  'third',
  'half',
  'factor',
  'margin',
  'lot',
  'mile',
  'wide',
  'book',
  'way',
  'same',
  'numbers',
  'dozen',
]);

const REGULAR = /^[a-z-]{2,}ed$/;
/** Words after a be-verb that are never participles; they are not worth a trip through retext-passive. */
const NEVER_PARTICIPLE = new Set([
  ...ARTICLES,
  ...DEMONSTRATIVES,
  ...POSSESSIVE_DETERMINERS,
  ...SUBJECT_PRONOUNS,
  'to',
  'in',
  'on',
  'at',
  'of',
  'for',
  'with',
  'and',
  'or',
  'but',
  'so',
  'too',
  'very',
  'more',
  'less',
  'about',
  'clear',
  'obvious',
  'right',
  'wrong',
  'true',
  'false',
  'there',
  'here',
  'what',
  'how',
  'why',
  'because',
  'as',
  'like',
  'one',
  'two',
  'three',
  'no',
  'all',
  'both',
  'only',
  'still',
  'already',
  'able',
  'unable',
  'going',
  'willing',
  'ready',
  'sure',
  'happy',
  'worth',
  'out',
  'up',
  'over',
  'down',
  'off',
  'back',
  'from',
  'into',
]);
/** Irregular participles with a prefix, missing from retext-passive's list. */
const EXTRA_PARTICIPLES = new Set([
  'rewritten',
  'rebuilt',
  'redone',
  'rerun',
  'remade',
  'retaken',
  'undone',
  'overridden',
  'outgrown',
  'resold',
  'resent',
  'rethought',
  'reset',
]);

/** Past tense to offer in the message for common irregular participles; regular ones are their own past tense. */
const PAST_OF: Record<string, string> = {
  made: 'made',
  taken: 'took',
  given: 'gave',
  chosen: 'chose',
  done: 'did',
  written: 'wrote',
  told: 'told',
  sent: 'sent',
  shown: 'showed',
  seen: 'saw',
  held: 'held',
  built: 'built',
  cut: 'cut',
  put: 'put',
  brought: 'brought',
  found: 'found',
  kept: 'kept',
  left: 'left',
  paid: 'paid',
  said: 'said',
  sold: 'sold',
  spent: 'spent',
  won: 'won',
  lost: 'lost',
  shut: 'shut',
  run: 'ran',
  broken: 'broke',
  drawn: 'drew',
  driven: 'drove',
  forgotten: 'forgot',
  hidden: 'hid',
  spoken: 'spoke',
  thrown: 'threw',
  withdrawn: 'withdrew',
  begun: 'began',
  let: 'let',
  led: 'led',
  heard: 'heard',
  struck: 'struck',
  taught: 'taught',
  thought: 'thought',
  bought: 'bought',
  caught: 'caught',
  dealt: 'dealt',
  hit: 'hit',
  set: 'set',
  upheld: 'upheld',
  withheld: 'withheld',
  overturned: 'overturned',
  sought: 'sought',
  rewritten: 'rewrote',
};

export function pastTenseOf(participle: string): string | undefined {
  if (participle.endsWith('ed')) return participle;
  return PAST_OF[participle];
}

interface Kept {
  /** Index into the sentence's words. */
  index: number;
  value: string;
  isBe: boolean;
}

const processors = new Map<string, ReturnType<typeof makeProcessor>>();

function makeProcessor(ignore: readonly string[]) {
  return unified().use(retextPassive, { ignore }).freeze();
}

const defaultProcessor = makeProcessor([]);
processors.set('', defaultProcessor);

function processorFor(ignore: readonly string[]) {
  const key = ignore.join('\u0000');
  let processor = processors.get(key);
  if (!processor) {
    processor = makeProcessor(ignore);
    if (processors.size < 32) processors.set(key, processor);
  }
  return processor;
}

/**
 * What retext-passive said of each be-verb and word pair it was given, by processor. Each pair is a sentence of its
 * own, so the verdict depends on the two words alone; a pair seen in an earlier story is not run again.
 */
const verdictsByProcessor = new WeakMap<ReturnType<typeof makeProcessor>, Map<string, boolean>>();
const VERDICT_LIMIT = 20_000;

function pairKey(kept: readonly Kept[], position: number): string {
  return `${kept[position - 1].value}\u0000${kept[position].value}`;
}

/**
 * Passive phrases in the sentence whose actor is hidden. `ignore` lists participles never to report. With the file
 * `text`, a hit whose words are not found at their offsets (positions drifted) is dropped rather than misplaced.
 */
export function hiddenActorPassives(sentence: Sentence, ignore: readonly string[] = [], text?: string): HiddenActorPassive[] {
  return hiddenActorPassivesIn([sentence], ignore, text);
}

interface Candidate {
  sentence: Sentence;
  normalized: string[];
  kept: Kept[];
  /** Positions in `kept` of the participles found. */
  participles: Set<number>;
}

/** The same for many sentences, with one retext-passive run over all of them. */
export function hiddenActorPassivesIn(sentences: readonly Sentence[], ignore: readonly string[] = [], text?: string): HiddenActorPassive[] {
  const candidates: Candidate[] = [];
  for (const sentence of sentences) {
    const normalized = sentence.words.map((word) => normalizeWord(word.text));
    if (!normalized.some((word) => BE_FORMS.has(word))) continue;
    candidates.push({ sentence, normalized, kept: keptWords(normalized), participles: new Set() });
  }
  if (candidates.length === 0) return [];

  // Irregular participles: retext-passive, on a small tree that holds each be-verb and the word after it (the only
  // words the plugin looks at), placed at their real offsets. Regular "-ed" words and obvious non-participles are
  // left out of the tree, which keeps it small.
  const pairs: { candidate: Candidate; position: number }[] = [];
  for (const candidate of candidates) {
    candidate.kept.forEach((entry, position) => {
      if (position === 0 || !candidate.kept[position - 1].isBe || entry.isBe) return;
      if (REGULAR.test(entry.value) || EXTRA_PARTICIPLES.has(entry.value)) {
        if (!ignore.includes(entry.value)) candidate.participles.add(position);
      } else if (!NEVER_PARTICIPLE.has(entry.value)) {
        pairs.push({ candidate, position });
      }
    });
  }
  if (pairs.length > 0) {
    const processor = processorFor(ignore);
    let verdicts = verdictsByProcessor.get(processor);
    if (!verdicts || verdicts.size > VERDICT_LIMIT) verdictsByProcessor.set(processor, (verdicts = new Map()));
    const unseen = new Map<string, { candidate: Candidate; position: number }>();
    for (const pair of pairs) {
      const key = pairKey(pair.candidate.kept, pair.position);
      if (!verdicts.has(key) && !unseen.has(key)) unseen.set(key, pair);
    }
    if (unseen.size > 0) {
      const keyAtOffset = new Map<number, string>();
      const nodes: NlSentence[] = [...unseen].map(([key, pair]) => {
        const { kept, sentence } = pair.candidate;
        const be = kept[pair.position - 1];
        const word = kept[pair.position];
        keyAtOffset.set(sentence.words[word.index].span.start, key);
        return {
          type: 'SentenceNode',
          children: [
            wordNode(be.value, sentence.words[be.index].span),
            { type: 'WhiteSpaceNode', value: ' ' },
            wordNode(word.value, sentence.words[word.index].span),
          ],
        };
      });
      const file = new VFile();
      processor.runSync({ type: 'RootNode', children: [{ type: 'ParagraphNode', children: nodes }] } satisfies NlRoot, file);
      const reported = new Set<string>();
      for (const message of file.messages) {
        const offset = message.place && 'start' in message.place ? message.place.start.offset : message.place?.offset;
        const key = offset === undefined ? undefined : keyAtOffset.get(offset);
        if (key !== undefined) reported.add(key);
      }
      for (const key of unseen.keys()) verdicts.set(key, reported.has(key));
    }
    for (const pair of pairs) if (verdicts.get(pairKey(pair.candidate.kept, pair.position))) pair.candidate.participles.add(pair.position);
  }

  const found: HiddenActorPassive[] = [];
  for (const { sentence, normalized, kept, participles } of candidates) {
    const { words } = sentence;
    for (const position of [...participles].sort((a, b) => a - b)) {
      const participle = kept[position];
      const be = kept[position - 1];
      if (STATIVE.has(participle.value)) continue;
      const next = normalized[participle.index + 1];
      if (STATIVE_BEFORE_TO.has(participle.value) && (next === 'to' || next === 'for')) continue;
      if (hasFirstPersonSubject(normalized, be.index)) continue;
      if (namesAgent(normalized, participle.index)) continue;
      if (text !== undefined && !(isAt(text, words[be.index]) && isAt(text, words[participle.index]))) continue;
      const particle = PHRASAL_PARTICLES.has(normalized[participle.index + 1] ?? '') /* kept in the marked phrase: "was rolled out" */
        ? participle.index + 1
        : participle.index;
      found.push({
        span: { start: words[be.index].span.start, end: words[particle].span.end },
        participle: participle.value,
        sentence,
      });
    }
  }
  return found;
}

/** The sentence's words with be-verbs mapped to their plain form and adverbs right after a be-verb left out. */
function keptWords(normalized: readonly string[]): Kept[] {
  const kept: Kept[] = [];
  let skipped = 0;
  normalized.forEach((value, index) => {
    const last = kept[kept.length - 1];
    if (last?.isBe && skipped < 2 && isBetween(value)) {
      skipped++;
      return;
    }
    skipped = 0;
    const be = BE_FORMS.get(value);
    kept.push({ index, value: be ?? value, isBe: be !== undefined });
  });
  return kept;
}

function wordNode(value: string, span: Span): NlWord {
  return {
    type: 'WordNode',
    children: [{ type: 'TextNode', value }],
    position: {
      start: { line: 1, column: span.start + 1, offset: span.start },
      end: { line: 1, column: span.end + 1, offset: span.end },
    },
  };
}

function isAt(text: string, word: Word): boolean {
  return text.slice(word.span.start, word.span.end) === word.text;
}

function isBetween(word: string): boolean {
  return BETWEEN.has(word) || (word.length > 4 && word.endsWith('ly') && !LY_NOT_ADVERBS.has(word));
}

/** "I was asked", "we had been told", "I'm told": what happened to the speaker, not an act they hide. */
function hasFirstPersonSubject(words: readonly string[], beIndex: number): boolean {
  if (FIRST_PERSON_BE_CONTRACTIONS.has(words[beIndex])) return true;
  for (let index = beIndex - 1, steps = 0; index >= 0 && steps < 4; index--, steps++) {
    const word = words[index];
    if (FIRST_PERSON.has(word)) return true;
    if (!AUXILIARIES.has(word) && !BE_FORMS.has(word)) return false;
  }
  return false;
}

/** "was approved by the VP" names who acted; "was cut by 20%" or "was shipped by Friday" does not. */
function namesAgent(words: readonly string[], participleIndex: number): boolean {
  for (let index = participleIndex + 1; index < words.length && index <= participleIndex + 5; index++) {
    if (words[index] !== 'by') continue;
    const next = words[index + 1];
    if (next === undefined || /^\d/.test(next) || next.endsWith('ing')) return false;
    if (ARTICLES.has(next)) {
      const after = words[index + 2];
      return after !== undefined && !NOT_AGENT_AFTER_ARTICLE.has(after) && !/^\d/.test(after);
    }
    return !NOT_AGENT.has(next);
  }
  return false;
}
