// Property-based tests: whatever the file holds, the checks never throw, hang, disagree with themselves or
// point outside the visible text. `npm run fuzz` runs the same properties with FUZZ_RUNS runs each.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkStoryText } from '../../src/core';
import { stringify } from 'yaml';
import { assertStoryInvariants, exampleStories, runs, VALID_FRONTMATTER } from './storyInvariants';

// FUZZ_SEED replays a failing run; fast-check prints the seed and path of every failure.
if (process.env.FUZZ_SEED) fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED) });

/** Any UTF-16 code unit, so lone surrogates, NUL and control characters all occur. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

/** Pieces that steer random text into the places where parsers and rules have edge cases. */
const TOKENS = [
  '\n',
  '\r',
  '\r\n',
  '\n\n',
  '\r\r',
  '\0',
  '\t',
  ' ',
  '\u00a0',
  '\u2028',
  '\uFEFF',
  '\uD800',
  '\uDC00',
  '\uD83D\uDE80',
  '---',
  '---\n',
  '#',
  '## ',
  '## Result\n',
  '## Action\n',
  '## Situation\n',
  '### What I did\n',
  '- ',
  '* ',
  '1. ',
  '> ',
  '```',
  '~~~',
  '`',
  '|',
  '| a | b |\n|---|---|\n',
  '<!--',
  '-->',
  '<!-- storybank-disable -->',
  '<!-- storybank-disable-next-line -->',
  '<div>',
  '</div>',
  '[^1]',
  '[^1]: note',
  '[link](http://x)',
  '![img](x.png)',
  '**',
  '_',
  '\\',
  '&amp;',
  '&#0;',
  'I decided',
  'I chose A over B',
  'we',
  'It was decided',
  'my team did it',
  'over three months',
  'took over',
  'instead of',
  'from 9% to 6%',
  '40%',
  'by March',
  'it went well',
  'stakeholders were pleased',
  'team player',
  'open to feedback',
  'I failed',
  'I told her',
  '.',
  '!',
  '?',
  '...',
  ', ',
  "'",
  '"',
  '’',
  '-',
  '—',
  '(',
  ')',
  ':',
  'questions: [judgment]',
  'title: x',
  'مرحبا بالعالم',
  'שלום עולם',
  '\u202E',
  '\u200D',
  'e\u0301',
  '🚀',
  '👩‍👩‍👧',
];

/** YAML syntax: anchors, aliases, tags, flow and block collections, quotes, documents. */
const YAML_TOKENS = [
  'title: ',
  'questions: ',
  '[judgment]',
  '- judgment\n',
  'questions:\n  - candor\n',
  '&a ',
  '*a',
  '&b [*a, *a]',
  '<<: *a',
  '!!str ',
  '!!binary ',
  '!!js/function ',
  '!foo ',
  '!!set ',
  '!!omap ',
  '? ',
  ': ',
  '{',
  '}',
  '[',
  ']',
  ', ',
  '"',
  "'",
  '|\n  ',
  '>-\n  ',
  '#',
  '%YAML 1.2\n',
  '...\n',
  '---\n',
  '\t',
  '  ',
  'null',
  '~',
  '2024-01-01',
  '0x1F',
  '.inf',
  'yes',
  '__proto__: ',
  'constructor: ',
];

const token = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);

/** Random text made of tokens: mostly Markdown-and-story-shaped, sometimes garbage. */
const soup = (maxLength: number) => fc.array(token, { maxLength }).map((parts) => parts.join(''));

/** Mixes line endings the way a file edited on several systems might. */
const mixedEol = (text: string, pick: number) => text.replace(/\n/g, () => ['\n', '\r\n', '\r'][pick++ % 3]);

const QUESTION_IDS = ['judgment', 'candor', 'disagree-commit', 'failure', 'leadership', 'judgement', '', 'JUDGMENT', 'x'];

const yamlValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: codeUnit, maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }),
  fc.array(fc.oneof(fc.constantFrom(...QUESTION_IDS), fc.string({ maxLength: 8 }), fc.integer()), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
);

const frontmatterObject = fc.record(
  {
    title: yamlValue,
    questions: fc.oneof(fc.array(fc.constantFrom(...QUESTION_IDS), { maxLength: 4 }), yamlValue),
    role: yamlValue,
    company: yamlValue,
    date: fc.oneof(fc.constant('2024-03-01'), yamlValue),
    status: fc.oneof(fc.constantFrom('draft', 'ready', 'done'), yamlValue),
    tags: yamlValue,
    practiced: fc.oneof(fc.constant(['2026-11-20']), yamlValue),
    extra: fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 10 }), yamlValue, { maxKeys: 3 }),
  },
  { requiredKeys: [] },
);

/** A body built from sentences, headings, lists and quotes, so that the prose rules have work to do. */
const sentence = fc
  .array(fc.oneof(fc.constantFrom(...TOKENS.filter((piece) => /\w/.test(piece))), fc.string({ unit: 'grapheme', maxLength: 10 })), {
    minLength: 1,
    maxLength: 12,
  })
  .map((words) => `${words.join(' ')}.`);
