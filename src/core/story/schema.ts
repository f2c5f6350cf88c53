import { z } from 'zod';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written as YYYY-MM-DD');

/** The frontmatter fields Story Bank reads. Other keys are the candidate's own and pass through. */
export const StoryMetaSchema = z.looseObject({
  title: z.string({ error: 'every story needs a "title"' }).trim().min(1, 'the title is empty'),
  questions: z
    .array(z.string({ error: 'each question id is a word such as judgment' }), {
      error: 'expected a list of question ids, for example [judgment, failure]',
    })
    .min(1, 'list at least one question id this story answers'),
  role: z.string().optional(),
  company: z.string().optional(),
  date: z.union([z.string(), z.number()]).optional(),
  status: z.enum(['draft', 'ready'], { error: 'status is either draft or ready' }).optional(),
  tags: z.array(z.string()).optional(),
  practiced: z.array(isoDate, { error: 'practiced is a list of dates, such as [2026-11-20]' }).optional(),
});

export type StoryMeta = z.infer<typeof StoryMetaSchema>;
