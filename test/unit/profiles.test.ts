import assert from 'node:assert/strict';
import {
  BUILT_IN_PROFILES,
  DEFAULT_CONFIG,
  ProfileSchema,
  RULES,
  checkStoryText,
  computeCoverage,
  findProfile,
  getProfile,
  knownProfiles,
  parseConfig,
  parseStory,
  resolveConfig,
  withProfile,
} from '../../src/core';

const knownRules = RULES;

const AMAZON_IDS = [
  'customer-obsession',
  'ownership',
  'invent-and-simplify',
  'are-right-a-lot',
  'learn-and-be-curious',
  'hire-and-develop-the-best',
  'insist-on-the-highest-standards',
  'think-big',
  'bias-for-action',
  'frugality',
  'earn-trust',
  'dive-deep',
  'have-backbone',
  'deliver-results',
  'strive-to-be-earths-best-employer',
  'success-and-scale-bring-broad-responsibility',
];

const CUSTOM = `profile: startup-pm
profiles:
  - id: startup-pm
    title: Startup PM
    description: What a seed-stage founder asks a first PM.
    questions:
      - id: scrappy
        title: Scrappy launch
        question: Tell me about shipping with almost nothing.
        listensFor: Resourcefulness under constraint.
        answerShape: [The constraint, What you cut, What shipped]
      - id: user-calls
        title: Talking to users
        question: When did a user conversation change your plan?
        listensFor: First-hand learning.
        answerShape: [The call, What you heard, What changed]
        shapeCheck: feedback
`;

