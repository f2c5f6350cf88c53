import { z } from 'zod';
import { closestMatch } from '../suggest';
import { defineRule } from './rule';

export const frontmatter = defineRule({
  id: 'frontmatter',
  meta: {
    description: 'The frontmatter is valid YAML, has a title, and lists question ids (and profiles) that exist.',
    defaultSeverity: 'error',
    messages: {
      problem: '{message}',
      schema: 'Unexpected frontmatter value: {message}.',
      unknownQuestion: 'Unexpected question id "{id}", expected one of the {profile} ids: {suggestion}',
      unknownProfile: 'Unexpected profile "{id}" in questions, expected a known profile: {suggestion}',
    },
    options: z.object({}),
    examples: {
      bad: 'questions: [judgement]',
      good: 'questions: [judgment]',
    },
  },
  check({ story, profiles, bankProfileId, report }) {
    const frontmatter = story.frontmatter;
    if (!frontmatter) return;
    for (const problem of frontmatter.problems) {
      report({ messageId: 'problem', data: { message: problem.message }, span: problem.span });
    }
    for (const issue of story.metaIssues) {
      report({ messageId: 'schema', data: { message: issue.message }, span: issue.span });
    }
    // Every id is checked against the profile it is listed under (a plain list: the configured profile),
    // whichever profile is active, so a typo in any profile's list is caught.
    const profileIds = profiles.map((candidate) => candidate.id);
    for (const key of story.questionProfiles) {
      if (profileIds.includes(key.id)) continue;
      const suggestion = closestMatch(key.id, profileIds);
      report({
        messageId: 'unknownProfile',
        data: { id: key.id, suggestion: suggestion ? `did you mean "${suggestion}"?` : `${profileIds.join(', ')}.` },
        span: key.span,
        fixes: suggestion ? [{ title: `Replace with "${suggestion}"`, edits: [{ span: key.span, newText: suggestion }] }] : [],
      });
    }
    for (const question of story.questionRefs) {
      const profile = profiles.find((candidate) => candidate.id === (question.profile ?? bankProfileId));
      if (!profile) continue; // an unknown profile key is reported once, above
      const known = profile.questions.map((type) => type.id);
      if (known.includes(question.id)) continue;
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
