import assert from 'node:assert/strict';
import { applyFirstFix, ruleTable, withFrontmatter } from '../../../test/unit/ruleTester';
import { checkStoryText } from '../lint';
import { role } from './role';

const RESULT = '\n\n## Result\n\nTrial-to-paid rose from 4% to 6% in six weeks.\n';

ruleTable(role, {
  valid: [
    {
      name: 'Action section with plain first-person actions',
      story: `## Action\n\nI rewrote the pricing page and ran the A/B test against the old one.${RESULT}`,
    },
    {
      name: 'no headings: "we" mixed with a clear "I" in the middle paragraph',
      story:
        'Our onboarding lost half of new sign-ups on the second screen.\n\nWe split the work across the squad. I wrote the spec, and we built it in two sprints.\n\nDrop-off fell from 51% to 34%.',
    },
    {
      name: 'bullets under "What I did" with one "I" among "we"s',
      story: '## What I did\n\n- We audited the funnel\n- I cut the signup form to three fields\n- We shipped it behind a flag\n' + RESULT,
    },
    {
      name: 'CRLF line endings',
      story:
        '## Situation\r\n\r\nSupport tickets doubled.\r\n\r\n## Action\r\n\r\nI triaged the top twenty myself.\r\n\r\n## Result\r\n\r\nTickets halved by March.\r\n',
    },
    { name: '"I\'d" before a past participle', story: `## Action\n\nBy the Monday review I'd already drafted the rollback plan.${RESULT}` },
    { name: '"I had to" + verb', story: `## Action\n\nThe data was thin, so I had to choose between the two vendors on a hunch.${RESULT}` },
    {
      name: 'a "my team" story that also says what I did',
      story: `## Action\n\nMy team built the importer. I chose which customers moved first and called each of them.${RESULT}`,
      questions: ['leadership'],
    },
    { name: 'adverbs between "I" and the verb', story: `## Action\n\nI then quietly escalated to the VP with the churn numbers.${RESULT}` },
    {
      name: 'candor story: the quoted words are someone else\'s, but "I told" is mine',
      story: `## Action\n\nI told Sam, "We keep losing the room when you interrupt." He said, "I never noticed."${RESULT}`,
      questions: ['candor'],
    },
    {
      name: 'short failure story without headings',
      story: 'I shipped the migration without a holdout group. Refunds tripled that week.',
      questions: ['failure'],
    },
    {
      name: 'headings but no Action section: the action is in the Situation',
      story: '## Situation\n\nRenewals slipped, so I pulled six months of logs and found the billing bug.\n\n## Result\n\nRenewals recovered to 92% by June.\n',
    },
    {
      name: 'minActions 2 met',
      story: `## Action\n\nI interviewed eight customers. Then I rewrote the roadmap around them.${RESULT}`,
      options: { minActions: 2 },
    },
    {
      name: 'disagree-commit story with "we" and my part',
      story: `## Action\n\nWe argued for a week. I brought the retention cohort data, and once the VP chose the other plan I committed to it and led the rollout.${RESULT}`,
      questions: ['disagree-commit'],
    },
    {
      name: '", and I chose" is my own clause, not a compound subject',
      story: `## Action\n\nThe vendor data was thin, and I chose the cheaper vendor with a one-month exit clause.${RESULT}`,
    },
    { name: 'typographic apostrophe', story: `## Action\n\nI\u2019d already written the memo before the offsite.${RESULT}` },
  ],
  invalid: [
    {
      // An empty story (a fresh template) must not show the role filter as passed.
      name: 'no prose at all: nothing of yours to show yet',
      story: '# Pricing call\n',
      errors: [{ text: '# Pricing call', messageId: 'noAction' }],
    },
    {
      name: 'only "we" under an Action heading: reported on the heading',
      story: `## Action\n\nWe rebuilt the onboarding flow. We shipped it in May.${RESULT}`,
      errors: [{ text: '## Action', messageId: 'weOnly', message: /"we" did 2 things/ }],
    },
    {
      name: '"the team" did it',
      story: `## Action\n\nThe team shipped the new checkout in three weeks.${RESULT}`,
      errors: [{ text: '## Action', messageId: 'teamOnly', message: /"The team"/ }],
    },
    {
      name: 'no headings: "we" dominates the middle paragraph, reported on the first "we"',
      story:
        'Churn among annual plans had doubled.\n\nWe analysed the cancellations. We picked the two biggest reasons. Then we launched a save flow.\n\nChurn fell back to 3% a month.',
      errors: [{ text: 'We', messageId: 'weOnly', message: /"we" did 3 things/ }],
    },
    {
      name: 'no headings: "my team" built it',
      story:
        'Imports were failing for big accounts.\n\nMy team built a new importer and migrated the top fifty accounts.\n\nFailures dropped to zero in a month.',
      errors: [{ text: 'My team', messageId: 'teamOnly' }],
    },
    {
      name: 'being asked and feeling are not actions',
      story: '## Action\n\nI was asked to lead the launch. I felt it was the right call.\n',
      errors: [{ text: '## Action', messageId: 'noAction', message: /for example: "I rewrote/ }],
    },
    {
      name: 'no headings: thoughts only',
      story: 'Revenue was flat. I think we should have priced higher. Everyone agreed later. It went fine.',
      errors: [{ text: 'I think we should have priced higher.', messageId: 'noAction' }],
    },
    {
      name: '"we" bullets under "What I did"',
      story: '## What I did\n\n- we audited the funnel\n- we cut the form\n- we ran the test\n',
      errors: [{ text: '## What I did', messageId: 'weOnly', message: /the "What I did" section/ }],
    },
    {
      name: 'CRLF, "we" only',
      story: '## Action\r\n\r\nWe paused the launch. We fixed the bug.\r\n\r\n## Result\r\n\r\nNo refunds.\r\n',
      errors: [{ text: '## Action', messageId: 'weOnly' }],
    },
    {
      name: '"Priya and I" is shared, not mine: with another "we" it is a "we" story',
      story: 'Search was slow.\n\nPriya and I redesigned the index and we shipped it.\n\nQueries got 4x faster.',
      errors: [{ text: 'Priya and I', messageId: 'weOnly' }],
    },
    {
      name: 'negated and hypothetical "I"s',
      story: `## Action\n\nI didn't wait for the data. I would have pushed back, but the VP approved it.${RESULT}`,
      errors: [{ text: '## Action', messageId: 'noAction' }],
    },
    {
      name: '"I did not" is not an action, even twice',
      story: `## Action\n\nI did not check the staffing plan, and I did not run the copy past support.${RESULT}`,
      questions: ['failure'],
      errors: [{ text: '## Action', messageId: 'noAction' }],
    },
    {
      name: 'a question and a quoted "I" are not my actions',
      story: 'Should I escalate now? Sam said, "I will fix it." The fix shipped that night and errors stopped.',
      errors: [{ text: 'Sam said, "I will fix it."', messageId: 'noAction' }],
    },
    {
      name: 'headings without an Action section: one "we" is marked',
      story: '## Situation\n\nChurn rose.\n\n## Task\n\nWe needed a fix, so we rebuilt onboarding.\n\n## Result\n\nI was promoted.\n',
      errors: [{ text: 'we', messageId: 'noAction', message: /before its result/ }],
    },
    {
      name: 'empty Action section',
      story: '## Action\n\n## Result\n\nRevenue grew 4% in Q3.\n',
      errors: [{ text: '## Action', messageId: 'noAction' }],
    },
    {
      name: 'weThreshold 1 asks which part was mine after a single "we"',
      story: `## Action\n\nWe moved the launch to June.${RESULT}`,
      options: { weThreshold: 1 },
      errors: [{ text: '## Action', messageId: 'weOnly', message: /"we" did 1 thing and/ }],
    },
    {
      name: 'no headings, short: a lone "we" action',
      story: 'We launched the annual plan. It lifted revenue 4%.',
      errors: [{ text: 'We', messageId: 'noAction' }],
    },
    {
      name: 'states only, no headings',
      story: 'I was the PM for search. I knew the risk. The ranking change shipped in May.',
      questions: ['failure'],
      errors: [{ text: 'I knew the risk.', messageId: 'noAction' }],
    },
    {
      name: '"my team and I" alone is shared',
      story: `## Action\n\nMy team and I rebuilt the billing service over a quarter.${RESULT}`,
      errors: [{ text: '## Action', messageId: 'noAction' }],
    },
  ],
});

describe('rule role: quick fix', () => {
  const apply = (text: string) => applyFirstFix(role, text, 'Insert a first-person action');

  it('inserts a scaffold right under the Action heading, keeping CRLF', () => {
    const text = withFrontmatter('## Action\r\n\r\nWe paused the launch. We fixed the bug.\r\n');
    const fixed = apply(text);
    assert.ok(fixed.includes('## Action\r\n\r\nI … [what you did yourself].\r\n\r\nWe paused'), JSON.stringify(fixed));
  });

  it('inserts before the first action sentence in a story without headings', () => {
    const text = withFrontmatter('Churn had doubled.\n\nWe analysed it. We launched a save flow.\n\nChurn fell to 3%.');
    const fixed = apply(text);
    assert.ok(fixed.includes('\n\nI … [what you did yourself]. We analysed it.'), JSON.stringify(fixed));
  });

  it('the scaffold alone does not pass the check until it is filled in', () => {
    const fixed = apply(withFrontmatter('## Action\n\nWe shipped it. We tested it.\n'));
    assert.equal(checkStoryText(fixed, { rules: [role] }).findings.length, 1);
    const filled = fixed.replace('I … [what you did yourself]', 'I wrote the test plan');
    assert.equal(checkStoryText(filled, { rules: [role] }).findings.length, 0);
  });
});
