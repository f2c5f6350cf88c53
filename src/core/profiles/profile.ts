import { z } from 'zod';

export const QuestionTypeSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'question ids are lowercase words joined by hyphens'),
  title: z.string().min(1),
  question: z.string().min(1),
  listensFor: z.string().min(1),
  answerShape: z.array(z.string().min(1)).min(1),
  /** Which answer-shape check applies to stories claiming this type, if any. */
  shapeCheck: z.enum(['options', 'feedback', 'commitment', 'ownership', 'influence']).optional(),
});

export const ProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'profile ids are lowercase words joined by hyphens'),
    title: z.string().min(1),
    description: z.string().min(1),
    questions: z.array(QuestionTypeSchema).min(1),
  })
  .superRefine((profile, ctx) => {
    const seen = new Set<string>();
    profile.questions.forEach((question, index) => {
      if (seen.has(question.id)) {
        ctx.addIssue({ code: 'custom', message: `question id "${question.id}" appears twice in this profile`, path: ['questions', index, 'id'] });
      }
      seen.add(question.id);
    });
  });

export type QuestionType = z.infer<typeof QuestionTypeSchema>;
export type Profile = z.infer<typeof ProfileSchema>;
export type ShapeCheck = NonNullable<QuestionType['shapeCheck']>;
