import { ProfileSchema } from './profile';

export const netflixPm = ProfileSchema.parse({
  id: 'netflix-pm',
  title: 'Netflix product manager',
  description:
    'The five behavioral prompts a Netflix PM loop keeps returning to. Each probes one culture signal; prepare a main story and a backup for every one.',
  questions: [
    {
      id: 'judgment',
      title: 'Judgment with incomplete data',
      question: 'Walk me through a call you had to make before the data was in.',
      listensFor: 'Judgment: how you weighed imperfect options and what you were willing to give up.',
      answerShape: [
        'The problem, in one sentence',
        'The options you weighed',
        'Why the obvious option fell short',
        'What anchored your choice',
        'The result, and what you took from it',
      ],
      shapeCheck: 'options',
    },
    {
      id: 'candor',
      title: 'Difficult feedback',
      question: 'Tell me about feedback that was hard to give or hard to hear.',
      listensFor: 'Candor: plain words said or heard, and a visible change afterwards.',
      answerShape: [
        'The feedback, close to the words used',
        'Why it mattered to the team or the product',
        'What you said, or what you heard and how you reacted',
        'What changed afterwards',
      ],
      shapeCheck: 'feedback',
    },
    {
      id: 'disagree-commit',
      title: 'Disagree, then commit',
      question: 'Describe a time you disagreed with a colleague and still had to move forward together.',
      listensFor: 'Open debate followed by real commitment once the call was made.',
      answerShape: ['The disagreement and its stakes', 'The evidence you brought', 'How the decision was made', 'How you committed and helped carry it out'],
      shapeCheck: 'commitment',
    },
    {
      id: 'failure',
      title: 'A failure you own',
      question: 'Tell me about something that went wrong because of a call you made.',
      listensFor: 'Resilience and accountability: the mistake owned in the first person, and what you changed.',
      answerShape: ['The mistake, owned as yours', 'Its impact, in numbers if you can', 'How you corrected course', 'What you now do differently'],
      shapeCheck: 'ownership',
    },
    {
      id: 'leadership',
      title: 'Leading without authority',
      question: 'Tell me about moving people who did not report to you toward a decision.',
      listensFor: 'Ownership and influence: trust earned across functions, not a title used.',
      answerShape: ['Who was involved, and that they did not report to you', 'How you earned their trust', 'What moved as a result'],
      shapeCheck: 'influence',
    },
  ],
});
