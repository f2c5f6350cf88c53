import type { Profile } from './profiles';
import type { StorySummary } from './lint';
import { FILTER_RULE_IDS } from './rules/rule';

export type CoverageStatus = 'covered' | 'thin' | 'gap';

export interface CoverageEntry {
  id: string;
  title: string;
  status: CoverageStatus;
  /** Paths of the stories that claim this question type. */
  stories: string[];
  /** The claiming stories that are ready for this question (see StorySummary.ready). */
  ready: string[];
}

export interface IndexedStory {
  path: string;
  result: StorySummary;
}

/** Ready for this question: the core's verdict, computed once per story. */
export function isReadyFor(result: StorySummary, questionId: string): boolean {
  return result.isStory && result.ready.includes(questionId);
}

/** For each question type of the profile: who claims it, who is ready, and whether that is enough. */
export function computeCoverage(profile: Profile, stories: readonly IndexedStory[]): CoverageEntry[] {
  return profile.questions.map((question) => {
    const claiming = stories.filter((story) => story.result.isStory && story.result.questions.includes(question.id));
    const ready = claiming.filter((story) => isReadyFor(story.result, question.id));
    return {
      id: question.id,
      title: question.title,
      status: ready.length >= 2 ? 'covered' : ready.length === 1 ? 'thin' : 'gap',
      stories: claiming.map((story) => story.path),
      ready: ready.map((story) => story.path),
    };
  });
}

/**
 * Stories no coverage row lists (they claim no question type of the profile: every id unknown, or none at
 * all) and that hold an error, such as a misspelt question id. Views show them apart, with their findings,
 * instead of losing them. A story written for another profile, with no error, is left out.
 */
export function storiesNeedingAttention(profile: Profile, stories: readonly IndexedStory[]): string[] {
  const known = new Set(profile.questions.map((question) => question.id));
  return stories
    .filter((story) => story.result.isStory && !story.result.questions.some((id) => known.has(id)))
    .filter((story) => story.result.findings.some((finding) => finding.severity === 'error'))
    .map((story) => story.path);
}

/** What keeps a story from being ready for a question it claims, in the order a writer would fix it. */
export type ReadinessGap = 'error' | 'tradeoff' | 'role' | 'result' | 'answer shape';

/** Empty when the story is ready for the question; read from the core's findings, never re-judged. */
export function readinessGaps(result: StorySummary, questionId: string): ReadinessGap[] {
  if (isReadyFor(result, questionId)) return [];
  const gaps: ReadinessGap[] = [];
  if (result.findings.some((finding) => finding.severity === 'error')) gaps.push('error');
  for (const id of FILTER_RULE_IDS) if (!result.filters[id]) gaps.push(id);
  if (result.findings.some((finding) => finding.ruleId === 'answer-shape' && finding.question === questionId)) gaps.push('answer shape');
  return gaps;
}
