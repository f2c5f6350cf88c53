// What the narrator did: first-person clauses whose verb is an action. Weak verbs (help, support, attend,
// be involved), feelings and thoughts, states ("I was the PM"), negated, hypothetical and passive clauses
// show no role. Read from the linguistic layer's clauses, so every inflection of a verb counts the same.
import { clausesOf, infinitiveAfter, quotedIndices, type Clause } from '../../language/clauses';
import type { TaggedSentence, Token } from '../../language/analyze';
import { MENTAL_VERBS } from '../../language/lexicon';

/** Verbs that show presence or assistance, not a part the narrator played. */
const WEAK = new Set([
  'help',
  'support',
  'assist',
  'attend',
  'participate',
  'join',
  'contribute',
  'observe',
  'watch',
  'sit',
  'accompany',
  'involve',
  'belong',
  'stay',
  'be',
  'have',
  'cc',
  'tag',
  'oversee',
  'facilitate',
  'embrace',
  'welcome',
  'receive',
  'sponsor',
  'empower',
  'back',
  'champion',
  'endorse',
  'listen',
  'avoid',
]);

/** Feelings, thoughts and stances: what the narrator had in mind, not what they did. */
const INNER = new Set([
  ...MENTAL_VERBS,
  'like',
  'love',
  'hate',
  'need',
  'remember',
  'hear',
  'seem',
  'doubt',
  'expect',
  'assume',
  'suspect',
  'imagine',
  'enjoy',
  'care',
  'prefer',
  'become',
  'mean',
  'struggle',
  'sense',
  'figure',
  'reckon',
  'agree',
  'disagree',
  'trust',
  'fear',
  'appreciate',
  'regret',
  'hesitate',
  'panic',
  'stress',
  'keep',
  'start',
  'begin',
  'commit',
  'accept',
  'go',
  'get',
  'own',
  'do',
  'grow',
  'leave',
  'work',
  'treat',
  'respect',
  'value',
  'admire',
  'come',
]);

/** Verbs whose infinitive tells the action: "I tried to *call*", "I had to *cut*", "I managed to *ship*". */
const THROUGH_INFINITIVE = new Set(['try', 'manage', 'have', 'start', 'begin', 'continue', 'go', 'get', 'volunteer', 'offer', 'step', 'move', 'keep', 'be']);
/** Verbs whose infinitive was only intended: "I wanted to push back". */
const INTENT = new Set(['want', 'hope', 'plan', 'wish', 'need', 'intend', 'expect', 'aim', 'like', 'love', 'prefer', 'seem', 'mean', 'would']);

/** "keep", "go", "get", "do", "own", "start" are actions when followed by an object, not as states or idioms. */
const ACTION_WITH_OBJECT = new Set(['keep', 'go', 'get', 'do', 'start', 'begin', 'commit', 'accept', 'work']);
const IDIOM_PARTICLES = new Set(['along', 'with', 'ahead']);
const STANCE_OBJECT = /^(?:(?:the|full|some|my|our) )?(?:responsibility|ownership|pride|part|accountability|credit|blame)\b/;
const KEPT_STATE = /^(?:an open mind|calm|quiet|cool|my head|in mind|in touch)\b|\b(?:informed|posted|in the loop|updated)$/;
/** Verbs by which someone else reports what the narrator did: "peers said I interrupted people". */
const REPORTED_BY_OTHERS = new Set(['say', 'tell', 'report', 'complain', 'mention', 'note', 'claim', 'write', 'feel', 'think']);

export interface OwnAction {
  sentence: TaggedSentence;
  clause: Clause;
  /** The verb that shows the action (after "tried to", the infinitive). */
  verb: Token;
}

