// npm run train [-- --filter tradeoff|result]: fits the sentence models of the tradeoff and result filters
// (src/core/rules/<id>.model.json) on the DEV part of the judgment corpus only, chooses how much to trust them by
// cross-validation, and prints what they add to the patterns. Deterministic: the same corpus gives the same weights.
//
// Training sentences: in a story labelled true for the filter, the sentences its evidence quote covers (positives);
// in a story labelled false, every sentence the filter reads (negatives). The other sentences of positive stories
// are left out: they may or may not state a second tradeoff or outcome.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStory, type ParsedStory } from '../src/core';
import type { TaggedSentence } from '../src/core/language/analyze';
import { proseSentences } from '../src/core/language/prose';
import { passes, probability, type SentenceModel } from '../src/core/language/sentence-model';
import { readResults, resultFeatures } from '../src/core/rules/result';
import { findTradeoff, tradeoffFeatures, tradeoffSentences } from '../src/core/rules/tradeoff';
import { loadPart, type Label } from '../test/judgment/evaluate';

/** What training needs to know of a filter: the sentences it reads, their features, and its patterns' verdict. */
interface FilterSetup {
  id: 'tradeoff' | 'result';
  sentencesOf(story: ParsedStory): TaggedSentence[];
  featuresOf(sentences: readonly TaggedSentence[], index: number): string[];
  byShapes(story: ParsedStory, sentences: readonly TaggedSentence[]): boolean;
  /** Probabilities under which a pattern's pass is taken back (0: never). */
  vetoes: readonly number[];
}

const FILTERS: FilterSetup[] = [
  {
    id: 'tradeoff',
    sentencesOf: tradeoffSentences,
    featuresOf: tradeoffFeatures,
    byShapes: (story) => findTradeoff(story, [], null) !== undefined,
    vetoes: [0, 0.02, 0.05, 0.1, 0.2],
  },
  {
    id: 'result',
    sentencesOf: (story) => proseSentences(story, 'result'),
    featuresOf: resultFeatures,
    byShapes: (story, sentences) => sentences.length > 0 && readResults(story, sentences, false, null).measured !== undefined,
    vetoes: [0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4],
  },
];

// --part <dir> trains on another folder of test/judgment (default dev); --holdout <dir> also scores a folder the
// model and the patterns were never tuned on, and writes nothing. Never pass the frozen part. --misses lists the
// stories the chosen decision gets wrong out of fold.
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const FOLDS = 5;
const L2_GRID = [0.3, 1, 3];
const THRESHOLDS = Array.from({ length: 14 }, (_, k) => Number((0.3 + k * 0.05).toFixed(2)));
const MIN_FEATURE_COUNT = 2;
/** Stories shorter than this (in prose sentences) are judged by the patterns alone; see SentenceModel.minSentences. */
const MIN_SENTENCES = 4;

interface Example {
  features: string[];
  positive: boolean;
}

interface StoryData {
  file: string;
  fold: number;
  expected: boolean;
  byShapes: boolean;
  /** Whether the model judges this story at all (it is long enough). */
  judged: boolean;
  sentences: string[][];
  training: Example[];
}

interface Decision {
  threshold: number;
  vetoBelow: number;
}

function main(): void {
  const only = option('--filter');
  for (const setup of FILTERS.filter((candidate) => !only || candidate.id === only)) train(setup);
}

