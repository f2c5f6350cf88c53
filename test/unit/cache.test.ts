import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG, checkStoryText } from '../../src/core';
import {
  CACHE_SCHEMA,
  ResultCache,
  StoredResult,
  StringInterner,
  bytesSource,
  configFingerprint,
  stableStringify,
  toCachedResult,
  type CachedResult,
} from '../../src/cli/cache';
import { storyRecord, type StoryRecord } from '../../src/cli/report';

const STORY = `---
title: Vague launch
questions: [judgment]
---
## Situation
Our trial converted poorly.

## Action
We discussed it as a team and it was decided to move forward.

## Result
It went well and everyone was pleased.
`;

const stamp = { coreVersion: '0.1.0+1+abc', configFingerprint: configFingerprint({ text: 'profile: netflix-pm' }) };

/** Writes a cache to its file's bytes and reads them back, as the next run would. */
function reread<M>(cache: ResultCache<M>, as = stamp): ResultCache<M> {
  return ResultCache.read<M>(bytesSource(cache.serialize()), as);
}

const read = (bytes: Uint8Array, as = stamp) => ResultCache.read(bytesSource(bytes), as);

/** A cache file's header, parsed, and the bytes after it (see ResultCache.serialize). */
function split(bytes: Buffer): { header: Record<string, any>; body: Buffer } {
  const newline = bytes.indexOf(0x0a);
  const length = Number(bytes.subarray(0, newline).toString('utf8'));
  return { header: JSON.parse(bytes.subarray(newline + 1, newline + 1 + length).toString('utf8')), body: bytes.subarray(newline + 1 + length) };
}

function join(header: Record<string, unknown>, body: Buffer): Buffer {
  const headerBytes = Buffer.from(JSON.stringify(header));
  return Buffer.concat([Buffer.from(`${headerBytes.length}\n`), headerBytes, body]);
}

/** A record with its lazily read parts read, to compare. */
function materialized(record: StoryRecord | undefined) {
  return record && { ...record, json: Buffer.from(record.json), lines: Buffer.from(record.lines()!), text: Buffer.from(record.text()!) };
}

function fields(result: CachedResult): CachedResult {
  const { isStory, title, questions, words, seconds, filters, evidence, ready, sectionTimes, findings } = result;
  return { isStory, title, questions, words, seconds, filters, evidence, ready, sectionTimes, findings };
}

