// The index snapshot the editor keeps between sessions (src/core/bank/snapshot.ts), through the core bank index on
// an in-memory host: what a reopened bank takes from it without reading or checking, and what makes it check again.
import assert from 'node:assert/strict';
import { BankIndex, type BankHost, type StoryChecker } from '../../src/core/bank';
import { inThreadChecker } from '../../src/core/bank/default-checker';
import { MemoryHost } from '../../src/core/bank/memory-host';
import { IndexSnapshot, SnapshotChecker, snapshotIdentity } from '../../src/core/bank/snapshot';
import { summaryOf, withoutAnalysis, type StoryResult } from '../../src/core/lint';
import { storyOutline } from '../../src/core/practice';

const story = (title: string, result = 'Conversion recovered 3.5 points within a week.') => `---
title: ${title}
questions: [judgment]
practiced: [2026-11-20]
---

## Situation

Our checkout conversion had dropped four points after the redesign and nobody knew why.

## Action

I chose to roll back the new address form instead of patching it, which cost us the two weeks of work the team had put in.

## Result

${result}
`;

const ENGINE = 'engine-1';

/** Counts the texts it checks and the files it reads. */
class Counting {
  checked: string[] = [];
  read: string[] = [];
  checker: StoryChecker<StoryResult> = {
    resolveConfig: inThreadChecker.resolveConfig,
    checkText: (text, config, path) => {
      if (path) this.checked.push(path);
      return inThreadChecker.checkText(text, config, path);
    },
  };
  host(inner: MemoryHost): BankHost {
    return Object.assign(Object.create(inner) as MemoryHost, {
      readFile: (path: string) => {
        this.read.push(path);
        return inner.readFile(path);
      },
    });
  }
}

/** Indexes the bank with a snapshot (an empty one, or `saved` as the last session left it); `unsaved` paths hold editor text. */
async function open(host: MemoryHost, saved?: string, options: { engine?: string; unsaved?: string[] } = {}) {
  const counting = new Counting();
  const kept: { snapshot?: IndexSnapshot } = {};
  const checker = new SnapshotChecker(counting.checker, { snapshot: () => kept.snapshot, unsaved: (path) => options.unsaved?.includes(path) ?? false });
  const index = new BankIndex({ host: counting.host(host), root: '/bank', checker });
  const config = await index.loadConfig();
  const identity = snapshotIdentity(options.engine ?? ENGINE, config);
  const snapshot = saved === undefined ? new IndexSnapshot(identity) : IndexSnapshot.parse(saved, identity);
  kept.snapshot = snapshot;
  await index.indexFiles(await index.discover());
  return { index, snapshot, counting, checker };
}

const paths = ['/bank/a.md', '/bank/b.md', '/bank/c.md'];

function bank(): MemoryHost {
  return new MemoryHost({ '/bank/a.md': story('A'), '/bank/b.md': story('B', 'It went fine.'), '/bank/c.md': story('C') });
}