describe('profiles', () => {
  it('ships netflix-pm, amazon-lp and general-behavioral, each valid as data, netflix-pm first', () => {
    assert.deepEqual([...BUILT_IN_PROFILES.keys()], ['netflix-pm', 'amazon-lp', 'general-behavioral']);
    for (const profile of BUILT_IN_PROFILES.values()) {
      assert.ok(ProfileSchema.safeParse(profile).success, profile.id);
      for (const question of profile.questions) {
        assert.match(question.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, `${profile.id}/${question.id} is kebab-case`);
        assert.ok(question.answerShape.length >= 3, `${profile.id}/${question.id} has an answer shape`);
        assert.ok(question.question.endsWith('?') || question.question.endsWith('.'), `${profile.id}/${question.id} reads as a question`);
      }
    }
  });

  it('amazon-lp has the sixteen Leadership Principles in order; backbone checks commitment, are-right-a-lot checks options', () => {
    const amazon = getProfile('amazon-lp')!;
    assert.deepEqual(
      amazon.questions.map((q) => q.id),
      AMAZON_IDS,
    );
    assert.equal(amazon.questions.find((q) => q.id === 'have-backbone')?.shapeCheck, 'commitment');
    assert.equal(amazon.questions.find((q) => q.id === 'are-right-a-lot')?.shapeCheck, 'options');
    assert.equal(amazon.questions.find((q) => q.id === 'ownership')?.shapeCheck, undefined, 'Ownership is not a failure story');
    assert.equal(amazon.questions.find((q) => q.id === 'have-backbone')?.title, 'Have Backbone; Disagree and Commit');
  });

  it('general-behavioral covers the eight themes', () => {
    assert.deepEqual(
      getProfile('general-behavioral')!.questions.map((q) => q.id),
      ['teamwork', 'conflict', 'failure', 'leadership', 'ambiguity', 'prioritization', 'customer-focus', 'growth'],
    );
  });

  it('no description repeats another one: every question is written for its own type', () => {
    const texts = [...BUILT_IN_PROFILES.values()].flatMap((p) => p.questions.flatMap((q) => [q.question, q.listensFor]));
    assert.equal(new Set(texts).size, texts.length);
  });

  it('the schema refuses a question id used twice in one profile, at that id', () => {
    const profile = getProfile('general-behavioral')!;
    const twice = ProfileSchema.safeParse({ ...profile, questions: [...profile.questions, profile.questions[0]] });
    assert.equal(twice.success, false);
    assert.deepEqual(twice.error?.issues[0].path, ['questions', profile.questions.length, 'id']);
  });

  it('config can select a built-in profile, and an unknown one gets a suggestion', () => {
    assert.equal(parseConfig('profile: amazon-lp\n', knownRules).config.profile.id, 'amazon-lp');
    const typo = parseConfig('profile: general-behavioural\n', knownRules);
    assert.equal(typo.config.profile.id, 'netflix-pm');
    assert.match(typo.problems[0].message, /did you mean "general-behavioral"/);
  });

  it('a custom profile from .storybank.yaml is validated, known and can be the active one', () => {
    const { config, problems } = parseConfig(CUSTOM, knownRules);
    assert.deepEqual(problems, []);
    assert.equal(config.profile.id, 'startup-pm');
    assert.deepEqual(
      config.profile.questions.map((q) => q.id),
      ['scrappy', 'user-calls'],
    );
    assert.deepEqual(
      knownProfiles(config).map((p) => p.id),
      ['netflix-pm', 'amazon-lp', 'general-behavioral', 'startup-pm'],
    );
    assert.equal(findProfile(config, 'startup-pm')?.title, 'Startup PM');
    assert.equal(withProfile(config, 'amazon-lp')?.profile.id, 'amazon-lp');
    assert.equal(withProfile(config, 'nope'), undefined);
    // Stories are judged against it.
    const story = '---\ntitle: T\nquestions: [scrappy, judgment]\n---\nI shipped it.\n';
    const unknown = checkStoryText(story, { config }).findings.filter((f) => f.messageId === 'unknownQuestion');
    assert.deepEqual(
      unknown.map((f) => story.slice(f.span.start, f.span.end)),
      ['judgment'],
    );
  });

  it('a broken custom profile is reported at the exact field; the valid ones are kept', () => {
    const text =
      CUSTOM.replace('      - id: user-calls', '      - id: User Calls').replace('profile: startup-pm\n', 'profile: startup-pm\nmaxSeconds: 90\n') +
      '  - id: other\n    title: Other\n    description: Fine.\n    questions:\n      - {id: one, title: One, question: Q?, listensFor: L, answerShape: [A]}\n';
    const { config, problems } = parseConfig(text, knownRules);
    assert.equal(problems.length, 2, JSON.stringify(problems));
    assert.equal(problems[1].message, 'Profile "startup-pm" is not used until the problems in its definition are fixed.');
    assert.deepEqual(problems[1].range.start, { line: 0, character: 9 });
    assert.match(problems[0].message, /^profiles\.0\.questions\.1\.id: question ids are lowercase words joined by hyphens/);
    const line = text.split('\n').findIndex((l) => l.includes('User Calls'));
    assert.deepEqual(problems[0].range.start, { line, character: text.split('\n')[line].indexOf('User Calls') });
    assert.deepEqual(
      config.profiles.map((p) => p.id),
      ['other'],
    );
    assert.equal(config.maxSeconds, 90);
    assert.equal(config.profile.id, 'netflix-pm', 'the broken profile cannot be selected');
  });

  it('a custom profile may not reuse a built-in id or its own id twice', () => {
    const dup = `profiles:
  - {id: amazon-lp, title: Mine, description: D, questions: [{id: a, title: A, question: Q, listensFor: L, answerShape: [S]}]}
  - {id: mine, title: Mine, description: D, questions: [{id: a, title: A, question: Q, listensFor: L, answerShape: [S]}]}
  - {id: mine, title: Again, description: D, questions: [{id: b, title: B, question: Q, listensFor: L, answerShape: [S]}]}
`;
    const { config, problems } = parseConfig(dup, knownRules);
    assert.deepEqual(
      problems.map((p) => [p.message, p.range.start.line]),
      [
        ['profiles.0.id: "amazon-lp" is a built-in profile; give yours another id', 1],
        ['profiles.2.id: profile "mine" is defined twice', 3],
      ],
    );
    assert.deepEqual(
      config.profiles.map((p) => p.title),
      ['Mine'],
    );
    assert.equal(getProfile('amazon-lp')!.title, 'Amazon Leadership Principles', 'the built-in stays');
  });

  it('the default configuration has no custom profiles', () => {
    assert.deepEqual(DEFAULT_CONFIG.profiles, []);
  });

  describe('one story, several profiles', () => {
    const both =
      '---\ntitle: Both\nquestions:\n  netflix-pm: [judgment]\n  amazon-lp: [are-right-a-lot, bias-for-action]\n---\nI chose the pilot over a full launch. Conversion rose from 4% to 6%.\n';
    const netflixOnly = '---\ntitle: Netflix only\nquestions: [judgment, failure]\n---\nI chose the pilot over a full launch. Conversion rose from 4% to 6%.\n';
    const amazon = withProfile(DEFAULT_CONFIG, 'amazon-lp')!;

    it('parseStory keeps every id with its profile key and resolves the default profile', () => {
      const story = parseStory(both);
      assert.deepEqual(
        story.questionRefs.map((q) => [q.profile, q.id, both.slice(q.span.start, q.span.end)]),
        [
          ['netflix-pm', 'judgment', 'judgment'],
          ['amazon-lp', 'are-right-a-lot', 'are-right-a-lot'],
          ['amazon-lp', 'bias-for-action', 'bias-for-action'],
        ],
      );
      assert.deepEqual(
        story.questionProfiles.map((k) => both.slice(k.span.start, k.span.end)),
        ['netflix-pm', 'amazon-lp'],
      );
      assert.deepEqual(
        story.questions.map((q) => q.id),
        ['judgment'],
      );
      assert.deepEqual(
        parseStory(netflixOnly).questions.map((q) => q.id),
        ['judgment', 'failure'],
      );
    });

    it('the active profile picks the list: a map entry, or nothing', () => {
      assert.deepEqual(checkStoryText(both).questions, ['judgment']);
      assert.deepEqual(checkStoryText(both, { config: amazon }).questions, ['are-right-a-lot', 'bias-for-action']);
      const general = withProfile(DEFAULT_CONFIG, 'general-behavioral')!;
      const none = checkStoryText(both, { config: general });
      assert.deepEqual(none.questions, [], 'no entry for the profile: claims nothing');
      assert.ok(none.isStory);
      assert.deepEqual(
        none.findings.filter((f) => f.ruleId === 'frontmatter'),
        [],
        'and that is not an error',
      );
    });

    it('switching the view keeps a plain list with the configured profile: it claims nothing in amazon-lp and is not an error', () => {
      const result = checkStoryText(netflixOnly, { config: amazon });
      assert.deepEqual(result.questions, []);
      assert.deepEqual(
        result.findings.filter((f) => f.ruleId === 'frontmatter'),
        [],
      );
      assert.equal(amazon.bankProfileId, 'netflix-pm');
      const coverage = computeCoverage(amazon.profile, [
        { path: 'a.md', result },
        { path: 'b.md', result: checkStoryText(both, { config: amazon }) },
      ]);
      assert.equal(coverage.length, 16);
      assert.deepEqual(
        coverage.filter((c) => c.stories.length > 0).map((c) => [c.id, c.stories]),
        [
          ['are-right-a-lot', ['b.md']],
          ['bias-for-action', ['b.md']],
        ],
      );
    });

    it('a configured profile owns plain lists: profile: amazon-lp in the config judges [judgment] as unknown there', () => {
      const { config } = parseConfig('profile: amazon-lp\n', knownRules);
      assert.equal(config.bankProfileId, 'amazon-lp');
      const findings = checkStoryText(netflixOnly, { config }).findings.filter((f) => f.messageId === 'unknownQuestion');
      assert.deepEqual(
        findings.map((f) => netflixOnly.slice(f.span.start, f.span.end)),
        ['judgment', 'failure'],
      );
      assert.match(findings[0].message, /amazon-lp ids/);
      // resolveConfig with an explicit profile (the CLI's --profile) does the same.
      assert.equal(resolveConfig(DEFAULT_CONFIG, {}, getProfile('amazon-lp')).bankProfileId, 'amazon-lp');
    });

    it('answer-shape follows the active profile: have-backbone asks for the commitment', () => {
      const story =
        '---\ntitle: T\nquestions: {amazon-lp: [have-backbone]}\n---\nI argued against the redesign with churn data. The VP disagreed. Churn rose from 2% to 3%.\n';
      const shape = (config = DEFAULT_CONFIG) => checkStoryText(story, { config }).findings.filter((f) => f.ruleId === 'answer-shape');
      assert.deepEqual(shape(), [], 'netflix-pm: the story claims nothing there, so no shape is asked for');
      const inAmazon = shape(amazon);
      assert.equal(inAmazon.length, 1);
      assert.equal(story.slice(inAmazon[0].span.start, inAmazon[0].span.end), 'have-backbone');
    });

    it('ids under a custom profile are checked against it', () => {
      const { config } = parseConfig(CUSTOM.replace('profile: startup-pm\n', ''), knownRules);
      const story = '---\ntitle: T\nquestions: {startup-pm: [scrapy], netflix-pm: [candor]}\n---\nBody.\n';
      const findings = checkStoryText(story, { config }).findings.filter((f) => f.ruleId === 'frontmatter');
      assert.deepEqual(
        findings.map((f) => [story.slice(f.span.start, f.span.end), f.message]),
        [['scrapy', 'Unexpected question id "scrapy", expected one of the startup-pm ids: did you mean "scrappy"?']],
      );
      // Without the custom profile in the configuration the key itself is unknown.
      const unknown = checkStoryText(story).findings.filter((f) => f.ruleId === 'frontmatter');
      assert.deepEqual(
        unknown.map((f) => [story.slice(f.span.start, f.span.end), f.messageId]),
        [['startup-pm', 'unknownProfile']],
      );
    });
  });
});
