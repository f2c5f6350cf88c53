// The part-of-speech model, loaded on first use: wink-nlp with its English "lite" model (pure JavaScript, no
// file or network access). Loading takes a few hundred milliseconds, so nothing on the extension's activation
// path calls it; the first story check does.
import type WinkNLP from 'wink-nlp';

type Nlp = ReturnType<typeof WinkNLP>;
export type Doc = ReturnType<Nlp['readDoc']>;

/** The parts of wink's core model that grow as it reads words it does not know. */
interface GrowingFeature {
  hash: Record<string, number>;
  list: string[];
  index: number;
  intrinsicSize?: number;
}

interface CoreModel {
  features: Record<string, GrowingFeature>;
}

interface Tagger {
  nlp: Nlp;
  lexeme: GrowingFeature;
  /** Per-word features (prefix, suffix, shape) whose lists grow with unknown words, and their size at load. */
  wordFeatures: { feature: GrowingFeature; size: number }[];
  /** The model's own lexemes; those after them are words read since the load. */
  knownWords: number;
  /** Lexemes up to here are either the model's own or already forgotten. */
  forgottenUpTo: number;
}

/**
 * Unknown words wink has learnt, across all texts, before the model is loaded afresh. Forgotten words stay in its
 * lists (its other tables are indexed alongside them), so the lists grow; a reload bounds them.
 */
const RELOAD_AFTER_UNKNOWN_WORDS = 200_000;

let loaded: Tagger | undefined;

function load(): Tagger {
  // `require` inside the function, so that bundles evaluate the model's module on the first check, not at load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const winkNLP = require('wink-nlp') as typeof WinkNLP;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const model = require('wink-eng-lite-web-model');
  let core: CoreModel | undefined;
  // The same model, with a hold on the core tables wink builds from it (each load builds its own).
  const watched = Object.assign(Object.create(null), model, {
    core: () => (core = model.core() as CoreModel),
  });
  // Sentences come from the Markdown parser and negation from the words before a verb (language/clauses.ts), so
  // the model runs only what the filters read: part of speech (with lemmas) and entities.
  const nlp = winkNLP(watched, ['pos', 'ner']);
  if (!core) throw new Error('wink-nlp did not load its core model');
  const lexeme = core.features.lexeme;
  const wordFeatures = Object.values(core.features)
    .filter((feature) => feature !== lexeme && feature.intrinsicSize !== undefined && Array.isArray(feature.list))
    .map((feature) => ({ feature, size: feature.list.length }));
  return { nlp, lexeme, wordFeatures, knownWords: lexeme.list.length, forgottenUpTo: lexeme.list.length };
}

/**
 * Reads one text with the model as it was loaded. wink remembers every unknown word it reads and from then on
 * tokenizes it as a known word ("the team's," teaches it "team's", which it would otherwise split), so a text's
 * tags would depend on every text read before it. Whatever it learnt while reading this text is forgotten before
 * the next one.
 */
export function readIsolated<T>(text: string, read: (doc: Doc, nlp: Nlp) => T): T {
  if (!loaded || loaded.lexeme.list.length - loaded.knownWords > RELOAD_AFTER_UNKNOWN_WORDS) loaded = load();
  const tagger = loaded;
  try {
    return read(tagger.nlp.readDoc(text), tagger.nlp);
  } finally {
    forgetNewWords(tagger);
  }
}

function forgetNewWords(tagger: Tagger): void {
  const { hash, list } = tagger.lexeme;
  for (let index = tagger.forgottenUpTo; index < list.length; index++) {
    if (hash[list[index]] === index) delete hash[list[index]];
  }
  tagger.forgottenUpTo = list.length;
  for (const { feature, size } of tagger.wordFeatures) {
    for (let index = size; index < feature.list.length; index++) delete feature.hash[feature.list[index]];
    feature.list.length = size;
    feature.index = size;
  }
}
