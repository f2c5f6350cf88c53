import type { Profile } from './profiles';
import type { StoryResult } from './lint';

export type CoverageStatus = 'covered' | 'thin' | 'gap';

export interface CoverageEntry {
  id: string;
  title: string;
  status: CoverageStatus;
  /** Paths of the stories that claim this question type. */
  stories: string[];
  /** The claiming stories that pass all three filters and have no error finding. */
  ready: string[];
}

export interface IndexedStory {
  path: string;
  result: StoryResult;
}

export function isReady(result: StoryResult): boolean {
  return (
    result.isStory &&
    Object.values(result.filters).every(Boolean) &&
    !result.findings.some((finding) => finding.severity === 'error')
  );
}

/** For each question type of the profile: who claims it, who is ready, and whether that is enough. */
export function computeCoverage(profile: Profile, stories: readonly IndexedStory[]): CoverageEntry[] {
  return profile.questions.map((question) => {
    const claiming = stories.filter((story) => story.result.isStory && story.result.questions.includes(question.id));
    const ready = claiming.filter((story) => isReady(story.result));
    return {
      id: question.id,
      title: question.title,
      status: ready.length >= 2 ? 'covered' : ready.length === 1 ? 'thin' : 'gap',
      stories: claiming.map((story) => story.path),
      ready: ready.map((story) => story.path),
    };
  });
}
