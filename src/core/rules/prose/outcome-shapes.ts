// What makes a result measurable, read from the linguistic layer:
//   - an outcome number: a percent or amount of money, or any number tied to a change ("fell from 9 to 4",
//     "rose 12%", "300 fewer tickets", "doubled sign-ups");
//   - a date met: "shipped on the promised date", "on time", "ahead of schedule";
//   - a concrete observable outcome: someone adopted, approved, signed off, renewed, shipped, stopped…
// Numbers of context do not count: the size or length of the work ("ran for ten weeks with a team of seven"),
// dates that only place the story, and hyperbole dressed as a number ("morale doubled", "100x better").
import type { TaggedSentence, Token } from '../../language/analyze';
import { clausesOf, type Clause } from '../../language/clauses';
import { anyOf, APPROXIMATORS, NUMBER_WORDS, TIME_UNITS } from '../../language/lexicon';

/** From the strongest: a measured change, a date met, a count of something, an observable event. */
export type OutcomeKind = 'number' | 'date-met' | 'count' | 'observable';
export const OUTCOME_STRENGTH: readonly OutcomeKind[] = ['number', 'date-met', 'count', 'observable'];

/** Verbs of change that turn a number into an outcome. */
const CHANGE = new Set([
  'rise',
  'fall',
  'drop',
  'grow',
  'increase',
  'decrease',
  'reduce',
  'cut',
  'double',
  'triple',
  'quadruple',
  'halve',
  'improve',
  'climb',
  'jump',
  'save',
  'recover',
  'reach',
  'hit',
  'beat',
  'exceed',
  'shrink',
  'lower',
  'raise',
  'lift',
  'boost',
  'go',
  'decline',
  'dip',
  'slide',
  'plunge',
  'soar',
  'gain',
  'lose',
  'earn',
  'generate',
  'bring',
  'return',
  'convert',
  'win',
  'sign',
  'close',
  'book',
  'sell',
  'retain',
  'recoup',
  'avoid',
  'prevent',
  'catch',
  'resolve',
  'clear',
  'eliminate',
  'free',
  'shorten',
  'speed',
  'add',
  'drive',
  'deliver',
  'move',
  'activate',
  'onboard',
  'acquire',
  'renew',
  'upgrade',
  'adopt',
  'complete',
  'finish',
  'handle',
  'process',
  'ship',
  'launch',
  'hire',
  'fill',
  'place',
  'serve',
  'answer',
  'pass',
  'score',
  'rate',
  'fix',
  'land',
  'make',
  'collect',
  'stay',
  'remain',
  'hold',
  'keep',
  'come',
  'end',
  'settle',
]);
/** Verbs that report the work itself, whose numbers size it rather than measure an outcome. */
const WORK = new Set([
  'run',
  'take',
  'last',
  'involve',
  'span',
  'spend',
  'require',
  'include',
  'have',
  'employ',
  'staff',
  'kick',
  'start',
  'begin',
  'hold',
  'meet',
  'get',
  'receive',
  'cover',
]);
/** Nouns that count people, effort or activity, not an outcome. */
const EFFORT =
  /^(?:team|teams|people|person|temps?|hires?|workers?|employees?|contractors?|engineers?|designers?|members?|staff|associates?|agents?|volunteers?|nurses?|analysts?|developers?|squads?|initiatives?|sessions?|meetings?|workshops?|interviews?|rounds?|comments?|milestones?|sprints?|units?|stakeholders?|reviewers?|participants?|attendees?|pages?|slides?|emails?|calls?|iterations?|drafts?|weeks?|months?|days?|hours?|years?|quarters?|steps?|phases?|workstreams?|departments?|business|time|zones?|projects?|efforts?|programs?|programmes?|initiatives?|cycles?|epics?|versions?|prs?|commits?)$/;
/** Things that have no measure, so a number about them is a figure of speech. */
const UNMEASURED =
  /^(?:morale|energy|trust|confidence|happiness|spirits?|mood|motivation|excitement|vibe|culture|relationships?|collaboration|alignment|teamwork|buy-in|passion|enthusiasm|caring|cared|engagement|love|pride|goodwill)$/;
