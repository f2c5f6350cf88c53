// Corpus tests: the CommonMark spec examples, Markdown and YAML edge cases and hostile files, each checked
// against the same invariants as the fuzz tests (no throw, bounded time, determinism, sane ranges).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants as fsConstants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  promises as fsp,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main';
import { type StoryResult } from '../../src/core';
import { MAX_EMPHASIS_MARKERS, MAX_LINK_BRACKETS } from '../../src/core/story/parse';
import { assertStoryInvariants, VALID_FRONTMATTER } from './storyInvariants';

interface SpecExample {
  markdown: string;
  section: string;
  number: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const commonmarkExamples: SpecExample[] = require('commonmark-spec').tests;

const BODY =
  '## Situation\nTrial churn was high.\n\n## Action\nI chose a shorter trial over reminder emails, accepting fewer signups.\n\n## Result\nChurn fell from 9% to 6% by March.\n';

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
    for (let i = 1; i < 12; i++)
      levels.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const text = withYaml(levels.join('\n'));
    const result = assertStoryInvariants(text);
    assert.equal(result.story.meta, undefined, 'no data came out of the bomb');
    assert.ok(
      frontmatterMessages(result).some((message) => /too far/.test(message)),
      frontmatterMessages(result).join('\n'),
    );
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
      assert.ok(
        messages.every((message) => !/call stack/i.test(message)),
        messages.join('\n'),
      );
      assert.ok(
        messages.some((message) => /nest/.test(message)),
        messages.join('\n'),
      );
      assert.equal(result.isStory, true, 'still shown as a story so the problem is seen');
    });
  }

  it('modest nesting inside quoted text and plain values is still read', () => {
    const text = withYaml(`note: "${'['.repeat(10)}"\ntags: [a, [b, [c, [d]]]]\nrole: Fix [P0] bug`);
    const result = assertStoryInvariants(text);
    assert.deepEqual(
      frontmatterMessages(result).filter((message) => /nest/.test(message)),
      [],
    );
    assert.equal(result.story.frontmatter?.data?.role, 'Fix [P0] bug');
  });

  it('a frontmatter block of megabytes is refused quickly', () => {
    const text = withYaml(`tags:\n${'  - abcdefghijklmnop\n'.repeat(350000)}`);
    assert.ok(text.length > 7_000_000);
    const result = assertStoryInvariants(text);
    assert.ok(
      frontmatterMessages(result).some((message) => /KB/.test(message)),
      frontmatterMessages(result).join('\n'),
    );
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

  it('a key without a value is reported at the key, not at an earlier, well-formed list', () => {
    const text = '---\ntitle: T\nquestions: [judgment]\njust some words\n---\n' + BODY;
    const result = assertStoryInvariants(text);
    assert.deepEqual(marks(text, result, 'frontmatter'), ['just some words']);
  });

  it('a YAML problem at an emoji marks the whole emoji, not half of it', () => {
    const text = '---\nquestions:\n  - candor\n🚀\n---\n';
    const result = assertStoryInvariants(text);
    assert.deepEqual(marks(text, result, 'frontmatter'), ['🚀']);
  });

  it('NUL bytes, lone surrogates, right-to-left text and emoji inside YAML values are kept as text', () => {
    const text = '---\ntitle: "🚀 إطلاق \\0 \uD800 שלום"\nquestions: [judgment]\n---\n' + BODY;
    const result = assertStoryInvariants(text);
    assert.equal(result.title, '🚀 إطلاق \0 \uD800 שלום');
  });
});

