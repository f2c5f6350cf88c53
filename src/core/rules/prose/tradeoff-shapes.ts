// The clause shapes that make a tradeoff, read from the linguistic layer:
//   - a cost stated beside a choice: "accepting that…", "which meant…", "knowing … would", "giving up…",
//     "at the expense of", "in exchange for", "which cost us…";
//   - a sacrifice made for a purpose: skip, cut, drop, delay, hold, pull, postpone… "to keep Y" / "so Y could";
//   - a preference between two things: chose/picked/went with X over Y, X rather than / instead of Y;
//   - two options, then the one taken: "we could A or B … I went with B".
// Lessons are never read (platitudes live there), and comparisons inside a result are not choices.
import type { TaggedSentence, Token } from '../../language/analyze';
import { clausesOf, isModal, type Clause } from '../../language/clauses';
import { APPROXIMATORS, FIRST_PERSON_SUBJECTS, MENTAL_VERBS } from '../../language/lexicon';

export type TradeoffShape = 'cost' | 'sacrifice' | 'preference' | 'options';

/** A verb the tagger read as a noun: right after "I"/"we", or after "to" that follows a verb ("decided to deprioritize"). */
function misreadVerb(tokens: readonly Token[], index: number): boolean {
  const previous = tokens[index - 1].lower;
  return FIRST_PERSON_SUBJECTS.has(previous) || (previous === 'to' && index > 1 && tokens[index - 2].pos === 'VERB');
}

/** Verbs that give something up and, said of a person, are a deliberate choice. */
const GIVE_UP = [
  'skip',
  'cut',
  'drop',
  'delay',
  'defer',
  'postpone',
  'hold',
  'pull',
  'forgo',
  'shelve',
  'scrap',
  'descope',
  'deprioritize',
  'sacrifice',
  'exclude',
  'remove',
  'cancel',
  'close',
  'sunset',
  'retire',
  'stop',
  'pause',
  'push',
  'freeze',
  'limit',
  'leave',
  'switch',
  'move',
  'keep',
  'let',
];
/** Verbs that give something up. */
const SACRIFICE = new Set([
  ...GIVE_UP,
  'forego',
  'deprioritise',
  'slip',
  'kill',
  'abandon',
  'halt',
  'suspend',
  'trim',
  'narrow',
  'waive',
  'turn',
  'roll',
  'give',
  'ship',
  'launch',
  'release',
  'go',
  'absorb',
  'eat',
  'lose',
  'pay',
  'spend',
  'reduce',
  'extend',
  'split',
  'end',
  'discontinue',
  'take',
]);
/** Of those, the ones that need a word after them to mean giving up: "push back", "turn off", "roll back". */
const SACRIFICE_WITH_PARTICLE: Record<string, readonly string[]> = {
  push: ['back', 'out', 'to'],
  turn: ['off', 'down'],
  switch: ['off'],
  roll: ['back'],
  move: ['to', 'back', 'off', 'out'],
  keep: ['on', 'the', 'old', 'it', 'them', 'each'],
  give: ['up'],
  ship: ['without'],
  launch: ['without', 'with'],
  release: ['without'],
  go: ['without', 'with', 'live'],
  take: ['out', 'off', 'away'],
};
/** Verbs that pick one thing over another. */
const CHOOSE = new Set([
  'choose',
  'pick',
  'prefer',
  'favor',
  'favour',
  'prioritize',
  'prioritise',
  'opt',
  'select',
  'take',
  'go',
  'back',
  'bet',
  'decide',
  'recommend',
  'propose',
  'keep',
]);

