// Practice mode's core (src/core/practice.ts): weighted question pick, story order, outline, practice-date edit.
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, computeCoverage, checkStoryText, parseStory } from '../../src/core';
import type { CoverageEntry } from '../../src/core';
import {
  STALE_CAP_DAYS,
  applyTextEdit,
  lastPracticed,
  orderPracticeStories,
  pickPracticeQuestion,
  practiceDateEdit,
  questionWeights,
  seededRandom,
  staleDays,
  storyOutline,
  weightedPick,
  type PracticeStory,
} from '../../src/core/practice';

const TODAY = '2026-11-22';
const entry = (id: string, status: CoverageEntry['status']): CoverageEntry => ({ id, title: id, status, stories: [], ready: [] });

describe('practice: question weights', () => {
  const coverage = [entry('judgment', 'covered'), entry('candor', 'gap'), entry('failure', 'thin'), entry('leadership', 'covered')];
  const stories: PracticeStory[] = [
    { path: 'a.md', questions: ['judgment'], practiced: [TODAY] },
    { path: 'b.md', questions: ['judgment', 'failure'], practiced: ['2026-11-21', '2026-10-01'] },
    { path: 'c.md', questions: ['leadership'], practiced: ['2026-11-08'] },
  ];

  it('weighs gaps and thin types over covered ones, and neglected stories over fresh ones', () => {
    const weights = Object.fromEntries(questionWeights(coverage, stories, TODAY).map((w) => [w.id, w]));
    // judgment: covered (1) × 1 + 1/7 (b.md last practised yesterday, the stalest of a.md and b.md)
    assert.equal(weights.judgment.staleDays, 1);
    assert.equal(weights.judgment.weight, 1 * (1 + 1 / 7));
    // candor: no story claims it → as stale as it gets, and a gap
    assert.equal(weights.candor.staleDays, STALE_CAP_DAYS);
    assert.equal(weights.candor.weight, 4 * (1 + STALE_CAP_DAYS / 7));
    assert.equal(weights.failure.weight, 2 * (1 + 1 / 7));
    // leadership: covered, but practised 14 days ago
    assert.equal(weights.leadership.staleDays, 14);
    assert.equal(weights.leadership.weight, 1 * (1 + 14 / 7));
    assert.ok(weights.candor.weight > weights.failure.weight && weights.failure.weight > weights.judgment.weight);
    assert.ok(weights.leadership.weight > weights.judgment.weight, 'same status: the less recently practised weighs more');
  });

  it('picks in proportion to the weights with a seeded random source (and deterministically)', () => {
    const counts: Record<string, number> = {};
    const random = seededRandom(42);
    const runs = 20_000;
    for (let i = 0; i < runs; i++) {
      const picked = pickPracticeQuestion(coverage, stories, TODAY, random)!;
      counts[picked.id] = (counts[picked.id] ?? 0) + 1;
    }
    const weights = questionWeights(coverage, stories, TODAY);
    const total = weights.reduce((sum, w) => sum + w.weight, 0);
    for (const w of weights) {
      const share = (counts[w.id] ?? 0) / runs;
      assert.ok(Math.abs(share - w.weight / total) < 0.015, `${w.id}: picked ${share.toFixed(3)}, weight share ${(w.weight / total).toFixed(3)}`);
    }
    assert.ok(counts.candor > counts.failure && counts.failure > counts.judgment);
    const sequence = (seed: number) => {
      const r = seededRandom(seed);
      return Array.from({ length: 10 }, () => pickPracticeQuestion(coverage, stories, TODAY, r)!.id);
    };
    assert.deepEqual(sequence(7), sequence(7));
    assert.notDeepEqual(sequence(7), sequence(8));
  });

  it('weightedPick maps the random value onto cumulative weights and skips zero weights', () => {
    const items = [
      { id: 'a', weight: 1 },
      { id: 'z', weight: 0 },
      { id: 'b', weight: 3 },
    ];
    assert.equal(weightedPick(items, () => 0)?.id, 'a');
    assert.equal(weightedPick(items, () => 0.249)?.id, 'a');
    assert.equal(weightedPick(items, () => 0.25)?.id, 'b');
    assert.equal(weightedPick(items, () => 0.999999)?.id, 'b');
    assert.equal(weightedPick(items, () => 1)?.id, 'b');
    assert.equal(
      weightedPick([{ weight: 0 }], () => 0.5),
      undefined,
    );
    assert.equal(
      weightedPick([], () => 0.5),
      undefined,
    );
  });

  it('dates: last practice, staleness, ordering of stories (ready first, then least recently practised)', () => {
    assert.equal(lastPracticed(['2026-01-02', '2026-11-01', 'soon', '2025-12-31']), '2026-11-01');
    assert.equal(lastPracticed([]), undefined);
    assert.equal(staleDays(undefined, TODAY), STALE_CAP_DAYS);
    assert.equal(staleDays(['2026-11-20'], TODAY), 2);
    assert.equal(staleDays(['2020-01-01'], TODAY), STALE_CAP_DAYS);
    const ordered = orderPracticeStories(
      [
        { path: 'fresh-ready.md', questions: [], practiced: [TODAY], ready: true },
        { path: 'weak.md', questions: [], practiced: [], ready: false },
        { path: 'old-ready.md', questions: [], practiced: ['2026-11-01'], ready: true },
        { path: 'never-ready.md', questions: [], practiced: [], ready: true },
      ],
      TODAY,
    );
    assert.deepEqual(
      ordered.map((s) => s.path),
      ['never-ready.md', 'old-ready.md', 'fresh-ready.md', 'weak.md'],
    );
  });

  it('works on a real coverage from stories', () => {
    const ready = checkStoryText('---\ntitle: T\nquestions: [judgment]\n---\nI chose the flagged launch over waiting five weeks.\n');
    const coverage = computeCoverage(DEFAULT_CONFIG.profile, [{ path: 'x.md', result: ready }]);
    const weights = questionWeights(coverage, [{ path: 'x.md', questions: ['judgment'], practiced: [TODAY] }], TODAY);
    assert.deepEqual(
      weights.map((w) => w.id),
      DEFAULT_CONFIG.profile.questions.map((q) => q.id),
    );
    assert.ok(weights.every((w) => w.weight > 0));
  });
});