const block = fc.oneof(
  sentence,
  fc.array(sentence, { maxLength: 4 }).map((list) => list.join(' ')),
  fc
    .tuple(
      fc.constantFrom('# ', '## ', '### ', '#### '),
      fc.constantFrom('Situation', 'Task', 'Action', 'What I did', 'Result', 'Outcome (Q3)', 'Lesson', 'Notes', '🚀 Result', ''),
    )
    .map(([hashes, title]) => `${hashes}${title}`),
  fc.array(sentence, { minLength: 1, maxLength: 4 }).map((items) => items.map((item) => `- ${item}`).join('\n')),
  sentence.map((text) => `> ${text}`),
  soup(8),
);
const body = fc.tuple(fc.array(block, { maxLength: 12 }), fc.nat()).map(([blocks, pick]) => mixedEol(blocks.join('\n\n'), pick));

type Mutation = (lines: string[], text: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map(
    (i): Mutation =>
      (lines) =>
        lines.filter((_, index) => index !== i % lines.length).join('\n'),
  ),
  fc.nat().map(
    (i): Mutation =>
      (lines) =>
        lines.flatMap((line, index) => (index === i % lines.length ? [line, line] : [line])).join('\n'),
  ),
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]): Mutation => (lines) => {
    const copy = [...lines];
    const a = i % copy.length;
    const b = j % copy.length;
    [copy[a], copy[b]] = [copy[b], copy[a]];
    return copy.join('\n');
  }),
  fc.tuple(fc.nat(), token).map(([i, inserted]): Mutation => (_, text) => {
    const at = i % (text.length + 1);
    return text.slice(0, at) + inserted + text.slice(at);
  }),
  fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(([i, length]): Mutation => (_, text) => {
    const at = i % (text.length + 1);
    return text.slice(0, at) + text.slice(at + length);
  }),
  fc.nat().map(
    (i): Mutation =>
      (_, text) =>
        text.slice(0, i % (text.length + 1)),
  ),
  fc.constant<Mutation>((_, text) => text.replace(/\n/g, '\r\n')),
  fc.constant<Mutation>((_, text) => text.replace(/\n/g, '\r')),
  fc.nat().map(
    (i): Mutation =>
      (lines) =>
        lines.map((line, index) => (index === i % lines.length ? line.replace(/^(#+|\s*[-*]|\s*>)\s*/, '') : line)).join('\n'),
  ),
);

const STORIES = exampleStories();
const mutatedStory = fc
  .tuple(fc.nat({ max: STORIES.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 5 }))
  .map(([index, mutations]) => mutations.reduce((text, mutate) => mutate(text.split('\n'), text), STORIES[index].text));

const property = <T>(arbitrary: fc.Arbitrary<T>, toText: (value: T) => string) =>
  fc.property(arbitrary, (value) => {
    assertStoryInvariants(toText(value));
  });

/**
 * What a reader sees of the findings: rule, message and line/column range. The yaml package's own wording and
 * position of a syntax error can differ between CRLF and LF for broken YAML, so for those only the count is kept.
 */
const seen = (text: string) =>
  checkStoryText(text).findings.map((finding) =>
    /^The frontmatter is not valid YAML/.test(finding.message)
      ? [finding.ruleId, 'yaml syntax error']
      : [finding.ruleId, finding.messageId, finding.range, finding.message.replace(/\r/g, '')],
  );

describe('fuzz: checkStoryText keeps its invariants', function () {
  // Each property is bounded by the per-input hang guard; the run as a whole by the run counts.
  this.timeout(0);

  it('on arbitrary strings', () => {
    fc.assert(
      property(soup(40), (text) => text),
      { numRuns: runs(100) },
    );
  });

  it('on arbitrary strings after valid frontmatter', () => {
    fc.assert(
      property(fc.tuple(soup(60), fc.nat()), ([text, pick]) => mixedEol(VALID_FRONTMATTER, pick) + text),
      { numRuns: runs(150) },
    );
  });

  it('on arbitrary frontmatter objects written as YAML, with random bodies', () => {
    fc.assert(
      property(fc.tuple(frontmatterObject, body), ([data, text]) => `---\n${stringify(data)}---\n${text}\n`),
      { numRuns: runs(150) },
    );
  });

  it('on raw text between frontmatter fences, with random bodies', () => {
    const yamlish = fc.array(fc.oneof(token, fc.constantFrom(...YAML_TOKENS)), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      property(fc.tuple(fc.constantFrom('---', '---yaml', '--- ', '\uFEFF---'), yamlish, body), ([fence, yaml, text]) => `${fence}\n${yaml}\n---\n${text}`),
      {
        numRuns: runs(100),
      },
    );
  });

  it(`on mutations of the ${STORIES.length} example stories`, () => {
    fc.assert(
      property(mutatedStory, (text) => text),
      { numRuns: runs(200) },
    );
  });

  it('CRLF and CR line endings give the same findings at the same lines and columns as LF', () => {
    fc.assert(
      fc.property(mutatedStory, (mutated) => {
        const lf = mutated.replace(/\r\n?/g, '\n');
        const expected = seen(lf);
        assert.deepEqual(seen(lf.replace(/\n/g, '\r\n')), expected, `CRLF differs on ${JSON.stringify(lf)}`);
        assert.deepEqual(seen(lf.replace(/\n/g, '\r')), expected, `CR differs on ${JSON.stringify(lf)}`);
      }),
      { numRuns: runs(60) },
    );
  });
});
