// Generates schemas/storybank.schema.json, the JSON Schema of .storybank.yaml, from the zod schema the core
// validates it with (src/core/config.ts). The extension contributes it through yamlValidation, so the YAML
// language support completes and checks settings, rule ids, rule options and profiles as the user types.
// Run: npm run schema. test/unit/config-schema.test.ts fails when the checked-in file is stale.
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigFileSchema } from '../src/core/config';
import { BUILT_IN_PROFILES } from '../src/core/profiles';
import { RULES } from '../src/core/rules';

export const SCHEMA_FILE = 'schemas/storybank.schema.json';
const SCHEMA_ID = 'https://github.com/story-bank/story-bank/blob/main/schemas/storybank.schema.json';

const Severity = z.enum(['off', 'hint', 'info', 'warning', 'error']).describe('off turns the rule off; the others set the severity of its findings.');

/**
 * The file's schema with what the core checks after parsing made explicit: rule ids are the registered rules
 * (the core reports an unknown one with a suggestion), and each rule's options are that rule's own schema.
 */
export function configJsonSchema(): Record<string, unknown> {
  const rules = Object.fromEntries(
    RULES.map((rule) => {
      const options = rule.meta.options instanceof z.ZodObject ? rule.meta.options : z.object({});
      const entry = z.union([Severity, options.extend({ severity: Severity.optional() }).strict()]);
      return [rule.id, entry.optional().describe(`${rule.meta.description} A severity, or an object with severity and the rule's options.`)];
    }),
  );
  const shape = ConfigFileSchema.shape;
  const builtIn = [...BUILT_IN_PROFILES.keys()] as [string, ...string[]];
  const schema = ConfigFileSchema.extend({
    profile: z
      .union([z.enum(builtIn), z.string()])
      .optional()
      .describe(`The question profile the bank is checked against: ${builtIn.join(', ')}, or the id of a profile defined under profiles.`),
    profiles: shape.profiles.describe(
      'Your own question profiles: each with id, title, description and question types (id, title, question, listensFor, answerShape).',
    ),
    wordsPerMinute: shape.wordsPerMinute.describe('Speaking pace used to turn word counts into spoken time (130-170 is typical; default 150).'),
    maxSeconds: shape.maxSeconds.describe('The longest a whole story may take when said aloud, in seconds (default 120).'),
    stories: shape.stories.describe('Glob or globs (relative to this file) of the Markdown files that may be stories (default **/*.md).'),
    rules: z.strictObject(rules).optional().describe('Severity and options per rule id.'),
  });
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: json.$schema,
    $id: SCHEMA_ID,
    title: 'Story Bank configuration (.storybank.yaml)',
    description: 'Settings for Story Bank, the linter for behavioral-interview stories.',
    ...Object.fromEntries(Object.entries(json).filter(([key]) => key !== '$schema')),
  };
}

export function configJsonSchemaText(): string {
  return JSON.stringify(configJsonSchema(), null, 2) + '\n';
}

if (process.argv[1] && /config-schema\.ts$/.test(process.argv[1])) {
  writeFileSync(SCHEMA_FILE, configJsonSchemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
