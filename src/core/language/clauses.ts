// Clause shapes over tagged sentences: who does what. A clause is a subject with its verb group
// ("I had already rewritten", "we didn't ship", "it was decided"), read from the part-of-speech tags.
import type { TaggedSentence, Token } from './analyze';

export type SubjectKind = 'I' | 'we' | 'team' | 'other';

export interface Clause {
  subject: SubjectKind;
  /** Index of the subject's head token (the "I", "we", "team"). */
  subjectIndex: number;
  /** Index of the first token of the subject phrase ("my team" starts at "my"). */
  subjectStart: number;
  /** Index of the main verb. */
  verbIndex: number;
  verb: Token;
  negated: boolean;
  /** Would, could, should, might, may, must, will, can: not something that was done. */
  hypothetical: boolean;
  /** A form of "be" (or "get") plus a participle: "I was asked", "it was decided". */
  passive: boolean;
}

const MODALS = new Set(['would', 'could', 'should', 'might', 'may', 'must', 'will', 'shall', 'can', "'d", "'ll", 'wo', 'ca']);
const NEGATIONS = new Set(['not', "n't", 'never', 'no']);
const TEAM_NOUNS = new Set([
  'team',
  'engineering',
  'engineer',
  'developer',
  'designer',
  'squad',
  'org',
  'group',
  'department',
  'staff',
  'leadership',
  'committee',
]);
const TEAM_DETERMINERS = new Set(['my', 'our', 'the', 'whole', 'entire']);
/** Words that may sit between a subject and its verb. */
const BETWEEN = new Set(['ADV', 'PART', 'AUX']);

export function isModal(token: Token): boolean {
  return MODALS.has(token.lower);
}

function subjectAt(tokens: readonly Token[], index: number): { kind: SubjectKind; start: number } | undefined {
  const token = tokens[index];
  if (token.lower === 'i' && token.text === 'I') return { kind: 'I', start: index };
  if (token.lower === 'i' && token.pos === 'PRON') return { kind: 'I', start: index };
  // A lowercase "i" in quick notes, which the model may not read as a pronoun: "i coded 180 interviews".
  if (token.text === 'i' && ['VERB', 'AUX', 'ADV', 'NOUN'].includes(tokens[index + 1]?.pos ?? '')) return { kind: 'I', start: index };
  if (token.lower === 'we') return { kind: 'we', start: index };
  if (token.pos === 'NOUN' && TEAM_NOUNS.has(token.lemma) && index > 0 && TEAM_DETERMINERS.has(tokens[index - 1].lower)) {
    return { kind: 'team', start: index - 1 };
  }
  if (token.pos === 'PRON' && ['he', 'she', 'they', 'it', 'this', 'that', 'which', 'who'].includes(token.lower)) return { kind: 'other', start: index };
  if (token.pos === 'NOUN' || token.pos === 'PROPN') return { kind: 'other', start: index };
  return undefined;
}

/** Offsets inside double quotes: reported words, not the narrator's own clauses. */
export function quotedIndices(tokens: readonly Token[]): Set<number> {
  const inside = new Set<number>();
  let open = false;
  tokens.forEach((token, index) => {
    if (token.text === '"') open = !open;
    else if (open) inside.add(index);
  });
  return open ? new Set() : inside; // an unbalanced quote tells nothing
}

const clauseCache = new WeakMap<TaggedSentence, Clause[]>();

/** Every subject + verb group in the sentence, in order (computed once per tagged sentence). */
export function clausesOf(sentence: TaggedSentence): Clause[] {
  let clauses = clauseCache.get(sentence);
  if (!clauses) {
    clauses = findClauses(sentence);
    clauseCache.set(sentence, clauses);
  }
  return clauses;
}

