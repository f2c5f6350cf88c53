// Who does what in a story: finds the clauses whose subject is "I", "we" or "my team", and whether the
// verb that follows is an action ("I rewrote") or only a state or a thought ("I was", "I felt", "I think").
// Works on the word lists parse-english gives each sentence; no tree is re-parsed.
import type { ParsedStory } from '../../story/parse';
import type { Section, Sentence, Span, Word } from '../../types';

export type ActorKind = 'I' | 'we' | 'team';

export interface ActorAction {
  kind: ActorKind;
  /** The subject as written: "I", "We", "my team", "Priya and I". */
  subject: Span;
  /** The subject's last word: "I", "we", "team". */
  head: Word;
  /** The action verb. */
  verb: Word;
  sentence: Sentence;
}

export interface ActionPart {
  /** The sentences that tell what was done, in file order. */
  sentences: Sentence[];
  /** The first Action section (written or inferred), when the story has one. */
  section: Section | undefined;
  /** How a message names the part: 'the "What I did" section', 'the story before its result', ... */
  where: string;
}

/**
 * The part of a story that tells what was done:
 * - the Action section(s) when there is one (written with a heading, or inferred in a story without headings);
 * - a story with section headings but no Action section: every sentence outside Result and Lesson;
 * - a story without headings too short to have an inferred action part: every sentence.
 */
export function actionPart(story: ParsedStory): ActionPart {
  // Sections guessed from position alone are too rough to hide an action from the role filter.
  // The opening sentence of a longer story sets the scene ("I took over payments in May").
  if (!story.hasSectionHeadings && !story.hasSectionLabels) {
    return { sentences: story.sentences.length >= 3 ? story.sentences.slice(1) : story.sentences, section: undefined, where: 'the story' };
  }
  const section = story.sections.find((candidate) => candidate.kind === 'action');
  if (section) {
    const sentences = story.sentences.filter((sentence) => sentence.section === 'action');
    const where = section.headingSpan ? `the "${section.title}" section` : 'the middle of the story, where the actions are told';
    return { sentences, section, where };
  }
  if (story.hasSectionHeadings) {
    return {
      sentences: story.sentences.filter((sentence) => sentence.section !== 'result' && sentence.section !== 'lesson'),
      section: undefined,
      where: 'the story before its result (it has no Action section)',
    };
  }
  return { sentences: story.sentences, section: undefined, where: 'the story' };
}

/** Lower case, typographic apostrophes made straight. */
export function normalizeWord(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'");
}

const I_SUBJECTS = new Set(["i", "i'd", "i've"]);
const WE_SUBJECTS = new Set(['we', "we'd", "we've"]);
const TEAM_DETERMINERS = new Set(['my', 'our', 'the', 'whole', 'entire']);
const TEAM_NOUNS = new Set([
  'team', 'teams', 'engineers', 'engineering', 'developers', 'devs', 'designers', 'squad', 'analysts', 'org', 'group',
]);

/** Verbs that tell a state, a feeling or a thought, not something the speaker did. */
const NON_ACTION_VERBS = new Set([
  'am', 'are', 'is', 'was', 'were', 'be', 'been', 'being', "'m",
  'feel', 'feels', 'felt', 'think', 'thought', 'believe', 'believed', 'hope', 'hoped', 'want', 'wanted', 'wish', 'wished',
  'like', 'liked', 'love', 'loved', 'hate', 'hated', 'know', 'knew', 'guess', 'guessed', 'need', 'needed',
  'realize', 'realized', 'realise', 'realised', 'remember', 'remembered', 'see', 'saw', 'hear', 'heard', 'noticed',
  'understand', 'understood', 'seem', 'seemed', 'worried', 'wondered', 'doubted', 'expected', 'assumed', 'suspected',
  'imagined', 'enjoyed', 'cared', 'preferred', 'become', 'became', 'mean', 'meant', 'learned', 'learnt', 'struggled',
  'sensed', 'figured', 'reckon', 'suppose', 'supposed', 'agree', 'disagree', 'trust', 'doubt', 'fear', 'feared',
]);
/** A subject followed by one of these is hypothetical, negated or future, not a thing that was done. */
const NOT_DONE = new Set([
  'not', 'never', 'no', 'nothing', "didn't", "don't", "doesn't", "couldn't", "wouldn't", "shouldn't", "wasn't", "weren't",
  "haven't", "hadn't", "can't", 'cannot', "won't", 'would', 'could', 'should', 'might', 'may', 'must', 'will', 'shall',
  'can', "'ll",
]);
/** Words that may sit between a subject and its verb: "I then rewrote", "we quickly agreed", "I myself called". */
const IN_BETWEEN = new Set([
  'also', 'then', 'first', 'finally', 'eventually', 'immediately', 'personally', 'still', 'just', 'already', 'initially',
  'later', 'instead', 'myself', 'ourselves', 'actually', 'really', 'even', 'again', 'soon', 'alone', 'directly', 'always',
  'often', 'sometimes', 'usually', 'together', 'both', 'all', 'next', 'quickly', 'ultimately', 'now',
]);
/** Words ending in -ly that are verbs, not adverbs. */
const LY_VERBS = new Set(['apply', 'applied', 'reply', 'replied', 'rely', 'relied', 'supply', 'supplied', 'multiply', 'rally', 'rallied', 'tally', 'tallied', 'ally', 'allied', 'fly', 'bully']);
/** Words after a subject that show it is not followed by a verb at all. */
const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'so', 'yet', 'of', 'in', 'on', 'at', 'for', 'from', 'with', 'without',
  'as', 'that', 'this', 'these', 'those', 'it', 'its', 'to', 'by', 'about', 'into', 'onto', 'over', 'under', 'after',
  'before', 'than', 'if', 'when', 'while', 'because', 'what', 'which', 'who', 'whom', 'whose', 'why', 'how', 'where',
  'my', 'our', 'your', 'their', 'his', 'her', 'me', 'us', 'you', 'they', 'them', 'he', 'she', 'we', 'i', 'too',
]);
/** Auxiliaries that, right before "I", make a question or an inversion ("did I", "had I known"). */
const INVERTING = new Set([
  'do', 'did', 'does', 'should', 'could', 'would', 'can', 'will', 'shall', 'might', 'must', 'was', 'am', 'were', 'have',
  'had', 'has', 'may', "didn't", "couldn't", "shouldn't", "wouldn't",
]);
/** Nouns that turn "team" into a modifier: "the team lead", "our team meeting". */
const TEAM_COMPOUNDS = new Set(['lead', 'leads', 'member', 'members', 'manager', 'managers', 'meeting', 'meetings', 'offsite', 'channel', 'size', "'s"]);
const HAVE = new Set(['had', 'have', 'has']);
const DO = new Set(['did', 'do', 'does']);
const GET = new Set(['got', 'get', 'gets', 'getting', 'gotten']);

