import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkStoryText, type StoryResult } from '../../src/core';
import { decodeStoryBytes } from '../../src/core/bank';

function assertSaneRanges(text: string, result: StoryResult) {
  for (const finding of result.findings) {
    assert.ok(finding.span.start >= 0 && finding.span.end <= text.length, `${finding.ruleId} range inside the file`);
    assert.ok(finding.span.end > finding.span.start, `${finding.ruleId} range is not empty`);
    assert.ok(text.slice(finding.span.start, finding.span.end).trim().length > 0, `${finding.ruleId} marks visible text`);
  }
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

function marked(text: string, result: StoryResult, ruleId: string): string[] {
  return result.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => text.slice(finding.span.start, finding.span.end));
}

const STORY =
  '---\ntitle: Trial length\nquestions: [judgment]\n---\n## Situation\nTrial churn was high.\n\n## Action\nI chose a shorter trial over reminder emails, accepting fewer signups.\n\n## Result\nChurn fell from 9% to 6% by March.\n';

describe('bad input', () => {
  it('an empty file is not a story and yields nothing', () => {
    const result = checkStoryText('');
    assert.equal(result.isStory, false);
    assert.deepEqual(result.findings, []);
  });

  it('a file without frontmatter is not a story', () => {
    const result = checkStoryText('# Notes\n\nJust some notes, with no frontmatter.\n');
    assert.equal(result.isStory, false);
  });

  it('frontmatter only: a story with a finding on visible text', () => {
    const text = '---\ntitle: Empty\nquestions: [candor]\n---\n';
    const result = checkStoryText(text);
    assert.equal(result.isStory, true);
    assert.ok(result.findings.length > 0, 'an empty story is reported');
    assertSaneRanges(text, result);
  });

  it('broken YAML is reported at the broken line', () => {
    const text = '---\ntitle: Broken\nquestions: [judgment\nstatus: draft\n---\nBody.\n';
    const result = checkStoryText(text);
    const problems = result.findings.filter((finding) => finding.ruleId === 'frontmatter');
    assert.ok(problems.length >= 1);
    assert.equal(problems[0].range.start.line, 2, 'points into the questions line');
    assertSaneRanges(text, result);
  });

  it('a billion-laughs alias bomb is refused quickly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [*${previous},*${previous},*${previous},*${previous},*${previous},*${previous},*${previous},*${previous},*${previous}]`);
    }
    const text = `---\ntitle: Bomb\nquestions: [judgment]\n${levels.join('\n')}\n---\nI chose speed.\n`;
    const { value: result, ms } = timed(() => checkStoryText(text));
    assert.ok(ms < 1000, `finished in ${ms.toFixed(0)} ms`);
    assert.ok(result.findings.some((finding) => finding.ruleId === 'frontmatter' && /too far|alias/i.test(finding.message)));
    assertSaneRanges(text, result);
  });

  for (const language of ['js', 'javascript', 'coffee']) {
    it(`---${language} frontmatter is refused and never runs`, () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'storybank-js-'));
      const target = path.join(dir, 'pwned.txt');
      const payload =
        language === 'coffee'
          ? `require('fs').writeFileSync(${JSON.stringify(target)}, 'x')`
          : `{ title: require('fs').writeFileSync(${JSON.stringify(target)}, 'x') || 'T', questions: ['judgment'] }`;
      const text = `---${language}\n${payload}\n---\nI chose speed over polish.\n`;
      try {
        const result = checkStoryText(text);
        assert.equal(existsSync(target), false, 'the frontmatter code did not run');
        const refused = result.findings.filter((finding) => finding.ruleId === 'frontmatter' && /refused/.test(finding.message));
        assert.equal(refused.length, 1);
        assert.equal(text.slice(refused[0].span.start, refused[0].span.end), `---${language}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('a byte-order mark does not shift positions', () => {
    const plain = checkStoryText('---\ntitle: T\nquestions: [judgement]\n---\nBody text here.\n');
    const withBom = checkStoryText('\uFEFF---\ntitle: T\nquestions: [judgement]\n---\nBody text here.\n');
    assert.equal(withBom.isStory, true);
    const a = plain.findings.find((finding) => finding.ruleId === 'frontmatter')!;
    const b = withBom.findings.find((finding) => finding.ruleId === 'frontmatter')!;
    assert.deepEqual(b.range, a.range);
  });

  for (const [name, eol] of [
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ] as const) {
    it(`${name} line endings give the same lines and columns as LF`, () => {
      const lf = checkStoryText(STORY.replace('judgment', 'judgement'));
      const other = checkStoryText(STORY.replace('judgment', 'judgement').replace(/\n/g, eol));
      assert.equal(other.isStory, true);
      assert.deepEqual(
        other.findings.map((finding) => [finding.ruleId, finding.range]),
        lf.findings.map((finding) => [finding.ruleId, finding.range]),
      );
      assert.equal(other.words, lf.words);
    });
  }

  it('binary files are refused with a message', () => {
    const outcome = decodeStoryBytes(new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0xff]));
    assert.equal(outcome.ok, false);
    assert.match((outcome as { message: string }).message, /binary/);
  });

  it('non-UTF-8 files are refused with a message', () => {
    const latin1 = Buffer.from('---\ntitle: Caf\xe9\nquestions: [judgment]\n---\n', 'latin1');
    const outcome = decodeStoryBytes(latin1);
    assert.equal(outcome.ok, false);
    assert.match((outcome as { message: string }).message, /UTF-8/);
  });

  it('a UTF-8 BOM is dropped when decoding', () => {
    const outcome = decodeStoryBytes(Buffer.from('\uFEFF---\ntitle: T\n---\n', 'utf8'));
    assert.deepEqual(outcome, { ok: true, text: '---\ntitle: T\n---\n' });
  });

  it('a 5 MB story finishes quickly with one clear finding', () => {
    const body = 'I chose the smaller launch over a full rollout and churn fell by 3 percent. '.repeat(70000);
    const text = `---\ntitle: Huge\nquestions: [judgment]\n---\n${body}\n`;
    assert.ok(text.length > 5_000_000);
    const { value: result, ms } = timed(() => checkStoryText(text));
    assert.ok(ms < 3000, `took ${ms.toFixed(0)} ms`);
    assert.equal(marked(text, result, 'structure').length, 1);
    assert.match(result.findings.find((finding) => finding.ruleId === 'structure')!.message, /KB/);
    assertSaneRanges(text, result);
  });

  for (const [name, marker] of [
    ['lists', '- '],
    ['block quotes', '> '],
  ] as const) {
    it(`${name} nested 10,000 levels deep finish quickly with a finding`, () => {
      const text = `---\ntitle: Deep\nquestions: [judgment]\n---\n${marker.repeat(10000)}I chose speed.\n`;
      const { value: result, ms } = timed(() => checkStoryText(text));
      assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
      assert.ok(result.findings.some((finding) => finding.ruleId === 'structure' && /nested/.test(finding.message)));
      assertSaneRanges(text, result);
    });
  }
});
