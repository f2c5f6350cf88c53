import { ruleTable } from '../../../test/unit/ruleTester';
import { passive } from './passive';

const action = (body: string, result = 'Trial-to-paid rose from 4% to 6%.') => `## Action\n\n${body}\n\n## Result\n\n${result}\n`;

ruleTable(passive, {
  valid: [
    { name: 'active voice', story: action('I decided to cut scope and told sales the same day.') },
    { name: '"by" names the actor', story: action('The plan was approved by the VP after I walked her through the cohort data.') },
    { name: 'what happened to me: "I was asked"', story: action('I was asked to lead the launch, so I rewrote the plan.') },
    { name: 'what happened to us, with an auxiliary: "we had been told"', story: action('We had been told to wait, but I pushed for a pilot.') },
    { name: 'stative: "we were aligned", "the team was excited"', story: action('We were aligned on the goal and the team was excited.') },
    { name: 'stative: "was supposed to", "was limited"', story: action('The launch was supposed to ship in May, and the budget was limited.') },
    { name: 'passive in the Result is not judged', story: action('I reran the pricing test.', 'The old page was retired two weeks later.') },
    {
      name: 'passive in the Situation is not judged when there is an Action section',
      story: '## Situation\n\nIt was decided that search would move to the new index.\n\n## Action\n\nI planned the cutover.\n',
    },
    { name: '"was" with a noun, not a participle', story: action('It was a hard call. I made it anyway.') },
    { name: 'ignore option', story: action('The feature was shipped on time.'), options: { ignore: ['shipped'] } },
    {
      name: 'no headings: the passive sits in the context paragraph',
      story: 'A reorg was announced in March.\n\nI rebuilt the roadmap with the two new leads.\n\nWe hit the Q3 date.',
    },
    { name: '"it\'s been" is not a passive on its own', story: action("It's been a year since I led that rewrite.") },
    { name: 'a purpose, not an act: "was designed to"', story: action('The pilot was designed to answer one question, so I kept it to two markets.') },
    { name: 'CRLF, active bullets', story: '## Action\r\n\r\n- I paused the launch\r\n- I rewrote the migration\r\n' },
  ],
  invalid: [
    {
      name: '"it was decided"',
      story: action('It was decided to cut scope.'),
      errors: [{ text: 'was decided', messageId: 'hiddenActor', message: /"I decided …"/ }],
    },
    {
      name: '"a decision was made to"',
      story: action('A decision was made to delay the launch.'),
      errors: [{ text: 'was made', message: /"I made …"/ }],
    },
    { name: 'adverb inside the phrase', story: action('The roadmap was quickly changed.'), errors: [{ text: 'was quickly changed' }] },
    { name: '"by 20%" is an amount, not an actor', story: action('The budget was cut by 20%.'), errors: [{ text: 'was cut' }] },
    { name: '"by Friday" is a date, not an actor', story: action('It was shipped by Friday.'), errors: [{ text: 'was shipped' }] },
    { name: 'negated', story: action("The doc wasn't approved, so the team waited."), errors: [{ text: "wasn't approved" }] },
    { name: '"has been" perfect', story: action('The Q3 launch had been approved without a holdout.'), errors: [{ text: 'been approved' }] },
    {
      name: 'CRLF bullets: "got" passives and a prefixed irregular participle',
      story: '## Action\r\n\r\n- the launch got pushed back\r\n- pricing was rewritten\r\n',
      errors: [{ text: 'got pushed back' }, { text: 'was rewritten' }],
    },
    {
      name: 'no headings: in the middle paragraph; "by rolling back" is a means',
      story: 'Checkout errors spiked after the release.\n\nThe fix was rolled out by rolling back the cache.\n\nErrors fell to zero within an hour.',
      errors: [{ text: 'was rolled out' }],
    },
    {
      name: 'two in one sentence, irregular past tense in the message',
      story: action('Two options were considered, and one was chosen.'),
      errors: [{ text: 'were considered' }, { text: 'was chosen', message: /"I chose …"/ }],
    },
    {
      name: 'headings without an Action section: the Situation counts',
      story: '## Situation\n\nThe team was reorganized twice.\n\n## Result\n\nAttrition fell to 5%.\n',
      errors: [{ text: 'was reorganized' }],
    },
    {
      name: 'mixed with active sentences, long story',
      story: action(
        'I pulled the refund data for the last two quarters and found that annual plans refunded three times as often. ' +
          'After a long review the pricing page was redesigned, and I ran the test against the old page for four weeks.',
      ),
      questions: ['judgment'],
      errors: [{ text: 'was redesigned' }],
    },
    {
      name: '"was designed" with no purpose after it hides the designer',
      story: action('We went through every screen together, and a shorter flow was designed.'),
      errors: [{ text: 'was designed' }],
    },
    {
      name: 'disagree-commit: "by the VP" names one actor, the other is hidden',
      story: action('The plan was overruled by the VP and the scope was reduced.'),
      questions: ['disagree-commit'],
      errors: [{ text: 'was reduced' }],
    },
  ],
});