describe('corpus: CommonMark spec examples as story bodies', () => {
  it(`all ${commonmarkExamples.length} examples keep the invariants`, function () {
    this.timeout(60_000);
    assert.ok(commonmarkExamples.length > 600, 'the spec package still ships its examples');
    let stories = 0;
    for (const example of commonmarkExamples) {
      // The spec writes tabs as →.
      const markdown = example.markdown.replace(/→/g, '\t');
      for (const text of [VALID_FRONTMATTER + markdown, `${VALID_FRONTMATTER}## Action\nI chose A over B.\n\n${markdown}\n## Result\nChurn fell 5%.\n`]) {
        try {
          if (assertStoryInvariants(text).isStory) stories++;
        } catch (error) {
          throw new Error(`CommonMark example ${example.number} (${example.section}): ${(error as Error).message}`);
        }
      }
    }
    assert.equal(stories, commonmarkExamples.length * 2, 'every example is read as a story body');
  });
});

describe('corpus: Markdown edge cases', () => {
  const story = (body: string) => VALID_FRONTMATTER + body;

  for (const [name, body] of [
    ['a table', '## Action\n| Option | Cost |\n|---|---|\n| A | I chose it over B |\n| B | \\| escaped |\n\nI chose A over B.\n'],
    [
      'HTML blocks',
      '<div>\n\n## Result\n\n</div>\n<details><summary>I chose</summary>\nWe shipped it.\n</details>\n<script>alert(1)</script>\nI decided to ship.\n',
    ],
    ['footnotes', 'I chose A over B.[^why]\n\n[^why]: Because the data said so.\n\n[^unused]: Never used.\n'],
    ['link reference definitions', 'I chose [the plan][p] over the rest.\n\n[p]: https://example.com "Title"\n'],
    ['setext headings', 'Result\n======\nChurn fell 5%.\n\nAction\n------\nI chose A.\n'],
    ['a heading with only a hash', '#\n##\n## \nI chose.\n'],
    ['code fences that never close', '```\nI chose A over B.\n## Result\n'],
    ['quotes nested 10,000 deep', `${'>'.repeat(10000)} I chose A over B.\n`],
    ['emphasis nested 5,000 deep', `${'*'.repeat(5000)}I chose${'*'.repeat(5000)}\n`],
    ['links nested 5,000 deep', `${'['.repeat(5000)}I chose${'](x)'.repeat(5000)}\n`],
    ['images nested 3,000 deep', `${'!['.repeat(3000)}I chose${'](x)'.repeat(3000)}\n`],
    ['4,000 separate emphasis openers and closers', `${'*a '.repeat(2000)}${'a* '.repeat(2000)}\n`],
    ['lists nested 150 deep by indentation', Array.from({ length: 150 }, (_, depth) => `${'  '.repeat(depth)}- I chose ${depth}.`).join('\n')],
    ['a 30 KB paragraph of one-letter lines', 'a\n'.repeat(15000)],
    ['a 30 KB list', '- I chose A.\n'.repeat(2300)],
    ['right-to-left text', '## الموقف\nقررت أن نطلق الميزة.\n\n## Result\nהתוצאה: הנטישה ירדה ב-5%.\n\u202Eevil\u202C I chose A.\n'],
    ['NUL bytes and lone surrogates', 'I chose\0 A \uD800over B.\n\n## Result\n\uDC00Churn fell 5%\0.\n'],
    ['zero-width and combining characters', 'I\u200B chose\u200D A\u0301 over B\uFE0F.\n\n## Result\nChurn fell 5%.\n'],
    ['only line breaks', '\n\r\n\r\r\n\n'],
    ['only whitespace of every kind', ' \t\u00a0\u2028\u2029\u3000\uFEFF'],
  ] as const) {
    it(`${name} keep the invariants`, function () {
      this.timeout(60_000); // the large cases tag tens of kilobytes of prose; a busy machine must not fail them
      assertStoryInvariants(story(body));
    });
  }

  // Shapes that make the Markdown parser's emphasis and bracket matching quadratic or worse: 36 KB of nested
  // images took minutes. Just under the limits they must finish; just over, they are refused with one finding.
  const EMPHASIS = MAX_EMPHASIS_MARKERS;
  const BRACKETS = MAX_LINK_BRACKETS;
  for (const [name, make, count] of [
    ['one run of emphasis markers each side', (n: number) => `${'*'.repeat(n / 2)}I chose${'*'.repeat(n / 2)}`, EMPHASIS],
    ['separate emphasis openers, then closers', (n: number) => `${'*a '.repeat(n / 2)}${'a* '.repeat(n / 2)}`, EMPHASIS],
    ['alternating * and _', (n: number) => `${'*_'.repeat(n / 4)}I chose${'_*'.repeat(n / 4)}`, EMPHASIS],
    ['nested images', (n: number) => `${'!['.repeat(n)}I chose${'](y)'.repeat(n)}`, BRACKETS],
    ['links inside images', (n: number) => `${'![['.repeat(n / 2)}I chose${'](y)](z)'.repeat(n / 2)}`, BRACKETS],
  ] as const) {
    it(`${name}: ${count} markers finish, a few more are refused`, () => {
      const under = assertStoryInvariants(story(`${make(count)}\n`));
      assert.equal(under.story.skippedAnalysis, undefined);
      const overText = story(`${make(count + 4)}\n`);
      const over = assertStoryInvariants(overText);
      assert.match(over.story.skippedAnalysis?.reason ?? '', /markers|brackets/);
      const marked = marks(overText, over, 'structure');
      assert.ok(marked.length === 1 && marked[0] === overText.slice(VALID_FRONTMATTER.length).trim(), 'marks the crowded line');
    });
  }

  it('a single 1 MB line finishes with one clear finding', () => {
    const text = story(`${'I chose the smaller launch over a full rollout. '.repeat(21000)}\n`);
    assert.ok(text.length > 1_000_000);
    const result = assertStoryInvariants(text);
    assert.ok(result.story.skippedAnalysis);
    assert.match(result.findings.map((finding) => finding.message).join('\n'), /KB/);
  });

  it('a 1 MB line with no spaces or punctuation finishes too', () => {
    assertStoryInvariants(story(`${'x'.repeat(1_000_000)}\n`));
    assertStoryInvariants(story(`${'x'.repeat(200_000)}\n`));
  });

  it('right-to-left text is marked at its real offsets', () => {
    const text = story('## Result\nהצלחנו.\n');
    const result = assertStoryInvariants(text);
    const words = result.story.sentences.flatMap((sentence) => sentence.words.map((word) => text.slice(word.span.start, word.span.end)));
    assert.deepEqual(words, ['הצלחנו']);
  });

  for (const heading of ['## 🚀 Result', '## Result 🚀', '## 📈 Outcome (Q3)', '### ✅ What I did', '## **Result**']) {
    it(`the heading "${heading}" still opens its section`, () => {
      const text = story(`## Situation\nTrial churn was high.\n\n${heading}\nChurn fell from 9% to 6% by March.\n`);
      const result = assertStoryInvariants(text);
      const section = result.story.sections.at(-1)!;
      assert.equal(section.headingSpan && text.slice(section.headingSpan.start, section.headingSpan.end), heading);
      assert.ok(['result', 'action'].includes(section.kind));
      assert.equal(section.sentences.length, 1);
    });
  }

  it('an emoji title is kept as written', () => {
    const result = assertStoryInvariants('---\ntitle: 🚀 Launch day 👩‍👩‍👧\nquestions: [judgment]\n---\n' + BODY);
    assert.equal(result.title, '🚀 Launch day 👩‍👩‍👧');
  });

  it('escapes, character references and container prefixes do not shift word positions', () => {
    const text = story('> I chose A &amp; B\n> over C, and \\*then\\* I decided.\n\n- I wrote the plan\n  and I pitched it &#x1F680; to them.\n');
    const result = assertStoryInvariants(text);
    const words = result.story.sentences.flatMap((sentence) => sentence.words.map((word) => text.slice(word.span.start, word.span.end)));
    assert.deepEqual(words, [
      'I',
      'chose',
      'A',
      'B',
      'over',
      'C',
      'and',
      'then',
      'I',
      'decided',
      'I',
      'wrote',
      'the',
      'plan',
      'and',
      'I',
      'pitched',
      'it',
      'to',
      'them',
    ]);
  });
});

