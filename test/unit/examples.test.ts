import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { checkStoryText, computeCoverage, parseConfig, RULES, type Finding, type ResolvedConfig, type StoryResult } from '../../src/core';

// The bundled example bank is what a new user sees first (`npm start`, the README). These tests pin down what
// it is meant to demonstrate: which stories are strong, which weaknesses each weak story shows, and the
// coverage table that results when every rule works.

const BANK = path.resolve(__dirname, '../../examples/netflix-pm');

const STRONG = [
  'shrinking-the-free-trial.md',
  'capping-instant-payouts.md',
  'fixing-refunds-across-three-teams.md',
  'committing-to-sound-on-previews.md',
  'your-roadmap-is-a-wish-list.md',
] as const;

const WEAK = [
  'kids-profile-default.md',
  'feedback-on-seller-onboarding.md',
  'caring-too-much-about-quality.md',
  'price-change-email-all-at-once.md',
  'choosing-a-subtitle-vendor.md',
] as const;

type StoryFile = (typeof STRONG)[number] | (typeof WEAK)[number];

const knownRuleIds = RULES.map((rule) => rule.id);

function loadConfig(): { config: ResolvedConfig; problems: unknown[] } {
  return parseConfig(readFileSync(path.join(BANK, '.storybank.yaml'), 'utf8'), RULES);
}

const { config } = loadConfig();
const texts = new Map<string, string>();
const results = new Map<string, StoryResult>();

function read(file: string): string {
  let text = texts.get(file);
  if (text === undefined) {
    text = readFileSync(path.join(BANK, file), 'utf8');
    texts.set(file, text);
  }
  return text;
}

function check(file: StoryFile | 'README.md'): StoryResult {
  let result = results.get(file);
  if (!result) {
    result = checkStoryText(read(file), { config });
    results.set(file, result);
  }
  return result;
}

function findings(file: StoryFile, ruleId: string): Finding[] {
  return check(file).findings.filter((finding) => finding.ruleId === ruleId);
}

/** The exact text each finding of `ruleId` marks in `file`. */
function marked(file: StoryFile, ruleId: string): string[] {
  const text = read(file);
  return findings(file, ruleId).map((finding) => text.slice(finding.span.start, finding.span.end));
}

function describeFindings(file: StoryFile): string {
  const text = read(file);
  return check(file)
    .findings.map((finding) => `  [${finding.ruleId}] ${JSON.stringify(text.slice(finding.span.start, finding.span.end).slice(0, 80))}: ${finding.message}`)
    .join('\n');
}

/** Asserts that `ruleId` reported in `file` and that one of its findings marks text matching `pattern`. */
function assertMarks(file: StoryFile, ruleId: string, pattern: RegExp): void {
  const texts = marked(file, ruleId);
  assert.ok(
    texts.some((text) => pattern.test(text)),
    `${file}: expected a "${ruleId}" finding marking ${pattern}, got ${JSON.stringify(texts)}\nall findings:\n${describeFindings(file)}`,
  );
}

/** The rules a test relies on must be registered: a missing one would make the test prove nothing. */
function needs(...ruleIds: string[]): void {
  const missing = ruleIds.filter((id) => !knownRuleIds.includes(id));
  assert.deepEqual(missing, [], `rules not registered in RULES: ${missing.join(', ')}`);
}

function sectionOf(file: StoryFile, span: { start: number }): string | undefined {
  return check(file).story.sections.find((section) => {
    const start = section.headingSpan?.start ?? section.bodySpan.start;
    return span.start >= start && span.start < section.bodySpan.end;
  })?.kind;
}

