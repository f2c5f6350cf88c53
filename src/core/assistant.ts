// The four tools Story Bank offers AI assistants (the CLI's MCP server and the editor's language-model tools):
// their names, descriptions, input and output schemas, and the answers they give. One definition, two hosts:
// the answers are built here from the core's results, never re-judged. Lines and columns are 1-based here,
// as in the CLI's JSON contract, because this is what leaves the program.
import { z } from 'zod';
import type { ResolvedConfig } from './config';
import { computeCoverage, readinessGaps, storiesNeedingAttention, type CoverageEntry, type IndexedStory } from './coverage';
import { docsUrl, type StorySummary } from './lint';
import { RULES, RULES_BY_ID } from './rules';
import { FILTER_LABELS, FILTER_RULE_IDS, type FilterId } from './rules/rule';
import { storyTemplate } from './templates';
import { TOOL_NAMES } from './toolNames';
import type { Range } from './types';

export { TOOL_NAMES };

/** Longest story text a tool accepts inline: the CLI's file limit would be far more than any story. */
export const MAX_TOOL_TEXT = 200_000;

/** What the model reads to decide when to call each tool. */
export const TOOL_DESCRIPTIONS = {
  check_story:
    'Check one behavioral-interview story (Markdown with YAML frontmatter: title and the question types it answers) for a clear tradeoff, ' +
    'a clear first-person role and a measurable result, plus structure, timing and answer shape. Call it after writing or rewriting a story, ' +
    'and again after each edit, until every filter passes and no error is left; quote its findings instead of guessing what is weak. ' +
    'Give either `path` (a story file inside the bank) or `text` (a draft that is not saved yet).',
  check_bank:
    'Check the whole story bank: every story with its three filters and the question types it is ready for, and the coverage of the ' +
    "profile's question types (covered: two or more ready stories, thin: one, gap: none). Call it to get an overview of the bank, before " +
    'planning what to write next, or to find the stories that need work.',
  next_gap:
    'The question type that most needs a story (the first gap, else the first thin type), with the question, what the interviewer listens for, ' +
    'the answer shape, and a Markdown template to start from. Call it when the user asks what to write next or wants to fill a hole in the bank.',
  explain_rule:
    'Explain one Story Bank rule (for example tradeoff, role, result, timing, answer-shape): what it checks, why it matters, weak and strong ' +
    'examples, and its options. Call it when a finding names a rule and the user or you need to know how to fix it.',
} as const;

export const CheckStoryInput = z
  .object({
    path: z.string().min(1).max(4096).optional().describe('A story file, relative to the bank folder (for example "stories/pricing-test.md").'),
    text: z.string().max(MAX_TOOL_TEXT).optional().describe("A story's full Markdown text, frontmatter included, when it is not saved in the bank."),
  })
  .strict();
export const CheckBankInput = z.object({}).strict();
export const NextGapInput = z
  .object({
    title: z.string().min(1).max(200).optional().describe("A title for the template's frontmatter (default: a placeholder)."),
  })
  .strict();
export const ExplainRuleInput = z
  .object({
    rule: z.enum(RULES.map((rule) => rule.id) as [string, ...string[]]).describe('The rule id, as shown in brackets after a finding.'),
  })
  .strict();

export type CheckStoryArgs = z.infer<typeof CheckStoryInput>;
export type NextGapArgs = z.infer<typeof NextGapInput>;
export type ExplainRuleArgs = z.infer<typeof ExplainRuleInput>;

const Place = z.object({ line: z.number().int(), column: z.number().int(), endLine: z.number().int(), endColumn: z.number().int() });
const Filters = z.object({ tradeoff: z.boolean(), role: z.boolean(), result: z.boolean() });
const Severity = z.enum(['error', 'warning', 'info', 'hint']);

