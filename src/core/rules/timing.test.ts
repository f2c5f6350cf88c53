import assert from 'node:assert/strict';
import { ruleTable, withFrontmatter } from '../../../test/unit/ruleTester';
import { DEFAULT_CONFIG } from '../config';
import { checkStoryText } from '../lint';
import { parseStory } from '../story/parse';
import { formatDuration, secondsForWords, sectionTimingLabel } from '../timing';
import { timing } from './timing';

const VOCABULARY = ['we', 'reviewed', 'the', 'plan', 'with', 'design', 'and', 'then', 'tested', 'it', 'on', 'customers', 'before', 'launch'];

/** Exactly `count` words of plain prose, ten to a sentence, each word counted once by the parser. */
function prose(count: number, offset = 0): string {
  const words = Array.from({ length: count }, (_, index) => VOCABULARY[(index + offset) % VOCABULARY.length]);
  const sentences: string[] = [];
  for (let index = 0; index < words.length; index += 10) {
    const chunk = words.slice(index, index + 10).join(' ');
    sentences.push(`${chunk.charAt(0).toUpperCase()}${chunk.slice(1)}.`);
  }
  return sentences.join(' ');
}

const headed = (parts: [string, number][], eol = '\n') => parts.map(([heading, words], index) => `${heading}${eol}${prose(words, index)}${eol}`).join(eol);

/** What the rule should say for a story of `words` words at 150 words per minute. */
const spoken = (words: number) => formatDuration(secondsForWords(words, 150));

