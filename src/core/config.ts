import { z } from 'zod';
import { BUILT_IN_PROFILES, DEFAULT_PROFILE_ID, ProfileSchema, getProfile, type Profile } from './profiles';
import { readYaml, spanOfPath } from './story/frontmatter';
import { closestMatch } from './suggest';
import { LineIndex } from './text';
import type { Range, SeveritySetting } from './types';

import { DEFAULT_MAX_SECONDS, DEFAULT_STORIES_GLOB, DEFAULT_WORDS_PER_MINUTE } from './defaults';

export * from './defaults';

export interface RuleConfig {
  severity?: SeveritySetting;
  options?: Record<string, unknown>;
}

export interface ResolvedConfig {
  /** The active profile: the one coverage, question ids and answer shapes are judged against. */
  profile: Profile;
  /**
   * The profile a plain `questions: [...]` list belongs to: the configured one (`profile:` in `.storybank.yaml`,
   * else netflix-pm). Switching the active profile (`withProfile`) keeps it, so plain lists keep their meaning.
   */
  bankProfileId: string;
  /** Custom profiles from `.storybank.yaml`, beside the built-in ones (see `knownProfiles`). */
  profiles: Profile[];
  wordsPerMinute: number;
  maxSeconds: number;
  stories: string[];
  rules: Record<string, RuleConfig>;
}

export const DEFAULT_CONFIG: ResolvedConfig = {
  profile: getProfile(DEFAULT_PROFILE_ID)!,
  bankProfileId: DEFAULT_PROFILE_ID,
  profiles: [],
  wordsPerMinute: DEFAULT_WORDS_PER_MINUTE,
  maxSeconds: DEFAULT_MAX_SECONDS,
  stories: [DEFAULT_STORIES_GLOB],
  rules: {},
};

const SeveritySchema = z.enum(['off', 'hint', 'info', 'warning', 'error']);

const RuleEntrySchema = z.union([SeveritySchema, z.looseObject({ severity: SeveritySchema.optional() })]);

export const ConfigFileSchema = z.strictObject({
  profile: z.string().optional(),
  profiles: z.array(ProfileSchema, { error: 'expected a list of profiles, each with id, title, description and questions' }).optional(),
  wordsPerMinute: z
    .number({ error: 'expected a speaking pace in words per minute, such as 150' })
    .min(60, 'speaking pace below 60 words per minute is not realistic')
    .max(300)
    .optional(),
  maxSeconds: z.number({ error: 'expected the longest answer in seconds, such as 120' }).int().positive().max(3600).optional(),
  stories: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
  rules: z.record(z.string(), RuleEntrySchema).optional(),
});

export type ConfigFile = z.infer<typeof ConfigFileSchema>;

export interface ConfigProblem {
  message: string;
  range: Range;
}

/** What the configuration needs to know of a rule: its id and the schema of its options. */
export interface KnownRule {
  id: string;
  meta: { options: z.ZodType };
}

export interface ConfigOverrides {
  profile?: string;
  wordsPerMinute?: number;
  maxSeconds?: number;
  rules?: Record<string, RuleConfig>;
}

/**
 * Reads a `.storybank.yaml` text. Problems come back with positions; the config still resolves from what
 * was valid, so one typo never silences the whole bank.
 */