function judgedVerb(sentence: TaggedSentence, clause: Clause): Token | undefined {
  const { tokens } = sentence;
  let index = clause.verbIndex;
  const verb = clause.verb;
  // "I was able to cut", "I had to call", "I tried to convince": the infinitive's verb is the action.
  if (verb.lemma === 'be' && tokens[index + 1]?.lower === 'able') index += 1;
  if (THROUGH_INFINITIVE.has(verb.lemma) || tokens[index]?.lower === 'able') {
    const next = infinitiveAfter(tokens, index);
    if (next !== undefined) return tokens[next].lemma === 'be' ? undefined : tokens[next];
  }
  if (INTENT.has(verb.lemma) && infinitiveAfter(tokens, index) !== undefined) return undefined;
  // "I decided to…", "I chose to…" is the narrator's call; "I chose to be a champion" is an attitude.
  if (verb.lemma === 'decide' || verb.lemma === 'choose') return tokens[index + 1]?.lower === 'to' && tokens[index + 2]?.lemma === 'be' ? undefined : verb;
  const after = tokens
    .slice(index + 1, index + 5)
    .map((token) => token.lower)
    .join(' ');
  if (['take', 'share'].includes(verb.lemma) && STANCE_OBJECT.test(after)) return undefined; // "I share the ownership of it"
  if (verb.lemma === 'keep' && KEPT_STATE.test(after)) return undefined; // "I kept an open mind", "kept my staff informed"
  if (verb.lemma === 'go' && /^back and forth\b/.test(after)) return undefined;
  if (WEAK.has(verb.lemma)) return undefined;
  if (ACTION_WITH_OBJECT.has(verb.lemma)) {
    const next = tokens[index + 1];
    if (!next || next.pos === 'PUNCT' || IDIOM_PARTICLES.has(next.lower) || (next.lower === 'to' && verb.lemma === 'commit')) return undefined;
    if (verb.lemma === 'work' && ['at', 'for', 'as', 'in', 'on', 'there', 'here'].includes(next.lower)) return undefined; // "I worked at a bank"
    if (verb.lemma === 'go' && !['to', 'over', 'through', 'back'].includes(next.lower)) return undefined; // "I went quiet"
    return verb;
  }
  if (INNER.has(verb.lemma)) return undefined;
  return verb;
}

/**
 * Verbs that share the clause's subject: "I sat with the analyst for two days *and rebuilt* their logic", "I owned
 * it at the huddle, *pulled* the checklist…". They end at the next subject or the end of the sentence.
 */
function coordinated(sentence: TaggedSentence, clause: Clause, clauses: readonly Clause[]): Clause[] {
  const { tokens } = sentence;
  const subjects = new Set(clauses.map((other) => other.subjectIndex));
  const found: Clause[] = [];
  for (let k = clause.verbIndex + 1; k + 1 < tokens.length; k++) {
    if (subjects.has(k) || tokens[k].text === ';' || tokens[k].text === '.') break;
    const next = tokens[k + 1];
    const joins = tokens[k].lower === 'and' || (tokens[k].text === ',' && next.lower !== next.lemma);
    if (joins && next.pos === 'VERB' && !next.lower.endsWith('ing')) found.push({ ...clause, verbIndex: k + 1, verb: next, negated: next.negated });
  }
  return found;
}

/** The narrator's own actions in the given sentences, in order. */
export function ownActions(sentences: readonly TaggedSentence[]): OwnAction[] {
  const actions: OwnAction[] = [];
  for (const sentence of sentences) {
    if (/\?\s*["'\u201d)]*\s*$/.test(sentence.sentence.text)) continue; // a question tells no action
    const quoted = quotedIndices(sentence.tokens);
    const clauses = clausesOf(sentence);
    for (const clause of clauses) {
      if (clause.subject !== 'I' || quoted.has(clause.subjectIndex)) continue;
      if (clauses.some((other) => other.subject === 'other' && other.verbIndex < clause.subjectIndex && REPORTED_BY_OTHERS.has(other.verb.lemma))) continue;
      if (clause.negated || clause.hypothetical || clause.passive) continue;
      for (const candidate of [clause, ...coordinated(sentence, clause, clauses)]) {
        const verb = judgedVerb(sentence, candidate);
        // The clause's own negation is read above; an infinitive ("I tried not to *cut*") carries its own.
        if (verb && (verb === candidate.verb || !verb.negated)) {
          actions.push({ sentence, clause: candidate, verb });
          break;
        }
      }
    }
  }
  return actions;
}

/** Clauses in which "we" or a team acts (the role message says whose actions the story tells instead). */
export function sharedActions(sentences: readonly TaggedSentence[], kind: 'we' | 'team'): { sentence: TaggedSentence; clause: Clause }[] {
  const found: { sentence: TaggedSentence; clause: Clause }[] = [];
  for (const sentence of sentences) {
    for (const clause of clausesOf(sentence)) {
      if (clause.subject === kind && !clause.negated && !clause.hypothetical && !clause.passive && judgedVerb(sentence, clause))
        found.push({ sentence, clause });
    }
  }
  return found;
}