const COST_PHRASES = [
  /\bat the (?:expense|cost|price) of\b/,
  /\bin (?:exchange|return)\b/,
  /(?<!(?:without|never|not|didn't|did not|never once) )\b(?:giving|gave|give|given) up\b/,
  /(?<!(?:without|never|not|didn't|did not) )\bsacrific/,
  /\btrad(?:e|ed|ing) (?:\S+ ){1,6}for\b/,
  /\b(?:be|was|were) (?:\S+ ){0,3}short(?:-staffed| staffed|handed)\b|\b(?:run|ran|running|go|went|left|leave|leaving) (?:\S+ ){0,3}short\b(?!-| (?:call|calls|meeting|meetings|list|video|doc|memo|note|summary|survey|break|walk|session|sessions|version|form|answer|time|term|story|demo|check|sync)\b)/,
  /\bso (?:that )?(?:the )?freed[- ]up\b/,
  /\b(?:which|that|this|it) (?:\S+ )?(?:made|makes|make) (?:\S+ ){1,5}(?:slower|later|harder|worse|longer|costlier|more expensive|less \S+)\b/,
  /\b(?:which|that|this|it) (?:was|were|is) (?:very |really |quite |a )?(?:painful|costly|expensive|unpopular|loss|hit|big loss|hard on)\b/,
  /\baccept(?:ed|ing|s)? (?:some |more |the |a |higher |greater )?risks?\b/,
  /\b(?:took|take|taking|takes) (?:that|the|this) (?:risk|hit)\b/,
  /\b(?:we|they|i|customers|users|sales)(?:'d| would) (?:lose|miss|give up|pay)\b.*\bbut\b/,
  /\b(?:i|we|they|he|she) knew (?:that )?(?:\S+ ){0,8}\S*(?:would|'d|will|meant|mean|means|was going to) (?:\S+ ){0,3}(?:lose|miss|cost|wait|slip|delay|upset|hurt|disappoint|be late|pay|less|fewer|slower|go without)\b/,
  /^(?:that|this|it|doing so|going with \S+(?: \S+)?) (?:also )?(?:meant|means)\b/,
  /\bknowing(?: that)? (?:\S+ ){1,12}(?:would|will|could|might|meant|was going to|were going to)\b/,
  /\bknew (?:that )?(?:we|they|it|customers|users|the \S+)(?:'d| would| will| were going to| was going to) (?:\S+ ){0,3}(?:lose|miss|wait|pay|give up|slip)\b/,
  /\baccept(?:ed|ing|s)? (?:that|the (?:risk|cost|loss|hit|delay|trade|lost|lower|higher|extra|slower|reduced|missed|smaller|longer)|(?:a|an|some|about|roughly|around|~|\$|\d|losing|longer|slower|fewer|less|lower|higher|more|worse|noisier|double))/,
  /\beven (?:though|if|when) (?:it|that|this) (?:\S+ )?(?:meant|means|cost|would|was|is|made|left)\b/,
  /\bso (?!none|nothing|no )(?:\S+ ){1,3}(?:would |will |had to |must |)(?:lose|lost|wait|waited|miss|missed|pay|paid|give up)\b/,
  /\b(?:paid|paying|pay) (?:for )?(?:the |an |about |roughly |around )?(?:extra|more|double|twice|\$)/,
  /\bknowing (?:that )?(?:we|they|it|this|customers|users|our|some|the|a|many|most)\b/,
  /, knowing (?:that )?(?!how|what|when|where|why|who|the team|them|him|her)\S+ \S+/,
  /, (?:losing|costing|delaying|leaving|paying|dropping|sacrificing|skipping|forgoing) /,
];

/** "…, which pushed the last case past 7 p.m.": a consequence that is a cost only when it follows a choice, or our own doing. */
const WHICH_COST = /\b(?:which|that|this|it) (?:(?!the |a |an )\S+ )?(?:meant|means|cost|costs|left|slowed|delayed|pushed)\b/;
/** "I was worried it would cost us good people": a fear, not a cost accepted. */
const FEARED = /\b(?:worried|afraid|feared|scared|concerned|nervous|anxious)\b (?:that )?(?:it|this|that|we|they|the \S+) (?:would|might|could)\b/;

const PURPOSE =
  /\b(?:so that \S+|in order to \S+|so as to \S+|to (?:not|never) \S+)|\bso (?!much|many|far|long|few|little)(?:\S+ ){0,6}\S*(?:could|would|can|might|will|'d|had time|had room|didn't|did not|wouldn't|couldn't|won't|would not|could not)\b/;
const PURPOSE_TO =
  /\bto (?:keep|hit|make|meet|protect|save|free|avoid|get|finish|focus|stay|ship|launch|land|cover|clear|fix|stop|give|have|preserve|secure|catch|buy|hold|reduce|limit|lower|prevent|ensure|unblock|release|deliver|be ready|not)\b/;
const PURPOSE_FIRST = /^(?:to|in order to) (?:\S+ ){1,8}?\S*,? (?:i|we|the team|they|he|she|the \S+|our \S+)\b/;
const REALLOCATE =
  /\band (?:\S+ )?(?:put|putting|gave|give|giving|moved|move|moving|spent|spend|spending|used|use|using|shifted|shifting|redirected|reassigned|invested) (?:that|the|those|this|our|its|their|them|it|both|all)\b.{0,60}\b(?:into|to|toward|towards|on|onto|for)\b/;
/** "drop it and give sales fewer leads": what the sacrifice leaves less of. */
const LESS_AFTER =
  /\band (?:\S+ ){1,4}(?:fewer|less|slower|later|smaller)\b|\bwhich (?:\S+ ){1,4}(?:grumbled|complained|pushed back|objected|was unhappy|were unhappy)\b/;
const FREED = /\b(?:freed|free|freeing)[- ]up\b/;
const OPTIONS =
  /\b(?:option (?:a|b|one|two|1|2)\b|the (?:first|second|other) option\b|two (?:options|paths|choices|ways)\b.{0,80}|either\b.{3,120}\bor\b|whether to\b.{3,120}\bor\b|(?:could|can|should) \S+(?: \S+){0,10},? or (?:we |i )?(?:could )?\S+|(?:the )?(?:choice|options?|decision|question) (?:was|were) (?:to |between |whether )?.{3,120}\b(?:or|and)\b|between \S+(?: \S+){0,8} and )/;
const RESOLUTION =
  /\b(?:i|we|they|he|she|the \S+|\S+ team)(?: \S+){0,2} (?:went with|went for|chose|picked|opted|decided|settled on|recommended|argued for|pushed for|committed to|called it|made the call)\b/;
const OBVIOUS_INSTEAD = /\b(?:obvious|default|safe|easy|expected|usual) (?:move|choice|option|answer|path|call|fix|plan)\b.*\binstead\b/;
const CHOICE_NOT = /\b(?:went with|chose|picked|opted for|prioriti[sz]ed|kept) (?:\S+ ){1,6}\S+, not (?:the |a |an |our |my )?\S+/;
const EVEN = /\beven (?:though|if|when)\b/;
const FIGURE_OF_SPEECH = /\b(?:i'd|i would|we'd|we would|i'd much|'d) rather\b/;

const plainCache = new WeakMap<TaggedSentence, string>();

/** The sentence as lowercase plain words (computed once per tagged sentence). */
function plain(sentence: TaggedSentence): string {
  let text = plainCache.get(sentence);
  if (text === undefined) {
    text = plainWords(sentence);
    plainCache.set(sentence, text);
  }
  return text;
}

function plainWords(sentence: Pick<TaggedSentence, 'tokens'>): string {
  return sentence.tokens
    .filter((token) => token.pos !== 'PUNCT' || token.text === ',' || token.text === ';')
    .map((token) => (token.text === "n't" ? 'not' : token.lower))
    .join(' ')
    .replace(/ ([,;])/g, '$1')
    .replace(/ '(s|d|ll|re|ve|m)\b/g, "'$1");
}

const REPORTING = new Set(['decide', 'agree', 'say', 'tell', 'propose', 'recommend', 'announce', 'confirm', 'commit', 'argue']);
const NOT_YET = new Set(['would', 'could', 'should', 'might', 'may', 'must', "'d"]);

/**
 * Whether a verb at this index is done: not negated, not after "could", "should" or "would". A modal inside a
 * reported decision still tells what was done: "I decided we'd drop it", "my manager decide we will stop".
 */
function done(tokens: readonly Token[], index: number): boolean {
  if (tokens[index].negated) return false;
  for (let k = index - 1; k >= Math.max(0, index - 3); k--) {
    if (isModal(tokens[k]) && NOT_YET.has(tokens[k].lower) && !reported(tokens, k)) return false;
    if (tokens[k].pos !== 'AUX' && tokens[k].pos !== 'ADV' && tokens[k].pos !== 'PART' && tokens[k].pos !== 'PRON') break;
  }
  return true;
}

function reported(tokens: readonly Token[], index: number): boolean {
  for (let k = index - 1; k >= Math.max(0, index - 6); k--) if (REPORTING.has(tokens[k].lemma)) return true;
  return false;
}

/** "I cut the meeting to 45 minutes": a resize to an amount, not something given up. */
function resizedTo(tokens: readonly Token[], index: number): boolean {
  for (let k = index + 1; k < Math.min(tokens.length - 1, index + 10); k++) {
    if (tokens[k].lower === 'to' && (tokens[k + 1].pos === 'NUM' || tokens[k + 1].entity)) return true;
  }
  return false;
}

/** Verbs of a mistake ("skip" is left out: skipping is as often a choice). */
const MISTAKE = new Set(['forget', 'fail', 'miss', 'overlook', 'break', 'misjudge', 'neglect', 'underestimate', 'misread', 'misconfigure']);

function hasActionVerb(sentence: TaggedSentence): boolean {
  return sentence.tokens.some((token, index) => token.pos === 'VERB' && done(sentence.tokens, index));
}

/** A crude base form for words the model does not know ("deprioritized" -> "deprioritize"). */
function stem(word: string): string {
  return word
    .replace(/ied$/, 'y')
    .replace(/(?:ized|ised)$/, (ending) => ending.slice(0, -1))
    .replace(/(?:ing|ed)$/, '');
}

/**
 * Where the sentence gives something up, or undefined. A resize ("cut the beta to one week") gives something up
 * only when a purpose follows it (`resizeCounts`).
 */
function sacrificeVerb(sentence: TaggedSentence, resizeCounts = false): number | undefined {
  const { tokens } = sentence;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token.pos !== 'VERB' && !(token.pos === 'NOUN' && index > 0 && misreadVerb(tokens, index))) continue;
    if (!(SACRIFICE.has(token.lemma) || SACRIFICE.has(stem(token.lower))) || !done(tokens, index)) continue;
    if (!resizeCounts && resizedTo(tokens, index)) continue;
    if (index > 0 && ['DET', 'ADP', 'ADJ'].includes(tokens[index - 1].pos) && tokens[index + 1]?.pos === 'NOUN') continue; // "the cancelled accounts"
    const particles = SACRIFICE_WITH_PARTICLE[token.lemma];
    if (particles) {
      const window = tokens.slice(index + 1, index + 8);
      // "pushed the launch to Q3" gives time up; "pushed the engineers to fix it" does not.
      if (!window.some((t, at) => particles.includes(t.lower) && !(t.lower === 'to' && window[at + 1]?.pos === 'VERB'))) continue;
    }
    return index;
  }
  return undefined;
}

/** Verbs of a deliberate choice: what a person decides to give up, hold back or keep. */
const DELIBERATE = new Set([
  ...GIVE_UP,
  'choose',
  'pick',
  'prefer',
  'prioritize',
  'prioritise',
  'opt',
  'decide',
  'agree',
  'accept',
  'trade',
  'swap',
  'propose',
  'recommend',
]);
/** Words of a price paid: something lost, late, worse, or someone unhappy. */
const LOSS = new Set([
  'lose',
  'loss',
  'sacrifice',
  'forgo',
  'slip',
  'lag',
  'suffer',
  'complain',
  'complaint',
  'grumble',
  'upset',
  'unhappy',
  'disappoint',
  'disappointed',
  'wait',
  'pay',
  'cost',
  'expense',
  'risk',
  'downside',
  'drawback',
  'penalty',
  'broken',
  'delay',
  'later',
  'slower',
  'fewer',
  'less',
  'worse',
  'dip',
  'angry',
  'frustrated',
  'annoyed',
  'miss',
  'lost',
  'shut',
  'hurt',
  'stall',
  'forfeit',
  'eat',
]);
const CONSEQUENCE = new Set([
  'which',
  'so',
  'but',
  'meaning',
  '—',
  '–',
  '+',
  '->',
  '→',
  '>',
  'though',
  'although',
  'while',
  'knowing',
  'accepting',
  'accepted',
]);

/**
 * Where the sentence makes a deliberate choice, or -1. The choice is a clause's verb ("I pushed…", "the group
 * agreed…"), or a note's first word ("cut the quiz…"); a gerund that names an option ("Delaying looked safe,
 * but…") is not a choice made.
 */
function deliberateChoice(sentence: TaggedSentence): number {
  const { tokens } = sentence;
  const clauseVerbs = new Set(clausesOf(sentence).flatMap((clause) => (clause.hypothetical ? [] : [clause.verbIndex])));
  return tokens.findIndex(
    (token, index) =>
      (clauseVerbs.has(index) || (index === 0 && !token.lower.endsWith('ing'))) &&
      (DELIBERATE.has(token.lemma) || DELIBERATE.has(stem(token.lower))) &&
      done(tokens, index) &&
      !resizedTo(tokens, index),
  );
}

const AND_WE_LOST = /\band (?:\S+, )?(?:we|i|they) (?:\S+ )?(?:lost|gave up|lose|had to give up)\b/;

/** A sentence that opens by saying what was lost: "We lost the Friday slot.", "Sales had to wait a quarter." */
const LOSS_OPENING =
  /^(?:(?:so|and|but|as a result|in return),? )?(?:we|they|i|it|that|this|sales|marketing|customers|users|the \S+(?: \S+)?) (?:\S+ )?(?:lost|gave up|gave away|paid|had to wait|waited|slipped|missed out on|went without|had to give up|had to live with|meant|would lose|'d lose|would miss|'d miss|would have to wait|'d have to wait)\b/;

/** A deliberate choice in one sentence and what it cost at the start of the next. Returns the cost's index. */
export function choiceThenLossNext(sentences: readonly TaggedSentence[], index: number): number | undefined {
  const next = sentences[index + 1];
  if (!next || next.sentence.section === 'lesson' || deliberateChoice(sentences[index]) < 0) return undefined;
  return LOSS_OPENING.test(plain(next)) && !causedByMistake(next) ? index + 1 : undefined;
}

/**
 * A deliberate choice, then what it cost, joined as a consequence: "I pushed the fix ahead of the feature, which
 * slipped to the next release", "moved the two engineers, accepted we'd get complaints".
 */
function choiceThenLoss(sentence: TaggedSentence): boolean {
  const { tokens } = sentence;
  const choice = deliberateChoice(sentence);
  if (choice < 0) return false;
  // "…, and we lost the social part": a loss of our own right after the choice.
  if (AND_WE_LOST.test(plainWords({ tokens: tokens.slice(choice + 1) }))) return true;
  let joined = false;
  for (let index = choice + 1; index < tokens.length; index++) {
    const token = tokens[index];
    if (CONSEQUENCE.has(token.lower) || token.text === ';') joined = true;
    if (joined && (LOSS.has(token.lemma) || LOSS.has(token.lower)) && !token.negated) return true;
  }
  return false;
}

/** A cost phrase that is not a fear, and a "which meant…" that follows something we did. */
function statedCost(sentence: TaggedSentence, text: string): boolean {
  if (FEARED.test(text)) return false;
  if (COST_PHRASES.some((pattern) => pattern.test(text))) return true;
  const which = sentence.tokens.findIndex((token) => token.lower === 'which');
  const chosenBefore = sentence.tokens
    .slice(0, which < 0 ? undefined : which)
    .some((token, index) => token.pos === 'VERB' && DELIBERATE.has(token.lemma) && done(sentence.tokens, index));
  return WHICH_COST.test(text) && (chosenBefore || clausesOf(sentence).some((clause) => clause.subject !== 'other' && !clause.hypothetical && !clause.negated));
}

/** Which tradeoff shape one sentence holds, if any. */
export function tradeoffIn(sentence: TaggedSentence): TradeoffShape | undefined {
  const text = plain(sentence);
  if (sentence.tokens.length < 3) return undefined;
  const inResult = sentence.sentence.section === 'result';
  const sacrifice = sacrificeVerb(sentence);
  if (statedCost(sentence, text) && hasActionVerb(sentence) && !causedByMistake(sentence)) return 'cost';
  if (EVEN.test(text) && (sacrifice !== undefined || choiceVerb(sentence)) && consequenceAfterEven(sentence)) return 'cost';
  if (choiceThenLoss(sentence) && !causedByMistake(sentence)) return 'cost';
  if (OBVIOUS_INSTEAD.test(text) || CHOICE_NOT.test(text)) return 'preference';
  if (sacrifice !== undefined) {
    const after = plainWords({ tokens: sentence.tokens.slice(sacrifice + 1) });
    if (PURPOSE.test(after) || PURPOSE_TO.test(after) || PURPOSE_FIRST.test(text) || REALLOCATE.test(after) || FREED.test(after) || LESS_AFTER.test(after))
      return 'sacrifice';
  }
  const resize = sacrifice === undefined ? sacrificeVerb(sentence, true) : undefined;
  // The purpose must belong to the resize: "cut the beta to one week so the app would be ready".
  if (resize !== undefined && PURPOSE.test(plainWords({ tokens: sentence.tokens.slice(resize + 1, resize + 12) }))) return 'sacrifice';
  if (choiceThenSacrifice(sentence)) return 'preference';
  if (!FIGURE_OF_SPEECH.test(text)) {
    if (contrastChosen(sentence, inResult)) return 'preference';
    if (overPreference(sentence)) return 'preference';
  }
  return undefined;
}

/**
 * The parts of the shapes above, each on its own, for the trained model (`tradeoff-model.ts`): a sentence can hold a
 * sacrifice without a stated purpose, or a loss word without a choice, and the model weighs them together with
 * the words around them.
 */
export function tradeoffCues(sentence: TaggedSentence): string[] {
  const text = plain(sentence);
  const cues: string[] = [];
  const sacrifice = sacrificeVerb(sentence);
  if (sacrifice !== undefined) {
    cues.push('sacrifice');
    const after = plainWords({ tokens: sentence.tokens.slice(sacrifice + 1) });
    if (PURPOSE.test(after) || PURPOSE_TO.test(after)) cues.push('purpose');
  }
  if (deliberateChoice(sentence) >= 0) cues.push('choice');
  if (choiceVerb(sentence)) cues.push('choose-verb');
  if (statedCost(sentence, text)) cues.push('cost-phrase');
  if (OPTIONS.test(text)) cues.push('options');
  if (RESOLUTION.test(text)) cues.push('resolution');
  if (LOSS_OPENING.test(text)) cues.push('loss-opening');
  if (FIGURE_OF_SPEECH.test(text)) cues.push('rather');
  if (causedByMistake(sentence)) cues.push('mistake');
  if (sentence.tokens.some((token) => (LOSS.has(token.lemma) || LOSS.has(token.lower)) && !token.negated)) cues.push('loss-word');
  return cues;
}

const PICK = new Set(['choose', 'pick', 'prefer', 'favor', 'favour', 'prioritize', 'prioritise', 'opt', 'select']);

/** One thing chosen and another given up in the same breath: "I picked screen-time limits and pushed kids search to next year". */
function choiceThenSacrifice(sentence: TaggedSentence): boolean {
  const { tokens } = sentence;
  const choice = tokens.findIndex((token, index) => token.pos === 'VERB' && PICK.has(token.lemma) && done(tokens, index));
  if (choice < 0) return false;
  const sacrifice = sacrificeVerb({ ...sentence, tokens: tokens.slice(choice + 1) });
  return (
    sacrifice !== undefined &&
    tokens.slice(choice + 1, choice + 1 + sacrifice).some((token) => token.lower === 'and' || token.text === ';' || token.text === ',')
  );
}

/** Whether a clause's subject is a person or group who can choose (not a thing: "the variant was getting…"). */
function isAgent(sentence: TaggedSentence, clause: Clause): boolean {
  const head = sentence.tokens[clause.subjectIndex];
  return clause.subject !== 'other' || head.pos === 'PROPN' || PEOPLE.test(head.lower);
}

/**
 * "X rather than Y", "X instead of Y", where the clause it belongs to is a person or group acting (not thinking,
 * not a thing happening), and Y is not an amount ("70% instead of 50%").
 */
function contrastChosen(sentence: TaggedSentence, inResult: boolean): boolean {
  const { tokens } = sentence;
  const clauses = clausesOf(sentence);
  for (let index = 0; index < tokens.length - 1; index++) {
    const pair = `${tokens[index].lower} ${tokens[index + 1].lower}`;
    if (pair !== 'rather than' && pair !== 'instead of') continue;
    const after = tokens[index + 2];
    if (after && (after.pos === 'NUM' || after.entity)) continue;
    // "Rather than re-quote them, I argued we should…": the choice follows the contrast.
    const owner = index <= 1 ? clauses.find((clause) => clause.verbIndex > index + 2) : [...clauses].reverse().find((clause) => clause.verbIndex < index);
    if (!owner || !isAgent(sentence, owner) || !done(tokens, owner.verbIndex) || owner.negated || INNER_VERBS.has(owner.verb.lemma)) continue;
    // "I realized that … instead of …" is a thought; "I chose to be a champion rather than a critic" an attitude.
    if (clauses.some((clause) => clause.verbIndex < index && INNER_VERBS.has(clause.verb.lemma))) continue;
    if (tokens[owner.verbIndex + 1]?.lower === 'to' && tokens[owner.verbIndex + 2]?.lemma === 'be') continue;
    // Inside a result, a comparison ("one review round instead of three") is not a choice unless one is named.
    if (!inResult || CHOOSE.has(owner.verb.lemma)) return true;
  }
  return false;
}

/** Thinking and weighing, which choose nothing: "I realized that … instead of …". */
const INNER_VERBS = new Set([...MENTAL_VERBS, 'find', 'suggest', 'argue', 'ask', 'discuss', 'debate', 'treat', 'list', 'compare', 'weigh']);

function choiceVerb(sentence: TaggedSentence): boolean {
  return sentence.tokens.some((token, index) => (token.pos === 'VERB' || token.pos === 'NOUN') && CHOOSE.has(token.lemma) && done(sentence.tokens, index));
}

/** "even though it meant missing the target", "even if the team must wait": a consequence, not a condition ("even though we were over budget"). */
function consequenceAfterEven(sentence: TaggedSentence): boolean {
  const { tokens } = sentence;
  const at = tokens.findIndex((token, index) => token.lower === 'even' && ['though', 'if', 'when'].includes(tokens[index + 1]?.lower ?? ''));
  return tokens.slice(at + 2).some((token) => (token.pos === 'VERB' && token.lemma !== 'be') || UNWELCOME.test(token.lower));
}

const UNWELCOME = /^(?:unhappy|upset|angry|annoyed|frustrated|risky|riskier|slower|worse|costly|expensive|painful|late|later|short|disappointed|unpopular)$/;

/** "I forgot to renew it, which cost us six hours": the cost of a mistake, not of a choice. */
function causedByMistake(sentence: TaggedSentence): boolean {
  return clausesOf(sentence).some((clause) => clause.subject !== 'other' && MISTAKE.has(clause.verb.lemma) && !clause.hypothetical);
}
const PEOPLE =
  /^(?:director|vp|ceo|cto|cfo|manager|lead|board|committee|council|leadership|company|group|head|he|she|they|owner|founder|partner|architect|controller|treasury|marketing|sales|finance|legal|engineering|design|product|support|ops|operations)$/;

const APPROXIMATELY = new Set([...APPROXIMATORS, 'just', 'some']);

/** "chose A over B", "picked the rewrite over the patch": a choice verb, then "over" not followed by a time or amount. */
function overPreference(sentence: TaggedSentence): boolean {
  const { tokens } = sentence;
  for (let index = 0; index < tokens.length; index++) {
    if (tokens[index].lower !== 'over') continue;
    const next = tokens[index + 1];
    const afterNext = tokens[index + 2];
    if (APPROXIMATELY.has(next?.lower ?? '') && afterNext && (afterNext.pos === 'NUM' || afterNext.entity)) continue; // "over about three weeks"
    if (
      !next ||
      !/^\p{L}/u.test(next.text) ||
      ['budget', 'time', 'capacity', 'quota', 'schedule'].includes(next.lower) ||
      next.pos === 'NUM' ||
      next.entity ||
      /^(?:the (?:weekend|summer|course|years?|months?|weeks?|next|past|last))$/.test(`${next.lower} ${tokens[index + 2]?.lower ?? ''}`)
    )
      continue;
    const previous = tokens[index - 1];
    if (
      previous &&
      ['take', 'go', 'hand', 'turn', 'win', 'look', 'think', 'talk', 'run', 'pore', 'read', 'start', 'get', 'come', 'walk'].includes(previous.lemma)
    )
      continue;
    for (let k = index - 1; k >= Math.max(0, index - 10); k--) {
      if (tokens[k].pos === 'VERB' && CHOOSE.has(tokens[k].lemma) && done(tokens, k)) return true;
      if (tokens[k].text === ';' || tokens[k].text === '.') break;
    }
  }
  return false;
}

/** Two options named, then one taken within the next two sentences (or after a semicolon). */
export function optionsResolved(sentences: readonly TaggedSentence[], index: number): number | undefined {
  const text = plain(sentences[index]);
  const options = OPTIONS.exec(text);
  if (!options) return undefined;
  const rest = text.slice(options.index + options[0].length);
  const optionVerbs = new Set(sentences[index].tokens.filter((token) => token.pos === 'VERB').map((token) => token.lemma));
  if (/;/.test(rest) && RESOLUTION.test(rest.slice(rest.indexOf(';')))) return index;
  for (let next = index + 1; next <= index + 2 && next < sentences.length; next++) {
    const candidate = sentences[next];
    if (candidate.sentence.section === 'lesson') break;
    const later = plain(candidate);
    if (RESOLUTION.test(later) && !/\b(?:not|never|didn't|couldn't)\b/.test(later)) return next;
    const agentVerb = clausesOf(candidate).find(
      (clause) => clause.subject !== 'other' && !clause.negated && !clause.hypothetical && optionVerbs.has(clause.verb.lemma),
    );
    if (agentVerb) return next;
  }
  return undefined;
}
