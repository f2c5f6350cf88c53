import assert from 'node:assert/strict';
import { applyFix, ruleTable, withFrontmatter } from '../../../test/unit/ruleTester';
import { checkStoryText } from '../lint';
import type { Finding } from '../types';
import { structure } from './structure';

const star = (situation: string, action: string, result: string) => `## Situation\n${situation}\n\n## Action\n${action}\n\n## Result\n${result}\n`;

ruleTable(structure, {
  valid: [
    {
      name: 'situation, action, result',
      story: star('Our trial conversion had stalled at 9%.', 'I cut the trial from 14 to 7 days.', 'Conversion rose to 12% in six weeks.'),
    },
    {
      name: 'a Problem heading stands in for the situation',
      story:
        '## Problem\nChurn doubled after the price change.\n\n## What I did\nI called twenty churned customers.\n\n## Outcome\nWe rolled back the annual tier.\n',
    },
    {
      name: 'no headings, four sentences',
      story:
        'Our search had a 40% zero-result rate. I pitched a synonym layer over a full rebuild. Engineering built it in two sprints. Zero-result searches fell to 18%.',
    },
    {
      name: 'no headings, a bullet list of three sentences',
      story: '- The launch date was fixed by marketing.\n- I cut the export feature to make it.\n- We shipped on the date and added export a month later.\n',
    },
    {
      name: 'failure story with a lesson',
      questions: ['failure'],
      story: `${star('I owned the billing migration.', 'I skipped the dry run to save a week.', 'We double-charged 300 customers.')}\n## What I learned\nI now run a dry run on every migration.\n`,
    },
    {
      name: 'CRLF line endings',
      story:
        '## Context\r\nThe team missed two releases.\r\n\r\n## Actions\r\nI split the release train.\r\n\r\n## Results\r\nWe shipped every two weeks after that.\r\n',
    },
    {
      name: 'deeper headings with decorations',
      story:
        '### 1. Background\nSupport tickets were piling up.\n\n### 2. What I did\nI wrote a triage guide.\n\n### 3. Impact (Q3)\nFirst response time fell from 9 to 3 hours.\n',
    },
    {
      name: 'a judgment story needs no lesson',
      questions: ['judgment', 'leadership'],
      story: star('We had one quarter of runway.', 'I chose the partner deal over the self-serve launch.', 'The deal closed in 8 weeks.'),
    },
    {
      name: 'a title heading and prose without section headings',
      story: '# Shrinking the trial\n\nTrials converted at 9%. I proposed a 7-day trial instead of two weeks. Conversion reached 12%.\n',
    },
    {
      name: 'an extra non-section heading is fine',
      story: `${star('Legal blocked the launch.', 'I rewrote the consent flow with them.', 'We launched two weeks late but compliant.')}\n## Notes\nPractice the pause before the result.\n`,
    },
  ],
  invalid: [
    {
      name: 'missing result is reported at the last heading',
      story: '## Situation\nTrials converted at 9%.\n\n## Action\nI cut the trial to 7 days.\n',
      errors: [{ text: '## Action', messageId: 'missing', message: /No result section found/ }],
    },
    {
      name: 'missing situation is reported at the first later heading',
      story: '## Action\nI cut the trial to 7 days.\n\n## Result\nConversion rose to 12%.\n',
      errors: [{ text: '## Action', messageId: 'missing', message: /No context section found.*"Situation"/ }],
    },
    {
      name: 'missing action is reported at the result heading',
      story: '## Background\nWe were losing deals to a cheaper rival.\n\n## Outcome\nWin rate went back to 30%.\n',
      errors: [{ text: '## Outcome', messageId: 'missing', message: /action/ }],
    },
    {
      name: 'a failure story needs a lesson',
      questions: ['failure'],
      story: star('I owned the billing migration.', 'I skipped the dry run.', 'We double-charged 300 customers.'),
      errors: [{ text: '## Result', messageId: 'missing', message: /No lesson section found/ }],
    },
    {
      name: 'failure story missing result and lesson',
      questions: ['candor', 'failure'],
      story: '# Billing\n\n## Situation\nI owned the migration.\n\n## What I did\nI skipped the dry run.\n',
      errors: [
        { text: '## What I did', messageId: 'missing', message: /result/ },
        { text: '## What I did', messageId: 'missing', message: /lesson/ },
      ],
    },
    {
      name: 'an empty section is reported at its heading',
      story: '## Situation\nTrials converted at 9%.\n\n## Action\nI cut the trial to 7 days.\n\n## Result\n\n',
      errors: [{ text: '## Result', messageId: 'empty', message: /"Result" section is empty/ }],
    },
    {
      name: 'a bare template reports every empty heading',
      story: '## Situation\n\n## Action\n\n## Result\n',
      errors: [
        { text: '## Situation', messageId: 'empty' },
        { text: '## Action', messageId: 'empty' },
        { text: '## Result', messageId: 'empty' },
      ],
    },
    {
      name: 'two sentences without headings are too short',
      story: 'I led the pricing change.\nIt went well.\n',
      errors: [{ text: 'I led the pricing change.\nIt went well.', messageId: 'tooShort', message: /2 sentences/ }],
    },
    {
      name: 'one title heading and one line',
      story: '# Pricing\n\nTBD\n',
      errors: [{ text: '# Pricing\n\nTBD', messageId: 'tooShort', message: /1 sentence,/ }],
    },
    {
      name: 'frontmatter only',
      story: '---\ntitle: Pricing\nquestions: [judgment]\n---\n\n',
      errors: [{ text: '---', messageId: 'noBody' }],
    },
    {
      name: 'CRLF story missing its result',
      story: '---\r\ntitle: T\r\nquestions: [judgment]\r\n---\r\n## Situation\r\nWe had no data.\r\n\r\n## Action\r\nI ran a fake-door test.\r\n',
      errors: [{ text: '## Action', messageId: 'missing' }],
    },
    {
      name: 'too large to analyse',
      story: `# Huge story\n${'word '.repeat(60000)}\n`,
      errors: [{ text: '# Huge story', messageId: 'skipped', message: /KB long/ }],
    },
    {
      name: 'nested too deep to analyse',
      story: `Intro line.\n${'> '.repeat(70)}deep\n`,
      errors: [{ text: '> '.repeat(70).trim(), messageId: 'skipped', message: /nested more than/ }],
    },
  ],
});

