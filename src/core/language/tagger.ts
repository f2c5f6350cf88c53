// The part-of-speech model, loaded on first use: wink-nlp with its English "lite" model (pure JavaScript, no
// file or network access). Loading takes a few hundred milliseconds, so nothing on the extension's activation
// path calls it; the first story check does.
import type WinkNLP from 'wink-nlp';

type Nlp = ReturnType<typeof WinkNLP>;

let nlp: Nlp | undefined;

export function tagger(): Nlp {
  if (!nlp) {
    // `require` inside the function, so that bundles evaluate the model's module on the first check, not at load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const winkNLP = require('wink-nlp') as typeof WinkNLP;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const model = require('wink-eng-lite-web-model');
    // Sentences come from the Markdown parser and negation from the words before a verb (language/clauses.ts), so
    // the model runs only what the filters read: part of speech (with lemmas) and entities.
    nlp = winkNLP(model, ['pos', 'ner']);
  }
  return nlp;
}
