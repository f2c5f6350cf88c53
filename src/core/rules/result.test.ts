import assert from 'node:assert/strict';
import { applyFirstFix, crlf, ruleTable, withFrontmatter } from '../../../test/unit/ruleTester';
import { checkStoryText } from '../lint';
import { result } from './result';

ruleTable(result, {
  valid: [
    {
      name: 'a percentage under a Result heading',
      story: '## Action\nI cut the trial to seven days.\n\n## Result\nTrial-to-paid conversion rose 18%.\n',
    },
    {
      name: '"doubled"',
      story: '## Outcome\nWeekly active editors doubled within a quarter.\n',
    },
    {
      name: 'a before and after without digits',
      story: '## Result\nRelease reviews went from weekly to daily.\n',
    },
    {
      name: 'shipped on a date',
      story: '## Result\nThe export feature shipped on 14 March.\n',
    },
    {
      name: '"a week early" in a delivery sentence',
      story: '## Impact\nWe delivered the migration a week early.\n',
    },
    {
      name: 'adopted by another team',
      story: '## Result\nThe rubric was adopted by the payments team.\n',
    },
    {
      name: 'we killed the project',
      story: '## Result\nWe killed the project and moved the team to search.\n',
      questions: ['failure'],
    },
    {
      name: 'they renewed the contract',
      story: '## Result\nThey renewed the contract.\n',
    },
    {
      name: 'no headings: currency in the last paragraph',
      story:
        'Our biggest reseller was about to leave.\n\nI flew out and rebuilt the pricing with their finance lead.\n\nThey signed a two-year renewal worth $1.2M.\n',
    },
    {
      name: 'bullets: one measurable bullet among vague ones',
      story: '## Results\n- Stakeholders were pleased.\n- Median time to first response fell from 9 hours to 2.\n- The team learned a lot.\n',
    },
    {
      name: 'CRLF line endings',
      story: crlf('## Situation\nTickets piled up.\n\n## Result\nThe backlog shrank to 40 tickets by Friday.\n'),
    },
    {
      name: '"by a third"',
      story: '## Result\nWe cut refund disputes by a third.\n',
    },
    {
      name: 'a vague sentence followed by a measurable one',
      story: '## Result\nIt went well. More importantly, churn fell from 8% to 5%.\n',
    },
    {
      name: '"on time" in a delivery sentence',
      story: '## Result\nWe delivered the SOC 2 audit on time.\n',
    },
    {
      name: 'written numbers: "three of our five largest customers"',
      story: '## Outcome\nThree of our five largest customers renewed.\n',
    },
    {
      name: 'a four-digit count followed by what it counts is not a year',
      story: '## Result\nWe reached 2000 paying sellers.\n',
    },
    {
      name: 'the lesson is not judged, the result is',
      story: '## Result\nPayouts were capped at $5,000 a day.\n\n## Lesson\nI learned a lot.\n',
    },
  ],
  invalid: [
    {
      name: '"it went well"',
      story: '## Action\nI rewrote the pricing page.\n\n## Result\nIt went well.\n',
      errors: [{ text: 'It went well.', messageId: 'vague', message: /vague result "It went well\."/ }],
    },
    {
      name: 'the message quotes the parsed sentence: no stray bold marker, "&amp;" read as "&"',
      story: '**Action:** I rewrote the checklist.\n\n**Result:** The launch went smoothly &amp; everyone was pleased.\n',
      errors: [
        {
          text: 'Result:** The launch went smoothly &amp; everyone was pleased.',
          messageId: 'vague',
          message: /vague result "Result: The launch went smoothly & everyone was pleased\."/,
        },
      ],
    },
    {
      name: 'vague result wins over numbers in the context',
      story: '## Situation\nChurn was 8% a month.\n\n## Action\nI interviewed 20 customers.\n\n## Result\nStakeholders were pleased with the new plan.\n',
      errors: [{ text: 'Stakeholders were pleased with the new plan.', messageId: 'vague' }],
    },
    {
      name: '"a great learning experience"',
      story: '## Result\nIt was a great learning experience for me.\n',
      questions: ['failure'],
      errors: [{ text: 'It was a great learning experience for me.', messageId: 'vague' }],
    },
    {
      name: '"everyone was happy" after a neutral sentence',
      story: '## Result\nThe new process is in place. Everyone was happy with it.\n',
      errors: [{ text: 'Everyone was happy with it.', messageId: 'vague' }],
    },
    {
      name: '"the launch was a success"',
      story: '## Outcome\nThe launch was a success.\n',
      errors: [{ text: 'The launch was a success.', messageId: 'vague' }],
    },
    {
      name: '"positive feedback" in a bullet',
      story: '## Results\n- We got positive feedback from sales.\n- The VP said it was a win.\n',
      errors: [{ text: 'We got positive feedback from sales.', messageId: 'vague' }],
    },
    {
      name: 'numbers only in the context: the result says the number belongs there',
      story:
        '## Situation\nOnly 12% of sellers finished onboarding.\n\n## Action\nI rewrote the checklist with support.\n\n## Result\nSellers now understand the checklist better. The team felt more confident.\n',
      errors: [{ text: 'Sellers now understand the checklist better.', messageId: 'numberElsewhere', message: /"12%" appears earlier/ }],
    },
    {
      name: 'a year alone is not a measure',
      story: '## Result\nIn 2023 the work continued across the org.\n',
      errors: [{ text: 'In 2023 the work continued across the org.', messageId: 'unmeasured' }],
    },
    {
      name: 'a year as the subject is still a year',
      story: '## Result\n2023 was a turning point for the team.\n',
      errors: [{ text: '2023 was a turning point for the team.', messageId: 'unmeasured' }],
    },
    {
      name: '"by Q3" outside a delivery sentence',
      story: '## Result\nBy Q3 the roadmap looked different.\n',
      errors: [{ text: 'By Q3 the roadmap looked different.', messageId: 'unmeasured' }],
    },
    {
      name: '"one of the first times" is not a figure',
      story: '## Result\nThis was one of the first times I led a cross-team effort.\n',
      errors: [{ text: 'This was one of the first times I led a cross-team effort.', messageId: 'unmeasured' }],
    },
    {
      name: 'no Result section: the last heading',
      story: '## Situation\nSupport was drowning.\n\n## Action\nI wrote a triage guide.\n',
      errors: [{ text: '## Action', messageId: 'missing', message: /No result found/ }],
    },
    {
      name: 'an empty Result heading',
      story: '## Action\nI wrote a triage guide.\n\n## Result\n\n## Lesson\nAsk earlier.\n',
      errors: [{ text: '## Result', messageId: 'missing' }],
    },
    {
      name: 'CRLF, vague result',
      story: crlf('## Context\nWe had 3 weeks.\n\n## Result\nThe feature was well received.\n'),
      errors: [{ text: 'The feature was well received.', messageId: 'vague' }],
    },
    {
      name: 'no headings: three paragraphs with a vague last one',
      story:
        'Our Android rating was 3.1 and falling.\n\nI read 400 reviews and pushed the crash fixes to the top of the sprint.\n\nIn the end it made a big difference and the team loved it.\n',
      errors: [{ text: 'In the end it made a big difference and the team loved it.', messageId: 'vague' }],
    },
    {
      name: 'a plan is not a result',
      story: '## Result\nWe will ship the new flow next quarter.\n',
      errors: [{ text: 'We will ship the new flow next quarter.', messageId: 'unmeasured' }],
    },
    {
      name: '"killed it" is praise, not a cancelled project',
      story: '## Result\nHonestly, the team killed it.\n',
      errors: [{ text: 'Honestly, the team killed it.', messageId: 'vague' }],
    },
    {
      name: 'a date that is not a delivery date',
      story: '## Result\nOn 14 March the VP called it a real success.\n',
      errors: [{ text: 'On 14 March the VP called it a real success.', messageId: 'vague' }],
    },
    {
      name: 'with requireNumber, a shipped feature alone is not enough',
      story: '## Result\nThe feature shipped.\n',
      options: { requireNumber: true },
      errors: [{ text: 'The feature shipped.', messageId: 'unmeasured' }],
    },
    {
      name: '1:1s are meetings, not figures; "the two teams" is not a count',
      story: '## Result\nThe two teams now hold weekly 1:1s and seem more aligned.\n',
      errors: [{ text: 'The two teams now hold weekly 1:1s and seem more aligned.', messageId: 'vague' }],
    },
    {
      name: '"some members cancelled" is an unquantified crowd',
      story: '## Result\nSome members cancelled, but the price change went ahead as planned.\n',
      errors: [{ text: 'Some members cancelled, but the price change went ahead as planned.', messageId: 'unmeasured' }],
    },
    {
      name: 'empty body',
      story: '',
      errors: [{ text: '---', messageId: 'missing' }],
    },
  ],
});

