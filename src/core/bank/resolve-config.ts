// A configuration source (file text, settings, profile choices) resolved into the configuration rules run with.
// This loads the rule registry and zod, so light front ends (the CLI answering from its cache) import it lazily.
import { DEFAULT_CONFIG, findProfile, knownProfiles, parseConfig, resolveConfig, type ConfigProblem, type ResolvedConfig } from '../config';
import { RULES } from '../rules';
import type { ConfigSource } from './config-source';

export interface ConfigProblemEntry {
  path: string;
  message: string;
  /** 1-based, for people and the CLI's JSON. */
  line: number;
  column: number;
  /** 0-based, for editors. */
  range: ConfigProblem['range'];
}

export type ResolvedBankConfig = { ok: true; config: ResolvedConfig; problems: ConfigProblemEntry[] } | { ok: false; usageError: string };

/** A bad file yields problems with positions and the valid rest still applies; only an unknown `--profile` stops. */
export function resolveBankConfig(source: ConfigSource): ResolvedBankConfig {
  let config = source.overrides ? resolveConfig(DEFAULT_CONFIG, source.overrides) : DEFAULT_CONFIG;
  const problems: ConfigProblemEntry[] = [];
  if (source.file !== undefined && source.text !== undefined) {
    const parsed = parseConfig(source.text, RULES, config);
    for (const problem of parsed.problems) {
      const { start } = problem.range;
      problems.push({ path: source.file, message: problem.message, line: start.line + 1, column: start.character + 1, range: problem.range });
    }
    config = parsed.config;
  }
  if (source.profileId) {
    const profile = findProfile(config, source.profileId);
    if (!profile)
      return {
        ok: false,
        usageError: `unknown profile "${source.profileId}" (known: ${knownProfiles(config)
          .map((known) => known.id)
          .join(', ')})`,
      };
    config = resolveConfig(config, {}, profile);
  }
  return { ok: true, config, problems };
}