/** Irregular past participles likely after "had" or "got" (regular ones end in -ed). */
const IRREGULAR_PARTICIPLES = new Set([
  'built', 'brought', 'bought', 'caught', 'chosen', 'done', 'drawn', 'driven', 'fought', 'found', 'given', 'gone', 'grown',
  'held', 'hidden', 'kept', 'known', 'laid', 'led', 'left', 'lent', 'lost', 'made', 'met', 'paid', 'put', 'read', 'run',
  'said', 'seen', 'sent', 'set', 'shown', 'shut', 'sold', 'spent', 'spoken', 'taken', 'taught', 'told', 'thought', 'won',
  'written', 'begun', 'broken', 'cut', 'hit', 'let', 'quit', 'split', 'spread', 'stood', 'struck', 'sought', 'become',
  'come', 'dealt', 'fed', 'forgotten', 'forgiven', 'heard', 'meant', 'rewritten', 'rerun', 'undone', 'withdrawn', 'won',
]);

export function looksLikeParticiple(word: string): boolean {
  return (word.length > 3 && word.endsWith('ed')) || IRREGULAR_PARTICIPLES.has(word);
}

function isAdverb(word: string): boolean {
  return IN_BETWEEN.has(word) || (word.length > 4 && word.endsWith('ly') && !LY_VERBS.has(word));
}

/** Offsets of the sentence's text that are inside double quotes: someone else's "I" is not the speaker's. */
function quotedRanges(sentence: Sentence): Span[] {
  const ranges: Span[] = [];
  const text = sentence.text;
  let open = -1;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      if (open === -1) open = index;
      else {
        ranges.push({ start: open, end: index });
        open = -1;
      }
    } else if (char === '\u201c') open = index;
    else if (char === '\u201d' && open !== -1) {
      ranges.push({ start: open, end: index });
      open = -1;
    }
  }
  if (open !== -1) ranges.push({ start: open, end: text.length });
  return ranges.map((range) => ({ start: range.start + sentence.span.start, end: range.end + sentence.span.start }));
}

/**
 * The action verb that follows the subject ending at `index`, or undefined when what follows is a state, a thought,
 * a negation, a hypothetical, a passive ("I was asked", "I got promoted") or no verb at all.
 */
function actionVerbAfter(words: readonly Word[], index: number, subject: string): Word | undefined {
  // "I've shipped", "I'd already drafted": the contraction is the auxiliary, so a participle must follow;
  // "I'd push back" (I would) is hypothetical.
  let expectParticiple = subject.endsWith("'ve") || subject.endsWith("'d");
  for (let j = index + 1, steps = 0; j < words.length && steps < 6; j++, steps++) {
    const word = normalizeWord(words[j].text);
    if (NOT_DONE.has(word)) return undefined;
    if (isAdverb(word)) continue;
    if (!expectParticiple && HAVE.has(word)) {
      const next = nextNonAdverb(words, j);
      if (next === undefined) return undefined;
      const nextWord = normalizeWord(words[next].text);
      if (nextWord === 'to') {
        j = next; // "I had to choose": the verb after "to" tells the action.
        continue;
      }
      if (!looksLikeParticiple(nextWord)) return undefined; // "I had no data", "we had a hunch"
      expectParticiple = true;
      continue;
    }
    if (DO.has(word)) {
      const next = nextNonAdverb(words, j);
      if (next !== undefined && NOT_DONE.has(normalizeWord(words[next].text))) return undefined; // "I did not look"
    }
    if (GET.has(word)) {
      const next = nextNonAdverb(words, j);
      if (next !== undefined && looksLikeParticiple(normalizeWord(words[next].text))) return undefined; // "I got promoted"
      return words[j];
    }
    if (NON_ACTION_VERBS.has(word) || FUNCTION_WORDS.has(word)) return undefined;
    if (/^\d/.test(word) || !/\p{L}/u.test(word)) return undefined;
    if (expectParticiple && !looksLikeParticiple(word)) return undefined;
    return words[j];
  }
  return undefined;
}

