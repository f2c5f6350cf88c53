import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILTER_RULE_IDS } from '../../src/core';
import { JUDGMENT_DIR, scorePart } from '../judgment/evaluate';

describe('judgment: the filters on the blind dev corpus', function () {
  this.timeout(120_000);
  const baseline = JSON.parse(readFileSync(join(JUDGMENT_DIR, 'baseline.json'), 'utf8')) as Record<string, number>;
  const scores = scorePart('dev');

  for (const id of FILTER_RULE_IDS) {
    it(`${id}: balanced accuracy stays at or above the recorded ${baseline[id]}`, () => {
      const score = scores[id];
      const misses = score.misses.map((miss) => `  ${miss.expected ? 'missed' : 'false pass'} ${miss.file}: ${miss.said}`).join('\n');
      assert.ok(Number(score.balancedAccuracy.toFixed(2)) >= baseline[id], `${id} ${score.balancedAccuracy.toFixed(3)} < ${baseline[id]}\n${misses}`);
    });
  }

  it('every passed filter on a story labelled true quotes evidence from the story', () => {
    for (const id of FILTER_RULE_IDS)
      assert.ok(scores[id].evidenceAgreement > 0.3, `${id} evidence agrees with the labels on ${scores[id].evidenceAgreement.toFixed(2)}`);
  });
});