describe('practice: storyOutline', () => {
  it('lists each section heading with its first sentence and line', () => {
    const story = parseStory(
      '---\ntitle: T\nquestions: [failure]\n---\n\n## Situation\n\nWe had 40 devices.   Then more.\n\n## What I did\n\nI approved the cut-over. It broke.\n\n## Result\n\nErrors fell to 0.3%.\n',
    );
    assert.deepEqual(storyOutline(story), [
      { kind: 'context', heading: 'Situation', firstSentence: 'We had 40 devices.', line: 5 },
      { kind: 'action', heading: 'What I did', firstSentence: 'I approved the cut-over.', line: 9 },
      { kind: 'result', heading: 'Result', firstSentence: 'Errors fell to 0.3%.', line: 13 },
    ]);
  });

  it('names inferred sections after their kind for a story without headings', () => {
    const story = parseStory(
      '---\ntitle: T\nquestions: [failure]\n---\nThe team was stuck.\n\nI rewrote the plan and\nshipped it.\n\nChurn fell by 2 points.\n',
    );
    const outline = storyOutline(story);
    assert.deepEqual(
      outline.map((o) => [o.heading, o.firstSentence]),
      [
        ['Context', 'The team was stuck.'],
        ['Action', 'I rewrote the plan and shipped it.'],
        ['Result', 'Churn fell by 2 points.'],
      ],
    );
  });
});

describe('practice: recording the date', () => {
  const record = (text: string, date = TODAY) => {
    const change = practiceDateEdit(text, date);
    assert.equal(change.kind, 'edit', JSON.stringify(change));
    return applyTextEdit(text, (change as { edit: Parameters<typeof applyTextEdit>[1] }).edit);
  };

  it('adds a practiced line before the closing fence when there is none', () => {
    assert.equal(record('---\ntitle: T\nquestions: [failure]\n---\nBody\n'), `---\ntitle: T\nquestions: [failure]\npracticed: [${TODAY}]\n---\nBody\n`);
    assert.equal(record('---\r\ntitle: T\r\n---\r\nBody\r\n'), `---\r\ntitle: T\r\npracticed: [${TODAY}]\r\n---\r\nBody\r\n`, 'CRLF kept');
  });

  it('appends to a flow list, empty or not, keeping a trailing comment', () => {
    assert.equal(
      record('---\ntitle: T\npracticed: [2026-11-01]\nstatus: ready\n---\n'),
      `---\ntitle: T\npracticed: [2026-11-01, ${TODAY}]\nstatus: ready\n---\n`,
    );
    assert.equal(record('---\npracticed: []\n---\n'), `---\npracticed: [${TODAY}]\n---\n`);
    assert.equal(record('---\npracticed: [2026-11-01] # mock loops [x]\n---\n'), `---\npracticed: [2026-11-01, ${TODAY}] # mock loops [x]\n---\n`);
  });

  it('appends an item line to a block list with its indentation', () => {
    assert.equal(
      record('---\ntitle: T\npracticed:\n    - 2026-10-01\n    - 2026-11-01\ntags: [x]\n---\n'),
      `---\ntitle: T\npracticed:\n    - 2026-10-01\n    - 2026-11-01\n    - ${TODAY}\ntags: [x]\n---\n`,
    );
    assert.equal(record('---\npracticed:\n---\n'), `---\npracticed:\n  - ${TODAY}\n---\n`);
    assert.equal(record('---\r\npracticed:\r\n- 2026-10-01\r\n---\r\n'), `---\r\npracticed:\r\n- 2026-10-01\r\n- ${TODAY}\r\n---\r\n`);
  });

  it('leaves everything else alone and refuses what it cannot edit safely', () => {
    const text = '---\ntitle: "practiced: [no]"\nquestions: [failure]\n---\npracticed: [not frontmatter]\n';
    assert.equal(record(text), `---\ntitle: "practiced: [no]"\nquestions: [failure]\npracticed: [${TODAY}]\n---\npracticed: [not frontmatter]\n`);
    assert.deepEqual(practiceDateEdit(`---\npracticed: [${TODAY}]\n---\n`, TODAY), { kind: 'already' });
    assert.deepEqual(practiceDateEdit(`---\npracticed:\n  - ${TODAY}\n---\n`, TODAY), { kind: 'already' });
    assert.equal(practiceDateEdit('No frontmatter\n', TODAY).kind, 'unsupported');
    assert.equal(practiceDateEdit('---\ntitle: T\n', TODAY).kind, 'unsupported');
    assert.equal(practiceDateEdit('---\npracticed: [2026-01-01,\n  2026-02-01]\n---\n', TODAY).kind, 'unsupported');
    assert.equal(practiceDateEdit('---\npracticed: yesterday\n---\n', TODAY).kind, 'unsupported');
    assert.equal(practiceDateEdit('---\n---\n', 'today').kind, 'unsupported');
  });

  it('the recorded story still parses, with the date in meta.practiced', () => {
    const updated = record('---\ntitle: T\nquestions: [failure]\npracticed:\n  - 2026-10-01\n---\nBody\n');
    assert.deepEqual(parseStory(updated).meta?.practiced, ['2026-10-01', TODAY]);
  });
});