export const StoryCheckOutput = z.object({
  path: z.string().optional(),
  isStory: z.boolean().describe('False when the text has no story frontmatter (no `questions`): nothing else is judged.'),
  title: z.string(),
  questions: z.array(z.string()),
  words: z.number(),
  seconds: z.number().describe('Spoken length at the configured pace.'),
  maxSeconds: z.number(),
  filters: Filters,
  missingFilters: z.array(z.enum(FILTER_RULE_IDS)).describe('The filters the story fails; empty when all three pass.'),
  evidence: z.record(z.string(), Place.extend({ text: z.string() })).describe('For each passed filter, the words that passed it.'),
  ready: z.array(z.string()).describe('The claimed question types the story is ready for.'),
  readiness: z.array(z.object({ question: z.string(), ready: z.boolean(), missing: z.array(z.string()) })),
  findings: z.array(Place.extend({ rule: z.string(), severity: Severity, message: z.string() })),
  summary: z.string(),
});
export type StoryCheck = z.infer<typeof StoryCheckOutput>;

export const BankCheckOutput = z.object({
  profile: z.string(),
  summary: z.string(),
  counts: z.object({ stories: z.number(), readyStories: z.number(), covered: z.number(), thin: z.number(), gap: z.number(), errors: z.number() }),
  coverage: z.array(
    z.object({ id: z.string(), title: z.string(), status: z.enum(['covered', 'thin', 'gap']), stories: z.array(z.string()), ready: z.array(z.string()) }),
  ),
  stories: z.array(
    z.object({
      path: z.string(),
      title: z.string(),
      questions: z.array(z.string()),
      seconds: z.number(),
      filters: Filters,
      ready: z.array(z.string()),
      errors: z.number(),
      warnings: z.number(),
    }),
  ),
  needsAttention: z.array(z.string()).describe('Stories that claim no question type of the profile and hold an error (a misspelt question id, say).'),
  problems: z.array(z.object({ path: z.string(), message: z.string() })).describe('Files that could not be checked and configuration problems.'),
});
export type BankCheck = z.infer<typeof BankCheckOutput>;

export const NextGapOutput = z.object({
  done: z.boolean().describe('True when every question type has at least two ready stories.'),
  summary: z.string(),
  question: z
    .object({
      id: z.string(),
      title: z.string(),
      status: z.enum(['gap', 'thin']),
      question: z.string(),
      listensFor: z.string(),
      answerShape: z.array(z.string()),
      claimingStories: z.array(z.string()),
      readyStories: z.array(z.string()),
      template: z.string(),
    })
    .optional(),
});
export type NextGap = z.infer<typeof NextGapOutput>;

export const RuleExplanationOutput = z.object({
  rule: z.string(),
  description: z.string(),
  filter: z.boolean().describe('True for the three filters (tradeoff, role, result).'),
  defaultSeverity: Severity,
  docsUrl: z.string(),
  page: z.string().describe("The rule's documentation page (Markdown), as shipped with Story Bank."),
});
export type RuleExplanation = z.infer<typeof RuleExplanationOutput>;

