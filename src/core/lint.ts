import { RULES } from './rules';
import { FILTER_RULE_IDS, type FilterId, type Report, type Rule, type RuleContext } from './rules/rule';
import { parseStory, questionsFor, type ParsedStory } from './story/parse';
import { trimSpan } from './text';
import type { Evidence, Finding, SectionKind, Severity, SeveritySetting, Span } from './types';
import { DEFAULT_CONFIG, knownProfiles, type ResolvedConfig } from './config';
import { DEFAULT_PROFILE_ID } from './profiles';
import { configuredBudgets, timing } from './rules/timing';
import { sectionSeconds, type SectionBudget } from './timing';

export const DOCS_BASE_URL = 'https://github.com/story-bank/story-bank/blob/main/src/core/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

/** What a check says about one story, as plain data (what the CLI cache keeps). */
export interface StorySummary {
  isStory: boolean;
  title: string;
  questions: string[];
  words: number;
  seconds: number;
  filters: Record<FilterId, boolean>;
  /** For each passed filter, the words that passed it. */
  evidence: Partial<Record<FilterId, Evidence>>;
  /** The claimed question ids this story is ready for: every filter passes, no error, and that question's answer shape holds. */
  ready: string[];
  /** Each headed section's spoken time, with the budget the timing rule judges it by (the configured one). */
  sectionTimes: SectionTime[];
  findings: Finding[];
}

export interface SectionTime {
  kind: SectionKind;
  title: string;
  headingSpan: Span;
  seconds: number;
  budget?: SectionBudget;
}

export interface StoryResult extends StorySummary {
  story: ParsedStory;
}

