// Invariants every check must keep on any input; shared by the fuzz and corpus tests and `npm run fuzz`.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeString } from 'micromark-util-decode-string';
import { checkStoryText, LineIndex, type StoryResult } from '../../src/core';

/** A hang guard, not a benchmark: no single input may take this long. */
export const MAX_MS_PER_INPUT = 2000;

export const VALID_FRONTMATTER = '---\ntitle: Fuzzed story\nquestions: [judgment, failure]\n---\n';

/** Property run counts: modest in `npm test`, raised by FUZZ_RUNS for `npm run fuzz`. */
export function runs(base: number): number {
  const override = Number(process.env.FUZZ_RUNS);
  return Number.isFinite(override) && override > 0 ? Math.round(override) : base;
}

/** Everything of a result except the parsed story, for determinism comparisons. */
function observable(result: StoryResult) {
  const { story: _story, ...rest } = result;
  return rest;
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when `offset` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

function show(text: string): string {
  const shown = text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
  return JSON.stringify(shown);
}

/**
 * Checks `text` twice and asserts: no throw, bounded time, same findings both times, no rule crashed, and
 * every finding marks visible text inside the file with a range that matches its span.
 */
export function assertStoryInvariants(text: string): StoryResult {
  let first: StoryResult;
  const started = performance.now();
  try {
    first = checkStoryText(text);
  } catch (error) {
    assert.fail(`checkStoryText threw ${(error as Error)?.stack ?? error} on ${show(text)}`);
  }
  const firstMs = performance.now() - started;
  const secondStarted = performance.now();
  const second = checkStoryText(text);
  // The faster of two runs, so that a garbage collection or a busy machine does not pass for a hang.
  const ms = Math.min(firstMs, performance.now() - secondStarted);
  assert.ok(ms < MAX_MS_PER_INPUT, `took ${ms.toFixed(0)} ms on ${show(text)}`);
  assert.deepEqual(observable(second), observable(first), `not deterministic on ${show(text)}`);

  const lines = new LineIndex(text);
  for (const finding of first.findings) {
    const where = `${finding.ruleId}/${finding.messageId} at ${JSON.stringify(finding.span)} on ${show(text)}`;
    assert.notEqual(finding.messageId, 'internalError', `a rule crashed: ${finding.message} (${where})`);
    const { start, end } = finding.span;
    assert.ok(Number.isInteger(start) && Number.isInteger(end), `integer span: ${where}`);
    assert.ok(start >= 0 && end <= text.length, `span inside the file: ${where}`);
    assert.ok(end > start, `span not empty: ${where}`);
    assert.ok(/\S/.test(text[start]) && /\S/.test(text[end - 1]), `span starts and ends on visible text: ${where}`);
    assert.ok(!splitsPair(text, start) && !splitsPair(text, end), `span does not split a surrogate pair: ${where}`);
    assert.deepEqual(finding.range, { start: lines.positionAt(start), end: lines.positionAt(end) }, `range matches span: ${where}`);
    assert.ok(finding.message.trim().length > 0 && !/\{\w+\}/.test(finding.message), `message filled in: ${where}`);
    for (const fix of finding.fixes) {
      for (const edit of fix.edits) {
        assert.ok(edit.span.start >= 0 && edit.span.start <= edit.span.end && edit.span.end <= text.length, `fix edit inside the file: ${where}`);
        assert.equal(typeof edit.newText, 'string', `fix edit text: ${where}`);
      }
    }
  }
  for (const sentence of first.story.sentences) {
    const where = `sentence ${JSON.stringify(sentence.text)} at ${JSON.stringify(sentence.span)} on ${show(text)}`;
    assert.ok(sentence.span.start >= first.story.bodySpan.start && sentence.span.end <= text.length, `sentence inside the body: ${where}`);
    assert.ok(sentence.span.end > sentence.span.start, `sentence not empty: ${where}`);
    for (const word of sentence.words) {
      // The marked source, with escapes and character references decoded, starts and ends like the word.
      const source = decodeString(text.slice(word.span.start, word.span.end));
      const ok =
        word.span.start >= sentence.span.start && word.span.end <= sentence.span.end && source[0] === word.text[0] && source.at(-1) === word.text.at(-1);
      assert.ok(ok, `word ${JSON.stringify(word.text)} marks ${JSON.stringify(text.slice(word.span.start, word.span.end))} in ${where}`);
    }
  }
  return first;
}

/** The example bank, or the test workspace's stories when the bank is not there. */
export function exampleStories(): { name: string; text: string }[] {
  for (const folder of ['examples/netflix-pm', 'test/fixtures/workspace/stories']) {
    if (!existsSync(folder)) continue;
    const stories = readdirSync(folder)
      .filter((name) => name.endsWith('.md') && name !== 'README.md')
      .sort()
      .map((name) => ({ name, text: readFileSync(path.join(folder, name), 'utf8') }))
      .filter((story) => story.text.startsWith('---'));
    if (stories.length > 0) return stories;
  }
  throw new Error('no example stories found');
}