describe('examples/netflix-pm', () => {
  it('the config file is valid and sets the profile, pace and limit', () => {
    const { config: resolved, problems } = loadConfig();
    assert.deepEqual(problems, []);
    assert.equal(resolved.profile.id, 'netflix-pm');
    assert.equal(resolved.wordsPerMinute, 150);
    assert.equal(resolved.maxSeconds, 120);
  });

  it('holds exactly the ten listed stories, all of them stories, and a README that is not one', () => {
    const files = readdirSync(BANK).filter((name) => name.endsWith('.md'));
    assert.deepEqual(files.filter((name) => name !== 'README.md').sort(), [...STRONG, ...WEAK].sort());
    for (const file of [...STRONG, ...WEAK]) {
      assert.match(file, /^[a-z0-9]+(?:-[a-z0-9]+)*\.md$/, `${file} is kebab-case`);
      const result = check(file);
      assert.equal(result.isStory, true, `${file} is a story`);
      assert.ok(result.title.length > 0, `${file} has a title`);
    }
    const readme = check('README.md');
    assert.equal(readme.isStory, false);
    assert.deepEqual(readme.findings, []);
  });

  it('shows both story styles: headings, synonym headings, and plain paragraphs', () => {
    const plain = [...STRONG, ...WEAK].filter((file) => !check(file).story.hasSectionHeadings);
    assert.deepEqual(plain.sort(), ['caring-too-much-about-quality.md', 'fixing-refunds-across-three-teams.md']);
    const titles = check('capping-instant-payouts.md').story.sections.map((section) => `${section.kind}:${section.title}`);
    assert.deepEqual(titles, ['context:Background', 'action:What I did', 'result:Outcome', 'lesson:What I learned']);
  });

  it('coverage: judgment and leadership covered, disagree-commit and candor thin, failure a gap', () => {
    needs('tradeoff', 'role', 'result');
    const stories = [...STRONG, ...WEAK].map((file) => ({ path: file, result: check(file) }));
    const coverage = computeCoverage(config.profile, stories);
    const status = Object.fromEntries(coverage.map((entry) => [entry.id, entry.status]));
    assert.deepEqual(status, {
      judgment: 'covered',
      candor: 'thin',
      'disagree-commit': 'thin',
      failure: 'gap',
      leadership: 'covered',
    });
    const ready = Object.fromEntries(coverage.map((entry) => [entry.id, [...entry.ready].sort()]));
    assert.deepEqual(ready, {
      judgment: ['capping-instant-payouts.md', 'shrinking-the-free-trial.md'],
      candor: ['your-roadmap-is-a-wish-list.md'],
      'disagree-commit': ['committing-to-sound-on-previews.md'],
      failure: [],
      leadership: ['committing-to-sound-on-previews.md', 'fixing-refunds-across-three-teams.md'],
    });
    // Each weak story that claims a question does claim it: the gaps come from the prose, not the frontmatter.
    const claimed = Object.fromEntries(coverage.map((entry) => [entry.id, entry.stories.length]));
    assert.deepEqual(claimed, { judgment: 2, candor: 2, 'disagree-commit': 2, failure: 2, leadership: 2 });
  });

  describe('strong stories', () => {
    for (const file of STRONG) {
      it(`${file} passes all three filters, with no error or warning`, () => {
        needs('tradeoff', 'role', 'result');
        const result = check(file);
        assert.deepEqual(result.filters, { tradeoff: true, role: true, result: true }, `${file}\n${describeFindings(file)}`);
        const serious = result.findings.filter((finding) => finding.severity === 'error' || finding.severity === 'warning');
        assert.deepEqual(
          serious.map((finding) => finding.ruleId),
          [],
          `${file}\n${describeFindings(file)}`,
        );
      });

      it(`${file} fits in two minutes at 150 words per minute`, () => {
        const result = check(file);
        assert.ok(result.words >= 230 && result.words <= 300, `${file}: ${result.words} words`);
        assert.ok(result.seconds <= 120, `${file}: ${result.seconds} s`);
      });
    }
  });

  describe('weak stories show what they were written to show', () => {
    it('kids-profile-default: a vague result ("it went well"), while its tradeoff and role are clear', () => {
      needs('tradeoff', 'role', 'result');
      const file = 'kids-profile-default.md';
      assertMarks(file, 'result', /went well/);
      const result = check(file);
      assert.equal(result.filters.result, false);
      assert.equal(result.filters.tradeoff, true, describeFindings(file));
      assert.equal(result.filters.role, true, describeFindings(file));
    });

    it('feedback-on-seller-onboarding: role hidden behind "we" and the passive voice, plus an "open to feedback" slogan', () => {
      needs('role', 'passive', 'slogans', 'answer-shape', 'result');
      const file = 'feedback-on-seller-onboarding.md';
      const result = check(file);
      assert.equal(result.filters.role, false, describeFindings(file));
      for (const finding of findings(file, 'role')) assert.equal(sectionOf(file, finding.span), 'action');
      assertMarks(file, 'passive', /was decided/);
      assertMarks(file, 'slogans', /open to feedback/i);
      // Claiming openness is not the feedback itself: nothing is quoted or reported.
      assert.ok(findings(file, 'answer-shape').length > 0, `expected an answer-shape finding\n${describeFindings(file)}`);
      // Its result has numbers: the story is weak for its role, not its result.
      assert.equal(result.filters.result, true, describeFindings(file));
    });

    it('caring-too-much-about-quality: a failure story in which nothing failed, with no tradeoff and a slogan', () => {
      needs('tradeoff', 'answer-shape', 'slogans', 'role', 'result');
      const file = 'caring-too-much-about-quality.md';
      const result = check(file);
      assert.equal(result.filters.tradeoff, false, describeFindings(file));
      // Reported on the question it claims: the story does not answer "failure" at all.
      assertMarks(file, 'answer-shape', /^failure$/);
      assertMarks(file, 'slogans', /passionate about/i);
      // The role and the result are clear: what is missing is a mistake, not evidence.
      assert.equal(result.filters.role, true, describeFindings(file));
      assert.equal(result.filters.result, true, describeFindings(file));
    });

    it('price-change-email-all-at-once: a mistake owned, but numbers only in the context, a vague result, and too long', () => {
      needs('timing', 'result', 'role', 'tradeoff');
      const file = 'price-change-email-all-at-once.md';
      const result = check(file);
      assert.ok(result.words > 375, `over 2:30 at 150 wpm: ${result.words} words`);
      assert.ok(
        findings(file, 'timing').some((finding) => finding.messageId === 'tooLong'),
        `expected a timing finding for the whole story\n${describeFindings(file)}`,
      );
      // The story has numbers, but only in its context: they must not rescue the result.
      const sections = result.story.sections;
      const digits = (kind: string) =>
        sections.filter((section) => section.kind === kind).some((section) => section.sentences.some((sentence) => /\d/.test(sentence.text)));
      assert.equal(digits('context'), true);
      assert.equal(digits('result'), false);
      assert.equal(result.filters.result, false, describeFindings(file));
      for (const finding of findings(file, 'result')) assert.equal(sectionOf(file, finding.span), 'result');
      assertMarks(file, 'result', /settled down|great learning experience|Result/);
      assert.equal(result.filters.role, true, describeFindings(file));
      assert.equal(result.filters.tradeoff, true, describeFindings(file));
    });

    it('choosing-a-subtitle-vendor: a misspelled question id, "my team" instead of "I", and a "team player" slogan', () => {
      needs('frontmatter', 'role', 'slogans', 'tradeoff', 'result');
      const file = 'choosing-a-subtitle-vendor.md';
      const typo = findings(file, 'frontmatter');
      assert.equal(typo.length, 1, describeFindings(file));
      assert.equal(typo[0].severity, 'error');
      assert.deepEqual(marked(file, 'frontmatter'), ['judgement']);
      assert.match(typo[0].message, /did you mean "judgment"/);
      assert.equal(check(file).filters.role, false, describeFindings(file));
      assertMarks(file, 'slogans', /team player/i);
      // Its tradeoff and result are there: what is missing is who did what.
      assert.equal(check(file).filters.tradeoff, true, describeFindings(file));
      assert.equal(check(file).filters.result, true, describeFindings(file));
    });
  });
});