const MULTIPLIER = /\b(?:\d+ ?x|\d+ times|\w+fold|doubled|tripled|quadrupled)\b/;
const RECOVERED =
  /\bback (?:up |down )?to (?:its|their|the|our) (?:pre-\S+|previous|normal|usual|old|original|baseline|earlier) (?:level|levels|rate|rates|numbers|volume|volumes|baseline)\b/;
const HYPERBOLE =
  /\b(?:(?:a |one )?(?:hundred|thousand|million|billion|zillion)(?:fold| times)|\d+ ?x (?:better|stronger|happier|faster|more)|\d+ times (?:better|stronger|happier)|\w+fold)\b/;

const NUMBER_WORD = anyOf(NUMBER_WORDS);
/** A unit of time, singular or plural: "day", "weeks". */
const TIME_UNIT = `${anyOf(TIME_UNITS)}s?`;
const DATE_MET = new RegExp(
  String.raw`\b(?:on (?:time|schedule|the (?:promised|planned|agreed|original|target|committed|announced) (?:date|day|deadline))|ahead of (?:schedule|time|the deadline)|by the deadline|as (?:promised|scheduled)|(?:a|${NUMBER_WORD}|\d+) ${TIME_UNIT} (?:early|ahead)|before the deadline|met the (?:date|deadline)|hit the (?:date|deadline))\b`,
);
/** "about ", "nearly ", "~" before a figure. */
const ROUGHLY = `(?:${anyOf(APPROXIMATORS)} |~)?`;
const BEFORE_AFTER = new RegExp(String.raw`\bfrom ${ROUGHLY}\$?\d[\d,.]*\s*(?:%|percent|[a-z]+)?(?: \S+){0,3} (?:to|down to|up to) ${ROUGHLY}\$?\d`);
const AMOUNT_WORD = `(?:daily|weekly|monthly|quarterly|yearly|hourly|manual|automatic|automated|none|zero|never|always|once|twice|${NUMBER_WORD}|half|all|every \\S+|\\d\\S*)`;
const WORD_BEFORE_AFTER = new RegExp(
  `\\b(?:went|moved|rose|fell|dropped|grew|shifted|changed|came down|went down|went up) from (?:\\S+ ){0,2}?${AMOUNT_WORD} (?:\\S+ ){0,2}?to (?:\\S+ ){0,1}?${AMOUNT_WORD}`,
);
const FRACTION_CHANGE = /\bby (?:a third|half|a half|a quarter|a fifth|two thirds|three quarters|\d)/;
const MULTIPLIED = new Set(['double', 'triple', 'quadruple', 'halve']);
const ZERO_OUTCOME =
  /\b(?:zero|no|none of the|not a single) (?:\S+ ){0,2}(?:incidents?|outages?|complaints?|tickets?|errors?|defects?|escalations?|churn|refunds?|downtime|bugs?|failures?|breaches?|findings?|chargebacks?|returns?|cancell?ations?|misses|rollbacks?)\b/;
const INSTEAD = new RegExp(
  String.raw`\b\d[\d,.]*\s*(?:%|\S+)? instead of (?:the |a |an )?(?:\S+ ){0,2}\S*\d|\b\S+ ${TIME_UNIT} instead of (?:the )?(?:\S+ ){0,1}(?:\d|${NUMBER_WORD})`,
);
const EVALUATIVE =
  /\b(?:smooth(?:ly)?|happy|happier|pleased|proud|great|well|better|appreciated?|embraced?|aligned|learned|learnt|amazing|positive|successful|success|grateful|excited|humbling|attention|precedent|relationship)\b/;
const HELD = new RegExp(
  String.raw`\b(?:stayed|remained|held|kept|came in|finished|landed) (?:\S+ )?(?:under|below|above|over|within|at) (?:\S+ )?\$?(?:\d|${NUMBER_WORD})`,
);
const DOWN_TO = new RegExp(String.raw`\b(?:down|up) to ${ROUGHLY}\$?\d`);
const EFFORT_COUNT = /^(?:temps?|hires?|people|engineers?|staff|workers?|employees?|contractors?|members?|volunteers?|agents?|associates?)\b/;
const COMPARATIVE =
  /\b\d[\d,.]*\s*(?:%|percent)? (?:fewer|more|less|lower|higher|faster|slower|cheaper|shorter|longer|up|down|above|below|under)\b|\b(?:up|down|above|below) (?:by |from )?\$?\d/;