function nextNonAdverb(words: readonly Word[], index: number): number | undefined {
  for (let j = index + 1; j < words.length && j <= index + 3; j++) {
    if (!isAdverb(normalizeWord(words[j].text))) return j;
  }
  return undefined;
}

/** Every clause in the sentence whose subject is the speaker, "we" or a team, and whose verb is an action. */
export function actorActions(sentence: Sentence): ActorAction[] {
  if (/\?\s*["'\u201d\u2019)]*\s*$/.test(sentence.text)) return []; // a question tells no action
  const { words } = sentence;
  const quoted = sentence.text.includes('"') || sentence.text.includes('\u201c') ? quotedRanges(sentence) : [];
  const inQuote = (word: Word) => quoted.some((range) => word.span.start > range.start && word.span.start < range.end);
  const actions: ActorAction[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    const raw = word.text.replace(/[\u2018\u2019\u02bc]/g, "'");
    const lower = raw.toLowerCase();
    let kind: ActorKind | undefined;
    let subjectStart = word.span.start;
    if (I_SUBJECTS.has(lower) && raw[0] === 'I') {
      const previous = index > 0 ? normalizeWord(words[index - 1].text) : '';
      if (INVERTING.has(previous)) continue; // "did I", "should I", "had I known"
      if (previous === 'and' && index >= 2 && isCompoundMember(sentence, index - 2)) {
        // "Priya and I shipped", "my team and I built": a shared action, not one of the speaker's own.
        kind = 'we';
        subjectStart = words[subjectStartOfCompound(words, index - 2)].span.start;
      } else kind = 'I';
    } else if (WE_SUBJECTS.has(lower)) {
      const previous = index > 0 ? normalizeWord(words[index - 1].text) : '';
      if (INVERTING.has(previous)) continue;
      kind = 'we';
    } else if (TEAM_NOUNS.has(lower) && index > 0 && TEAM_DETERMINERS.has(normalizeWord(words[index - 1].text))) {
      if (index + 2 < words.length && normalizeWord(words[index + 1].text) === 'and' && I_SUBJECTS.has(normalizeWord(words[index + 2].text))) {
        continue; // "my team and I": counted at the "I"
      }
      const next = index + 1 < words.length ? normalizeWord(words[index + 1].text) : '';
      if (TEAM_COMPOUNDS.has(next)) continue; // "the team lead approved": not the team acting
      kind = 'team';
      subjectStart = words[index - 1].span.start;
    }
    if (!kind || inQuote(word)) continue;
    const verb = actionVerbAfter(words, index, lower);
    if (verb) actions.push({ kind, subject: { start: subjectStart, end: word.span.end }, head: word, verb, sentence });
  }
  return actions;
}

/** People a compound subject names besides the speaker: "my manager and I", "the designer and I". */
const PERSON_NOUNS = new Set([
  'team', 'manager', 'boss', 'designer', 'engineer', 'lead', 'partner', 'peer', 'colleague', 'counterpart', 'cofounder',
  'co-founder', 'analyst', 'director', 'he', 'she', 'they', 'you', 'pm', 'researcher', 'scientist', 'marketer', 'mentor',
]);

/**
 * True when the word before "and I" is the first member of a compound subject ("Priya and I", "my manager and I"),
 * not the end of a clause ("I wrote the spec and I ran the test", "angry posts, and I chose").
 */
function isCompoundMember(sentence: Sentence, index: number): boolean {
  const member = sentence.words[index];
  const and = sentence.words[index + 1];
  const between = sentence.text.slice(member.span.end - sentence.span.start, and.span.start - sentence.span.start);
  if (/[,;:—–()]/.test(between)) return false;
  return /^\p{Lu}/u.test(member.text) || PERSON_NOUNS.has(normalizeWord(member.text));
}

/** Start index of the first member of a compound subject ending at `index`: "my team", "Priya", "the designer". */
function subjectStartOfCompound(words: readonly Word[], index: number): number {
  const previous = index > 0 ? normalizeWord(words[index - 1].text) : '';
  return TEAM_DETERMINERS.has(previous) || previous === 'a' || previous === 'an' ? index - 1 : index;
}
