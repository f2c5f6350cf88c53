import { z } from 'zod';
import type { ParsedStory } from '../story/parse';
import { proseSentences } from '../language/prose';
import type { TaggedSentence } from '../language/analyze';
import type { Section, Span, TextEdit } from '../types';
import { plainSentence } from './prose/plain-sentence';
import { appendToBody, appendToSection, emptyStorySpan, sectionOf, wholeCharacters } from './prose/section-scaffold';
import { compileExtraCues } from './prose/tradeoff-cues';
import { choiceThenLossNext, optionsResolved, tradeoffCues, tradeoffIn } from './prose/tradeoff-shapes';
import { judge, modelFor, sentenceFeatures, type SentenceModel } from '../language/sentence-model';
import trainedModel from './tradeoff.model.json';
import { defineRule } from './rule';

const SCAFFOLD = 'I chose … over …, accepting ….';
const EXAMPLE = 'I chose the smaller launch over a full rollout, accepting a later revenue read.';

const extraCueCache = new Map<string, RegExp[]>();

export const tradeoff = defineRule({
  id: 'tradeoff',
  meta: {
    description: 'The story names a choice with a cost: what was chosen, and what was given up or risked for it.',
    defaultSeverity: 'warning',
    messages: {
      missing: 'No choice with a cost found; name the option you took, the one you passed on, and the price, for example: "{example}"',
    },
    options: z.object({
      /** Extra phrases that count as a tradeoff, e.g. ["bet the quarter on"]. */
      cues: z.array(z.string()).default([]),
    }),
    examples: {
      bad: 'I launched the new onboarding to all users.',
      good: 'I chose a 10% pilot over a full rollout, accepting a slower revenue read.',
    },
  },
  check({ story, options, report, evidence }) {
    if (story.skippedAnalysis) return;
    const found = findTradeoff(story, options.cues);
    if (found) return evidence(found);
    report({
      messageId: 'missing',
      data: { example: EXAMPLE },
      span: wholeCharacters(story.text, whereToReport(story)),
      fixes: [{ title: 'Insert a tradeoff sentence', edits: [scaffoldEdit(story)] }],
    });
  },
});

const MODEL = trainedModel as SentenceModel;

/**
 * The words that make the story pass this filter, or undefined exactly when the rule reports. A configured cue
 * passes outright. Otherwise the tradeoff shapes find the first sentence outside the lesson with a choice and its
 * cost (or an options sentence through the one that resolves it), and the trained model checks them: it takes a
 * pass back when it doubts every sentence, and when the shapes found nothing it passes the sentence it is sure
 * states a choice with a cost. `model: null` judges by the shapes alone.
 */
export function findTradeoff(story: ParsedStory, cues: readonly string[] = [], trained: SentenceModel | null = MODEL): Span | undefined {
  const sentences = tradeoffSentences(story);
  const model = modelFor(trained, proseSentences(story).length);
  const extra = extraCues(cues);
  const cued = sentences.find((tagged) => extra.some((cue) => cue.test(plainSentence(tagged.sentence))));
  if (cued) return cued.sentence.span;
  const byShapes = findByShapes(story, sentences);
  if (!model) return byShapes;
  const evidence = byShapes
    ? sentences.flatMap((tagged, index) => (tagged.sentence.span.start < byShapes.end && byShapes.start < tagged.sentence.span.end ? [index] : []))
    : [];
  const verdict = judge(model, sentences.length, (index) => tradeoffFeatures(sentences, index), byShapes !== undefined, evidence);
  if (!verdict.pass) return undefined;
  return byShapes ?? sentences[verdict.sentence!].sentence.span;
}

/** The sentences a tradeoff may be read from: the candidate's prose, outside the lesson (platitudes live there). */
export function tradeoffSentences(story: ParsedStory): TaggedSentence[] {
  return proseSentences(story).filter((tagged) => tagged.sentence.section !== 'lesson');
}

/**
 * What the model reads of `sentences[index]`: its words and the parts of the shapes it holds. Whole shapes are
 * left out on purpose: the shapes were tuned on the same stories, so the model would learn to trust them blindly.
 */
export function tradeoffFeatures(sentences: readonly TaggedSentence[], index: number): string[] {
  return sentenceFeatures(sentences, index, tradeoffCues(sentences[index]));
}

function findByShapes(story: ParsedStory, sentences: readonly TaggedSentence[]): Span | undefined {
  for (let index = 0; index < sentences.length; index++) {
    const span = shapeAt(story, sentences, index);
    if (span) return span;
  }
  return undefined;
}

/** The words of the tradeoff shape that `sentences[index]` holds or completes, if any. */
function shapeAt(story: ParsedStory, sentences: readonly TaggedSentence[], index: number): Span | undefined {
  const tagged = sentences[index];
  if (tradeoffIn(tagged)) return tagged.sentence.span;
  // "I consolidated the dashboards. The downside was a month of confused reps."
  if (index > 0 && NAMED_COST.test(plainSentence(tagged.sentence))) {
    return { start: sentences[index - 1].sentence.span.start, end: tagged.sentence.span.end };
  }
  const costAt = choiceThenLossNext(sentences, index);
  if (costAt !== undefined) return { start: tagged.sentence.span.start, end: sentences[costAt].sentence.span.end };
  const resolvedAt = optionsResolved(sentences, index);
  if (resolvedAt !== undefined) return { start: tagged.sentence.span.start, end: sentences[resolvedAt].sentence.span.end };
  return undefined;
}

const NAMED_COST =
  /^(?:the|our|my|one|the real|the main|the only) (?:downside|cost|price|catch)(?: of (?:\S+ ){0,4}?\S+)? (?:was|were|is)\b(?! (?:clear|obvious|worth))/;

function extraCues(cues: readonly string[]): RegExp[] {
  const key = cues.join('\u0000');
  let extra = extraCueCache.get(key);
  if (!extra) {
    extra = compileExtraCues(cues);
    if (extraCueCache.size > 32) extraCueCache.clear();
    extraCueCache.set(key, extra);
  }
  return extra;
}

/** The Action heading; without one, the first action sentence; then the first sentence; then the first visible line. */
function whereToReport(story: ParsedStory): Span {
  const action = sectionOf(story, 'action');
  if (action?.headingSpan) return action.headingSpan;
  const firstAction = story.sentences.find((sentence) => sentence.section === 'action');
  if (firstAction) return firstAction.span;
  if (story.sentences[0]) return story.sentences[0].span;
  return emptyStorySpan(story);
}

/** At the end of the action section; else of the section before the result; else of the last section or body. */
function scaffoldEdit(story: ParsedStory): TextEdit {
  const target = sectionOf(story, 'action') ?? sectionBeforeResult(story) ?? story.sections[story.sections.length - 1];
  return target ? appendToSection(story, target, SCAFFOLD) : appendToBody(story, SCAFFOLD);
}

function sectionBeforeResult(story: ParsedStory): Section | undefined {
  const resultIndex = story.sections.findIndex((section) => section.kind === 'result');
  return resultIndex > 0 ? story.sections[resultIndex - 1] : undefined;
}