/** Verbs of things happening that an outsider could check, when said of someone or something in the result. */
const OBSERVABLE = new Set([
  'adopt',
  'approve',
  'sign',
  'ship',
  'launch',
  'renew',
  'hire',
  'promote',
  'close',
  'win',
  'expand',
  'roll',
  'release',
  'pass',
  'accept',
  'extend',
  'reuse',
  'return',
  'buy',
  'order',
  'vote',
  'switch',
  'replace',
  'standardize',
  'mandate',
  'fund',
  'reinstate',
  'cancel',
  'drop',
  'remove',
  'stop',
  'resume',
  'reopen',
  'restore',
  'publish',
  'merge',
  'deploy',
  'migrate',
  'fix',
  'copy',
  'kill',
  'require',
  'add',
  'include',
  'apply',
  'retire',
  'redeliver',
  'refund',
  'sunset',
  'shut',
  'clear',
  'pick',
  'choose',
  'select',
  'offer',
  'invite',
  'sign-off',
  'certify',
  'award',
  'rehire',
  'recover',
  'scale',
]);
const VAGUE_SUBJECTS = /^(?:it|everyone|everybody|stakeholders?|people|things|morale|this|that|experience)$/;

function wordNumber(token: Token): boolean {
  return token.pos === 'NUM' || /^\$?\d/.test(token.text) || (token.entity !== undefined && ['number', 'percent', 'money'].includes(token.entity.kind));
}

/** The two words after a token, as lowercase text (to read what a number counts). */
function wordsAfter(sentence: TaggedSentence, index: number): string {
  return sentence.tokens
    .slice(index + 1, index + 3)
    .map((token) => token.lower)
    .join(' ');
}

/** The plain lowercase words of a sentence. */
function words(sentence: TaggedSentence): string {
  return sentence.tokens
    .map((token) => token.lower)
    .join(' ')
    .replace(/ (%|,|\.)/g, '$1');
}