export interface LintOptions {
  config?: ResolvedConfig;
  /** Rules to run instead of the registered ones (tests use this to run one rule alone). */
  rules?: readonly Rule<any>[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function checkStoryText(text: string, options: LintOptions = {}): StoryResult {
  return lintStory(parseStory(text), options);
}

export function lintStory(parsed: ParsedStory, options: LintOptions = {}): StoryResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const story = forProfile(parsed, config);
  const evidenceSpans = new Map<string, Span>();
  const findings = story.isStory ? runRules(story, config, options.rules ?? RULES, evidenceSpans) : [];
  const filters = Object.fromEntries(
    FILTER_RULE_IDS.map((id) => [id, story.isStory && !story.skippedAnalysis && !findings.some((finding) => finding.ruleId === id)]),
  ) as Record<FilterId, boolean>;
  const evidence: Partial<Record<FilterId, Evidence>> = {};
  for (const id of FILTER_RULE_IDS) {
    const span = filters[id] ? evidenceSpans.get(id) : undefined;
    if (span) evidence[id] = { span, range: story.lines.rangeOf(span), text: story.text.slice(span.start, span.end) };
  }
  return {
    isStory: story.isStory,
    title: story.title ?? firstHeading(story) ?? '',
    questions: story.questions.map((question) => question.id),
    words: story.wordCount,
    seconds: spokenSeconds(story.wordCount, config.wordsPerMinute),
    filters,
    evidence,
    ready: readyQuestions(story, filters, findings),
    sectionTimes: sectionTimes(story, config),
    findings,
    story,
  };
}

function sectionTimes(story: ParsedStory, config: ResolvedConfig): SectionTime[] {
  const budgets = configuredBudgets(ruleOptions(timing, config));
  return story.sections.flatMap((section) =>
    section.headingSpan
      ? [
          {
            kind: section.kind,
            title: section.title,
            headingSpan: section.headingSpan,
            seconds: sectionSeconds(section, config.wordsPerMinute),
            budget: budgets[section.kind],
          },
        ]
      : [],
  );
}

/** The one definition of readiness every view reads. */
function readyQuestions(story: ParsedStory, filters: Record<FilterId, boolean>, findings: readonly Finding[]): string[] {
  if (!story.isStory || !FILTER_RULE_IDS.every((id) => filters[id]) || findings.some((finding) => finding.severity === 'error')) return [];
  const shapeMissing = new Set(findings.flatMap((finding) => (finding.question ? [finding.question] : [])));
  return [...new Set(story.questions.map((question) => question.id))].filter((id) => !shapeMissing.has(id));
}

/**
 * A result to keep for a story nobody has open: every summary field and the parsed story's outline (meta,
 * headings, sections, the sentences' text and place) stay, while the Markdown tree, the YAML document, each
 * sentence's word list and the linguistic layer's tags (cached against the sentence list, which is replaced) can
 * be collected. A bank of 1,000 stories otherwise holds all of them. Opening the story lints it again in full.
 */
export function withoutAnalysis(result: StoryResult): StoryResult {
  const { story } = result;
  const slim = new Map(story.sentences.map((sentence) => [sentence, { ...sentence, words: [] }]));
  return {
    ...result,
    story: {
      ...story,
      tree: undefined,
      frontmatter: story.frontmatter && { ...story.frontmatter, document: undefined },
      sentences: story.sentences.map((sentence) => slim.get(sentence)!),
      sections: story.sections.map((section) => ({ ...section, sentences: section.sentences.map((sentence) => slim.get(sentence) ?? sentence) })),
    },
  };
}

/** What a check says about a story, without the parsed story. */
export function summaryOf(result: StorySummary): StorySummary {
  const { story: _story, ...summary } = result as StoryResult;
  return summary;
}

/**
 * A result rebuilt from a kept summary and the text it was computed from (./bank/snapshot.ts). The story is
 * parsed again, and slimmed as by withoutAnalysis, only when something reads it: a practice outline, a cheat sheet,
 * a story's practice dates.
 */
export function restoredResult(summary: StorySummary, text: string, config: ResolvedConfig): StoryResult {
  let story: ParsedStory | undefined;
  return Object.defineProperty({ ...summary } as StoryResult, 'story', {
    enumerable: true,
    get: () => (story ??= withoutAnalysis({ ...summary, story: forProfile(parseStory(text), config) }).story),
  });
}

/** The story as seen by the configuration's active profile: `questions` holds what it claims there. */
export function forProfile(story: ParsedStory, config: Pick<ResolvedConfig, 'profile' | 'bankProfileId'>): ParsedStory {
  const bankProfileId = config.bankProfileId ?? DEFAULT_PROFILE_ID;
  if (config.profile.id === DEFAULT_PROFILE_ID && bankProfileId === DEFAULT_PROFILE_ID) return story; // parseStory's own view
  return { ...story, questions: questionsFor(story.questionRefs, config.profile.id, bankProfileId) };
}

export function spokenSeconds(words: number, wordsPerMinute: number): number {
  return Math.round((words / wordsPerMinute) * 60);
}

function firstHeading(story: ParsedStory): string | undefined {
  return story.headings.find((heading) => !heading.kind)?.text.trim() || undefined;
}

const optionsByConfig = new WeakMap<ResolvedConfig['rules'], Map<Rule<any>, unknown>>();

/**
 * A rule's options as the configuration sets them, with the rule's defaults; invalid ones were reported by
 * parseConfig and fall back to the defaults. Parsed once per configuration, not once per story.
 */
function ruleOptions<O>(rule: Rule<O>, config: ResolvedConfig): O {
  let byRule = optionsByConfig.get(config.rules);
  if (!byRule) optionsByConfig.set(config.rules, (byRule = new Map()));
  if (!byRule.has(rule)) {
    const parsed = rule.meta.options.safeParse(config.rules[rule.id]?.options ?? {});
    byRule.set(rule, parsed.success ? parsed.data : rule.meta.options.parse({}));
  }
  return byRule.get(rule) as O;
}

function runRules(story: ParsedStory, config: ResolvedConfig, rules: readonly Rule<any>[], evidence: Map<string, Span>): Finding[] {
  const findings: Finding[] = [];
  const sentencesByKind = new Map<SectionKind | undefined, ParsedStory['sentences']>();
  for (const sentence of story.sentences) {
    const list = sentencesByKind.get(sentence.section) ?? [];
    list.push(sentence);
    sentencesByKind.set(sentence.section, list);
  }
  const profiles = knownProfiles({ profiles: config.profiles ?? [] });
  for (const rule of rules) {
    const ruleConfig = config.rules[rule.id];
    const severity: SeveritySetting = ruleConfig?.severity ?? rule.meta.defaultSeverity;
    if (severity === 'off' || story.directives.file.has(rule.id) || story.directives.file.has('*')) continue;
    const context: RuleContext<unknown> = {
      story,
      profile: config.profile,
      profiles,
      bankProfileId: config.bankProfileId ?? DEFAULT_PROFILE_ID,
      settings: { wordsPerMinute: config.wordsPerMinute, maxSeconds: config.maxSeconds },
      options: ruleOptions(rule, config),
      sentencesIn: (...kinds) =>
        kinds.length === 1 ? (sentencesByKind.get(kinds[0]) ?? []) : story.sentences.filter((sentence) => sentence.section && kinds.includes(sentence.section)),
      report: (report) => {
        const finding = toFinding(story, rule, severity, report);
        if (finding && !isDisabledOnLine(story, finding)) findings.push(finding);
      },
      evidence: (span) => {
        const valid = validSpan(story.text, span);
        if (valid && !evidence.has(rule.id)) evidence.set(rule.id, valid);
      },
    };
    try {
      rule.check(context);
    } catch (error) {
      findings.push(internalError(story, rule, error));
    }
  }
  return findings.sort((a, b) => a.span.start - b.span.start || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.ruleId.localeCompare(b.ruleId));
}

function toFinding(story: ParsedStory, rule: Rule<any>, severity: Severity, report: Report): Finding | undefined {
  const template = rule.meta.messages[report.messageId];
  if (template === undefined) throw new Error(`rule "${rule.id}" reported unknown message id "${report.messageId}"`);
  const span = validSpan(story.text, report.span);
  if (!span) return undefined;
  const message = template.replace(/\{(\w+)\}/g, (whole, name: string) => String(report.data?.[name] ?? whole));
  return {
    ruleId: rule.id,
    messageId: report.messageId,
    severity,
    message,
    span,
    range: story.lines.rangeOf(span),
    docsUrl: docsUrl(rule.id),
    fixes: report.fixes ?? [],
    ...(report.question ? { question: report.question } : {}),
  };
}

/**
 * Clamps a reported span into the file and trims surrounding blanks. A zero-width span grows to cover the
 * word or line it sits on, so every finding marks visible text; undefined only for a file with no visible text.
 */
export function validSpan(text: string, span: Span): Span | undefined {
  const start = clamp(Math.min(span.start, span.end), 0, text.length);
  const end = clamp(Math.max(span.start, span.end), 0, text.length);
  const trimmed = trimSpan(text, { start, end });
  if (trimmed) return wholePairs(text, trimmed);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd === -1) lineEnd = text.length;
  const line = trimSpan(text, { start: lineStart, end: lineEnd });
  return line ? wholePairs(text, line) : nearestVisible(text, start);
}

