import { z } from 'zod';
import type { TaggedSentence } from '../language/analyze';
import type { Clause } from '../language/clauses';
import { proseSentences } from '../language/prose';
import type { Fix, Sentence, Span } from '../types';
import { defineRule } from './rule';
import { actionPart } from './prose/first-person';
import { ownActions, sharedActions, type OwnAction } from './prose/own-actions';
import { emptyStorySpan, sectionOf, wholeCharacters } from './prose/section-scaffold';

const EXAMPLE = 'I rewrote the pricing page and ran the A/B test myself.';

/** The scaffold the quick fix inserts; "I" followed by no verb, so the check keeps failing until it is filled in. */
const SCAFFOLD = 'I … [what you did yourself]';

export const role = defineRule({
  id: 'role',
  meta: {
    description: 'The action part says, in the first person, what you yourself did.',
    defaultSeverity: 'warning',
    messages: {
      noAction: `No action of yours found in {where}; say what you did, in the first person, for example: "${EXAMPLE}"`,
      weOnly:
        'No action of yours found in {where}: "we" did {count} and "I" did none. "We" is fine, but say which part was yours, for example: "We split the launch: I wrote the spec and ran the pricing test myself."',
      teamOnly:
        'No action of yours found in {where}: it says what {who} did, not what you did. Add your own part, for example: "My team built the importer; I chose which customers moved first and ran the rollout."',
    },
    options: z.object({
      /** How many first-person actions the action part needs. */
      minActions: z.number().int().min(1).default(1),
      /** From how many "we" actions (with no "I" action) the message asks which part was yours. */
      weThreshold: z.number().int().min(1).default(2),
    }),
    examples: {
      bad: 'We aligned with sales, we rebuilt the onboarding flow and we shipped it in May.',
      good: 'We rebuilt onboarding in May; I cut the signup form to three fields and ran the test against the old flow.',
    },
  },
  check({ story, options, report, evidence }) {
    if (story.skippedAnalysis) return;
    const part = actionPart(story);
    const tagged = proseSentences(story).filter((candidate) => part.sentences.includes(candidate.sentence));
    const own = ownActions(tagged);
    if (own.length >= options.minActions) return evidence(busiestSentence(own).span);

    const we = sharedActions(tagged, 'we');
    const team = sharedActions(tagged, 'team');
    const heading = part.section?.headingSpan ?? sectionOf(story, 'action')?.headingSpan;
    const firstSentence = tagged[0]?.sentence;
    const firstSentenceSpan = firstSentence ? placedSpan(story.text, firstSentence) : undefined;
    const subjectSpan = (found: { sentence: TaggedSentence; clause: Clause } | undefined): Span | undefined =>
      found
        ? { start: found.sentence.tokens[found.clause.subjectStart].span.start, end: found.sentence.tokens[found.clause.subjectIndex].span.end }
        : undefined;
    // Where to point: the Action heading when there is one (the whole section lacks the speaker); otherwise
    // the first "we" (or team) subject, or the first sentence of the action part.
    const anchor = (found?: { sentence: TaggedSentence; clause: Clause }) =>
      heading ?? subjectSpan(found) ?? firstSentenceSpan ?? story.headings.find((h) => h.kind)?.span ?? emptyStorySpan(story);

    let messageId: 'noAction' | 'weOnly' | 'teamOnly' = 'noAction';
    let data: Record<string, string | number> = { where: part.where };
    let span = anchor();
    if (we.length >= options.weThreshold) {
      messageId = 'weOnly';
      data = { where: part.where, count: we.length === 1 ? '1 thing' : `${we.length} things` };
      span = anchor(we[0]);
    } else if (team.length > 0 || we.length > 0) {
      const first = team[0] ?? we[0];
      const subject = subjectSpan(first)!;
      messageId = team.length > 0 ? 'teamOnly' : 'noAction';
      data = { where: part.where, who: `"${story.text.slice(subject.start, subject.end)}"` };
      span = anchor(first);
    }
    report({ messageId, data, span: wholeCharacters(story.text, span), fixes: scaffoldFix(story.text, heading, firstSentenceSpan?.start) });
  },
});

/** The sentence that tells the most of what the narrator did (the first of equals): the clearest evidence of a role. */
function busiestSentence(actions: readonly OwnAction[]): Sentence {
  const counts = new Map<Sentence, number>();
  for (const action of actions) counts.set(action.sentence.sentence, (counts.get(action.sentence.sentence) ?? 0) + 1);
  let best = actions[0].sentence.sentence;
  for (const [sentence, count] of counts) if (count > counts.get(best)!) best = sentence;
  return best;
}

/**
 * The sentence's span when its text really is there; positions can drift after character references such as
 * "&amp;", and then the first word still found at its offset is marked instead, or nothing.
 */
function placedSpan(text: string, sentence: Sentence): Span | undefined {
  if (text.slice(sentence.span.start, sentence.span.end) === sentence.text) return sentence.span;
  const word = sentence.words.find((candidate) => text.slice(candidate.span.start, candidate.span.end) === candidate.text);
  return word?.span;
}

function scaffoldFix(text: string, heading: { end: number } | undefined, firstSentenceStart: number | undefined): Fix[] {
  if (heading) {
    const eol = text.slice(heading.end, heading.end + 2) === '\r\n' ? '\r\n' : '\n';
    return [{ title: 'Insert a first-person action', edits: [{ span: { start: heading.end, end: heading.end }, newText: `${eol}${eol}${SCAFFOLD}.` }] }];
  }
  if (firstSentenceStart === undefined) return [];
  return [{ title: 'Insert a first-person action', edits: [{ span: { start: firstSentenceStart, end: firstSentenceStart }, newText: `${SCAFFOLD}. ` }] }];
}