function place(range: Range) {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

function missingOf(result: StorySummary): FilterId[] {
  return result.isStory ? FILTER_RULE_IDS.filter((id) => !result.filters[id]) : [];
}

/** check_story's answer for a checked text. */
export function storyCheck(result: StorySummary, config: ResolvedConfig, path?: string): StoryCheck {
  const missing = missingOf(result);
  const errors = result.findings.filter((finding) => finding.severity === 'error').length;
  const summary = !result.isStory
    ? 'Not a story: the frontmatter has no `questions` list, so nothing was judged. Add `questions: [<question type>]` to the frontmatter.'
    : [
        missing.length === 0 ? 'All three filters pass.' : `Missing filters: ${missing.map((id) => FILTER_LABELS[id]).join(', ')}.`,
        `${result.findings.length} finding(s), ${errors} error(s).`,
        result.ready.length ? `Ready for: ${result.ready.join(', ')}.` : 'Not ready for any question type it claims yet.',
        `About ${result.seconds} s spoken (limit ${config.maxSeconds} s).`,
      ].join(' ');
  return {
    ...(path === undefined ? {} : { path }),
    isStory: result.isStory,
    title: result.title,
    questions: result.questions,
    words: result.words,
    seconds: result.seconds,
    maxSeconds: config.maxSeconds,
    filters: { tradeoff: result.filters.tradeoff, role: result.filters.role, result: result.filters.result },
    missingFilters: missing,
    evidence: Object.fromEntries(
      FILTER_RULE_IDS.flatMap((id) => {
        const evidence = result.evidence[id];
        return evidence ? [[id, { ...place(evidence.range), text: evidence.text }]] : [];
      }),
    ),
    ready: result.ready,
    readiness: result.questions.map((question) => {
      const gaps = readinessGaps(result, question);
      return { question, ready: gaps.length === 0, missing: gaps };
    }),
    findings: result.findings.map((finding) => ({ rule: finding.ruleId, severity: finding.severity, message: finding.message, ...place(finding.range) })),
    summary,
  };
}

/** check_bank's answer; `stories` holds only story files (those with `questions`). */
export function bankCheck(config: ResolvedConfig, stories: readonly IndexedStory[], problems: readonly { path: string; message: string }[] = []): BankCheck {
  const coverage = computeCoverage(config.profile, stories);
  const count = (status: CoverageEntry['status']) => coverage.filter((entry) => entry.status === status).length;
  const counts = {
    stories: stories.length,
    readyStories: stories.filter(({ result }) => result.ready.length > 0).length,
    covered: count('covered'),
    thin: count('thin'),
    gap: count('gap'),
    errors: stories.reduce((sum, { result }) => sum + result.findings.filter((finding) => finding.severity === 'error').length, 0),
  };
  return {
    profile: config.profile.id,
    summary:
      `${counts.stories} stor${counts.stories === 1 ? 'y' : 'ies'}, ${counts.readyStories} ready for at least one question type; ` +
      `question types (${config.profile.id}): ${counts.covered} covered, ${counts.thin} thin, ${counts.gap} gap.`,
    counts,
    coverage: coverage.map(({ id, title, status, stories: claiming, ready }) => ({ id, title, status, stories: claiming, ready })),
    stories: stories.map(({ path, result }) => ({
      path,
      title: result.title,
      questions: result.questions,
      seconds: result.seconds,
      filters: { tradeoff: result.filters.tradeoff, role: result.filters.role, result: result.filters.result },
      ready: result.ready,
      errors: result.findings.filter((finding) => finding.severity === 'error').length,
      warnings: result.findings.filter((finding) => finding.severity === 'warning').length,
    })),
    needsAttention: storiesNeedingAttention(config.profile, stories),
    problems: problems.map(({ path, message }) => ({ path, message })),
  };
}

/** The question type that most needs a story: the first gap, else the first thin type (as Open Next Gap picks it). */
export function nextGapEntry(coverage: readonly CoverageEntry[]): CoverageEntry | undefined {
  return coverage.find((entry) => entry.status === 'gap') ?? coverage.find((entry) => entry.status === 'thin');
}

/** next_gap's answer. */
export function nextGap(config: ResolvedConfig, stories: readonly IndexedStory[], title = 'A short title'): NextGap {
  const entry = nextGapEntry(computeCoverage(config.profile, stories));
  const question = entry && config.profile.questions.find((candidate) => candidate.id === entry.id);
  if (!entry || !question || entry.status === 'covered') {
    return { done: true, summary: `Every question type of ${config.profile.id} has at least two ready stories.` };
  }
  return {
    done: false,
    summary:
      entry.status === 'gap'
        ? `"${question.title}" (${question.id}) has no ready story.`
        : `"${question.title}" (${question.id}) has only one ready story; a backup is missing.`,
    question: {
      id: question.id,
      title: question.title,
      status: entry.status,
      question: question.question,
      listensFor: question.listensFor,
      answerShape: question.answerShape,
      claimingStories: entry.stories,
      readyStories: entry.ready,
      template: storyTemplate(question, title),
    },
  };
}

/** explain_rule's answer; `page` is the rule's bundled docs page, read by the host. */
export function ruleExplanation(ruleId: string, page: string): RuleExplanation {
  const rule = RULES_BY_ID.get(ruleId);
  if (!rule) throw new Error(`Unknown rule "${ruleId}". Known rules: ${RULES.map((each) => each.id).join(', ')}.`);
  return {
    rule: rule.id,
    description: rule.meta.description,
    filter: (FILTER_RULE_IDS as readonly string[]).includes(rule.id),
    defaultSeverity: rule.meta.defaultSeverity,
    docsUrl: docsUrl(rule.id),
    page,
  };
}
