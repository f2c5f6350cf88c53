import { z } from 'zod';
import type { ParsedStory } from '../story/parse';
import type { Sentence, Span, TextEdit } from '../types';
import { plainSentence } from './prose/plain-sentence';
import { firstFigure, isVague } from './prose/result-cues';
import { OUTCOME_STRENGTH, outcomeIn } from './prose/outcome-shapes';
import { proseSentences } from '../language/prose';
import type { TaggedSentence } from '../language/analyze';
import { appendToBody, appendToSection, emptyStorySpan, lineBreakOf, sectionOf, wholeCharacters } from './prose/section-scaffold';
import { defineRule } from './rule';
import { judge, modelFor, sentenceFeatures, type SentenceModel } from '../language/sentence-model';
import trainedModel from './result.model.json';

const MODEL = trainedModel as SentenceModel;

const PLACEHOLDER = '[Metric] moved from [before] to [after] by [date].';
const EXAMPLE = 'Trial-to-paid conversion rose from 4% to 6% within six weeks.';

export const result = defineRule({
  id: 'result',
  meta: {
    description: 'The result states a number, a before and after, a date met, or a concrete outcome someone could check.',
    defaultSeverity: 'warning',
    messages: {
      missing: 'No result found; end the story with what measurably changed, for example: "{example}"',
      vague: 'Unexpected vague result "{sentence}", expected a number, a before and after, or an outcome someone could check, for example: "{example}"',
      numberElsewhere:
        'No number in the result; "{number}" appears earlier in the story, but the figure that counts is the one after your action, for example: "{example}"',
      unmeasured: 'No number, before and after, date met or concrete outcome found in the result; say what changed and by how much, for example: "{example}"',
    },
    options: z.object({
      /** When true, only figures and before/after changes count; a shipped feature or a date met alone does not. */
      requireNumber: z.boolean().default(false),
    }),
    examples: {
      bad: 'It went well and stakeholders were pleased.',
      good: 'Support tickets fell from 120 to 45 a week by the end of Q3.',
    },
  },
  check({ story, options, report, evidence }) {
    if (story.skippedAnalysis) return;
    const fixes = [{ title: 'Insert a metric placeholder', edits: [placeholderEdit(story)] }];
    const results = proseSentences(story, 'result');
    if (results.length === 0) {
      report({ messageId: 'missing', data: { example: EXAMPLE }, span: wholeCharacters(story.text, whereMissing(story)), fixes });
      return;
    }
    const { measured, firstVague } = readResults(story, results, options.requireNumber, modelFor(MODEL, proseSentences(story).length));
    if (measured) return evidence(measured.span);
    if (firstVague) {
      report({
        messageId: 'vague',
        data: { sentence: quoteOf(firstVague), example: EXAMPLE },
        span: wholeCharacters(story.text, firstVague.span),
        fixes,
      });
      return;
    }
    const elsewhere = numberBeforeResult(story);
    report({
      messageId: elsewhere ? 'numberElsewhere' : 'unmeasured',
      data: { number: elsewhere ?? '', example: EXAMPLE },
      span: wholeCharacters(story.text, results[0].sentence.span),
      fixes,
    });
  },
});

/** The result sentences' features for the trained model. */
export function resultFeatures(sentences: readonly TaggedSentence[], index: number): string[] {
  const outcome = outcomeIn(sentences[index]);
  const cues = [`outcome-${outcome ?? 'none'}`, ...new Set(sentences[index].entities.map((entity) => `entity-${entity.kind}`))];
  return sentenceFeatures(sentences, index, cues);
}

/**
 * The result's strongest measured sentence and its first vague one. The patterns judge first; the model (when
 * given) adds a result they missed when it is confident, and takes back a pass none of whose sentences it
 * believes measures anything (a number of context the patterns read as an outcome).
 */
export function readResults(
  story: ParsedStory,
  results: readonly TaggedSentence[],
  requireNumber: boolean,
  model: SentenceModel | null,
): { measured?: Sentence; firstVague?: Sentence } {
  let firstVague: Sentence | undefined;
  // The evidence is the strongest outcome in the result: a measured change over a count, a count over an event.
  let best: { sentence: Sentence; strength: number } | undefined;
  for (const tagged of results) {
    const outcome = outcomeIn(tagged);
    if (outcome && (!requireNumber || outcome === 'number' || outcome === 'count')) {
      const strength = OUTCOME_STRENGTH.indexOf(outcome);
      if (!best || strength < best.strength) best = { sentence: tagged.sentence, strength };
    }
    if (!firstVague && isVague(plainSentence(tagged.sentence))) firstVague = tagged.sentence;
  }
  if (!model || requireNumber) return best ? { measured: best.sentence } : { firstVague };
  const first = best ? [results.findIndex((tagged) => tagged.sentence === best!.sentence)] : [];
  const verdict = judge(model, results.length, (index) => resultFeatures(results, index), best !== undefined, first);
  if (!verdict.pass) return { firstVague };
  return { measured: best?.sentence ?? results[verdict.sentence!].sentence };
}

/** An empty Result heading; else the story's last heading; else its last sentence; else its first visible line. */
function whereMissing(story: ParsedStory): Span {
  const resultSection = sectionOf(story, 'result');
  if (resultSection?.headingSpan) return resultSection.headingSpan;
  const lastHeading = story.headings[story.headings.length - 1];
  if (lastHeading) return lastHeading.span;
  const lastSentence = story.sentences[story.sentences.length - 1];
  if (lastSentence) return lastSentence.span;
  return emptyStorySpan(story);
}

/** The first measuring figure in the context, task or action (or prose before the first section heading). */
function numberBeforeResult(story: ParsedStory): string | undefined {
  for (const sentence of story.sentences) {
    if (sentence.section === 'result' || sentence.section === 'lesson') continue;
    const plain = plainSentence(sentence);
    const measure = firstFigure(plain);
    if (measure) return asWritten(sentence, measure);
  }
  return undefined;
}

/** The figure in the sentence's own letter case (it was found in the lowercase plain text). */
function asWritten(sentence: Sentence, lowercase: string): string {
  const index = sentence.text.toLowerCase().indexOf(lowercase);
  return index >= 0 ? sentence.text.slice(index, index + lowercase.length) : lowercase;
}

function quoteOf(sentence: Sentence): string {
  const text = sentence.text.replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text;
}

/**
 * At the end of the result section. Without one: a new Result section before the Lesson heading, or at the
 * end of the story when there is no lesson either.
 */
function placeholderEdit(story: ParsedStory): TextEdit {
  const resultSection = sectionOf(story, 'result');
  if (resultSection) return appendToSection(story, resultSection, PLACEHOLDER);
  const eol = lineBreakOf(story);
  const sectionHeading = story.sections.find((section) => section.headingSpan);
  if (!sectionHeading?.headingSpan) return appendToBody(story, PLACEHOLDER);
  const marks = /^#{1,6}/.exec(story.text.slice(sectionHeading.headingSpan.start))?.[0] ?? '##';
  const heading = `${marks} Result${eol}${eol}${PLACEHOLDER}`;
  const lesson = sectionOf(story, 'lesson');
  if (lesson?.headingSpan) {
    const at = lesson.headingSpan.start;
    return { span: { start: at, end: at }, newText: `${heading}${eol}${eol}` };
  }
  return appendToBody(story, heading);
}