describe('rule structure fixes', () => {
  const findings = (text: string): Finding[] => checkStoryText(text, { rules: [structure] }).findings.filter((finding) => finding.ruleId === 'structure');
  const apply = (text: string, finding: Finding) => applyFix(text, finding.fixes[0]);

  it('appends a missing Result at the end of the file, and the fixed story passes', () => {
    const text = withFrontmatter('## Situation\nTrials converted at 9%.\n\n## Action\nI cut the trial to 7 days.\n');
    const [finding] = findings(text);
    assert.equal(finding.fixes[0].title, 'Add a Result section');
    const fixed = apply(text, finding);
    assert.match(fixed, /I cut the trial to 7 days\.\n\n## Result\nWhat happened, with a number[^\n]*\n$/);
    assert.deepEqual(findings(fixed), []);
  });

  it('inserts a missing Situation above the first later heading with the same depth', () => {
    const text = withFrontmatter('### Action\nI cut the trial.\n\n### Result\nConversion rose to 12%.\n');
    const [finding] = findings(text);
    assert.equal(finding.fixes[0].title, 'Add a Situation section');
    const fixed = apply(text, finding);
    assert.match(fixed, /---\n### Situation\n[^\n]+\n\n### Action\n/);
    assert.deepEqual(findings(fixed), []);
  });

  it('keeps CRLF line endings and separates from a last line without a break', () => {
    const text = withFrontmatter('## Situation\r\nWe had no data.\r\n\r\n## Action\r\nI ran a test.').replace(/(?<!\r)\n/g, '\r\n');
    const fixed = apply(text, findings(text)[0]);
    assert.ok(fixed.endsWith('I ran a test.\r\n\r\n## Result\r\nWhat happened, with a number, a before/after or a date met.\r\n'));
  });
});
