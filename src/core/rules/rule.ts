import type { z } from 'zod';
import type { Profile } from '../profiles';
import type { ParsedStory } from '../story/parse';
import type { Fix, SectionKind, Sentence, Severity, Span } from '../types';

export interface StorySettings {
  wordsPerMinute: number;
  maxSeconds: number;
}

export interface Report {
  /** A key of the rule's `meta.messages`; `{name}` placeholders are filled from `data`. */
  messageId: string;
  data?: Record<string, string | number>;
  span: Span;
  fixes?: Fix[];
  /** The question id the report is about, when it is about one claimed question. */
  question?: string;
}

export interface RuleContext<Options = unknown> {
  readonly story: ParsedStory;
  /** The active profile; `story.questions` holds what the story claims in it. */
  readonly profile: Profile;
  /** Every profile a `questions` map may name: the built-in ones and the configuration's custom ones. */
  readonly profiles: readonly Profile[];
  /** The profile a plain `questions` list belongs to (the configured one). */
  readonly bankProfileId: string;
  readonly settings: StorySettings;
  readonly options: Options;
  /** Sentences in the given sections, in file order. */
  sentencesIn(...kinds: SectionKind[]): Sentence[];
  report(report: Report): void;
  /** Records the words that satisfied this (filter) rule; the first call wins. */
  evidence(span: Span): void;
}

export interface RuleMeta<Options> {
  /** One line: what the rule checks. */
  description: string;
  defaultSeverity: Severity;
  messages: Record<string, string>;
  /** Validates and defaults the rule's options (everything but `severity` in its configuration). */
  options: z.ZodType<Options>;
  /** A short weak example and its stronger version, for the docs table. */
  examples: { bad: string; good: string };
}

export interface Rule<Options = unknown> {
  id: string;
  meta: RuleMeta<Options>;
  check(context: RuleContext<Options>): void;
}

export function defineRule<Options>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

export const FILTER_RULE_IDS = ['tradeoff', 'role', 'result'] as const;
export type FilterId = (typeof FILTER_RULE_IDS)[number];

export const FILTER_LABELS: Record<FilterId, string> = { tradeoff: 'Tradeoff', role: 'Role', result: 'Result' };

/** "Tradeoff ✓" / "Role ✗": how every view names a filter's verdict. */
export function filterVerdict(filter: FilterId, passed: boolean): string {
  return `${FILTER_LABELS[filter]} ${passed ? '✓' : '✗'}`;
}
