import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written as YYYY-MM-DD');

const QuestionIdList = z.array(z.string({ error: 'each question id is a word such as judgment' }), {
  error: 'expected a list of question ids, for example [judgment, failure], or lists keyed by profile, for example {netflix-pm: [judgment]}',
});

const ProfileQuestionIdList = z.array(z.string({ error: 'each question id is a word such as judgment' }), {
  error: 'expected a list of question ids for this profile, for example [judgment]',
});

const NonEmptyQuestionIdList = QuestionIdList.min(1, 'list at least one question id this story answers');

/** `questions: [judgment]`, or per profile: `questions: { netflix-pm: [judgment], amazon-lp: [are-right-a-lot] }`. */
export type StoryQuestions = string[] | Record<string, string[]>;

const QuestionsSchema = z.unknown().transform((value, ctx): StoryQuestions => {
  const forward = (issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []) => {
    for (const issue of issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [...prefix, ...issue.path] });
  };
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const map = value as Record<string, unknown>;
    const keys = Object.keys(map);
    if (keys.length === 0) ctx.addIssue({ code: 'custom', message: 'list at least one profile and the question ids this story answers in it' });
    for (const key of keys) {
      const list = ProfileQuestionIdList.safeParse(map[key]);
      if (!list.success) forward(list.error.issues, [key]);
    }
    return map as Record<string, string[]>;
  }
  const list = NonEmptyQuestionIdList.safeParse(value);
  if (!list.success) forward(list.error.issues);
  return (list.data ?? []) as string[];
});

/** The frontmatter fields Story Bank reads. Other keys are the candidate's own and pass through. */
export const StoryMetaSchema = z.looseObject({
  title: z.string({ error: 'every story needs a "title"' }).trim().min(1, 'the title is empty'),
  questions: QuestionsSchema,
  role: z.string().optional(),
  company: z.string().optional(),
  date: z.union([z.string(), z.number()]).optional(),
  status: z.enum(['draft', 'ready'], { error: 'status is either draft or ready' }).optional(),
  tags: z.array(z.string()).optional(),
  practiced: z.array(isoDate, { error: 'practiced is a list of dates, such as [2026-11-20]' }).optional(),
});

export type StoryMeta = z.infer<typeof StoryMetaSchema>;
