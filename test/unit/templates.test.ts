import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkStoryText, getProfile, DEFAULT_PROFILE_ID, SECTION_KINDS } from '../../src/core';
import { buildSnippets, slugify, storyTemplate, templateSections, yamlString } from '../../src/core/templates';
import { SNIPPETS_PATH, snippetsJson } from '../../scripts/snippets';

const profile = getProfile(DEFAULT_PROFILE_ID)!;

describe('story templates', () => {
  it('snippets/markdown.json is generated from the templates (run `npm run snippets`)', () => {
    assert.equal(readFileSync(SNIPPETS_PATH, 'utf8'), snippetsJson());
  });

  for (const question of profile.questions) {
    it(`the ${question.id} skeleton is a story claiming ${question.id}, with every answer-shape step as a prompt and no prose`, () => {
      const text = storyTemplate(question, 'Pricing: the "hard" call');
      const result = checkStoryText(text);
      assert.equal(result.isStory, true);
      assert.deepEqual(result.questions, [question.id]);
      assert.equal(result.title, 'Pricing: the "hard" call');
      assert.equal(result.words, 0, 'prompts are comments, not words');
      assert.deepEqual(
        result.story.sections.map((s) => s.kind),
        ['context', 'action', 'result', 'lesson'],
      );
      for (const step of question.answerShape) assert.ok(text.includes(`<!-- ${step}. -->`), step);
      assert.ok(!result.findings.some((f) => f.ruleId === 'frontmatter'), 'frontmatter is valid');
      // A fresh template has nothing to judge yet: it must not show any filter as passed (issue 10, 3.4).
      assert.deepEqual(result.filters, { tradeoff: false, role: false, result: false });
      assert.deepEqual(result.ready, []);
    });

    it(`the ${question.id} snippet, its placeholder prompts not yet replaced, passes no filter`, () => {
      const snippet = buildSnippets(profile)[`Story: ${question.title}`];
      // The text a snippet leaves when every tab stop is accepted as it is: its placeholder prompts as prose.
      const text = snippet.body
        .join('\n')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$0/g, '')
        .replace(/\\([\\$}])/g, '$1');
      const result = checkStoryText(text);
      assert.equal(result.isStory, true);
      assert.ok(result.words > 0, 'the prompts are there as prose');
      assert.deepEqual(result.filters, { tradeoff: false, role: false, result: false }, JSON.stringify(result.evidence));
    });
  }

  it('assigns every answer-shape step to exactly one section', () => {
    for (const question of profile.questions) {
      const steps = templateSections(question).flatMap((section) => section.prompts);
      for (const step of question.answerShape) assert.equal(steps.filter((s) => s === step).length, 1, `${question.id}: ${step}`);
      for (const section of templateSections(question)) assert.ok(SECTION_KINDS.includes(section.kind));
    }
  });

  it('has a full skeleton per question type and one snippet per section, with unique prefixes', () => {
    const snippets = Object.values(buildSnippets(profile));
    const prefixes = snippets.map((s) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length);
    for (const question of profile.questions) assert.ok(prefixes.includes(`story-${question.id}`));
    for (const name of ['situation', 'action', 'result', 'lesson']) assert.ok(prefixes.includes(`section-${name}`));
    const failure = snippets.find((s) => s.prefix === 'story-failure')!;
    assert.ok(failure.body.includes('questions: [failure]'));
    assert.ok(failure.body.some((line) => line.includes('${4:How you corrected course.}')));
  });

  it('slugs are file-name safe and never empty', () => {
    assert.equal(slugify('Shrinking the free trial!'), 'shrinking-the-free-trial');
    assert.equal(slugify('Café: ünder / over'), 'cafe-under-over');
    assert.equal(slugify('???'), 'story');
    assert.ok(slugify('x'.repeat(200)).length <= 60);
  });

  it('quotes titles only when YAML needs it', () => {
    assert.equal(yamlString('Shrinking the trial'), 'Shrinking the trial');
    assert.equal(yamlString('Trial: 7 days'), '"Trial: 7 days"');
    assert.equal(yamlString('#1 priority'), '"#1 priority"');
    assert.equal(yamlString('- dash'), '"- dash"');
  });
});
