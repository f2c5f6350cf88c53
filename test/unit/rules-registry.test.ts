import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULES, docsUrl } from '../../src/core';

const RULES_DIR = path.join('src', 'core', 'rules');

describe('rule registry', () => {
  it('includes the three filters', () => {
    const ids = RULES.map((rule) => rule.id);
    for (const id of ['tradeoff', 'role', 'result', 'frontmatter']) assert.ok(ids.includes(id), `${id} is registered`);
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it('is one kebab-case file with its docs and tests beside it', () => {
        assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/);
        for (const extension of ['.ts', '.md', '.test.ts']) {
          assert.ok(existsSync(path.join(RULES_DIR, rule.id + extension)), `${rule.id}${extension} exists`);
        }
      });

      it('has complete meta', () => {
        assert.ok(rule.meta.description.length > 10);
        assert.ok(Object.keys(rule.meta.messages).length > 0);
        assert.ok(rule.meta.examples.bad && rule.meta.examples.good);
        assert.ok(rule.meta.options.safeParse({}).success, 'options default from an empty object');
        assert.ok(docsUrl(rule.id).endsWith(`/${rule.id}.md`));
      });

      it('is documented in the README rules table', () => {
        const readme = readFileSync('README.md', 'utf8');
        assert.match(readme, new RegExp(`^\\| \`${rule.id}\` \\|`, 'm'));
      });

      it('its docs page names the rule and how to disable it', () => {
        const docs = readFileSync(path.join(RULES_DIR, `${rule.id}.md`), 'utf8');
        assert.ok(docs.includes(rule.id));
        assert.match(docs, /storybank-disable/);
      });
    });
  }
});
