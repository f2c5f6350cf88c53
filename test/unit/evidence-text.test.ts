// The wording the editor gives the filters' verdicts and evidence (src/extension/evidenceText.ts).
import assert from 'node:assert/strict';
import { checkStoryText } from '../../src/core';
import { evidenceGroups, highlightLabel, quoteLength, shortQuote, verdict, verdicts } from '../../src/extension/evidenceText';

describe('evidence text', () => {
  it('quotes short evidence whole, on one line', () => {
    assert.equal(shortQuote('I skipped the load test\n  to keep the date.', 60), '"I skipped the load test to keep the date."');
  });

  it('cuts long evidence at a word, with an ellipsis, within the limit', () => {
    const text = 'I laid out two options: wait five weeks for the survey, or launch the annual plan to 10% of new sign-ups.';
    const quoted = shortQuote(text, 40);
    assert.equal(quoted, '"I laid out two options: wait five weeks…"');
    assert.ok(quoted.length - 2 <= 40);
  });

  it('never leaves half a surrogate pair or a dangling comma before the ellipsis', () => {
    assert.equal(shortQuote(`${'x'.repeat(9)}😀${'y'.repeat(20)}`, 11), '"xxxxxxxxx…"');
    assert.equal(shortQuote('We cut scope, shipped on time, and kept the launch date we promised.', 16), '"We cut scope…"');
  });

  it('shares the quote budget between lenses on one line, down to a floor', () => {
    assert.equal(quoteLength(1), 60);
    assert.equal(quoteLength(2), 30);
    assert.equal(quoteLength(5), 24);
  });

  it('names verdicts with ✓ and ✗', () => {
    assert.equal(verdict('tradeoff', true), 'Tradeoff ✓');
    assert.equal(verdict('role', false), 'Role ✗');
    assert.equal(verdicts({ filters: { tradeoff: true, role: false, result: true } }), 'Tradeoff ✓ · Role ✗ · Result ✓');
    assert.equal(highlightLabel(['tradeoff', 'role']), 'tradeoff · role');
  });

  it('groups passed filters that share a span and skips failed ones', () => {
    const span = { start: 10, end: 20 };
    const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } };
    const evidence = { span, range, text: 'same words' };
    const other = { span: { start: 30, end: 40 }, range, text: 'other words' };
    const groups = evidenceGroups({
      filters: { tradeoff: true, role: true, result: false },
      evidence: { tradeoff: evidence, role: { ...evidence }, result: other },
    });
    assert.deepEqual(
      groups.map((g) => [g.filters, g.evidence.text]),
      [[['tradeoff', 'role'], 'same words']],
    );
  });

  it('covers every evidence entry of a real core result exactly once', () => {
    const result = checkStoryText(
      [
        '---',
        'title: T',
        'questions: [judgment]',
        '---',
        '',
        '## Action',
        '',
        'I chose the flagged launch over waiting for the survey, and gave up a clean baseline.',
        '',
        '## Result',
        '',
        'Churn fell from 6.1% to 4.8% in three weeks.',
        '',
      ].join('\n'),
    );
    const covered = evidenceGroups(result)
      .flatMap((g) => g.filters)
      .sort();
    assert.deepEqual(covered, Object.keys(result.evidence).sort());
  });
});
