import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkStoryText } from '../../src/core';

const FIXTURES = path.join('test', 'fixtures', 'stories');

/**
 * Each fixture carries its expected findings inline, on the line where they start:
 * `<!-- expect rule-a rule-b -->` in Markdown, `# expect rule-a` in frontmatter.
 */
function expectedFindings(text: string): string[] {
  const expected: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const match = /<!--\s*expect\s+([a-z -]+?)\s*-->|#\s*expect\s+([a-z -]+)$/.exec(line);
    if (!match) return;
    for (const ruleId of (match[1] ?? match[2]).trim().split(/\s+/)) expected.push(`${index + 1}:${ruleId}`);
  });
  return expected.sort();
}

describe('fixture stories with inline expectations', () => {
  for (const name of readdirSync(FIXTURES).filter((file) => file.endsWith('.md'))) {
    it(name, () => {
      const text = readFileSync(path.join(FIXTURES, name), 'utf8');
      const result = checkStoryText(text);
      assert.equal(result.isStory, true, 'fixtures are stories');
      const actual = result.findings.map((finding) => `${finding.range.start.line + 1}:${finding.ruleId}`).sort();
      assert.deepEqual(actual, expectedFindings(text), result.findings.map((f) => `${f.range.start.line + 1}:${f.ruleId} ${f.message}`).join('\n'));
    });
  }
});