export function parseConfig(
  text: string,
  knownRules: readonly KnownRule[],
  base: ResolvedConfig = DEFAULT_CONFIG,
): { config: ResolvedConfig; problems: ConfigProblem[] } {
  const lines = new LineIndex(text);
  const { document, data, problems: yamlProblems } = readYaml(text, 0);
  const problems: ConfigProblem[] = yamlProblems.map((problem) => ({ message: problem.message, range: lines.rangeOf(problem.span) }));
  const at = (path: readonly PropertyKey[], key = false) => {
    const span = spanOfPath(document, path, 0, key) ?? spanOfPath(document, path.slice(0, 1), 0, true) ?? { start: 0, end: Math.min(text.length, 1) };
    return lines.rangeOf(span);
  };
  if (!data) return { config: base, problems };
  const parsed = ConfigFileSchema.safeParse(data);
  let file: ConfigFile = {};
  if (parsed.success) {
    file = parsed.data;
  } else {
    for (const issue of parsed.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      for (const key of keys) {
        const path = key === undefined ? issue.path : [...issue.path, key];
        const message = key === undefined ? issue.message : `unknown setting "${key}"`;
        problems.push({ message: `${path.join('.') || 'configuration'}: ${message}`, range: at(path, key !== undefined) });
      }
    }
    // Keep every top-level setting that is valid on its own.
    for (const [key, schema] of Object.entries(ConfigFileSchema.shape)) {
      const single = (schema as z.ZodType).safeParse((data as Record<string, unknown>)[key]);
      if (single.success && single.data !== undefined) (file as Record<string, unknown>)[key] = single.data;
    }
  }
  const knownRuleIds = knownRules.map((rule) => rule.id);
  for (const ruleId of Object.keys(file.rules ?? {})) {
    const rule = knownRules.find((candidate) => candidate.id === ruleId);
    if (rule) {
      validateRuleOptions(rule, file.rules!, problems, at);
      continue;
    }
    const suggestion = closestMatch(ruleId, knownRuleIds);
    problems.push({
      message: `Unknown rule "${ruleId}"${suggestion ? `; did you mean "${suggestion}"?` : `. Known rules: ${knownRuleIds.join(', ')}.`}`,
      range: at(['rules', ruleId], true),
    });
  }
  const profiles = readCustomProfiles(data, file, problems, at);
  const withCustom = { ...base, profiles };
  let profile = base.profile;
  if (file.profile !== undefined) {
    const found = findProfile(withCustom, file.profile);
    if (found) profile = found;
    else if (rawProfileIds(data).includes(file.profile)) {
      problems.push({ message: `Profile "${file.profile}" is not used until the problems in its definition are fixed.`, range: at(['profile']) });
    } else {
      const known = knownProfiles(withCustom).map((candidate) => candidate.id);
      const suggestion = closestMatch(file.profile, known);
      problems.push({
        message: `Unknown profile "${file.profile}"${suggestion ? `; did you mean "${suggestion}"?` : `. Known profiles: ${known.join(', ')}.`}`,
        range: at(['profile']),
      });
    }
  }
  return { config: resolveConfig(withCustom, { ...toOverrides(file), profile: undefined }, profile), problems };
}

/**
 * A rule's options checked against its own schema, as ESLint checks `meta.schema`: unknown option names (with
 * "did you mean") and invalid values are reported at their place in the file and dropped, so the rule runs on
 * its defaults for those options and on the user's values for the rest.
 */
function validateRuleOptions(
  rule: KnownRule,
  rules: NonNullable<ConfigFile['rules']>,
  problems: ConfigProblem[],
  at: (path: readonly PropertyKey[], key?: boolean) => Range,
): void {
  const entry = rules[rule.id];
  if (typeof entry === 'string') return;
  const { severity, ...options } = entry as { severity?: SeveritySetting } & Record<string, unknown>;
  const known = rule.meta.options instanceof z.ZodObject ? Object.keys(rule.meta.options.shape) : [];
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options)) {
    if (known.includes(name)) {
      kept[name] = value;
      continue;
    }
    const suggestion = closestMatch(name, known);
    const choices = known.length ? `Its options: ${known.join(', ')}.` : 'It takes no options, only a severity.';
    problems.push({
      message: `rules.${rule.id}: unknown option "${name}"${suggestion ? `; did you mean "${suggestion}"?` : `. ${choices}`}`,
      range: at(['rules', rule.id, name], true),
    });
  }
  const parsed = rule.meta.options.safeParse(kept);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = ['rules', rule.id, ...issue.path];
      problems.push({ message: `${path.join('.')}: ${issue.message}; the rule uses its default here`, range: at(path) });
      if (issue.path.length > 0) delete kept[String(issue.path[0])];
    }
  }
  rules[rule.id] = severity === undefined ? kept : { severity, ...kept };
}

/**
 * The `profiles:` list: each entry validated on its own (schema problems were reported above, with positions),
 * so one broken profile never hides the others. Ids must not repeat or shadow a built-in profile.
 */