describe('index snapshot', () => {
  it('a reopened bank takes every unchanged story from the snapshot, unread and unchecked, with the same verdicts', async () => {
    const host = bank();
    const first = await open(host);
    assert.deepEqual(first.counting.checked, paths);
    const saved = first.snapshot.serialize(Date.now());

    const again = await open(host, saved);
    assert.deepEqual(again.counting.checked, [], 'nothing is checked again');
    assert.deepEqual(again.counting.read, [], 'nothing is read again');
    assert.equal(again.checker.reused, 3);
    for (const path of paths) {
      const before = first.index.entry(path);
      const after = again.index.entry(path);
      assert.ok(before?.ok && after?.ok);
      assert.deepEqual(summaryOf(after.result), summaryOf(before.result));
    }
    assert.deepEqual(again.index.coverage(), first.index.coverage());
  });

  it('parses a kept story again only when it is read, giving what a check on disk keeps', async () => {
    const host = bank();
    const first = await open(host);
    const again = await open(host, first.snapshot.serialize(Date.now()));
    const before = first.index.entry('/bank/a.md');
    const after = again.index.entry('/bank/a.md');
    assert.ok(before?.ok && after?.ok);
    const onDisk = withoutAnalysis(before.result).story;
    assert.deepEqual(after.result.story.meta, onDisk.meta);
    assert.deepEqual(after.result.story.questions, onDisk.questions);
    assert.deepEqual(storyOutline(after.result.story), storyOutline(onDisk));
    assert.equal(after.result.story, after.result.story, 'parsed once');
  });

  it('checks a changed file again and keeps its new result; a touched file with the same text is read but not checked', async () => {
    const host = bank();
    const first = await open(host);
    host.write('/bank/b.md', story('B', 'Refunds fell 12% in the first month.'));
    host.write('/bank/c.md', story('C'));
    const again = await open(host, first.snapshot.serialize(Date.now()));
    assert.deepEqual(again.counting.checked, ['/bank/b.md']);
    assert.deepEqual(again.counting.read, ['/bank/b.md', '/bank/c.md']);
    assert.equal(again.checker.reused, 2);
    const changed = again.index.entry('/bank/b.md');
    assert.ok(changed?.ok && changed.result.filters.result, 'the new result sentence passes');
    assert.ok(again.snapshot.dirty);

    const third = await open(host, again.snapshot.serialize(Date.now()));
    assert.deepEqual(third.counting.read, [], 'the new text and the new stamp were kept');
  });

  it('is empty for another engine build or another configuration, and for a file it cannot read', async () => {
    const host = bank();
    const saved = (await open(host)).snapshot.serialize(Date.now());
    assert.deepEqual((await open(host, saved, { engine: 'engine-2' })).counting.checked, paths);

    host.write('/bank/.storybank.yaml', 'wordsPerMinute: 120\n');
    assert.deepEqual((await open(host, saved)).counting.checked, paths);
    host.remove('/bank/.storybank.yaml');

    for (const broken of ['', '{', 'null', '[]', JSON.stringify({ ...JSON.parse(saved), schema: 99 }), saved.slice(0, saved.length / 2)]) {
      assert.deepEqual((await open(host, broken)).counting.checked, paths, `snapshot ${JSON.stringify(broken.slice(0, 20))}`);
    }
    const oneBad = JSON.parse(saved);
    oneBad.files['/bank/a.md'].summary = { findings: 'not a list' };
    assert.deepEqual((await open(host, JSON.stringify(oneBad))).counting.checked, ['/bank/a.md'], 'a malformed record is dropped alone');
  });

  it('does not trust a stamp written just before the snapshot was saved, but still spares the check when the text is the same', async () => {
    const host = bank();
    const first = await open(host);
    const newestStamp = Math.max(...(await Promise.all(paths.map((path) => host.stat(path)))).map((stat) => stat!.mtimeMs));
    const again = await open(host, first.snapshot.serialize(newestStamp + 500));
    assert.deepEqual(again.counting.read, paths);
    assert.deepEqual(again.counting.checked, []);
  });

  it('never takes or keeps the result of a file whose text is an editor buffer', async () => {
    const host = bank();
    const first = await open(host);
    const again = await open(host, first.snapshot.serialize(Date.now()), { unsaved: ['/bank/a.md'] });
    assert.deepEqual(again.counting.checked, ['/bank/a.md']);
    const fresh = await open(host, undefined, { unsaved: ['/bank/a.md'] });
    assert.equal(fresh.snapshot.size, 2);
  });

  it('forgets files that are gone', async () => {
    const host = bank();
    const first = await open(host);
    host.remove('/bank/c.md');
    const again = await open(host, first.snapshot.serialize(Date.now()));
    again.snapshot.retain(new Set(again.index.paths()));
    assert.equal(again.snapshot.size, 2);
    assert.ok(again.snapshot.dirty);
  });
});