function train(setup: FilterSetup): void {
  const part = option('--part') ?? 'dev';
  const stories = loadPart(part).map(({ file, text, label }) => storyData(setup, file, text, label));
  const positives = stories.flatMap((story) => story.training).filter((example) => example.positive).length;
  const negatives = stories.flatMap((story) => story.training).length - positives;
  const patternsAlone = balancedAccuracy(stories.map((story) => [story.byShapes, story.expected]));
  console.log(`\n${setup.id}: ${part} part, ${stories.length} stories, ${positives} positive and ${negatives} negative training sentences`);
  console.log(`patterns alone: balanced accuracy ${fixed(patternsAlone)}`);

  let best = { l2: L2_GRID[0], decision: { threshold: 1, vetoBelow: 0 }, score: -1, outOfFold: new Map<StoryData, number>() };
  for (const l2 of L2_GRID) {
    // Out-of-fold scores: each story is scored by a model that never saw it.
    const outOfFold = new Map<StoryData, number>();
    for (let fold = 0; fold < FOLDS; fold++) {
      const model = fit(
        stories.filter((story) => story.fold !== fold).flatMap((story) => story.training),
        l2,
      );
      for (const story of stories.filter((candidate) => candidate.fold === fold)) outOfFold.set(story, topScore(model, story.sentences));
    }
    const row: string[] = [];
    for (const vetoBelow of setup.vetoes) {
      for (const threshold of THRESHOLDS) {
        const decision = { threshold, vetoBelow };
        const score = balancedAccuracy(stories.map((story) => [verdict(story, outOfFold.get(story)!, decision), story.expected]));
        if (vetoBelow === 0) row.push(`${threshold}:${fixed(score)}`);
        if (score > best.score + 1e-9) best = { l2, decision, score, outOfFold };
      }
    }
    console.log(`l2 ${l2}: patterns or model, ${FOLDS}-fold cross-validated balanced accuracy by threshold\n  ${row.join(' ')}`);
  }
  console.log(
    `chosen: l2 ${best.l2}, threshold ${best.decision.threshold}, veto below ${best.decision.vetoBelow}; cross-validated balanced accuracy ${fixed(best.score)}`,
  );

  if (args.includes('--misses')) {
    for (const story of stories) {
      const top = best.outOfFold.get(story)!;
      if (verdict(story, top, best.decision) === story.expected) continue;
      console.log(
        `  ${story.expected ? 'missed' : 'false pass'} ${story.file} (patterns ${story.byShapes ? 'pass' : 'fail'}, model's best sentence ${top.toFixed(2)})`,
      );
    }
  }

  const model = fit(
    stories.flatMap((story) => story.training),
    best.l2,
  );
  const holdout = option('--holdout');
  if (holdout) {
    const scored = loadPart(holdout).map(({ file, text, label }) => {
      const story = storyData(setup, file, text, label);
      return { ...story, top: topScore(model, story.sentences) };
    });
    const at = (decision: Decision) => fixed(balancedAccuracy(scored.map((story) => [verdict(story, story.top, decision), story.expected])));
    console.log(
      `holdout ${holdout}: patterns alone ${at({ threshold: 2, vetoBelow: 0 })}, with the chosen decision ${at(best.decision)}; by threshold ` +
        THRESHOLDS.map((threshold) => `${threshold}:${at({ threshold, vetoBelow: best.decision.vetoBelow })}`).join(' ') +
        '; by veto ' +
        setup.vetoes.map((vetoBelow) => `${vetoBelow}:${at({ threshold: best.decision.threshold, vetoBelow })}`).join(' '),
    );
    return;
  }
  const out = join(__dirname, '..', 'src', 'core', 'rules', `${setup.id}.model.json`);
  const about =
    `${setup.id} sentence model: logistic regression trained by npm run train on the ${part} part (${stories.length} stories). ` +
    `Patterns alone ${fixed(patternsAlone)}, patterns with the model ${fixed(best.score)} (${FOLDS}-fold cross-validated balanced accuracy).`;
  const json = {
    about,
    bias: model.bias,
    threshold: best.decision.threshold,
    vetoBelow: best.decision.vetoBelow,
    minSentences: MIN_SENTENCES,
    weights: model.weights,
  };
  writeFileSync(out, JSON.stringify(json, null, 0).replace(/,"/g, ',\n"') + '\n');
  console.log(`wrote ${out}: ${Object.keys(model.weights).length} weights`);
}

function storyData(setup: FilterSetup, file: string, text: string, label: Label): StoryData {
  const story = parseStory(text);
  const sentences = setup.sentencesOf(story);
  const features = sentences.map((_, index) => setup.featuresOf(sentences, index));
  const expected = label[setup.id];
  const quote = expected ? locate(text, label.evidence?.[setup.id] ?? '') : undefined;
  const training: Example[] = [];
  sentences.forEach((tagged, index) => {
    if (!expected) training.push({ features: features[index], positive: false });
    else if (quote && tagged.sentence.span.start < quote.end && quote.start < tagged.sentence.span.end)
      training.push({ features: features[index], positive: true });
  });
  return {
    file,
    fold: parseInt(createHash('sha1').update(file).digest('hex').slice(0, 8), 16) % FOLDS,
    expected,
    byShapes: setup.byShapes(story, sentences),
    judged: proseSentences(story).length >= MIN_SENTENCES,
    sentences: features,
    training,
  };
}

function verdict(story: StoryData, top: number, decision: Decision): boolean {
  return story.judged ? passes(story.byShapes, top, decision) : story.byShapes;
}

function topScore(model: SentenceModel, sentences: readonly string[][]): number {
  return Math.max(0, ...sentences.map((features) => probability(model, features)));
}

/** Logistic regression, full-batch gradient descent with Adam; classes weighted to count equally. */
function fit(examples: readonly Example[], l2: number): SentenceModel {
  const counts = new Map<string, number>();
  for (const example of examples) for (const feature of example.features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  const names = [...counts]
    .filter(([, count]) => count >= MIN_FEATURE_COUNT)
    .map(([name]) => name)
    .sort();
  const indexOf = new Map(names.map((name, index) => [name, index]));
  const rows = examples.map((example) => example.features.flatMap((feature) => (indexOf.has(feature) ? [indexOf.get(feature)!] : [])));
  const positives = examples.filter((example) => example.positive).length;
  const classWeight = (positive: boolean) => examples.length / (2 * (positive ? positives : examples.length - positives));
  const weights = new Float64Array(names.length + 1); // the last one is the bias
  const m = new Float64Array(weights.length);
  const v = new Float64Array(weights.length);
  const rate = 0.05;
  for (let step = 1; step <= 400; step++) {
    const gradient = new Float64Array(weights.length);
    rows.forEach((row, k) => {
      let sum = weights[names.length];
      for (const index of row) sum += weights[index];
      const error = (1 / (1 + Math.exp(-sum)) - (examples[k].positive ? 1 : 0)) * classWeight(examples[k].positive);
      for (const index of row) gradient[index] += error;
      gradient[names.length] += error;
    });
    for (let index = 0; index < weights.length; index++) {
      const g = gradient[index] / examples.length + (index < names.length ? (l2 * weights[index]) / examples.length : 0);
      m[index] = 0.9 * m[index] + 0.1 * g;
      v[index] = 0.999 * v[index] + 0.001 * g * g;
      weights[index] -= (rate * (m[index] / (1 - 0.9 ** step))) / (Math.sqrt(v[index] / (1 - 0.999 ** step)) + 1e-8);
    }
  }
  const kept: Record<string, number> = {};
  names.forEach((name, index) => {
    if (Math.abs(weights[index]) >= 0.01) kept[name] = Number(weights[index].toFixed(3));
  });
  return { about: '', bias: Number(weights[names.length].toFixed(3)), threshold: 1, vetoBelow: 0, minSentences: MIN_SENTENCES, weights: kept };
}

/** The quote's place in the story text, allowing for differences in whitespace. */
function locate(text: string, quote: string): { start: number; end: number } | undefined {
  const at = text.indexOf(quote);
  if (at >= 0) return { start: at, end: at + quote.length };
  const pattern = new RegExp(
    quote
      .trim()
      .split(/\s+/)
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s+'),
  );
  const match = pattern.exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : undefined;
}

function balancedAccuracy(pairs: readonly (readonly [boolean, boolean])[]): number {
  const tp = pairs.filter(([said, truth]) => said && truth).length;
  const fn = pairs.filter(([said, truth]) => !said && truth).length;
  const tn = pairs.filter(([said, truth]) => !said && !truth).length;
  const fp = pairs.filter(([said, truth]) => said && !truth).length;
  return (tp / (tp + fn) + tn / (tn + fp)) / 2;
}

function fixed(value: number): string {
  return value.toFixed(3);
}

main();
