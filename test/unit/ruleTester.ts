import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { checkStoryText, type LintOptions } from '../../src/core/lint';
import type { Rule } from '../../src/core/rules/rule';
import type { Fix } from '../../src/core/types';

export interface StoryCase {
  /** Shown as the test title; defaults to the start of the story. */
  name?: string;
  /** The whole file, or only a body when `questions` is given (frontmatter is then added). */
  story: string;
  /** Question ids for the generated frontmatter; ignored when `story` starts with `---`. */
  questions?: string[];
  options?: Record<string, unknown>;
}

export interface InvalidCase extends StoryCase {
  /** Expected findings in file order: the exact text each one marks, and optionally its message id. */
  errors: { text: string; messageId?: string; message?: RegExp }[];
}

/** Wraps a story body in minimal valid frontmatter. */
export function withFrontmatter(body: string, questions: string[] = ['judgment'], title = 'A story'): string {
  return `---\ntitle: ${title}\nquestions: [${questions.join(', ')}]\n---\n${body}`;
}

function fileOf(testCase: StoryCase): string {
  return testCase.story.startsWith('---') ? testCase.story : withFrontmatter(testCase.story, testCase.questions);
}

function run(rule: Rule<any>, testCase: StoryCase) {
  const text = fileOf(testCase);
  const options: LintOptions = {
    rules: [rule],
    config: undefined,
  };
  if (testCase.options) {
    options.config = { ...DEFAULT_CONFIG, rules: { [rule.id]: { options: testCase.options } } };
  }
  const result = checkStoryText(text, options);
  return { text, findings: result.findings.filter((finding) => finding.ruleId === rule.id) };
}

function title(testCase: StoryCase): string {
  return (
    testCase.name ??
    testCase.story
      .replace(/^---[\s\S]*?---\n/, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 70)
  );
}

/** eslint-style table: every valid story yields no finding of the rule; every invalid one yields exactly `errors`. */
export function ruleTable(rule: Rule<any>, table: { valid: StoryCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.id}`, () => {
    describe('valid', () => {
      for (const testCase of table.valid) {
        it(title(testCase), () => {
          const { findings } = run(rule, testCase);
          assert.deepEqual(
            findings.map((finding) => finding.message),
            [],
            `expected no "${rule.id}" finding`,
          );
        });
      }
    });
    describe('invalid', () => {
      for (const testCase of table.invalid) {
        it(title(testCase), () => {
          const { text, findings } = run(rule, testCase);
          const actual = findings.map((finding) => ({
            text: text.slice(finding.span.start, finding.span.end),
            ...(testCase.errors.some((error) => error.messageId) ? { messageId: finding.messageId } : {}),
          }));
          const expected = testCase.errors.map((error) => ({
            text: error.text,
            ...(testCase.errors.some((e) => e.messageId) ? { messageId: error.messageId } : {}),
          }));
          assert.deepEqual(actual, expected);
          testCase.errors.forEach((error, index) => {
            if (error.message) assert.match(findings[index].message, error.message);
          });
          for (const finding of findings) {
            assert.ok(finding.span.end > finding.span.start, 'a finding never has zero width');
            assert.ok(finding.span.end <= text.length, 'a finding stays inside the file');
          }
        });
      }
    });
  });
}

/** The same text with CRLF line endings. */
export const crlf = (text: string): string => text.replace(/\n/g, '\r\n');

/** The text with a fix's edits applied (last edit first, so earlier offsets stay valid). */
export function applyFix(text: string, fix: Fix): string {
  return [...fix.edits]
    .sort((a, b) => b.span.start - a.span.start)
    .reduce((current, edit) => current.slice(0, edit.span.start) + edit.newText + current.slice(edit.span.end), text);
}

/** Runs one rule, checks that its first finding offers a fix with the given title, and applies that fix. */
export function applyFirstFix(rule: Rule<any>, text: string, title: string): string {
  const finding = checkStoryText(text, { rules: [rule] }).findings[0];
  assert.ok(finding, `expected a "${rule.id}" finding`);
  const [fix] = finding.fixes;
  assert.equal(fix?.title, title);
  return applyFix(text, fix);
}