describe('corpus: frontmatter languages other than YAML', () => {
  for (const opener of ['---json', '---toml', '---cson', '---coffeescript', '---JS', '---Javascript', '--- js', '---yaml\u0000js', '---js\u2028x']) {
    it(`${JSON.stringify(opener)} is refused with a clear finding and runs nothing`, () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'storybank-lang-'));
      const target = path.join(dir, 'pwned.txt');
      const write = `require('fs').writeFileSync(${JSON.stringify(target)}, 'x')`;
      const payload = /json/i.test(opener)
        ? `{ "title": "T", "questions": ["judgment"], "x": ${JSON.stringify(write)} }`
        : /toml/i.test(opener)
          ? `title = "T"\nquestions = ["judgment"]\nx = ${JSON.stringify(write)}`
          : `title: ${write}\nquestions: ['judgment']`;
      const text = `${opener}\n${payload}\n---\nI chose speed over polish.\n`;
      try {
        const result = assertStoryInvariants(text);
        assert.equal(existsSync(target), false, 'the frontmatter code did not run');
        assert.equal(result.isStory, true, 'shown, not silently ignored');
        const refused = result.findings.filter((finding) => finding.ruleId === 'frontmatter' && /refused/.test(finding.message));
        assert.equal(refused.length, 1, result.findings.map((finding) => finding.message).join('\n'));
        assert.equal(text.slice(refused[0].span.start, refused[0].span.end), opener.replace('\u0000', '\0').trim());
        assert.equal(result.story.meta, undefined);
        assert.deepEqual(readdirSync(dir), []);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('gray-matter is never handed an engine that evaluates', () => {
    // The same payload under a plain YAML opener stays text.
    const text = "---\ntitle: require('fs').writeFileSync('/tmp/storybank-yaml-pwned', 'x')\nquestions: [judgment]\n---\n" + BODY;
    const result = assertStoryInvariants(text);
    assert.equal(typeof result.story.frontmatter?.data?.title, 'string');
    assert.equal(existsSync('/tmp/storybank-yaml-pwned'), false);
  });
});

/** Runs the CLI in-process with captured output; results are cached in a private folder. */
async function runCli(args: string[], cacheDir: string) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (chunk: string) => void) =>
    Object.assign(new Writable({ write: (chunk, _encoding, callback) => (append(String(chunk)), callback()) }), { isTTY: false });
  const code = await main([...args, '--format', 'json', '--cache-dir', cacheDir], {
    stdout: sink((chunk) => (stdout += chunk)),
    stderr: sink((chunk) => (stderr += chunk)),
  } as never);
  const json = code === 2 ? undefined : (JSON.parse(stdout) as { stories: { path: string; title: string }[]; errors: { path: string; message: string }[] });
  return { code, stdout, stderr, json };
}

