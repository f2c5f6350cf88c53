import { z } from 'zod';
import { closestMatch } from '../suggest';
import { defineRule } from './rule';

export const frontmatter = defineRule({
  id: 'frontmatter',
  meta: {
    description: 'The frontmatter is valid YAML, has a title, and lists question ids the active profile knows.',
    defaultSeverity: 'error',
    messages: {
      problem: '{message}',
      schema: 'Unexpected frontmatter value: {message}.',
      unknownQuestion: 'Unexpected question id "{id}", expected one of the {profile} ids: {suggestion}',
    },
    options: z.object({}),
    examples: {
      bad: 'questions: [judgement]',
      good: 'questions: [judgment]',
    },
  },
  check({ story, profile, report }) {
    const frontmatter = story.frontmatter;
    if (!frontmatter) return;
    for (const problem of frontmatter.problems) {
      report({ messageId: 'problem', data: { message: problem.message }, span: problem.span });
    }
    const known = profile.questions.map((question) => question.id);
    const unknownQuestions = story.questions.filter((question) => !known.includes(question.id));
    for (const issue of story.metaIssues) {
      report({ messageId: 'schema', data: { message: issue.message }, span: issue.span });
    }
    for (const question of unknownQuestions) {
      const suggestion = closestMatch(question.id, known);
      report({
        messageId: 'unknownQuestion',
        data: {
          id: question.id,
          profile: profile.id,
          suggestion: suggestion ? `did you mean "${suggestion}"?` : `${known.join(', ')}.`,
        },
        span: question.span,
        fixes: suggestion ? [{ title: `Replace with "${suggestion}"`, edits: [{ span: question.span, newText: suggestion }] }] : [],
      });
    }
  },
});
