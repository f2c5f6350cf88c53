import { ProfileSchema } from './profile';

export const generalBehavioral = ProfileSchema.parse({
  id: 'general-behavioral',
  title: 'General behavioral',
  description: 'The eight themes almost every behavioral interview touches, whatever the company. A good starting set when you do not yet know the loop.',
  questions: [
    {
      id: 'teamwork',
      title: 'Teamwork',
      question: 'Tell me about a project where the result depended on working closely with others.',
      listensFor: 'Your own part in a shared result, and how you made the people around you more effective.',
      answerShape: ['The team and the goal', 'Your part in it', 'How you worked with the others', 'What the team achieved'],
    },
    {
      id: 'conflict',
      title: 'Conflict',
      question: 'Describe a disagreement with a colleague and how the two of you resolved it.',
      listensFor: 'Handling tension directly and respectfully, understanding the other side, and a resolution that held.',
      answerShape: ['The disagreement and what was at stake', "The other person's point of view", 'What you did to resolve it', 'Where things ended up'],
    },
    {
      id: 'failure',
      title: 'Failure',
      question: 'Tell me about a mistake you made and what you did about it.',
      listensFor: 'Accountability in the first person, a concrete correction, and a lasting change in how you work.',
      answerShape: ['The mistake, owned as yours', 'Its impact', 'How you corrected it', 'What you do differently now'],
      shapeCheck: 'ownership',
    },
    {
      id: 'leadership',
      title: 'Leadership',
      question: 'Tell me about a time you led people toward a goal, with or without a title.',
      listensFor: "Setting a direction, earning people's trust and moving them, rather than relying on authority.",
      answerShape: ['Who you led and whether they reported to you', 'The direction you set', 'How you earned their trust', 'What moved as a result'],
      shapeCheck: 'influence',
    },
    {
      id: 'ambiguity',
      title: 'Ambiguity',
      question: 'Describe a time you had to move forward when the goal or the facts were unclear.',
      listensFor: 'Creating structure from a vague situation: what you clarified, what you assumed, and how you adjusted.',
      answerShape: ['What was unclear', 'What you did to reduce the uncertainty', 'The call you made anyway', 'How it turned out'],
    },
    {
      id: 'prioritization',
      title: 'Prioritization',
      question: 'Tell me about a time you had more to do than you could possibly do. What did you drop?',
      listensFor: 'Explicit choices: what was put first, what was given up, and on what grounds.',
      answerShape: ['The competing demands', 'The options and their costs', 'What you chose and what you gave up', 'The outcome of that choice'],
      shapeCheck: 'options',
    },
    {
      id: 'customer-focus',
      title: 'Customer focus',
      question: 'Tell me about a time you changed your plan because of what a customer or user needed.',
      listensFor: 'Decisions grounded in real user needs, learned first-hand, with a visible effect for the user.',
      answerShape: ['The customer and their need', 'How you learned about it', 'What you changed', 'How the customer was better off'],
    },
    {
      id: 'growth',
      title: 'Growth',
      question: 'Tell me about a skill or habit you built because you saw you needed it.',
      listensFor: 'Self-awareness, deliberate effort to improve, and evidence that the improvement stuck.',
      answerShape: ['The gap you noticed', 'What you did to close it', 'Where it showed up in your work', 'What is different now'],
    },
  ],
});
