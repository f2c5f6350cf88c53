// schemas/storybank.schema.json: generated from the core's zod schema, shipped, and contributed to YAML validation.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { RULES, parseConfig } from '../../src/core';
import { SCHEMA_FILE, configJsonSchemaText } from '../../scripts/config-schema';

const RULE_IDS = RULES.map((rule) => rule.id);

/** Every .storybank.yaml under a folder. */
function configsUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : configsUnder(full);
    return name === '.storybank.yaml' ? [full] : [];
  });
}

describe('the .storybank.yaml JSON Schema', () => {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  const errors = () => JSON.stringify(validate.errors);
  /** The schema and the core agree on whether a configuration is valid. */
  const coreAccepts = (yaml: string) => parseConfig(yaml, RULES).problems.length === 0;

  it('is what scripts/config-schema.ts generates now (run `npm run schema` after changing the config schema or a rule)', () => {
    assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), configJsonSchemaText());
  });

  it('accepts every example configuration', () => {
    const examples = configsUnder('examples');
    assert.ok(examples.length >= 1);
    for (const file of examples) {
      const text = readFileSync(file, 'utf8');
      assert.ok(coreAccepts(text), `fixture: the core accepts ${file}`);
      assert.ok(validate(parse(text)), `${file}: ${errors()}`);
    }
  });

  it('accepts rule severities, rule options, globs and a custom profile that the core accepts', () => {
    const yaml = [
      'profile: my-loop',
      'wordsPerMinute: 140',
      'maxSeconds: 150',
      'stories: ["stories/**/*.md", "drafts/*.md"]',
      'rules:',
      '  timing: off',
      '  passive: { severity: hint, ignore: [promoted] }',
      '  result: { requireNumber: true }',
      '  role: { severity: error, minActions: 2 }',
      'profiles:',
      '  - id: my-loop',
      '    title: My loop',
      '    description: The questions of my next onsite',
      '    questions:',
      '      - id: conflict',
      '        title: Conflict',
      '        question: Tell me about a conflict with a peer.',
      '        listensFor: candor',
      '        answerShape: [the conflict, what you said, what changed]',
      '',
    ].join('\n');
    assert.ok(coreAccepts(yaml), JSON.stringify(parseConfig(yaml, RULES).problems));
    assert.ok(validate(parse(yaml)), errors());
  });

  it("rejects a typo'd rule id, an unknown option, a bad severity and an unknown setting, as the core does", () => {
    const wrong = [
      'rules:\n  tradeof: warning\n',
      'rules:\n  role: { minAction: 2 }\n',
      'rules:\n  result: loud\n',
      'wordsPerMinit: 150\n',
      'maxSeconds: -5\n',
      'profiles:\n  - id: Bad Id\n    title: x\n    description: y\n    questions: []\n',
    ];
    for (const yaml of wrong) {
      assert.equal(coreAccepts(yaml), false, `fixture: the core refuses ${JSON.stringify(yaml)}`);
      assert.equal(validate(parse(yaml)), false, `the schema refuses ${JSON.stringify(yaml)}`);
    }
    validate(parse('rules:\n  tradeof: warning\n'));
    assert.ok(
      validate.errors?.some(
        (error) => error.keyword === 'additionalProperties' && (error.params as { additionalProperty?: string }).additionalProperty === 'tradeof',
      ),
      errors(),
    );
  });

  it('lists every rule id, so the YAML support completes them', () => {
    const rules = (schema.properties as Record<string, { properties?: Record<string, unknown>; additionalProperties?: unknown }>).rules;
    assert.deepEqual(Object.keys(rules.properties ?? {}).sort(), [...RULE_IDS].sort());
    assert.equal(rules.additionalProperties, false);
  });

  it('is contributed for .storybank.yaml and shipped in the package', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { yamlValidation?: { fileMatch: string; url: string }[] } };
    assert.deepEqual(manifest.contributes.yamlValidation, [{ fileMatch: '.storybank.yaml', url: `./${SCHEMA_FILE}` }]);
    assert.match(readFileSync('.vscodeignore', 'utf8'), new RegExp(`^!${SCHEMA_FILE.replace('.', '\\.')}$`, 'm'));
  });
});
