import { z } from 'zod';
import { defineRule } from './rule';
import { actionPart } from './prose/first-person';
import { hiddenActorPassivesIn, pastTenseOf } from './prose/passive-voice';

export const passive = defineRule({
  id: 'passive',
  meta: {
    description: 'The action part does not use passive voice that hides who acted ("it was decided").',
    defaultSeverity: 'info',
    messages: {
      hiddenActor: 'Passive voice hides who acted: "{phrase}". Say who did it, for example: "{example}" (or name whoever else did).',
    },
    options: z.object({
      /** Participles never to report, e.g. ["promoted"]. */
      ignore: z.array(z.string().min(1)).default([]),
    }),
    examples: {
      bad: 'A decision was made to delay the launch by two weeks.',
      good: 'I decided to delay the launch by two weeks and told sales that day.',
    },
  },
  check({ story, options, report }) {
    if (!story.tree || story.skippedAnalysis) return;
    const ignore = options.ignore.map((word) => word.toLowerCase());
    for (const hit of hiddenActorPassivesIn(actionPart(story).sentences, ignore, story.text)) {
      const past = pastTenseOf(hit.participle);
      report({
        messageId: 'hiddenActor',
        data: { phrase: story.text.slice(hit.span.start, hit.span.end), example: past ? `I ${past} …` : 'I …' },
        span: hit.span,
      });
    }
  },
});