ruleTable(timing, {
  valid: [
    { name: '200 words without headings (1:20)', story: prose(200) },
    { name: 'exactly 300 words is exactly two minutes', story: prose(300) },
    {
      name: 'every section inside its budget',
      story: headed([
        ['## Situation', 60],
        ['## Action', 85],
        ['## Result', 60],
        ['## Lesson', 35],
      ]),
    },
    {
      name: 'a short draft with a one-line result is left alone',
      story: headed([
        ['## Situation', 40],
        ['## Action', 60],
        ['## Result', 4],
      ]),
    },
    {
      name: 'an overridden action budget allows a long action',
      options: { budgets: { action: { min: 30, max: 60 } } },
      story: headed([
        ['## Context', 50],
        ['## What I did', 170],
        ['## Outcome', 50],
      ]),
    },
    {
      name: 'a higher overFactor tolerates a long situation',
      options: { overFactor: 2 },
      story: headed([
        ['## Situation', 120],
        ['## Action', 60],
        ['## Result', 60],
      ]),
    },
    {
      name: 'a task section has no budget of its own',
      story: headed([
        ['## Situation', 40],
        ['## Task', 100],
        ['## Action', 80],
        ['## Result', 60],
      ]),
    },
    {
      name: 'CRLF, in budget',
      story: headed(
        [
          ['## Background', 60],
          ['## Actions', 90],
          ['## Results', 55],
        ],
        '\r\n',
      ),
    },
    {
      name: 'underFactor 0 never reports a short section',
      options: { underFactor: 0 },
      story: headed([
        ['## Situation', 70],
        ['## Action', 90],
        ['## Result', 5],
      ]),
    },
    {
      name: 'a long inferred part of a story without headings is not timed',
      story: `${prose(140)}\n\n${prose(60)}\n\n${prose(40)}\n`,
    },
  ],
  invalid: [
    {
      name: '390 words without headings, reported on the first line',
      story: `${prose(390)}\n`,
      errors: [
        {
          text: prose(390),
          messageId: 'tooLong',
          message: new RegExp(`^About ${spoken(390)} when spoken at 150 words per minute; aim for under 2:00\\. Cut about 90 words`),
        },
      ],
    },
    {
      name: 'a long story is reported on its title heading',
      story: `# The long migration\n\n${prose(180)}\n\n${prose(170)}\n`,
      errors: [{ text: '# The long migration', messageId: 'tooLong', message: new RegExp(`About ${spoken(350)} `) }],
    },
    {
      name: 'a situation far over its budget',
      story: headed([
        ['## Situation', 130],
        ['## Action', 80],
        ['## Result', 50],
      ]),
      errors: [{ text: '## Situation', messageId: 'sectionLong', message: new RegExp(`about ${spoken(130)} when spoken; its budget is 0:20–0:30`) }],
    },
    {
      name: 'an action far over its budget',
      story: headed([
        ['## Context', 40],
        ['## What I did', 160],
        ['## Result', 50],
      ]),
      errors: [{ text: '## What I did', messageId: 'sectionLong', message: /budget is 0:30–0:40/ }],
    },
    {
      name: 'a rushed result in a full-length story',
      story: headed([
        ['## Situation', 60],
        ['## Action', 100],
        ['## Result', 4],
      ]),
      errors: [{ text: '## Result', messageId: 'sectionShort', message: new RegExp(`only about ${spoken(4)}`) }],
    },
    {
      name: 'too long overall and a bloated situation',
      story: `# Migration\n\n${headed([
        ['## Situation', 200],
        ['## Action', 100],
        ['## Result', 60],
      ])}`,
      errors: [
        { text: '# Migration', messageId: 'tooLong', message: new RegExp(`About ${spoken(360)} `) },
        { text: '## Situation', messageId: 'sectionLong' },
      ],
    },
    {
      name: 'an overridden lesson budget',
      options: { budgets: { lesson: { min: 5, max: 10 } } },
      story: headed([
        ['## Situation', 50],
        ['## Action', 80],
        ['## Result', 50],
        ['## What I learned', 50],
      ]),
      errors: [{ text: '## What I learned', messageId: 'sectionLong', message: /budget is 0:05–0:10/ }],
    },
    {
      name: 'a stricter underFactor',
      options: { underFactor: 0.8 },
      story: headed([
        ['## Situation', 60],
        ['## Action', 90],
        ['## Result', 30],
      ]),
      errors: [{ text: '## Result', messageId: 'sectionShort', message: /budget is 0:20–0:30/ }],
    },
    {
      name: 'CRLF, long, with a title heading',
      story: `# Pricing\r\n\r\n${prose(320)}\r\n`,
      errors: [{ text: '# Pricing', messageId: 'tooLong', message: new RegExp(`About ${spoken(320)} `) }],
    },
    {
      name: 'several sections outside their budgets at once (exactly 2:00 in total)',
      story: headed([
        ['### Background', 120],
        ['### Action', 160],
        ['### Result', 20],
      ]),
      errors: [
        { text: '### Background', messageId: 'sectionLong' },
        { text: '### Action', messageId: 'sectionLong' },
        { text: '### Result', messageId: 'sectionShort' },
      ],
    },
  ],
});

describe('rule timing settings and helpers', () => {
  it('the generator yields exactly the words it promises', () => {
    assert.equal(parseStory(withFrontmatter(prose(237))).wordCount, 237);
  });

  it('uses the configured pace and limit', () => {
    const text = withFrontmatter(`${prose(270)}\n`);
    const run = (wordsPerMinute: number, maxSeconds: number) =>
      checkStoryText(text, { rules: [timing], config: { ...DEFAULT_CONFIG, wordsPerMinute, maxSeconds } }).findings;
    assert.deepEqual(run(150, 120), []);
    const [slow] = run(130, 120);
    assert.equal(slow.messageId, 'tooLong');
    assert.match(slow.message, new RegExp(`^About ${formatDuration(secondsForWords(270, 130))} when spoken at 130 words per minute; aim for under 2:00`));
    assert.match(run(150, 90)[0].message, /aim for under 1:30/);
  });

  it('labels a section for the editor', () => {
    assert.equal(sectionTimingLabel({ kind: 'action', wordCount: 85 }, 150), '0:34 / 0:30–0:40');
    assert.equal(sectionTimingLabel({ kind: 'task', wordCount: 25 }, 150), '0:10');
    assert.equal(formatDuration(155), '2:35');
  });
});
