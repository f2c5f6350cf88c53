import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, ProfileSchema, RULES, checkStoryText, getProfile, parseConfig, resolveConfig } from '../../src/core';

const knownRules = RULES;

describe('configuration', () => {
  it('an empty file resolves to the defaults', () => {
    const { config, problems } = parseConfig('', knownRules);
    assert.deepEqual(problems, []);
    assert.equal(config.profile.id, 'netflix-pm');
    assert.equal(config.wordsPerMinute, 150);
    assert.equal(config.maxSeconds, 120);
  });

  it('reads pace, limit, globs and rule settings', () => {
    const { config, problems } = parseConfig('wordsPerMinute: 130\nmaxSeconds: 90\nstories: "stories/**/*.md"\nrules:\n  frontmatter: warning\n', knownRules);
    assert.deepEqual(problems, []);
    assert.equal(config.wordsPerMinute, 130);
    assert.equal(config.maxSeconds, 90);
    assert.deepEqual(config.stories, ['stories/**/*.md']);
    assert.equal(config.rules.frontmatter.severity, 'warning');
  });

  it('keeps the valid settings when one is wrong, and points at the wrong one', () => {
    const { config, problems } = parseConfig('maxSeconds: 90\nwordsPerMinute: lots\nbogus: 1\n', knownRules);
    assert.equal(config.maxSeconds, 90);
    assert.equal(config.wordsPerMinute, 150);
    assert.deepEqual(
      problems.map((problem) => problem.range.start.line),
      [1, 2],
    );
    assert.match(problems[1].message, /unknown setting "bogus"/);
  });

  it('reports broken YAML and an unknown profile with positions', () => {
    assert.equal(parseConfig('rules: [unclosed\n', knownRules).problems[0].range.start.line, 0);
    const { problems } = parseConfig('profile: amazon\n', knownRules);
    assert.match(problems[0].message, /Unknown profile "amazon"/);
    assert.deepEqual(problems[0].range.start, { line: 0, character: 9 });
  });

  it("checks rule options against the rule's own schema, at their place in the file", () => {
    const text = 'rules:\n  role:\n    severity: error\n    minActions: 0\n    weThreshhold: 3\n  timing:\n    overFactr: 2\n';
    const { config, problems } = parseConfig(text, knownRules);
    const byLine = new Map(problems.map((problem) => [problem.range.start.line, problem]));
    assert.equal(problems.length, 3, problems.map((problem) => problem.message).join('\n'));
    assert.match(byLine.get(3)!.message, /rules\.role\.minActions: .*default/);
    assert.deepEqual(byLine.get(3)!.range.start, { line: 3, character: 16 });
    assert.match(byLine.get(4)!.message, /unknown option "weThreshhold"; did you mean "weThreshold"\?/);
    assert.deepEqual(
      [byLine.get(4)!.range.start, byLine.get(4)!.range.end],
      [
        { line: 4, character: 4 },
        { line: 4, character: 16 },
      ],
    );
    assert.match(byLine.get(6)!.message, /unknown option "overFactr"; did you mean "overFactor"\?/);
    // The rest of the entry still applies; the bad values are dropped, so the rule runs on its defaults for them.
    assert.equal(config.rules.role.severity, 'error');
    assert.deepEqual(config.rules.role.options, {});
  });

  it('valid rule options pass without a problem and reach the rule', () => {
    const { config, problems } = parseConfig('rules:\n  role:\n    minActions: 2\n', knownRules);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.rules.role.options, { minActions: 2 });
    const oneAction = '---\ntitle: T\nquestions: [judgment]\n---\n## Action\nI rewrote the pricing spec.\n';
    assert.equal(checkStoryText(oneAction).filters.role, true);
    assert.equal(checkStoryText(oneAction, { config }).filters.role, false);
  });

  it('section times carry the configured budgets, the ones the timing rule judges by', () => {
    const { config, problems } = parseConfig('rules:\n  timing:\n    budgets:\n      action: { min: 200, max: 400 }\n', knownRules);
    assert.deepEqual(problems, []);
    const story = '---\ntitle: T\nquestions: [judgment]\n---\n## Situation\nSignups fell.\n\n## Action\nI rewrote the pricing page.\n';
    const byKind = (result: ReturnType<typeof checkStoryText>) => Object.fromEntries(result.sectionTimes.map((section) => [section.kind, section.budget]));
    assert.deepEqual(byKind(checkStoryText(story)).action, { min: 30, max: 40 });
    assert.deepEqual(byKind(checkStoryText(story, { config })).action, { min: 200, max: 400 });
    assert.deepEqual(byKind(checkStoryText(story, { config })).context, byKind(checkStoryText(story)).context);
  });

  it('a rule set to off reports nothing and a severity override applies', () => {
    const text = '---\ntitle: T\nquestions: [judgement]\n---\nBody.\n';
    const off = resolveConfig(DEFAULT_CONFIG, { rules: { frontmatter: { severity: 'off' } } });
    assert.equal(checkStoryText(text, { config: off }).findings.filter((f) => f.ruleId === 'frontmatter').length, 0);
    const info = resolveConfig(DEFAULT_CONFIG, { rules: { frontmatter: { severity: 'info' } } });
    assert.equal(checkStoryText(text, { config: info }).findings.find((f) => f.ruleId === 'frontmatter')?.severity, 'info');
  });

  it('disable comments silence a rule for the file or the next line', () => {
    const typo = '---\ntitle: T\nquestions: [judgement]\n---\n';
    assert.equal(checkStoryText(typo + '<!-- storybank-disable frontmatter -->\n').findings.filter((f) => f.ruleId === 'frontmatter').length, 0);
    assert.equal(checkStoryText(typo + '<!-- storybank-disable tradeoff -->\n').findings.filter((f) => f.ruleId === 'frontmatter').length, 1);
  });

  it('the built-in profile validates as data', () => {
    const profile = getProfile('netflix-pm')!;
    assert.ok(ProfileSchema.safeParse(profile).success);
    assert.deepEqual(
      profile.questions.map((question) => question.id),
      ['judgment', 'candor', 'disagree-commit', 'failure', 'leadership'],
    );
    assert.equal(ProfileSchema.safeParse({ ...profile, questions: [] }).success, false);
  });
});