/** Widens a span that starts or ends between the halves of a surrogate pair, so no finding marks half an emoji. */
function wholePairs(text: string, span: Span): Span {
  const splits = (offset: number) =>
    offset > 0 && offset < text.length && isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
  return { start: splits(span.start) ? span.start - 1 : span.start, end: splits(span.end) ? span.end + 1 : span.end };
}

function nearestVisible(text: string, offset: number): Span | undefined {
  for (let distance = 0; distance < text.length; distance++) {
    for (const index of [offset + distance, offset - distance - 1]) {
      if (index >= 0 && index < text.length && /\S/.test(text[index])) {
        const end = index + (isHighSurrogate(text.charCodeAt(index)) ? 2 : 1);
        return { start: index, end: Math.min(end, text.length) };
      }
    }
  }
  return undefined;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function clamp(value: number, low: number, high: number): number {
  return Number.isFinite(value) ? Math.max(low, Math.min(high, Math.trunc(value))) : low;
}

function isDisabledOnLine(story: ParsedStory, finding: Finding): boolean {
  const ids = story.directives.lines.get(finding.range.start.line);
  return !!ids && (ids.has('*') || ids.has(finding.ruleId));
}

function internalError(story: ParsedStory, rule: Rule<any>, error: unknown): Finding {
  const span = validSpan(story.text, story.frontmatter?.openerSpan ?? { start: 0, end: 1 }) ?? { start: 0, end: Math.min(1, story.text.length) };
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ruleId: rule.id,
    messageId: 'internalError',
    severity: 'warning',
    message: `Story Bank could not finish the "${rule.id}" check on this story (${reason}). The other checks still ran. Please report this with the story attached.`,
    span,
    range: story.lines.rangeOf(span),
    docsUrl: docsUrl(rule.id),
    fixes: [],
  };
}
