import type { Profile } from './profiles';
import type { StorySummary } from './lint';

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
