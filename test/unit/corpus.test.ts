// Corpus tests: the CommonMark spec examples, Markdown and YAML edge cases and hostile files, each checked
// against the same invariants as the fuzz tests (no throw, bounded time, determinism, sane ranges).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkStoryText, parseStory, type StoryResult } from '../../src/core';
import { assertStoryInvariants, VALID_FRONTMATTER } from './storyInvariants';

const BODY = '## Situation\nTrial churn was high.\n\n## Action\nI chose a shorter trial over reminder emails, accepting fewer signups.\n\n## Result\nChurn fell from 9% to 6% by March.\n';

/** A story whose frontmatter has the given extra YAML lines after valid title and questions. */
const withYaml = (yaml: string, body = BODY) => `---\ntitle: Trial length\nquestions: [judgment]\n${yaml}\n---\n${body}`;

function frontmatterMessages(result: StoryResult): string[] {
  return result.findings.filter((finding) => finding.ruleId === 'frontmatter').map((finding) => finding.message);
}

function marks(text: string, result: StoryResult, ruleId: string): string[] {
  return result.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => text.slice(finding.span.start, finding.span.end));
}

describe('corpus: YAML frontmatter edge cases', () => {
  it('a billion-laughs bomb is refused, not expanded', () => {
    const levels = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 12; i++) levels.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const text = withYaml(levels.join('\n'));
    const result = assertStoryInvariants(text);
    assert.equal(result.story.meta, undefined, 'no data came out of the bomb');
    assert.ok(frontmatterMessages(result).some((message) => /too far/.test(message)), frontmatterMessages(result).join('\n'));
  });

  for (const [name, yaml] of [
    ['flow sequences', `deep: ${'['.repeat(10000)}${']'.repeat(10000)}`],
    ['flow maps', `deep: ${'{a: '.repeat(10000)}1${'}'.repeat(10000)}`],
    ['unclosed flow sequences', `deep: ${'['.repeat(10000)}`],
    ['compact block sequences', `deep:\n${'- '.repeat(10000)}x`],
    ['indented block maps', Array.from({ length: 300 }, (_, depth) => `${' '.repeat(depth)}k${depth}:`).join('\n') + ' 1'],
  ] as const) {
    it(`${name} nested hundreds or thousands deep are refused with a clear message, not a stack overflow`, () => {
      const text = withYaml(yaml);
      const result = assertStoryInvariants(text);
      const messages = frontmatterMessages(result);
      assert.equal(result.story.meta, undefined);
      assert.ok(messages.length >= 1);
      assert.ok(messages.every((message) => !/call stack/i.test(message)), messages.join('\n'));
      assert.ok(messages.some((message) => /nest/.test(message)), messages.join('\n'));
      assert.equal(result.isStory, true, 'still shown as a story so the problem is seen');
    });
  }

  it('modest nesting inside quoted text and plain values is still read', () => {
    const text = withYaml(`note: "${'['.repeat(10)}"\ntags: [a, [b, [c, [d]]]]\nrole: Fix [P0] bug`);
    const result = assertStoryInvariants(text);
    assert.deepEqual(frontmatterMessages(result).filter((message) => /nest/.test(message)), []);
    assert.equal(result.story.frontmatter?.data?.role, 'Fix [P0] bug');
  });

  it('a frontmatter block of megabytes is refused quickly', () => {
    const text = withYaml(`tags:\n${'  - abcdefghijklmnop\n'.repeat(350000)}`);
    assert.ok(text.length > 7_000_000);
    const result = assertStoryInvariants(text);
    assert.ok(frontmatterMessages(result).some((message) => /KB/.test(message)), frontmatterMessages(result).join('\n'));
    assert.deepEqual(marks(text, result, 'frontmatter'), ['title: Trial length']);
  });

  it('a 100 KB key is reported, not hung on', () => {
    for (const key of ['k'.repeat(100_000), `"${'k'.repeat(100_000)}"`, `? ${'k'.repeat(100_000)}\n:`]) {
      const result = assertStoryInvariants(withYaml(`${key} 1`));
      assert.ok(frontmatterMessages(result).length >= 1);
    }
  });

  it('a 1,000-character key is read', () => {
    const key = 'k'.repeat(1000);
    const result = assertStoryInvariants(withYaml(`${key}: 1`));
    assert.equal(result.story.frontmatter?.data?.[key], 1);
  });

  it('duplicate keys are reported at the second one', () => {
    const text = '---\ntitle: One\nquestions: [judgment]\ntitle: Two\n---\n' + BODY;
    const result = assertStoryInvariants(text);
    assert.ok(frontmatterMessages(result).some((message) => /unique/.test(message)));
    assert.ok(result.findings.some((finding) => finding.ruleId === 'frontmatter' && finding.range.start.line === 3));
  });

  for (const [tag, value] of [
    ['!!js/function', `"function () { require('fs').writeFileSync('/tmp/storybank-pwned', 'x') }"`],
    ['!!js/regexp', '/(a+)+$/'],
    ['!!js/undefined', "''"],
    ['!foo', 'bar'],
    ['!<tag:example.com,2000:app/foo>', 'bar'],
  ] as const) {
    it(`the tag ${tag} is never resolved to code or objects`, () => {
      const text = withYaml(`role: ${tag} ${value}`);
      const result = assertStoryInvariants(text);
      const role = result.story.frontmatter?.data?.role;
      assert.ok(role === undefined || typeof role === 'string', `role is plain text, got ${typeof role}`);
      assert.deepEqual(marks(text, result, 'frontmatter'), [tag]);
      assert.equal(existsSync('/tmp/storybank-pwned'), false);
    });
  }

  it('!!binary yields bytes, which the schema rejects as a title instead of crashing', () => {
    const text = '---\ntitle: !!binary aGVsbG8=\nquestions: [judgment]\n---\n' + BODY;
    const result = assertStoryInvariants(text);
    assert.deepEqual(marks(text, result, 'frontmatter'), ['aGVsbG8=']);
  });

  for (const [name, yaml, anchor] of [
    ['a sequence', 'loop: &a [*a]', '*a'],
    ['a map', 'loop: &m {self: *m}', '*m'],
    ['a merge key', 'loop: &c\n  <<: *c', '*c'],
  ] as const) {
    it(`an alias to ${name} that contains it is refused, so no endless data comes out`, () => {
      const text = withYaml(yaml);
      const result = assertStoryInvariants(text);
      assert.equal(result.story.frontmatter?.data, undefined);
      assert.deepEqual(marks(text, result, 'frontmatter'), [anchor]);
      assert.match(frontmatterMessages(result)[0], /refers to/);
    });
  }

  it('an alias to an earlier anchor is read', () => {
    const result = assertStoryInvariants(withYaml('base: &b [x, y]\ntags: *b'));
    assert.deepEqual(result.story.frontmatter?.data?.tags, ['x', 'y']);
    assert.deepEqual(frontmatterMessages(result), []);
  });

  it('an alias with no anchor is reported as such, at the alias', () => {
    const text = withYaml('tags: *nowhere');
    const result = assertStoryInvariants(text);
    assert.deepEqual(marks(text, result, 'frontmatter'), ['*nowhere']);
    assert.match(frontmatterMessages(result)[0], /anchor/);
    assert.doesNotMatch(frontmatterMessages(result)[0], /too far/);
  });

  it('__proto__ and constructor keys do not pollute prototypes', () => {
    const text = withYaml('__proto__: {polluted: yes}\nconstructor: {prototype: {polluted: yes}}');
    assertStoryInvariants(text);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  });

  it('keys that are lists or maps are read without printing a Node warning', () => {
    const warnings: string[] = [];
    const listen = (warning: Error) => warnings.push(warning.message);
    process.on('warning', listen);
    assertStoryInvariants(withYaml('? [a, b]\n: 1\n? {c: 1}\n: 2'));
    // Node emits warnings on a later tick.
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        process.off('warning', listen);
        assert.deepEqual(warnings, []);
        resolve();
      }, 20),
    );
  });

  it('NUL bytes, lone surrogates, right-to-left text and emoji inside YAML values are kept as text', () => {
    const text = '---\ntitle: "🚀 إطلاق \\0 \uD800 שלום"\nquestions: [judgment]\n---\n' + BODY;
    const result = assertStoryInvariants(text);
    assert.equal(result.title, '🚀 إطلاق \0 \uD800 שלום');
  });
});