/** A sentence that tells a habit or lesson ("Now I always…", "My lesson: …"), not what happened. */
const LESSON =
  /^(?:now|since then|these days|going forward|today|next time),? (?:i|we)\b|^(?:i|we) (?:now|always|never again)\b|^(?:my |the |one |a |key )?(?:lesson|takeaway|learning)s?\b|^what i (?:learned|learnt)\b|\bi(?:'ve)? (?:learned|learnt)\b/;

function isLesson(sentence: TaggedSentence): boolean {
  return LESSON.test(words(sentence));
}

/** Whether a number token measures an outcome in this sentence. */
function outcomeNumber(sentence: TaggedSentence, index: number, clauses: readonly Clause[]): boolean {
  const { tokens } = sentence;
  const token = tokens[index];
  const kind = token.entity?.kind;
  if (kind === 'date' || kind === 'time' || kind === 'ordinal' || kind === 'duration') return false;
  const counts = tokens.slice(index + 1, index + 3).some((candidate) => ['NOUN', 'PROPN'].includes(candidate.pos)) || tokens[index + 1]?.pos === 'ADJ';
  if (/^(?:19|20)\d\d$/.test(token.text) && !counts) return false; // a year places the story
  if (token.lower === 'one' && tokens[index + 1]?.lower === 'of') return false; // "one of the first times"
  // "a team of seven", "with twelve engineers", "six weeks": the size or length of the work.
  // The head of the noun phrase the number counts: the last of the nouns that follow it together ("design rounds").
  const isNoun = (candidate: Token | undefined) => candidate?.pos === 'NOUN' || candidate?.pos === 'PROPN';
  let head = tokens.findIndex((candidate, at) => at > index && at <= index + 3 && isNoun(candidate));
  while (head >= 0 && isNoun(tokens[head + 1])) head++;
  const previous = tokens
    .slice(Math.max(0, index - 3), index)
    .map((candidate) => candidate.lower)
    .join(' ');
  if (/\b(?:team|group|staff|crew|squad) of(?: (?:about|around|roughly|nearly|some|over|almost|~))?$/.test(previous)) return false;
  if (kind !== 'percent' && kind !== 'money' && head >= 0 && EFFORT.test(tokens[head].lower)) return false;
  // "the experiment ran for six weeks across 40k visitors": numbers after a verb of the work itself.
  const owner = [...clauses].reverse().find((clause) => clause.verbIndex < index);
  if (owner && WORK.has(owner.verb.lemma)) return false;
  // Where the tagger missed the clause ("The demos kicked off…", "Release 4.12 had 38 tickets"): the verb just before.
  const verbBefore = tokens
    .slice(Math.max(0, index - 6), index)
    .reverse()
    .find((candidate) => candidate.pos === 'VERB' || (candidate.pos === 'AUX' && candidate.lemma === 'have'));
  return !(verbBefore && WORK.has(verbBefore.lemma));
}

/** Which kind of measurable outcome one result sentence states, if any. */
export function outcomeIn(sentence: TaggedSentence): OutcomeKind | undefined {
  if (sentence.tokens.length < 3 || isLesson(sentence)) return undefined;
  const text = words(sentence);
  let countFound = false;
  const hyperbole = HYPERBOLE.test(text) || (MULTIPLIER.test(text) && sentence.tokens.some((token) => UNMEASURED.test(token.lower)));
  const clauses = clausesOf(sentence);
  const unmeasuredSubject = clauses.some((clause) => UNMEASURED.test(sentence.tokens[clause.subjectIndex].lower));
  if (!hyperbole && !unmeasuredSubject) {
    if (BEFORE_AFTER.test(text) || WORD_BEFORE_AFTER.test(text) || HELD.test(text) || DOWN_TO.test(text)) return 'number';
    // "four hours instead of two days" compares an outcome; "400 temps instead of 350" sizes the work.
    if (INSTEAD.test(text) && !sentence.tokens.some((token, index) => wordNumber(token) && EFFORT_COUNT.test(wordsAfter(sentence, index)))) return 'number';
    if (sentence.tokens.some((token) => token.pos === 'VERB' && MULTIPLIED.has(token.lemma) && !token.negated)) return 'number';
    if (FRACTION_CHANGE.test(text) && sentence.tokens.some((token) => token.pos === 'VERB' && CHANGE.has(token.lemma))) return 'number';
    const numbers = sentence.tokens.map((_, index) => index).filter((index) => wordNumber(sentence.tokens[index]) && outcomeNumber(sentence, index, clauses));
    const measured = numbers.some((index) => ['percent', 'money'].includes(sentence.tokens[index].entity?.kind ?? ''));
    if (numbers.length > 0 && (COMPARATIVE.test(text) || measured)) return 'number';
    // A count in a sentence the narrator leads ("I asked QA to test the ten most common phones") tells an action.
    if (numbers.length > 0 && clauses[0]?.subject !== 'I') countFound = true;
  }
  if (RECOVERED.test(text)) return 'number';
  if (DATE_MET.test(text)) return 'date-met';
  if (countFound) return 'count';
  if (ZERO_OUTCOME.test(text)) return 'observable';
  if (!hyperbole && !EVALUATIVE.test(text) && observable(sentence)) return 'observable';
  return undefined;
}

/** Someone or something did a checkable thing: "legal signed off the same week", "the VP adopted it". */
function observable(sentence: TaggedSentence): boolean {
  return clausesOf(sentence).some((clause) => {
    if (clause.negated || clause.hypothetical) return false;
    if (clause.subject === 'I') return false; // the narrator's own doing is the action, not its result
    const subject = sentence.tokens[clause.subjectIndex];
    if (VAGUE_SUBJECTS.test(subject.lower) && !clause.passive) return false;
    if (clause.subjectStart > 0 && /^(?:some|many|several|few|most)$/.test(sentence.tokens[clause.subjectStart - 1]?.lower ?? '')) return false; // an unquantified crowd
    if (/^(?:some|many|several|most)$/.test(sentence.tokens[clause.subjectStart].lower)) return false;
    if (clause.verb.lemma === 'kill' && sentence.tokens[clause.verbIndex + 1]?.lower === 'it') return false; // "killed it" is praise
    return OBSERVABLE.has(clause.verb.lemma) && clause.verb.pos === 'VERB';
  });
}
