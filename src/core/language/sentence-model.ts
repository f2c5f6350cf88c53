// A small trained sentence classifier over the linguistic layer: logistic regression on the words of a sentence
// (lemma, negation, part of speech), its clauses (who did what), its neighbour, and the cues a filter's own
// patterns find. The patterns stay the first judge; a model catches the plain phrasings they miss. Its weights
// are data, written by `npm run train` (scripts/train.ts) from the dev part of the judgment corpus.
import type { TaggedSentence, Token } from './analyze';
import { clausesOf } from './clauses';

export interface SentenceModel {
  /** What the weights were trained for, and on what (for the docs and the reader of the JSON). */
  about: string;
  bias: number;
  /** Where the patterns found nothing, a sentence counts when its probability reaches this. */
  threshold: number;
  /** Where the patterns found something, their pass is taken back when no sentence reaches this. */
  vetoBelow: number;
  /** Stories with fewer prose sentences are drafts or fragments, unlike what the model learned from: the patterns judge them alone. */
  minSentences: number;
  weights: Record<string, number>;
}

/** Parts of speech whose words carry meaning here; determiners and most pronouns only add noise. */
const KEPT = new Set(['VERB', 'NOUN', 'ADJ', 'ADV', 'ADP', 'SCONJ', 'CCONJ', 'PART', 'NUM', 'AUX', 'PROPN']);
const KEPT_PRONOUNS = new Set(['i', 'we', 'they', 'it', 'which', 'that', 'this']);
const MARKS = new Set([';', '—', '–', '->', '→', '+', ':']);

function wordOf(token: Token): string | undefined {
  if (token.pos === 'PUNCT' || token.pos === 'SYM') return MARKS.has(token.text) ? token.text : undefined;
  if (token.pos === 'PRON') return KEPT_PRONOUNS.has(token.lower) ? token.lower : undefined;
  if (token.pos === 'PROPN') return 'PROPN';
  if (token.pos === 'NUM' || token.entity) return token.entity ? `<${token.entity.kind}>` : '<number>';
  if (!KEPT.has(token.pos)) return undefined;
  return token.lemma;
}

/**
 * The features of `sentences[index]`: its words and word pairs, its clauses, the first words of the next sentence
 * (a cost often follows the choice: "We lost the Friday slot."), its section, and `cues` from the rule's patterns.
 */
export function sentenceFeatures(sentences: readonly TaggedSentence[], index: number, cues: readonly string[] = []): string[] {
  const sentence = sentences[index];
  const features = new Set<string>();
  const words: string[] = [];
  for (const token of sentence.tokens) {
    const word = wordOf(token);
    if (word === undefined) continue;
    const marked = token.negated ? `not-${word}` : word;
    words.push(marked);
    features.add(`w:${marked}`);
  }
  for (let k = 0; k + 1 < words.length; k++) features.add(`b:${words[k]}_${words[k + 1]}`);
  for (const clause of clausesOf(sentence)) {
    const mood = clause.hypothetical ? 'maybe' : clause.negated ? 'not' : clause.passive ? 'passive' : 'done';
    features.add(`c:${clause.subject}:${mood}`);
    features.add(`c:${clause.subject}:${clause.verb.lemma}`);
  }
  const next = sentences[index + 1];
  if (next) {
    for (const token of next.tokens.slice(0, 8)) {
      const word = wordOf(token);
      if (word !== undefined) features.add(`n:${token.negated ? 'not-' : ''}${word}`);
    }
  }
  features.add(`s:${sentence.sentence.section ?? 'none'}`);
  for (const cue of cues) features.add(`f:${cue}`);
  return [...features];
}

/**
 * The filter's verdict from its patterns and the model's best sentence score: the patterns' pass stands unless the
 * model doubts every sentence; their miss turns into a pass when the model is sure of one sentence. Both limits
 * are chosen by cross-validation on the dev part (`npm run train`).
 */
export function passes(byShapes: boolean, topScore: number, model: Pick<SentenceModel, 'threshold' | 'vetoBelow'>): boolean {
  return byShapes ? topScore >= model.vetoBelow : topScore >= model.threshold;
}

/** The model for a story of this many prose sentences, or null where the patterns judge alone. */
export function modelFor<M extends SentenceModel>(model: M | null, proseSentenceCount: number): M | null {
  return model && proseSentenceCount >= model.minSentences ? model : null;
}

/**
 * `passes`, reading as few sentences as it needs: a pass of the patterns stands as soon as one sentence reaches
 * the veto limit (the sentences at `first`, their evidence, are read first); a miss needs the best sentence.
 * Returns the verdict and, for a pass the model made, the sentence it rests on.
 */
export function judge(
  model: SentenceModel,
  count: number,
  featuresOf: (index: number) => readonly string[],
  byShapes: boolean,
  first: readonly number[] = [],
): { pass: boolean; sentence?: number } {
  if (byShapes) {
    const order = [...new Set([...first, ...Array.from({ length: count }, (_, index) => index)])];
    return { pass: order.some((index) => passes(true, probability(model, featuresOf(index)), model)) };
  }
  let best = -1;
  let bestScore = -1;
  for (let index = 0; index < count; index++) {
    const score = probability(model, featuresOf(index));
    if (score > bestScore) [best, bestScore] = [index, score];
  }
  return passes(false, bestScore, model) ? { pass: true, sentence: best } : { pass: false };
}

/** Each model's weights as a Map: features are fresh strings, which a Map finds faster than a large object does. */
const weightMaps = new WeakMap<Record<string, number>, Map<string, number>>();

function weightMap(model: SentenceModel): Map<string, number> {
  let weights = weightMaps.get(model.weights);
  if (!weights) {
    weights = new Map(Object.entries(model.weights));
    weightMaps.set(model.weights, weights);
  }
  return weights;
}

export function probability(model: SentenceModel, features: readonly string[]): number {
  const weights = weightMap(model);
  let sum = model.bias;
  for (const feature of features) sum += weights.get(feature) ?? 0;
  return 1 / (1 + Math.exp(-sum));
}
