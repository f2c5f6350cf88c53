import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG, checkStoryText } from '../../src/core';
import { CACHE_SCHEMA, ResultCache, StringInterner, configFingerprint, stableStringify, toCachedResult, type CachedResult } from '../../src/cli/cache';

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
    const restored = ResultCache.fromJSON(JSON.parse(JSON.stringify(cache)), stamp);
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
    const restored = ResultCache.fromJSON(JSON.parse(JSON.stringify(cache)), stamp);
    texts.forEach((text, index) => assert.deepEqual(restored.get(text), results[index]));
  });

  it('drops everything written by another schema, core version or configuration', () => {
    const cache = new ResultCache<{ note: string }>(stamp);
    cache.set(STORY, checkStoryText(STORY));
    cache.meta = { note: 'kept' };
    const json = JSON.parse(JSON.stringify(cache.toJSON()));
    assert.equal(ResultCache.fromJSON<{ note: string }>(json, stamp).meta?.note, 'kept');
    assert.equal(ResultCache.fromJSON(json, { ...stamp, coreVersion: '0.1.1+1+abc' }).size, 0);
    assert.equal(ResultCache.fromJSON(json, { ...stamp, configFingerprint: configFingerprint({ text: 'wordsPerMinute: 130' }) }).size, 0);
    assert.equal(ResultCache.fromJSON({ ...json, schema: CACHE_SCHEMA + 1 }, stamp).size, 0);
    assert.equal(ResultCache.fromJSON({ ...json, schema: CACHE_SCHEMA + 1 }, stamp).meta, undefined);
  });

  it('ignores damaged files and damaged entries instead of trusting them', () => {
    for (const junk of [undefined, null, 42, 'text', [], { schema: CACHE_SCHEMA }]) {
      assert.equal(ResultCache.fromJSON(junk, stamp).size, 0);
    }
    const good = toCachedResult(checkStoryText(STORY));
    const key = ResultCache.keyOf(STORY);
    const saved = new ResultCache(stamp);
    saved.set(STORY, good);
    const json = saved.toJSON();
    const packed = json.entries[key];
    // Findings name their strings by index into the file's table: one past its end is damage too.
    const pastTheTable = structuredClone(packed);
    pastTheTable[9][0][0] = json.strings.length;
    json.entries = {
      [key]: packed,
      ['f'.repeat(64)]: { title: 'no other fields' } as never,
      ['e'.repeat(64)]: packed.slice(0, 4) as never,
      ['d'.repeat(64)]: pastTheTable,
      'not-a-hash': packed,
    };
    const cache = ResultCache.fromJSON(json, stamp);
    assert.equal(cache.size, 1);
    assert.deepEqual(cache.get(STORY), good);
    assert.equal(ResultCache.fromJSON({ ...json, strings: undefined }, stamp).size, 0, 'no string table, no entries');
  });

  it('stores each repeated string once in the file, and restores results that share them', () => {
    const cache = new ResultCache(stamp);
    const texts = [STORY, STORY.replace('Vague launch', 'Second vague launch'), STORY.replace('Vague launch', 'Third')];
    for (const text of texts) cache.set(text, checkStoryText(text));
    const json = cache.toJSON();
    assert.equal(new Set(json.strings).size, json.strings.length, 'no string twice in the table');
    for (const finding of toCachedResult(checkStoryText(STORY)).findings) {
      assert.equal(json.strings.filter((text) => text === finding.docsUrl).length, 1);
    }
    const restored = ResultCache.fromJSON(JSON.parse(JSON.stringify(json)), stamp);
    for (const text of texts) assert.deepEqual(restored.get(text), fields(toCachedResult(checkStoryText(text))));
  });

  it('onlyUsed keeps the entries of texts seen in this run', () => {
    const cache = new ResultCache(stamp);
    cache.set('one', checkStoryText(STORY));
    cache.set('two', checkStoryText(STORY));
    const next = ResultCache.fromJSON(cache.toJSON(), stamp);
    next.get('one');
    next.get('three');
    assert.deepEqual(Object.keys(next.toJSON({ onlyUsed: true }).entries), [ResultCache.keyOf('one')]);
    assert.equal(Object.keys(next.toJSON().entries).length, 2);
  });

  it('knows when a save would prune, and interns repeated strings without changing results', () => {
    const cache = ResultCache.fromJSON(new ResultCache(stamp).toJSON(), stamp);
    cache.set('one', checkStoryText(STORY));
    assert.equal(cache.hasUnused(), false);
    const next = ResultCache.fromJSON(JSON.parse(JSON.stringify(cache)), stamp);
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