/** Path -> size and modification time (with `hash`, content hash) of every file under `dir`, to prove a run changed nothing. */
function snapshot(dir: string, hash = false): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const { size, mtimeMs } = statSync(full);
        files.set(full, `${size}:${mtimeMs}${hash ? `:${createHash('sha256').update(readFileSync(full)).digest('hex')}` : ''}`);
      }
    }
  };
  walk(dir);
  return files;
}

/** A memory-backed temporary folder where there is one: 20,000 files take 0.3 s there and over 10 s on some disks. */
function fastTmp(): string {
  try {
    accessSync('/dev/shm', fsConstants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

const STORY_FILE = (title: string) => `---\ntitle: ${title}\nquestions: [judgment]\n---\n${BODY}`;

describe('corpus: hostile files for the CLI', function () {
  this.timeout(60_000);
  let dir: string;
  let cache: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(fastTmp(), 'storybank-files-'));
    cache = mkdtempSync(path.join(tmpdir(), 'storybank-cache-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });

  it('a file without read permission is an error entry (as root: skipped, root reads it)', async function () {
    if (process.getuid?.() === 0) this.skip();
    writeFileSync(path.join(dir, 'good.md'), STORY_FILE('Good'));
    writeFileSync(path.join(dir, 'secret.md'), STORY_FILE('Secret'), { mode: 0o000 });
    const { code, json } = await runCli(['check', dir], cache);
    assert.equal(code, 1);
    assert.deepEqual(
      json!.stories.map((story) => story.title),
      ['Good'],
    );
    assert.match(json!.errors.find((error) => error.path.endsWith('secret.md'))!.message, /permission/);
  });

  it('a FIFO named like a story is never opened (which would hang) and a folder named x.md is searched', async () => {
    writeFileSync(path.join(dir, 'good.md'), STORY_FILE('Good'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.md')]);
    mkdirSync(path.join(dir, 'folder.md'));
    writeFileSync(path.join(dir, 'folder.md', 'inner.md'), STORY_FILE('Inner'));
    const inFolder = await runCli(['check', dir], cache);
    assert.ok(inFolder.code === 0 || inFolder.code === 1);
    assert.deepEqual(inFolder.json!.stories.map((story) => story.title).sort(), ['Good', 'Inner']);
    const named = await runCli(['check', path.join(dir, 'pipe.md'), path.join(dir, 'good.md')], cache);
    assert.equal(named.code, 1);
    assert.deepEqual(
      named.json!.stories.map((story) => story.title),
      ['Good'],
    );
    assert.match(named.json!.errors.find((error) => error.path.endsWith('pipe.md'))!.message, /not a regular file/);
  });

  it('symbolic link loops between files and to themselves are reported, not followed forever', async () => {
    writeFileSync(path.join(dir, 'good.md'), STORY_FILE('Good'));
    symlinkSync(path.join(dir, 'b.md'), path.join(dir, 'a.md'));
    symlinkSync(path.join(dir, 'a.md'), path.join(dir, 'b.md'));
    symlinkSync(path.join(dir, 'self.md'), path.join(dir, 'self.md'));
    mkdirSync(path.join(dir, 'sub'));
    symlinkSync(dir, path.join(dir, 'sub', 'up'));
    symlinkSync(path.join(dir, 'good.md'), path.join(dir, 'sub', 'alias.md'));
    const { code, json } = await runCli(['check', dir], cache);
    assert.equal(code, 1);
    assert.deepEqual(json!.stories.map((story) => path.relative(dir, story.path)).sort(), ['good.md', path.join('sub', 'alias.md')]);
    for (const name of ['a.md', 'b.md', 'self.md']) {
      assert.match(json!.errors.find((error) => path.basename(error.path) === name)?.message ?? 'missing', /loop/, name);
    }
  });

  it('files deleted while the bank is being checked are reported or skipped, never a crash', async () => {
    const files = Array.from({ length: 200 }, (_, index) => path.join(dir, `story-${String(index).padStart(3, '0')}.md`));
    files.forEach((file, index) => writeFileSync(file, STORY_FILE(`Story ${index}`)));
    const doomed = files.filter((_, index) => index % 2 === 1);
    const running = runCli(['check', dir, '--no-cache'], cache);
    const deleting = (async () => {
      // Last first: the CLI reads in path order, so most deletions land after the walk and before the read.
      for (const [index, file] of [...doomed].reverse().entries()) {
        await fsp.unlink(file);
        if (index % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const [{ code, json }] = await Promise.all([running, deleting]);
    if (process.env.DEBUG_RACE) console.log(`deleted during the run: ${json!.errors.length} reported missing, ${json!.stories.length} checked`);
    assert.ok(code === 0 || code === 1, `exit code ${code}`);
    const reported = new Set(json!.stories.map((story) => story.path));
    for (const [index, file] of files.entries()) {
      if (index % 2 === 0) assert.ok(reported.has(file), `${file} kept and checked`);
    }
    for (const error of json!.errors) {
      assert.ok(doomed.includes(error.path), `only deleted files are errors: ${error.path}`);
      assert.match(error.message, /does not exist/);
    }
  });

  it('a folder of 20,000 files with 10 stories finds exactly the 10, and changes no file', async function () {
    this.timeout(120_000);
    for (let folder = 0; folder < 20; folder++) {
      const sub = path.join(dir, `notes-${folder}`);
      mkdirSync(sub);
      for (let index = 0; index < 1000; index++) {
        const kind = index % 4;
        const name = path.join(sub, `note-${index}.${kind === 0 ? 'txt' : kind === 1 ? 'json' : 'md'}`);
        writeFileSync(name, kind >= 2 ? `# Note ${index}\n\nJust notes, no frontmatter.\n` : `${index}\n`);
      }
    }
    for (let index = 0; index < 10; index++) writeFileSync(path.join(dir, `notes-${index * 2}`, `note-${index * 4 + 2}.md`), STORY_FILE(`Story ${index}`));
    const before = snapshot(dir);
    assert.equal(before.size, 20_000);
    const started = performance.now();
    const { code, json } = await runCli(['check', dir], cache);
    const seconds = (performance.now() - started) / 1000;
    assert.ok(code === 0 || code === 1, `exit code ${code}`);
    assert.equal(json!.stories.length, 10);
    assert.deepEqual(json!.errors, []);
    assert.ok(seconds < 60, `took ${seconds.toFixed(1)} s`);
    assert.deepEqual(snapshot(dir), before, 'no file in the bank was written, moved or deleted');
  });

  it('binary, non-UTF-8, UTF-16, empty and BOM-only files are reported or ignored; the good story still counts', async () => {
    const files: Record<string, Buffer> = {
      'good.md': Buffer.from(STORY_FILE('Good')),
      'png.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'utf16.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(STORY_FILE('Wide'), 'utf16le')]),
      'latin1.md': Buffer.from(STORY_FILE('Caf\xe9'), 'latin1'),
      'overlong.md': Buffer.concat([Buffer.from('---\ntitle: '), Buffer.from([0xc0, 0xaf]), Buffer.from('\nquestions: [judgment]\n---\n')]),
      'surrogate.md': Buffer.concat([Buffer.from('---\ntitle: '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('\nquestions: [judgment]\n---\n')]),
      'truncated.md': Buffer.from(STORY_FILE('Cut 🚀')).subarray(0, STORY_FILE('Cut 🚀').indexOf('🚀') + 2),
      'empty.md': Buffer.alloc(0),
      'bom.md': Buffer.from([0xef, 0xbb, 0xbf]),
      'nul-late.md': Buffer.concat([Buffer.from(STORY_FILE('Late NUL')), Buffer.alloc(10_000, 0x20), Buffer.from([0])]),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name), bytes);
    const before = snapshot(dir, true);
    const { code, json } = await runCli(['check', dir], cache);
    assert.equal(code, 1);
    const titles = json!.stories.map((story) => story.title);
    assert.ok(titles.includes('Good'));
    assert.ok(!titles.some((title) => /Caf|Wide|Cut/.test(title)), titles.join(', '));
    const errors = Object.fromEntries(json!.errors.map((error) => [path.basename(error.path), error.message]));
    assert.match(errors['png.md'], /binary/);
    assert.match(errors['utf16.md'], /binary|UTF-8/);
    for (const name of ['latin1.md', 'overlong.md', 'surrogate.md', 'truncated.md']) assert.match(errors[name] ?? 'missing', /UTF-8/, name);
    assert.equal(errors['empty.md'], undefined);
    assert.equal(errors['bom.md'], undefined);
    assert.deepEqual(snapshot(dir, true), before);
  });
});
