import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkStoryText } from '../../src/core';
import { compareWithExpectations } from '../expectations';

const FIXTURES = path.join('test', 'fixtures', 'stories');

describe('fixture stories with inline expectations', () => {
  for (const name of readdirSync(FIXTURES).filter((file) => file.endsWith('.md'))) {
    it(name, () => {
      const text = readFileSync(path.join(FIXTURES, name), 'utf8');
      const result = checkStoryText(text);
      assert.equal(result.isStory, true, 'fixtures are stories');
      const located = result.findings.map((finding) => ({ line: finding.range.start.line + 1, ruleId: finding.ruleId, severity: finding.severity }));
      const { expected, actual } = compareWithExpectations(text, located);
      assert.deepEqual(actual, expected, result.findings.map((f) => `${f.range.start.line + 1}:${f.ruleId} ${f.message}`).join('\n'));
    });
  }
});
