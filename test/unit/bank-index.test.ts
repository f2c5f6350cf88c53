// The core bank index against an in-memory host: config lookup, discovery, decoding, incremental updates and
// coverage, with no file system and no editor.
import assert from 'node:assert/strict';
import { BankIndex } from '../../src/core/bank';
import { inThreadChecker } from '../../src/core/bank/default-checker';
import { MemoryHost } from '../../src/core/bank/memory-host';

const story = (title: string, questions = '[judgment]') => `---
title: ${title}
questions: ${questions}
---

## Situation

Our checkout conversion had dropped four points after the redesign and nobody knew why.

## Action

I chose to roll back the new address form instead of patching it, which cost us the two weeks of work the team had put in.
I ran the rollback myself and wrote the plan for the fix.

## Result

Conversion recovered 3.5 points within a week, and we shipped the fixed form a month later.
`;

function indexOf(host: MemoryHost, root: string, configOptions = {}) {
  return new BankIndex({ host, root, checker: inThreadChecker, configOptions });
}

describe('bank index (in-memory host)', () => {
  it('finds the nearest .storybank.yaml above the root, and stops at the repository root', async () => {
    const host = new MemoryHost({
      '/repo/.git/HEAD': 'ref: refs/heads/main\n',
      '/repo/bank/.storybank.yaml': 'profile: amazon-lp\n',
      '/repo/bank/stories/a.md': story('A'),
      '/.storybank.yaml': 'profile: netflix-pm\nwordsPerMinute: 99\n',
      '/elsewhere/stories/b.md': story('B'),
      '/outside-repo/.storybank.yaml': 'wordsPerMinute: 120\n',
    });
    const nested = indexOf(host, '/repo/bank/stories');
    await nested.loadConfig();
    assert.equal(nested.configSource?.file, '/repo/bank/.storybank.yaml');
    assert.equal(nested.config.profile.id, 'amazon-lp');

    host.remove('/repo/bank/.storybank.yaml');
    const stopped = indexOf(host, '/repo/bank/stories');
    await stopped.loadConfig();
    assert.equal(stopped.configSource?.file, undefined, 'the search ends at the folder holding .git');
    assert.equal(stopped.config.wordsPerMinute, 150);

    const noRepo = indexOf(host, '/elsewhere/stories');
    await noRepo.loadConfig();
    assert.equal(noRepo.configSource?.file, '/.storybank.yaml', 'without a repository, up to the top');
    assert.equal(noRepo.config.wordsPerMinute, 99);

    const explicit = indexOf(host, '/elsewhere/stories', { explicitFile: '/outside-repo/.storybank.yaml' });
    await explicit.loadConfig();
    assert.equal(explicit.config.wordsPerMinute, 120);
  });

  it('applies the stories globs relative to the folder of the configuration', async () => {
    const host = new MemoryHost({
      '/bank/.storybank.yaml': 'stories: ["stories/**/*.md"]\n',
      '/bank/stories/a.md': story('A'),
      '/bank/stories/deep/b.md': story('B'),
      '/bank/notes/todo.md': story('Not a bank story'),
      '/bank/stories/.drafts/c.md': story('Hidden'),
      '/bank/node_modules/pkg/readme.md': story('Dependency'),
    });
    const index = indexOf(host, '/bank');
    await index.load();
    assert.deepEqual(
      index.stories().map((entry) => entry.path),
      ['/bank/stories/a.md', '/bank/stories/deep/b.md'],
    );
    // A glob starting with "!" leaves files out; alone, it leaves them out of every Markdown file.
    host.write('/bank/.storybank.yaml', 'stories: ["stories/**/*.md", "!stories/deep/**"]\n');
    await index.load();
    assert.deepEqual(
      index.stories().map((entry) => entry.path),
      ['/bank/stories/a.md'],
    );
    host.write('/bank/.storybank.yaml', 'stories: "!notes/**"\n');
    await index.load();
    assert.deepEqual(
      index.stories().map((entry) => entry.path),
      ['/bank/stories/a.md', '/bank/stories/deep/b.md'],
    );
    host.write('/bank/.storybank.yaml', 'stories: ["stories/**/*.md"]\n');
    // Rooted below the configuration, the globs still count from the configuration's folder.
    const below = indexOf(host, '/bank/stories');
    await below.load();
    assert.deepEqual(
      below.stories().map((entry) => entry.path),
      ['/bank/stories/a.md', '/bank/stories/deep/b.md'],
    );
  });

  it('reports binary, non-UTF-8 and oversized files by name and never checks them', async () => {
    const host = new MemoryHost({
      '/bank/good.md': story('Good'),
      '/bank/binary.md': new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]),
      '/bank/latin1.md': new Uint8Array([...new TextEncoder().encode('---\ntitle: Caf'), 0xe9, 0x0a]),
      '/bank/huge.md': new Uint8Array(8 * 1024 * 1024 + 1).fill(0x61),
    });
    const index = indexOf(host, '/bank');
    await index.load();
    assert.deepEqual(
      index.stories().map((entry) => entry.path),
      ['/bank/good.md'],
    );
    assert.deepEqual(
      index.errors().map((error) => [error.path, error.message]),
      [
        ['/bank/binary.md', 'This file looks like a binary file (it contains NUL bytes); skipped.'],
        ['/bank/huge.md', 'This file is 8.0 MB, too large to be a story (limit 8 MB); skipped.'],
        ['/bank/latin1.md', 'This file is not valid UTF-8 text; save it as UTF-8 to check it.'],
      ],
    );
  });

  it('updates one file at a time: a change, an unsaved text and a deletion move the coverage', async () => {
    const host = new MemoryHost({ '/bank/a.md': story('A'), '/bank/b.md': story('B') });
    const index = indexOf(host, '/bank');
    await index.load();
    const judgment = () => index.coverage().find((entry) => entry.id === 'judgment')!;
    assert.equal(judgment().status, 'covered');
    assert.deepEqual(judgment().ready, ['/bank/a.md', '/bank/b.md']);

    host.write('/bank/b.md', story('B', '[failure]'));
    await index.refresh('/bank/b.md');
    assert.equal(judgment().status, 'thin');
    assert.deepEqual(index.coverage().find((entry) => entry.id === 'failure')!.stories, ['/bank/b.md']);

    index.checkUnsaved('/bank/c.md', story('C'));
    assert.equal(judgment().status, 'covered', 'an unsaved story counts as soon as it is checked');

    host.remove('/bank/a.md');
    assert.equal(await index.refresh('/bank/a.md'), undefined);
    assert.deepEqual(judgment().stories, ['/bank/c.md']);
  });

  it('indexes the stories of a folder that appeared at once, by the globs, but not a dot-folder, nor a file named as a folder', async () => {
    const host = new MemoryHost({ '/bank/.storybank.yaml': 'stories: ["stories/**/*.md"]\n', '/bank/stories/a.md': story('A') });
    const index = indexOf(host, '/bank');
    await index.load();
    host.write('/bank/stories/moved/b.md', story('B'));
    host.write('/bank/stories/moved/deeper/c.md', story('C'));
    host.write('/bank/notes/d.md', story('D'));
    await index.refreshUnder('/bank/stories/moved');
    await index.refreshUnder('/bank/notes');
    await index.refreshUnder('/bank/stories/a.md');
    host.write('/bank/stories/.staging/e.md', story('E'));
    await index.refreshUnder('/bank/stories/.staging');
    await index.refresh('/bank/stories/.staging/e.md');
    assert.deepEqual(
      index.stories().map((entry) => entry.path),
      ['/bank/stories/a.md', '/bank/stories/moved/b.md', '/bank/stories/moved/deeper/c.md'],
    );
  });

  it('a configuration problem has a position in the file, and the rest of the file still applies', async () => {
    const host = new MemoryHost({
      '/bank/.storybank.yaml': 'wordsPerMinute: 130\nrules:\n  role:\n    minActons: 2\n',
      '/bank/a.md': story('A'),
    });
    const index = indexOf(host, '/bank');
    await index.load();
    assert.equal(index.config.wordsPerMinute, 130);
    const [problem] = index.configProblems;
    assert.equal(problem.path, '/bank/.storybank.yaml');
    assert.equal(problem.line, 4);
    assert.match(problem.message, /minActons/);
  });
});