function findClauses(sentence: TaggedSentence): Clause[] {
  const { tokens } = sentence;
  const clauses: Clause[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const subject = subjectAt(tokens, index);
    if (!subject) continue;
    // "Priya and I shipped", "my manager and I": a shared action.
    let kind = subject.kind;
    let start = subject.start;
    if (
      kind === 'I' &&
      index >= 2 &&
      tokens[index - 1].lower === 'and' &&
      ['PROPN', 'NOUN', 'PRON'].includes(tokens[index - 2].pos) &&
      tokens[index - 2].lower !== 'i'
    ) {
      kind = 'we';
      start = index - 2;
    }
    // An inverted auxiliary before the subject ("did I", "had I known") makes a question or a condition.
    if (index > 0 && tokens[index - 1].pos === 'AUX' && (kind === 'I' || kind === 'we')) continue;
    let negated = false;
    let hypothetical = false;
    let sawBe = false;
    let j = index + 1;
    for (; j < tokens.length && j <= index + 5; j++) {
      const token = tokens[j];
      if (token.pos === 'VERB') break;
      // Nothing but a verb follows a bare "I" or "we" directly: a noun there is a verb the tagger misread ("I rewrote").
      if (j === index + 1 && (kind === 'I' || kind === 'we') && (token.pos === 'NOUN' || token.pos === 'PROPN') && /^\p{L}+$/u.test(token.text)) break;
      if (!BETWEEN.has(token.pos) && !(token.pos === 'ADJ' && sawBe)) {
        j = tokens.length;
        break;
      }
      if (NEGATIONS.has(token.lower) || token.lemma === 'not') negated = true;
      // "I'd already written" is "I had": a participle after 'd is not a hypothetical.
      if (isModal(token) && !(token.lower === "'d" && participleFollows(tokens, j))) hypothetical = true;
      if (token.lemma === 'be' || token.lemma === 'get') sawBe = true;
      if (
        token.pos === 'AUX' &&
        token.lemma === 'be' &&
        j + 1 < tokens.length &&
        tokens[j + 1].pos !== 'VERB' &&
        tokens[j + 1].pos !== 'ADV' &&
        tokens[j + 1].pos !== 'PART'
      ) {
        // "I was the PM", "I was part of": a state; record it with the copula as its verb.
        clauses.push({ subject: kind, subjectIndex: index, subjectStart: start, verbIndex: j, verb: token, negated, hypothetical, passive: false });
        j = tokens.length;
        break;
      }
    }
    if (j >= tokens.length) continue;
    const verb = tokens[j];
    const passive = sawBe && !verb.lower.endsWith('ing');
    clauses.push({ subject: kind, subjectIndex: index, subjectStart: start, verbIndex: j, verb, negated, hypothetical, passive });
  }
  return clauses;
}

/**
 * Whether a word is negated by "not", "n't", "never", "no" or "without" just before it (within three words, not
 * across punctuation). The model's own negation flag runs on to the end of the clause and beyond, which would
 * negate "I coded" after "nobody knew why".
 */
export function negatedAt(tokens: readonly Pick<Token, 'pos' | 'lower' | 'lemma'>[], index: number): boolean {
  for (let k = index - 1; k >= Math.max(0, index - 3); k--) {
    if (tokens[k].pos === 'PUNCT') return false;
    if (NEGATIONS.has(tokens[k].lower) || tokens[k].lower === 'without' || tokens[k].lemma === 'not') return true;
  }
  return false;
}

/** The verb after "to" that follows `index` ("decided to *cut*", "had to *call*"), if any. */
export function infinitiveAfter(tokens: readonly Token[], index: number): number | undefined {
  const to = tokens[index + 1];
  if (!to || to.lower !== 'to') return undefined;
  for (let j = index + 2; j < tokens.length && j <= index + 4; j++) {
    if (tokens[j].pos === 'VERB' || tokens[j].pos === 'AUX') return j;
    if (tokens[j].pos !== 'ADV') return undefined;
  }
  return undefined;
}

function participleFollows(tokens: readonly Token[], index: number): boolean {
  for (let k = index + 1; k < tokens.length && k <= index + 3; k++) {
    if (tokens[k].pos === 'ADV') continue;
    return tokens[k].pos === 'VERB' && /(?:ed|en|wn|ne|t|ught|ung|un)$/.test(tokens[k].lower) && tokens[k].lower !== tokens[k].lemma;
  }
  return false;
}