describe('rule result fix', () => {
  const fixed = (text: string) => applyFirstFix(result, text, 'Insert a metric placeholder');

  it('adds the placeholder at the end of the Result section, before the Lesson', () => {
    const text = withFrontmatter('## Result\nIt went well.\n\n## Lesson\nAsk earlier.\n');
    assert.equal(fixed(text), withFrontmatter('## Result\nIt went well.\n\n[Metric] moved from [before] to [after] by [date].\n\n## Lesson\nAsk earlier.\n'));
  });

  it('creates a Result section before the Lesson when there is none, with the file line endings', () => {
    const text = withFrontmatter('### Action\r\nI wrote it.\r\n\r\n### Lesson\r\nAsk earlier.\r\n');
    assert.equal(
      fixed(text),
      withFrontmatter(
        '### Action\r\nI wrote it.\r\n\r\n### Result\r\n\r\n[Metric] moved from [before] to [after] by [date].\r\n\r\n### Lesson\r\nAsk earlier.\r\n',
      ),
    );
  });

  it('joins the last sentence of a story without headings; filled in, it passes', () => {
    const text = withFrontmatter('We had a problem.\n\nI fixed it.\n\nIt went well.\n');
    const after = fixed(text);
    assert.match(after, /It went well\. \[Metric\] moved from \[before\] to \[after\] by \[date\]\.\n$/);
    const filled = after.replace('[Metric] moved from [before] to [after] by [date].', 'Refunds fell from 40 to 12 a week by May.');
    assert.equal(checkStoryText(filled, { rules: [result] }).findings.length, 0);
  });
});
