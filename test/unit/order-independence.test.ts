// A story's result is a function of its text and the configuration only: not of the stories the same process
// checked before it (the tagger learns the words it reads), nor of which other stories shared its worker thread.
// "Alone" runs in a fresh process, since this test process has checked many stories already.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG, checkStoryText } from '../../src/core';

const root = path.resolve(__dirname, '../..');

/** Read before the sprint story, "the team's," teaches the tagger "team's" as one word. */
const TEACHES_TEAMS = `---
title: Denials review
questions: [candor]
---

A coder on my team was closing claims too fast. I sat down with him, showed him his denials next to the team's, and said plainly that the rushing had to stop. I moved his claims through a second check for a month and met him every Friday. His denial rate fell from 14% to 5% by the end of the quarter.
`;

const SPRINT_SCOPE = `---
title: Trimming sprint scope
questions: [candor]
---

I was a PM at a payroll software company, and my director told me in a review that I kept overloading the team in planning. That was hard to hear. I thought about it a lot. The team and our EM then decided to cut sprint scope by about a third so we'd stop carrying work over, which meant a couple of customer requests got pushed to next quarter. I was supportive of that. Over the next three sprints the team's carry-over went from roughly 40% of committed points to under 10%, and sales finally got firm dates they could quote.
`;

const EXAMPLE_BANK = path.join(root, 'examples', 'netflix-pm');
const exampleStories = ['shrinking-the-free-trial.md', 'capping-instant-payouts.md']
  .map((name) => path.join(EXAMPLE_BANK, name))
  .map((file) => readFileSync(file, 'utf8'));

/** What a check reports, as plain data. Also the child process's source, so it must stay free of imports. */
const SUMMARY = `(check, config, text) => {
  const result = check(text, { config });
  return JSON.stringify({
    filters: result.filters,
    evidence: result.evidence,
    ready: result.ready,
    words: result.words,
    findings: result.findings.map((finding) => [finding.ruleId, finding.severity, finding.message, finding.range]),
  });
}`;
const summarize = new Function(`return ${SUMMARY}`)() as (check: typeof checkStoryText, config: typeof DEFAULT_CONFIG, text: string) => string;
const summary = (text: string) => summarize(checkStoryText, DEFAULT_CONFIG, text);

/** Checks the texts in order in a new process and returns each one's summary. */
function checkInFreshProcess(texts: string[]): string[] {
  const script = `
    const { DEFAULT_CONFIG, checkStoryText } = require(${JSON.stringify(path.join(root, 'src/core'))});
    const texts = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    const summarize = ${SUMMARY};
    process.stdout.write(JSON.stringify(texts.map((text) => summarize(checkStoryText, DEFAULT_CONFIG, text))));
  `;
  const child = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
    cwd: root,
    input: JSON.stringify(texts),
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as string[];
}

describe('a story is judged the same whatever was checked before it', function () {
  this.timeout(120_000);

  it('alone in a process, after a story that teaches the tagger a word, and among others', () => {
    const [sprintAlone] = checkInFreshProcess([SPRINT_SCOPE]);
    const [teachesAlone] = checkInFreshProcess([TEACHES_TEAMS]);
    const [, , sprintAfter, , teachesAfter] = checkInFreshProcess([TEACHES_TEAMS, exampleStories[0], SPRINT_SCOPE, exampleStories[1], TEACHES_TEAMS]);
    assert.equal(sprintAfter, sprintAlone, 'the sprint story after "the team\'s,"');
    assert.equal(teachesAfter, teachesAlone, 'a story checked a second time');
    // This process has checked every other unit test's stories by now, in whatever order mocha ran them.
    assert.equal(summary(SPRINT_SCOPE), sprintAlone, 'the sprint story in this process');
    assert.equal(summary(TEACHES_TEAMS), teachesAlone, 'the denials story in this process');
  });
});
