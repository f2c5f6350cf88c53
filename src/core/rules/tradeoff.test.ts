import assert from 'node:assert/strict';
import { applyFirstFix, crlf, ruleTable, withFrontmatter } from '../../../test/unit/ruleTester';
import { checkStoryText } from '../lint';
import { tradeoff } from './tradeoff';

ruleTable(tradeoff, {
  valid: [
    {
      name: '"X over Y" after a choice verb, with headings',
      story:
        '## Situation\nTrial users churned before paying.\n\n## Action\nI chose retention over short-term revenue and cut the trial to seven days.\n\n## Result\nConversion rose from 4% to 6%.\n',
    },
    {
      name: '"instead of" in the action of a story without headings',
      story:
        'Our checkout redesign was late.\n\nI pushed for a staged rollout instead of a big-bang launch. I wrote the rollout plan myself.\n\nThe redesign reached all users in May.\n',
    },
    {
      name: '"rather than" inside a bullet',
      story: '## Action\n- I audited the funnel.\n- I kept the old pricing page rather than ship an untested one.\n\n## Result\nWe kept 98% of revenue.\n',
    },
    {
      name: '"at the cost of"',
      story: '## Action\nI moved two engineers onto billing at the cost of the search roadmap.\n',
    },
    {
      name: '"accepting the risk that", CRLF line endings',
      story: crlf(
        '## Context\nLegal had not signed off.\n\n## Action\nI launched in three markets, accepting the risk that we might need to roll back.\n\n## Result\nNo rollback was needed.\n',
      ),
    },
    {
      name: '"accepting a later" cost',
      story: '## Action\nI chose the smaller launch, accepting a later revenue read.\n',
    },
    {
      name: '"traded" speed for quality',
      story: 'We had two weeks. I traded polish for speed and cut the animation work. The page shipped on time.\n',
    },
    {
      name: '"gave up" a deal',
      story: '## Action\nI gave up the enterprise pilot so the team could fix reliability first.\n',
    },
    {
      name: '"sacrificed" and bold markup around the options',
      story: '## Action\nI **sacrificed** the Q3 launch date to fix the data pipeline.\n',
    },
    {
      name: '"the downside was"',
      story: '## Action\nI consolidated the two dashboards. The downside was a month of confused sales reps.\n',
    },
    {
      name: '"we could have X or Y"',
      story: '## Action\nWe could have built our own scheduler or licensed one; I argued for licensing.\n',
    },
    {
      name: '"option A" and "option B" in separate sentences',
      story: '## Action\nOption A was a price cut. Option B was a longer trial. I recommended the second.\n',
    },
    {
      name: '"went with X, not Y"',
      story: '## Action\nI went with the vendor API, not the in-house rewrite.\n',
    },
    {
      name: '"deprioritized"',
      story: '## What I did\nI deprioritized the partner integrations for a quarter to ship offline mode.\n',
    },
    {
      name: '"even though it meant"',
      story: '## Action\nI paused the campaign, even though it meant missing the monthly target.\n',
    },
    {
      name: '"prioritized X over Y" with emphasis markup',
      story: '## Action\nI prioritized *speed* over _polish_ for the beta.\n',
    },
    {
      name: '"instead of" in the result when a choice is named',
      story: '## Action\nI met the vendor.\n\n## Result\nBecause I chose a pilot instead of a full launch, we caught the bug early.\n',
    },
    {
      name: '"over the long one": an option after "over", not a time span',
      story: '## Action\nI chose a short, honest roadmap over the long one leadership liked.\n',
    },
    {
      name: 'sentence-level "instead" after the obvious option, no headings',
      story:
        'Our new pricing had never been tested.\n\nThe obvious move was a full launch; instead, I ran a pilot in Canada.\n\nThe pilot found a tax bug before it reached the US.\n',
    },
    {
      name: 'extra cue from the options',
      story: '## Action\nI bet the quarter on the mobile app.\n',
      options: { cues: ['bet the quarter on'] },
    },
  ],
  invalid: [
    {
      // The lesson is never read: a tradeoff named only there, with no choice in the story, is a platitude.
      name: '"trade-off" named only in the lesson',
      story: '## Action\nI wrote the proposal.\n\n## Lesson\nThe trade-off was worth it: a slower start bought us trust.\n',
      errors: [{ text: '## Action' }],
    },
    {
      // Options on the table with no choice made are not a tradeoff (DESIGN.md).
      name: '"two options" and no choice made',
      story: '## Task\nI had two options on the table and one week to decide.\n\n## Action\nI ran a pricing survey.\n',
      errors: [{ text: '## Action' }],
    },
    {
      name: '"over three months" is a duration',
      story: '## Situation\nSign-ups were flat.\n\n## Action\nI decided to rebuild onboarding over three months.\n\n## Result\nSign-ups rose 12%.\n',
      errors: [{ text: '## Action', messageId: 'missing', message: /No choice with a cost found.*for example: "I chose/ }],
    },
    {
      name: '"over the summer" without headings: first action sentence',
      story: 'Our app store rating was 3.1.\n\nI chose a new support vendor over the summer. I trained the agents.\n\nThe rating rose to 4.2.\n',
      errors: [{ text: 'I chose a new support vendor over the summer.' }],
    },
    {
      name: '"took over"',
      story: '## Action\nI took over the billing project when the lead left and I decided to rewrite the plan.\n',
      errors: [{ text: '## Action' }],
    },
    {
      name: '"handed over"',
      story: '## Actions\nI handed the roadmap over to the new PM and chose to stay as an advisor.\n',
      errors: [{ text: '## Actions' }],
    },
    {
      name: '"over 40 percent" is an amount',
      story: '## Action\nI picked the segment with over 40 percent of our churn.\n',
      errors: [{ text: '## Action' }],
    },
    {
      name: '"over budget"',
      story: '## Action\nI decided to continue even though we were over budget by March.\n',
      errors: [{ text: '## Action' }],
    },
    {
      name: '"game over"',
      story: '## Action\nI told the team that losing the client would be game over, and I chose to call them myself.\n',
      errors: [{ text: '## Action' }],
    },
    {
      name: '"instead of" comparing outcomes in the Result',
      story: '## Action\nI rewrote the interview rubric with the recruiters.\n\n## Result\nCandidates needed two rounds instead of three.\n',
      errors: [{ text: '## Action' }],
    },
    {
      name: '"rather" as an intensifier',
      story: '## Action\nThe migration was rather difficult, so I wrote a runbook.\n\n## Result\nIt finished in May.\n',
      errors: [{ text: '## Action' }],
    },
    {
      name: '"never gave up" is persistence, not a cost',
      story: '## Action\nI never gave up on the partnership and called them every week.\n',
      errors: [{ text: '## Action' }],
    },
    {
      name: '"without sacrificing" claims there was no cost',
      story: '## Action\nI hit the date without sacrificing quality.\n',
      errors: [{ text: '## Action' }],
    },
    {
      name: '"accepted the offer" is not a cost',
      story: '## Action\nI accepted the offer to lead the pricing review and decided to start with interviews.\n',
      errors: [{ text: '## Action' }],
    },
    {
      name: 'CRLF story with headings and talk over time',
      story: crlf(
        '## Context\nWe lost a big customer.\n\n## Action\nI talked it over with my manager and went over the data over the weekend.\n\n## Result\nWe won them back.\n',
      ),
      errors: [{ text: '## Action' }],
    },
    {
      name: '"publicly traded" is not a trade',
      story: '## Action\nAt a publicly traded company, I wrote the disclosure plan.\n',
      errors: [{ text: '## Action' }],
    },
    {
      name: 'no action heading: the first sentence of the body',
      story: '## Situation\nOur NPS dropped.\n\n## Result\nIt recovered by June.\n',
      errors: [{ text: 'Our NPS dropped.' }],
    },
    {
      name: 'one-sentence story without headings',
      story: 'I launched the new onboarding to all users.\n',
      errors: [{ text: 'I launched the new onboarding to all users.' }],
    },
    {
      name: 'empty body: the closing frontmatter line',
      story: '',
      errors: [{ text: '---' }],
    },
    {
      name: '"plan a" without a second option, long bullets story',
      story:
        '## Action\n- I had to plan a launch for three regions.\n- I interviewed twelve customers over two weeks.\n- I wrote the brief and presented it to the VP.\n\n## Result\nThe launch happened in June.\n',
      errors: [{ text: '## Action' }],
    },
  ],
});

describe('rule tradeoff fix', () => {
  const fixed = (text: string) => applyFirstFix(tradeoff, text, 'Insert a tradeoff sentence');

  it('adds the scaffold as a paragraph at the end of the Action section', () => {
    const text = withFrontmatter('## Action\nI ran the test.\n\n## Result\nIt worked.\n');
    assert.equal(fixed(text), withFrontmatter('## Action\nI ran the test.\n\nI chose … over …, accepting ….\n\n## Result\nIt worked.\n'));
  });

  it('keeps CRLF line endings', () => {
    const text = withFrontmatter('## Action\r\nI ran the test.\r\n\r\n## Result\r\nIt worked.\r\n');
    assert.match(fixed(text), /I ran the test\.\r\n\r\nI chose … over …, accepting ….\r\n\r\n## Result/);
  });

  it('joins the last action sentence in a story without headings; the story passes once the blanks are filled', () => {
    const text = withFrontmatter('Context here.\n\nI ran the test. I wrote it up.\n\nIt worked.\n');
    const after = fixed(text);
    assert.match(after, /I wrote it up\. I chose … over …, accepting ….\n\nIt worked\./);
    assert.equal(checkStoryText(after, { rules: [tradeoff] }).findings.length, 1, 'an unfilled scaffold is not a tradeoff');
    const filled = after.replace('I chose … over …, accepting ….', 'I chose a pilot over a launch, accepting a slower read.');
    assert.equal(checkStoryText(filled, { rules: [tradeoff] }).findings.length, 0);
  });
});