function readCustomProfiles(data: unknown, file: ConfigFile, problems: ConfigProblem[], at: (path: readonly PropertyKey[], key?: boolean) => Range): Profile[] {
  const raw = (data as Record<string, unknown>).profiles;
  const candidates: { profile: Profile; index: number }[] = [];
  if (file.profiles) file.profiles.forEach((profile, index) => candidates.push({ profile, index }));
  else if (Array.isArray(raw)) {
    raw.forEach((entry, index) => {
      const parsed = ProfileSchema.safeParse(entry);
      if (parsed.success) candidates.push({ profile: parsed.data, index });
    });
  }
  const profiles: Profile[] = [];
  for (const { profile, index } of candidates) {
    if (BUILT_IN_PROFILES.has(profile.id)) {
      problems.push({ message: `profiles.${index}.id: "${profile.id}" is a built-in profile; give yours another id`, range: at(['profiles', index, 'id']) });
    } else if (profiles.some((other) => other.id === profile.id)) {
      problems.push({ message: `profiles.${index}.id: profile "${profile.id}" is defined twice`, range: at(['profiles', index, 'id']) });
    } else {
      profiles.push(profile);
    }
  }
  return profiles;
}

function rawProfileIds(data: unknown): unknown[] {
  const raw = (data as Record<string, unknown>).profiles;
  return Array.isArray(raw) ? raw.map((entry) => (entry && typeof entry === 'object' ? (entry as Record<string, unknown>).id : undefined)) : [];
}

/** Built-in profiles first, then the custom ones of this configuration. */
export function knownProfiles(config: Pick<ResolvedConfig, 'profiles'>): Profile[] {
  return [...BUILT_IN_PROFILES.values(), ...config.profiles];
}

/** A built-in or custom profile by id. */
export function findProfile(config: Pick<ResolvedConfig, 'profiles'>, id: string): Profile | undefined {
  return getProfile(id) ?? config.profiles.find((profile) => profile.id === id);
}

/**
 * The same configuration seen through another profile (the editor's profile switch): plain `questions`
 * lists still belong to the configured profile. Undefined when no profile has that id.
 */
export function withProfile(config: ResolvedConfig, id: string): ResolvedConfig | undefined {
  const profile = findProfile(config, id);
  return profile && { ...config, profile };
}

function toOverrides(file: ConfigFile): ConfigOverrides {
  const rules: Record<string, RuleConfig> = {};
  for (const [id, entry] of Object.entries(file.rules ?? {})) {
    if (typeof entry === 'string') rules[id] = { severity: entry };
    else {
      const { severity, ...options } = entry as { severity?: SeveritySetting } & Record<string, unknown>;
      rules[id] = { severity, options };
    }
  }
  return {
    wordsPerMinute: file.wordsPerMinute,
    maxSeconds: file.maxSeconds,
    rules,
    ...(file.stories ? { stories: Array.isArray(file.stories) ? file.stories : [file.stories] } : {}),
  } as ConfigOverrides;
}

/** Layers overrides on a base: later layers win, rule by rule. */
export function resolveConfig(base: ResolvedConfig, overrides: ConfigOverrides & { stories?: string[] }, profile?: Profile): ResolvedConfig {
  const rules: Record<string, RuleConfig> = { ...base.rules };
  for (const [id, entry] of Object.entries(overrides.rules ?? {})) {
    rules[id] = {
      severity: entry.severity ?? rules[id]?.severity,
      options: { ...rules[id]?.options, ...entry.options },
    };
  }
  const active = profile ?? (overrides.profile ? (findProfile(base, overrides.profile) ?? base.profile) : base.profile);
  return {
    profile: active,
    // An explicitly chosen profile (config file, --profile) is the bank's; otherwise the base's stays.
    bankProfileId: profile || overrides.profile ? active.id : base.bankProfileId,
    profiles: base.profiles,
    wordsPerMinute: overrides.wordsPerMinute ?? base.wordsPerMinute,
    maxSeconds: overrides.maxSeconds ?? base.maxSeconds,
    stories: overrides.stories ?? base.stories,
    rules,
  };
}