describe('result cache (src/cli/cache.ts)', () => {
  it('keys a text by the SHA-256 of its UTF-8 bytes', () => {
    const text = 'caf\u00e9 \u{1F600}\r\n';
    assert.equal(ResultCache.keyOf(text), createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
    assert.notEqual(ResultCache.keyOf('a'), ResultCache.keyOf('a '));
  });

  it('keeps every field the CLI reports, and drops the parsed story', () => {
    const full = checkStoryText(STORY, { config: DEFAULT_CONFIG });
    assert.ok(full.findings.length > 0, 'the story has findings to cache');
    const cached = toCachedResult(full);
    assert.equal('story' in cached, false);
    assert.deepEqual(cached, fields(full));
    // A deep copy: changing the live result later does not change the cache.
    full.findings[0].range.start.line = 999;
    assert.notEqual(cached.findings[0].range.start.line, 999);
  });

  it('survives a JSON round trip with identical results', () => {
    const cache = new ResultCache(stamp);
    const full = checkStoryText(STORY, { config: DEFAULT_CONFIG });
    cache.set(STORY, full);
    const restored = reread(cache);
    assert.equal(restored.size, 1);
    assert.deepEqual(restored.get(STORY), fields(full));
    assert.equal(restored.get(STORY + '\n'), undefined, 'one changed character is a miss');
    assert.equal(restored.hits, 1);
    assert.equal(restored.misses, 1);
  });

  it('restores every field of the example bank exactly: fixes, budgets and per-question findings included', () => {
    const texts = readdirSync('examples/netflix-pm')
      .filter((name) => name.endsWith('.md'))
      .map((name) => readFileSync(path.join('examples/netflix-pm', name), 'utf8'));
    // A task section has no time budget of its own.
    texts.push(STORY.replace('## Action', '## Task\nLift trial conversion this quarter.\n\n## Action'));
    const results = texts.map((text) => toCachedResult(checkStoryText(text, { config: DEFAULT_CONFIG })));
    const findings = results.flatMap((result) => result.findings);
    assert.ok(
      findings.some((finding) => finding.fixes.some((fix) => fix.edits.length > 0)),
      'a fix with edits',
    );
    assert.ok(
      findings.some((finding) => finding.question !== undefined),
      'a finding about one question',
    );
    assert.ok(
      results.some((result) => result.sectionTimes.some((section) => section.budget)),
      'a section with a budget',
    );
    assert.ok(
      results.some((result) => result.sectionTimes.some((section) => !section.budget)),
      'a section without one',
    );
    const cache = new ResultCache(stamp);
    texts.forEach((text, index) => cache.set(text, results[index]));
    const restored = reread(cache);
    texts.forEach((text, index) => assert.deepEqual(restored.get(text), results[index]));
  });

  it('drops everything written by another schema, core version or configuration', () => {
    const cache = new ResultCache<{ note: string }>(stamp);
    cache.set(STORY, checkStoryText(STORY));
    cache.meta = { note: 'kept' };
    const bytes = cache.serialize();
    assert.equal(ResultCache.read<{ note: string }>(bytesSource(bytes), stamp).meta?.note, 'kept');
    assert.equal(read(bytes).size, 1);
    assert.equal(read(bytes, { ...stamp, coreVersion: '0.1.1+1+abc' }).size, 0);
    assert.equal(read(bytes, { ...stamp, configFingerprint: configFingerprint({ text: 'wordsPerMinute: 130' }) }).size, 0);
    const { header, body } = split(bytes);
    const otherSchema = join({ ...header, schema: CACHE_SCHEMA + 1 }, body);
    assert.equal(read(otherSchema).size, 0);
    assert.equal(read(otherSchema).meta, undefined);
  });

  it('ignores damaged files and damaged entries instead of trusting them', () => {
    const good = toCachedResult(checkStoryText(STORY));
    const key = ResultCache.keyOf(STORY);
    const saved = new ResultCache(stamp);
    saved.set(STORY, good);
    const bytes = saved.serialize();
    // The JSON cache file of the schema before this one, and other junk, start empty.
    const oldFile = JSON.stringify({ schema: CACHE_SCHEMA - 1, ...stamp, strings: [], entries: {} });
    for (const junk of ['', '\n', '0\n', 'null\n', '42\n', 'text', '[]\n', '2\n[]', `{"schema":${CACHE_SCHEMA}}\n`, oldFile]) {
      assert.equal(read(Buffer.from(junk)).size, 0, JSON.stringify(junk));
    }
    assert.equal(read(bytes.subarray(0, bytes.length - 1)).size, 0, 'a file cut short');
    assert.equal(read(Buffer.concat([bytes, Buffer.from(' ')])).size, 0, 'a file with more than its sections');
    const { header, body } = split(bytes);
    assert.equal(read(join(header, Buffer.alloc(0))).size, 0, 'a header without its entries');

    const index = header.entries.find((entry: unknown[]) => entry[0] === key);
    const [, jsonAt, jsonBytes, , , , , packedAt, packedBytes] = index;
    const packedSection = header.sections.slice(0, 3).reduce((sum: number, length: number) => sum + length, 0);
    // Findings name their strings by index into the file's table: one past its end is damage too.
    const packed = JSON.parse(body.subarray(packedSection + packedAt, packedSection + packedAt + packedBytes).toString('utf8'));
    packed[9][0][0] = header.strings.length;
    const pastTheTable = Buffer.from(JSON.stringify(packed));
    const damaged = join(
      {
        ...header,
        sections: [...header.sections.slice(0, 3), header.sections[3] + pastTheTable.length],
        entries: [
          index,
          ['f'.repeat(64), 'no other fields'],
          ['e'.repeat(64), header.sections[0] - 5, 10, ...index.slice(3)],
          ['d'.repeat(64), ...index.slice(1, 7), header.sections[3], pastTheTable.length, ...index.slice(9)],
          ['c'.repeat(64), jsonAt, jsonBytes - 1, ...index.slice(3)],
          ['not-a-hash', ...index.slice(1)],
        ],
      },
      Buffer.concat([body, pastTheTable]),
    );
    const cache = read(damaged);
    assert.equal(cache.size, 5);
    assert.deepEqual(cache.get(STORY), good);
    assert.deepEqual(materialized(cache.recordByKey(key)), materialized(storyRecord(good)));
    assert.equal(cache.getByKey('f'.repeat(64)), undefined);
    assert.equal(cache.recordByKey('f'.repeat(64)), undefined);
    assert.equal(cache.recordByKey('e'.repeat(64)), undefined, 'JSON reaching past the end of its section');
    assert.equal(cache.getByKey('d'.repeat(64)), undefined, 'a string index outside the table');
    assert.equal(cache.recordByKey('c'.repeat(64)), undefined, "a story's JSON cut one byte short");
    assert.equal(cache.getByKey('not-a-hash'), undefined);
    assert.equal(cache.size, 1, 'each damaged entry is dropped once it is looked up');
    assert.equal(read(join({ ...header, strings: undefined }, body)).size, 0, 'no string table, no entries');
  });

  it("keeps each text's record (what the report prints) beside its result, and decodes the result only when it is read", () => {
    const texts = readdirSync('examples/netflix-pm')
      .filter((name) => name.endsWith('.md'))
      .map((name) => readFileSync(path.join('examples/netflix-pm', name), 'utf8'));
    const cache = new ResultCache(stamp);
    for (const text of texts) cache.set(text, checkStoryText(text, { config: DEFAULT_CONFIG }));
    const restored = reread(cache);
    for (const text of texts) {
      const full = toCachedResult(checkStoryText(text, { config: DEFAULT_CONFIG }));
      const stored = restored.storedByKey(ResultCache.keyOf(text));
      assert.ok(stored instanceof StoredResult);
      assert.deepEqual(materialized(stored.record), materialized(storyRecord(full)), 'the record read from the file equals one rendered from the result');
      assert.deepEqual(fields(stored), fields(full), 'and the result behind it decodes to the original');
    }
    assert.equal(restored.storedByKey(ResultCache.keyOf('not cached')), undefined);
  });

  it('stores each repeated string once in the file, and restores results that share them', () => {
    const cache = new ResultCache(stamp);
    const texts = [STORY, STORY.replace('Vague launch', 'Second vague launch'), STORY.replace('Vague launch', 'Third')];
    for (const text of texts) cache.set(text, checkStoryText(text));
    const bytes = cache.serialize();
    const { header } = split(bytes);
    assert.equal(new Set(header.strings).size, header.strings.length, 'no string twice in the table');
    for (const finding of toCachedResult(checkStoryText(STORY)).findings) {
      assert.equal(header.strings.filter((text: string) => text === finding.docsUrl).length, 1);
    }
    const restored = read(bytes);
    for (const text of texts) assert.deepEqual(restored.get(text), fields(toCachedResult(checkStoryText(text))));
  });

  it('onlyUsed keeps the entries of texts seen in this run', () => {
    const cache = new ResultCache(stamp);
    cache.set('one', checkStoryText(STORY));
    cache.set('two', checkStoryText(STORY));
    const next = reread(cache);
    next.get('one');
    next.get('three');
    assert.deepEqual(
      split(next.serialize({ onlyUsed: true })).header.entries.map((entry: unknown[]) => entry[0]),
      [ResultCache.keyOf('one')],
    );
    assert.equal(split(next.serialize()).header.entries.length, 2);
  });

  it('knows when a save would prune, and interns repeated strings without changing results', () => {
    const cache = reread(new ResultCache(stamp));
    cache.set('one', checkStoryText(STORY));
    assert.equal(cache.hasUnused(), false);
    const next = reread(cache);
    assert.equal(next.hasUnused(), true);
    next.get('one');
    assert.equal(next.hasUnused(), false);

    const a = JSON.parse(JSON.stringify(toCachedResult(checkStoryText(STORY))));
    const b = JSON.parse(JSON.stringify(toCachedResult(checkStoryText(STORY))));
    const before = JSON.stringify(a);
    const interner = new StringInterner();
    interner.result(a);
    interner.result(b);
    assert.equal(JSON.stringify(a), before);
    assert.deepEqual(a, b);
  });

  it('fingerprints configuration independently of key order, and tells different settings apart', () => {
    assert.equal(configFingerprint({ a: 1, b: { c: [1, 2], d: 'x' } }), configFingerprint({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    assert.notEqual(configFingerprint({ a: 1 }), configFingerprint({ a: 2 }));
    assert.notEqual(configFingerprint({ rules: { role: 'off' } }), configFingerprint({ rules: { role: 'warning' } }));
    assert.notEqual(configFingerprint({ list: [1, 2] }), configFingerprint({ list: [2, 1] }));
    assert.equal(stableStringify({ a: undefined, b: 1 }), '{"b":1}');
    // The resolved default configuration (profile included) fingerprints stably.
    assert.equal(configFingerprint(DEFAULT_CONFIG), configFingerprint(JSON.parse(JSON.stringify(DEFAULT_CONFIG))));
  });
});
